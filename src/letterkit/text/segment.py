"""Tokens and sentences inside one unit, on the masked text (see ``markup``).

URLs, e-mail addresses, dates (7.12.2026), times (klo 9.00), numbers (1 234,50), case numbers
(OLE/2026/048213) and dotted abbreviations (t.ex., e.g.) are single tokens, so their full stops
are never taken for sentence ends.
"""

from __future__ import annotations

import bisect
import re

from .abbreviations import ALL, BEFORE_NUMBER, MAY_END

_TOKEN = re.compile(
    r"""
    # Most tokens are plain words in a chunk with no . @ / \ or digit after them: then none
    # of the other kinds can match here, and this alternative saves trying them (the e-mail
    # and code alternatives look up to 60 characters ahead). The same match as <word>.
    (?P<plain>(?=[^\s.@/\\\d]*(?!\S))[^\W\d_](?:[\w\u00ad'’&]*\w)?(?:[-:][\w\u00ad]+)*)
    | (?P<url>(?:https?://|www\.)[^\s<>"'”’»]+[^\s<>"'”’».,;:!?)\]]
      | (?<![\w@.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:fi|se|com|org|net|eu|gov|uk|int|info|io)
        (?![\w@])(?:/[^\s<>"'”’»]*[^\s<>"'”’».,;:!?)\]])?)
    | (?P<email>(?<![\w.+-])\w[\w.+-]{0,63}@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})
    | (?P<code>[^\W_](?=\S{0,60}\d)[^\W_]*(?:[/\\][^\W_]+)+)
    | (?P<number>(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])(?:\.(?:\d{4}|\d{2}))?(?![\d]|\.\d)
      | \d{1,2}[.:]\d{2}(?!\d)
      | \d+(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,:]\d+)*(?:[-–:][^\W\d_]+)?)
    | (?P<dotted>(?:[^\W\d_]{1,4}\.){2,})
    | (?P<word>[^\W\d_](?:[\w\u00ad'’&]*\w)?(?:[-:][\w\u00ad]+)*)
    """,
    re.X | re.I,
)
_TERMINAL = re.compile(r"[.!?…]")
_CLOSERS = "\"'”’»)]"


def tokens(masked: str, start: int, end: int, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, abbreviation-class) for each token of ``masked[start:end]``.

    kind is word, number, url, email or code; the class is "" or "final"/"nonfinal" for
    abbreviations that took their full stop.
    """
    out = []
    abbrevs = ALL[lang]
    may_end = MAY_END[lang]
    before_number = BEFORE_NUMBER[lang]
    for m in _TOKEN.finditer(masked, start, end):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "plain":
            out.append((s, e, "word", ""))
            continue
        cls = ""
        if kind == "dotted":
            kind = "word"
            low = masked[s:e].lower()
            cls = "final" if low in may_end or low not in abbrevs else "nonfinal"
        elif kind == "word" and e < end and masked[e] == ".":
            low = masked[s:e + 1].lower()
            if low in abbrevs or (low in before_number and _next_is_digit(masked, e + 1, end)):
                e += 1
                cls = "final" if low in may_end else "nonfinal"
        out.append((s, e, kind, cls))
    return out


def word_forms(text: str) -> set[str]:
    """The word forms of *text* as :func:`tokens` finds them, roughly: without masking
    Markdown first and without the full stops abbreviations take (a quick look at which words
    a text has, before it is analysed)."""
    return {m.group() for m in _TOKEN.finditer(text) if m.lastgroup in _WORD_KINDS}


_WORD_KINDS = frozenset({"plain", "word", "dotted"})


def _next_is_digit(text: str, pos: int, end: int) -> bool:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos < end and text[pos].isdigit()


def _starts_sentence(text: str, tok_start: int) -> bool:
    ch = text[tok_start]
    return ch.isupper() or ch.isdigit()


def sentences(masked: str, toks: list[tuple[int, int, str, str]], unit_end: int):
    """Group tokens into sentences: yields (sent_start, sent_end, first_token, last_token+1).

    A sentence can end only after a token followed by terminal punctuation in the gap before
    the next token, or after an abbreviation that took its full stop: those tokens are found
    with one search over the unit, not by looking at every gap."""
    n = len(toks)
    if not n:
        return
    ends: dict[int, int | None] = {}  # token index -> its gap's first terminal (or None)
    if n > 1:
        token_ends = [tok[1] for tok in toks]
        for m in _TERMINAL.finditer(masked, toks[0][1], toks[-1][0]):
            position = m.start()
            i = bisect.bisect_right(token_ends, position) - 1
            if position < toks[i + 1][0] and i not in ends:  # in the gap, not in a token
                ends[i] = position
        for i in range(n - 1):
            if toks[i][3] == "final" and i not in ends:
                ends[i] = None
    first = 0
    for i in sorted(ends):
        s, e, kind, cls = toks[i]
        nxt = toks[i + 1][0]
        terminal = ends[i]
        boundary = False
        if terminal is not None:
            if _starts_sentence(masked, nxt) or not masked[nxt].isalpha():
                boundary = not (
                    masked[terminal] == "." and kind == "word" and e - s == 1
                    and masked[s].isupper()
                )
        elif cls == "final":
            boundary = masked[nxt].isupper()
        if boundary:
            end = e if terminal is None else terminal + _closing_len(masked[terminal:nxt])
            yield toks[first][0], end, first, i + 1
            first = i + 1
    e = toks[-1][1]
    yield toks[first][0], e + _closing_len(masked[e:unit_end]), first, n


def _closing_len(gap: str) -> int:
    """Length of the terminal punctuation and closing quotes at the start of ``gap``."""
    k = 0
    while k < len(gap) and (gap[k] in ".!?…:;" or gap[k] in _CLOSERS):
        k += 1
    return k
