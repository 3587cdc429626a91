"""Required renderings: what a source span must become in English.

Glossary matching (:mod:`l10n.glossary`) and name romanisation (:mod:`l10n.names`)
both produce :class:`Rendering` objects; the engines put them in their prompts,
and the QA checks in :mod:`l10n.quality` verify drafts against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rendering:
    """The source span ``source`` (at ``start:end``) must appear as ``target``.

    ``kind`` is ``"term"`` (approved glossary entry), ``"hint"`` (proposed entry,
    shown but not enforced), ``"name"`` (person), ``"place"`` or ``"ordinal"`` (十二届 → 12th). ``forbidden``
    lists renderings that must not appear. ``variants`` are other acceptable
    surface forms of ``target`` (e.g. a plural) that count as present.
    ``category`` is the glossary entry's (``title``, ``organ``, …), empty for names.
    ``first_mention`` is the target with its acronym spelled out, for the first time a
    bulletin names it (:mod:`l10n.acronyms`); it is one of the ``variants`` too.
    """

    source: str
    target: str
    kind: str = "term"
    start: int = 0
    end: int = 0
    entry_id: str | None = None
    forbidden: tuple[str, ...] = ()
    variants: tuple[str, ...] = field(default=())
    category: str = ""
    first_mention: str = ""

    @property
    def is_person(self) -> bool:
        """Whether this renders a person: a romanised name or a glossary person."""
        return self.kind == "name" or self.category == "person"

    @property
    def enforced(self) -> bool:
        """Whether a draft without ``target`` fails verification."""
        return self.kind != "hint"

    def comment(self, kind: str = "") -> str:
        """The ``#.`` catalog note for this rendering, under *kind* if given (``missing``);
        :func:`note_rendering` reads it back.

        >>> Rendering("政协", "CPPCC").comment(), Rendering("政协", "CPPCC").comment("missing")
        ('term: 政协 → CPPCC', 'missing: 政协 → CPPCC')
        """
        return f"{kind or self.kind}: {self.source} → {self.target}"


RENDERING_KINDS = ("term", "name", "place", "ordinal", "hint")
"""The kinds of rendering a draft's notes list, one note each (``kind: source → target``):
what drafting writes, and what review, check, score and a re-ingest's merge read back."""

_NOTE = re.compile(r"^(?P<kind>[\w-]+): \s*(?P<source>\S.*?)\s*(?:→|->)\s*(?P<target>\S.*?)\s*$")


def note_rendering(note: str) -> Rendering | None:
    """The rendering a ``kind: source → target`` note records (``->`` for the arrow too), else None.

    >>> note_rendering("name: 李成明 → Li Chengming")
    Rendering(source='李成明', target='Li Chengming', kind='name', start=0, end=0, entry_id=None, forbidden=(), variants=(), category='', first_mention='')
    >>> note_rendering("confidence: 0.80") is None, note_rendering("term: 政协 → ") is None
    (True, True)
    """
    m = _NOTE.match(note)
    return Rendering(m["source"], m["target"], m["kind"]) if m else None
