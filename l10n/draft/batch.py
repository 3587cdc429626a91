"""Drafting a day's batch: every bulletin with entries left to draft, oldest first (``draft --all``).

What is left to draft is what :func:`~l10n.draft.catalog.draft_catalog` would draft: the
untranslated entries of the catalog merged with its current template (a segment a re-ingest
added is one), and with *force* the machine drafts too; approved entries never. Each bulletin is
drafted by :func:`~l10n.draft.catalog.draft_catalog` as ``draft SLUG`` drafts it: under its
catalog's lock, written atomically after every batch of segments, so a killed batch resumes
where it stopped and a rerun drafts only what is left.

One engine serves the whole batch (a local model is loaded once). An engine that serves requests
concurrently (``openai``, ``concurrency`` requests in flight) drafts several bulletins at once, in
threads, through :class:`SharedEngine`: every request of every bulletin goes through one pool of
``concurrency`` workers, so the server always has that many requests and never more, where one
bulletin at a time would leave it idle at the end of each batch. A bulletin open in a review is
passed over (``draft --all`` says so, and a rerun drafts it). The first bulletin that fails
stops the batch: no request is sent after it, the bulletins in progress stop at their next
request with their finished batches saved, and its error is the one reported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog import DRAFT, UNTRANSLATED, Catalog, read_catalog
from l10n.config import Config
from l10n.draft.catalog import DraftSummary, EngineFactory, Progress, Resources, draft_catalog, prepare_catalog
from l10n.engines.base import Engine, Hypothesis, Request
from l10n.errors import CatalogBusyError
from l10n.memory import TranslationMemory


@dataclass(frozen=True)
class Pending:
    """A bulletin with *todo* entries to draft; *date* is its ``X-Bulletin-Date`` ("" if unknown)."""

    slug: str
    date: str
    todo: int


def pending_bulletins(config: Config, *, force: bool = False) -> list[Pending]:
    """Every bulletin of the project (a template in ``locales/templates``) with entries to draft,
    oldest first: by bulletin date, those without one last, then by slug."""
    found = []
    for slug in config.template_slugs():
        catalog = prepare_catalog(config, slug)
        todo = sum(1 for e in catalog.entries if e.state == UNTRANSLATED or (force and e.state == DRAFT))
        if todo:
            found.append(Pending(slug, catalog.header.get("X-Bulletin-Date", "").strip(), todo))
    return sorted(found, key=lambda p: (not p.date, p.date, p.slug))


def _signature(paths) -> tuple:
    """What tells whether *paths* changed: each one's name, size and modification time."""
    out = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)


class SharedResources(Resources):
    """:class:`~l10n.draft.catalog.Resources` for a batch, read once and kept while their files are
    unchanged (drafting a catalog adds no approved entry, so the memory seldom changes in a
    batch; a review elsewhere that approves one does change a file, and it is read again): the
    glossary's matcher per bulletin date, and each catalog as parsed. What each bulletin
    gets is what it would read afresh, without building the glossary's matcher for each bulletin
    and parsing every catalog again for each (measured: bench/day.py's 50 bulletins, 257
    segments, beside an engine that answers at once, 12.4 s of drafting's own work before, 7.0 s
    after, on 2 cores)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._glossary: tuple[tuple, object] | None = None
        self._matchers: dict = {}
        self._catalogs: dict[Path, tuple[tuple, Catalog]] = {}

    def glossary_matcher(self, config: Config, on):
        from l10n.glossary import load_glossary

        with self._lock:
            key = _signature(config.glossary_files())
            if self._glossary is None or self._glossary[0] != key:
                self._glossary, self._matchers = (key, load_glossary(config)), {}
            glossary = self._glossary[1]
            if on not in self._matchers:
                self._matchers[on] = glossary.matcher(on=on)  # type: ignore[attr-defined]
            return glossary, self._matchers[on]

    def memory(self, directory: Path, *, exclude: str) -> TranslationMemory:
        """:meth:`TranslationMemory.from_directory`, each catalog parsed again only when its file changed."""
        return TranslationMemory.from_directory(directory, exclude=exclude, read=self._read)

    def _read(self, path: Path) -> Catalog:
        key = _signature([path])
        with self._lock:
            known = self._catalogs.get(path)
        if known is not None and known[0] == key:
            return known[1]
        catalog = read_catalog(path)  # a broken file raises, and from_directory skips it
        with self._lock:
            self._catalogs[path] = (key, catalog)
        return catalog


class BatchStopped(Exception):
    """Raised to a bulletin's drafting when another bulletin of the batch has failed."""


