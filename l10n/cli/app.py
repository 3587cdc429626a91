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
from typer.core import TyperArgument, TyperGroup

from l10n import __version__
from l10n.errors import L10nError


class _Argument(TyperArgument):
    """An argument shown as its plain uppercase name: ``l10n review [OPTIONS] SLUG``."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx) -> None:
        return None  # the metavar is the name already


def _metavar(param) -> str | None:
    """A plain uppercase word for a parameter's value: SLUG, FILE, DIR, N, NUMBER …"""
    desc = param.type_descriptor
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    if param.param_type_name == "argument":
        return param.name.upper()
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    info = desc.parameter_info
    if desc.is_path:
        return "DIR" if info.file_okay is False else "FILE" if info.dir_okay is False else "PATH"
    kind = getattr(desc.annotation, "__name__", "")
    if kind == "int":
        return "N"
    if kind == "float":
        return "NUMBER"
    return max(param.opts, key=len).lstrip("-").replace("-", "_").upper()


def plain_metavars(command) -> None:
    """Give every parameter of *command* and its subcommands a plain uppercase metavar
    (unless it names its own), instead of Typer's ``{slug}``, ``<list[str]>``, ``<int range>``."""
    for param in command.params:
        if param.metavar is None and hasattr(param, "type_descriptor"):
            param.metavar = _metavar(param)
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
    for sub in getattr(command, "commands", {}).values():
        plain_metavars(sub)


def _plain_bad_parameter(error) -> str:
    """Click's "Invalid value for '--format' / '-f': Value error, 'docx' is not one of …"
    as one sentence: "--format must be one of txt, md, html, po, mo, not 'docx'."""
    param = error.param
    if param is None:
        name = "A value"
    elif param.param_type_name == "option":
        name = max(param.opts, key=len)
    else:
        name = param.metavar or (param.name or "").upper()
    cause = getattr(error.__cause__, "errors", None)
    detail = cause()[0] if callable(cause) and cause() else {}
    value = detail.get("input")
    shown = "" if value is None else f", not {value!r}"
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        return f"{name} must be one of {', '.join(str(getattr(c, 'value', c)) for c in desc.choices)}{shown}."
    needs = {
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_parsing": "a number",
        "greater_than_equal": f"at least {detail.get('ctx', {}).get('ge')}",
        "greater_than": f"more than {detail.get('ctx', {}).get('gt')}",
        "less_than_equal": f"at most {detail.get('ctx', {}).get('le')}",
        "less_than": f"less than {detail.get('ctx', {}).get('lt')}",
    }.get(detail.get("type", ""))
    if needs:
        return f"{name} must be {needs}{shown}."
    message = str(error.message).removeprefix("Value error, ")
    return message[:1].upper() + message[1:]


class _Group(TyperGroup):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_metavars(self)

    def invoke(self, ctx):
        from l10n.textsafe import for_terminal

        try:
            return super().invoke(ctx)
        except L10nError as error:
            typer.echo(f"Error: {for_terminal(error)}", err=True)  # messages may quote a catalog
            raise typer.Exit(code=error.exit_code) from None
        except typer.BadParameter as error:
            typer.echo(f"Error: {for_terminal(_plain_bad_parameter(error))}", err=True)
            raise typer.Exit(code=2) from None


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
    add_completion=True,
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


def markup_safe(text) -> str:
    """Catalog text for a rich console: controls and ``::`` escaped (:mod:`l10n.textsafe`), then markup."""
    from rich.markup import escape

    from l10n.textsafe import for_terminal

    return escape(for_terminal(text))


def stderr_console():
    """A rich console on stderr (imported lazily: rich is not needed for --help)."""
    from rich.console import Console

    return Console(stderr=True)


def stdout_console():
    from rich.console import Console

    return Console(highlight=False)


def print_table(table) -> None:
    """*table* on stdout: to a terminal as wide as it is, to a file or a pipe whole, each row one line."""
    from rich.measure import Measurement

    out = stdout_console()
    if not out.is_terminal:
        out.width = max(out.width, Measurement.get(out, out.options.update_width(10_000), table).maximum)
    out.print(table)


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
