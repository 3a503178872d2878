"""The ``letterkit`` command. Subcommands live in their own modules and load lazily,
so that ``letterkit lint`` in a pre-commit hook does not pay for the preview app."""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from letterkit import __version__
from letterkit.errors import EXIT_BAD_INPUT, LetterkitError

COMMANDS = {
    "check": "letterkit.cli.check",
    "render": "letterkit.cli.render",
    "batch": "letterkit.cli.batch",
    "build": "letterkit.cli.build",
    "new": "letterkit.cli.new",
    "readability": "letterkit.cli.readability",
    "lint": "letterkit.cli.lint",
    "glossary": "letterkit.cli.glossary",
    "diff": "letterkit.cli.diff",
    "serve": "letterkit.cli.serve",
    "speak": "letterkit.cli.speak",
    "guide": "letterkit.cli.guide",
    "panel": "letterkit.cli.panel",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when they are run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, module in COMMANDS.items()
                      if importlib.util.find_spec(module) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None or importlib.util.find_spec(module_name) is None:
            return None
        return importlib.import_module(module_name).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="letterkit")
def cli() -> None:
    """Write, check and test plain-language letters in Finnish, Swedish and English."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning input errors into one line and exit code 2."""
    try:
        cli.main(args=argv, prog_name="letterkit", standalone_mode=False)
    except LetterkitError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code if exc.exit_code else EXIT_BAD_INPUT)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)
