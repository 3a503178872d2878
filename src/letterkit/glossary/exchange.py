"""Exchange with translators: TBX-Basic in TBX v3 (ISO 30042:2019) and in TBX 2008
(ISO 30042:2008, the ``martif`` format), and CSV, all both ways.

TBX mapping (one entry per concept; TBX v3 names first, TBX 2008 names in brackets)::

    conceptEntry [termEntry]/@id              concept id
    conceptEntry/descrip[@type=subjectField]   domain
    conceptEntry/xref[@type=externalCrossReference]/@target, text   source url, what was checked
    conceptEntry/admin[@type=source]           a source without a url (e.g. "not verified")
    langSec [langSet]/@xml:lang                fi, sv, en
    langSec/descrip[@type=definition]          explanation (the plain one a clerk would say)
    langSec/note                               notes
    langSec/note "letterkit:requires_explanation: true|false"
    langSec/note "letterkit:flag: <sentence>"  an example that must be flagged
    langSec/note "letterkit:not_in: <phrase>"  a phrase in which the words are not the concept
    termSec [tig]/term                         the term
    termSec/termNote[@type=partOfSpeech]       noun (default) | verb | adjective | adverb
                                               | properNoun | other
    termSec/termNote[@type=administrativeStatus]  preferredTerm-admn-sts | admittedTerm-admn-sts
    termSec/termNote[@type=grammaticalGender]     sv gender of the preferred term: neuter (ett) |
                                                  other (en, the Swedish common gender)
    termSec/termNote[@type=grammaticalNumber]     number of the preferred term: singular | plural
                                               | deprecatedTerm-admn-sts
    termSec/descrip[@type=context] (preferred)  an example that must not be flagged
    termSec/note (deprecated terms)            the reason

Fields TBX-Basic has no data category for are kept in ``note`` elements starting with
``letterkit:`` so that a CAT tool shows them and an import restores them. CSV has one row per
term; concept-level fields repeat on each row and examples ride on the preferred term's row.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from letterkit.errors import LetterkitError, Location
from letterkit.glossary.loader import GlossaryError, GlossaryProblem, read_concept
from letterkit.glossary.model import (
    LANGS,
    Concept,
    Deprecated,
    Examples,
    Glossary,
    LanguageEntry,
    Source,
)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
TBX_STATUS = {v: k for k, v in STATUS_TBX.items()}
NOTE_REQUIRES = "letterkit:requires_explanation: "
NOTE_FLAG = "letterkit:flag: "
NOTE_NOT_IN = "letterkit:not_in: "
MODELS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)
CSV_COLUMNS = ("concept_id", "domain", "lang", "term", "status", "reason", "explanation",
               "requires_explanation", "notes", "source", "examples_flag", "examples_pass",
               "gender", "number", "part_of_speech", "not_in")
# TBX grammaticalGender values for the Swedish genders (common gender has no own TBX value).
GENDER_TBX = {"ett": "neuter", "en": "other"}
TBX_GENDER = {v: k for k, v in GENDER_TBX.items()}


# -- YAML ------------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def dump_concept(concept: Concept | dict[str, Any]) -> str:
    """The concept as the text of its ``glossary/<id>.yaml`` file."""
    data = concept.to_data() if isinstance(concept, Concept) else concept
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96,
                     default_flow_style=False)


def write_glossary(glossary: Glossary, folder: Path, force: bool = False) -> list[Path]:
    """Write one YAML file per concept into *folder*; refuse to replace a different file
    unless *force*. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    planned = []
    for concept in sorted(glossary, key=lambda c: c.id):
        path = folder / f"{concept.id}.yaml"
        text = dump_concept(concept)
        if path.exists() and not force and path.read_text(encoding="utf-8") != text:
            raise LetterkitError(
                "a different concept file is already here; use --force to replace it",
                Location(str(path)))
        planned.append((path, text))
    for path, text in planned:
        path.write_text(text, encoding="utf-8")
    return [p for p, _ in planned]


def _validated(concepts: list[Concept], origin: str) -> Glossary:
    """Re-read each imported concept through the YAML validator, so an import can never
    produce a term base that ``load_glossary`` would refuse."""
    import tempfile

    glossary = Glossary(None)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for concept in concepts:
            path = Path(tmp) / f"{concept.id or 'concept'}.yaml"
            path.write_text(dump_concept(concept), encoding="utf-8")
            before = len(problems)
            loaded = read_concept(path, problems)
            for p in problems[before:]:
                object.__setattr__(p, "location", Location(origin, 0))
                object.__setattr__(p, "message", f"concept {concept.id!r}: {p.message}")
            if loaded is not None:
                if loaded.id in glossary.concepts:
                    problems.append(GlossaryProblem(
                        Location(origin), f"duplicate concept id {loaded.id!r}", "TRM005"))
                    continue
                loaded.path = None
                loaded.locations = {}
                glossary.concepts[loaded.id] = loaded
    if problems:
        raise GlossaryError(problems)
    return glossary


