"""letterkit batch: a bad record in the middle, an interrupted run resumed, an unchanged re-run."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from letterkit.batch import PARTIAL, read_records, run_batch
from letterkit.catalog import load_letter
from letterkit.errors import LetterkitError

LETTER = Path(__file__).resolve().parents[1] / "letters" / "asylum-interview-invitation"
COLUMNS = ["recipient_name", "recipient_address", "letter_date", "case_number", "interview_at",
           "interview_hours", "interview_address", "interview_language", "documents",
           "handler_name", "contact_phone", "contact_hours", "counsel_name",
           "representative_name", "signer_name", "signer_title", "signer_unit"]


def _row(number: int, date: str = "2026-11-23") -> list[str]:
    return [f"Aino **Esimerkki** <script>alert(1)</script> {{{{ 7*7 }}}} {number}",
            "Esimerkkitie 1\n00100 Helsinki", date, f"TUR/2026/{number:06d}",
            "2026-12-09 09:00", "4", "Esimerkkikatu 1\n70100 Kuopio", "dari", "passi",
            "Tuomas Virta", "0295 000 000", "ma–pe 9–15", "", "", "Tuomas Virta",
            "ylitarkastaja", "Turvapaikkayksikkö"]


def _cases(path: Path, count: int, bad: int | None = None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(count):
            writer.writerow(_row(number, "2026-02-30" if number == bad else "2026-11-23"))
    return path


@pytest.fixture(scope="module")
def letter():
    return load_letter(LETTER)


def _run(letter, data: Path, out: Path):
    records = read_records(data, letter, "case_number")
    return run_batch(letter, "fi", records, "text", out, str(data), workers=2)


def test_bad_record_in_the_middle_is_reported_and_the_rest_produced(letter, tmp_path):
    result = _run(letter, _cases(tmp_path / "cases.csv", 9, bad=4), tmp_path / "out")
    assert result.done == 8 and len(result.failed) == 1
    number, key, field, message = result.failed[0]
    assert (number, key, field) == (5, "TUR/2026/000004", "letter_date")
    assert message.startswith("letter_date (date): '2026-02-30' is not a real date")
    report = list(csv.reader((tmp_path / "out" / "errors.csv").read_text(encoding="utf-8")
                             .splitlines()))
    assert report[1][:4] == ["5", "14", "TUR/2026/000004", "letter_date"]
    rows = [json.loads(line) for line in
            (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert len(rows) == 8 and {r["letter"] for r in rows} == {letter.id}
    text = (tmp_path / "out" / "TUR_2026_000003.txt").read_text(encoding="utf-8")
    assert "Aino **Esimerkki** <script>alert(1)</script> {{ 7*7 }} 3" in text


def test_interrupted_run_resumes_and_unchanged_rerun_renders_nothing(letter, tmp_path):
    out = tmp_path / "out"
    first = _run(letter, _cases(tmp_path / "half.csv", 5), out)
    assert first.done == 5
    # an interrupted run leaves the partial manifest; the next run takes it up
    (out / "manifest.jsonl").rename(out / PARTIAL)
    os.remove(out / "TUR_2026_000002.txt")
    data = _cases(tmp_path / "all.csv", 12)
    resumed = _run(letter, data, out)
    assert (resumed.done, resumed.skipped) == (8, 4)
    again = _run(letter, data, out)
    assert (again.done, again.skipped, again.failed) == (0, 12, [])
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 12


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"recipient_name,shoe_size\n", "unknown column 'shoe_size'"),
    (b"recipient_name\n", "missing column"),
    ("recipient_name\nJyv\u00e4skyl\u00e4\n".encode("latin-1"), "not UTF-8"),
])
def test_unusable_input_is_one_clear_error(letter, tmp_path, content, message):
    data = tmp_path / "cases.csv"
    data.write_bytes(content)
    with pytest.raises(LetterkitError, match=message):
        _run(letter, data, tmp_path / "out")


def test_cli_exit_codes(run_cli, tmp_path):
    data = _cases(tmp_path / "cases.csv", 3, bad=1)
    result = run_cli("batch", "asylum-interview-invitation", "--lang", "fi", "--data", str(data),
                     "--format", "html", "--out", str(tmp_path / "out"),
                     cwd=LETTER.parents[1])
    assert result.exit_code == 1 and "record 2 (TUR/2026/000001): letter_date (date)" in result.err
    assert run_cli("batch", "no-such-letter", "--lang", "fi", "--data", str(data), "--out",
                   str(tmp_path / "o2"), cwd=LETTER.parents[1]).exit_code == 2
