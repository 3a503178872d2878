"""Pages of the documentation site generated from the project's data.

``docs/hooks.py`` calls :func:`write_pages` before every ``mkdocs build``: one rules page, one
phrasebook and one letter catalogue per language, written as real files (mkdocs-static-i18n
cannot handle virtual ones) and rewritten only when their content changed, so that
``mkdocs serve`` does not loop.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from letterkit import LANGUAGES
from letterkit.errors import LetterkitError
from letterkit.project import Project

# NOTE: page furniture only; the texts themselves come from the rule packs, the term base
# and the letters, each written in its own language.
WORDS = {
    "fi": {
        "rules": "Kielisäännöt", "rules_intro": "Nämä säännöt tarkistavat kirjeiden kielen. "
        "Jokainen löydös kertoo säännön koodin; tältä sivulta löydät, miksi sääntö on olemassa, "
        "mistä ohje tulee ja millainen teksti läpäisee sen.",
        "avoid": "Vältä", "prefer": "Parempi", "source": "Lähde", "severity": "Vakavuus",
        "phrasebook": "Sanasto", "phrasebook_intro": "Näitä sanoja käytämme kirjeissä. "
        "Selitykset on kirjoitettu niin kuin sanoisit asian asiakkaalle.",
        "admitted": "Myös", "deprecated": "Älä käytä", "catalogue": "Kirjeet",
        "catalogue_intro": "Kaikki kirjepohjat. Esimerkki on kuvitellulla esimerkkiaineistolla.",
        "version": "versio", "status": "tila", "readability": "Luettavuus",
        "explain": "selitä sana tekstissä",
    },
    "sv": {
        "rules": "Språkregler", "rules_intro": "De här reglerna granskar språket i breven. "
        "Varje fynd har regelns kod; här ser du varför regeln finns, var råden kommer ifrån och "
        "hur en text ser ut som klarar regeln.",
        "avoid": "Undvik", "prefer": "Bättre", "source": "Källa", "severity": "Allvarlighet",
        "phrasebook": "Ordlista", "phrasebook_intro": "De här orden använder vi i breven. "
        "Förklaringarna är skrivna så som du skulle säga dem till en kund.",
        "admitted": "Också", "deprecated": "Använd inte", "catalogue": "Brev",
        "catalogue_intro": "Alla brevmallar. Exemplet bygger på påhittade uppgifter.",
        "version": "version", "status": "status", "readability": "Läsbarhet",
        "explain": "förklara ordet i texten",
    },
    "en": {
        "rules": "Language rules", "rules_intro": "These rules check the language of the "
        "letters. Every finding names its rule's code; this page says why the rule exists, "
        "where the guidance comes from and what a text that passes looks like.",
        "avoid": "Avoid", "prefer": "Better", "source": "Source", "severity": "Severity",
        "phrasebook": "Phrasebook", "phrasebook_intro": "These are the words we use in our "
        "letters. The explanations are written as you would say them to a customer.",
        "admitted": "Also", "deprecated": "Do not use", "catalogue": "Letters",
        "catalogue_intro": "Every letter template. Each example uses invented data.",
        "version": "version", "status": "status", "readability": "Readability",
        "explain": "explain the word in the text",
    },
}


def rules_page(lang: str, project: Project) -> str:
    from letterkit.lint import load_rules

    words = WORDS[lang]
    rules = sorted(load_rules(project.linting_dir).for_lang(lang), key=lambda r: r.code)
    lines = [f"# {words['rules']}", "", words["rules_intro"], ""]
    lines += ["| | | |", "|---|---|---|"]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.spec.name} | {r.spec.severity.value} |"
              for r in rules]
    for rule in rules:
        spec = rule.spec
        lines += ["", f"## {spec.code} {spec.name} {{#{spec.code.lower()}}}", "",
                  spec.description, "",
                  f"{words['severity']}: **{spec.severity.value}** · `{spec.kind}` · "
                  f"{words['source']}: <{spec.link}>", ""]
        lines += [f"- {words['avoid']}: {_quote(text)}" for text in spec.examples["fail"]]
        lines += [f"- {words['prefer']}: {_quote(text)}" for text in spec.examples["pass"]]
    return "\n".join(lines) + "\n"


def phrasebook_page(lang: str, project: Project) -> str:
    from letterkit.glossary import load_glossary, phrasebook

    words = WORDS[lang]
    lines = [f"# {words['phrasebook']}", "", words["phrasebook_intro"], ""]
    glossary = load_glossary(project.glossary_dir)
    for entry in phrasebook(lang, glossary):
        lines += [f"## {entry.term} {{#{entry.concept_id}}}", "", entry.explanation or "", ""]
        if entry.admitted:
            lines.append(f"- {words['admitted']}: {', '.join(entry.admitted)}")
        for term, reason in entry.avoid:
            lines.append(f"- {words['deprecated']}: {term} – {reason}")
        if entry.requires_explanation:
            lines.append(f"- *{words['explain']}*")
        lines.append("")
    return "\n".join(lines) + "\n"


def catalogue_page(lang: str, project: Project) -> str:
    from letterkit.catalog import load_catalog
    from letterkit.render import render_letter
    from letterkit.render.markdown import to_html
    from letterkit.text import analyze
    from letterkit.text.report import figures

    words = WORDS[lang]
    catalog = load_catalog(project.letters_dir, project.kinds)
    lines = [f"# {words['catalogue']}", "", words["catalogue_intro"], ""]
    for letter in sorted(catalog.letters.values(), key=lambda item: item.id):
        if lang not in letter.languages:
            continue
        lines += [f"## {escape(letter.title.get(lang, letter.id))} {{#{letter.id}}}", "",
                  f"`{letter.id}` · {letter.kind} · {words['version']} {letter.version} · "
                  f"{words['status']} {letter.status}", ""]
        try:
            rendered = render_letter(letter, lang, "default")
        except LetterkitError as exc:
            lines += [f"!!! warning\n    {escape(str(exc))}", ""]
            continue
        doc = analyze(rendered.markdown, lang)
        headline = figures(doc, [s for s in doc.sentences if s.start >= rendered.body_start])
        difficulty = headline["difficulty"]
        lines += [f"{words['readability']}: {difficulty['measure']} {difficulty['value']} "
                  f"({difficulty['band']})", ""]
        body = to_html(rendered.markdown).replace("<h1", "<p class=\"lk-h1\"").replace(
            "</h1>", "</p>").replace("<h2", "<p class=\"lk-h2\"").replace("</h2>", "</p>")
        lines += ['<div class="lk-letter" markdown="0">', body, "</div>", ""]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "“" + text.replace("\n", " ").strip() + "”"


PAGES: dict[str, Callable[[str, Project], str]] = {
    "rules": rules_page, "phrasebook": phrasebook_page, "catalogue": catalogue_page,
}


def write_pages(docs_dir: Path, project: Project) -> list[Path]:
    """Write ``docs/generated/<page>.<lang>.md``; return the files that changed."""
    out = Path(docs_dir) / "generated"
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, build in PAGES.items():
        for lang in LANGUAGES:
            path = out / f"{name}.{lang}.md"
            content = build(lang, project)
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
                changed.append(path)
    return changed
