"""Status: how far each bulletin's review has got.

An entry's findings are computed as ``l10n check`` computes them (:func:`l10n.review.project_findings`,
cached per catalog), never read from its ``qa:`` notes, which ``msgmerge`` or a glossary change
replaces or outdates.

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", entries=[Entry("0.1", "题", "Title"), Entry("1.1", "甲", "A 甲", fuzzy=True, notes=["qa: x: y"]), Entry("1.2", "乙")])
>>> catalog_status(c).as_dict()  # doctest: +NORMALIZE_WHITESPACE
{'slug': 'demo', 'total': 3, 'untranslated': 1, 'draft': 1, 'approved': 1, 'findings': 1, 'reviewed': 0, 'unchanged': None,
 'edit_rate': None, 'translators': {}, 'resolved': {}, 'date': '', 'title': 'Title', 'title_zh': '', 'approved_by': [], 'last_change': ''}

As the desk's dashboard each bulletin also has its date (``X-Bulletin-Date``), its headline in
English once every title entry is approved (``title``; ``title_zh`` is the Chinese one), who
approved its entries (``approved_by``: each approved entry's last approver, most entries first)
and its last change (:func:`last_change`). A bulletin ingested but not drafted yet (a template
without a catalog) has a row too, every entry untranslated.

Post-edit effort compares each approved entry with the machine's draft kept on record
(:mod:`l10n.quality.effort`): the share approved unchanged, the word edit rate of the drafts
against the approved texts (TER), and the QA findings reviewers resolved, for the bulletin and
(the first two) for each reviewer (the last ``approved-by``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import datetime as dt

from l10n.catalog import APPROVED, DRAFT, SOURCE_CONTEXT, UNTRANSLATED, Catalog, merge_template, read_catalog, stamp_time
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
    resolved: dict = None  # type: ignore[assignment]
    """For each QA check, the reviewed entries whose machine draft had it and whose approved text has it no more."""
    date: str = ""
    """The bulletin's date, ``YYYY-MM-DD`` ("" when unknown)."""
    title: str = ""
    """The English headline, once every title entry is approved; else ""."""
    title_zh: str = ""
    approved_by: list = None  # type: ignore[assignment]
    """Who approved the entries: each approved entry's last approver, most entries first."""
    last_change: str = ""
    """:func:`last_change`: ``YYYY-MM-DD HH:MM`` (UTC) or ``YYYY-MM-DD`` (a day of approval); "" when unknown."""

    def __post_init__(self) -> None:
        if self.translators is None:
            object.__setattr__(self, "translators", {})
        if self.resolved is None:
            object.__setattr__(self, "resolved", {})
        if self.approved_by is None:
            object.__setattr__(self, "approved_by", [])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def catalog_status(catalog: Catalog, found: list[list[Any]] | None = None, glossary: Any = None) -> BulletinStatus:
    """Count *catalog*'s entries per state, and those with findings: *found*, each entry's
    findings (:func:`l10n.review.project_findings`), else computed with what the notes record;
    post-edit effort (:func:`l10n.quality.effort.catalog_effort`) with what each entry requires
    under *glossary* on the bulletin's date (None: what its notes record)."""
    from l10n.quality.effort import catalog_effort, reviewed_entries
    from l10n.required import bulletin_date, entry_requirements

    counts = catalog.counts()
    if found is None:
        found = catalog_findings(catalog)
    date = bulletin_date(catalog)
    return BulletinStatus(
        slug=catalog.slug,
        total=len(catalog.entries),
        untranslated=counts[UNTRANSLATED],
        draft=counts[DRAFT],
        approved=counts[APPROVED],
        findings=sum(1 for f in found if f),
        **catalog_effort(reviewed_entries(catalog), lambda entry: entry_requirements(entry, glossary, date)),
        date=catalog.header.get("X-Bulletin-Date", "").strip(),
        title=english_title(catalog),
        title_zh=catalog.header.get("X-Bulletin-Title", "").strip(),
        approved_by=approved_by(catalog),
        last_change=last_change(catalog),
    )


def english_title(catalog: Catalog) -> str:
    """The headline as export writes it (the title entries: paragraph 0 but the Source line), once
    every one of them is approved; else "".

    >>> from l10n.catalog import Entry
    >>> english_title(Catalog("s", {}, [Entry("0.0", "办公室", "Office"), Entry("0.1", "甲", "CPPCC meets")]))
    'CPPCC meets'
    >>> english_title(Catalog("s", {}, [Entry("0.1", "甲", "CPPCC meets", fuzzy=True)]))
    ''
    """
    entries = [e for e in catalog.entries if e.context.partition(".")[0] == "0" and e.context != SOURCE_CONTEXT]  # in catalog order
    if not entries or any(e.state != APPROVED for e in entries):
        return ""
    return " ".join(e.translation.strip() for e in entries)


def approved_by(catalog: Catalog) -> list[str]:
    """Each approved entry's last approver, the one who approved most entries first (then by name).

    >>> from l10n.catalog import Entry
    >>> approved_by(Catalog("s", {}, [Entry("1.1", "甲", "A", comment="approved-by: Wei"),
    ...     Entry("1.2", "乙", "B", comment="approved-by: Wei\\napproved-by: Jing"), Entry("1.3", "丙", "C", comment="approved-by: Jing")]))
    ['Jing', 'Wei']
    """
    from collections import Counter

    from l10n.quality.effort import reviewer

    last = Counter(reviewer(e) for e in catalog.entries if e.state == APPROVED and e.approvals)
    return sorted(last, key=lambda name: (-last[name], name))


