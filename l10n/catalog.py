"""Catalogs: the pipeline's segments and drafts as gettext PO/POT files.

This is the only module that imports :mod:`polib`. The rest of l10n works on
:class:`Catalog` and :class:`Entry`; this module converts them to and from
files. Conventions (DESIGN.md, "Catalogs"):

* one entry per sentence segment, ``msgctxt`` = ``<paragraph>.<sentence>``
  (paragraph 0 is the title), and one for the Source line, ``0.0`` (:data:`SOURCE_CONTEXT`);
* ``#:`` reference = source file and line;
* ``#.`` extracted comments are the machine's ``key: value`` notes
  (``term: 政协 → CPPCC``, ``name: 李成明 → Li Chengming``, ``qa: …``,
  ``confidence: 0.82``), which ``msgmerge`` regenerates from the template;
* ``#`` translator comments hold what a person decided, which gettext tools keep:
  any free text they wrote and one ``approved-by: NAME YYYY-MM-DD`` line per
  approver (``#. approved-by: NAME`` notes of older catalogs are read as such);
* machine drafts carry ``fuzzy`` until a person approves them; a segment the
  bulletin changed keeps its old translation ``fuzzy`` with the previous source
  (``#|``), its sign-off kept as ``previously-approved-by:`` lines (an approval of the
  old text, not of the new one), and a removed one stays as an obsolete entry (``#~``);
* the file is UTF-8 (a ``Content-Type`` naming another charset is refused) and its lines
  end at ``\n`` only, as gettext reads them: a msgstr may hold U+2028 or U+0085.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from l10n import __version__
from l10n.atomic import atomic_write_bytes, atomic_write_text, held_lock
from l10n.errors import CatalogBusyError, CatalogError
from l10n.terms import RENDERING_KINDS, note_rendering

UNTRANSLATED, DRAFT, APPROVED = "untranslated", "draft", "approved"

APPROVED_BY = "approved-by: "
_APPROVAL = re.compile(r"approved-by: (?P<name>.+?)(?: (?P<date>\d{4}-\d{2}-\d{2}))?\s*")
PREVIOUSLY = "previously-"
"""What a sign-off line carried to a changed source starts with (``previously-approved-by: Jing 2026-12-01``)."""
_SIGN_OFF = re.compile(r"^(?=approved-(?:by|despite):)", re.M)
_SIGN_OFF_AND_DRAFT = re.compile(r"^(?=approved-(?:by|despite):|machine-draft:)", re.M)
MACHINE_DRAFT = "machine-draft: "
"""The translator comment line recording the machine's own draft of an entry, which stays
after a person approves or edits it (msgmerge, Poedit and Weblate keep translator comments,
not ``#.`` notes): what ``glossary learn`` and post-edit effort compare the approved text with."""

NOTE_KEYS: dict[str, str] = {
    **{kind: "a rendering the segment requires (``kind: 政协 → CPPCC``): drafting writes it from the requirements; "
             "review, check, score and a re-ingest's merge read it back where no glossary is configured" for kind in RENDERING_KINDS},
    "missing": "an enforced rendering the draft lacks (``missing: 政协 → CPPCC``): drafting; review shows it",
    "qa": "a QA finding on the draft when drafted (``qa: check: message``): drafting; a record, never what status or check count",
    "repair": "what a repair changed (``repair: replaced X → Y``): drafting; review shows it",
    "confidence": "drafting's confidence in the draft, 0–1 (``confidence: 0.82``): drafting; review, accept-clean and score --qe read it",
    "drafted": "how the draft was made when no model wrote it (``drafted: composed from the glossary``): drafting",
    "tm": "an exact translation-memory match used as the draft (``tm: exact (origin)``): drafting; review shows it",
    "tm-example": "a fuzzy memory match shown to the model (``tm-example: 92% 源 → English``): drafting; review's 1–9 keys",
    "attempts": "how many requests the draft took (``attempts: 2``): drafting; review shows it",
    "dedupe": "the entry repeats an earlier segment and took its draft (``dedupe: same source as 1.2``): drafting",
    "previous-translation": "the translation a changed segment had, kept visible (``previous-translation: …``): drafting and merge; review shows it",
}
"""Every ``#.`` note key, what it records, who writes it and who reads it: the one table of them.
:meth:`Entry.notes_for`, :meth:`Entry.set_notes` and :func:`note` refuse a key that is not here, so
a writer and its readers cannot drift apart. (What a person decided is a translator comment, not a
note: ``approved-by:``, :data:`MACHINE_DRAFT`.)"""


def note(key: str, value: str) -> str:
    """The ``#.`` note ``key: value``, for a key of :data:`NOTE_KEYS`.

    >>> note("confidence", "0.82")
    'confidence: 0.82'
    >>> note("confidance", "0.82")
    Traceback (most recent call last):
    KeyError: "no note key 'confidance' in l10n.catalog.NOTE_KEYS"
    """
    return f"{_known(key)}: {value}"


def _known(key: str) -> str:
    if key not in NOTE_KEYS:
        raise KeyError(f"no note key {key!r} in l10n.catalog.NOTE_KEYS")
    return key


SEGMENT_CONTEXT = re.compile(r"[0-9]+\.[0-9]+")
"""A segment's msgctxt: ``<paragraph>.<sentence>`` (paragraph 0 is the title)."""

SOURCE_CONTEXT = "0.0"
"""The msgctxt of the bulletin's Source line (the issuing office, ``Source: …`` under the date).

It is header matter like the title, so it sits in paragraph 0, and sentences are numbered from
1, so no title or body segment ever has sentence 0: it cannot collide with one, and it does not
move when the bulletin gains or loses a paragraph (a number after the last paragraph would, and
a re-ingest would then carry its translation over as a fuzzy suggestion). It matches
:data:`SEGMENT_CONTEXT`, so the gate and every gettext tool treat it as any entry."""

BULLETIN_HEADERS = ("X-Bulletin-Title", "X-Bulletin-Date", "X-Bulletin-Source", "X-Bulletin-File", "X-Bulletin-SHA256", "X-Bulletin-URL")
"""The header fields ingest writes into a template: the bulletin's metadata. Tools that rewrite a
catalog may drop them (``pybabel update`` does); the template still has them."""


@dataclass(frozen=True)
class Approval:
    """One person's sign-off of an entry: who, and on which day (ISO date, "" if unknown)."""

    name: str
    date: str = ""

    def line(self) -> str:
        return f"{APPROVED_BY}{self.name} {self.date}".rstrip()


@dataclass
class Entry:
    """One segment: its place, the Chinese, the English and the notes about it."""

    context: str
    source: str
    translation: str = ""
    fuzzy: bool = False
    references: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comment: str = ""  # the translator comment: a person's free text and approved-by lines
    previous_context: str = ""  # where a changed segment's kept translation came from (``#|``)
    previous_source: str = ""
    #: The line the entry starts on in the file it was read from (0: not read from a file); what
    #: reports point at. Not part of the entry's content: equal entries may stand on other lines.
    line: int = field(default=0, compare=False)

    @property
    def approvals(self) -> list[Approval]:
        """Who approved this entry, oldest first, from its translator comment; none for an old
        translation carried to a changed source (fuzzy, with a previous source ``#|``), whose
        sign-off is of the previous text (``msgmerge`` carries the lines as they are).

        >>> Entry("1.1", "x", "X", comment="Ask Wei.\\napproved-by: Jing 2026-12-01").approvals
        [Approval(name='Jing', date='2026-12-01')]
        >>> Entry("1.1", "x,", "X", fuzzy=True, comment="approved-by: Jing", previous_source="x").approvals
        []
        """
        if self.carried_over:
            return []
        found = (_APPROVAL.fullmatch(line) for line in self.comment.split("\n"))
        return [Approval(m.group("name"), m.group("date") or "") for m in found if m]

    def add_approval(self, name: str, date: str) -> None:
        """Record *name*'s approval on *date*; a second approval by the same person updates the date.

        >>> e = Entry("1.1", "x", "X", comment="Ask Wei.")
        >>> e.add_approval("Jing", "2026-12-01"); e.add_approval("Jing", "2026-12-02"); e.comment
        'Ask Wei.\\napproved-by: Jing 2026-12-02'
        """
        name = " ".join(name.split())  # one line per approval, whatever the name holds
        lines = self.comment.split("\n") if self.comment else []
        line = Approval(name, date).line()
        for i, old in enumerate(lines):
            m = _APPROVAL.fullmatch(old)
            if m and m.group("name") == name:
                lines[i] = line
                break
        else:
            lines.append(line)
        self.comment = "\n".join(lines)

    @property
    def machine_draft(self) -> str:
        """The machine's own draft of this entry, kept on record by drafting (:data:`MACHINE_DRAFT`),
        or ``""``. A re-ingest that changes the source turns the old one into a
        ``previously-machine-draft:`` line (:func:`carried_sign_off`); a redraft writes a new one.

        >>> Entry("1.1", "x", "Y", comment="machine-draft: X\\napproved-by: Jing 2026-12-01").machine_draft
        'X'
        """
        return next((line[len(MACHINE_DRAFT):] for line in self.comment.split("\n") if line.startswith(MACHINE_DRAFT)), "")

    def set_machine_draft(self, text: str) -> None:
        """Record *text* as the machine's draft of this entry, in place of an earlier one (and of
        one a changed source carried, ``previously-machine-draft:``).

        >>> e = Entry("1.1", "x", comment="Ask Wei.\\nmachine-draft: Old")
        >>> e.set_machine_draft("New"); e.comment
        'Ask Wei.\\nmachine-draft: New'
        """
        lines = [line for line in (self.comment.split("\n") if self.comment else [])
                 if not line.startswith((MACHINE_DRAFT, PREVIOUSLY + MACHINE_DRAFT))]
        self.comment = "\n".join([*lines, MACHINE_DRAFT + " ".join(text.split())])

    @property
    def carried_over(self) -> bool:
        """Whether this is the old translation of a changed source, kept as a suggestion: fuzzy,
        with the previous source (``#|``). No one has approved it for this source."""
        return self.fuzzy and bool(self.previous_source)

    @property
    def state(self) -> str:
        """``untranslated``, ``draft`` (fuzzy) or ``approved``.

        >>> Entry("1.1", "你好").state, Entry("1.1", "你好", "Hello", fuzzy=True).state
        ('untranslated', 'draft')
        >>> Entry("1.1", "你好", "Hello").state
        'approved'
        """
        if not self.translation:
            return UNTRANSLATED
        return DRAFT if self.fuzzy else APPROVED

    @property
    def paragraph(self) -> int:
        return int(self.context.split(".")[0])

    @property
    def sentence(self) -> int:
        return int(self.context.split(".")[1])

    def notes_for(self, key: str) -> list[str]:
        """Values of the ``key: value`` notes with this key, in order.

        >>> Entry("1.1", "x", notes=["term: 政协 → CPPCC", "qa: empty"]).notes_for("term")
        ['政协 → CPPCC']
        """
        prefix = f"{_known(key)}: "
        return [n[len(prefix):] for n in self.notes if n.startswith(prefix)]

    @property
    def confidence(self) -> float | None:
        """Drafting's confidence in this entry, from its ``confidence:`` note (the last: drafting
        writes one); None where it recorded none, or the note is no finite number.

        >>> [Entry("1.1", "x", notes=n).confidence for n in (["confidence: 0.42"], [], ["confidence: nan"])]
        [0.42, None, None]
        """
        notes = self.notes_for("confidence")
        try:
            value = float(notes[-1].strip()) if notes else math.nan
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    def set_notes(self, key: str, values: list[str]) -> None:
        """Replace the notes with this key by *values* (kept where the first one was)."""
        prefix = f"{_known(key)}: "
        positions = [i for i, n in enumerate(self.notes) if n.startswith(prefix)]
        at = positions[0] if positions else len(self.notes)
        kept = [n for n in self.notes if not n.startswith(prefix)]
        at = min(at, len(kept))
        self.notes = kept[:at] + [f"{prefix}{v}" for v in values] + kept[at:]


@dataclass
class Catalog:
    """A bulletin's entries plus the header (metadata) of its PO/POT file.

    ``obsolete`` holds the entries of segments the bulletin no longer has (``#~``):
    they are kept through every write, as gettext tools keep them.
    """

    slug: str
    header: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    obsolete: list[Entry] = field(default_factory=list)

    def find(self, context: str) -> Entry | None:
        for entry in self.entries:
            if entry.context == context:
                return entry
        return None

    def counts(self) -> dict[str, int]:
        """Entries per state.

        >>> Catalog("x", entries=[Entry("1.1", "a"), Entry("1.2", "b", "B")]).counts()
        {'untranslated': 1, 'draft': 0, 'approved': 1}
        """
        counts = {UNTRANSLATED: 0, DRAFT: 0, APPROVED: 0}
        for entry in self.entries:
            counts[entry.state] += 1
        return counts


def now_stamp() -> str:
    """The current time in PO header format (``2026-11-23 12:00+0000``)."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def stamp_time(stamp: str) -> dt.datetime | None:
    """A PO header time (``2026-12-01 17:30+0800``, as :func:`now_stamp` writes it and gettext tools
    do) with its offset; None for anything else (a template's ``YEAR-MO-DA HO:MI+ZONE``).

    >>> stamp_time("2026-12-01 17:30+0800").isoformat(), stamp_time("YEAR-MO-DA HO:MI+ZONE")
    ('2026-12-01T17:30:00+08:00', None)
    """
    try:
        return dt.datetime.strptime(stamp.strip(), "%Y-%m-%d %H:%M%z")
    except ValueError:
        return None


def base_header(slug: str, *, language: str = "") -> dict[str, str]:
    """The standard header fields every catalog l10n writes starts from."""
    return {
        "Project-Id-Version": slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if not language else now_stamp(),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"l10n {__version__}",
    }


# Strings and notes are written unwrapped (like `msgcat --no-wrap`): one note per
# line survives the round trip, and a changed segment is a one-line diff.
_NO_WRAP = 0


def to_pofile(catalog: Catalog) -> polib.POFile:
    po = polib.POFile(wrapwidth=_NO_WRAP)
    po.metadata = dict(catalog.header)
    for entry in catalog.entries:
        po.append(_po_entry(entry))
    for entry in catalog.obsolete:
        po.append(_po_entry(entry, obsolete=True))
    return po


def _po_entry(entry: Entry, *, obsolete: bool = False) -> polib.POEntry:
    fuzzy = entry.fuzzy and bool(entry.translation)
    previous = fuzzy and not obsolete and bool(entry.previous_source)  # polib cannot read ``#~|`` back
    return polib.POEntry(
        msgctxt=entry.context,
        msgid=entry.source,
        msgstr=entry.translation,
        occurrences=[] if obsolete else list(entry.references),
        comment="" if obsolete else "\n".join(entry.notes),
        tcomment=entry.comment,
        flags=["fuzzy"] if fuzzy else [],
        previous_msgctxt=entry.previous_context if previous and entry.previous_context else None,
        previous_msgid=entry.previous_source if previous else None,
        obsolete=obsolete,
    )


def carried_sign_off(comment: str, *, source_changed: bool = False) -> str:
    """The translator *comment* of a translation whose approval no longer holds: its sign-off
    lines (``approved-by:``, ``approved-despite:``) kept as a record but as ``previously-…``
    lines, which no one reads as an approval; where the source itself changed
    (*source_changed*: a re-ingest's merge), the machine's draft of the old one too.

    >>> carried_sign_off("Ask Wei.\\napproved-by: Jing 2026-12-01")
    'Ask Wei.\\npreviously-approved-by: Jing 2026-12-01'
    """
    return (_SIGN_OFF_AND_DRAFT if source_changed else _SIGN_OFF).sub(PREVIOUSLY, comment)


def render_catalog(catalog: Catalog) -> str:
    """The PO text of *catalog*.

    >>> text = render_catalog(Catalog("demo", {"Language": "en"}, [Entry("1.1", "你好", "Hello", fuzzy=True)]))
    >>> print(text.split("\\n\\n", 1)[1].strip())
    #, fuzzy
    msgctxt "1.1"
    msgid "你好"
    msgstr "Hello"
    """
    return str(to_pofile(catalog)) + "\n"


@contextlib.contextmanager
def catalog_lock(path: str | Path) -> Iterator[None]:
    """Hold *path* for one review or draft; a second one stops at once with one sentence.

    The lock is the operating system's (``filelock``), so a killed process leaves
    nothing held; the ``.lock`` file beside the catalog is harmless.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    busy = CatalogBusyError(f"{path} is open in another `l10n review` or `l10n draft`; try again when it has finished.")
    with held_lock(str(path) + ".lock", busy):
        yield


def write_catalog(catalog: Catalog, path: str | Path) -> None:
    """Write *catalog* to *path* atomically."""
    atomic_write_text(path, render_catalog(catalog))


def write_mo(catalog: Catalog, path: str | Path) -> int:
    """Compile the approved entries of *catalog* to a ``.mo`` file; return how many."""
    approved = Catalog(catalog.slug, catalog.header, [e for e in catalog.entries if e.state == APPROVED])  # no obsolete ones
    atomic_write_bytes(path, to_pofile(approved).to_binary())
    return len(approved.entries)


def _lines(text: str) -> list[str]:
    """The lines of PO *text* as gettext reads them: split at ``\\n`` only (``str.splitlines``
    also splits at U+2028, U+2029, U+0085, VT, FF, FS, GS and RS, which a msgstr may hold).

    >>> _lines('msgstr "a\\u2028b"\\n')
    ['msgstr "a\\u2028b"', '']
    """
    return text.split("\n")


class _GettextText(str):
    """PO text whose lines polib, which reads text with ``str.splitlines()``, sees as gettext does (:func:`_lines`)."""

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        lines = _lines(self)
        if not keepends:
            return lines
        return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _pofile(text: str) -> polib.POFile:
    return polib.pofile(_GettextText(text), wrapwidth=_NO_WRAP, encoding="utf-8")


_LINE = re.compile(r"line (\d+)")
_STRING_LINE = re.compile(r'^\s*(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*(".*)$')
_CLOSED_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


_KEPT_PREFIX = re.compile(r"^\s*#(?:~\|?|\|)")  # obsolete (``#~``) and previous (``#|``, ``#~|``) lines hold strings too


def _check_strings(text: str, origin: str) -> None:
    """Refuse what polib would silently accept or truncate: an unterminated string, and a
    msgid without its msgstr (a file cut short)."""
    pending = 0  # the line of a msgid still waiting for its msgstr

    def refuse(number: int, why: str) -> CatalogError:
        return CatalogError(f"{origin} is not a valid PO file at line {number} ({why}); {_FIX}")

    for number, line in enumerate(_lines(text), 1):
        previous = line.lstrip().startswith(("#|", "#~|"))
        kept = _KEPT_PREFIX.match(line)
        if kept:
            line = line[kept.end():]
        elif line.lstrip().startswith("#"):
            continue
        match = _STRING_LINE.match(line)
        if match and not _CLOSED_STRING.match(match.group(1)):
            raise refuse(number, "unterminated string")
        if previous:
            continue
        word = line.split(None, 1)[0] if line.strip() else ""
        if word.startswith("msgstr"):
            pending = 0
        elif word in ("msgid", "msgctxt", ""):
            if pending and not word:  # a keyword in its place is polib's syntax error, with its line
                raise refuse(pending, "a msgid without its msgstr")
            pending = number if word == "msgid" else 0
    if pending:
        raise refuse(pending, "a msgid without its msgstr")


def parse_catalog(text: str, *, slug: str, origin: str = "<catalog>") -> Catalog:
    """Parse PO/POT *text* into a :class:`Catalog`; malformed input names its line."""
    return _catalog(*_parse(text, origin), text=text, slug=slug, origin=origin)


def _parse(text: str, origin: str) -> tuple[polib.POFile, list[int]]:
    """The polib reading of PO *text* and the line each of its entries starts on: the one parse
    a command makes of a catalog (:func:`parse_catalog` and :func:`verify_catalog` share it)."""
    _check_strings(text, origin)
    try:
        po = _pofile(text)
    except (OSError, ValueError) as exc:
        match = _LINE.search(str(exc))
        where = f" at line {match.group(1)}" if match else ""
        raise CatalogError(f"{origin} is not a valid PO file{where}; {_FIX}") from None
    return po, _entry_lines(text, len(po))


def _catalog(po: polib.POFile, lines: list[int], *, text: str, slug: str, origin: str) -> Catalog:
    entries, obsolete = [], []
    seen: dict[str, tuple[int, str]] = {}  # msgctxt -> (line, msgid) of its first live entry
    for item, line in zip(po, lines):
        if not item.msgctxt and not item.obsolete:
            raise CatalogError(f"{origin}: the entry at line {line} has no msgctxt; l10n catalogs give each segment one.")
        if not item.obsolete and item.msgctxt in seen:
            first, msgid = seen[item.msgctxt]
            what = "msgctxt and msgid" if msgid == item.msgid else "msgctxt"
            raise CatalogError(f"{origin}: entry {item.msgctxt} at line {line} repeats the {what} of line {first};"
                               " l10n catalogs give each segment one entry.")
        if not item.obsolete:
            seen[item.msgctxt] = (line, item.msgid)
        (obsolete if item.obsolete else entries).append(_entry(item, line))
    _check_charset(po.metadata, text, origin)
    return Catalog(slug=slug, header=dict(po.metadata), entries=entries, obsolete=obsolete)


_CHARSET = re.compile(r"charset=\s*([^\s;]+)", re.I)


def _check_charset(header: dict[str, str], text: str, origin: str) -> None:
    """Refuse a ``Content-Type`` whose charset is not UTF-8: the file was read as UTF-8, and a
    ``.mo`` compiled from it would carry the wrong charset to every reader (Python's gettext
    cannot load it). The template placeholder ``CHARSET`` means none was set."""
    import codecs

    match = _CHARSET.search(header.get("Content-Type", ""))
    if match is None or match.group(1) == "CHARSET":
        return
    try:
        ok = codecs.lookup(match.group(1)).name == "utf-8"
    except LookupError:
        ok = False
    if not ok:
        at = text.find("Content-Type:")
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        raise CatalogError(f"{origin}: the Content-Type header at line {line} says charset={match.group(1)}, but l10n catalogs "
                           'are UTF-8; set it to "text/plain; charset=UTF-8" (converting the file first if it is not UTF-8).')


_FIX = "fix it by hand (or restore it from version control) and run the command again."


def _entry(item: polib.POEntry, line: int = 0) -> Entry:
    notes = [n for n in item.comment.split("\n") if n] if item.comment else []
    comment = item.tcomment or ""
    legacy = [n[len(APPROVED_BY):].strip() for n in notes if n.startswith(APPROVED_BY)]
    if legacy:  # sign-off of older catalogs, where msgmerge would lose it: moved to the translator comment
        notes = [n for n in notes if not n.startswith(APPROVED_BY)]
        entry = Entry("", "", comment=comment)
        for name in legacy:
            entry.add_approval(name, "")
        comment = entry.comment
    return Entry(
        context=item.msgctxt or "",
        source=item.msgid,
        translation=item.msgstr,
        fuzzy="fuzzy" in item.flags,
        references=[(f, str(n)) for f, n in item.occurrences],
        notes=notes,
        comment=comment,
        previous_context=item.previous_msgctxt or "",
        previous_source=item.previous_msgid or "",
        line=line,
    )


def read_catalog(path: str | Path) -> Catalog:
    """Read the PO/POT file at *path*."""
    path = Path(path)
    return parse_catalog(_read_text(path), slug=path.stem, origin=str(path))


def _read_text(path: Path) -> str:
    """The text of the catalog file at *path*, which must be a UTF-8 file."""
    if path.exists() and not path.is_file():
        raise CatalogError(f"{path} is not a file; a catalog is a PO file.")
    if not path.is_file():
        raise CatalogError(f"{path} does not exist.")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(f"{path} is not UTF-8 (line {line}); l10n catalogs are UTF-8.") from None


FUZZY_MATCH = 70.0
"""Least rapidfuzz ``ratio`` (0–100) at which a changed segment inherits an old translation
as a fuzzy suggestion; msgmerge's own threshold is 0.6, this is a little stricter since
Chinese sentences are short and share many characters."""


def _still_holds(note: str, source: str) -> bool:
    """Whether *note*, a required rendering ``kind: 政协 → CPPCC``, still applies to a
    changed *source* (it still holds the Chinese); findings and scores of the old one do not.

    >>> _still_holds("term: 政协 → CPPCC", "政协委员，参加会议。"), _still_holds("qa: x", "政协"), _still_holds("name: 李 → Li", "王")
    (True, False, False)
    >>> _still_holds("ordinal: 十二届 → 12th", "十二届全国人大一次会议开幕。")
    True
    """
    rendering = note_rendering(note)
    return rendering is not None and rendering.kind in RENDERING_KINDS and rendering.source in source


@dataclass
class MergeReport:
    """What :func:`merge_template` did with each segment."""

    unchanged: int = 0  # same source: translation and state kept
    changed: int = 0  # similar source: old translation kept as a fuzzy suggestion
    new: int = 0
    obsolete: int = 0  # translated segments the bulletin no longer has, newly obsolete
    restored: int = 0  # segments back in the bulletin, their obsolete entry revived


def merge_template(template: Catalog, catalog: Catalog | None, *, language: str) -> tuple[Catalog, MergeReport]:
    """Update *catalog* to the segments of *template*, like ``msgmerge``.

    A segment whose source is unchanged keeps its entry (translation, state, notes,
    sign-off), matched by identical source, the same context first, else the nearest
    (so an inserted sentence, which shifts every later context, loses nothing); a
    changed segment takes the translation of the most similar old one left (one to one,
    :data:`FUZZY_MATCH`) as a fuzzy suggestion with the previous source, the sign-off record
    (as ``previously-approved-by:`` lines, :func:`carried_sign_off`: nobody approved the old
    English for the new Chinese) and the required renderings that still apply; the rest are
    new. Translated segments no longer in the template become obsolete, and obsolete
    entries stay (a segment that comes back gets its entry back). *catalog* is not changed.

    >>> t = Catalog("s", {}, [Entry("1.1", "甲乙丙丁。"), Entry("1.2", "戊己庚辛，")])
    >>> old = Catalog("s", {"Language": "en"}, [Entry("1.1", "甲乙丙丁。", "A."), Entry("1.2", "戊己庚辛。", "B.")])
    >>> merged, report = merge_template(t, old, language="en")
    >>> [(e.context, e.translation, e.state, e.previous_source) for e in merged.entries]
    [('1.1', 'A.', 'approved', ''), ('1.2', 'B.', 'draft', '戊己庚辛。')]
    >>> report
    MergeReport(unchanged=1, changed=1, new=0, obsolete=0, restored=0)
    """
    from rapidfuzz import fuzz

    header = base_header(template.slug, language=language)
    header.update({k: v for k, v in template.header.items() if k.startswith("X-Bulletin") or k == "POT-Creation-Date"})
    live: list[Entry] = []
    pool: list[Entry] = []
    if catalog is not None:
        header.update({k: v for k, v in catalog.header.items() if not k.startswith("X-Bulletin") and k != "POT-Creation-Date"})
        live, pool = catalog.entries, [*catalog.entries, *catalog.obsolete]
    header["Language"] = language
    news = template.entries
    match: dict[int, int] = {}  # template index -> pool index

    def pair(candidates: list[tuple]) -> None:
        taken = set(match.values())
        for *_, k, i in sorted(candidates):
            if k not in match and i not in taken:
                match[k] = i
                taken.add(i)

    def distance(k: int, i: int) -> int:
        return abs(k - i) if i < len(live) else len(pool) + i  # an obsolete entry is the last resort

    by_source: dict[str, list[int]] = {}
    for i, e in enumerate(pool):
        by_source.setdefault(e.source, []).append(i)
    pair([(i >= len(live), pool[i].context != t.context, distance(k, i), k, i)
          for k, t in enumerate(news) for i in by_source.get(t.source, ())])
    exact = set(match)
    left = [i for i in range(len(pool)) if i not in set(match.values()) and pool[i].translation]
    scored = []
    for k, t in enumerate(news):
        if k in exact:
            continue
        for i in left:
            score = fuzz.ratio(t.source, pool[i].source)
            if score >= FUZZY_MATCH:
                scored.append((-score, pool[i].context != t.context, distance(k, i), k, i))
    pair(scored)

    report = MergeReport()
    entries = []
    for k, t in enumerate(news):
        i = match.get(k)
        if i is None:
            report.new += 1
            entries.append(Entry(t.context, t.source, references=list(t.references), notes=list(t.notes)))
        elif k in exact:
            if i < len(live):
                report.unchanged += 1
            else:
                report.restored += 1
            kept = pool[i]
            entries.append(replace(kept, context=t.context, references=list(t.references), notes=list(kept.notes)))
        else:
            report.changed += 1
            old = pool[i]
            notes = [*t.notes, *(n for n in old.notes if _still_holds(n, t.source))]
            entries.append(Entry(t.context, t.source, old.translation, fuzzy=True, references=list(t.references), notes=notes,
                                 comment=carried_sign_off(old.comment, source_changed=True), previous_context=old.context, previous_source=old.source))
    used = set(match.values())
    gone = [replace(e, references=[], notes=[], previous_context="", previous_source="")
            for i, e in enumerate(live) if i not in used and e.translation]
    report.obsolete = len(gone)
    obsolete: dict[tuple[str, str], Entry] = {}
    for e in [*(e for i, e in enumerate(pool) if i >= len(live) and i not in used), *gone]:
        obsolete.pop((e.context, e.source), None)  # the newer entry of a segment removed twice wins
        obsolete[(e.context, e.source)] = e
    return Catalog(template.slug, header, entries, list(obsolete.values())), report


# --- verifying a catalog: msgfmt --check's rules, and its template -----------------------

_ENTRY_START = re.compile(r"^(?:#~\s*)?(?P<keyword>msgctxt|msgid)\s")
_C_DIRECTIVE = re.compile(r"%(?:(?P<position>\d+)\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?(?P<size>hh|h|ll|l|L|q|j|z|t)?(?P<type>[diouxXeEfFgGaAcspn%])?")
_PY_DIRECTIVE = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])?")
_TYPE_CLASS = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"), **dict.fromkeys("eEfFgGaA", "float"),
               **dict.fromkeys("sra", "string"), "c": "char", "p": "pointer", "n": "count"}


