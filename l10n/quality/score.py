"""Corpus metrics: sacrebleu BLEU, chrF and TER, paired bootstrap, term accuracy, QE.

Scores equal the ``sacrebleu`` command's on the same files (same defaults,
same signature). sacrebleu is imported inside the functions that use it.

>>> acc = term_accuracy(["the CPPCC met", "the committee met"],
...                     [[Rendering("政协", "CPPCC")], [Rendering("政协", "CPPCC"), Rendering("委员会", "committee")]])
>>> acc.found, acc.total, round(acc.value, 3)
(2, 3, 0.667)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from l10n.catalog import Catalog, read_catalog
from l10n.errors import InputError
from l10n.quality.qa import rendering_present
from l10n.terms import Rendering

__all__ = [
    "Comparison",
    "MetricScore",
    "QualityEstimate",
    "ScoreReport",
    "System",
    "TermAccuracy",
    "corpus_scores",
    "load_systems",
    "paired_baselines",
    "paired_bootstrap",
    "quality_estimate",
    "read_lines",
    "read_references",
    "score",
    "score_files",
    "system_requirements",
    "term_accuracy",
]

METRIC_NAMES = ("BLEU", "chrF2", "TER")


@dataclass(frozen=True)
class MetricScore:
    """A corpus score with sacrebleu's signature (``nrefs:1|case:mixed|…``)."""

    name: str
    score: float
    signature: str
    verbose: str = ""


@dataclass(frozen=True)
class Comparison:
    """A system against a baseline on one metric (paired bootstrap resampling)."""

    name: str
    score: float
    baseline: float
    p_value: float | None
    mean: float | None
    ci: float | None
    signature: str

    @property
    def delta(self) -> float:
        return self.score - self.baseline


@dataclass(frozen=True)
class TermAccuracy:
    """How many required renderings of approved terms the hypotheses contain."""

    found: int
    total: int
    missing: tuple[tuple[int, Rendering], ...] = ()

    @property
    def value(self) -> float | None:
        """found / total, or None when there was no term to find."""
        return self.found / self.total if self.total else None


@dataclass(frozen=True)
class QualityEstimate:
    """Reference-free confidence (exp of mean token log-prob) of a catalog's drafts."""

    name: str
    entries: tuple[tuple[str, float], ...]  # (msgctxt, confidence), lowest first
    without: int = 0  # translated entries that carry no confidence note

    @property
    def mean(self) -> float | None:
        return sum(v for _, v in self.entries) / len(self.entries) if self.entries else None


