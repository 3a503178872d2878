"""The rules section of the site: an index and one page per rule in every language.

Pages are named by the rule's name (``rules/sentence-too-long/``); the code
(``rules/STY001/``) is a redirect page written after the build (:func:`redirect_page`). Every
rule of the project's packs has a page, the term base's TRM rules among them, and so have the
checks of the engine itself (``letterkit/lint/engine_rules.yaml``: LKT001, TRM000, TRM005).
Everything comes from the data: a rule added or changed in a pack changes its page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import yaml

from letterkit import LANGUAGES
from letterkit.project import Project
from letterkit.site.common import LANGUAGE_NAMES, page, prefix, quote, relative_source, text, words

ENGINE_RULES = Path(__file__).resolve().parent.parent / "lint" / "engine_rules.yaml"
FOLDER = "rules"  # docs/rules/<name>.<lang>.md -> rules/<name>/

RULES_INTRO = ("These rules check the language of the letters. Every finding names its rule's "
               "code; this page says why the rule exists, where the guidance comes from and what "
               "a text that passes looks like.")
ENGINE_SOURCE = "letterkit itself: a check of the engine, not of the language"
OPT_IN = ("Off by default: a project turns it on with `enable: [{code}]` in "
          "linting/config.yaml, or one run with `letterkit lint --select {code}`.")
ONLY_IN = "This rule checks texts in {languages} only. Its description in {language}:"
NO_LETTER = "No letter of the catalogue triggers this rule now."
FLAGGED_IN = "The rule flags these letters now ({count} findings in all):"
SHARED_PARTS = "Shared parts of the letters (letters/_shared/)"
NO_PANEL = ("No customer-panel results are stored for this rule yet. When a panel study with "
            "a highlighter task has answers, this section shows how often readers found the "
            "sentences it flags confusing.")
PANEL_INTRO = ("How often panel readers marked the sentences this rule flags as confusing, "
               "against the sentences it does not flag (95 % intervals). A difference above "
               "0 means readers stumble where the rule fires.")
PANEL_ERROR = "The customer panel's answer store could not be read: {error}"
MISSED = ("Sentences that many readers found confusing but no rule flagged, in "
          "{language} letters: {count}. A language expert can look at them in the preview "
          "app's results.")
UNCHECKED = "These letters could not be checked (run letterkit check): {letters}"
CONFIG_ALL = "In linting/config.yaml, for every letter: {value}"
CONFIG_KIND = "In linting/config.yaml, for letters of the kind {kind}: {value}"
TARGET = ("The threshold is the readability target in linting/config.yaml "
          "(readability.targets.{lang}.{measure}): {value}")
NO_OPTIONS = "This rule has no options."
MORE = "… and {count} more in the rule file."
MAX_ITEMS = 60


@dataclass
class RuleInfo:
    """One rule code, with its definition per language."""

    code: str
    name: str
    severity: str
    kind: str
    specs: dict[str, Any] = field(default_factory=dict)   # lang -> RuleSpec (pack rules)
    engine: dict[str, Any] | None = None                  # the engine rule's data
    sources: dict[str, str] = field(default_factory=dict)  # lang -> file it is defined in

    @property
    def opt_in(self) -> bool:
        return any(getattr(spec, "opt_in", False) for spec in self.specs.values())

    @property
    def langs(self) -> list[str]:
        if self.engine is not None:
            return [lang for lang in LANGUAGES if lang in self.engine]
        return [lang for lang in LANGUAGES if lang in self.specs]

    def description(self, lang: str) -> str:
        if self.engine is not None:
            return self.engine[lang]["description"]
        return self.specs[lang].description

    def message(self, lang: str) -> str:
        if self.engine is not None:
            return self.engine[lang]["message"]
        return self.specs[lang].message

    def examples(self, lang: str) -> dict[str, list[str]]:
        if self.engine is not None:
            return self.engine[lang]["examples"]
        return self.specs[lang].examples

    def link(self, lang: str) -> str:
        return "" if self.engine is not None else self.specs[lang].link


def engine_rules() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(ENGINE_RULES.read_text(encoding="utf-8"))


def collect_rules(project: Project) -> list[RuleInfo]:
    """Every rule code of the project's packs and of the engine, sorted by code."""
    found: dict[str, RuleInfo] = {}
    for rule in project.rules().every:  # opt-in rules have pages too
        spec = rule.spec
        info = found.setdefault(spec.code, RuleInfo(spec.code, spec.name, spec.severity.value,
                                                    spec.kind))
        info.specs[spec.lang] = spec
        info.sources[spec.lang] = relative_source(spec.path, project.root)
    engine_path = relative_source(ENGINE_RULES, project.root)
    for code, data in engine_rules().items():
        if code in found:
            continue
        found[code] = RuleInfo(code, data["name"], data["severity"], "engine", engine=data,
                               sources={lang: engine_path for lang in LANGUAGES})
    return sorted(found.values(), key=lambda r: r.code)


