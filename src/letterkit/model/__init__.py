"""Plain data objects shared by every part of letterkit."""

from letterkit.model.finding import Finding, Severity
from letterkit.model.letter import VARIABLE_TYPES, Letter, Sample, Variable

__all__ = ["Finding", "Severity", "Letter", "Sample", "Variable", "VARIABLE_TYPES"]