def _entry_lines(text: str, count: int) -> list[int]:
    """The line each of the *count* polib entries starts on (its msgctxt, else its msgid)."""
    starts = []
    after_context = False
    for number, line in enumerate(_lines(text), 1):
        match = _ENTRY_START.match(line)
        if match is None:
            continue
        if match["keyword"] == "msgctxt":
            starts.append(number)
            after_context = True
        else:
            if not after_context:
                starts.append(number)
            after_context = False
    starts = starts[len(starts) - count:] if len(starts) > count else starts  # the header's msgid comes first
    return starts + [0] * (count - len(starts))


def _format_specs(text: str, python: bool) -> list[tuple[str, str]] | None:
    """The format directives of *text* as (argument, type class); None when one is incomplete or unknown."""
    specs = []
    pattern = _PY_DIRECTIVE if python else _C_DIRECTIVE
    next_arg = 1
    for match in pattern.finditer(text):
        kind = match["type"]
        if kind is None:
            return None
        if kind == "%":
            continue
        if python:
            argument = match["name"] if match["name"] is not None else str(next_arg)
            size = ""
        else:
            argument = match["position"] or str(next_arg)
            size = match["size"] or ""
        next_arg += 1
        specs.append((argument, size + _TYPE_CLASS[kind]))
    return specs


