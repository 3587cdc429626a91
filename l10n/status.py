"""Status: how far each bulletin's review has got.

An entry's findings are computed as ``l10n check`` computes them (:func:`l10n.review.project_findings`,
cached per catalog), never read from its ``qa:`` notes, which ``msgmerge`` or a glossary change
replaces or outdates.

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", entries=[Entry("0.1", "题", "Title"), Entry("1.1", "甲", "A 甲", fuzzy=True, notes=["qa: x: y"]), Entry("1.2", "乙")])
>>> catalog_status(c).as_dict()
{'slug': 'demo', 'total': 3, 'untranslated': 1, 'draft': 1, 'approved': 1, 'findings': 1}
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

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


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
