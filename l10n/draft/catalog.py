"""Drafting a whole catalog, one entry again (review's "retranslate"), or ad-hoc sentences.

All three build each segment's job with :func:`job_for`: its requirements on the
bulletin's date (:func:`l10n.required.requirements`), context, examples and acronyms.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, MutableSet, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from l10n import __version__
from l10n.acronyms import introduced, used_after
from l10n.catalog import (
    APPROVED,
    DRAFT,
    SOURCE_CONTEXT,
    UNTRANSLATED,
    Catalog,
    Entry,
    catalog_lock,
    merge_template,
    now_stamp,
    read_catalog,
    write_catalog,
)
from l10n.config import Config
from l10n.draft.job import Draft, SegmentJob, segment_job
from l10n.draft.notes import apply_draft
from l10n.draft.segment import Attempts, attempt_together, draft_job
from l10n.engines.base import Engine
from l10n.errors import UnknownSlugError
from l10n.memory import Match, TranslationMemory
from l10n.required import bulletin_date, requirements

EngineFactory = Callable[[], Engine]
Progress = Callable[[int], None]


@dataclass
class DraftSummary:
    slug: str
    path: Path
    total: int = 0
    drafted: int = 0
    reused: int = 0
    deduped: int = 0
    skipped: int = 0
    approved: int = 0
    with_findings: int = 0
    seconds: float = 0.0


def _template_of(config: Config, slug: str) -> Path:
    """The slug's template; an unknown slug stops here with one sentence."""
    template_path = config.template_path(slug)
    if not template_path.is_file():
        raise UnknownSlugError(f"No template for bulletin {slug!r} in {template_path.parent}; run `l10n ingest BULLETIN --slug {slug}` first.")
    return template_path


def prepare_catalog(config: Config, slug: str) -> Catalog:
    """The slug's catalog merged with its current template (not yet written)."""
    template = read_catalog(_template_of(config, slug))
    target = config.catalog_path(slug)
    existing = read_catalog(target) if target.is_file() else None
    merged, _ = merge_template(template, existing, language=config.target_language)
    return merged


def glossary_matcher(config: Config, on: dt.date | None):
    from l10n.glossary import load_glossary

    glossary = load_glossary(config)
    return glossary, glossary.matcher(on=on)


class Resources:
    """What drafting a catalog reads besides the catalog and its template: the glossary on the
    bulletin's date, and the translation memory of the project's other catalogs; read afresh for
    each catalog. A batch shares one that keeps them while their files are unchanged
    (:class:`l10n.draft.batch.SharedResources`)."""

    def glossary_matcher(self, config: Config, on: dt.date | None):
        return glossary_matcher(config, on)

    def memory(self, directory: Path, *, exclude: str) -> TranslationMemory:
        return TranslationMemory.from_directory(directory, exclude=exclude)


def job_for(source: str, matcher, *, context: str | None = None, examples: Sequence[Match] = (),
            acronyms: MutableSet[str] | None = None, max_attempts: int = 3, n_best: int = 1) -> SegmentJob:
    """The drafting job for *source*, with what it requires under *matcher* (None: no glossary)."""
    return segment_job(source, requirements(source, matcher), context=context, examples=examples, acronyms=acronyms,
                       max_attempts=max_attempts, n_best=n_best)


@dataclass
class _Group:
    """The entries of one batch that share a source: drafted once, for the first of them.

    ``draft`` is known before the engine runs for a translation-memory match or a dateline
    alone; ``attempts`` are the engine's drafts, asked together with the batch's others.
    """

    entries: list[Entry]
    job: SegmentJob
    draft: Draft | None = None
    attempts: Attempts | None = None

    @property
    def entry(self) -> Entry:
        """The entry drafted; the others copy its draft."""
        return self.entries[0]


def composed_source_line(job: SegmentJob, *, as_in: str = "") -> Draft | None:
    """The draft of the Source line (the issuing office, :data:`~l10n.catalog.SOURCE_CONTEXT`)
    that the glossary composes whole, places then organ (:func:`l10n.export.compose_body_name`,
    written as the headline *as_in* writes it); None when its parts do not cover the office."""
    from l10n.draft.confidence import segment_confidence
    from l10n.export import compose_body_name
    from l10n.quality.qa import check_segment

    required = job.with_dateline
    text = compose_body_name(job.source, required, as_in=as_in)
    if not text:
        return None
    findings = check_segment(job.source, text, required)
    confidence = segment_confidence(1.0, findings, (), 1, job.source, required)  # the glossary's own English: no model doubt
    return Draft(job.source, text, tuple(required), findings=findings, confidence=confidence, origin="glossary", attempts=0)


