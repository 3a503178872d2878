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


def test_duplicate_key_far_apart_is_an_error_for_the_second_record(letter, tmp_path):
    data = tmp_path / "cases.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(150):  # more than two chunks: the first is long finished
            writer.writerow(_row(number))
        writer.writerow(_row(3))
    result = _run(letter, data, tmp_path / "out")
    assert result.done == 150 and len(result.failed) == 1
    number, key, _field, message = result.failed[0]
    assert (number, key) == (151, "TUR/2026/000003")
    assert message.startswith("duplicate key 'TUR/2026/000003': record 4 has the same key")
    text = (tmp_path / "out" / "TUR_2026_000003.txt").read_text(encoding="utf-8")
    assert "Esimerkki** <script>alert(1)</script> {{ 7*7 }} 3" in text


def test_twice_interrupted_run_resumes_with_one_manifest_row_per_letter(letter, tmp_path):
    out = tmp_path / "out"
    _run(letter, _cases(tmp_path / "a.csv", 4), out)
    (out / "manifest.jsonl").rename(out / PARTIAL)  # interrupted after 4
    _run(letter, _cases(tmp_path / "b.csv", 7), out)
    (out / "manifest.jsonl").rename(out / PARTIAL)  # interrupted again after 7
    # a letter cut off mid-write (its row was never written) is made again
    cut = out / "TUR_2026_000005.txt"
    cut.write_bytes(cut.read_bytes()[:40])
    data = _cases(tmp_path / "c.csv", 10)
    resumed = _run(letter, data, out)
    assert (resumed.done, resumed.skipped) == (1 + 3, 6)
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(row["key"] for row in rows) == [f"TUR/2026/{n:06d}" for n in range(10)]
    assert not (out / PARTIAL).exists() and not (out / "manifest.resume.jsonl").exists()
    import hashlib

    for row in rows:
        assert hashlib.sha256(Path(row["output"]).read_bytes()).hexdigest() == row["sha256"]


def test_a_validator_hook_reports_per_record(letter, tmp_path, monkeypatch):
    from letterkit import batch
    from letterkit.errors import Problem

    def no_helsinki(letter, lang, values, record):
        if "00100 Helsinki" in values["recipient_address"]:
            return [Problem(None, "recipient_address (list): no letters to Helsinki here")]
        return []

    monkeypatch.setattr(batch, "VALIDATORS", [no_helsinki])
    records = read_records(_cases(tmp_path / "cases.csv", 2), letter, "case_number")
    result = run_batch(letter, "fi", records, "text", tmp_path / "out", "cases.csv", workers=1)
    assert result.done == 0 and [f[2] for f in result.failed] == ["recipient_address"] * 2


def test_jsonl_from_stdin(run_cli, tmp_path, monkeypatch):
    import io

    rows = [dict(zip(COLUMNS, _row(n), strict=True)) for n in range(3)]
    for row in rows:
        row["interview_hours"] = 4
        for name in ("recipient_address", "interview_address", "documents"):
            row[name] = row[name].split("\n")
        for name in ("counsel_name", "representative_name"):
            del row[name]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in rows)))
    result = run_cli("batch", "asylum-interview-invitation", "--lang", "sv", "--data", "-",
                     "--format", "html", "--out", str(tmp_path / "out"), cwd=LETTER.parents[1])
    assert result.exit_code == 0, result.err
    assert len((tmp_path / "out" / "manifest.jsonl").read_text().splitlines()) == 3


def test_key_set_finds_every_repeat_as_it_grows():
    from letterkit.batch import KeySet

    keys = KeySet()
    assert all(keys.add(f"/out/TUR_2026_{n:06d}.pdf", n + 1) is None for n in range(5000))
    # every repeat names the record that had the key first, also after the table grew
    assert all(keys.add(f"/out/TUR_2026_{n:06d}.pdf", 9999) == n + 1
               for n in range(0, 5000, 7))
    assert keys.add("/out/other.pdf", 6000) is None and keys.add("/out/other.pdf", 6001) == 6000
