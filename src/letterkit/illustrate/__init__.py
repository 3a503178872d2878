"""Code-drawn SVG illustrations for the customer guides, in one style.

A picture is a row of *parts* (person, letter, calendar...) from :mod:`.parts`; each part
offers label slots (boxes) that the composer fills with text in the step's language.
Nothing readable is baked into a drawing. See :func:`compose`.
"""

from letterkit.illustrate.compose import Label, LabelTooLong, UnknownPart, compose
from letterkit.illustrate.parts import PARTS

__all__ = ["PARTS", "Label", "LabelTooLong", "UnknownPart", "compose"]