def page_name(info: RuleInfo) -> str:
    return f"{FOLDER}/{info.name}"


# --- Formatting ------------------------------------------------------------------------------

def _code(value: str) -> str:
    """Inline code as HTML: option values hold regular expressions with ``<`` and ``&``."""
    return f"<code>{escape(value)}</code>"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _code(value) if value.strip() else "“”"
    if isinstance(value, bool):
        return _code(str(value).lower())
    if isinstance(value, (int, float)):
        return _code(str(value))
    return _code(json.dumps(value, ensure_ascii=False))


def _options(info: RuleInfo, lang: str, project: Project, _) -> list[str]:
    spec = info.specs.get(lang) or next(iter(info.specs.values()), None)
    lines: list[str] = []
    if spec is not None:
        for key, value in spec.options.items():
            lines += _option(key, value, _)
        lines += _targets(spec, lang, project, _)
    config = project.config.data
    override = (config.get("rules") or {}).get(info.code)
    if override:
        lines.append("- " + _(CONFIG_ALL).format(value=_value(override)))
    for kind, settings in sorted((project.kinds or {}).items()):
        value = ((settings or {}).get("rules") or {}).get(info.code)
        if value:
            title = ((settings or {}).get("title") or {}).get(lang, kind)
            lines.append("- " + _(CONFIG_KIND).format(kind=text(title), value=_value(value)))
    return lines or [_(NO_OPTIONS)]


def _option(key: str, value: Any, _) -> list[str]:
    if isinstance(value, dict):
        lines = [f"- `{key}`:", ""]
        items = list(value.items())
        for name, item in items[:MAX_ITEMS]:
            if isinstance(item, dict):
                parts = "; ".join(f"{k}: {_value(v)}" for k, v in item.items())
                lines.append(f"    - {_code(str(name))}: {parts}")
            else:
                lines.append(f"    - {_code(str(name))} → {_value(item)}")
        if len(items) > MAX_ITEMS:
            lines.append("    - " + _(MORE).format(count=len(items) - MAX_ITEMS))
        return lines + [""]
    if isinstance(value, list) and value and all(not isinstance(v, (dict, list)) for v in value):
        shown = ", ".join(_value(v) for v in value[:MAX_ITEMS])
        if len(value) > MAX_ITEMS:
            shown += " " + _(MORE).format(count=len(value) - MAX_ITEMS)
        return [f"- `{key}`: {shown}"]
    return [f"- `{key}`: {_value(value)}"]


def _targets(spec, lang: str, project: Project, _) -> list[str]:
    """The readability target a rule takes its threshold from, when it has no ``max``."""
    if "max" in spec.options:
        return []
    measure = None
    if spec.kind == "limit" and spec.options.get("measure") == "sentence_words":
        measure = "longest_sentence"
    elif spec.kind == "metric":
        measure = spec.options.get("measure")
    targets = ((project.config.data.get("readability") or {}).get("targets") or {}).get(lang)
    if not measure or not isinstance(targets, dict) or measure not in targets:
        return []
    return ["- " + _(TARGET).format(lang=lang, measure=measure, value=f"`{targets[measure]}`")]


