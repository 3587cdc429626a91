"""``l10n status`` and ``l10n export``: where the desk's bulletins stand, and what it publishes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, markup_safe, stderr_console, stdout_console


@app.command()
def status(
    slugs: Annotated[Optional[list[str]], typer.Argument(help="Bulletin slugs (default: every catalog in the project).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    config: ConfigOption = None,
) -> None:
    """Show how many entries of each bulletin are untranslated, drafts or approved.

    Findings counts the entries with QA findings, computed as `l10n check`
    does (with the glossary on the bulletin's date), never read from the
    catalog's notes. Post-edit effort compares the approved entries with the
    machine's drafts on record: "kept" is the share approved as drafted, "edits"
    the word edit rate (TER); --json gives both, also per reviewer.

    A catalog that cannot be read is reported after the others (file and
    reason, one Error: line each), and the exit status is then 2.

    \b
    Example:
      l10n status
      l10n status loufan-visit --json
    """
    from l10n.config import load_config
    from l10n.status import survey
    from l10n.textsafe import for_terminal, json_text

    cfg = load_config(config)
    rows, broken = survey(cfg, slugs or [])
    if json_:
        typer.echo(json_text([r.as_dict() for r in rows]))
    elif rows:
        from rich.table import Table

        table = Table()
        for column in ("bulletin", "total", "untranslated", "draft", "approved", "findings", "kept", "edits"):
            table.add_column(column, justify="left" if column == "bulletin" else "right")
        share = lambda value: "–" if value is None else f"{value:.0%}"
        for r in rows:
            table.add_row(markup_safe(r.slug), str(r.total), str(r.untranslated), str(r.draft), str(r.approved), str(r.findings),
                          share(r.unchanged), share(r.edit_rate))
        stdout_console().print(table)
    elif not broken:
        typer.echo(f"No catalogs in {for_terminal(cfg.catalog_path('x').parent)}; run `l10n draft SLUG` first.")
    for problem in broken:
        typer.echo(f"Error: {for_terminal(problem)}", err=True)
    if broken:
        raise typer.Exit(code=2)


class ExportFormat(str, Enum):
    txt = "txt"
    md = "md"
    html = "html"
    po = "po"
    mo = "mo"
    xliff = "xliff"


@app.command()
def export(
    slug: Annotated[str, typer.Argument(help="Bulletin slug.")],
    format_: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.txt,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout for txt/md/html, <slug>.<format> for po/mo, <slug>.xlf for xliff).", dir_okay=False)] = None,
    allow_draft: Annotated[bool, typer.Option("--allow-draft", help="Export unreviewed entries too, marked as a machine draft.")] = False,
    config: ConfigOption = None,
) -> None:
    """Publish the reviewed English bulletin (txt, md, html) or its catalog (po, mo, xliff).

    The title comes first, then the date in English and the source, the
    paragraphs in order, and a closing "Translator:" line naming who approved
    it. Refuses while entries are unreviewed unless --allow-draft.

    \b
    Example:
      l10n export loufan-visit --format txt
      l10n export loufan-visit --format html -o loufan-visit.html
      l10n export loufan-visit --format mo
      l10n export loufan-visit --format xliff -o loufan-visit.xlf   # for OmegaT, Trados, memoQ; l10n import reads it back
    """
    from l10n.config import load_config
    from l10n.export import export as run_export

    cfg = load_config(config)
    try:
        result = run_export(cfg, slug, format_.value, output=output, allow_draft=allow_draft)
    except OSError as error:
        from l10n.errors import InputError

        where = f": {error.filename}" if error.filename and str(error.filename) != str(output) else ""
        raise InputError(f"Cannot write {output or error.filename} ({error.strerror or error}{where}); choose another --output.") from None
    from l10n.textsafe import for_terminal

    if result.draft:
        stderr_console().print(f"Warning: {for_terminal(slug)} is not fully reviewed or has QA errors; the export is a machine draft.", markup=False, soft_wrap=True)
    if result.text is not None:  # the publication itself, as approved (or marked a draft)
        import sys

        # UTF-8 bytes as they are: typer.echo would strip what looks like a terminal code from a pipe,
        # so `export > out.txt` were not the text (to a terminal, export escaped it already)
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(result.text)
        else:
            sys.stdout.flush()
            stream.write(result.text.encode("utf-8"))
        sys.stdout.flush()
    else:
        noun = "approved entries" if result.fmt == "mo" else "entries"
        typer.echo(f"Wrote {for_terminal(result.path)} ({result.entries} {noun})")
