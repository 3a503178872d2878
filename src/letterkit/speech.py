"""Text read aloud with espeak-ng (Debian package espeak-ng; voices fi, sv, en).

Used by ``letterkit guide video`` and meant for ``letterkit speak`` in the app.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from letterkit.errors import LetterkitError

VOICES = {"fi": "fi", "sv": "sv", "en": "en-gb"}
WORDS_PER_MINUTE = 150   # a little slower than espeak-ng's 175: easier for second-language readers


def espeak() -> str:
    found = shutil.which("espeak-ng")
    if found is None:
        raise LetterkitError("espeak-ng is not installed (apt-get install espeak-ng)")
    return found


def speak_to_wav(text: str, lang: str, out: Path, speed: int = WORDS_PER_MINUTE) -> Path:
    """Write *text* read aloud in *lang* to the WAV file *out*."""
    if lang not in VOICES:
        raise LetterkitError(f"no voice for {lang!r}; voices: {', '.join(VOICES)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([espeak(), "-v", VOICES[lang], "-s", str(speed), "-w", str(out),
                             "--stdin"], input=text, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out.is_file():
        raise LetterkitError(f"espeak-ng failed: {result.stderr.strip()[:200]}")
    return out