# -- TBX -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dialect:
    """The element names of one TBX edition; the data categories are the same in both."""

    name: str
    ns: str             # "" for TBX 2008, which has no namespace
    entry: str          # one concept
    lang: str           # one language of a concept
    term_group: str     # one term with its notes

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag


TBX_V3 = Dialect("tbx", TBX_NS, "conceptEntry", "langSec", "termSec")
TBX_2008 = Dialect("tbx-basic", "", "termEntry", "langSet", "tig")
FORMATS = {
    "tbx": "TBX v3 (ISO 30042:2019), TBX-Basic dialect: <tbx> root, conceptEntry/langSec/termSec",
    "tbx-basic": "TBX 2008 (ISO 30042:2008), TBX-Basic: <martif> root, termEntry/langSet/tig; "
                 "what translate-toolkit and most CAT tools read",
    "csv": "one row per term",
}
DOCTYPE_2008 = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XCS_2008 = "TBXBasicXCSV02.xcs"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _body(glossary: Glossary, body: ET.Element, d: Dialect) -> None:
    """The concepts, one entry each, in the element names of dialect *d*."""
    for concept in sorted(glossary, key=lambda c: c.id):
        entry_el = _sub(body, d.q(d.entry), id=concept.id)
        _sub(entry_el, d.q("descrip"), concept.domain, type="subjectField")
        for source in concept.source:
            if source.url:
                _sub(entry_el, d.q("xref"), source.checked,
                     type="externalCrossReference", target=source.url)
            else:
                _sub(entry_el, d.q("admin"), source.checked, type="source")
        for lang in LANGS:
            entry = concept.languages[lang]
            lang_el = ET.SubElement(entry_el, d.q(d.lang), {XML_LANG: lang})
            _sub(lang_el, d.q("descrip"), entry.explanation, type="definition")
            if entry.notes:
                _sub(lang_el, d.q("note"), entry.notes)
            _sub(lang_el, d.q("note"),
                 NOTE_REQUIRES + ("true" if entry.requires_explanation else "false"))
            for phrase in entry.not_in:
                _sub(lang_el, d.q("note"), NOTE_NOT_IN + phrase)
            examples = concept.examples.get(lang)
            if examples:
                for sentence in examples.flag:
                    _sub(lang_el, d.q("note"), NOTE_FLAG + sentence)
            for term, status, reason in entry.forms():
                term_el = _sub(lang_el, d.q(d.term_group))
                _sub(term_el, d.q("term"), term)
                # termNotes come right after the term (the TBX-Basic 2008 content model).
                _sub(term_el, d.q("termNote"), entry.part_of_speech, type="partOfSpeech")
                _sub(term_el, d.q("termNote"), STATUS_TBX[status], type="administrativeStatus")
                if status == "preferred" and entry.gender:
                    _sub(term_el, d.q("termNote"), GENDER_TBX[entry.gender],
                         type="grammaticalGender")
                if status == "preferred" and entry.number:
                    _sub(term_el, d.q("termNote"), entry.number, type="grammaticalNumber")
                if status == "preferred" and examples:
                    for sentence in examples.passing:
                        _sub(term_el, d.q("descrip"), sentence, type="context")
                if status == "deprecated":
                    _sub(term_el, d.q("note"), reason)


def export_tbx(glossary: Glossary, title: str = "letterkit term base") -> str:
    """The term base as a TBX v3 (ISO 30042:2019) TBX-Basic document (a string of XML)."""
    d = TBX_V3
    ET.register_namespace("", TBX_NS)
    root = ET.Element(d.q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = _sub(root, d.q("tbxHeader"))
    file_desc = _sub(header, d.q("fileDesc"))
    _sub(_sub(file_desc, d.q("titleStmt")), d.q("title"), title)
    _sub(_sub(file_desc, d.q("sourceDesc")), d.q("p"),
         "Exported by letterkit from glossary/*.yaml. Languages: fi, sv (Finland-Swedish), en.")
    _body(glossary, _sub(_sub(root, d.q("text")), d.q("body")), d)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    models = "".join(f"<?xml-model {m}?>\n" for m in MODELS)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{models}{xml}\n'


def export_tbx_basic(glossary: Glossary, title: str = "letterkit term base") -> str:
    """The term base as a TBX 2008 (ISO 30042:2008) TBX-Basic document: the ``martif`` root
    that translate-toolkit and most CAT tools of that generation expect."""
    d = TBX_2008
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p",
         "Exported by letterkit from glossary/*.yaml. Languages: fi, sv (Finland-Swedish), en.")
    _sub(_sub(header, "encodingDesc"), "p", XCS_2008, type="XCSURI")
    _body(glossary, _sub(_sub(root, "text"), "body"), d)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE_2008}\n{xml}\n'


