"""Jinja2 environments for letters: sandboxed always, strict for output, lenient for preview."""

from letterkit.templates.environment import environment

__all__ = ["environment"]
