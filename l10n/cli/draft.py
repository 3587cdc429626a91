"""``l10n draft``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, stderr_console, stdout_console


@app.command()
def draft(
    bulletin: Annotated[str, typer.Argument(help="Bulletin slug, or a bulletin file to ingest first.")],
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Model id from the registry (default: [draft] model in l10n.toml).")] = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="Engine to use instead of a registry model: openai (configured in [engines.openai]).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Redraft earlier machine drafts too (approved entries are never touched).")] = False,
    batch_size: Annotated[int, typer.Option(help="Segments sent to the engine at once (and saved together).", min=1)] = 8,
    config: ConfigOption = None,
) -> None:
    """Machine-draft a bulletin's segments into locales/en/LC_MESSAGES/<slug>.po.

    Each draft gets the glossary terms and names of its segment as required
    renderings, is verified (terms, forbidden renderings, Chinese left, numbers,
    model chatter) and repaired if it fails; what still fails is kept fuzzy with
    the findings in its comments. Approved entries are never overwritten; a
    killed draft resumes where it stopped.

    \b
    Example:
      l10n draft example
      l10n draft ../seeds/001.txt --model opus-mt-zh-en
      l10n draft example --engine openai --force
    """
    from l10n.config import load_config
    from l10n.draft import draft_catalog
    from l10n.engines import available_engines, check_engine, load_engine

    if engine is not None:
        check_engine(engine)
    cfg = load_config(config)
    if model is not None and model not in available_engines():
        from l10n.registry import get_entry

        get_entry(model, cfg.models_dir)  # an unknown model stops here, whether or not anything is left to draft
    slug = bulletin
    path = Path(bulletin)
    if path.suffix and path.is_file():
        from l10n.ingest import ingest

        slug = ingest(path, template_path_for=cfg.template_path).bulletin.slug
    choice = engine or model or cfg.default_model

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    # The bar starts only once there is work, so a failure before it prints one clean line.
    bar = Progress(
        TextColumn("drafting {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[batch]}"),
        console=stderr_console(),
    )
    task = bar.add_task(slug, total=None, rate="", batch="")

    def make_engine():
        made = load_engine(choice, cfg)
        bar.update(task, batch=f"batch {min(batch_size, getattr(made, 'batch', batch_size))}")  # decoded together
        return made

    def start(total: int) -> None:
        bar.update(task, total=total)
        bar.start()

    def advance(n: int) -> None:
        bar.advance(task, n)
        done = next(t for t in bar.tasks if t.id == task)
        bar.update(task, rate=segments_per_second(done.completed, done.elapsed))

    try:
        summary = draft_catalog(
            cfg, slug, engine_factory=make_engine, force=force, batch_size=batch_size,
            progress=advance, on_total=start,
        )
    except BaseException:
        bar.live.transient = True  # a failure's Error: line stands alone, without the bar's last frame
        raise
    finally:
        if bar.live.is_started:
            bar.stop()
    out = stdout_console()
    out.print(
        f"{summary.slug}: {summary.drafted} drafted, {summary.reused} from memory, {summary.deduped} repeated, "
        f"{summary.skipped} kept, {summary.approved} approved; {summary.with_findings} with findings "
        f"({summary.seconds:.1f} s)"
    )
    out.print(f"wrote {summary.path}")


def segments_per_second(done: float, seconds: float | None) -> str:
    """The drafting rate for the progress bar.

    >>> segments_per_second(12, 10.0), segments_per_second(0, 0.0), segments_per_second(3, None)
    ('1.20 seg/s', '', '')
    """
    return f"{done / seconds:.2f} seg/s" if done and seconds else ""
