"""letterkit speak LETTER --lang L [--sample NAME] -o FILE [--captions FILE.vtt]"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from letterkit import LANGUAGES
from letterkit.cli.common import resolve_letter
from letterkit.errors import LetterkitError, Location


@click.command("speak")
@click.argument("letter")
@click.option("--lang", "-l", required=True, type=click.Choice(LANGUAGES), help="Language.")
@click.option("--sample", "-s", default="default", show_default=True,
              help="Sample from the letter's samples/ folder.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Audio file to write: .ogg (Opus), .mp3 or .wav.")
@click.option("--captions", type=click.Path(path_type=Path),
              help="Also write the sentences as WebVTT captions timed to the audio.")
@click.option("--rate", default=None, type=click.IntRange(80, 300),
              help="Words per minute (default 150).")
def command(letter: str, lang: str, sample: str, output: Path, captions: Path | None,
            rate: int | None) -> None:
    """Read LETTER aloud in its language (espeak-ng, offline) into an audio file."""
    from letterkit import speech
    from letterkit.render import render_letter

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in speech.FORMATS:
        raise LetterkitError(f"cannot tell the audio format from {output.name!r}: name the "
                             f"file .ogg, .mp3 or .wav", Location(str(output)))
    loaded = resolve_letter(letter)
    rendered = render_letter(loaded, lang, sample)
    sentences = [text for _start, _end, text in speech.read_aloud_sentences(
        rendered.markdown, lang, rendered.body_start)]
    spoken = speech.speak(sentences, lang, fmt=fmt, rate=rate or speech.WORDS_PER_MINUTE)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spoken.path, output)
        if captions:
            captions.write_text(spoken.webvtt(), encoding="utf-8")
    except OSError as exc:
        raise LetterkitError(f"cannot write: {exc.strerror}", Location(str(exc.filename or output))
                             ) from exc
    click.echo(f"{output}: {len(spoken.cues)} sentences, {spoken.duration:.0f} s "
               f"({speech.VOICES[lang]} voice)")