def _title_english(catalog: Catalog) -> str:
    """The title's English so far (what the Source line names the office as), "" before it is drafted."""
    return " ".join(e.translation for e in catalog.entries if e.paragraph == 0 and e.context != SOURCE_CONTEXT and e.translation)


def _group(entries: list[Entry], *, matcher, tm: TranslationMemory, context: str | None, config: Config, n_best: int,
           title: str = "") -> _Group:
    """*entries* (one source) planned: the Source line the glossary composes, reused from *tm*,
    a dateline alone, or a job for the engine."""
    from l10n.quality.qa import check_segment

    source = entries[0].source
    job = job_for(source, matcher, context=context, max_attempts=config.max_attempts, n_best=n_best)
    if any(e.context == SOURCE_CONTEXT for e in entries) and (composed := composed_source_line(job, as_in=title)) is not None:
        return _Group(entries, job, composed)
    exact = tm.exact(source)
    if exact is not None:
        draft = Draft(source, exact.translation, job.required, origin="tm", examples=(exact,))
        draft.findings = check_segment(source, draft.text, job.required)
        return _Group(entries, job, draft)
    if job.dateline_only:
        return _Group(entries, job, draft_job(None, job))
    return _Group(entries, replace(job, examples=tuple(tm.similar(source))))


def draft_catalog(
    config: Config,
    slug: str,
    *,
    engine_factory: EngineFactory,
    force: bool = False,
    batch_size: int = 8,
    n_best: int = 1,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    resources: Resources | None = None,
) -> DraftSummary:
    """Draft every untranslated entry of *slug* (and earlier drafts with *force*).

    The catalog is locked meanwhile: a review of the same bulletin cannot interleave.
    *resources* gives the glossary and the translation memory (default: read afresh).
    """
    _template_of(config, slug)  # an unknown slug stops before any lock file is made
    with catalog_lock(config.catalog_path(slug)):
        return _draft_catalog(config, slug, engine_factory=engine_factory, force=force, batch_size=batch_size,
                              n_best=n_best, progress=progress, on_total=on_total, resources=resources or Resources())


def _draft_catalog(config: Config, slug: str, *, engine_factory: EngineFactory, force: bool, batch_size: int, n_best: int,
                   progress: Progress | None, on_total: Callable[[int], None] | None, resources: Resources) -> DraftSummary:
    started = time.perf_counter()
    catalog = prepare_catalog(config, slug)
    path = config.catalog_path(slug)
    summary = DraftSummary(slug, path, total=len(catalog.entries))
    glossary, matcher = resources.glossary_matcher(config, bulletin_date(catalog))
    tm = resources.memory(path.parent, exclude=slug)
    tm.add_catalog(catalog)

    todo = [e for e in catalog.entries if e.state == UNTRANSLATED or (force and e.state == DRAFT)]
    summary.approved = sum(1 for e in catalog.entries if e.state == APPROVED)
    summary.skipped = len(catalog.entries) - len(todo) - summary.approved
    by_source: dict[str, list[Entry]] = {}
    for entry in todo:
        by_source.setdefault(entry.source, []).append(entry)
    if on_total:
        on_total(len(todo))

    previous = {e.context: (catalog.entries[i - 1].source if i else None) for i, e in enumerate(catalog.entries)}
    catalog.header["X-Glossary-Revision"] = glossary.revision
    catalog.header["X-Generator"] = f"l10n {__version__}"
    write_catalog(catalog, path)

    engine: Engine | None = None
    later = _acronyms_after(catalog, matcher) if config.spell_out_acronyms else {}
    pending = list(by_source.values())
    for start in range(0, len(pending), batch_size):
        title = _title_english(catalog)
        groups = [_group(entries, matcher=matcher, tm=tm, context=previous.get(entries[0].context), config=config, n_best=n_best,
                         title=title) for entries in pending[start : start + batch_size]]
        for_engine = [g for g in groups if g.draft is None]
        if for_engine:
            if engine is None:
                engine = engine_factory()
                catalog.header.update({"X-Engine": engine.name, "X-Model": engine.model_id, "X-Model-SHA256": engine.model_sha256})
            # first drafts together, then the retries of those that need one together
            for group, attempts in zip(for_engine, attempt_together(engine, [g.job for g in for_engine])):
                group.attempts = attempts
        in_batch = {e.context for g in groups for e in g.entries}
        for i, group in enumerate(groups):
            if group.draft is None:
                group.job.acronyms = _spelled_out_before(catalog, group.entry, in_batch, groups[:i]) if config.spell_out_acronyms else None
                group.job.acronyms_later = later.get(group.entry.context, frozenset())
                group.draft = draft_job(engine, group.job, attempts=group.attempts)
            if group.draft.origin == "tm":
                summary.reused += 1
            else:
                summary.drafted += 1
        for group in groups:
            for i, entry in enumerate(group.entries):
                apply_draft(entry, group.draft)
                if i:
                    entry.notes.append(f"dedupe: same source as {group.entry.context}")
                    summary.deduped += 1
                summary.with_findings += bool(group.draft.findings)
            if progress:
                progress(len(group.entries))
        catalog.header["PO-Revision-Date"] = now_stamp()
        write_catalog(catalog, path)
    summary.seconds = time.perf_counter() - started
    return summary