def _examples(info: RuleInfo, lang: str, _) -> list[str]:
    examples = info.examples(lang)
    lines = []
    for key, label in (("fail", _("Avoid")), ("pass", _("Better"))):
        lines += [f"**{label}**", ""]
        for example in examples.get(key, []):
            if info.engine is not None:  # file contents: keep the lines
                lines += ["```", example.rstrip(), "```", ""]
            else:
                lines += [f"- {quote(example, lang)}"]
        lines.append("")
    return lines


def _definition(info: RuleInfo, lang: str, _) -> list[str]:
    """What the rule checks, why and the source, in *lang* (or in a language it has)."""
    shown = lang if lang in info.langs else info.langs[0]
    lines = []
    if shown != lang:
        names = LANGUAGE_NAMES[lang]
        listed = ", ".join(names[code] for code in info.langs)
        lines += [_(ONLY_IN).format(languages=listed, language=names[shown]), "",
                  f'<div lang="{shown}" markdown="1">', ""]
    link = info.link(shown)
    source = f"<{link}>" if link else _(ENGINE_SOURCE)
    lines += [text(info.description(shown)), "",
              f"- {_('Code')}: `{info.code}`",
              f"- {_('Severity')}: **{_(info.severity)}**",
              *([f"- {_(OPT_IN).format(code=info.code)}"] if info.opt_in else []),
              f"- {_('Languages')}: {', '.join(LANGUAGE_NAMES[lang][c] for c in info.langs)}",
              f"- {_('Kind')}: `{info.kind}`",
              f"- {_('Source')}: {source}",
              f"- {_('Message')}: {quote(info.message(shown), shown)}", "",
              "## " + _("Examples"), ""]
    lines += _examples(info, shown, _)
    if shown != lang:
        lines += ["</div>", ""]
    return lines


def _letters(info: RuleInfo, lang: str, findings, titles: dict[str, dict[str, str]], _
             ) -> list[str]:
    hits = findings.for_rule(info.code, lang) if findings is not None else {}
    if not hits:
        return [_(NO_LETTER), ""]
    total = sum(len(v) for v in hits.values())
    lines = [_(FLAGGED_IN).format(count=total), ""]
    for letter_id, found in sorted(hits.items()):
        if letter_id == "_shared" or letter_id not in titles:
            lines.append(f"- {_(SHARED_PARTS)}")
        else:
            title = text(titles[letter_id].get(lang, letter_id))
            lines.append(f"- [{title}](../generated/letters/{letter_id}.md)")
        for finding in found[:5]:
            lines.append(f"    - `{finding['path']}:{finding['line']}`: {text(finding['message'])}")
    return lines + [""]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def _panel(info: RuleInfo, lang: str, figures, _) -> list[str]:
    if figures is not None and figures.error:
        return [_(PANEL_ERROR).format(error=text(figures.error)), ""]
    rows = figures.for_rule(info.code, lang) if figures is not None else []
    if not rows:
        return [_(NO_PANEL), ""]
    lines = [_(PANEL_INTRO), "",
             f"| {_('Study')} | {_('Sentences flagged')} | {_('Found confusing by many')} | "
             f"{_('Confusing marks: flagged / other')} | {_('Difference')} |",
             "|---|---|---|---|---|"]
    for row in rows:
        difference = "–" if row["difference"] is None else (
            f"{100 * row['difference']:+.0f} pp ({100 * row['difference_low']:+.0f} … "
            f"{100 * row['difference_high']:+.0f})")
        lines.append(
            f"| `{row['study']}` | {row['flagged_sentences']} | {row['also_confusing']} "
            f"({_percent(row['precision'])}, {_percent(row['low'])} … {_percent(row['high'])}) | "
            f"{_percent(row['confusing_rate_flagged'])} / {_percent(row['confusing_rate_other'])} "
            f"| {difference} |")
    return lines + [""]