@dataclass
class ScoreReport:
    """Everything ``l10n score`` reports for one system (a file, a catalog or a total)."""

    name: str
    segments: int
    metrics: list[MetricScore] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    terms: TermAccuracy | None = None
    qe: QualityEstimate | None = None
    effort: dict[str, Any] | None = None
    """Post-edit effort of the approved entries (:func:`l10n.quality.effort.catalog_effort`)."""

    def metric(self, name: str) -> MetricScore | None:
        return next((m for m in self.metrics if m.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "segments": self.segments}
        out["metrics"] = [{"name": m.name, "score": m.score, "signature": m.signature, "verbose": m.verbose} for m in self.metrics]
        if self.comparisons:
            out["baseline"] = [
                {"name": c.name, "score": c.score, "baseline": c.baseline, "delta": c.delta, "p_value": c.p_value,
                 "mean": c.mean, "ci": c.ci, "signature": c.signature}
                for c in self.comparisons
            ]
        if self.terms is not None:
            out["term_accuracy"] = {"value": self.terms.value, "found": self.terms.found, "total": self.terms.total,
                                    "missing": [{"segment": i + 1, "zh": r.source, "en": r.target} for i, r in self.terms.missing]}
        if self.qe is not None:
            out["confidence"] = {"mean": self.qe.mean, "without": self.qe.without,
                                 "entries": [{"context": c, "confidence": v} for c, v in self.qe.entries]}
        if self.effort is not None:
            out["effort"] = self.effort
        return out


# -------------------------------------------------------------- metrics


def _metrics() -> list:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return [BLEU(), CHRF(), TER()]


def corpus_scores(hyps: Sequence[str], refs: Sequence[str]) -> list[MetricScore]:
    """BLEU, chrF and TER of *hyps* against one reference per segment.

    >>> [(m.name, round(m.score, 1)) for m in corpus_scores(["the cat sat on the mat"], ["the cat sat on the mat"])]
    [('BLEU', 100.0), ('chrF2', 100.0), ('TER', 0.0)]
    """
    _check_lengths(hyps, refs)
    out = []
    for metric in _metrics():
        result = metric.corpus_score(list(hyps), [list(refs)])
        verbose = getattr(result, "_verbose", "") or ""
        out.append(MetricScore(result.name, float(result.score), metric.get_signature().format(), verbose))
    return out


def paired_bootstrap(hyps: Sequence[str], baseline: Sequence[str], refs: Sequence[str], *, n_samples: int = 1000) -> list[Comparison]:
    """sacrebleu's paired bootstrap resampling test of *hyps* against *baseline*.

    The p-value is the probability that the difference is due to chance
    (as ``sacrebleu REF -i BASELINE HYP --paired-bs``; seed from
    ``SACREBLEU_SEED``, default 12345).
    """
    from sacrebleu.significance import PairedTest

    _check_lengths(hyps, refs)
    _check_lengths(baseline, refs, what="The baseline")
    metrics = {m.__class__.__name__: m for m in _metrics()}
    test = PairedTest([("baseline", list(baseline)), ("system", list(hyps))], metrics, [list(refs)],
                      test_type="bs", n_samples=n_samples)
    signatures, results = test()
    out = []
    for name, (base, system) in ((k, v) for k, v in results.items() if k != "System"):
        out.append(Comparison(name, float(system.score), float(base.score), _opt_float(system.p_value),
                              _opt_float(system.mean), _opt_float(system.ci), signatures[name].format()))
    return out


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)  # numpy scalars are not JSON-serialisable


def term_accuracy(hyps: Sequence[str], renderings_per_sentence: Sequence[Sequence[Rendering]],
                  kinds: Sequence[str] = ("term",)) -> TermAccuracy:
    """Share of the renderings of *kinds* (approved glossary terms) whose English appears in
    the hypothesis: the one term-accuracy formula of the gate, ``l10n score`` and the benchmark.

    *renderings_per_sentence* are what each source requires (:func:`l10n.required.requirements_on`);
    names, places, ordinals and hints in them are not counted unless *kinds* names them.
    A rendering found twice in one source sentence counts once.
    """
    if len(hyps) != len(renderings_per_sentence):
        raise ValueError(f"{len(hyps)} hypotheses but renderings for {len(renderings_per_sentence)} sentences")
    found = total = 0
    missing = []
    for index, (hyp, renderings) in enumerate(zip(hyps, renderings_per_sentence)):
        seen = set()
        for r in renderings:
            if not r.enforced or r.kind not in kinds or (r.source, r.target) in seen:
                continue
            seen.add((r.source, r.target))
            total += 1
            if rendering_present(r, hyp):
                found += 1
            else:
                missing.append((index, r))
    return TermAccuracy(found, total, tuple(missing))


def quality_estimate(catalog: Catalog) -> QualityEstimate:
    """Per-entry and mean ``confidence:`` notes of a catalog's translated entries, lowest first."""
    values, without = [], 0
    for entry in catalog.entries:
        if not entry.translation:
            continue
        value = entry.confidence
        if value is None:
            without += 1
        else:
            values.append((entry.context, value))
    values.sort(key=lambda cv: cv[1])
    return QualityEstimate(catalog.slug, tuple(values), without)


def _check_lengths(hyps: Sequence[str], refs: Sequence[str], what: str = "The hypothesis") -> None:
    if len(hyps) != len(refs):
        raise InputError(f"{what} has {len(hyps)} segments but the reference has {len(refs)} lines; they must match one to one.")
    if not hyps:
        raise InputError("There are no segments to score.")


# --------------------------------------------------------------- inputs


@dataclass
class System:
    """Hypotheses to score: from a text file, or a catalog (msgstr in order, msgid as source)."""

    name: str
    path: Path
    hyps: list[str]
    sources: list[str] | None = None
    catalog: Catalog | None = None


