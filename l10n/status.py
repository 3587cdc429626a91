"""Status: how far each bulletin's review has got.

An entry's findings are computed as ``l10n check`` computes them (:func:`l10n.review.project_findings`,
cached per catalog), never read from its ``qa:`` notes, which ``msgmerge`` or a glossary change
replaces or outdates.

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", entries=[Entry("0.1", "题", "Title"), Entry("1.1", "甲", "A 甲", fuzzy=True, notes=["qa: x: y"]), Entry("1.2", "乙")])
>>> catalog_status(c).as_dict()
{'slug': 'demo', 'total': 3, 'untranslated': 1, 'draft': 1, 'approved': 1, 'findings': 1, 'reviewed': 0, 'unchanged': None, 'edit_rate': None, 'translators': {}}

Post-edit effort compares each approved entry with the machine's draft kept on record
(:attr:`l10n.catalog.Entry.machine_draft`): the share approved unchanged, and the word edit
rate of the drafts against the approved texts (TER, sacrebleu: the edits a reviewer made per
word of the approved text), for the bulletin and for each reviewer (the last ``approved-by``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, Catalog
from l10n.config import Config
from l10n.errors import CatalogError, InputError
from l10n.review import catalog_findings, open_verified, project_findings


@dataclass(frozen=True)
class BulletinStatus:
    """Entry counts of one catalog; ``findings`` = entries with QA findings (as ``l10n check`` reports them)."""

    slug: str
    total: int
    untranslated: int
    draft: int
    approved: int
    findings: int
    reviewed: int = 0
    """Approved entries with the machine's draft on record: what post-edit effort is measured on."""
    unchanged: float | None = None
    """The share of those the reviewer approved as the machine drafted them."""
    edit_rate: float | None = None
    """TER of the machine's drafts against the approved texts (0: untouched; 0.5: one edit in two words)."""
    translators: dict = None  # type: ignore[assignment]
    """The same three figures per reviewer: ``{name: {"reviewed", "unchanged", "edit_rate"}}``."""

    def __post_init__(self) -> None:
        if self.translators is None:
            object.__setattr__(self, "translators", {})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def post_edit_effort(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """``reviewed``, ``unchanged`` (share) and ``edit_rate`` (TER) of (machine draft, approved text) *pairs*.

    >>> post_edit_effort([("The CPPCC met.", "The CPPCC met."), ("A plan was made.", "A plan was adopted.")])
    {'reviewed': 2, 'unchanged': 0.5, 'edit_rate': 0.143}
    >>> post_edit_effort([])
    {'reviewed': 0, 'unchanged': None, 'edit_rate': None}
    """
    if not pairs:
        return {"reviewed": 0, "unchanged": None, "edit_rate": None}
    from sacrebleu.metrics import TER

    ter = TER().corpus_score([m for m, _ in pairs], [[a for _, a in pairs]]).score / 100
    return {"reviewed": len(pairs), "unchanged": round(sum(m == a for m, a in pairs) / len(pairs), 3), "edit_rate": round(ter, 3)}


def _effort(catalog: Catalog) -> dict[str, Any]:
    pairs: dict[str, list[tuple[str, str]]] = {}
    for entry in catalog.entries:
        if entry.state == APPROVED and entry.machine_draft:
            who = entry.approvals[-1].name if entry.approvals else ""
            pairs.setdefault(who, []).append((entry.machine_draft, entry.translation))
    every = [pair for group in pairs.values() for pair in group]
    return {**post_edit_effort(every), "translators": {who: post_edit_effort(group) for who, group in sorted(pairs.items()) if who}}


def catalog_status(catalog: Catalog, found: list[list[Any]] | None = None) -> BulletinStatus:
    """Count *catalog*'s entries per state, and those with findings: *found*, each entry's
    findings (:func:`l10n.review.project_findings`), else computed with what the notes record."""
    counts = catalog.counts()
    if found is None:
        found = catalog_findings(catalog)
    return BulletinStatus(
        slug=catalog.slug,
        total=len(catalog.entries),
        untranslated=counts[UNTRANSLATED],
        draft=counts[DRAFT],
        approved=counts[APPROVED],
        findings=sum(1 for f in found if f),
        **_effort(catalog),
    )


def catalog_slugs(config: Config) -> list[str]:
    """Slugs of every catalog in the project's ``LC_MESSAGES`` directory, sorted."""
    directory = config.catalog_path("x").parent
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.glob("*.po") if p.is_file())


def _counter(config: Config):
    """:func:`catalog_status` of a slug with the project's findings, the glossary loaded once (when needed)."""
    from l10n.required import project_glossary

    glossary = functools.cache(lambda: project_glossary(config))

    def count(slug: str) -> BulletinStatus:
        catalog = open_verified(config, slug)[1]
        return catalog_status(catalog, project_findings(config, catalog, glossary))

    return count


def status(config: Config, slugs: Iterable[str] = ()) -> list[BulletinStatus]:
    """Status of the named bulletins, or of every catalog when none is named (each verified
    against its template); the first that cannot be read stops it (:class:`CatalogError`)."""
    count = _counter(config)
    return [count(slug) for slug in list(slugs) or catalog_slugs(config)]


def survey(config: Config, slugs: Iterable[str] = ()) -> tuple[list[BulletinStatus], list[str]]:
    """:func:`status` of every bulletin that can be read, and for each one that cannot (malformed,
    unknown, not matching its template) the sentence saying which file and why: one broken
    catalog does not hide the others."""
    count = _counter(config)
    rows, broken = [], []
    for slug in list(slugs) or catalog_slugs(config):
        try:
            rows.append(count(slug))
        except (CatalogError, InputError) as error:
            broken.append(str(error))
    return rows, broken
