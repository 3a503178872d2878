"""The allow-list of source domains (``glossary/sources.yaml``) and the check against it.

A term base is only as good as its sources: a concept that cites a gambling site or a copy on
a document-sharing site cannot be signed by a terminologist. The list of domains the project
accepts is data, kept beside the concepts; ``letterkit glossary validate`` warns, with the
file and line, about every source URL outside it. A source without a URL is how a concept says
that a term could not be verified; it is counted, not warned about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from letterkit.errors import Location, Problem, ProblemsError
from letterkit.glossary.model import Glossary
from letterkit.yamlio import Fields, load_yaml

SOURCES_FILE = "sources.yaml"
ENTRY_FIELDS = {"domain": "a host name, e.g. migri.fi (subdomains match too)",
                "who": "who publishes there, in a few words"}


@dataclass(frozen=True)
class AllowedDomain:
    domain: str
    who: str


@dataclass(frozen=True)
class AllowList:
    """The accepted source domains, and the file they came from."""

    path: Path
    domains: tuple[AllowedDomain, ...]

    def match(self, url: str) -> AllowedDomain | None:
        """The entry that *url*'s host falls under, or None."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        for entry in self.domains:
            if host == entry.domain or host.endswith("." + entry.domain):
                return entry
        return None


@dataclass(frozen=True)
class SourceWarning(Problem):
    """A concept source outside the allow-list (a warning: the term base still loads)."""

    def __str__(self) -> str:
        return f"{self.location}: warning: {self.message}"


def load_allowlist(folder: Path | str) -> AllowList | None:
    """Read ``<folder>/sources.yaml``; None when the folder has none.

    Raises ProblemsError (exit 2) listing every problem of a file that is there but wrong.
    """
    path = Path(folder) / SOURCES_FILE
    if not path.exists():
        return None
    located = load_yaml(path)
    problems: list[Problem] = []
    fields = Fields(located, problems)
    names = ", ".join(ENTRY_FIELDS)
    if not fields.is_mapping or not isinstance(fields.get("allowed"), list):
        raise ProblemsError([Problem(located.location(),
                                     f"expected `allowed:` with a list of {{{names}}}")])
    fields.unknown(("allowed",))
    domains = []
    for i in range(len(fields.get("allowed"))):
        item = fields.sub("allowed", i)
        if not item.is_mapping:
            item.add(f"each entry is {{{names}}}")
            continue
        item.unknown(ENTRY_FIELDS)
        domain = item.get("domain")
        who = item.get("who")
        if not isinstance(domain, str) or not domain.strip():
            item.add("missing 'domain': " + ENTRY_FIELDS["domain"])
            continue
        domain = domain.strip().lower()
        if "/" in domain or ":" in domain or " " in domain or "." not in domain:
            item.add(f"{domain!r} is not a host name; write only the domain, e.g. migri.fi "
                     "(no https://, no path)", "domain")
            continue
        if not isinstance(who, str) or not who.strip():
            item.add(f"missing 'who' for {domain}: " + ENTRY_FIELDS["who"])
            continue
        domains.append(AllowedDomain(domain, " ".join(who.split())))
    if problems:
        raise ProblemsError(problems)
    return AllowList(path, tuple(domains))


def source_warnings(glossary: Glossary, allowlist: AllowList) -> list[SourceWarning]:
    """One warning per source of a concept or a customer-service phrase whose URL is outside
    the allow-list, located at the URL's line."""
    out = []
    shown = Location(str(allowlist.path))
    items = [("concept", c) for c in glossary]
    items += [("phrase", p) for p in getattr(glossary, "phrases", {}).values()]
    for what, item in sorted(items, key=lambda x: str(x[1].path or x[1].id)):
        for i, source in enumerate(item.source):
            if not source.url or allowlist.match(source.url):
                continue
            host = urlsplit(source.url).hostname or source.url
            out.append(SourceWarning(
                item.location("source", i, "url"),
                f"{what} {item.id!r} cites {host}, which is not on the list of "
                f"authoritative source domains ({shown}); cite the authority's own page "
                "(Migri, Finlex, Kotus, IATE ...) or replace the url with a `checked:` note "
                "that the term is not verified",
            ))
    return out


def unverified(glossary: Glossary) -> list[tuple[Location, str]]:
    """``(location, note)`` for every source of a concept or a phrase without a URL: the
    notes that say something could not be verified."""
    items = sorted(glossary, key=lambda c: c.id)
    items += sorted(getattr(glossary, "phrases", {}).values(), key=lambda p: p.id)
    return [(item.location("source", i), s.checked) for item in items
            for i, s in enumerate(item.source) if not s.url]