def read_lines(path: str | Path) -> list[str]:
    """One segment per line, read exactly as the sacrebleu command reads files."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.")
    try:
        with open(path, encoding="utf-8", newline="\n") as handle:
            return [line.rstrip() for line in handle]
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; convert it to UTF-8.") from None


def load_systems(path: str | Path) -> list[System]:
    """A text file, a ``.po`` catalog, or every ``.po`` in a directory (sorted)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.po"))
        if not files:
            raise InputError(f"{path} holds no .po catalogs.")
        return [_catalog_system(f) for f in files]
    if path.suffix in (".po", ".pot"):
        return [_catalog_system(path)]
    return [System(path.stem, path, read_lines(path))]


def _catalog_system(path: Path) -> System:
    catalog = read_catalog(path)
    return System(catalog.slug, path, [e.translation for e in catalog.entries], [e.source for e in catalog.entries], catalog)


def read_references(ref: str | Path, systems: Sequence[System]) -> list[list[str]]:
    """References for each system: REF itself for one system, or ``REF/<name>.en.txt`` per system."""
    ref = Path(ref)
    if ref.is_dir():
        out = []
        for system in systems:
            candidate = ref / f"{system.name}.en.txt"
            if not candidate.is_file():
                raise InputError(f"No reference {candidate} for {system.path}; references are <slug>.en.txt, one line per entry.")
            out.append(read_lines(candidate))
        return out
    if len(systems) != 1:
        raise InputError(f"{ref} is a file but there are {len(systems)} catalogs; pass a directory of <slug>.en.txt references.")
    return [read_lines(ref)]


def score(
    hyps: Sequence[str],
    refs: Sequence[str] | None,
    *,
    name: str = "",
    baseline: Sequence[str] | None = None,
    renderings: Sequence[Sequence[Rendering]] | None = None,
    catalog: Catalog | None = None,
    n_bootstrap: int = 1000,
) -> ScoreReport:
    """The full report for one system: metrics (with *refs*), baseline test, term accuracy, QE (for a catalog)."""
    report = ScoreReport(name, len(hyps))
    if refs is not None:
        report.metrics = corpus_scores(hyps, refs)
        if baseline is not None:
            report.comparisons = paired_bootstrap(hyps, baseline, refs, n_samples=n_bootstrap)
    elif baseline is not None:
        raise InputError("A baseline needs a reference to compare against.")
    if renderings is not None:
        report.terms = term_accuracy(hyps, renderings)
    if catalog is not None:
        report.qe = quality_estimate(catalog)
    return report


def total_of(reports: Iterable[ScoreReport], systems: Sequence[System], refs: Sequence[Sequence[str]] | None,
             renderings: Sequence[Sequence[Sequence[Rendering]]] | None = None,
             baselines: Sequence[Sequence[str]] | None = None, n_bootstrap: int = 1000) -> ScoreReport:
    """Scores of all systems' segments together (corpus level, not an average of scores)."""
    reports = list(reports)
    hyps = [h for s in systems for h in s.hyps]
    report = ScoreReport("total", len(hyps))
    if refs is not None:
        all_refs = [r for rs in refs for r in rs]
        report.metrics = corpus_scores(hyps, all_refs)
        if baselines is not None:
            report.comparisons = paired_bootstrap(hyps, [b for bs in baselines for b in bs], all_refs, n_samples=n_bootstrap)
    terms = [r.terms for r in reports if r.terms is not None]
    if terms:
        report.terms = TermAccuracy(sum(t.found for t in terms), sum(t.total for t in terms))
    qes = [r.qe for r in reports if r.qe is not None]
    if qes:
        entries = sorted(((f"{q.name}:{c}", v) for q in qes for c, v in q.entries), key=lambda cv: cv[1])
        report.qe = QualityEstimate("total", tuple(entries), sum(q.without for q in qes))
    return report


def paired_baselines(systems: Sequence[System], baseline: str | Path) -> list[list[str]]:
    """The baseline's hypotheses for each of *systems*: the one baseline for one system, else
    the baseline catalog of the same name for each."""
    by_name = {s.name: s for s in load_systems(baseline)}
    if len(systems) == 1 and len(by_name) == 1:
        return [next(iter(by_name.values())).hyps]
    missing = [s.name for s in systems if s.name not in by_name]
    if missing:
        raise InputError(f"The baseline {baseline} has no catalog for {', '.join(missing)}.")
    return [by_name[s.name].hyps for s in systems]


