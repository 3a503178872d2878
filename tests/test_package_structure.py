"""The package's imports: no import cycle (deferred imports inside functions count too), every
module imports on its own, and one runner runs every check (issue 14)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "letterkit"


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def import_graph() -> dict[str, set[str]]:
    """module -> the letterkit modules it imports anywhere in its code (also in functions)."""
    modules = _modules()

    def known(name: str) -> str | None:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        return name if name in modules else None

    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                targets.update(f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules
                               else prefix for alias in node.names)
        graph[name] = {t for t in map(known, targets) if t is not None and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 100 and "letterkit.lint.runner" in graph["letterkit.lint"] | {
        m for deps in graph.values() for m in deps}
    found = cycles(graph)
    edges = [f"{a} -> {b}" for group in found for a in group for b in sorted(graph[a])
             if b in group]
    assert not found, "import cycle:\n" + "\n".join(edges)


def test_every_module_imports_on_its_own():
    names = sorted(n for n in _modules() if not n.endswith("__main__"))  # __main__ runs the CLI
    script = ("import importlib, sys\nfailed = []\nfor name in sys.argv[1:]:\n"
              "    try:\n        importlib.import_module(name)\n"
              "    except Exception as exc:\n        failed.append(f'{name}: {exc!r}')\n"
              "print('\\n'.join(failed))\n")
    # One process per module would take minutes; each run starts from a fresh interpreter and
    # imports the modules in reverse order, so a module that works only because another was
    # imported first is still caught by one of the two orders.
    for order in (names, names[::-1]):
        result = subprocess.run([sys.executable, "-c", script, *order], capture_output=True,
                                text=True, check=False, timeout=300,
                                env={"PYTHONPATH": str(PACKAGE.parent), "PATH": "/usr/bin:/bin",
                                     "LETTERKIT_NO_CACHE": "1"})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "", result.stdout


def test_one_runner_runs_every_check():
    """Rules' ``check`` is called by the lint runner (and the readability report, which
    measures with the same rule objects), by nothing else; the term base's own checker,
    language layer and code table are gone."""
    callers = set()
    for name, (path, _) in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "check" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "rule"):
                callers.add(name)
    assert callers == {"letterkit.lint.runner", "letterkit.lint.readability"}
    for gone in ("glossary/checks.py", "glossary/language.py", "lint/terms.py"):
        assert not (PACKAGE / gone).exists(), gone
    graph = import_graph()
    assert not any(m.startswith("letterkit.lint.kinds") for m in graph["letterkit.cli.glossary"])
