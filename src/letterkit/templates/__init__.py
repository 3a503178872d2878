"""Jinja2 environments for letters: sandboxed always, strict for output, lenient for preview.

A project keeps one environment per language and mode: ``Project.environment(lang)``."""
