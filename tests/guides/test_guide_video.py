"""A real narrated video of a one-step guide: espeak-ng, rsvg-convert and ffmpeg, no mocks."""

import shutil
from pathlib import Path

import pytest

from letterkit.glossary import load_glossary
from letterkit.guides import load_guide
from letterkit.video import duration, make_video

REPO = Path(__file__).resolve().parents[2]
GUIDE = """\
title: {fi: Opas, sv: Guide, en: Guide}
steps:
  - id: one
    picture: [letter, clock]
    fi: {title: Lue kirje, text: Lue kirje heti., alt: Kirje ja kello.}
    sv: {title: Läs brevet, text: Läs brevet genast., alt: Ett brev och en klocka.}
    en: {title: Read the letter, text: Read the letter now., alt: A letter and a clock.}
  - id: two
    picture: [checkmark]
    fi: {title: Valmis, text: Olet valmis., alt: Vihreä merkki.}
    sv: {title: Klart, text: Nu är du klar., alt: En grön bock.}
    en: {title: Done, text: You are done., alt: A green tick.}
"""


@pytest.mark.parametrize("lang, fmt", [("sv", "webm"), ("en", "mp4")])
def test_video_has_narration_captions_and_a_cache(tmp_path, lang, fmt):
    for tool in ("espeak-ng", "ffmpeg", "ffprobe", "rsvg-convert"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (make system-deps)")
    folder = tmp_path / "guides" / "tiny"
    folder.mkdir(parents=True)
    (folder / "guide.yaml").write_text(GUIDE, encoding="utf-8")
    guide, glossary = load_guide(folder), load_glossary(REPO / "glossary")
    video, captions = make_video(guide, lang, tmp_path / "out", glossary, fmt)
    seconds = duration(video)
    assert 2 < seconds < 20
    vtt = captions.read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT") and guide.steps[1].text[lang]["text"] in vtt
    last_end = vtt.strip().splitlines()[-3].split(" --> ")[1]
    h, m, s = last_end.split(":")
    assert float(s) + 60 * int(m) <= seconds + 0.1  # captions end inside the video
    before = video.stat().st_mtime_ns
    make_video(guide, lang, tmp_path / "out", glossary, fmt)
    assert video.stat().st_mtime_ns == before  # cached by content hash


def test_guide_video_makes_every_guide_once_and_the_site_embeds_it(tmp_path, run_cli):
    """`letterkit guide video` (what `make run` calls) with no guide named makes each guide's
    video into var/cache/videos/ once; the site's guide page then embeds it with captions."""
    for tool in ("espeak-ng", "ffmpeg", "ffprobe", "rsvg-convert"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (make system-deps)")
    from letterkit.project import find_project
    from letterkit.site.guides import pages

    folder = tmp_path / "guides" / "tiny"
    folder.mkdir(parents=True)
    (folder / "guide.yaml").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.letterkit]\nglossaries = []\n",
                                             encoding="utf-8")
    first = run_cli("guide", "video", "--lang", "fi", cwd=tmp_path)
    assert first.exit_code == 0, first.err
    assert (tmp_path / "var/cache/videos/tiny-fi.webm").is_file() and "wrote" in first.err
    again = run_cli("guide", "video", "--lang", "fi", cwd=tmp_path)
    assert again.exit_code == 0 and "tiny (fi): up to date" in again.err
    files = pages(find_project(tmp_path))
    assert "generated/guides/tiny/tiny-fi.webm" in files
    page = files["generated/guides/tiny.fi.md"]
    assert '<track kind="captions" src="../../../generated/guides/tiny/tiny-fi.vtt"' in page
    assert "<video" not in files["generated/guides/tiny.sv.md"]  # not made in Swedish
    missing = run_cli("guide", "video", "nosuch", cwd=tmp_path)
    assert missing.exit_code == 2 and "no guide 'nosuch'" in missing.err
