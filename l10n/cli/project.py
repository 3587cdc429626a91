"""``l10n init`` and ``l10n ingest``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, parse_iso_date, stdout_console
from l10n.errors import ConfigError, InputError


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Project directory.", file_okay=False)] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing l10n.toml.")] = False,
    glossary: Annotated[Optional[str], typer.Option(
        "--glossary", metavar="NAME", help="Start glossary/ from the one shipped with l10n: `starter` (PRC organs, titles, terms).")] = None,
) -> None:
    """Create l10n.toml and the glossary/, locales/ and models/ directories.

    Adds the lock and temp files l10n makes to .gitignore (creating it, or
    appending the lines it lacks; nothing in it is changed). With --glossary starter,
    glossary/ gets l10n's starting glossary (a file already there is never overwritten).

    \b
    Example:
      l10n init my-bulletins --glossary starter
    """
    from l10n.atomic import atomic_write_text
    from l10n.config import CONFIG_NAME, EXAMPLE, ensure_gitignore
    from l10n.starter import copy_glossary

    target = directory / CONFIG_NAME
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists; pass --force to overwrite it.")
    copied = copy_glossary(glossary, directory / "glossary") if glossary is not None else []
    for sub in ("glossary", "locales/templates", "models"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, EXAMPLE)
    typer.echo(f"Wrote {target}")
    if copied:
        typer.echo(f"Copied l10n's {glossary} glossary into {directory / 'glossary'} ({len(copied)} files)")
    if ensure_gitignore(directory):
        typer.echo(f"Added l10n's lock and temp files to {directory / '.gitignore'}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Bulletins as scraped text (.txt) or saved HTML pages, and folders of them.")],
    slug: Annotated[Optional[str], typer.Option(help="Name of the bulletin's catalogs (default: from the file name); one file only.")] = None,
    date: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (default: found in the page).")] = None,
    show_removed: Annotated[bool, typer.Option("--show-removed", help="List every line dropped as page furniture, and why.")] = False,
    encoding: Annotated[Optional[str], typer.Option(help="The file's encoding, where detection cannot tell (big5hkscs, gb18030, utf-16-le …).")] = None,
    config: ConfigOption = None,
) -> None:
    """Clean scraped bulletins and write each one's segments to locales/templates/<slug>.pot.

    Removes menus, breadcrumbs, footers, counters and repeated blocks, finds the
    title, date and source, and splits the article into sentences. When the
    bulletin already has translations (its .po), they are merged like msgmerge:
    unchanged segments keep theirs, a changed one keeps its old translation as a
    fuzzy suggestion, removed ones become obsolete entries.

    A folder is searched through its sub-folders for .txt, .html and .htm files,
    one bulletin each, named after the file (a file ingested before keeps its
    name; one whose name another file has takes its folder's name in front:
    in/b/notice.html becomes b-notice). A table at the end says what became of
    each; a file that cannot be ingested gets an Error: line, the others still
    go in, and the exit status is then 2.

    \b
    Example:
      l10n ingest examples/bulletin.txt
      l10n ingest in/2026-12-09/
      l10n ingest page.html --slug loufan-visit --date 2023-12-09 --show-removed
      l10n ingest hk-page.html --encoding big5hkscs
    """
    from l10n.config import check_slug, load_config
    from l10n.ingest.batch import bulletin_files

    cfg = load_config(config)
    when = parse_iso_date(date)
    if slug is not None:
        check_slug(slug)
    found = bulletin_files(paths)
    if len(paths) == 1 and not found.folders:  # one file: as it always was, a bad one stops with its sentence
        _ingest_one(cfg, paths[0], slug=slug, date=when, encoding=encoding, show_removed=show_removed)
        return
    if not found.files:
        if len(found.problems) == 1:
            raise InputError(found.problems[0][1])
        raise InputError(f"None of the {len(paths)} paths given holds a bulletin file (.txt, .html or .htm).")
    _ingest_batch(cfg, found, slug=slug, date=when, encoding=encoding, show_removed=show_removed)


def _ingest_one(cfg, path: Path, *, slug, date, encoding, show_removed: bool) -> None:
    from collections import Counter

    from rich.markup import escape

    from l10n.ingest import ingest as run_ingest
    from l10n.ingest.batch import assign_slugs, recorded_files, slug_taken
    from l10n.textsafe import for_terminal

    if slug is None:
        slug = assign_slugs([path], root=cfg.root, recorded=recorded_files(cfg.templates_dir))[0]
        if isinstance(slug, tuple):
            raise InputError(slug_taken(path, *slug))
    result = run_ingest(path, template_path_for=cfg.template_path, catalog_path_for=cfg.catalog_path, language=cfg.target_language,
                        slug=slug, date=date, root=cfg.root, encoding=encoding)
    b = result.bulletin
    out = stdout_console()
    reasons = Counter(r.reason for r in b.removed)
    out.print(f"[bold]{escape(for_terminal(b.title or '(no title)'))}[/bold]")  # the page's text: no markup, no controls
    out.print(f"  date: {b.date or 'unknown (pass --date)'}   source: {for_terminal(b.source or 'unknown')}   encoding: {b.encoding}",
              markup=False)
    out.print(f"  {len(b.paragraphs)} paragraphs, {len(b.segments)} segments")
    removed = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "none"
    out.print(f"  removed {len(b.removed)} lines: {removed}")
    if show_removed:
        _print_removed(out, b)
    status = "wrote" if result.changed else "unchanged"
    out.print(f"  {status} {_relative(result.template, Path.cwd())}", markup=False)
    m = result.merge
    if m is not None:
        out.print(f"  {'merged into' if result.catalog_changed else 'unchanged'} {_relative(result.catalog, Path.cwd())}: "
                  f"{_merge_counts(m)}", markup=False, soft_wrap=True)


def _merge_counts(m) -> str:
    restored = f", {m.restored} restored from obsolete" if m.restored else ""
    return (f"{m.unchanged} unchanged, {m.changed} changed (old translation kept as a fuzzy suggestion), "
            f"{m.new} new, {m.obsolete} obsolete{restored}")


def _print_removed(out, bulletin) -> None:
    from l10n.textsafe import for_terminal

    for r in bulletin.removed:
        out.print(f"    {r.line:>5}  {r.reason:<12} {for_terminal(r.text)}", markup=False)


def _ingest_batch(cfg, found, *, slug, date, encoding, show_removed: bool) -> None:
    """Every file of *found*, one table of what became of each, then an Error: line per file (or
    folder) that could not be ingested, and exit 2 if there was one."""
    from rich.table import Table

    from l10n.cli.app import markup_safe
    from l10n.cli.app import print_table
    from l10n.ingest.batch import ingest_many
    from l10n.textsafe import for_terminal

    out = stdout_console()
    here = Path.cwd()

    def heard(item) -> None:
        if show_removed and item.result is not None and item.result.bulletin.removed:
            out.print(f"{for_terminal(_relative(item.path, here))}: removed lines", markup=False)
            _print_removed(out, item.result.bulletin)

    done = ingest_many(found.files, template_path_for=cfg.template_path, catalog_path_for=cfg.catalog_path,
                       language=cfg.target_language, root=cfg.root, date=date, encoding=encoding, slug=slug, on_file=heard)
    table = Table()
    for column in ("file", "slug", "segments", "result"):
        table.add_column(column, justify="right" if column == "segments" else "left", overflow="fold")
    for item in done:
        r, what = item.result, item.outcome
        if what == "merged":
            m = r.merge
            what = f"merged: {m.unchanged} unchanged, {m.changed} changed, {m.new} new, {m.obsolete} obsolete"
        segments = str(len(r.bulletin.segments)) if r is not None else "–"
        table.add_row(markup_safe(_relative(item.path, here)), markup_safe(item.slug), segments, what)
    print_table(table)
    failed = [item.error for item in done if item.error]
    said = f"{len(done) - len(failed)} of {len(done)} files ingested"
    if failed:
        said += f", {len(failed)} not (below)"
    if found.problems:
        said += f"; {len(found.problems)} folder{'s' if len(found.problems) > 1 else ''} held no bulletin"
    out.print(said + ".", markup=False)
    failed += [problem for _, problem in found.problems]
    for problem in failed:
        typer.echo(f"Error: {for_terminal(problem)}", err=True)
    if failed:
        raise typer.Exit(code=2)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):  # outside root, or a symlink loop (reading it says so)
        return str(path)
