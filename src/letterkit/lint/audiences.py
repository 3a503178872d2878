"""Who reads a letter and how it addresses them: ``audiences`` in ``linting/config.yaml``.

``audiences.<name>.address.<lang>`` is the form of address (fi sinä/te, sv du/ni, en you) a
letter for that audience uses. Rules that declare ``configured_by: address`` (the kind
``consistency``: ADR001 mixed-address) read it from ``LintContext.settings["audience"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from letterkit.errors import Problem
from letterkit.yamlio import Fields, Located

if TYPE_CHECKING:
    from letterkit.project import Project

FIELDS = {"description": "who the audience is, in a few words",
          "address": "the form of address per language, e.g. {fi: sinä, sv: du, en: you}",
          "rules": "rule overrides by code for this audience's letters, like kinds.<kind>.rules"}


def audience_problems(config: Located) -> list[Problem]:
    """Every problem of ``audiences`` in *config* (``linting/config.yaml``), at its line."""
    problems: list[Problem] = []
    fields = Fields(config, problems)
    audiences = fields.mapping("audiences", "'audiences' must map each audience (applicant, "
                                            "counsel ...) to {description, address}")
    for name, spec in audiences.items():
        if not isinstance(spec, dict):
            fields.add(f"audience {name!r} must be a mapping with: " + ", ".join(FIELDS),
                       "audiences", name)
            continue
        audience = fields.sub("audiences", name)
        audience.unknown(FIELDS, f"in audience {name!r}")
        audience.text("description")
        audience.mapping("rules", f"'rules' of audience {name!r} must map rule codes to "
                                  "their settings, e.g. {ADR001: {severity: error}}")
        address = audience.get("address")
        if address is not None and (not isinstance(address, dict) or not all(
                isinstance(v, str) and v.strip() for v in address.values())):
            audience.add(f"'address' of audience {name!r} must map languages to a form, "
                         "e.g. {fi: sinä, sv: du, en: you}", "address")
    return problems


def audience_settings(project: Project | None, audience: str | None, lang: str
                      ) -> dict[str, Any] | None:
    """``{"name", "address", "where"}`` for *audience* in *lang*, or None when the config
    names no form for them. Raises ProblemsError (every problem, located) on a malformed
    ``audiences``."""
    if project is None or not audience:
        return None
    config = project.checked_config("audiences", audience_problems)
    spec = (config.data.get("audiences") or {}).get(audience)
    if spec is None:
        return None
    address = spec.get("address")
    if address is None:
        return None
    form = address.get(lang)
    if form is None:
        return None
    return {"name": audience, "address": form.strip(),
            "where": config.location("audiences", audience, "address", lang)}