_STAMP_HEADERS = ("PO-Revision-Date", "POT-Creation-Date")


def last_change(catalog: Catalog) -> str:
    """When the bulletin last changed, as far as its catalog records: the latest of its
    ``PO-Revision-Date`` (set by every draft and review, and by Poedit or Weblate), its
    ``POT-Creation-Date`` (the page changed and was ingested again) and the newest day an entry
    was approved. Read from the file's content, not its modification time, which a copy or a
    ``git clone`` resets. ``YYYY-MM-DD HH:MM`` in UTC, a day of approval ``YYYY-MM-DD``; "" when
    none is recorded.

    >>> from l10n.catalog import Entry
    >>> last_change(Catalog("s", {"PO-Revision-Date": "2026-12-01 17:30+0800"}, [Entry("1.1", "甲", "A", comment="approved-by: Wei 2026-11-30")]))
    '2026-12-01 09:30'
    >>> last_change(Catalog("s", {"PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE"}, [Entry("1.1", "甲", "A", comment="approved-by: Wei 2026-12-02")]))
    '2026-12-02'
    """
    found = [_utc(catalog.header.get(name, "")) for name in _STAMP_HEADERS]
    found += [a.date for e in catalog.entries if e.state == APPROVED for a in e.approvals if a.date]
    return max((f for f in found if f), default="")


def _utc(stamp: str) -> str:
    """A PO header time (``2026-12-01 17:30+0800``) as ``YYYY-MM-DD HH:MM`` in UTC; "" for another text."""
    when = stamp_time(stamp)
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if when else ""


def bulletin_slugs(config: Config) -> list[str]:
    """Slugs of every bulletin of the project: those with a catalog, and those ingested (a template)
    and not drafted yet; sorted."""
    return sorted({*config.template_slugs(), *config.catalog_slugs()})


def _counter(config: Config):
    """:func:`catalog_status` of a slug with the project's findings, the glossary loaded once (when needed)."""
    from l10n.required import project_glossary

    glossary = functools.cache(lambda: project_glossary(config))

    def count(slug: str) -> BulletinStatus:
        template = config.template_path(slug)
        if not config.catalog_path(slug).exists() and template.is_file():  # ingested, not drafted yet: all untranslated
            pot = read_catalog(template)
            catalog = merge_template(pot, None, language=config.target_language)[0]
            catalog.header["PO-Revision-Date"] = pot.header.get("PO-Revision-Date", "")  # never revised: changed when ingested
            return catalog_status(catalog, [[] for _ in catalog.entries])
        catalog = open_verified(config, slug)[1]
        return catalog_status(catalog, project_findings(config, catalog, glossary), glossary())

    return count


def status(config: Config, slugs: Iterable[str] = ()) -> list[BulletinStatus]:
    """Status of the named bulletins, or of every catalog when none is named (each verified
    against its template); the first that cannot be read stops it (:class:`CatalogError`)."""
    count = _counter(config)
    return [count(slug) for slug in list(slugs) or bulletin_slugs(config)]


def survey(config: Config, slugs: Iterable[str] = ()) -> tuple[list[BulletinStatus], list[str]]:
    """:func:`status` of every bulletin that can be read, and for each one that cannot (malformed,
    unknown, not matching its template) the sentence saying which file and why: one broken
    catalog does not hide the others."""
    count = _counter(config)
    rows, broken = [], []
    for slug in list(slugs) or bulletin_slugs(config):
        try:
            rows.append(count(slug))
        except (CatalogError, InputError) as error:
            broken.append(str(error))
    return rows, broken


SORTS = ("date", "slug", "total", "untranslated", "draft", "approved", "findings", "last-change")
"""The columns the dashboard sorts by (:func:`sort_rows`)."""


def sort_rows(rows: Iterable[BulletinStatus], by: str = "date") -> list[BulletinStatus]:
    """*rows* in the dashboard's order *by* one of :data:`SORTS`: date oldest first (undated
    last), slug alphabetically, a count biggest first, the last change newest first; ties by
    date, then slug.

    >>> rows = [BulletinStatus("b", 3, 3, 0, 0, 0, date="2026-12-09"), BulletinStatus("a", 2, 0, 0, 2, 1, date="2026-12-08"),
    ...         BulletinStatus("c", 1, 1, 0, 0, 0)]
    >>> [r.slug for r in sort_rows(rows)], [r.slug for r in sort_rows(rows, "untranslated")], [r.slug for r in sort_rows(rows, "slug")]
    (['a', 'b', 'c'], ['b', 'c', 'a'], ['a', 'b', 'c'])
    """
    if by not in SORTS:
        raise ValueError(f"sort by one of {SORTS}, not {by!r}")
    ordered = sorted(rows, key=lambda r: (not r.date, r.date, r.slug))
    if by == "date":
        return ordered
    if by == "slug":
        return sorted(ordered, key=lambda r: r.slug)
    if by == "last-change":
        return sorted(ordered, key=lambda r: r.last_change, reverse=True)  # stable: ties keep date order
    return sorted(ordered, key=lambda r: getattr(r, by), reverse=True)


def since(rows: Iterable[BulletinStatus], day: dt.date) -> list[BulletinStatus]:
    """The *rows* of bulletins dated *day* or later (a bulletin without a date is left out).

    >>> [r.slug for r in since([BulletinStatus("a", 1, 1, 0, 0, 0, date="2026-12-08"), BulletinStatus("b", 1, 1, 0, 0, 0)], dt.date(2026, 12, 8))]
    ['a']
    """
    return [r for r in rows if r.date and r.date >= day.isoformat()]
