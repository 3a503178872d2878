"""The term base on the site: the phrasebook of each language and one page per concept."""

from __future__ import annotations

from letterkit import LANGUAGES
from letterkit.project import Project
from letterkit.site.common import LANGUAGE_NAMES, page, relative_source, text, words

FOLDER = "generated/terms"  # generated/terms/<concept id>/

PHRASEBOOK_INTRO = ("These are the words we use in our letters. The explanations are written as "
                    "you would say them to a customer.")
NO_TERM = "The term base has no {language} term for this concept."
OTHER_LANGUAGES = "In the other languages"
SOURCES = "Where the terms were checked"
NOT_VERIFIED = "not verified against a published page"


def phrasebook_page(lang: str, project: Project) -> str:
    from letterkit.glossary import phrasebook

    _ = words(lang)
    lines = ["# " + _("Phrasebook"), "", _(PHRASEBOOK_INTRO), ""]
    glossary = project.glossary
    for entry in phrasebook(lang, glossary) if glossary is not None else []:
        lines += [f"## {text(entry.term)} {{#{entry.concept_id}}}", "",
                  text(entry.explanation or ""), ""]
        if entry.admitted:
            lines.append(f"- {_('Also')}: {', '.join(text(t) for t in entry.admitted)}")
        for term, reason in entry.avoid:
            lines.append(f"- {_('Do not use')}: {text(term)} – {text(reason)}")
        if entry.requires_explanation:
            lines.append(f"- *{_('explain the word in the text')}*")
        lines += [f"- [{_('The term page')}](terms/{entry.concept_id}.md)", ""]
    from letterkit.site_guidance import phrases_section  # customer-service phrases by stage

    lines += phrases_section(lang, glossary)
    return page(f"locales/{lang}/LC_MESSAGES/site.po", lines)


def term_page(concept, lang: str, project: Project) -> str:
    """One concept's page in *lang*: the term to use, how to explain it, what to avoid, the
    other languages' terms and where they were checked."""
    _ = words(lang)
    names = LANGUAGE_NAMES[lang]
    entry = concept.languages.get(lang)
    source = relative_source(concept.path, project.root) if concept.path else ""
    if entry is None:
        other = next(iter(concept.languages.values()))
        lines = [f"# {text(other.preferred)}", "",
                 _(NO_TERM).format(language=names[lang]), ""]
    else:
        lines = [f"# {text(entry.preferred)}", "", text(entry.explanation or ""), ""]
        if entry.admitted:
            lines.append(f"- {_('Also')}: {', '.join(text(t) for t in entry.admitted)}")
        for item in entry.deprecated:
            lines.append(f"- {_('Do not use')}: {text(item.term)} – {text(item.reason)}")
        if entry.requires_explanation:
            lines.append(f"- *{_('explain the word in the text')}*")
        if entry.notes:
            lines.append(f"- {_('Note')}: {text(entry.notes)}")
        lines.append(f"- {_('Concept')}: `{concept.id}` · {text(concept.domain)}")
        lines.append("")
    lines += ["## " + _(OTHER_LANGUAGES), ""]
    for code in LANGUAGES:
        if code != lang and code in concept.languages:
            lines.append(f'- {names[code]}: <span lang="{code}">'
                         f"{text(concept.languages[code].preferred)}</span>")
    lines += ["", "## " + _(SOURCES), ""]
    for item in concept.source:
        where = f"<{item.url}>" if item.url else _(NOT_VERIFIED)
        lines.append(f"- {where}: {text(item.checked)}")
    return page(source, lines)


def pages(project: Project) -> dict[str, str]:
    glossary = project.glossary
    files = {}
    for lang in LANGUAGES:
        files[f"generated/phrasebook.{lang}.md"] = phrasebook_page(lang, project)
        for concept in glossary if glossary is not None else []:
            files[f"{FOLDER}/{concept.id}.{lang}.md"] = term_page(concept, lang, project)
    return files
