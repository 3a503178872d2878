"""The allow-list of source domains: every source of the real term base is on it, and
``letterkit glossary validate`` warns, located, about a source that is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letterkit.errors import ProblemsError
from letterkit.glossary import load_glossary
from letterkit.glossary.sources import load_allowlist, source_warnings, unverified

REPO = Path(__file__).resolve().parents[2]
# The sites the issue found in the term base: none may come back.
REMOVED = ("meritwager.nu", "docplayer.fi", "finnadvisor.fi", "statusin.org", "futureinsavo.fi",
           "foreigner.fi", "ekumenia.fi", "yle.fi", "helsinki.fi", "kommunforbundet.fi",
           "infofinland.fi")


def test_every_source_of_the_term_base_is_on_the_allow_list(glossary):
    allowlist = load_allowlist(REPO / "glossary")
    assert allowlist is not None
    assert source_warnings(glossary, allowlist) == []
    hosts = {s.url.split("/")[2] for c in glossary for s in c.source if s.url}
    assert not [h for h in hosts if any(h == d or h.endswith("." + d) for d in REMOVED)]


def test_the_allow_list_names_who_publishes_on_each_domain():
    allowlist = load_allowlist(REPO / "glossary")
    domains = {d.domain for d in allowlist.domains}
    assert {"migri.fi", "finlex.fi", "kotus.fi", "iate.europa.eu", "sanastot.suomi.fi"} <= domains
    assert all(d.who for d in allowlist.domains)
    assert not domains & set(REMOVED)


def test_subdomains_match_but_lookalikes_do_not():
    allowlist = load_allowlist(REPO / "glossary")
    assert allowlist.match("https://www.migri.fi/en/x")
    assert allowlist.match("http://MIGRI.FI/x")
    assert not allowlist.match("https://notmigri.fi/x")
    assert not allowlist.match("https://migri.fi.example.com/x")


def test_the_loader_does_not_take_the_allow_list_for_a_concept(glossary):
    assert "sources" not in glossary and len(glossary) >= 50


def test_validate_warns_with_file_and_line_about_a_source_outside_the_list(glossary_copy, run_cli):
    path = glossary_copy / "identity.yaml"
    text = path.read_text(encoding="utf-8")
    bad = "https://www.example-visa-guides.com/123-guide.html"
    good = "https://migri.fi/en/faq-handling-matters-at-a-service-point"
    path.write_text(text.replace(good, bad), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if bad in t)
    result = run_cli("glossary", "validate", "--glossary", str(glossary_copy))
    assert result.exit_code == 0, (result.out + result.err)
    warning = re.search(rf"identity\.yaml:{line}:\d+: warning: concept 'identity' cites "
                        r"www\.example-visa-guides\.com, which is not on the list", result.err)
    assert warning, result.err
    assert "1 source outside" in result.out
    strict = run_cli("glossary", "validate", "--strict", "--glossary", str(glossary_copy))
    assert strict.exit_code == 1


def test_validate_on_the_real_term_base_is_clean_and_lists_unverified_terms(run_cli):
    result = run_cli("glossary", "validate", "-v", "--glossary", str(REPO / "glossary"))
    assert result.exit_code == 0
    assert "every source url is on" in result.out
    assert re.search(r"residence-card\.yaml:\d+:\d+: not verified: fi “oleskelukortti”", result.out)
    assert re.search(r"official-translation\.yaml:\d+:\d+: not verified: sv", result.out)


def test_no_allow_list_means_no_check_and_says_so(glossary_copy, run_cli):
    (glossary_copy / "sources.yaml").unlink()
    result = run_cli("glossary", "validate", "--glossary", str(glossary_copy))
    assert result.exit_code == 0 and "sources were not checked" in result.out


@pytest.mark.parametrize("text, expected", [
    ("allowed: migri.fi\n", r"sources\.yaml:1:1: expected `allowed:` with a list"),
    ("allowed:\n  - domain: https://migri.fi/x\n    who: Migri\n",
     r"sources\.yaml:2:\d+: 'https://migri.fi/x' is not a host name"),
    ("allowed:\n  - who: Migri\n", r"sources\.yaml:2:\d+: missing 'domain'"),
    ("allowed:\n  - domain: migri.fi\n", r"sources\.yaml:2:\d+: missing 'who' for migri.fi"),
    ("allowed:\n  - domain: migri.fi\n    who: Migri\n    url: x\n",
     r"sources\.yaml:4:\d+: unknown field 'url'"),
])
def test_a_broken_allow_list_is_located_and_exits_2(glossary_copy, run_cli, text, expected):
    (glossary_copy / "sources.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_allowlist(glossary_copy)
    assert info.value.exit_code == 2
    assert re.search(expected, str(info.value)), str(info.value)
    result = run_cli("glossary", "validate", "--glossary", str(glossary_copy))
    assert result.exit_code == 2 and "Traceback" not in (result.out + result.err)
    assert re.search(expected, (result.out + result.err)), (result.out + result.err)


def test_unverified_notes_are_sources_without_url(glossary):
    notes = unverified(load_glossary(REPO / "glossary"))
    assert all(note for _, note in notes)
    assert all(str(where).startswith(str(REPO / "glossary")) or "glossary/" in str(where)
               for where, _ in notes)
