"""``l10n status`` and ``l10n export``: where the desk's bulletins stand, and what it publishes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, markup_safe, print_table, stderr_console


class StatusSort(str, Enum):
    date = "date"
    slug = "slug"
    total = "total"
    untranslated = "untranslated"
    draft = "draft"
    approved = "approved"
    findings = "findings"
    last_change = "last-change"


@app.command()
def status(
    slugs: Annotated[Optional[list[str]], typer.Argument(help="Bulletin slugs (default: every bulletin in the project).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    sort: Annotated[StatusSort, typer.Option("--sort", help="Order of the rows: date (oldest first), slug, a count (most first) or last-change (newest first).")] = StatusSort.date,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only bulletins dated DATE (YYYY-MM-DD) or later.")] = None,
    config: ConfigOption = None,
) -> None:
    """The desk's dashboard: where each bulletin stands, one row each.

    Its date, its headline in English once the title is approved, how many
    entries are untranslated, drafts or approved, how many have QA findings,
    who approved them and when it last changed (the catalog's revision date or
    the newest approval, UTC). A bulletin ingested but not drafted yet is listed
    with every entry untranslated.

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
      l10n status --since 2026-12-08 --sort findings
      l10n status loufan-visit --json
    """
    from l10n.cli.app import parse_iso_date
    from l10n.config import load_config
    from l10n.status import since as dated_since
    from l10n.status import sort_rows, survey
    from l10n.textsafe import for_terminal, json_text

    cfg = load_config(config)
    day = parse_iso_date(since, "--since")
    rows, broken = survey(cfg, slugs or [])
    found = bool(rows)
    if day is not None:
        rows = dated_since(rows, day)
    rows = sort_rows(rows, sort.value)
    if json_:
        typer.echo(json_text([r.as_dict() for r in rows]))
    elif rows:
        _dashboard(rows)
    elif found:
        typer.echo(f"No bulletin dated {day} or later.")
    elif not broken:
        typer.echo(f"No catalogs in {for_terminal(cfg.catalogs_dir)}; run `l10n ingest` and `l10n draft` first.")
    for problem in broken:
        typer.echo(f"Error: {for_terminal(problem)}", err=True)
    if broken:
        raise typer.Exit(code=2)


def _dashboard(rows) -> None:
    """*rows* as a table on stdout (:func:`print_table`)."""
    from rich.table import Table

    table = Table()
    columns = ("bulletin", "date", "title", "total", "untranslated", "draft", "approved", "findings", "kept", "edits", "approved by",
               "last change")
    for column in columns:
        words = column in ("bulletin", "date", "title", "approved by", "last change")
        table.add_column(column, justify="left" if words else "right", overflow="fold")
    share = lambda value: "–" if value is None else f"{value:.0%}"
    for r in rows:
        table.add_row(markup_safe(r.slug), r.date or "–", markup_safe(r.title) or "–", str(r.total), str(r.untranslated), str(r.draft),
                      str(r.approved), str(r.findings), share(r.unchanged), share(r.edit_rate),
                      markup_safe(", ".join(r.approved_by)) or "–", r.last_change or "–")
    print_table(table)


class ExportFormat(str, Enum):
    txt = "txt"
    md = "md"
    html = "html"
    po = "po"
    mo = "mo"
    xliff = "xliff"


@app.command()
def export(
    slug: Annotated[Optional[str], typer.Argument(help="Bulletin slug (or --all --site DIR for every bulletin).")] = None,
    format_: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help="Output format (default: txt).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout for txt/md/html, <slug>.<format> for po/mo, <slug>.xlf for xliff).", dir_okay=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every bulletin of the project, as the English site (with --site).")] = False,
    site: Annotated[Optional[Path], typer.Option("--site", help="With --all: the folder to write the site to (index.html, <slug>.html, feed.xml).", metavar="DIR")] = None,
    allow_draft: Annotated[bool, typer.Option("--allow-draft", help="Export unreviewed entries too, marked as a machine draft.")] = False,
    config: ConfigOption = None,
) -> None:
    """Publish the reviewed English bulletin (txt, md, html) or its catalog (po, mo, xliff),
    or with --all --site DIR every bulletin as a static English site.

    The title comes first, then the date in English and the source, the
    paragraphs in order, and a closing "Translator:" line naming who approved
    it. Refuses while entries are unreviewed unless --allow-draft.

    The site holds one page per publishable bulletin (the html export, linking
    the Chinese original where its address is on record), index.html (newest
    first) and feed.xml (Atom). A bulletin export would refuse is skipped with
    the reason, on stderr; none publishable is an error. Unchanged files are not
    rewritten; files of your own in DIR are kept; pages of bulletins no longer
    published are removed. Title and address: [site] in l10n.toml.

    \b
    Example:
      l10n export loufan-visit --format txt
      l10n export loufan-visit --format html -o loufan-visit.html
      l10n export loufan-visit --format mo
      l10n export loufan-visit --format xliff -o loufan-visit.xlf   # for OmegaT, Trados, memoQ; l10n import reads it back
      l10n export --all --site public/                              # the English site of every approved bulletin
    """
    from l10n.errors import InputError

    if all_ or site is not None:
        if slug is not None:
            raise InputError(f"Give a bulletin slug or --all --site DIR, not both (got {slug!r} with --all/--site).")
        if not all_:
            raise InputError("--site DIR writes every bulletin; add --all (one bulletin's page: --format html -o FILE).")
        if site is None:
            raise InputError("--all writes the English site of every bulletin; say where with --site DIR.")
        if format_ is not None or output is not None:
            raise InputError("--format and --output are for one bulletin; --all --site DIR writes HTML pages, an index and an Atom feed.")
        _export_site(site, allow_draft=allow_draft, config=config)
        return
    if slug is None:
        raise InputError("Give a bulletin slug (l10n export SLUG), or --all --site DIR for every bulletin.")
    format_ = format_ or ExportFormat.txt
    from l10n.config import load_config
    from l10n.export import export as run_export

    cfg = load_config(config)
    try:
        result = run_export(cfg, slug, format_.value, output=output, allow_draft=allow_draft)
    except OSError as error:
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


def _export_site(directory: Path, *, allow_draft: bool, config: Optional[Path]) -> None:
    """``export --all --site DIR``: build the site, say what was skipped (stderr) and what was written."""
    from l10n.config import load_config
    from l10n.errors import InputError
    from l10n.site import NothingToPublishError, build_site
    from l10n.textsafe import for_terminal

    def say_skipped(skipped: list[tuple[str, str]]) -> None:
        for slug, reason in skipped:
            typer.echo(f"Skipped {for_terminal(slug)}: {for_terminal(reason)}", err=True)

    cfg = load_config(config)
    try:
        result = build_site(cfg, directory, allow_draft=allow_draft)
    except NothingToPublishError as error:
        say_skipped(error.skipped)
        raise
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise InputError(f"Cannot write the site in {directory}: {error.strerror or error}{where}; choose another --site folder.") from None
    say_skipped(result.skipped)
    for name in result.kept:
        typer.echo(f"Kept {for_terminal(directory / name)}: its bulletin is no longer published, but it was changed since l10n wrote it; "
                   "remove it by hand if it should go.", err=True)
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    drafts = f", {plural(result.drafts, 'machine draft')}" if result.drafts else ""
    removed = f", {len(result.removed)} removed" if result.removed else ""
    typer.echo(f"Wrote the site in {for_terminal(directory)}: {plural(len(result.pages), 'bulletin')}{drafts}; "
               f"{plural(len(result.written), 'file')} written, {len(result.unchanged)} unchanged{removed}.")
