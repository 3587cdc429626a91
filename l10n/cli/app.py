"""The Typer application and the one place user-facing errors become exit codes.

Command modules (``l10n.cli.ingest``, ``l10n.cli.glossary`` …) register their
commands on :data:`app`; they parse arguments, call one library function and
print. A :class:`~l10n.errors.L10nError` raised anywhere below becomes
``Error: <message>`` on stderr and its ``exit_code``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from l10n import __version__
from l10n.errors import L10nError


class _Group(TyperGroup):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except L10nError as error:
            from l10n.textsafe import for_terminal

            typer.echo(f"Error: {for_terminal(error)}", err=True)  # messages may quote a catalog
            raise typer.Exit(code=error.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"l10n {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Group,
    name="l10n",
    help="""Reviewed English editions of Chinese official bulletins.

\b
Pipeline: ingest → draft → review → export, with a glossary of approved
official titles and institution names, and check/score as a CI gate.

\b
Example:
  l10n ingest examples/bulletin.txt
  l10n draft bulletin
  l10n review bulletin --translator Jing
  l10n export bulletin --format txt""",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="Project config file (default: the nearest l10n.toml above the current directory).", dir_okay=False),
]


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    pass


def stderr_console():
    """A rich console on stderr (imported lazily: rich is not needed for --help)."""
    from rich.console import Console

    return Console(stderr=True)


def stdout_console():
    from rich.console import Console

    return Console(highlight=False)


def parse_iso_date(value: str | None, option: str = "--date"):
    """A date option's value as a date (None or empty stays None)."""
    import datetime as dt

    from l10n.errors import InputError

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date in YYYY-MM-DD form.") from None
