"""Inline suppression: ``{# letterkit: disable=STY001,WRD002 #}`` silences the next line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from letterkit.errors import LetterkitError, Location

DIRECTIVE = re.compile(r"\{#-?\s*letterkit:\s*disable=([A-Za-z0-9_,\s]*?)\s*-?#\}")
CODE = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass
class Suppression:
    location: Location
    codes: set[str]
    target_line: int
    used: set[str] = field(default_factory=set)


def read_suppressions(path: Path, known_codes: set[str]) -> list[Suppression]:
    """Suppressions in a template; an unknown code is an error (exit 2)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in DIRECTIVE.finditer(line):
            location = Location(str(path), number, match.start() + 1)
            codes = {c.strip() for c in match.group(1).split(",") if c.strip()}
            if not codes:
                raise LetterkitError("disable= needs one or more rule codes, e.g. "
                                     "{# letterkit: disable=STY001 #}", location)
            for code in sorted(codes):
                if not CODE.match(code) or code not in known_codes:
                    raise LetterkitError(f"unknown rule code {code!r} in a suppression; see "
                                         "`letterkit lint --list-rules`", location)
            result.append(Suppression(location, codes, number + 1))
    return result
