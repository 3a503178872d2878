"""Where a finding's ``url`` points: the rule's page on the project's documentation site when
``[tool.letterkit] site_url`` says where the site is published, else the rule's own source.

The site has a page per rule and language at ``<site_url>/<lang>/rules/<name>/`` (the default
language, Finnish, at the root: ``<site_url>/rules/<name>/``), built by ``letterkit.site``.
"""

from __future__ import annotations

from letterkit import LANGUAGES


def rule_page_url(site_url: str, name: str, lang: str) -> str:
    """The address of rule *name*'s page in *lang* on the site at *site_url*."""
    prefix = "" if lang not in LANGUAGES or lang == LANGUAGES[0] else f"{lang}/"
    return f"{site_url.rstrip('/')}/{prefix}rules/{name}/"


def finding_url(site_url: str, name: str, lang: str, fallback: str) -> str:
    return rule_page_url(site_url, name, lang) if site_url else fallback
