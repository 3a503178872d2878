"""``letterkit diff``: what a change does to each letter, against a git revision.

For every letter whose templates, partials, metadata or samples differ from the base
revision: readability before and after (per language, default sample), lint findings added
and removed (both sides linted with today's rules, so the difference is the text's), and
variables added or removed (a removed or newly required variable breaks the systems that fill
the letter in). A letter whose text changed while its ``version`` did not is an error.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from letterkit.catalog import Catalog, load_catalog
from letterkit.errors import LetterkitError, Location
from letterkit.lint import lint_letter
from letterkit.lint.rules import RuleSet
from letterkit.model.letter import Letter
from letterkit.project import Project
from letterkit.render import render_letter
from letterkit.text import analyze
from letterkit.text.report import figures


@dataclass
class LetterDiff:
    letter_id: str
    status: str  # added, removed, changed
    old_version: int | None = None
    new_version: int | None = None
    text_changed: bool = False
    readability: dict[str, tuple[float | None, float | None, str]] = field(default_factory=dict)
    findings_added: list[str] = field(default_factory=list)
    findings_removed: list[str] = field(default_factory=list)
    variables_added: list[str] = field(default_factory=list)
    variables_removed: list[str] = field(default_factory=list)

    @property
    def version_not_bumped(self) -> bool:
        return (self.status == "changed" and self.text_changed
                and (self.new_version or 0) <= (self.old_version or 0))

    @property
    def breaking(self) -> bool:
        return bool(self.variables_removed
                    or any(v.endswith("(required)") for v in self.variables_added))


def _git(project: Project, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=project.root, capture_output=True,
                                check=False)
    except FileNotFoundError:
        raise LetterkitError("git is not installed; letterkit diff compares against git") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LetterkitError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def base_tree(project: Project, base: str, target: Path) -> Path:
    """Extract the base revision's letters/ and linting/config.yaml under *target*."""
    _git(project, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    prefix = _git(project, "rev-parse", "--show-prefix").decode().strip()
    letters = (prefix + str(project.letters_dir.relative_to(project.root))).strip("/")
    listed = _git(project, "ls-tree", "--name-only", base, letters + "/")
    root = target / "project"
    (root / "letters").mkdir(parents=True)
    if listed.strip():
        archive = _git(project, "archive", "--format=tar", base, letters)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                if not member.isfile():
                    continue
                relative = Path(member.name).relative_to(letters)
                destination = root / "letters" / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                extracted = tar.extractfile(member)
                destination.write_bytes(extracted.read() if extracted else b"")
    return root / "letters"


def _sources(letter: Letter) -> dict[str, bytes]:
    """Every file that makes up the letter's text, relative to the letters folder."""
    root = letter.path.parent
    files = {}
    for path in sorted(letter.path.rglob("*")):
        if path.is_file():
            files[str(path.relative_to(root))] = path.read_bytes()
    for lang in letter.languages:
        for path in sorted((root / "_shared" / lang).glob("*.md.j2")):
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def _text_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name.endswith(".md.j2")}


def _headline(letter: Letter, lang: str) -> tuple[str, float | None]:
    try:
        rendered = render_letter(letter, lang, "default")
    except LetterkitError:
        return "", None
    doc = analyze(rendered.markdown, lang)
    body = [s for s in doc.sentences if s.start >= rendered.body_start]
    result = figures(doc, body)["difficulty"]
    return result["measure"], result["value"]


def _finding_keys(letter: Letter, ruleset: RuleSet, project: Project) -> set[str]:
    return {f"{f.lang} {f.code} {f.found!r}: {f.message}"
            for f in lint_letter(letter, ruleset, project, strict=False)}


def _variable_changes(before: Letter, after: Letter) -> tuple[list[str], list[str]]:
    """Variables added (marked "(required)" when the filling system must now send them) and
    removed; an optional variable that became required counts as added."""
    added = []
    for name, variable in sorted(after.variables.items()):
        old = before.variables.get(name)
        if old is None or (variable.required and not old.required):
            added.append(f"{name} ({variable.type})" + (" (required)" if variable.required
                                                        else ""))
    removed = [f"{name} ({v.type})" for name, v in sorted(before.variables.items())
               if name not in after.variables]
    return added, removed


def diff_catalogs(old: Catalog, new: Catalog, ruleset: RuleSet, project: Project
                  ) -> list[LetterDiff]:
    result = []
    for letter_id in sorted(set(old.letters) | set(new.letters)):
        before, after = old.letters.get(letter_id), new.letters.get(letter_id)
        if before is None:
            result.append(LetterDiff(letter_id, "added", new_version=after.version))
            continue
        if after is None:
            result.append(LetterDiff(letter_id, "removed", old_version=before.version))
            continue
        old_files, new_files = _sources(before), _sources(after)
        if old_files == new_files:
            continue
        entry = LetterDiff(letter_id, "changed", before.version, after.version,
                           text_changed=_text_files(old_files) != _text_files(new_files))
        for lang in after.languages:
            name, value_before = _headline(before, lang) if lang in before.languages else ("", None)
            name_after, value_after = _headline(after, lang)
            entry.readability[lang] = (value_before, value_after, name_after or name)
        old_keys = _finding_keys(before, ruleset, project)
        new_keys = _finding_keys(after, ruleset, project)
        entry.findings_added = sorted(new_keys - old_keys)
        entry.findings_removed = sorted(old_keys - new_keys)
        entry.variables_added, entry.variables_removed = _variable_changes(before, after)
        result.append(entry)
    return result


def diff_against(project: Project, base: str, ruleset: RuleSet) -> list[LetterDiff]:
    with tempfile.TemporaryDirectory(prefix="letterkit-diff-") as tmp:
        old_root = base_tree(project, base, Path(tmp))
        old = (load_catalog(old_root, project.kinds) if any(old_root.iterdir())
               else Catalog(old_root))
        new = load_catalog(project.letters_dir, project.kinds, project)
        if not project.letters_dir.is_dir():
            raise LetterkitError("no letters folder", Location(str(project.letters_dir)))
        return diff_catalogs(old, new, ruleset, project)
