"""The participant's path through a study: one step at a time, in a fixed order.

Steps have stable keys, so the stored step number and the stored answers resume exactly
where a participant left off. Long tasks are split into pages: the highlighter by letter
section, the cloze test by about six blanks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from letterkit.panel.cloze import Cloze, make_cloze
from letterkit.panel.study import BACKGROUND, Study, Task
from letterkit.panel.versions import PinnedVersion
from letterkit.text import analyze


@dataclass(frozen=True)
class Step:
    key: str
    kind: str  # welcome, background, read, highlighter, choice, free_text, cloze, confidence, done
    letter_id: str = ""
    task: Task | None = None
    page: int = 0
    pages: int = 1

    @property
    def task_id(self) -> str:
        return self.task.id if self.task else self.key.split("/")[-1]


@lru_cache(maxsize=128)
def highlight_pages(markdown: str, lang: str, body_start: int) -> tuple[tuple[int, ...], ...]:
    """Indexes of body sentences, grouped by level-2 section (the opening is the first)."""
    doc = analyze(markdown, lang)
    pages: list[list[int]] = [[]]
    for index, sentence in enumerate(doc.sentences):
        if sentence.start < body_start or not sentence.words:
            continue
        unit = doc.units[sentence.unit]
        if unit.kind == "heading" and unit.level == 2 and pages[-1]:
            pages.append([])
        pages[-1].append(index)
    return tuple(tuple(p) for p in pages if p)


def sentence_texts(markdown: str, lang: str) -> list[tuple[str, bool]]:
    """(text, is_heading) of every sentence, by index."""
    doc = analyze(markdown, lang)
    return [(s.text, doc.units[s.unit].kind == "heading") for s in doc.sentences]


def cloze_for(pin: PinnedVersion, task: Task, offset: int) -> Cloze:
    return make_cloze(pin.markdown, pin.lang, pin.body_start, task.every, offset, task.max_words)


def steps(study: Study, pins: dict[str, PinnedVersion], cloze_offset: int) -> list[Step]:
    """Every step for a participant who reads *pins* (letter id -> pinned version)."""
    out = [Step("welcome", "welcome")]
    out += [Step(f"background/{name}", "background") for name in BACKGROUND]
    for entry in study.letters:
        pin = pins.get(entry.letter)
        if pin is None:
            continue
        for task in entry.tasks:
            base = f"{entry.letter}/{task.id}"
            if task.type == "highlighter":
                pages = highlight_pages(pin.markdown, pin.lang, pin.body_start)
                out += [Step(f"{base}#{i}", "highlighter", entry.letter, task, i, len(pages))
                        for i in range(len(pages))]
            elif task.type == "cloze":
                pages = cloze_for(pin, task, cloze_offset).pages()
                out += [Step(f"{base}#{i}", "cloze", entry.letter, task, i, len(pages))
                        for i in range(len(pages))]
            else:
                out.append(Step(base, task.type, entry.letter, task))
    out.append(Step("done", "done"))
    return out


def score_choice(task: Task, index: int | None) -> float | None:
    if index is None:
        return None
    return 1.0 if index == task.answer else 0.0


def score_free_text(task: Task, text: str) -> tuple[float, list[str]]:
    """Share of key points the answer mentions (any of a point's match words), and which."""
    folded = " ".join(text.casefold().split())
    found = [p.id for p in task.key_points if any(m in folded for m in p.match)]
    return (len(found) / len(task.key_points) if task.key_points else 0.0), found
