"""l10n's reference places: ``l10n/data/places.csv``, built by ``scripts/build_places.py``.

The PRC's province-, prefecture- and county-level divisions with their short forms,
countries and their capitals, and major rivers, lakes and mountains, each an approved glossary row
(category ``place``). The old names of renamed or merged divisions (襄樊市, 盘县, 柳州地区) are rows
too, with ``valid_to`` the day before the change. :mod:`l10n.glossary.store` lays them read-only
under every project's glossary (an old name is required with its English only up to its date,
and is a place after it: :meth:`l10n.glossary.match.Matcher.from_terms`); :mod:`l10n.names`
reads their English (:func:`english`).

>>> english()["娄烦县"], english()["六安"]
('Loufan County', "Lu'an")
"""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

from l10n.errors import L10nError

REFERENCE_PLACES = Path(__file__).resolve().parent / "data" / "places.csv"


@functools.lru_cache(maxsize=4)
def rows(path: Path = REFERENCE_PLACES) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The file's text and its rows after the header (each a tuple of fields), read once per process."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise L10nError(f"The reference places {path} cannot be read ({exc}); reinstall l10n or set [glossary] reference_places = false.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    return text, tuple(tuple(r) for r in reader)


@functools.lru_cache(maxsize=1)
def english() -> dict[str, str]:
    """Chinese → English of every reference place (娄烦县 Loufan County, 娄烦 Loufan), old names
    included whatever their date: what is a place is not a matter of the bulletin's date."""
    return {r[1]: r[2] for r in rows()[1] if len(r) > 2}