class SharedEngine:
    """*engine* shared by bulletins drafted in threads: each request of each :meth:`translate`
    call runs on one pool of *slots* workers (requests in flight, over every bulletin), as a
    one-request call of *engine*. :meth:`stop` makes every call from then on raise :class:`BatchStopped`."""

    def __init__(self, engine: Engine, slots: int, stopped: threading.Event | None = None) -> None:
        self.engine = engine
        self.name, self.model_id, self.model_sha256 = engine.name, engine.model_id, engine.model_sha256
        self.batch = slots
        self._pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="l10n-request")
        self._stopped = stopped or threading.Event()

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        futures = [self._pool.submit(self._one, request, n_best) for request in requests]
        try:
            wait(futures, return_when=FIRST_EXCEPTION)
            for future in futures:
                if future.done() and future.exception() is not None:
                    raise future.exception()  # type: ignore[misc]
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()  # those not started yet, when one failed

    def _one(self, request: Request, n_best: int) -> list[Hypothesis]:
        if self._stopped.is_set():
            raise BatchStopped
        return self.engine.translate([request], n_best=n_best)[0]

    def stop(self) -> None:
        self._stopped.set()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def draft_all(config: Config, pending: Sequence[Pending], *, engine_factory: EngineFactory, slots: int = 1, force: bool = False,
              batch_size: int = 8, n_best: int = 1, progress: Progress | None = None,
              on_done: Callable[[DraftSummary], None] | None = None,
              on_busy: Callable[[Pending, str], None] | None = None) -> list[DraftSummary]:
    """Draft each of *pending* (:func:`pending_bulletins`) with one engine, made by *engine_factory*
    when the first segment needs it. *slots* is how many requests that engine takes at once: above
    1, that many bulletins are drafted at a time, in threads, through :class:`SharedEngine`.
    *progress* hears of segments drafted, *on_done* of each bulletin finished. A bulletin open in a
    review is passed over: *on_busy* hears of it and the sentence saying so (without *on_busy*, it
    is raised like a failure). The first failure stops the batch and is raised; what was drafted
    until then is saved."""
    items = list(pending)
    workers = min(slots, len(items))
    resources = SharedResources()
    made: list[Engine] = []
    lock = threading.Lock()
    stopped = threading.Event()

    def engine() -> Engine:
        with lock:
            if stopped.is_set():
                raise BatchStopped
            if not made:
                made.append(engine_factory() if workers <= 1 else SharedEngine(engine_factory(), slots, stopped))
            return made[0]

    def one(item: Pending) -> DraftSummary | None:
        try:
            summary = draft_catalog(config, item.slug, engine_factory=engine, force=force, batch_size=batch_size, n_best=n_best,
                                    progress=progress, resources=resources)
        except CatalogBusyError as busy:
            if on_busy is None:
                raise
            on_busy(item, str(busy))
            return None
        if on_done is not None:
            on_done(summary)
        return summary

    if workers <= 1:
        return [s for s in map(one, items) if s is not None]

    try:
        return [s for s in _in_threads(one, items, workers=workers, stop=stopped.set) if s is not None]
    finally:
        if made:
            made[0].close()  # type: ignore[attr-defined]


def _in_threads(one: Callable[[Pending], DraftSummary | None], items: Sequence[Pending], *, workers: int,
                stop: Callable[[], None]) -> list[DraftSummary | None]:
    """*one* of each of *items* in *workers* threads, started in order; the first failure (or an
    interrupt) calls *stop*, starts nothing more and is raised once the threads have stopped."""
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="l10n-bulletin")
    futures: list[Future] = [pool.submit(one, item) for item in items]
    try:
        wait(futures, return_when=FIRST_EXCEPTION)
        failed = next((f for f in futures if f.done() and not f.cancelled() and f.exception() is not None), None)
        if failed is not None:
            raise _first_cause(failed, futures)
        return [f.result() for f in futures]
    except BaseException:
        stop()
        for future in futures:
            future.cancel()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _first_cause(failed: Future, futures: Sequence[Future]) -> BaseException:
    """The failure to report: *failed*'s, unless it only stopped because another bulletin failed."""
    error = failed.exception()
    if isinstance(error, BatchStopped):
        error = next((f.exception() for f in futures if f.done() and not f.cancelled()
                      and f.exception() is not None and not isinstance(f.exception(), BatchStopped)), error)
    return error  # type: ignore[return-value]
