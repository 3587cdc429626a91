"""``l10n import``: a bulletin's catalog back from a CAT tool as XLIFF 1.2 (see :mod:`l10n.xliff`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app


@app.command("import")
def import_xliff(
    file: Annotated[Path, typer.Argument(help="The XLIFF 1.2 file (.xlf, .xliff) a CAT tool sent back.", dir_okay=False)],
    slug: Annotated[Optional[str], typer.Option("--slug", help="The bulletin it must be for (default: the one the file names).")] = None,
    translator: Annotated[Optional[str], typer.Option(metavar="NAME", help="Who signs the entries the file approves (default: translator in l10n.toml).")] = None,
    config: ConfigOption = None,
) -> None:
    """Merge an XLIFF 1.2 file from OmegaT, Trados, memoQ or Translate Toolkit into its catalog.

    The bulletin is the one the file names (<file original="SLUG">, as
    `l10n export SLUG --format xliff` writes it). Only entries the file changes
    change: a unit it approves (approved="yes", state final or signed-off)
    with new English is approved, signed by --translator; an approved entry
    stays approved while the file has its English, and becomes a draft only
    when the file brings other English unapproved (the sign-off kept as
    previously-approved-by). An empty target never clears a translation. A
    unit whose source is not the catalog's, or that is no entry of the
    bulletin, refuses the whole import, naming it: nothing is written.

    \b
    Example:
      l10n export loufan-visit --format xliff -o loufan-visit.xlf
      l10n import loufan-visit.xlf --translator Jing
    """
    from l10n.config import load_config
    from l10n.review import resolve_translator
    from l10n.textsafe import for_terminal
    from l10n.xliff import import_xliff as run_import

    cfg = load_config(config)
    name = resolve_translator(translator, cfg) if translator is not None or cfg.translator else ""  # needed only for an approval
    result = run_import(cfg, file, translator=name, slug=slug)
    typer.echo(for_terminal(f"Imported {file} into {result.path}: {result.approved} approved, {result.updated} updated, {result.unchanged} unchanged"))
