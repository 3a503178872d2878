"""Customer-panel testing: studies, pinned letter versions, participants, answers, results.

    from letterkit.panel import load_study, open_store
    study = load_study(Path("studies/family-ties-2026.yaml"))
    store = open_store()                 # LETTERKIT_DATABASE_URL or var/panel.sqlite
    store.add_study(study, pin_study(study, project))
    invites = store.create_participants(study.id, "fi", 10)

The preview app only calls this package; everything that decides, stores or counts is here.
"""

from letterkit.panel.study import Study, StudyError, Task, load_studies, load_study, parse_study
from letterkit.panel.versions import PinnedVersion, pin_study

__all__ = [
    "PinnedVersion",
    "Study",
    "StudyError",
    "Task",
    "load_studies",
    "load_study",
    "open_store",
    "parse_study",
    "pin_study",
]


def open_store(url: str | None = None):
    """The answer store at *url*, ``LETTERKIT_DATABASE_URL`` or the SQLite default."""
    from letterkit.panel.store import open_store as _open

    return _open(url)
