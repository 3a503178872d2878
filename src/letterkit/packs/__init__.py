"""The rule pack and the term base letterkit ships (package data).

``builtin/linting`` holds rule files (``<lang>/<name>.yaml``, ``<lang>/words.txt``) and
``config.yaml`` (letter kinds, targets); ``builtin/glossary`` the term base (one concept per
file). In the source tree they are links to the repository's own ``linting/`` and
``glossary/``, so the project that develops letterkit and a pip-installed letterkit use the
same data; a wheel holds copies.
"""

from __future__ import annotations

from pathlib import Path

BUILTIN = Path(__file__).resolve().parent / "builtin"
BUILTIN_RULES = BUILTIN / "linting"
BUILTIN_GLOSSARY = BUILTIN / "glossary"
BUILTIN_NAME = "builtin"