def _format_problem(item: polib.POEntry) -> str | None:
    for flag, python in (("c-format", False), ("python-format", True)):
        if flag not in item.flags:
            continue
        source, target = _format_specs(item.msgid, python), _format_specs(item.msgstr, python)
        if source is None:
            return f"its msgid is not a valid {flag} string"
        if target is None:
            return f"its msgstr is not a valid {flag} string, unlike its msgid"
        if python and any(not a.isdigit() for a, _ in source + target):
            named_source, named_target = dict(source), dict(target)
            extra = [a for a in named_target if a not in named_source]
            lost = [a for a in named_source if a not in named_target]
            if extra or lost:
                return f"its {flag} argument {(extra or lost)[0]!r} is in the {'msgstr' if extra else 'msgid'} only"
            source, target = sorted(source), sorted(target)
        elif len(source) != len(target):
            return f"its msgid and msgstr have different numbers of {flag} directives"
        source, target = sorted(source), sorted(target)
        if source != target:
            return f"its msgid and msgstr have different {flag} directives"
    return None


def _pair_problem(item: polib.POEntry) -> str | None:
    """What ``msgfmt --check`` refuses in one translated, non-fuzzy entry."""
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(item.msgid, "\n") != test(item.msgstr, "\n"):
            return f"its msgid and msgstr do not both {where} with a newline (\\n)"
    return _format_problem(item)


