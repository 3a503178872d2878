"""letterkit panel [--database URL] [--read-only] info | backup OUT | export [--study ID];
letterkit panel check [STUDY.yaml ...]"""

from __future__ import annotations

from pathlib import Path

import click

from letterkit.errors import LetterkitError, Location


def _where(url: str) -> Location:
    from letterkit.panel.database import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        return Location(str(path))
    return Location(url.split("@", 1)[-1] if "@" in url else url)


def _open(ctx: click.Context):
    """The store named by the group's options; a database that cannot be opened is a
    located error."""
    from letterkit.panel.database import StoreUnavailable, default_url, sqlite_path
    from letterkit.panel.store import open_store

    url = ctx.obj["database"]
    if url is None:
        from letterkit.project import find_project

        url = default_url(find_project().root)
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise LetterkitError("there is no panel database here; give its address with "
                             "--database sqlite:///PATH", Location(str(path)))
    try:
        return url, open_store(url, read_only=ctx.obj["read_only"] or None)
    except StoreUnavailable as exc:
        raise LetterkitError(f"cannot open the panel database ({exc.reason}): {exc.detail}",
                             _where(url)) from exc


@click.group("panel")
@click.option("--database", metavar="URL",
              help="SQLAlchemy URL of the answer store (default: LETTERKIT_DATABASE_URL, "
                   "else var/panel.sqlite).")
@click.option("--read-only", is_flag=True,
              help="Open the database without writing anything to it (an archived copy "
                   "whose file or folder cannot be written is opened so anyway).")
@click.pass_context
def command(ctx: click.Context, database: str | None, read_only: bool) -> None:
    """The customer-panel answer store: what it holds, consistent backups and exports, and
    a check of study files.

    info, backup and export work while `letterkit serve` keeps taking answers.
    """
    ctx.obj = {"database": database, "read_only": read_only}


@command.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check study files (or folders of them; default: studies/ of the project) before
    opening them in the app: every problem of every file, one line each (path:line:col),
    with each letter and its sample looked up in letters/. Exit 0 when all can be opened,
    2 when not."""
    from letterkit.errors import ProblemsError
    from letterkit.panel.study import read_studies
    from letterkit.project import find_project

    project = find_project(files[0] if files else None)
    if not files and not (project.root / "studies").is_dir():
        raise LetterkitError("no studies/ folder here: give the study files' paths, or run "
                             "this in the project (see studies/README.md)",
                             Location(str(project.root)))
    paths: list[Path] = []
    for given in files or (project.root / "studies",):
        if given.is_dir():
            found = sorted(given.glob("*.yaml"))
            if not found:
                raise LetterkitError("no study files here: give their paths, or add "
                                     f"{given.name}/<id>.yaml (see studies/README.md)",
                                     Location(str(given)))
            paths.extend(found)
        else:
            paths.append(given)
    studies, problems = read_studies(paths, project.letters_dir)
    if problems:
        raise ProblemsError(problems)
    click.echo(f"{len(paths)} stud{'ies' if len(paths) != 1 else 'y'} ok", err=True)


@command.command("info")
@click.pass_context
def info(ctx: click.Context) -> None:
    """Studies, participants and answers in the database, and whether it is read-only."""
    from letterkit.panel.database import StoreUnavailable

    url, store = _open(ctx)
    try:
        click.echo(f"schema version {store.schema_version()}"
                   + (", read-only" if store.read_only else ""))
        for study_id in store.study_ids():
            people = store.participant_summary(study_id)
            finished = sum(1 for p in people if p["finished_at"] is not None)
            click.echo(f"{study_id}: {len(people)} participants ({finished} finished), "
                       f"{store.count_answers(study_id)} answers")
    except StoreUnavailable as exc:
        raise LetterkitError(f"cannot read the panel database ({exc.reason}): {exc.detail}",
                             _where(url)) from exc


@command.command("backup")
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, out: Path) -> None:
    """Copy the whole database to the new SQLite file OUT: one consistent snapshot, taken
    while the app runs, checked with PRAGMA integrity_check before it is kept."""
    from letterkit.panel.backup import BackupError, backup

    _url, store = _open(ctx)
    try:
        report = backup(store, out)
    except BackupError as exc:
        raise LetterkitError(str(exc), Location(str(out))) from exc
    click.echo(f"{out}: {report.answers} answers, integrity {report.integrity}")


@command.command("export")
@click.option("--study", "study_id", metavar="ID",
              help="The study to export (needed when the database holds more than one).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="CSV: one row per answer; JSON: with the pinned "
                                      "letter versions.")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="File to write (default: standard output).")
@click.pass_context
def export_command(ctx: click.Context, study_id: str | None, fmt: str,
                   out: Path | None) -> None:
    """Export one study's answers, as the results page downloads them (spreadsheet
    formulas in answers are neutralised)."""
    from letterkit.panel.backup import export
    from letterkit.panel.database import StoreUnavailable

    url, store = _open(ctx)
    try:
        ids = store.study_ids()
        if study_id is None:
            if len(ids) != 1:
                raise LetterkitError(
                    ("the database holds no study" if not ids else
                     "the database holds several studies; choose one with --study: "
                     + ", ".join(ids)), _where(url))
            study_id = ids[0]
        if study_id not in ids:
            raise LetterkitError(f"there is no study {study_id!r}; the database holds: "
                                 + (", ".join(ids) or "none"), _where(url))
        text = export(store, study_id, fmt)
    except StoreUnavailable as exc:
        raise LetterkitError(f"cannot read the panel database ({exc.reason}): {exc.detail}",
                             _where(url)) from exc
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LetterkitError(f"cannot write the export: {exc.strerror}",
                             Location(str(out))) from exc
    click.echo(f"{out}: {study_id}, {fmt}", err=True)
