"""Package names imported on first use (PEP 562), so that importing a light submodule does
not import the heavy ones beside it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def names_from(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for *package* that imports *name* from the submodule
    ``where[name]`` on first use and keeps it in the package."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
