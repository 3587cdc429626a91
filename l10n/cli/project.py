"""``l10n init`` and ``l10n ingest``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, parse_iso_date, stdout_console
from l10n.errors import ConfigError


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
    path: Annotated[Path, typer.Argument(help="Bulletin as scraped text (.txt) or a saved HTML page.")],
    slug: Annotated[Optional[str], typer.Option(help="Name of the bulletin's catalogs (default: from the file name).")] = None,
    date: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD (default: found in the page).")] = None,
    show_removed: Annotated[bool, typer.Option("--show-removed", help="List every line dropped as page furniture, and why.")] = False,
    encoding: Annotated[Optional[str], typer.Option(help="The file's encoding, where detection cannot tell (big5hkscs, gb18030, utf-16-le …).")] = None,
    config: ConfigOption = None,
) -> None:
    """Clean a scraped bulletin and write its segments to locales/templates/<slug>.pot.

    Removes menus, breadcrumbs, footers, counters and repeated blocks, finds the
    title, date and source, and splits the article into sentences. When the
    bulletin already has translations (its .po), they are merged like msgmerge:
    unchanged segments keep theirs, a changed one keeps its old translation as a
    fuzzy suggestion, removed ones become obsolete entries.

    \b
    Example:
      l10n ingest examples/bulletin.txt
      l10n ingest page.html --slug loufan-visit --date 2023-12-09 --show-removed
      l10n ingest hk-page.html --encoding big5hkscs
    """
    from collections import Counter

    from rich.markup import escape

    from l10n.config import load_config
    from l10n.ingest import ingest as run_ingest
    from l10n.textsafe import for_terminal

    cfg = load_config(config)
    result = run_ingest(path, template_path_for=cfg.template_path, catalog_path_for=cfg.catalog_path, language=cfg.target_language,
                        slug=slug, date=parse_iso_date(date), root=cfg.root, encoding=encoding)
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
        for r in b.removed:
            out.print(f"    {r.line:>5}  {r.reason:<12} {for_terminal(r.text)}", markup=False)
    status = "wrote" if result.changed else "unchanged"
    out.print(f"  {status} {_relative(result.template, Path.cwd())}", markup=False)
    m = result.merge
    if m is not None:
        restored = f", {m.restored} restored from obsolete" if m.restored else ""
        out.print(f"  {'merged into' if result.catalog_changed else 'unchanged'} {_relative(result.catalog, Path.cwd())}: "
                  f"{m.unchanged} unchanged, {m.changed} changed (old translation kept as a fuzzy suggestion), "
                  f"{m.new} new, {m.obsolete} obsolete{restored}", markup=False, soft_wrap=True)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):  # outside root, or a symlink loop (reading it says so)
        return str(path)
