"""YAML loading that remembers where every key and value came from.

Letter writers edit YAML by hand, so every complaint about it must name the line. PyYAML's
composer keeps a start mark on each node; this module builds ordinary Python data from the
nodes and records ``(line, col)`` for each path of keys, e.g. ``("variables", "deadline",
"type")``. Duplicate keys, which PyYAML silently accepts, are errors here.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from letterkit.errors import LetterkitError, Location

try:  # the C loader is several times faster when libyaml is present
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

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
            raise LetterkitError("symbolic link loop; replace the link with the file", where) from None
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
    from letterkit.project import find_project  # project.py imports this module

    root = find_project(absolute.parent).root.resolve()
    if not real.is_relative_to(root):
        raise LetterkitError(f"symbolic link to {real}, outside the project {root}; letterkit "
                             "reads only files inside the project", where)


def load_yaml_text(text: str, path: str) -> Located:
    """Parse YAML *text*; *path* is used in messages."""
    loader = _Loader(text)
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
        self.path = path
        self.positions = positions
        # A plain SafeLoader resolves scalar tags (int, bool, date...) exactly as PyYAML does.
        self.constructor = yaml.SafeLoader("")
        self.values = 0
        self.open_nodes: set[int] = set()  # the nodes being built: an alias to one is a loop

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
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
            raise LetterkitError(f"cannot read this value: {exc}", self._loc(node)) from None

    def _build_collection(self, node: yaml.Node, key_path: KeyPath) -> Any:
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

    def _loc(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)
