"""Fixtures for the app tests: a fresh answer store with the example study opened."""

from __future__ import annotations

import pytest
from panel_app_paths import APP, REPO, SECRET

from letterkit.panel import load_study, pin_study
from letterkit.panel.store import open_store
from letterkit.project import find_project


@pytest.fixture(scope="session")
def example_pins():
    study = load_study(REPO / "studies" / "panel-2026-12.yaml")
    return study, pin_study(study, find_project(REPO))


@pytest.fixture
def panel_env(tmp_path, monkeypatch, example_pins):
    """Environment of the app: its own SQLite file, a sign-in secret, the study opened."""
    url = f"sqlite:///{tmp_path / 'panel.sqlite'}"
    monkeypatch.setenv("LETTERKIT_DATABASE_URL", url)
    monkeypatch.setenv("LETTERKIT_RESEARCHER_SECRET", SECRET)
    monkeypatch.setenv("LETTERKIT_PROJECT", str(REPO))
    study, pins = example_pins
    store = open_store(url)
    store.add_study(study, pins)
    return store, study


@pytest.fixture
def app_test():
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()  # each test starts with fresh throttles and stores

    def make(**query):
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        return at

    return make
