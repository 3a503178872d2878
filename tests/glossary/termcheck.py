"""The term base's lint rules (kind ``term``) run on a text, for the glossary tests."""

from __future__ import annotations

from pathlib import Path

from letterkit.glossary import Glossary
from letterkit.lint import lint_text, load_rules

REPO = Path(__file__).resolve().parents[2]
TERM_RULES = load_rules(REPO / "linting", select=("TRM",))


def check_text(text: str, lang: str, glossary: Glossary) -> list:
    """The term rules' findings on *text* (TRM001, TRM002, TRM004), in text order."""
    return lint_text(text, lang, TERM_RULES, terms=glossary)


def check_parity(texts: dict[str, str], glossary: Glossary) -> list[tuple[str, str, int]]:
    """TRM003 over the language versions *texts* of one letter: (lang, concept, offset)."""
    from letterkit.lint.context import LintContext

    contexts = {lang: LintContext(text=text, lang=lang, terms=glossary)
                for lang, text in texts.items()}
    out = []
    for lang, ctx in contexts.items():
        ctx.versions = {other: c for other, c in contexts.items() if other != lang}
        rule = TERM_RULES.by_code("TRM003", lang)
        out.extend((lang, hit.values["concept"], hit.start) for hit in rule.check(ctx))
    return out
