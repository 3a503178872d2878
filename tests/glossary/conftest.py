"""Fixtures for the glossary tests: the real term base and a writable concept folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from letterkit.glossary import Glossary, load_glossary
from letterkit.glossary.language import use_text_layer

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


@pytest.fixture(params=["text-layer", "own-analysis"])
def both_layers(request):
    """Run a test with letterkit.text and with the glossary's own Voikko/simplemma analysis."""
    use_text_layer(request.param == "text-layer")
    yield request.param
    use_text_layer(True)
