"""Kind ``personal-data``: real-looking identity codes, e-mail addresses, phone numbers, IBANs.

Unlike other kinds it also flags text that came from a sample's values: samples must hold
invented data only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letterkit.lint.context import Hit, LintContext
from letterkit.lint.kinds.base import Rule
from letterkit.personal_data import find_personal_data

WHAT = {
    "fi": {"personal identity code": "henkilötunnus", "e-mail address": "sähköpostiosoite",
           "phone number": "puhelinnumero", "IBAN": "tilinumero"},
    "sv": {"personal identity code": "personbeteckning", "e-mail address": "e-postadress",
           "phone number": "telefonnummer", "IBAN": "kontonummer"},
}


class PersonalData(Rule):
    kind = "personal-data"
    options = {"allow": (False, "list: texts never flagged, e.g. the authority's own number")}

    def configure(self, options: dict[str, Any]) -> None:
        self.allow = set(self.string_list(options, "allow"))

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        for finding in find_personal_data(ctx.text):
            if finding.found not in self.allow:
                yield Hit(finding.start, finding.end, finding.found, values={"what": WHAT.get(self.spec.lang, {}).get(finding.what, finding.what)})