def export(glossary: Glossary, fmt: str) -> str:
    """The term base in *fmt* (a key of FORMATS)."""
    if fmt == "tbx":
        return export_tbx(glossary)
    if fmt == "tbx-basic":
        return export_tbx_basic(glossary)
    if fmt == "csv":
        return export_csv(glossary)
    raise LetterkitError(f"unknown format {fmt!r}; use one of: " + ", ".join(FORMATS))


def _q(tag: str) -> str:
    return TBX_V3.q(tag)


def _text(el: ET.Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def import_tbx(text: str, origin: str = "<tbx>") -> Glossary:
    """Read a TBX-Basic document, TBX v3 (``<tbx>``) or TBX 2008 (``<martif>``), written by
    :func:`export_tbx` / :func:`export_tbx_basic` (or a CAT tool that kept their data
    categories) back into a term base."""
    try:
        # The 2008 DOCTYPE names a DTD that is not read (nothing is fetched).
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line, col = exc.position
        raise LetterkitError(f"not well-formed XML: {exc}", Location(origin, line, col + 1)) \
            from None
    if root.tag == TBX_V3.q("tbx"):
        d = TBX_V3
    elif root.tag == "martif":
        d = TBX_2008
    else:
        raise LetterkitError(f"expected a TBX document (<tbx xmlns=\"{TBX_NS}\"> or TBX 2008 "
                             f"<martif>), found <{root.tag}>", Location(origin, 1))
    concepts = []
    for entry_el in root.iter(d.q(d.entry)):
        cid = entry_el.get("id", "")
        domain = ""
        sources = []
        for child in entry_el:
            if child.tag == d.q("descrip") and child.get("type") == "subjectField":
                domain = _text(child)
            elif child.tag == d.q("xref") and child.get("type") == "externalCrossReference":
                sources.append(Source(child.get("target", ""), _text(child)))
            elif child.tag == d.q("admin") and child.get("type") == "source":
                sources.append(Source("", _text(child)))
        languages: dict[str, LanguageEntry] = {}
        examples: dict[str, Examples] = {}
        for lang_el in entry_el.findall(d.q(d.lang)):
            lang = lang_el.get(XML_LANG, "")
            explanation, notes, requires, flags, not_in = "", "", False, [], []
            for child in lang_el:
                if child.tag == d.q("descrip") and child.get("type") == "definition":
                    explanation = _text(child)
                elif child.tag == d.q("note"):
                    value = _text(child)
                    if value.startswith(NOTE_REQUIRES):
                        requires = value[len(NOTE_REQUIRES):].strip() == "true"
                    elif value.startswith(NOTE_FLAG):
                        flags.append(value[len(NOTE_FLAG):])
                    elif value.startswith(NOTE_NOT_IN):
                        not_in.append(value[len(NOTE_NOT_IN):])
                    else:
                        notes = f"{notes} {value}".strip()
            preferred, admitted, deprecated, passing = "", [], [], []
            part_of_speech = "noun"
            gender = number = ""
            for term_el in lang_el.findall(d.q(d.term_group)):
                term = _text(term_el.find(d.q("term")))
                status = "admitted"
                grammar = {}
                for note in term_el.findall(d.q("termNote")):
                    if note.get("type") == "administrativeStatus":
                        status = TBX_STATUS.get(_text(note), "admitted")
                    elif note.get("type") == "partOfSpeech" and status != "deprecated":
                        part_of_speech = _text(note) or part_of_speech
                    elif note.get("type") in ("grammaticalGender", "grammaticalNumber"):
                        grammar[note.get("type")] = _text(note)
                if status == "preferred" and not preferred:
                    preferred = term
                    gender = TBX_GENDER.get(grammar.get("grammaticalGender", ""), "")
                    number = grammar.get("grammaticalNumber", "")
                    passing += [_text(x) for x in term_el.findall(d.q("descrip"))
                                if x.get("type") == "context"]
                elif status == "deprecated":
                    reason = " ".join(_text(n) for n in term_el.findall(d.q("note")))
                    deprecated.append(Deprecated(term, reason))
                else:
                    admitted.append(term)
            languages[lang] = LanguageEntry(preferred, tuple(admitted), tuple(deprecated),
                                            explanation, requires, notes, gender, number,
                                            part_of_speech=part_of_speech,
                                            not_in=tuple(not_in))
            if flags or passing:
                examples[lang] = Examples(tuple(flags), tuple(passing))
        concepts.append(Concept(cid, domain, languages, tuple(sources), examples))
    if not concepts:
        raise LetterkitError(f"no {d.entry} elements in this TBX file", Location(origin))
    return _validated(concepts, origin)


# -- CSV -------------------------------------------------------------------------------------

def export_csv(glossary: Glossary) -> str:
    """One row per term (columns: see CSV_COLUMNS)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for concept in sorted(glossary, key=lambda c: c.id):
        source = json.dumps([s.to_data() for s in concept.source], ensure_ascii=False)
        for lang in LANGS:
            entry = concept.languages[lang]
            examples = concept.examples.get(lang, Examples())
            for term, status, reason in entry.forms():
                first = status == "preferred"
                writer.writerow([
                    concept.id, concept.domain, lang, term, status, reason,
                    entry.explanation, "true" if entry.requires_explanation else "false",
                    entry.notes, source,
                    json.dumps(list(examples.flag), ensure_ascii=False) if first else "",
                    json.dumps(list(examples.passing), ensure_ascii=False) if first else "",
                    entry.gender if first else "", entry.number if first else "",
                    entry.part_of_speech,
                    json.dumps(list(entry.not_in), ensure_ascii=False) if first else "",
                ])
    return out.getvalue()


def import_csv(text: str, origin: str = "<csv>") -> Glossary:
    """Read a CSV written by :func:`export_csv` back into a term base."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("concept_id", "lang", "term", "status") if c not in
               (reader.fieldnames or [])]
    if missing:
        raise LetterkitError("missing CSV columns: " + ", ".join(missing), Location(origin, 1))
    rows: dict[str, list[dict[str, str]]] = {}
    for row in reader:
        rows.setdefault(row["concept_id"], []).append(row)
    concepts = []
    for cid, concept_rows in rows.items():
        first = concept_rows[0]
        try:
            sources = tuple(Source(s.get("url", ""), s.get("checked", ""))
                            for s in json.loads(first.get("source") or "[]"))
        except (ValueError, AttributeError):
            raise LetterkitError(f"concept {cid!r}: the source column must be JSON",
                                 Location(origin, reader.line_num)) from None
        languages, examples = {}, {}
        for lang in LANGS:
            lang_rows = [r for r in concept_rows if r["lang"] == lang]
            if not lang_rows:
                continue
            head = lang_rows[0]
            preferred = next((r["term"] for r in lang_rows if r["status"] == "preferred"), "")
            admitted = tuple(r["term"] for r in lang_rows if r["status"] == "admitted")
            deprecated = tuple(Deprecated(r["term"], r.get("reason", ""))
                               for r in lang_rows if r["status"] == "deprecated")
            pref_row = next((r for r in lang_rows if r["status"] == "preferred"), head)
            languages[lang] = LanguageEntry(
                preferred, admitted, deprecated, head.get("explanation", ""),
                head.get("requires_explanation", "").strip().lower() == "true",
                head.get("notes", ""), (pref_row.get("gender") or "").strip(),
                (pref_row.get("number") or "").strip(),
                part_of_speech=(head.get("part_of_speech") or "noun").strip())
            try:
                flag = json.loads(pref_row.get("examples_flag") or "[]")
                passing = json.loads(pref_row.get("examples_pass") or "[]")
                not_in = json.loads(pref_row.get("not_in") or "[]")
            except ValueError:
                raise LetterkitError(f"concept {cid!r}: the examples and not_in columns must "
                                     "be JSON lists", Location(origin)) from None
            if not_in:
                languages[lang] = replace(languages[lang], not_in=tuple(not_in))
            if flag or passing:
                examples[lang] = Examples(tuple(flag), tuple(passing))
        concepts.append(Concept(cid, first.get("domain", ""), languages, sources, examples))
    if not concepts:
        raise LetterkitError("no rows in this CSV file", Location(origin))
    return _validated(concepts, origin)


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    raise LetterkitError("cannot tell the format from the file name; use --format tbx|csv",
                         Location(str(path)))


def import_file(path: Path, fmt: str | None = None) -> Glossary:
    from letterkit.yamlio import read_text

    fmt = fmt or detect_format(path)
    text = read_text(path)
    return import_tbx(text, str(path)) if fmt == "tbx" else import_csv(text, str(path))
