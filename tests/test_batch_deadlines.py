"""letterkit batch checks deadline dates in the records: a Saturday or a holiday is reported
per record with the next working day, in the wording of letterkit check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from letterkit.batch import read_records, run_batch
from letterkit.catalog import load_letter

LETTER = Path(__file__).resolve().parents[1] / "letters" / "reminder-supplement-deadline"


def _records(path: Path) -> Path:
    base = yaml.safe_load((LETTER / "samples" / "default.yaml").read_text(encoding="utf-8"))
    values = base["values"]
    rows = []
    for number, deadline in enumerate(["2026-12-21", "2026-12-24", "2026-12-05", "2026-12-07"]):
        row = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}
        row.update(deadline=deadline, case_number=f"OLE/2026/{number:06d}")
        rows.append(json.dumps(row, ensure_ascii=False, default=str))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_deadline_on_a_holiday_or_saturday_fails_its_record(tmp_path):
    letter = load_letter(LETTER)
    data = _records(tmp_path / "cases.jsonl")
    result = run_batch(letter, "fi", read_records(data, letter, "case_number"), "text",
                       tmp_path / "out", str(data), workers=1)
    assert result.done == 2
    failed = {key: (line, field, message) for line, key, field, message in result.failed}
    assert set(failed) == {"OLE/2026/000001", "OLE/2026/000002"}
    line, field, message = failed["OLE/2026/000001"]
    assert (line, field) == (2, "deadline")
    assert message.startswith("deadline deadline is 24.12.2026, Christmas Eve, not a working day")
    assert "moves to 28.12.2026" in message
    assert "moves to 07.12.2026" in failed["OLE/2026/000002"][2]  # Saturday 5.12.2026
