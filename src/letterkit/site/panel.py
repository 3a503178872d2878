"""Rules measured against readers, from the customer panel's stored results (issue 12).

For each study in the answer store with a highlighter task, and each letter language, the
sentences readers marked are compared with the lint marks pinned with the letter version
(:func:`letterkit.panel.results.rule_precision` and ``missed_by_rules``). The store is read
only when it exists: ``LETTERKIT_DATABASE_URL``, else ``var/panel.sqlite`` of the project. The
site build never creates it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from letterkit.project import Project


@dataclass
class PanelFigures:
    """``rules[lang][code]``: one row of ``rule_precision`` per study (with ``study``);
    ``missed[lang]``: sentences many readers found confusing that no rule flagged."""

    rules: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    missed: dict[str, list[dict]] = field(default_factory=dict)
    studies: list[str] = field(default_factory=list)
    error: str = ""  # why the store could not be read

    def for_rule(self, code: str, lang: str) -> list[dict]:
        return self.rules.get(lang, {}).get(code, [])


def store_url(project: Project) -> str | None:
    """The answer store's address when one exists, else None."""
    url = os.environ.get("LETTERKIT_DATABASE_URL", "").strip()
    if url:
        return url
    path = project.root / "var" / "panel.sqlite"
    return f"sqlite:///{path}" if path.is_file() else None


def figures_from_store(store) -> PanelFigures:
    """Per-rule figures of every study in *store* (a :class:`letterkit.panel.store.Store`)."""
    from letterkit.panel import results as R
    from letterkit.panel.study import StudyError

    out = PanelFigures()
    for study_id in store.study_ids():
        try:
            study = store.study(study_id)
        except StudyError as exc:  # the stored copy was changed: say so on the pages
            more = len(exc.problems) - 1
            return PanelFigures(error=str(exc.problems[0])[:200]
                                + (f" (and {more} more)" if more else ""))
        if study is None:
            continue
        rows = store.study_rows(study_id)
        heat_by_lang: dict[str, list[dict]] = {}
        for version in store.versions(study_id):
            try:
                tasks = study.letter(version["letter_id"]).tasks
            except KeyError:
                continue
            task_ids = {t.id for t in tasks if t.type == "highlighter"}
            if not task_ids:
                continue
            key = (version["letter_id"], version["label"], version["lang"])
            selected = [r for r in rows if (r["letter_id"], r["label"], r["lang"]) == key
                        and r["task_id"] in task_ids]
            if not selected:
                continue
            heat = R.sentence_heat(version["markdown"], version["lang"], version["body_start"],
                                   selected, json.loads(version["marks_json"]))
            heat_by_lang.setdefault(version["lang"], []).extend(heat)
        if heat_by_lang:
            out.studies.append(study_id)
        for lang, heat in heat_by_lang.items():
            for row in R.rule_precision(heat):
                out.rules.setdefault(lang, {}).setdefault(row["code"], []).append(
                    {"study": study_id, **row})
            out.missed.setdefault(lang, []).extend(
                {"study": study_id, **m} for m in R.missed_by_rules(heat) if not m["flagged_by"])
    return out


def panel_figures(project: Project) -> PanelFigures:
    """The figures of the project's answer store; empty when there is none."""
    url = store_url(project)
    if url is None:
        return PanelFigures()
    from sqlalchemy.exc import SQLAlchemyError

    from letterkit.panel.store import Store, make_engine

    engine = make_engine(url)
    try:
        return figures_from_store(Store(engine))
    except SQLAlchemyError as exc:  # a store of an older schema or an unreachable server
        return PanelFigures(error=str(exc).splitlines()[0][:200])
    finally:
        engine.dispose()

