"""Text read aloud, offline: espeak-ng (Debian) speaks, ffmpeg encodes, a cache keeps it.

One entry point, :func:`speak`, for the command line (``letterkit speak``), the preview app's
"listen" control and the guide videos. The text is spoken sentence by sentence, so that the
result knows when each sentence starts and ends (to highlight the sentence being read, or to
time captions). Nothing is fetched: the voices are espeak-ng's own. The audio is cached by the
hash of what makes it (the sentences, the voice, the speed and the engine's version), so the
same text is synthesised once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from letterkit.errors import LetterkitError, Location

ESPEAK = "espeak-ng"
FFMPEG = "ffmpeg"
# espeak-ng's voices for the letters' languages (British English for the authority's English).
VOICES = {"fi": "fi", "sv": "sv", "en": "en-gb"}
WORDS_PER_MINUTE = 150  # slower than espeak's 175: many listeners read the language as L2
PAUSE_S = 0.35  # silence between sentences
FORMATS = ("ogg", "wav", "mp3")
_TIMEOUT_S = 120


@dataclass(frozen=True)
class Cue:
    """When one sentence is spoken, in seconds from the start."""

    index: int
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Speech:
    path: Path
    cues: tuple[Cue, ...]
    duration: float

    def webvtt(self) -> str:
        """Captions (WebVTT) from the same sentences, timed to the audio."""
        lines = ["WEBVTT", ""]
        for cue in self.cues:
            lines += [str(cue.index + 1), f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}",
                      cue.text, ""]
        return "\n".join(lines)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def available() -> str | None:
    """None when speech works here, else what is missing (to tell the user)."""
    missing = [tool for tool in (ESPEAK, FFMPEG) if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} not installed (Debian packages espeak-ng and "
                "ffmpeg; `make setup` installs them)")
    return None


def default_cache() -> Path:
    base = os.environ.get("LETTERKIT_CACHE")
    return Path(base) / "speech" if base else Path("var") / "cache" / "speech"


def _engine_version() -> str:
    try:
        out = subprocess.run([ESPEAK, "--version"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip()


def speech_key(sentences: list[str], lang: str, rate: int, fmt: str) -> str:
    payload = json.dumps([sentences, VOICES[lang], rate, fmt, _engine_version(), PAUSE_S],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def speak(sentences: list[str], lang: str, *, fmt: str = "ogg", rate: int = WORDS_PER_MINUTE,
          cache: Path | None = None) -> Speech:
    """The *sentences* spoken in *lang*, as a cached audio file with a cue per sentence."""
    if lang not in VOICES:
        raise LetterkitError(f"no voice for language {lang!r} (voices: "
                             f"{', '.join(sorted(VOICES))})", Location("<speech>"))
    if fmt not in FORMATS:
        raise LetterkitError(f"unknown audio format {fmt!r} (use {', '.join(FORMATS)})",
                             Location("<speech>"))
    problem = available()
    if problem:
        raise LetterkitError(f"cannot read aloud: {problem}", Location("<speech>"))
    sentences = [" ".join(s.split()) for s in sentences if s and s.strip()]
    if not sentences:
        raise LetterkitError("there is no text to read aloud", Location("<speech>"))
    folder = cache or default_cache()
    key = speech_key(sentences, lang, rate, fmt)
    audio, cues_file = folder / f"{key}.{fmt}", folder / f"{key}.json"
    if audio.is_file() and cues_file.is_file():
        try:
            data = json.loads(cues_file.read_text(encoding="utf-8"))
            return Speech(audio, tuple(Cue(**c) for c in data["cues"]), data["duration"])
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is made again
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="letterkit-speech-") as tmp:
        cues, wav = _synthesise(sentences, VOICES[lang], rate, Path(tmp))
        duration = cues[-1].end + PAUSE_S
        partial = folder / f".{key}.{os.getpid()}.{fmt}"
        if fmt == "wav":
            shutil.copyfile(wav, partial)
        else:
            codec = ["-c:a", "libopus", "-b:a", "48k"] if fmt == "ogg" else ["-q:a", "5"]
            _run([FFMPEG, "-loglevel", "error", "-y", "-i", str(wav), *codec, str(partial)])
        os.replace(partial, audio)  # atomic: another process never reads half a file
    cues_file.write_text(json.dumps({"cues": [c.__dict__ for c in cues],
                                     "duration": duration}, ensure_ascii=False),
                         encoding="utf-8")
    return Speech(audio, tuple(cues), duration)


def _run(args: list[str], stdin: str | None = None) -> None:
    try:
        subprocess.run(args, input=stdin, capture_output=True, text=True, check=True,
                       timeout=_TIMEOUT_S)
    except subprocess.CalledProcessError as exc:
        raise LetterkitError(f"{args[0]} failed: {(exc.stderr or '').strip()[:300]}",
                             Location("<speech>")) from exc
    except subprocess.TimeoutExpired as exc:
        raise LetterkitError(f"{args[0]} took over {_TIMEOUT_S} s", Location("<speech>")) from exc


def _synthesise(sentences: list[str], voice: str, rate: int, tmp: Path
                ) -> tuple[list[Cue], Path]:
    """Each sentence to its own WAV (espeak-ng), joined with pauses into one WAV."""
    parts = []
    for n, sentence in enumerate(sentences):
        part = tmp / f"{n:05d}.wav"
        # The text goes on standard input: never parsed as options, whatever it holds.
        _run([ESPEAK, "-v", voice, "-s", str(rate), "-w", str(part), "--stdin"], sentence)
        parts.append(part)
    joined = tmp / "all.wav"
    cues: list[Cue] = []
    with wave.open(str(joined), "wb") as out:
        clock = 0.0
        for n, (part, sentence) in enumerate(zip(parts, sentences, strict=True)):
            with wave.open(str(part), "rb") as piece:
                if n == 0:
                    out.setparams(piece.getparams())
                    rate_hz, width, channels = (piece.getframerate(), piece.getsampwidth(),
                                                piece.getnchannels())
                frames = piece.readframes(piece.getnframes())
                seconds = piece.getnframes() / rate_hz
            out.writeframes(frames)
            cues.append(Cue(n, round(clock, 3), round(clock + seconds, 3), sentence))
            silence = int(PAUSE_S * rate_hz)
            out.writeframes(b"\0" * silence * width * channels)
            clock += seconds + silence / rate_hz
    return cues, joined


def read_aloud_sentences(markdown: str, lang: str, body_start: int = 0
                         ) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of what a listener hears: the letter from its title on (the
    letterhead is for the envelope), every sentence with words, Markdown left out."""
    from letterkit.text import analyze

    doc = analyze(markdown, lang)
    return [(s.start, s.end, s.text) for s in doc.sentences
            if s.start >= body_start and s.words]


def speak_to_wav(text: str, lang: str, out: Path, speed: int = WORDS_PER_MINUTE) -> Path:
    """Write *text* read aloud in *lang* to the WAV file *out* (one piece, no cache: the guide
    videos cache the whole video instead)."""
    if lang not in VOICES:
        raise LetterkitError(f"no voice for {lang!r}; voices: {', '.join(VOICES)}",
                             Location("<speech>"))
    if shutil.which(ESPEAK) is None:
        raise LetterkitError("espeak-ng is not installed (apt-get install espeak-ng)",
                             Location("<speech>"))
    out.parent.mkdir(parents=True, exist_ok=True)
    _run([ESPEAK, "-v", VOICES[lang], "-s", str(speed), "-w", str(out), "--stdin"], text)
    if not out.is_file():
        raise LetterkitError("espeak-ng wrote no audio", Location(str(out)))
    return out
