"""Pin the exact letter text a panel reads: git commit plus sha256 of the rendered Markdown.

A study pins every (letter, version label, language) once, when it is opened. Participants
read the stored Markdown, never the live templates, so an edit to a letter during a study
cannot change what the next participant sees; every answer carries the commit and the hash.
A version with ``ref`` is rendered from the letter as it was at that git commit.
"""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from letterkit.catalog import load_letter
from letterkit.errors import LetterkitError, Location
from letterkit.panel.study import Study
from letterkit.project import Project
from letterkit.render import render_letter


@dataclass(frozen=True)
class PinnedVersion:
    study_id: str
    letter_id: str
    label: str
    lang: str
    sample: str
    letter_version: int
    git_commit: str | None
    git_dirty: bool
    text_hash: str
    markdown: str
    body_start: int
    title: str
    marks: tuple[dict, ...] = field(default=())  # linter findings on this text, if available


def text_hash(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def git_state(root: Path, paths: list[Path]) -> tuple[str | None, bool]:
    """(HEAD commit, whether *paths* differ from it). ``(None, True)`` without git."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None or head.returncode != 0:
        return None, True
    commit = head.stdout.decode().strip()
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--",
                  *[str(p) for p in paths])
    dirty = status is None or status.returncode != 0 or bool(status.stdout.strip())
    return commit, dirty


def _resolve_ref(root: Path, ref: str) -> str:
    found = _git(root, "rev-parse", "--verify", f"{ref}^{{commit}}")
    if found is None or found.returncode != 0:
        raise LetterkitError(f"git cannot find commit {ref!r}", Location(str(root)))
    return found.stdout.decode().strip()


def _letters_at(root: Path, letters_dir: Path, commit: str, into: Path) -> Path:
    """Extract ``letters/`` as it was at *commit* into *into*; return the letters root."""
    relative = letters_dir.resolve().relative_to(root.resolve())
    archive = _git(root, "archive", "--format=tar", commit, str(relative))
    if archive is None or archive.returncode != 0:
        raise LetterkitError(f"{relative}/ is not in commit {commit[:12]}", Location(str(root)))
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / relative


def _marks(rendered) -> tuple[dict, ...]:  # noqa: ANN001 - a RenderedLetter
    from letterkit.panel.writer import lint_hits

    hits, _available = lint_hits(rendered)
    return tuple({"start": h.start, "end": h.end, "kind": h.kind, "code": h.code,
                  "message": h.message, "severity": h.severity} for h in hits)


def pin_study(study: Study, project: Project) -> list[PinnedVersion]:
    """Render every version of every letter of *study* in each of its languages."""
    pinned: list[PinnedVersion] = []
    root = project.root
    for entry in study.letters:
        for spec in entry.versions:
            with tempfile.TemporaryDirectory(prefix="letterkit-pin-") as tmp:
                if spec.ref:
                    commit = _resolve_ref(root, spec.ref)
                    letters_root, dirty = _letters_at(root, project.letters_dir, commit,
                                                      Path(tmp)), False
                else:
                    letters_root = project.letters_dir
                    commit, dirty = git_state(root, [letters_root / entry.letter,
                                                     letters_root / "_shared"])
                folder = letters_root / entry.letter
                if not (folder / "letter.yaml").is_file():
                    raise LetterkitError(f"study {study.id}: no letter {entry.letter!r}"
                                         + (f" at {spec.ref}" if spec.ref else ""),
                                         Location(study.path or str(project.letters_dir)))
                letter = load_letter(folder, project.kinds, project)
                for lang in study.languages:
                    if lang not in letter.languages:
                        continue
                    rendered = render_letter(letter, lang, entry.sample)
                    pinned.append(PinnedVersion(
                        study.id, entry.letter, spec.label, lang, entry.sample, letter.version,
                        commit, dirty, text_hash(rendered.markdown), rendered.markdown,
                        rendered.body_start, rendered.title, _marks(rendered)))
    return pinned
