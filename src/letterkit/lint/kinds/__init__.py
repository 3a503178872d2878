"""The rule kinds of the engine. A rule file's ``kind`` names one of these."""

from letterkit.lint.kinds.agreement import Agreement
from letterkit.lint.kinds.base import Rule
from letterkit.lint.kinds.consistency import Consistency
from letterkit.lint.kinds.limit import Limit
from letterkit.lint.kinds.metric import Metric
from letterkit.lint.kinds.morphology import Morphology
from letterkit.lint.kinds.pattern import Pattern
from letterkit.lint.kinds.personal_data import PersonalData
from letterkit.lint.kinds.spelling import Spelling
from letterkit.lint.kinds.structure import Structure
from letterkit.lint.kinds.term import Term
from letterkit.lint.kinds.words import Existence, Substitution

KINDS: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (Existence, Substitution, Limit, Pattern, Morphology, Consistency, Metric,
                Structure, Spelling, Term, PersonalData, Agreement)
}

__all__ = ["KINDS", "Rule"]
