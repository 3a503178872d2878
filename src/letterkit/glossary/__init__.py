"""The term base: one concept per file in ``glossary/``, its words in fi, sv and en.

Public API::

    from letterkit.glossary import load_glossary, check_letter, phrasebook, lookup
    glossary = load_glossary("glossary")            # GlossaryError (exit 2) if broken
    glossary.term("residence-permit", "sv")          # "uppehållstillstånd"
    issues = check_letter({"fi": fi_md, "sv": sv_md, "en": en_md}, glossary)
    phrasebook("fi", glossary)                       # for the app and the docs site
    lookup("oleskelulupakorttisi", glossary)         # any term, any inflected form
"""

from letterkit.glossary.checks import (
    RULES,
    TermIssue,
    check_letter,
    check_parity,
    check_text,
    is_explained,
    issues_to_findings,
    text_findings,
)
from letterkit.glossary.loader import (
    Glossary,
    GlossaryError,
    GlossaryProblem,
    glossary_findings,
    load_glossary,
    read_glossary,
)
from letterkit.glossary.lookup import Match, PhrasebookEntry, lookup, phrasebook
from letterkit.glossary.matcher import TermHit, find_terms
from letterkit.glossary.model import DOMAINS, LANGS, Concept, LanguageEntry

__all__ = [
    "DOMAINS", "LANGS", "RULES", "Concept", "Glossary", "GlossaryError", "GlossaryProblem",
    "LanguageEntry", "Match", "PhrasebookEntry", "TermHit", "TermIssue", "check_letter",
    "check_parity", "check_text", "find_terms", "glossary_findings", "is_explained",
    "issues_to_findings", "load_glossary", "lookup", "phrasebook", "read_glossary",
    "text_findings",
]
