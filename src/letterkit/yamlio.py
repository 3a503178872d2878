"""YAML loading that remembers where every key and value came from.

Letter writers edit YAML by hand, so every complaint about it must name the line. PyYAML's
composer keeps a start mark on each node; this module builds ordinary Python data from the
nodes and records ``(line, col)`` for each path of keys, e.g. ``("variables", "deadline",
"type")``. Duplicate keys, which PyYAML silently accepts, are errors here.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, Location

# PyYAML is imported on first parse: a lint served from the compiled cache reads no YAML.

KeyPath = tuple[Any, ...]

# Content files are written by hand; anything larger is a mistake or an attack, and reading
# it would stall every command.
MAX_YAML_BYTES = 2_000_000
MAX_TEMPLATE_BYTES = 1_000_000
# Aliases (*name) may repeat a value, but a "billion laughs" file expands a few lines into
# billions of values: stop once the expanded data is this large.
MAX_VALUES = 200_000


@dataclass
class Located:
    """Data loaded from a YAML file together with the position of every value."""

    path: str
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def location(self, *keys: Any) -> Location:
        """Return the location of the value at *keys*, or of its nearest parent."""
        key_path = tuple(keys)
        while key_path:
            if key_path in self.positions:
                line, col = self.positions[key_path]
                return Location(self.path, line, col)
            key_path = key_path[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)


def read_text(path: Path, *, limit: int = MAX_YAML_BYTES) -> str:
    """Read a UTF-8 text file, turning OS and encoding errors into one-line messages.

    Refuses what is not an ordinary file (a FIFO would block, a device never ends), files
    over *limit* bytes, and symbolic links that lead out of the project or in a loop.
    """
    where = Location(str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LetterkitError("broken symbolic link: its target does not exist", where) from None
        raise LetterkitError("file not found", where) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LetterkitError("symbolic link loop; replace the link with the file",
                                 where) from None
        raise LetterkitError(f"cannot read: {exc.strerror}", where) from None
    if stat.S_ISDIR(info.st_mode):
        raise LetterkitError("is a folder, expected a file", where)
    if not stat.S_ISREG(info.st_mode):
        raise LetterkitError("not an ordinary file (a pipe, device or socket); letterkit reads "
                             "only ordinary files", where)
    if info.st_size > limit:
        raise LetterkitError(f"file is {info.st_size / 1e6:.1f} MB, over the limit of "
                             f"{limit / 1e6:g} MB for content files; split it up", where)
    _refuse_link_out_of_project(Path(path), where)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise LetterkitError(f"cannot read: {exc.strerror}", where) from None
    if len(raw) > limit:  # grew since stat
        raise LetterkitError(f"file is over the limit of {limit / 1e6:g} MB", where)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LetterkitError(
            "not valid UTF-8 text; save the file as UTF-8", Location(str(path), line, col)
        ) from None


def _refuse_link_out_of_project(path: Path, where: Location) -> None:
    """A symbolic link may point within the project, never out of it (e.g. to ~/.ssh)."""
    absolute = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    if real == absolute:
        return  # no link on the way
    from letterkit.roots import find_root

    found = find_root(absolute.parent)
    root = (found[0] if found is not None else Path.cwd()).resolve()
    if not real.is_relative_to(root):
        raise LetterkitError(f"symbolic link to {real}, outside the project {root}; letterkit "
                             "reads only files inside the project", where)


def load_yaml_text(text: str, path: str) -> Located:
    """Parse YAML *text*; *path* is used in messages."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml's is faster
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        raise LetterkitError(
            f"invalid YAML: {what}; check indentation, colons and quotes",
            Location(path, line, col),
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character such as NUL
        at = max(int(getattr(exc, "position", 0) or 0), 0)
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character or 0)
        raise LetterkitError(f"invalid YAML: the character U+{ord(char):04X} is not allowed in "
                             "YAML text; remove it", Location(path, line, col)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other reader errors
        raise LetterkitError("invalid YAML: " + " ".join(str(exc).split()),
                             Location(path)) from None
    except RecursionError:
        raise _too_deep(path) from None
    finally:
        loader.dispose()
    located = Located(path, None)
    if node is None:
        located.positions[()] = (1, 1)
        return located
    builder = _Builder(path, located.positions)
    try:
        located.data = builder.build(node, ())
    except RecursionError:
        raise _too_deep(path) from None
    return located


def _too_deep(path: str) -> LetterkitError:
    return LetterkitError("the values are nested too deeply to read; a letter's files need "
                          "only a few levels", Location(path))


def load_yaml(path: Path) -> Located:
    """Read and parse the YAML file at *path*."""
    return load_yaml_text(read_text(path), str(path))


class _Builder:
    def __init__(self, path: str, positions: dict[KeyPath, tuple[int, int]]):
        import yaml

        self.yaml = yaml
        self.path = path
        self.positions = positions
        # A plain SafeLoader resolves scalar tags (int, bool, date...) exactly as PyYAML does.
        self.constructor = yaml.SafeLoader("")
        self.values = 0
        self.open_nodes: set[int] = set()  # the nodes being built: an alias to one is a loop

    def build(self, node: Any, key_path: KeyPath) -> Any:
        yaml = self.yaml

        self.values += 1
        if self.values > MAX_VALUES:
            raise LetterkitError(
                f"the aliases (*name) here expand to more than {MAX_VALUES} values; a letter's "
                "files need far fewer (write the values out)", self._loc(node))
        if id(node) in self.open_nodes:
            raise LetterkitError("an alias (*name) refers to the value it is part of, which "
                                 "never ends; remove the alias", self._loc(node))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.open_nodes.add(id(node))
            try:
                return self._build_collection(node, key_path)
            finally:
                self.open_nodes.discard(id(node))
        self.positions[key_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            # One line: the position is already given (a MarkedYAMLError's text repeats it
            # on lines of its own, "in <unicode string>, line 1, column 1").
            what = exc.problem if isinstance(exc, yaml.MarkedYAMLError) and exc.problem \
                else " ".join(str(exc).split())
            raise LetterkitError(f"cannot read this value: {what}; write it in quotes if it "
                                 "is meant as text", self._loc(node)) from None

    def _build_collection(self, node: Any, key_path: KeyPath) -> Any:
        yaml = self.yaml

        self.positions[key_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise LetterkitError(
                        "YAML merge keys (<<) are not supported; write the values out",
                        self._loc(key_node),
                    )
                key = self.build(key_node, key_path + ("<key>",))
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise LetterkitError("a key must be a plain word", self._loc(key_node))
                if key in result:
                    raise LetterkitError(
                        f"duplicate key {key!r}; each key may appear once here",
                        self._loc(key_node),
                    )
                result[key] = self.build(value_node, key_path + (key,))
                # Point at the key, which is where a writer looks first.
                self.positions[key_path + (key,)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            self.positions.pop(key_path + ("<key>",), None)
            return result
        return [self.build(item, key_path + (i,)) for i, item in enumerate(node.value)]

    def _loc(self, node: Any) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)


class Fields:
    """Reads the fields of one YAML file (or one mapping in it) and collects every problem.

    The one field reader of letterkit's YAML files (letters, samples, rule files, guides):
    each getter returns a usable value and records what is wrong with ``path:line:col``,
    so a reader reports every problem of a file, not just the first. ``at`` is the key
    path of the mapping read (``()`` for the whole file)::

        fields = Fields(load_yaml(path), problems)
        fields.unknown(ALLOWED)
        fields.missing(REQUIRED)
        name = fields.text("name")
    """

    _MISSING = object()

    def __init__(self, located: Located, problems: list | None = None, at: KeyPath = (),
                 problem_type: type | None = None, data: Any = _MISSING):
        from letterkit.errors import Problem

        self.located = located
        self.problems: list = [] if problems is None else problems
        self.at = tuple(at)
        self.problem_type = problem_type or Problem
        self._start = len(self.problems)
        if data is Fields._MISSING:  # the value at *at*; *data* reads another in its place
            data = located.data
            for key in self.at:
                if isinstance(data, dict):
                    data = data.get(key)
                elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
                    data = data[key]
                else:
                    data = None
        self.data: dict[Any, Any] = data if isinstance(data, dict) else {}
        self.is_mapping = isinstance(data, dict)

    @property
    def ok(self) -> bool:
        """True when this reader (and its sub-readers) added no problem."""
        return len(self.problems) == self._start

    @property
    def found(self) -> list:
        """The problems this reader added."""
        return self.problems[self._start:]

    def location(self, *keys: Any) -> Location:
        return self.located.location(*self.at, *keys)

    def add(self, message: str, *keys: Any) -> None:
        self.problems.append(self.problem_type(self.location(*keys), message))

    def add_unreadable(self, message: str, *keys: Any) -> None:
        from letterkit.errors import Unreadable

        self.problems.append(Unreadable(self.location(*keys), message))

    def error(self, message: str, *keys: Any) -> LetterkitError:
        return LetterkitError(message, self.location(*keys))

    def sub(self, *keys: Any, data: Any = _MISSING) -> Fields:
        """A reader for the mapping at *keys* below this one, adding to the same problems
        (*data*: read this value in its place, e.g. ``{"type": "date"}`` for ``date``)."""
        return Fields(self.located, self.problems, self.at + keys, self.problem_type, data)

    def __contains__(self, key: Any) -> bool:
        return key in self.data

    def get(self, key: Any, default: Any = None) -> Any:
        return self.data.get(key, default)

    # what a mapping may and must hold

    def unknown(self, allowed, what: str = "") -> None:
        """Report each key that is not in *allowed* (names listed in the message)."""
        for key in self.data:
            if key not in allowed:
                owner = f" {what}" if what else ""
                self.add(f"unknown field {key!r}{owner}; valid fields: {', '.join(allowed)}", key)

    def missing(self, required, describe: dict[str, str] | None = None) -> list[str]:
        """Report each key of *required* that is absent; return them."""
        absent = [key for key in required if key not in self.data]
        for key in absent:
            hint = f": {describe[key]}" if describe and key in describe else ""
            self.add(f"missing field {key!r}{hint}")
        return absent

    # typed values

    def text(self, key: Any, default: str = "", *, required: bool = True,
             strip: bool = False) -> str:
        """A string; with *required*, a blank one is a problem too."""
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(f"{key} must be text, got {value!r}", key)
            return default
        return value.strip() if strip else value

    def required_text(self, key: Any, what: str = "") -> str:
        """The text at *key*, stripped; a missing or blank one is a problem ("missing 'title'
        in fi: a short title"), at the key when it is there, else at the mapping."""
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            where = ".".join(str(k) for k in self.at) or "the file"
            self.add(f"missing {key!r} in {where}" + (f": {what}" if what else ""),
                     *((key,) if key in self.data else ()))
            return ""
        return self.text(key, strip=True)

    def boolean(self, key: Any, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.add(f"{key} must be true or false, got {value!r}", key)
            return default
        return value

    def integer(self, key: Any, default: int, *, minimum: int | None = None) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or (
                minimum is not None and value < minimum):
            low = f" from {minimum} up" if minimum is not None else ""
            self.add(f"{key} must be a whole number{low}, got {value!r}", key)
            return default
        return value

    def number(self, key: Any, default: float, *, above: float | None = None) -> float:
        """An integer or decimal number; with *above*, it must be greater than that."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value) or (above is not None and not value > above):
            more = f" above {above:g}" if above is not None else ""
            self.add(f"{key} must be a number{more}, got {value!r}", key)
            return default
        return value

    def choice(self, key: Any, choices, default: Any = None, *, what: str = "") -> Any:
        value = self.data.get(key, default)
        if value not in choices:
            self.add(f"unknown {what or key} {value!r}; use one of {', '.join(choices)}", key)
            return default
        return value

    def text_list(self, key: Any, *, non_empty: bool = False, hint: str = "") -> list[str]:
        value = self.data.get(key)
        if value is None:
            if non_empty:
                self.add(f"{key} must be a non-empty list of texts{hint}", key)
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (
                non_empty and not value):
            self.add(f"{key} must be a {'non-empty ' if non_empty else ''}list of texts{hint}",
                     key)
            return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        return value

    def mapping(self, key: Any, message: str = "") -> dict[Any, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(message or f"{key} must be a mapping of names to values", key)
            return {}
        return value

    def sequence(self, key: Any, message: str = "", *, non_empty: bool = False) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or (non_empty and not value):
            self.add(message or f"{key} must be a list", key)
            return []
        return value