def _spelled_out_before(catalog: Catalog, entry: Entry, in_batch: set[str], drafted: Sequence[_Group]) -> set[str] | None:
    """The acronyms spelled out before *entry* in the body: in the catalog's earlier
    translations (those of this batch not yet written, so taken from *drafted*, the batch's
    groups drafted so far). None for the title: a headline keeps its acronyms, the body spells them out."""
    if entry.paragraph == 0:
        return None
    earlier = []
    for e in catalog.entries:
        if e.context == entry.context:
            break
        if e.paragraph and e.context not in in_batch and e.translation:
            earlier.append(e.translation)
    return introduced([*earlier, *(g.draft.text for g in drafted if g.entry.paragraph)])


def _acronyms_after(catalog: Catalog, matcher) -> dict[str, frozenset[str]]:
    """For each entry, the acronyms the body uses after it: in the later entries' translations
    and in the English of the glossary terms their sources hold (what their drafts will write)."""
    segments = [[e.translation, *_glossary_english(e.source, matcher)] if e.paragraph else [] for e in catalog.entries]
    return dict(zip((e.context for e in catalog.entries), used_after(segments)))


def _glossary_english(source: str, matcher) -> list[str]:
    """The English of the glossary terms in *source* (none without a glossary)."""
    return [r.target for r in matcher.find(source)] if matcher is not None else []


def retranslate(config: Config, catalog: Catalog, entry: Entry, *, engine: Engine | None = None) -> Entry:
    """A fresh machine draft of one *entry* (for review's "retranslate"); *catalog* is not written."""
    from l10n.engines import load_engine

    engine = engine or load_engine(catalog.header.get("X-Model") or config.default_model, config)
    _, matcher = glossary_matcher(config, bulletin_date(catalog))
    index = next((i for i, e in enumerate(catalog.entries) if e.context == entry.context), 0)
    context = catalog.entries[index - 1].source if index else None
    tm = TranslationMemory.from_directory(config.catalog_path(catalog.slug).parent, exclude=catalog.slug)
    acronyms = _spelled_out_before(catalog, entry, set(), []) if config.spell_out_acronyms else None
    job = job_for(entry.source, matcher, context=context, examples=tm.similar(entry.source), acronyms=acronyms,
                  max_attempts=config.max_attempts)
    if config.spell_out_acronyms:
        job.acronyms_later = _acronyms_after(catalog, matcher)[entry.context]
    new = replace(entry, references=list(entry.references), notes=list(entry.notes))  # sign-off and previous source stay
    composed = composed_source_line(job, as_in=_title_english(catalog)) if entry.context == SOURCE_CONTEXT else None
    apply_draft(new, composed or draft_job(engine, job))
    return new


def translate_texts(texts: Sequence[str], *, engine: Engine, matcher=None, max_attempts: int = 3,
                    spell_out_acronyms: bool = False) -> Iterator[Draft]:
    """Draft ad-hoc sentences with the same constraints and repair as catalogs (``l10n translate``);
    the texts are one text, so an acronym is spelled out at its first mention only.

    A generator, so callers can print each draft as soon as it is done.
    """
    previous = None
    acronyms: set[str] | None = set() if spell_out_acronyms else None
    later = used_after([_glossary_english(text, matcher) for text in texts]) if spell_out_acronyms else None
    for i, text in enumerate(texts):
        job = job_for(text, matcher, context=previous, max_attempts=max_attempts, acronyms=acronyms)
        if later is not None:
            job.acronyms_later = later[i]
        yield draft_job(engine, job)
        previous = text
