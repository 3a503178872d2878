"""Fixtures of the panel tests: the example study, pinned once, and answer stores.

Every store test runs on SQLite; it runs on PostgreSQL too when LETTERKIT_TEST_POSTGRES_URL
names a database that the tests may empty (tables of letterkit only).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from letterkit.panel import load_study, pin_study
from letterkit.panel.store import Store, make_engine, meta, metadata
from letterkit.project import find_project

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ENV = "LETTERKIT_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def project():
    return find_project(REPO)


@pytest.fixture(scope="session")
def study():
    return load_study(REPO / "studies" / "panel-2026-12.yaml")


@pytest.fixture(scope="session")
def pins(study, project):
    return pin_study(study, project)


def _backends() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
        not os.environ.get(POSTGRES_ENV), reason=f"set {POSTGRES_ENV} to test PostgreSQL")))
    return params


@pytest.fixture(params=_backends())
def store(request, tmp_path):
    """An empty, migrated store on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'panel.sqlite'}"
    else:
        url = os.environ[POSTGRES_ENV]
    engine = make_engine(url)
    if request.param == "postgresql":
        metadata.drop_all(engine)
        meta.drop(engine, checkfirst=True)
    s = Store(engine)
    s.migrate()
    yield s
    engine.dispose()


@pytest.fixture
def opened(store, study, pins):
    """The store with the example study opened."""
    store.add_study(study, pins)
    return store