def catalog_problems(text: str, template: Catalog | None = None) -> list[str]:
    """Everything ``msgfmt --check`` rejects in the PO *text*, then how it differs from *template*.

    One sentence fragment a problem, naming the entry by msgctxt and line. Python, so no
    gettext binary is needed: a missing header entry, an entry repeating the msgctxt and
    msgid of another (obsolete ones included), a translated non-fuzzy entry whose msgid and
    msgstr do not both begin and end with a newline, or whose ``c-format``/``python-format``
    directives differ; then template entries missing from *text* and entries the template lacks.

    >>> head = 'msgid ""\\nmsgstr "Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\n'
    >>> catalog_problems(head + 'msgctxt "1.1"\\nmsgid "a"\\nmsgstr "b\\\\n"\\n')
    ['entry 1.1 at line 4: its msgid and msgstr do not both end with a newline (\\\\n)']
    """
    po = _pofile(text)
    return _problems(po, _entry_lines(text, len(po)), template)


def _problems(po: polib.POFile, lines: list[int], template: Catalog | None) -> list[str]:
    items = list(po)
    problems = []
    if not po.metadata:
        problems.append('it has no header entry (msgid "" with a Content-Type), which msgfmt requires')
    seen: dict[tuple[str | None, str], int] = {}
    for item, line in zip(items, lines):
        name = f"entry {item.msgctxt if item.msgctxt is not None else repr(item.msgid[:20])} at line {line}"
        key = (item.msgctxt, item.msgid)
        if key in seen:
            problems.append(f"{name} repeats the msgctxt and msgid of line {seen[key]}")
            continue
        seen[key] = line
        if not item.obsolete and item.msgstr and "fuzzy" not in item.flags:
            problem = _pair_problem(item)
            if problem:
                problems.append(f"{name}: {problem}")
    if template is not None:
        present = {(i.msgctxt, i.msgid) for i in items if not i.obsolete}
        wanted = {(e.context, e.source) for e in template.entries}
        for item, line in zip(items, lines):
            if not item.obsolete and (item.msgctxt, item.msgid) not in wanted:
                problems.append(f"entry {item.msgctxt} at line {line} is not in its template (msgctxt or msgid differ)")
        missing = [e for e in template.entries if (e.context, e.source) not in present]
        if missing:
            problems.append(f"{len(missing)} entr{'y' if len(missing) == 1 else 'ies'} of its template "
                            f"{'is' if len(missing) == 1 else 'are'} missing, the first {missing[0].context}")
    return problems


