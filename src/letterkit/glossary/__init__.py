"""The term base: one concept per file in ``glossary/``, its words in fi, sv and en.

Public API::

    from letterkit.glossary import load_glossary, find_terms, phrasebook, lookup
    glossary = load_glossary("glossary")            # GlossaryError (exit 2) if broken
    glossary.term("residence-permit", "sv")          # "uppehållstillstånd"
    find_terms(text_or_document, "fi", glossary)      # every term occurrence, any form
    phrasebook("fi", glossary)                       # for the app and the docs site
    lookup("oleskelulupakorttisi", glossary)         # any term, any inflected form

The checks of letters against the term base are lint rules of the kind ``term``
(``letterkit.lint.kinds.term``, rule files ``linting/<lang>/*-term*.yaml``), run by the one
lint runner.
"""

from letterkit.glossary.loader import (
    GlossaryError,
    GlossaryProblem,
    glossary_findings,
    load_glossary,
    read_glossary,
)
from letterkit.glossary.lookup import Match, PhrasebookEntry, lookup, phrasebook
from letterkit.glossary.matcher import TermHit, find_terms
from letterkit.glossary.model import DOMAINS, LANGS, Concept, Glossary, LanguageEntry

__all__ = [
    "DOMAINS", "LANGS", "Concept", "Glossary", "GlossaryError", "GlossaryProblem",
    "LanguageEntry", "Match", "PhrasebookEntry", "TermHit", "find_terms", "glossary_findings",
    "load_glossary", "lookup", "phrasebook", "read_glossary",
]
