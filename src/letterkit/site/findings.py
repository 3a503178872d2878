"""The catalogue's lint findings for the site, computed once per build and cached.

A rule page lists the letters the rule flags now; a letter page lists its findings. Both come
from one lint of the whole catalogue, kept in ``var/cache/site-findings-<key>.json``. The key is
a hash of every file the result depends on (letters, rule packs, term bases, lint config) and
of letterkit's own source files, so a changed letter, rule or engine lints again, and an
unchanged project costs one hash instead of about two seconds of linting.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import letterkit
from letterkit.errors import LetterkitError, ProblemsError
from letterkit.project import Project

CACHE_NAME = "site-findings"


@dataclass
class CatalogueFindings:
    """Findings of the catalogue by letter id (``_shared`` for the shared parts)."""

    by_letter: dict[str, list[dict]] = field(default_factory=dict)
    unchecked: dict[str, str] = field(default_factory=dict)  # letter id -> why not

    def for_rule(self, code: str, lang: str) -> dict[str, list[dict]]:
        """Letter id -> findings of *code* in *lang*."""
        out: dict[str, list[dict]] = {}
        for letter_id, found in self.by_letter.items():
            hits = [f for f in found if f["code"] == code and f["lang"] in (lang, "")]
            if hits:
                out[letter_id] = hits
        return out

    def for_letter(self, letter_id: str, lang: str) -> list[dict]:
        return [f for f in self.by_letter.get(letter_id, []) if f["lang"] in (lang, "")]


def _inputs(project: Project) -> list[Path]:
    folders = [project.letters_dir, *project.rule_packs, *project.term_bases,
               Path(letterkit.__file__).parent]
    files = []
    for folder in folders:
        files += [p for p in Path(folder).glob("**/*") if p.is_file()
                  and "__pycache__" not in p.parts]
    config = project.linting_dir / "config.yaml"
    if config.is_file():
        files.append(config)
    return sorted(set(files))


def _key(project: Project) -> str:
    digest = hashlib.sha256()
    for path in _inputs(project):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _letter_of(path: str, letters_dir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(letters_dir.resolve()).parts[0]
    except (ValueError, IndexError):
        return ""


def lint_catalogue(project: Project) -> CatalogueFindings:
    """Lint every letter once (no cache)."""
    from letterkit.catalog import load_catalog
    from letterkit.lint.runner import lint_letter

    result = CatalogueFindings()
    catalog = load_catalog(project.letters_dir, project.kinds, project)
    ruleset = project.rules()
    for letter_id, letter in sorted(catalog.letters.items()):
        try:
            findings = lint_letter(letter, ruleset, project)
        except (ProblemsError, LetterkitError) as exc:
            result.unchecked[letter_id] = str(exc)
            continue
        for finding in findings:
            owner = _letter_of(finding.path, project.letters_dir) or letter_id
            rows = result.by_letter.setdefault(owner, [])
            row = finding.as_dict()
            row["path"] = Path(finding.path).resolve().relative_to(
                project.root.resolve()).as_posix() if Path(finding.path).is_absolute() \
                else finding.path
            if row not in rows:
                rows.append(row)
    return result


def cached(project: Project, name: str, compute):
    """*compute()*'s JSON-able result, kept in ``var/cache/<name>-<key>.json`` (or
    ``LETTERKIT_CACHE_DIR``) and computed again only when an input file changed."""
    if os.environ.get("LETTERKIT_NO_CACHE"):
        return compute()
    folder = Path(os.environ.get("LETTERKIT_CACHE_DIR") or project.root / "var" / "cache")
    path = folder / f"{name}-{_key(project)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    result = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{name}-*.json"):
            old.unlink()
        path.write_text(json.dumps(result), encoding="utf-8")
    except OSError:  # an unwritable cache folder only costs time
        pass
    return result


def catalogue_findings(project: Project) -> CatalogueFindings:
    """The catalogue's findings, from the cache when nothing they depend on has changed."""
    def compute() -> dict:
        result = lint_catalogue(project)
        return {"by_letter": result.by_letter, "unchecked": result.unchecked}

    data = cached(project, CACHE_NAME, compute)
    return CatalogueFindings(data["by_letter"], data["unchecked"])
