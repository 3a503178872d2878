"""The language layer: sentences, words, lemmas and morphology for fi, sv and en.

    from letterkit.text import analyze
    doc = analyze(markdown_text, "fi")
    doc.units, doc.sentences, doc.words       # offsets index ``markdown_text``

Readability figures are in ``letterkit.text.measures``; spelling in ``letterkit.text.spelling``.
"""

from .analyze import LANGS, analyze
from .model import Document, Sentence, Unit, Word, WordInfo

__all__ = ["LANGS", "Document", "Sentence", "Unit", "Word", "WordInfo", "analyze"]
