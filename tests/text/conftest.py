import pytest

from letterkit.text import finnish


@pytest.fixture(autouse=True, scope="session")
def _voikko_installed():
    # The test suite runs with the real Voikko (Debian libvoikko1 + voikko-fi).
    assert finnish.available(), "Voikko is not installed: apt-get install libvoikko1 voikko-fi"