def with_template_metadata(catalog: Catalog, template: Catalog) -> Catalog:
    """*catalog* with the bulletin's metadata (:data:`BULLETIN_HEADERS`) it lacks taken from
    *template*: a catalog ``pybabel update`` or another tool rewrote without the ``X-Bulletin-*``
    fields keeps its date and source. A field the catalog has is kept as it is.

    >>> c = with_template_metadata(Catalog("s", {"X-Bulletin-Date": ""}), Catalog("s", {"X-Bulletin-Date": "2024-05-16", "X-Other": "x"}))
    >>> c.header
    {'X-Bulletin-Date': '2024-05-16'}
    """
    for key in BULLETIN_HEADERS:
        if not catalog.header.get(key, "").strip() and template.header.get(key, "").strip():
            catalog.header[key] = template.header[key]
    return catalog


def verify_catalog(path: str | Path, template_path: str | Path | None = None) -> Catalog:
    """Read the catalog at *path*, refusing it unless ``msgfmt --check`` would take it and,
    given *template_path*, it holds exactly its template's entries.

    The one gate ``check``, ``status`` and ``export`` pass a catalog through; a refusal is
    one :class:`CatalogError` sentence naming the file, the first problem and how many more.
    The bulletin's metadata the catalog lacks is read from the template
    (:func:`with_template_metadata`).
    """
    path = Path(path)
    text = _read_text(path)
    po, lines = _parse(text, str(path))
    catalog = _catalog(po, lines, text=text, slug=path.stem, origin=str(path))
    template = None
    if template_path is not None:
        template_path = Path(template_path)
        if not template_path.is_file():
            raise CatalogError(f"{path} has no template {template_path}; restore it or re-run `l10n ingest` on its bulletin.")
        template = read_catalog(template_path)
    problems = _problems(po, lines, template)
    if template is not None:
        with_template_metadata(catalog, template)
    if problems:
        from l10n.textsafe import for_terminal

        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        fix = f"run `l10n draft {catalog.slug}` to update it from the template" if template is not None and "template" in problems[0] else "fix it by hand"
        raise CatalogError(f"{path} is refused: {for_terminal(problems[0])}{more}; {fix}.")
    return catalog
