"""A narrated video of a guide: each step's picture as a frame, its text read aloud by
:mod:`letterkit.speech`, WebVTT captions from the same text, joined with ffmpeg.

Videos are cached by the hash of the guide's content and language (default folder
``var/cache/videos``); the site embeds a guide's video when a current one is in the cache, so
building the site never encodes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from letterkit.errors import LetterkitError
from letterkit.guides import Guide, picture
from letterkit.speech import speak_to_wav

FORMATS = {"webm": ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k",
                    "-c:a", "libopus", "-b:a", "48k"],
           "mp4": ["-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage",
                   "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"]}
PAUSE = 0.8   # seconds of picture after each step's narration
WIDTH = 960
CACHE = Path("var") / "cache" / "videos"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise LetterkitError(f"{name} is not installed (apt-get install {package})")
    return found


def _run(args: list[str]) -> str:
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LetterkitError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-300:]}")
    return result.stdout


def duration(path: Path) -> float:
    """Duration of a media file in seconds, from ffprobe."""
    out = _run([_tool("ffprobe", "ffmpeg"), "-v", "error", "-show_entries", "format=duration",
                "-of", "json", str(path)])
    return float(json.loads(out)["format"]["duration"])


def content_hash(guide: Guide, lang: str, fmt: str, glossary) -> str:
    parts = [guide.path.read_bytes(), lang.encode(), fmt.encode()]
    parts += [picture(guide, step, lang, glossary).encode() for step in guide.steps]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def _stamp(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def cached_video(guide: Guide, lang: str, out_dir: Path, glossary, fmt: str = "webm"
                 ) -> tuple[Path, Path] | None:
    """The video and captions made earlier for exactly this content, or None."""
    video, captions = out_dir / f"{guide.id}-{lang}.{fmt}", out_dir / f"{guide.id}-{lang}.vtt"
    stamp = out_dir / f"{guide.id}-{lang}.{fmt}.hash"
    if video.is_file() and captions.is_file() and stamp.is_file() \
            and stamp.read_text() == content_hash(guide, lang, fmt, glossary):
        return video, captions
    return None


def make_video(guide: Guide, lang: str, out_dir: Path, glossary, fmt: str = "webm"
               ) -> tuple[Path, Path]:
    """Write ``<id>-<lang>.<fmt>`` and its ``.vtt`` captions into *out_dir* (cached)."""
    ffmpeg, rsvg = _tool("ffmpeg", "ffmpeg"), _tool("rsvg-convert", "librsvg2-bin")
    out_dir.mkdir(parents=True, exist_ok=True)
    cached = cached_video(guide, lang, out_dir, glossary, fmt)
    if cached is not None:
        return cached
    video, captions = out_dir / f"{guide.id}-{lang}.{fmt}", out_dir / f"{guide.id}-{lang}.vtt"
    key = content_hash(guide, lang, fmt, glossary)
    stamp = out_dir / f"{guide.id}-{lang}.{fmt}.hash"
    cues, segments, clock = ["WEBVTT", ""], [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for step in guide.steps:
            words = step.text[lang]
            svg, png = work / f"{step.index}.svg", work / f"{step.index}.png"
            svg.write_text(picture(guide, step, lang, glossary), encoding="utf-8")
            _run([rsvg, "-w", str(WIDTH), "-b", "white", str(svg), "-o", str(png)])
            wav = speak_to_wav(f"{words['title']}. {words['text']}", lang,
                               work / f"{step.index}.wav")
            spoken = duration(wav)
            length = spoken + PAUSE
            segment = work / f"{step.index}.{fmt}"
            _run([ffmpeg, "-y", "-v", "error", "-loop", "1", "-framerate", "5", "-i", str(png),
                  "-i", str(wav), "-af", f"apad=pad_dur={PAUSE}", "-t", f"{length:.3f}",
                  *FORMATS[fmt], "-r", "5", str(segment)])
            segments.append(segment)
            cues += [f"{step.index + 1}", f"{_stamp(clock)} --> {_stamp(clock + spoken)}",
                     words["title"], words["text"], ""]
            clock += duration(segment)
        listing = work / "list.txt"
        listing.write_text("".join(f"file '{s}'\n" for s in segments), encoding="utf-8")
        _run([ffmpeg, "-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", str(listing),
              "-c", "copy", str(video)])
    captions.write_text("\n".join(cues), encoding="utf-8")
    stamp.write_text(key)
    return video, captions
