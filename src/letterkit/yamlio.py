"""YAML loading that remembers where every key and value came from.

Letter writers edit YAML by hand, so every complaint about it must name the line. PyYAML's
composer keeps a start mark on each node; this module builds ordinary Python data from the
nodes and records ``(line, col)`` for each path of keys, e.g. ``("variables", "deadline",
"type")``. Duplicate keys, which PyYAML silently accepts, are errors here.
"""

from __future__ import annotations

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


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning OS and encoding errors into one-line messages."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LetterkitError("file not found", Location(str(path))) from None
    except IsADirectoryError:
        raise LetterkitError("is a folder, expected a file", Location(str(path))) from None
    except OSError as exc:
        raise LetterkitError(f"cannot read: {exc.strerror}", Location(str(path))) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LetterkitError(
            "not valid UTF-8 text; save the file as UTF-8", Location(str(path), line, col)
        ) from None


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
    except yaml.YAMLError as exc:  # pragma: no cover - other reader errors
        raise LetterkitError(f"invalid YAML: {exc}", Location(path)) from None
    finally:
        loader.dispose()
    located = Located(path, None)
    if node is None:
        located.positions[()] = (1, 1)
        return located
    builder = _Builder(path, located.positions)
    located.data = builder.build(node, ())
    return located


def load_yaml(path: Path) -> Located:
    """Read and parse the YAML file at *path*."""
    return load_yaml_text(read_text(path), str(path))


class _Builder:
    def __init__(self, path: str, positions: dict[KeyPath, tuple[int, int]]):
        self.path = path
        self.positions = positions
        # A plain SafeLoader resolves scalar tags (int, bool, date...) exactly as PyYAML does.
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
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
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, key_path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise LetterkitError(f"cannot read this value: {exc}", self._loc(node)) from None

    def _loc(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)
