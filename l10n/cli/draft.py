"""``l10n draft``."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, stderr_console, stdout_console


@app.command()
def draft(
    bulletin: Annotated[Optional[str], typer.Argument(help="Bulletin slug, or a bulletin file to ingest first.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every bulletin with entries left to draft, oldest first.")] = False,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Model id from the registry (default: [draft] model in l10n.toml).")] = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="Engine to use instead of a registry model: openai (configured in [engines.openai]).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Redraft earlier machine drafts too (approved entries are never touched).")] = False,
    batch_size: Annotated[int, typer.Option(help="Segments sent to the engine at once (and saved together).", min=1)] = 8,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say where the time went: engine and Python, requests by cause, prompt tokens reused and prefilled.")] = False,
    config: ConfigOption = None,
) -> None:
    """Machine-draft a bulletin's segments into locales/en/LC_MESSAGES/<slug>.po.

    Each draft gets the glossary terms and names of its segment as required
    renderings, is verified (terms, forbidden renderings, Chinese left, numbers,
    model chatter) and repaired if it fails; what still fails is kept fuzzy with
    the findings in its comments. Approved entries are never overwritten; a
    killed draft resumes where it stopped.

    With --all, every bulletin ingested with entries left to draft (untranslated,
    or with --force machine drafts too) is drafted, oldest first, under one
    progress bar; killed, a rerun drafts what is left. With --engine openai,
    [engines.openai] concurrency requests stay in flight across bulletins.

    \b
    Example:
      l10n draft example
      l10n draft ../seeds/001.txt --model opus-mt-zh-en
      l10n draft example --engine openai --force
      l10n draft --all --engine openai
      l10n draft example -v
    """
    from l10n.config import load_config
    from l10n.draft import draft_catalog
    from l10n.engines import available_engines, check_engine, load_engine

    if (bulletin is None) == (not all_):
        from l10n.errors import InputError

        raise InputError("Give a bulletin slug or --all, not both." if all_ else
                         "Give a bulletin slug, or --all for every bulletin with entries left to draft.")
    if engine is not None:
        check_engine(engine)
    cfg = load_config(config)
    if model is not None and model not in available_engines():
        from l10n.registry import get_entry

        get_entry(model, cfg.models_dir)  # an unknown model stops here, whether or not anything is left to draft
    if all_:
        _draft_all(cfg, engine or model or cfg.default_model, force=force, batch_size=batch_size, verbose=verbose)
        return
    slug = bulletin
    path = Path(bulletin)
    if path.suffix and path.is_file():
        from l10n.ingest import ingest

        slug = ingest(path, template_path_for=cfg.template_path).bulletin.slug
    choice = engine or model or cfg.default_model

    from rich.progress import TextColumn

    # The bar starts only once there is work, so a failure before it prints one clean line.
    bar = _drafting_bar("drafting {task.description}", TextColumn("{task.fields[batch]}"))
    task = bar.add_task(slug, total=None, rate="", batch="")

    engines: list = []

    def make_engine():
        made = load_engine(choice, cfg)
        engines.append(made)
        bar.update(task, batch=f"batch {min(batch_size, getattr(made, 'batch', batch_size))}")  # decoded together
        return made

    def start(total: int) -> None:
        bar.update(task, total=total)
        bar.start()

    with _shown(bar):
        summary = draft_catalog(
            cfg, slug, engine_factory=make_engine, force=force, batch_size=batch_size,
            progress=_advancing(bar, task), on_total=start,
        )
    out = stdout_console()
    out.print(_summary_line(summary))
    out.print(f"wrote {summary.path}")
    if verbose:
        _where_the_time_went(engines, summary.drafted, summary.seconds)


def _where_the_time_went(engines: list, segments: int, seconds: float) -> None:
    """``draft -v``: what the engine (made once, or never) did for the *segments* it drafted in *seconds*, on stderr."""
    work = next((made.work for made in engines if hasattr(made, "work")), None)
    if work is None:
        lines = ["no engine requests: nothing was drafted by the engine" if not engines else
                 f"{segments} segments in {seconds:.1f} s; this engine does not count its work"]
    else:
        lines = work.report(segments, seconds) or ["no engine requests: nothing was drafted by the engine"]
    for line in lines:
        typer.echo(line, err=True)


def _draft_all(cfg, choice: str, *, force: bool, batch_size: int, verbose: bool = False) -> None:
    """``draft --all``: every bulletin with entries left, one progress bar for the batch, one line each as it finishes."""
    from l10n.draft.batch import draft_all, pending_bulletins
    from l10n.engines import load_engine

    pending = pending_bulletins(cfg, force=force)
    out = stdout_console()
    if not pending:
        out.print("Nothing to draft: every bulletin's entries are drafted or approved (--force redrafts the drafts)." if cfg.template_slugs() else
                  f"No bulletins in {cfg.templates_dir}; run `l10n ingest FOLDER` first.", markup=False, soft_wrap=True)
        return
    slots, engines = 1, []
    if choice == "openai":  # a remote engine costs nothing to make: it says how many requests it takes at once
        made = load_engine(choice, cfg)
        slots, engines = made.concurrency, [made]
        factory = lambda: made  # noqa: E731
    else:
        def factory():  # loaded when the first segment needs it
            engines.append(load_engine(choice, cfg))
            return engines[-1]
    bar = _drafting_bar("drafting {task.fields[bulletins]}")
    total = len(pending)
    task = bar.add_task("batch", total=sum(p.todo for p in pending), bulletins=f"0/{total} bulletins", rate="")
    finished: list = []

    def done(summary) -> None:
        finished.append(summary)
        bar.update(task, bulletins=f"{len(finished)}/{total} bulletins")
        # on one terminal the bar's console prints it above the bar; to a pipe or a file, stdout has it
        where = bar.console if out.is_terminal and bar.console.is_terminal else out
        where.print(_summary_line(summary), markup=False, highlight=False, soft_wrap=True)

    busy: list[str] = []

    def passed_over(item, message: str) -> None:
        busy.append(message)
        bar.update(task, total=next(t for t in bar.tasks if t.id == task).total - item.todo)

    bar.start()
    with _shown(bar):
        draft_all(cfg, pending, engine_factory=factory, slots=slots, force=force, batch_size=batch_size,
                  progress=_advancing(bar, task), on_done=done, on_busy=passed_over)
    seconds = next(t for t in bar.tasks if t.id == task).elapsed or 0.0
    drafted = sum(s.drafted + s.reused + s.deduped for s in finished)
    out.print(f"{len(finished)} bulletin{'' if len(finished) == 1 else 's'}: {drafted} segments drafted in {seconds:.1f} s"
              + (f" ({segments_per_second(drafted, seconds)})" if drafted and seconds else ""), markup=False, soft_wrap=True)
    if verbose:
        _where_the_time_went(engines, sum(s.drafted for s in finished), seconds)
    if busy:
        from l10n.textsafe import for_terminal

        for message in busy:
            typer.echo(f"Error: {for_terminal(message)}", err=True)
        raise typer.Exit(code=2)


def _drafting_bar(label: str, *more):
    """The drafting progress bar on stderr: *label*, the bar, done/total, elapsed, ETA, the rate, *more* columns."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    TextColumn("{task.fields[rate]}"), *more, console=stderr_console())


def _advancing(bar, task):
    """What drafting calls with each segment done: *task* advanced, its rate shown."""
    def advance(n: int) -> None:
        bar.advance(task, n)
        done = next(t for t in bar.tasks if t.id == task)
        bar.update(task, rate=segments_per_second(done.completed, done.elapsed))

    return advance


@contextlib.contextmanager
def _shown(bar):
    """*bar* stopped when the block ends; after a failure without its last frame, so the Error: line stands alone."""
    try:
        yield
    except BaseException:
        bar.live.transient = True
        raise
    finally:
        if bar.live.is_started:
            bar.stop()


def _summary_line(summary) -> str:
    return (f"{summary.slug}: {summary.drafted} drafted, {summary.reused} from memory, {summary.deduped} repeated, "
            f"{summary.skipped} kept, {summary.approved} approved; {summary.with_findings} with findings "
            f"({summary.seconds:.1f} s)")


def segments_per_second(done: float, seconds: float | None) -> str:
    """The drafting rate for the progress bar.

    >>> segments_per_second(12, 10.0), segments_per_second(0, 0.0), segments_per_second(3, None)
    ('1.20 seg/s', '', '')
    """
    return f"{done / seconds:.2f} seg/s" if done and seconds else ""