def rule_page(info: RuleInfo, lang: str, project: Project, findings=None, figures=None,
              titles: dict[str, dict[str, str]] | None = None) -> str:
    """The Markdown of one rule's page in *lang*."""
    _ = words(lang)
    source = info.sources.get(lang) or next(iter(info.sources.values()), "")
    lines = [f"# {info.code} {info.name}", ""]
    lines += _definition(info, lang, _)
    lines += ["## " + _("Options and thresholds"), ""] + _options(info, lang, project, _) + [""]
    lines += ["## " + _("Letters it flags now"), ""]
    lines += _letters(info, lang, findings, titles or {}, _)
    lines += ["## " + _("Measured against readers"), ""] + _panel(info, lang, figures, _)
    return page(source, lines)


def rules_index(rules: list[RuleInfo], lang: str, findings=None, figures=None) -> str:
    """The rules index in *lang*: every rule with a link to its page."""
    _ = words(lang)
    names = LANGUAGE_NAMES[lang]
    lines = ["# " + _("Language rules"), "", _(RULES_INTRO), "",
             f"| {_('Code')} | {_('Rule')} | {_('Severity')} | {_('Languages')} |",
             "|---|---|---|---|"]
    for info in rules:
        langs = ", ".join(names[c] for c in info.langs)
        lines.append(f"| `{info.code}` | [{info.name}]({info.name}.md) | {_(info.severity)} "
                     f"| {langs} |")
    lines.append("")
    if findings is not None and findings.unchecked:
        lines += [_(UNCHECKED).format(letters=", ".join(sorted(findings.unchecked))), ""]
    if figures is not None and figures.missed.get(lang):
        lines += [_(MISSED).format(language=names[lang], count=len(figures.missed[lang])), ""]
    locale = f"locales/{lang}/LC_MESSAGES/site.po" if lang != "en" else ""
    return page(locale, lines)


def pages(project: Project, findings=None, figures=None,
          titles: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """``docs/rules/``: the index and every rule's page in every language."""
    rules = collect_rules(project)
    files = {}
    for lang in LANGUAGES:
        files[f"{FOLDER}/index.{lang}.md"] = rules_index(rules, lang, findings, figures)
        for info in rules:
            files[f"{FOLDER}/{info.name}.{lang}.md"] = rule_page(info, lang, project, findings,
                                                                 figures, titles)
    return files


# --- Redirects from the code ------------------------------------------------------------------

REDIRECT_TEXT = "The rule {code} is described on the page {name}."


def redirect_page(code: str, name: str, lang: str) -> str:
    """A static page at ``rules/<CODE>/`` that sends the reader to ``rules/<name>/``: a meta
    refresh and a plain link, so it works without JavaScript."""
    _ = words(lang)
    target = f"../{name}/"
    message = escape(_(REDIRECT_TEXT).format(code=code, name=name))
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{code} · {name}</title>\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n'
            f'</head>\n<body>\n<main>\n<p><a href="{target}">{message}</a></p>\n</main>\n'
            "</body>\n</html>\n")


def write_redirects(site_dir: Path, project: Project, lang: str) -> list[Path]:
    """Write ``<site_dir>/rules/<CODE>/index.html`` for every rule (one language's build)."""
    written = []
    for info in collect_rules(project):
        path = Path(site_dir) / FOLDER / info.code / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(info.code, info.name, lang), encoding="utf-8")
        written.append(path)
    return written


__all__ = ["RuleInfo", "collect_rules", "pages", "prefix", "redirect_page", "rule_page",
           "rules_index", "write_redirects"]
