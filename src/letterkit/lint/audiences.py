"""Who reads a letter and how it addresses them: ``audiences`` in ``linting/config.yaml``.

``audiences.<name>.address.<lang>`` is the form of address (fi sinä/te, sv du/ni, en you) a
letter for that audience uses. Rules that declare ``configured_by: address`` (the kind
``consistency``: ADR001 mixed-address) read it from ``LintContext.settings["audience"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from letterkit.errors import LetterkitError

if TYPE_CHECKING:
    from letterkit.project import Project

FIELDS = {"description": "who the audience is, in a few words",
          "address": "the form of address per language, e.g. {fi: sinä, sv: du, en: you}",
          "rules": "rule overrides by code for this audience's letters, like kinds.<kind>.rules"}


def audience_settings(project: Project | None, audience: str | None, lang: str
                      ) -> dict[str, Any] | None:
    """``{"name", "address", "where"}`` for *audience* in *lang*, or None when the config
    names no form for them. Raises LetterkitError (located) on a malformed ``audiences``."""
    if project is None or not audience:
        return None
    config = project.config
    audiences = config.data.get("audiences")
    if audiences is None:
        return None
    if not isinstance(audiences, dict):
        raise LetterkitError("'audiences' must map each audience (applicant, counsel ...) to "
                             "{description, address}", config.location("audiences"))
    spec = audiences.get(audience)
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise LetterkitError(f"audience {audience!r} must be a mapping with: "
                             + ", ".join(FIELDS), config.location("audiences", audience))
    for key in spec:
        if key not in FIELDS:
            raise LetterkitError(f"unknown field {key!r} in audience {audience!r}; the fields "
                                 "are: " + ", ".join(FIELDS),
                                 config.location("audiences", audience, key))
    address = spec.get("address")
    if address is None:
        return None
    if not isinstance(address, dict) or not all(
            isinstance(v, str) and v.strip() for v in address.values()):
        raise LetterkitError(f"'address' of audience {audience!r} must map languages to a "
                             "form, e.g. {fi: sinä, sv: du, en: you}",
                             config.location("audiences", audience, "address"))
    form = address.get(lang)
    if form is None:
        return None
    return {"name": audience, "address": form.strip(),
            "where": config.location("audiences", audience, "address", lang)}
