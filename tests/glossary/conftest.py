"""Fixtures for the glossary tests: the real term base and a writable concept folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from letterkit.glossary import Glossary, load_glossary

REPO = Path(__file__).resolve().parents[2]
GLOSSARY_DIR = REPO / "glossary"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The project's real term base."""
    return load_glossary(GLOSSARY_DIR)


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """A writable copy of the real glossary/ folder."""
    target = tmp_path / "glossary"
    shutil.copytree(GLOSSARY_DIR, target)
    return target
