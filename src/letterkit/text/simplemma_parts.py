"""simplemma's lemmatization strategies for one language, without simplemma's package import.

``import simplemma`` runs the package's ``__init__`` files, which import the language detector
and the suffix rules of all twenty languages: about 400 regular expressions compiled, some
40 ms, on the first word that is not in the lemma dictionary (a name, a typo). letterkit
needs the strategies of one language. This module loads simplemma's own strategy modules,
unchanged, under a private package name whose package ``__init__`` files are not run, and the
rule module of the one language asked for. The lemmas are simplemma's: the same classes and
the same order of strategies (``DefaultStrategy``); ``tests/text/test_simplemma_parts.py``
compares them with ``simplemma.Lemmatizer`` word by word.

If a simplemma release moves these modules, :func:`strategy` raises ImportError (or another
error) and the caller uses the ordinary import.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from pathlib import Path

PRIVATE = "letterkit._simplemma"
# Packages whose __init__ is skipped: (name below simplemma, attributes the modules import
# from it, which the real __init__ would have set).
_PACKAGES = ("", "strategies", "strategies.dictionaries", "strategies.defaultrules",
             "strategies.fallback")
_lock = threading.Lock()


class Parts:
    """What ``simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(...))`` does for
    one token: NFC, the strategy chain, then the lowercasing fallback."""

    def __init__(self, strategy, fallback, normalize):
        self.strategy = strategy
        self.fallback = fallback
        self.normalize = normalize

    def lemmatize(self, token: str, lang: str) -> str:
        if not isinstance(token, str) or token == "":
            raise ValueError("expected a non-empty word")
        token = self.normalize(token)
        found = self.strategy.get_lemma(token, lang)
        return found if found is not None else self.fallback.get_lemma(token, lang)


def strategy(lang: str, dictionary_factory) -> Parts:
    """simplemma's default strategy for *lang* over *dictionary_factory*."""
    with _lock:
        root = _root()
        rules = sys.modules[f"{PRIVATE}.strategies.defaultrules"].RULE_FUNCTIONS
        module_name = "is_" if lang == "is" else lang
        rules_file = root / "strategies" / "defaultrules" / f"{module_name}.py"
        if lang not in rules and rules_file.exists():
            module = _load(f"strategies.defaultrules.{module_name}")
            rules[lang] = getattr(module, f"apply_{module_name.rstrip('_')}")
        default = _load("strategies.default")
        fallback = _load("strategies.fallback.to_lowercase")
        utils = _load("utils")
    return Parts(default.DefaultStrategy(dictionary_factory=dictionary_factory),
                 fallback.ToLowercaseFallbackStrategy(), utils.normalize_token)


def _root() -> Path:
    if PRIVATE in sys.modules:
        return Path(sys.modules[PRIVATE].__path__[0])
    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("simplemma is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    for name in _PACKAGES:
        full = f"{PRIVATE}.{name}" if name else PRIVATE
        package = types.ModuleType(full)
        package.__path__ = [str(root / name.replace(".", "/"))]
        package.__package__ = full
        sys.modules[full] = package
    # What the skipped __init__ files would have provided to the modules loaded here.
    sys.modules[f"{PRIVATE}.strategies.defaultrules"].RULE_FUNCTIONS = {}
    sys.modules[f"{PRIVATE}.strategies.dictionaries"].LOW_MEMORY_DICTIONARY_FACTORY = None
    return root


def _load(name: str):
    return importlib.import_module(f"{PRIVATE}.{name}")
