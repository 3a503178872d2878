"""letterkit serve [--host H] [--port P] [--database URL]: start the preview app."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import click

from letterkit.errors import LetterkitError, Location


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to let other machines in).")
@click.option("--port", "-p", default=8501, show_default=True, type=int, help="Port.")
@click.option("--database", metavar="URL",
              help="SQLAlchemy URL of the answer store (default: LETTERKIT_DATABASE_URL, "
                   "else var/panel.sqlite).")
def command(host: str, port: int, database: str | None) -> None:
    """Start the preview app: writer preview, panel studies and results.

    Researchers sign in with LETTERKIT_RESEARCHER_SECRET; when it is not set, a secret is
    made up for this run and printed.
    """
    from letterkit.panel.access import SECRET_ENV, configured_secret
    from letterkit.panel.store import DATABASE_ENV, default_url
    from letterkit.project import find_project

    project = find_project()
    app = project.root / "preview_app" / "server.py"  # app.py behind letterkit's headers
    if not app.is_file():
        raise LetterkitError("the preview app is missing (preview_app/server.py)",
                             Location(str(project.root)))
    env = dict(os.environ)
    env[DATABASE_ENV] = database or default_url(project.root)
    env["LETTERKIT_PROJECT"] = str(project.root)
    secret = configured_secret(None)
    if secret is None:
        env[SECRET_ENV] = secret = secrets.token_urlsafe(12)
        click.echo(f"Researcher sign-in secret for this run: {secret}")
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"letterkit preview app: http://{shown}:{port}/  (answers: "
               f"{_display(env[DATABASE_ENV])}; stop with Ctrl+C)")
    args = [sys.executable, "-m", "streamlit", "run", str(app),
            "--server.headless", "true", "--server.address", host, "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
            "--server.fileWatcherType", "poll" if _no_inotify() else "auto"]
    try:
        code = subprocess.call(args, env=env, cwd=str(project.root))
    except KeyboardInterrupt:
        code = 0
    sys.exit(code)


def _display(url: str) -> str:
    if "@" in url:  # hide a password in a PostgreSQL URL
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


def _no_inotify() -> bool:
    return not Path("/proc/sys/fs/inotify").exists()
