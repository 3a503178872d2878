"""Paths and the sign-in secret shared by the app tests (a module with a unique name, since
every test folder has its own conftest)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "preview_app" / "app.py"
SERVER = REPO / "preview_app" / "server.py"  # app.py as `letterkit serve` serves it
SECRET = "test-secret-for-panel"
