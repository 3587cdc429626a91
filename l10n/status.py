"""Status: how far each bulletin's review has got.

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", entries=[Entry("0.1", "题", "Title"), Entry("1.1", "甲", "A", fuzzy=True, notes=["qa: x: y"]), Entry("1.2", "乙")])
>>> catalog_status(c).as_dict()
{'slug': 'demo', 'total': 3, 'untranslated': 1, 'draft': 1, 'approved': 1, 'findings': 1}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, Catalog
from l10n.config import Config
from l10n.errors import CatalogError, InputError
from l10n.review import findings, open_verified


@dataclass(frozen=True)
class BulletinStatus:
    """Entry counts of one catalog; ``findings`` = entries with QA notes."""

    slug: str
    total: int
    untranslated: int
    draft: int
    approved: int
    findings: int

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def catalog_status(catalog: Catalog) -> BulletinStatus:
    """Count *catalog*'s entries per state."""
    counts = catalog.counts()
    return BulletinStatus(
        slug=catalog.slug,
        total=len(catalog.entries),
        untranslated=counts[UNTRANSLATED],
        draft=counts[DRAFT],
        approved=counts[APPROVED],
        findings=sum(1 for e in catalog.entries if findings(e)),
    )


def catalog_slugs(config: Config) -> list[str]:
    """Slugs of every catalog in the project's ``LC_MESSAGES`` directory, sorted."""
    directory = config.catalog_path("x").parent
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.glob("*.po") if p.is_file())


def status(config: Config, slugs: Iterable[str] = ()) -> list[BulletinStatus]:
    """Status of the named bulletins, or of every catalog when none is named (each verified
    against its template); the first that cannot be read stops it (:class:`CatalogError`)."""
    chosen = list(slugs) or catalog_slugs(config)
    return [catalog_status(open_verified(config, slug)[1]) for slug in chosen]


def survey(config: Config, slugs: Iterable[str] = ()) -> tuple[list[BulletinStatus], list[str]]:
    """:func:`status` of every bulletin that can be read, and for each one that cannot (malformed,
    unknown, not matching its template) the sentence saying which file and why: one broken
    catalog does not hide the others."""
    rows, broken = [], []
    for slug in list(slugs) or catalog_slugs(config):
        try:
            rows.append(catalog_status(open_verified(config, slug)[1]))
        except (CatalogError, InputError) as error:
            broken.append(str(error))
    return rows, broken
