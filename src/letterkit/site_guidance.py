"""Staff guidance pages of the documentation site: the writing guide, the training page (the
checklist and the exercises) and the customer-service phrases of the phrasebook.

``docs/hooks.py`` calls :func:`write_guidance_pages` before every build. The pages are made
from ``training/`` (letterkit.training), ``linting/config.yaml`` (the sections of each kind,
so the guide says what ``letterkit check`` enforces), the rule packs (before/after examples,
the finding counts of the exercises' before texts, measured at build time) and
``glossary/phrases/`` (letterkit.glossary.phrases).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from letterkit import LANGUAGES

# Page furniture, written in each language (the texts themselves are data in training/).
LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "guide": "Kirjoitusopas", "training": "Harjoitukset henkilöstölle",
        "training_intro": "Tarkistin löytää pitkät lauseet, virkakielen ja väärät termit. Se ei "
                          "tiedä, kuka kirjettä lukee tai mitä hänen pitää tehdä. Käy nämä "
                          "kysymykset läpi jokaisen luonnoksen kohdalla ja harjoittele sitten "
                          "alla olevilla teksteillä.",
        "checklist": "Tarkistuslista: mitä tarkistin ei näe", "exercises": "Harjoitukset",
        "exercises_intro": "Jokaisessa harjoituksessa on aito virkakielinen teksti (tapaus on "
                           "keksitty), lukija ja tehtävä. Kirjoita oma versiosi ennen kuin avaat "
                           "malliratkaisun. Tarkistin on käynyt ennen-tekstin läpi, kun sivusto "
                           "rakennettiin; malliratkaisuissa ei ole virheitä eikä varoituksia.",
        "reader": "Lukija", "task": "Tehtävä", "before": "Ennen", "letter": "Kirje",
        "show": "Näytä malliratkaisu", "why": "Mitä muutettiin",
        "found": "Tarkistimen havainnot ennen-tekstissä",
        "none": "Tarkistin ei löydä tästä mitään: ongelma on sellainen, jonka vain ihminen näkee.",
        "sections": "Kirjeen osiot", "headline": "Pääotsikko", "must_say": "Kirjeessä pitää sanoa",
        "consequence": "Tarkistin vaatii tämän osion (STR003).",
        "before_after": "Ennen ja jälkeen", "avoid": "Ennen", "better": "Jälkeen",
        "before_after_intro": "Esimerkit ovat kielisääntöjen omia esimerkkejä; testit "
                              "varmistavat, että sääntö löytää ennen-lauseen eikä "
                              "jälkeen-lausetta.",
        "workflow": "Näin muokkaat kirjettä", "panel": "Näin testaat kirjettä lukijoilla",
        "rules_link": "sääntö", "see_training": "Tarkistuslista ja harjoitukset ovat sivulla",
        "phrases": "Asiakaspalvelun fraasit",
        "phrases_intro": "Näin kerrot puhelimessa tai tiskillä, missä vaiheessa asiakkaan "
                         "hakemus on. Puhu sinä-muodossa ja selitä sanat, joita asiakas ei "
                         "itse käytä.",
        "say": "Sano näin", "instead": "Älä sano", "note": "Huomaa",
    },
    "sv": {
        "guide": "Skrivguide", "training": "Övningar för personalen",
        "training_intro": "Granskningsverktyget hittar långa meningar, myndighetsspråk och fel "
                          "termer. Det vet inte vem som läser brevet eller vad hen ska göra. "
                          "Gå igenom de här frågorna för varje utkast och öva sedan på texterna "
                          "nedan.",
        "checklist": "Checklista: det som verktyget inte ser", "exercises": "Övningar",
        "exercises_intro": "Varje övning har en verklighetstrogen text på myndighetsspråk (fallet "
                           "är påhittat), en mottagare och en uppgift. Skriv din egen version "
                           "innan du öppnar lösningsförslaget. Verktyget har granskat texten när "
                           "webbplatsen byggdes; lösningsförslagen har varken fel eller varningar.",
        "reader": "Mottagare", "task": "Uppgift", "before": "Före", "letter": "Brev",
        "show": "Visa lösningsförslaget", "why": "Vad som ändrades",
        "found": "Verktygets anmärkningar på texten före",
        "none": "Verktyget hittar inget här: problemet är sådant som bara en människa ser.",
        "sections": "Brevets avsnitt", "headline": "Huvudrubrik", "must_say": "Brevet måste säga",
        "consequence": "Verktyget kräver det här avsnittet (STR003).",
        "before_after": "Före och efter", "avoid": "Före", "better": "Efter",
        "before_after_intro": "Exemplen är språkreglernas egna exempel; testerna ser till att "
                              "regeln hittar meningen före men inte meningen efter.",
        "workflow": "Så här ändrar du ett brev", "panel": "Så här testar du ett brev med läsare",
        "rules_link": "regel", "see_training": "Checklistan och övningarna finns på sidan",
        "phrases": "Fraser för kundtjänsten",
        "phrases_intro": "Så här säger du i telefon eller vid disken var kundens ansökan är. "
                         "Säg du och förklara ord som kunden inte själv använder.",
        "say": "Säg så här", "instead": "Säg inte", "note": "Tänk på",
    },
    "en": {
        "guide": "Writing guide", "training": "Staff training",
        "training_intro": "The checker finds long sentences, officialese and the wrong terms. It "
                          "does not know who reads the letter or what they must do. Go through "
                          "these questions with every draft, then practise on the texts below.",
        "checklist": "Checklist: what the checker cannot see", "exercises": "Exercises",
        "exercises_intro": "Each exercise has a realistic officialese text (the case is "
                           "invented), its reader and a task. Write your own version before you "
                           "open the model answer. The checker read each before text when this "
                           "site was built; the model answers have no errors or warnings.",
        "reader": "Reader", "task": "Task", "before": "Before", "letter": "Letter",
        "show": "Show the model answer", "why": "What changed",
        "found": "What the checker found in the before text",
        "none": "The checker finds nothing here: this is a problem only a person can see.",
        "sections": "The sections of the letter", "headline": "Main heading",
        "must_say": "The letter must say",
        "consequence": "The checker requires this section (STR003).",
        "before_after": "Before and after", "avoid": "Before", "better": "After",
        "before_after_intro": "These are the language rules' own examples; the tests make sure "
                              "that each rule finds the sentence before and not the sentence "
                              "after.",
        "workflow": "How to edit a letter", "panel": "How to test a letter with readers",
        "rules_link": "rule", "see_training": "The checklist and the exercises are on the page",
        "phrases": "Phrases for customer service",
        "phrases_intro": "How to tell a customer on the phone or at the desk where their "
                         "application is. Speak to them as “you” and explain words they would "
                         "not use themselves.",
        "say": "Say", "instead": "Instead of", "note": "Note",
    },
}

COUNTS = {
    "fi": ("Tarkistin löytää {n} kohtaa", "virhe", "virhettä", "varoitus", "varoitusta",
           "ehdotus", "ehdotusta"),
    "sv": ("Verktyget hittar {n} saker", "fel", "fel", "varning", "varningar",
           "förslag", "förslag"),
    "en": ("The checker finds {n} things", "error", "errors", "warning", "warnings",
           "suggestion", "suggestions"),
}
QUOTES = {"fi": ("”", "”"), "sv": ("”", "”"), "en": ("“", "”")}


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(' '.join(p.split()))}</p>"
                   for p in text.split("\n\n") if p.strip())


def finding_count(findings: list, lang: str) -> str:
    """"The checker finds 7 things (2 errors, 3 warnings)" in *lang*."""
    head, error, errors, warning, warnings, hint, hints = COUNTS[lang]
    n_err = sum(1 for f in findings if f.severity.value == "error")
    n_warn = sum(1 for f in findings if f.severity.value == "warning")
    n_hint = len(findings) - n_err - n_warn
    text = head.format(n=len(findings))
    if len(findings) == 1 and lang == "en":
        text = text.replace("things", "thing")
    if len(findings) == 1 and lang == "sv":
        text = text.replace("saker", "sak")
    if len(findings) == 1 and lang == "fi":
        text = text.replace("kohtaa", "kohdan")
    return (f"{text} ({n_err} {error if n_err == 1 else errors}, "
            f"{n_warn} {warning if n_warn == 1 else warnings}, "
            f"{n_hint} {hint if n_hint == 1 else hints})")


def _headline(kind: dict, lang: str, variables: dict) -> str:
    from jinja2.sandbox import SandboxedEnvironment

    from letterkit.templates.filters import make_filters

    env = SandboxedEnvironment(autoescape=False)
    env.filters.update(make_filters(lang))
    values = {}
    for name, spec in variables.items():
        example = spec.get("example") if isinstance(spec, dict) else None
        if spec.get("type") == "date" and isinstance(example, str):
            example = dt.date.fromisoformat(example)
        elif spec.get("type") == "datetime" and isinstance(example, str):
            example = dt.datetime.fromisoformat(example)
        values[name] = example
    return env.from_string(kind["headline"][lang]).render(**values)


def writing_guide_page(lang: str, project) -> str:
    from letterkit.training import load_writing_guide, training_dir

    words = LABELS[lang]
    kinds = project.kinds
    rules = {r.spec.name: r for r in project.rules().for_lang(lang, dormant=True)}
    ruleset = project.rules()
    names = {code: {r.spec.name for r in ruleset.for_lang(code, dormant=True)}
             for code in LANGUAGES}
    guide = load_writing_guide(training_dir(project), kinds, names)
    variables = (project.config.data.get("scaffold") or {}).get("variables") or {}
    required = next((r for r in rules.values() if r.spec.code == "STR004"), None)
    wording = (required.spec.options.get("requirements") or {}) if required else {}
    lines = [f"# {words['guide']}", "", guide.intro[lang], ""]
    for kind_id, per_lang in guide.kinds.items():
        kind = kinds[kind_id]
        text = per_lang[lang]
        lines += [f"## {kind['title'][lang]} {{#{kind_id}}}", "", text["intro"], "",
                  f"{words['headline']}: **{escape(_headline(kind, lang, variables))}**", "",
                  f"### {words['sections']} {{#{kind_id}-sections}}", ""]
        for i, section in enumerate(kind.get("sections", []), 1):
            lines.append(f"{i}. **{escape(section['heading'][lang])}** (`{section['id']}`): "
                         f"{text['sections'][section['id']]}")
            if section["id"] == kind.get("consequence_section"):
                lines.append(f"   *{words['consequence']}*")
        lines.append("")
        require = (((kind.get("rules") or {}).get("STR004") or {}).get("require")
                   or (((project.config.data.get("rules") or {}).get("STR004") or {})
                       .get("require")) or [])
        if require and wording:
            lines += [f"### {words['must_say']} {{#{kind_id}-content}}", ""]
            lines += [f"- {wording[rid]['what']}" for rid in require if rid in wording]
            lines.append("")
    lines += [f"## {words['before_after']} {{#before-after}}", "", words["before_after_intro"], ""]
    left, right = QUOTES[lang]
    for name, title in guide.examples[lang]:
        spec = rules[name].spec
        if not spec.examples["fail"] or not spec.examples["pass"]:
            continue
        lines += [f"### {escape(title, quote=False)} {{#{name}}}", "", spec.description, "",
                  f"- {words['avoid']}: {left}{_one_line(spec.examples['fail'][0])}{right}",
                  f"- {words['better']}: {left}{_one_line(spec.examples['pass'][0])}{right}",
                  f"- {words['rules_link']}: "
                  f"[{spec.code}](../rules/{spec.name}.md){{: .lk-inline}}",
                  ""]
    lines += [f"## {words['workflow']} {{#workflow}}", "", guide.workflow[lang], "",
              f"## {words['panel']} {{#panel}}", "", guide.panel[lang], "",
              f"{words['see_training']} [{words['training']}](training.md){{: .lk-inline}}.", ""]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return escape(" ".join(text.split()))


def training_page(lang: str, project) -> str:
    from letterkit.training import (
        before_findings,
        load_checklist,
        load_exercises,
        load_writing_guide,
        training_dir,
    )

    words = LABELS[lang]
    folder = training_dir(project)
    checklist = load_checklist(folder)
    exercises = load_exercises(folder, project.kinds)
    ruleset = project.rules()
    names = {code: {r.spec.name for r in ruleset.for_lang(code, dormant=True)}
             for code in LANGUAGES}
    guided = load_writing_guide(folder, project.kinds, names).kinds  # kinds with a guide section
    lines = [f"# {words['training']}", "", words["training_intro"], "",
             f"## {words['checklist']} {{#checklist}}", ""]
    lines += [f"{i}. **{escape(q['question'])}** {escape(q['why'])}"
              for i, q in enumerate(checklist[lang], 1)]
    lines += ["", f"## {words['exercises']} {{#exercises}}", "", words["exercises_intro"], ""]
    for i, exercise in enumerate(exercises, 1):
        text = exercise.text[lang]
        found = before_findings(exercise, lang, ruleset, project)
        codes = sorted({(f.code, f.name) for f in found})
        lines += [f"### {i}. {escape(text['title'])} {{#{exercise.id}}}", ""]
        if exercise.kind:
            kind = project.kinds[exercise.kind]["title"][lang]
            guide = exercise.kind in guided
            lines += [f"**{words['letter']}:** " + (
                f"[{kind}](writing-guide.md#{exercise.kind}){{: .lk-inline}}" if guide else kind),
                ""]
        lines += [
                  f"**{words['reader']}:** {escape(text['reader'])}", "",
                  f"**{words['task']}:** {escape(text['task'])}", "",
                  f"**{words['before']}** · <span class=\"lk-count\">"
                  f"{finding_count(found, lang)}</span>", "",
                  f'<div class="lk-before" markdown="0">{_paragraphs(text["before"])}</div>', "",
                  f'<details class="lk-answer" markdown="0"><summary>{words["show"]}'
                  "</summary>", f'<div class="lk-model">{_paragraphs(text["model"])}</div>']
        if text.get("why"):
            lines.append(f"<p><strong>{words['why']}:</strong> {escape(text['why'])}</p>")
        if codes:
            links = ", ".join(f'<a class="lk-inline" href="../../rules/{escape(name)}/">'
                              f'{code} {escape(name)}</a>'
                              for code, name in codes)
            lines.append(f"<p><strong>{words['found']}:</strong> {links}</p>")
        else:
            lines.append(f"<p>{words['none']}</p>")
        lines += ["</details>", ""]
    return "\n".join(lines) + "\n"


def phrases_section(lang: str, glossary) -> list[str]:
    """The customer-service phrases of the phrasebook page, grouped by stage."""
    from letterkit.glossary.phrases import STAGES, by_stage

    if glossary is None or not glossary.phrases:
        return []
    words = LABELS[lang]
    lines = [f"## {words['phrases']} {{#customer-service-phrases}}", "", words["phrases_intro"], ""]
    for stage, phrases in by_stage(glossary.phrases):
        lines += [f"### {STAGES[stage][lang]} {{#stage-{stage}}}", ""]
        for phrase in phrases:
            text = phrase.languages[lang]
            lines += [f"**{words['say']}:** {escape(text.say)}", ""]
            if text.avoid:
                lines += [f"- {words['instead']}: *{escape(text.avoid)}*"]
            if text.notes:
                lines += [f"- {words['note']}: {escape(text.notes)}"]
            lines.append("")
    return lines


PAGES = {"writing-guide": writing_guide_page, "training": training_page}


def write_guidance_pages(docs_dir: Path, project) -> list[Path]:
    """Write ``docs/generated/<page>.<lang>.md`` for the guidance pages; return what changed."""
    from letterkit.training import training_dir

    if not training_dir(project).is_dir():  # a project without staff guidance
        return []
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
