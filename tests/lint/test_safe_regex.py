"""Which rule patterns may run on Python's re (no time limit) and which need regex."""

import re

import pytest

from letterkit.lint.safe_regex import compile_safe, runs_on_re

CATASTROPHIC = [r"(a+)+$", r"(a|a)*b", r"(\w+\s?)+$", r"(a*)*", r"(x+x+)+y", r"(a{1,2})+b",
                r"(.*a){10}", r"(?:\w+|\d+)+!", r"(?=(a+)+$)x", r"(\w+)\1"]
LINEAR = [r"\b(?:[a-z]+\s+){3,}x", r"\bwithin\s+\d+\s+days\b", r"(?:ab|cd)+", r"^(?:[^,]+,)*$",
          r"(?:\w+,?\s)+", r"\b(?:he or she|his or her)\b", r"§\s*\d+"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_patterns_that_can_backtrack_stay_on_regex(pattern):
    assert not runs_on_re(pattern, 0)


@pytest.mark.parametrize("pattern", LINEAR)
def test_linear_patterns_run_on_re(pattern):
    assert runs_on_re(pattern, re.IGNORECASE)


def test_a_pattern_on_re_finds_what_regex_finds_and_pickles():
    import pickle

    text = "Read the draft laboratory animal rights protection regulations. A b c d e."
    safe = compile_safe(r"\b(?:[a-z]+\s+){3,}[a-z]+\b", 0, on_error=ValueError,
                        on_timeout=lambda: TimeoutError())
    assert safe.re_flags is not None
    found = [m.group() for m in safe.finditer(text)]
    assert found == ["the draft laboratory animal rights protection regulations", "b c d e"]
    unsafe = compile_safe(r"(a+)+$", 0, on_error=ValueError, on_timeout=lambda: TimeoutError())
    assert unsafe.re_flags is None
    safe.on_timeout = TimeoutError  # picklable, as the rule kinds give it
    copy = pickle.loads(pickle.dumps(safe))
    assert copy.re_flags == 0 and [m.group() for m in copy.finditer(text)] == found
