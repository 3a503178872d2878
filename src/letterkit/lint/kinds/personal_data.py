"""Kind ``personal-data``: real-looking identity codes, e-mail addresses, phone numbers, IBANs.

Unlike other kinds it also flags text that came from a sample's values: samples must hold
invented data only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
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


# Public webmail: an address there belongs to a person, whatever its local part says.
_WEBMAIL = re.compile(r"(^|\.)(gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|aol|"
                      r"gmx|protonmail|proton|yandex|mail|luukku|suomi24|kolumbus|welho|"
                      r"elisanet|saunalahti|telia|spray|bredband)\.[a-z.]+$", re.IGNORECASE)
_NAME_CLASSES = {"etunimi", "sukunimi", "paikannimi", "nimi"}


class PersonalData(Rule):
    kind = "personal-data"
    options = {
        "allow": (False, "list: texts never flagged, e.g. the authority's own number"),
        "personal_phones": (False, "regular expression: only phone numbers that start like "
                                   "this are flagged (mobile numbers, which belong to "
                                   "people); an organisation's switchboard is not personal "
                                   "data. Default: every phone number"),
        "mailboxes": (False, "true or false (default false): outside public webmail, an "
                             "e-mail address whose local part is one word that is not a "
                             "name ('kirjaamo@', 'support@') or only dictionary words "
                             "('vaka.maksut@') is an organisation's mailbox, not flagged; "
                             "'matti.virtanen@' and 'matti@' are"),
    }

    def configure(self, options: dict[str, Any]) -> None:
        self.allow = set(self.string_list(options, "allow"))
        phones = options.get("personal_phones")
        self.personal_phones = re.compile(phones) if phones else None
        self.mailboxes = bool(options.get("mailboxes", False))

    def check(self, ctx: LintContext) -> Iterable[Hit]:
        for finding in find_personal_data(ctx.text):
            if finding.found in self.allow:
                continue
            if finding.what == "phone number" and self.personal_phones is not None \
                    and not self.personal_phones.match(finding.found):
                continue
            if finding.what == "e-mail address" and self.mailboxes \
                    and _mailbox(finding.found, ctx.lang):
                continue
            yield Hit(finding.start, finding.end, finding.found,
                      values={"what": WHAT.get(self.spec.lang, {}).get(finding.what,
                                                                        finding.what)})


def _mailbox(address: str, lang: str) -> bool:
    """True for an organisation's mailbox: not public webmail, and every part of the local
    part a dictionary word that is not a name ("vaka.maksut", "kirjaamo", "support")."""
    local, _, domain = address.rpartition("@")
    if _WEBMAIL.search(domain):
        return False
    parts = [p for p in re.split(r"[._+-]", local) if p]
    if len(parts) == 1:  # "kirjaamo@", "evakatuki@": a role; people are first.last@
        return not _name(parts[0].lower())
    return bool(parts) and all(_common_word(p.lower(), lang) for p in parts)


def _name(word: str) -> bool:
    from letterkit.text import finnish

    v = finnish.voikko()
    return v is not None and any(a.get("CLASS") in _NAME_CLASSES for a in v.analyze(word))


@lru_cache(maxsize=4096)
def _common_word(word: str, lang: str) -> bool:
    if not word.isalpha():
        return False
    from letterkit.text import finnish, spelling

    v = finnish.voikko()
    if v is not None:
        classes = {a.get("CLASS") for a in v.analyze(word)}
        if classes & _NAME_CLASSES:
            return False
        if classes:
            return True
    return any(spelling.is_known(word, other) for other in dict.fromkeys((lang, "en", "sv"))
               if other != "fi")
