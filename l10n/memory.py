"""Translation memory: approved translations from the project's catalogs.

Exact matches are reused as drafts; close matches (rapidfuzz) become examples
for the engine, so a bulletin's phrasing follows what translators approved before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from l10n.catalog import APPROVED, Catalog, read_catalog
from l10n.errors import CatalogError


@dataclass(frozen=True)
class Match:
    source: str
    translation: str
    similarity: float  # 0–100
    origin: str  # "<slug>:<msgctxt>"


@dataclass
class TranslationMemory:
    """Approved ``(source, translation)`` pairs, searchable exactly and fuzzily.

    >>> tm = TranslationMemory()
    >>> tm.add("会议由市委书记主持。", "The meeting was presided over by the secretary.", "a:1.1")
    >>> tm.exact("会议由市委书记主持。").translation
    'The meeting was presided over by the secretary.'
    >>> [m.origin for m in tm.similar("会议由市委副书记主持。")]
    ['a:1.1']
    """

    pairs: dict[str, Match] = field(default_factory=dict)

    def add(self, source: str, translation: str, origin: str) -> None:
        self.pairs.setdefault(source, Match(source, translation, 100.0, origin))

    def add_catalog(self, catalog: Catalog) -> None:
        for entry in catalog.entries:
            if entry.state == APPROVED:
                self.add(entry.source, entry.translation, f"{catalog.slug}:{entry.context}")

    @classmethod
    def from_directory(cls, directory: Path, *, exclude: str | None = None,
                       read: Callable[[Path], Catalog] = read_catalog) -> "TranslationMemory":
        """Load every approved entry of the ``.po`` files in *directory* (a broken file is skipped),
        each read by *read* (a batch passes one that keeps catalogs while their files are unchanged)."""
        tm = cls()
        if directory.is_dir():
            for path in sorted(directory.glob("*.po")):
                if path.stem == exclude:
                    continue
                try:
                    tm.add_catalog(read(path))
                except CatalogError:
                    continue
        return tm

    def __len__(self) -> int:
        return len(self.pairs)

    def exact(self, source: str) -> Match | None:
        return self.pairs.get(source)

    def similar(self, source: str, *, limit: int = 2, cutoff: float = 60.0) -> list[Match]:
        """Up to *limit* approved pairs whose source is at least *cutoff* % similar (exact excluded)."""
        if not self.pairs:
            return []
        from rapidfuzz import fuzz, process

        found = process.extract(source, list(self.pairs), scorer=fuzz.ratio, limit=limit + 1, score_cutoff=cutoff)
        matches = [Match(s, self.pairs[s].translation, score, self.pairs[s].origin) for s, score, _ in found if s != source]
        return matches[:limit]
