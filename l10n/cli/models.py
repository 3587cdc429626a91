"""``l10n models list/info/pull/verify/path`` and ``l10n translate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, stderr_console

models_app = typer.Typer(
    help="""Registered translation models and their cached weights.

\b
Entries live in models/<id>.toml (the project's, then the built-in ones);
weights in $L10N_CACHE_DIR or the user cache directory, never in git.

\b
Example:
  l10n models list
  l10n models pull
  l10n models verify qwen2.5-coder-1.5b-instruct-q4_k_m""",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")

ModelArg = Annotated[str, typer.Argument(help="Model id (see `l10n models list`).")]


def _config(path: Optional[Path]):
    """The project config, or defaults when run outside a project (models work anywhere)."""
    from l10n.config import Config, find_config, load_config

    if path is not None or find_config() is not None:
        return load_config(path)
    return Config(root=Path.cwd())


def _human(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return str(size)


class _RichProgress:
    """Registry progress on stderr: rich bars on a terminal, one line per stage otherwise."""

    def __init__(self) -> None:
        self.console = stderr_console()
        self.live = self.console.is_terminal
        self._bar = None
        self._task = None
        self._desc = ""
        self._done = 0
        self._t0 = 0.0

    def note(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def start(self, description: str, total: int | None) -> None:
        import time

        self._desc, self._done, self._t0 = description, 0, time.perf_counter()
        if self.live:
            from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

            self._bar = Progress(
                "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                TimeRemainingColumn(), console=self.console, transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(description, total=total)
        else:
            self.console.print(f"{description} …", markup=False, highlight=False, soft_wrap=True)

    def advance(self, amount: int) -> None:
        self._done += amount
        if self._bar is not None:
            self._bar.advance(self._task, amount)

    def finish(self) -> None:
        import time

        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        else:
            seconds = time.perf_counter() - self._t0
            self.console.print(f"{self._desc}: {_human(self._done)} in {seconds:.1f} s", markup=False, highlight=False, soft_wrap=True)


def _progress():
    from l10n.registry import Progress

    class CliProgress(_RichProgress, Progress):
        pass

    return CliProgress()


@models_app.command("list")
def list_(config: ConfigOption = None) -> None:
    """List registered models, their engine, size, licence and whether the weights are cached.

    \b
    Example:
      l10n models list
    """
    from l10n import registry

    cfg = _config(config)
    entries = registry.list_entries(cfg.models_dir)
    for e in entries:
        mark = "*" if e.id == cfg.default_model else " "
        state = "cached" if registry.is_present(e) else "not pulled"
        size = _human(e.size) if e.size else "-"
        typer.echo(f"{mark} {e.id:<36} {e.engine:<7} {size:>9}  {e.licence:<11} {state}")
    typer.echo(f"(* default model; cache: {registry.cache_dir()})")


@models_app.command()
def info(model: ModelArg, config: ConfigOption = None) -> None:
    """Show a model's entry: engine, file, size, sha256, licence, sources and cache state.

    \b
    Example:
      l10n models info opus-mt-zh-en
    """
    from l10n import registry

    e = registry.get_entry(model, _config(config).models_dir)
    rows = [
        ("id", e.id), ("engine", e.engine), ("description", e.description), ("file", e.file),
        ("size", f"{e.size:,} bytes" if e.size else "-"), ("sha256", e.sha256 or "-"), ("licence", e.licence),
        ("entry", str(e.origin)), ("path", str(registry.cached_path(e))),
        ("cached", "yes" if registry.is_present(e) else f"no (run `l10n models pull {e.id}`)"),
    ]
    for key, value in rows:
        typer.echo(f"{key:<12} {value}")
    for i, s in enumerate(e.sources, 1):
        typer.echo(f"{'source ' + str(i):<12} {s.describe()}")


@models_app.command()
def pull(
    model: Annotated[Optional[str], typer.Argument(help="Model id (default: [draft] model of l10n.toml).")] = None,
    from_path: Annotated[
        Optional[Path], typer.Option("--from", help="Take the weights from this local file (or directory) instead of the network.", exists=True, resolve_path=True)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Fetch again even when the weights are cached.")] = False,
    config: ConfigOption = None,
) -> None:
    """Download a model's weights into the cache, trying its sources in order, and verify them.

    Sources that fail are reported in one line each; the weights are checked
    for size and sha256 before they are put in place.

    \b
    Example:
      l10n models pull
      l10n models pull opus-mt-zh-en
      l10n models pull qwen2.5-coder-1.5b-instruct-q4_k_m --from /mnt/share/qwen.gguf
    """
    from l10n import registry

    cfg = _config(config)
    entry = registry.get_entry(model or cfg.default_model, cfg.models_dir)
    path = registry.pull(entry, _progress(), from_path=from_path, force=force)
    typer.echo(str(path))


@models_app.command()
def verify(model: ModelArg, config: ConfigOption = None) -> None:
    """Hash the cached weights and compare them with the entry's size and sha256.

    \b
    Example:
      l10n models verify qwen2.5-coder-1.5b-instruct-q4_k_m
    """
    from l10n import registry

    entry = registry.get_entry(model, _config(config).models_dir)
    result = registry.verify(entry, _progress())
    detail = f"sha256 {result.sha256}" if result.sha256 else "required files present"
    typer.echo(f"OK {result.path} ({result.size:,} bytes, {detail})")


@models_app.command()
def path(model: ModelArg, config: ConfigOption = None) -> None:
    """Print where a model's weights are cached (fails if they have not been pulled).

    \b
    Example:
      l10n models path opus-mt-zh-en
    """
    from l10n import registry

    typer.echo(str(registry.model_path(registry.get_entry(model, _config(config).models_dir))))


@app.command()
def translate(
    text: Annotated[Optional[list[str]], typer.Argument(help="Chinese sentences (default: one per line from stdin).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Model id, or the remote model name with --engine openai.")] = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="llama, marian or openai (default: the model's engine).")] = None,
    timing: Annotated[bool, typer.Option("--timing", help="Print load and per-sentence timings on stderr.")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="No glossary, names or repair: the engine's bare output.")] = False,
    config: ConfigOption = None,
) -> None:
    """Translate Chinese sentences into English and print one line each.

    Sentences get the same glossary terms, names, verification and repair as
    `l10n draft`; findings that remain are printed on stderr.

    \b
    Example:
      l10n translate 会议由市委史志研究室主任李成明主持。
      l10n translate --model opus-mt-zh-en < sentences.txt
      l10n translate --engine openai --model qwen2.5-7b-instruct 国务院办公厅印发通知。
    """
    import datetime as dt
    import math
    import time

    from l10n.draft import translate_texts
    from l10n.engines import check_engine, load_engine
    from l10n.errors import InputError
    from l10n.glossary import load_glossary

    cfg = _config(config)
    texts = [t for t in (text or []) if t.strip()]
    if not text:
        texts = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    if not texts:
        raise InputError("Nothing to translate; pass sentences as arguments or one per line on stdin.")
    if engine is not None:
        check_engine(engine)
    matcher = None if plain else load_glossary(cfg).matcher(on=dt.date.today())
    t0 = time.perf_counter()
    if engine == "openai":
        eng = load_engine("openai", cfg, **({"model": model} if model else {}))
    else:
        eng = load_engine(model or engine or cfg.default_model, cfg)
    loaded = time.perf_counter() - t0
    err = stderr_console()
    started = time.perf_counter()
    drafts = (_plain_draft(eng, t) for t in texts) if plain else translate_texts(texts, engine=eng, matcher=matcher, max_attempts=cfg.max_attempts,
                                                                                            spell_out_acronyms=cfg.spell_out_acronyms)
    for draft in drafts:
        typer.echo(draft.text)
        if timing or draft.findings:
            for finding in draft.findings:
                err.print(f"  {finding.severity}: {finding.note()}", markup=False, highlight=False, soft_wrap=True)
        if timing:
            confidence = "n/a" if math.isnan(draft.confidence) else f"{draft.confidence:.2f}"
            err.print(f"  {draft.attempts} attempt(s), confidence {confidence}, {len(draft.required)} required rendering(s)", markup=False, highlight=False, soft_wrap=True)
    if timing:
        total = time.perf_counter() - started
        err.print(f"{eng.name} {eng.model_id}: loaded in {loaded:.1f} s, {len(texts)} sentence(s) in {total:.1f} s", markup=False, highlight=False, soft_wrap=True)


def _plain_draft(engine, text: str):
    """The engine's bare output for *text*, as a draft with no checks."""
    from l10n.draft import Draft
    from l10n.engines.base import Request

    hyp = engine.translate([Request(text, plain=True, cause="plain")])[0][0]
    return Draft(text, hyp.text, confidence=hyp.confidence, attempts=1)
