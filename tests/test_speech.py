"""Reading aloud with espeak-ng (real), the cache, captions and `letterkit speak`."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from letterkit import speech
from letterkit.errors import LetterkitError

pytestmark = pytest.mark.skipif(speech.available() is not None,
                                reason=f"speech needs espeak-ng and ffmpeg: {speech.available()}")


def _duration(path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                          "csv=p=0", str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout)


@pytest.mark.parametrize(("lang", "sentences"), [
    ("fi", ["Lähetä asiakirjat meille.", "Ne on oltava meillä viimeistään maanantaina."]),
    ("sv", ["Skicka dokumenten till oss.", "De ska ha kommit fram senast på måndag."]),
    ("en", ["Send us the documents.", "They must reach us by Monday."]),
])
def test_each_language_is_spoken_with_a_cue_per_sentence(tmp_path, lang, sentences):
    spoken = speech.speak(sentences, lang, cache=tmp_path)
    assert spoken.path.suffix == ".ogg" and spoken.path.stat().st_size > 1000
    assert [c.text for c in spoken.cues] == sentences
    first, second = spoken.cues
    assert 0 == first.start < first.end < second.start < second.end <= spoken.duration
    assert abs(_duration(spoken.path) - spoken.duration) < 0.3
    vtt = spoken.webvtt()
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.000 --> ")
    assert sentences[1] in vtt


def test_the_same_text_is_synthesised_once(tmp_path):
    first = speech.speak(["Tämä luetaan kerran."], "fi", cache=tmp_path)
    stamp = first.path.stat().st_mtime_ns
    again = speech.speak(["Tämä   luetaan kerran."], "fi", cache=tmp_path)  # same words
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    other = speech.speak(["Tämä luetaan toisen kerran."], "fi", cache=tmp_path)
    assert other.path != first.path
    # a damaged cue file is made again, not trusted
    first.path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    repaired = speech.speak(["Tämä luetaan kerran."], "fi", cache=tmp_path)
    assert json.loads(repaired.path.with_suffix(".json").read_text())["cues"]


def test_text_that_looks_like_options_is_only_read(tmp_path):
    spoken = speech.speak(["--help -w /etc/passwd", "-v xx"], "en", cache=tmp_path)
    assert len(spoken.cues) == 2 and spoken.path.is_file()


def test_bad_requests_say_what_is_wrong(tmp_path):
    with pytest.raises(LetterkitError, match="no voice for language 'de'"):
        speech.speak(["Hallo."], "de", cache=tmp_path)
    with pytest.raises(LetterkitError, match="no text to read aloud"):
        speech.speak(["  ", ""], "fi", cache=tmp_path)
    with pytest.raises(LetterkitError, match="unknown audio format 'flac'"):
        speech.speak(["Hei."], "fi", fmt="flac", cache=tmp_path)


def test_letterkit_speak_writes_audio_and_captions(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERKIT_CACHE", str(tmp_path / "cache"))
    out, vtt = tmp_path / "out" / "kirje.ogg", tmp_path / "kirje.vtt"
    result = run_cli("speak", "supplement-request-family-ties", "--lang", "fi", "-o", str(out),
                     "--captions", str(vtt))
    assert result.exit_code == 0, result.out + result.err
    assert "sentences" in result.out and out.stat().st_size > 10_000
    text = vtt.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT") and "viimeistään" in text
    assert "Maahanmuuttovirasto\n" not in text.split("\n\n", 2)[1]  # the letterhead is not read
    bad = run_cli("speak", "supplement-request-family-ties", "--lang", "fi", "-o",
                  str(tmp_path / "kirje.txt"))
    assert bad.exit_code == 2 and "name the file .ogg, .mp3 or .wav" in bad.err
    assert shutil.which("espeak-ng")
