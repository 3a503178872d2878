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

from letterkit.lazy import names_from

_WHERE = {
    "GlossaryError": "loader", "GlossaryProblem": "loader", "glossary_findings": "loader",
    "load_glossary": "loader", "read_glossary": "loader",
    "Match": "lookup", "PhrasebookEntry": "lookup", "lookup": "lookup", "phrasebook": "lookup",
    "TermHit": "matcher", "find_terms": "matcher",
    "DOMAINS": "model", "LANGS": "model", "Concept": "model", "Glossary": "model",
    "LanguageEntry": "model",
}


# The public names, imported on first use: a lint that reads its term base from the
# compiled cache needs only the model and the matcher.
__getattr__ = names_from(__name__, _WHERE)

__all__ = sorted(_WHERE)
