"""Personal data that must never be in letters, samples or the repository.

Samples hold invented values only. These finders flag what looks real: a Finnish personal
identity code whose check character is right (including the century signs added in 2023),
an e-mail address outside the domains reserved for examples, a phone number, and an IBAN
whose mod-97 checksum holds. A checksum keeps invented-looking case numbers from matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# + 1800s; - Y X W V U 1900s; A B C D E F 2000s (Act 128/2010 as amended in 2023).
_HETU = re.compile(r"\b(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])\b")
_EMAIL = re.compile(r"\b[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")
_EXAMPLE_DOMAINS = re.compile(r"(^|\.)(example(\.(com|org|net|fi|se))?|test|invalid|localhost)$",
                              re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/+])(?:\+\d{1,3}[ -]?\(?\d{1,4}\)?|0\d{1,3})(?:[ -]?\d{2,4}){2,4}"
                    r"(?![\w/])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    found: str
    what: str  # "personal identity code", "e-mail address", "phone number", "IBAN"


def valid_hetu(match: re.Match) -> bool:
    day, month, _year, _sign, serial, check = match.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12) or serial == "000":
        return False
    return _HETU_CHECK[int(day + month + _year + serial) % 31] == check


def valid_iban(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def find_personal_data(text: str) -> Iterator[Finding]:
    """Everything in *text* that looks like real personal data, in order of position."""
    found: list[Finding] = []
    for match in _HETU.finditer(text):
        if valid_hetu(match):
            found.append(Finding(match.start(), match.end(), match.group(0),
                                 "personal identity code"))
    for match in _EMAIL.finditer(text):
        if not _EXAMPLE_DOMAINS.search(match.group(1)):
            found.append(Finding(match.start(), match.end(), match.group(0), "e-mail address"))
    for match in _IBAN.finditer(text):
        if valid_iban(match.group(1)):
            found.append(Finding(match.start(), match.end(), match.group(0), "IBAN"))
    taken = [(f.start, f.end) for f in found]
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 7 <= len(digits) <= 15 and not any(s <= match.start() < e for s, e in taken):
            found.append(Finding(match.start(), match.end(), match.group(0).strip(),
                                 "phone number"))
    yield from sorted(found, key=lambda f: f.start)