def system_requirements(system: System, glossary: Any, date: dt.date | None = None,
                        sources: Sequence[str] | None = None) -> list[list[Rendering]] | None:
    """What each segment of *system* requires (:func:`l10n.required.requirements_on`), with
    *glossary* on *date*; without *date*, a catalog's bulletin date (none: any day, as
    drafting), else today. *sources* are a text system's Chinese (``--src``). None without a
    glossary or sources.
    """
    from l10n.required import bulletin_date, requirements_on

    sources = system.sources if sources is None else sources
    if glossary is None or sources is None:
        return None
    if len(sources) != len(system.hyps):
        raise InputError(f"The sources have {len(sources)} lines but {system.path} has {len(system.hyps)} segments.")
    if date is None:
        date = bulletin_date(system.catalog) if system.catalog is not None else dt.date.today()
    return [requirements_on(source, glossary, date) for source in sources]


def score_files(
    hyp: str | Path,
    ref: str | Path | None = None,
    *,
    baseline: str | Path | None = None,
    src: str | Path | None = None,
    glossary: Any = None,
    date: dt.date | None = None,
    qe: bool = False,
    effort: bool = False,
    n_bootstrap: int = 1000,
) -> list[ScoreReport]:
    """``l10n score``: the report of each system in *hyp* (a text file, a catalog or a
    directory of them), then their total when there are several.

    *ref* is a text file, or a directory of ``<slug>.en.txt`` for catalogs; *baseline* adds a
    paired bootstrap test; term accuracy needs *glossary* (and *src* for a text *hyp*);
    *qe* reports the drafts' confidence notes; *effort* how much reviewers changed the machine's
    drafts (:mod:`l10n.quality.effort`, catalogs only).
    """
    if ref is None and not (qe or effort):
        raise InputError("Give a reference (REF), or --qe for the reference-free estimate, or --effort for reviewers' post-edit effort.")
    systems = load_systems(hyp)
    if effort and any(s.catalog is None for s in systems):
        raise InputError(f"--effort reads the machine's drafts kept in catalogs; {hyp} is a text file, not a .po catalog.")
    refs = read_references(ref, systems) if ref is not None else None
    baselines = None
    if baseline is not None:
        if refs is None:
            raise InputError("--baseline needs a reference to compare against.")
        baselines = paired_baselines(systems, baseline)
    if src is not None and (len(systems) != 1 or systems[0].sources is not None):
        raise InputError("--src is for a text HYP; catalogs carry their sources.")
    sources = read_lines(src) if src is not None else None
    if glossary is not None and sources is not None and len(sources) != len(systems[0].hyps):
        raise InputError(f"{src} has {len(sources)} lines but {systems[0].path} has {len(systems[0].hyps)} segments.")
    reports = []
    for i, system in enumerate(systems):
        renderings = system_requirements(system, glossary, date, sources)
        reports.append(score(system.hyps, refs[i] if refs else None, name=system.name,
                             baseline=baselines[i] if baselines else None, renderings=renderings,
                             catalog=system.catalog if qe else None, n_bootstrap=n_bootstrap))
    if len(reports) > 1:
        reports.append(total_of(reports, systems, refs, baselines=baselines, n_bootstrap=n_bootstrap))
    if effort:
        _add_effort(reports, systems, glossary, date)
    return reports


def _add_effort(reports: list[ScoreReport], systems: Sequence[System], glossary: Any, date: dt.date | None) -> None:
    """Each catalog's post-edit effort on its report, and all catalogs' entries together on the
    total's (corpus TER over every pair, not an average of catalogs)."""
    from l10n.quality.effort import catalog_effort, reviewed_entries
    from l10n.required import bulletin_date, entry_requirements

    everything = []
    for report, system in zip(reports, systems):
        on = date or bulletin_date(system.catalog)
        entries = reviewed_entries(system.catalog)
        report.effort = catalog_effort(entries, lambda entry, on=on: entry_requirements(entry, glossary, on))
        everything.extend((entry, on) for entry in entries)
    if len(reports) > len(systems):
        dates = {id(entry): on for entry, on in everything}
        reports[-1].effort = catalog_effort([e for e, _ in everything], lambda entry: entry_requirements(entry, glossary, dates[id(entry)]))
