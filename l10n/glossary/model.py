"""The glossary's term model and its CSV row format.

A glossary file is UTF-8 CSV with the header row::

    id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at

``status`` is one of proposed / approved / rejected / deprecated; only approved
terms are enforced, proposed ones are hints. ``forbidden`` holds renderings that
must not appear, separated by ``|``.

Here: :class:`Term` and :class:`Problem`, the glossary's errors, the checks of one row's
fields (:func:`parse_row`), a file's text read and written back byte for byte
(:func:`parse_csv`, :func:`render_file`, :func:`render_csv`), and the checks across terms
(duplicate ids, conflicting approvals, a second English). Every name here is also
importable from :mod:`l10n.glossary.store`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from l10n.errors import L10nError
from l10n.lexicon import HAN_CHAR
from l10n.textsafe import unsafe_characters

FIELDS = ("id", "zh", "en", "category", "status", "valid_from", "valid_to", "forbidden", "note", "proposed_by", "approved_by", "updated_at")
STATUSES = ("proposed", "approved", "rejected", "deprecated")
REQUIRED = ("id", "zh", "en", "status")

#: The most characters one field may hold: a term, its English or a note runs to a few hundred
#: at most, and the csv module refuses a field over 131,072 characters, which would lock every
#: command out of a file that held one.
MAX_FIELD = 2000

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# Editors open the CSVs in a spreadsheet, which runs a cell starting like this as a formula
# (also after the blanks a spreadsheet or an export strips).
_FORMULA = re.compile(r"[=+@\t\r-]")
# A cell starting with '-' is text to a spreadsheet only when it is a number, perhaps with words
# after it ("-5", "-5 percent"); "-1+cmd|' /C calc'!A0" is a formula.
_PLAIN_DASH = re.compile(r"-(?:\d[\d.,]*%?(?:\s+[^\W\d_][\w .,%]*)?)?")
# Not text at all: lone surrogates (undecodable bytes of a command line) and non-characters.
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
#: Only a note may run over several lines.
_LINE_BREAKS = {"note": ("\\n", "\\r")}
# What may make a field need a closer look: a start a spreadsheet reads (or a blank before one),
# and any character below U+00A0 that is no printable ASCII, or one of the invisible ranges
# textsafe escapes, or one that is not text.
_SUSPECT_START = frozenset("=+@-\t\r") | frozenset(" \u3000\xa0")
_SUSPECT = re.compile("[\x00-\x1f\x7f-\xa0\u061c\u1680\u2000-\u206f\u3000\ufeff\ud800-\udfff\ufffe\uffff]")


class GlossaryError(L10nError):
    """A glossary file is malformed, or a glossary operation cannot be done."""


class MalformedGlossaryError(GlossaryError):
    """A glossary CSV/TBX file cannot be parsed; the message names file and line."""


class UnknownTermError(GlossaryError):
    """No glossary entry has the id given."""


class TermConflictError(GlossaryError):
    """The operation would make two approved entries disagree."""


class GlossaryLockedError(GlossaryError):
    """Another editor holds the glossary lock."""


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``file``/``line`` say where it was read from."""

    id: str
    zh: str
    en: str
    category: str = ""
    status: str = "proposed"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    forbidden: tuple[str, ...] = ()
    note: str = ""
    proposed_by: str = ""
    approved_by: str = ""
    updated_at: str = ""
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    #: The row's text as read (its line end included) and the blank lines before it:
    #: a save writes them back verbatim while the term still has the values they hold.
    raw: str = field(default="", compare=False, repr=False)
    lead: str = field(default="", compare=False, repr=False)

    @property
    def enforced(self) -> bool:
        return self.status == "approved"

    def valid_on(self, day: dt.date | None) -> bool:
        """Whether the term holds on *day* (None: any day).

        >>> t = Term("t", "文化部", "Ministry of Culture", valid_to=dt.date(2018, 3, 17))
        >>> t.valid_on(dt.date(2017, 1, 1)), t.valid_on(dt.date(2019, 1, 1)), t.valid_on(None)
        (True, False, True)
        """
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        return True

    def overlaps(self, other: Term) -> bool:
        """Whether the validity periods of two terms share at least one day."""
        lo = max(self.valid_from or dt.date.min, other.valid_from or dt.date.min)
        hi = min(self.valid_to or dt.date.max, other.valid_to or dt.date.max)
        return lo <= hi

    @property
    def where(self) -> str:
        """``file:line`` it was read from; a new entry, not yet saved, by file and id."""
        if not self.file:
            return self.id
        return f"{self.file}:{self.line}" if self.line else f"{self.file} (new entry {self.id})"

    def row(self) -> dict[str, str]:
        """The CSV row for this term."""
        return {
            "id": self.id,
            "zh": self.zh,
            "en": self.en,
            "category": self.category,
            "status": self.status,
            "valid_from": self.valid_from.isoformat() if self.valid_from else "",
            "valid_to": self.valid_to.isoformat() if self.valid_to else "",
            "forbidden": "|".join(self.forbidden),
            "note": self.note,
            "proposed_by": self.proposed_by,
            "approved_by": self.approved_by,
            "updated_at": self.updated_at,
        }

    def validity(self) -> str:
        """``2018-03-17..`` style validity, empty when unbounded."""
        if not (self.valid_from or self.valid_to):
            return ""
        return f"{self.valid_from or ''}..{self.valid_to or ''}"


@dataclass(frozen=True)
class Problem:
    """One finding of :func:`validate`: where and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_REVISION = re.compile(r"\.r\d+$")


def _base(term_id: str) -> str:
    """The id of the entry a revision id ``X.rN`` revises (``X``); any other id is its own."""
    return _REVISION.sub("", term_id)


def _parse_date(value: str, column: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{column} {value!r} is not a date in YYYY-MM-DD form")
        return None


def _shown(value: str) -> str:
    """*value* quoted for a message, cut short when long."""
    return repr(value if len(value) <= 60 else value[:57] + "…")


def formula_start(value: str) -> str:
    """The character that makes a spreadsheet run *value* as a formula, or ``""``.

    >>> [formula_start(v) for v in ("=1+1", " =HYPERLINK(x)", "-1+cmd|' /C calc'!A0", "-5 percent", "-", "CPPCC")]
    ['=', '=', '-', '', '', '']
    """
    for text in (value, value.strip()):
        if text and _FORMULA.match(text) and not (text[0] == "-" and _PLAIN_DASH.fullmatch(text)):
            return text[0]
    return ""


def _field_problem(name: str, value: str) -> str:
    """What is wrong with one field's text as such (length, formula, controls), or ``""``."""
    if not value or (len(value) <= MAX_FIELD and value[0] not in _SUSPECT_START and not _SUSPECT.search(value)):
        return ""  # the common case, quickly
    if len(value) > MAX_FIELD:
        return f"{name} is {len(value):,} characters long; a glossary field holds at most {MAX_FIELD:,} characters"
    c = formula_start(value)
    if c:
        return f"{name} {_shown(value)} starts with {c!r}, which a spreadsheet would run as a formula; remove the {c!r}"
    if _NOT_TEXT.search(value):
        return f"{name} {_shown(value)} holds {_NOT_TEXT.search(value).group()!r}, which is not text; retype it"
    unsafe = [u for u in dict.fromkeys(unsafe_characters(value)) if u not in _LINE_BREAKS.get(name, ())]
    if unsafe:
        return (f"{name} {_shown(value)} holds {', '.join(unsafe)}: control, direction or line-separator characters"
                " that would act on a terminal or a CI log; remove them")
    return ""


def parse_row(row: dict[str, str]) -> tuple[Term | None, list[str]]:
    """The term of one row (every field a string), or None and what is wrong with it.

    Every way into the glossary goes through here: CSV files, TBX imports, CLI values.
    Each field is at most :data:`MAX_FIELD` characters, no cell starts a spreadsheet
    formula, and none holds a control or direction character (a note may hold line breaks).
    """
    problems = [p for p in (_field_problem(name, row[name]) for name in FIELDS) if p]
    for name in REQUIRED:
        if not row[name].strip():
            problems.append(f"{name} is empty")
    if row["id"] and not _ID.match(row["id"]):
        problems.append(f"id {row['id']!r} must be lower-case letters, digits, '.', '_' or '-'")
    if row["status"] and row["status"] not in STATUSES:
        problems.append(f"status {row['status']!r} is not one of {', '.join(STATUSES)}")
    valid_from = _parse_date(row["valid_from"], "valid_from", problems)
    valid_to = _parse_date(row["valid_to"], "valid_to", problems)
    if valid_from and valid_to and valid_from > valid_to:
        problems.append(f"valid_from {valid_from} is after valid_to {valid_to}")
    if row["updated_at"]:
        try:
            dt.datetime.fromisoformat(row["updated_at"].replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"updated_at {row['updated_at']!r} is not an ISO date-time")
    if row["zh"].strip() and not HAN_CHAR.search(row["zh"]) and HAN_CHAR.search(row["en"]):
        problems.append(f"zh {_shown(row['zh'].strip())} has no Chinese character and en {_shown(row['en'].strip())} has;"
                        " the Chinese and the English look swapped, so give each in its own column (in TBX, its own langSet)")
    if problems:
        return None, problems
    forbidden = tuple(f.strip() for f in row["forbidden"].split("|") if f.strip())
    term = Term(
        id=row["id"].strip(),
        zh=row["zh"].strip(),
        en=row["en"].strip(),
        category=row["category"].strip(),
        status=row["status"].strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        forbidden=forbidden,
        note=row["note"],
        proposed_by=row["proposed_by"],
        approved_by=row["approved_by"],
        updated_at=row["updated_at"],
    )
    return term, []


def _check_row(term: Term) -> None:
    """Refuse a term (from the command line or an import) whose row the CSV check would refuse."""
    problems = parse_row(term.row())[1]
    if problems:
        raise GlossaryError(f"{term.id}: {problems[0]}; nothing was written.")


class _Records:
    """The lines a :mod:`csv` reader takes, kept so each record's exact text is known."""

    def __init__(self, text: str):
        self._lines = iter(io.StringIO(text, newline=""))
        self.taken: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        text, self.taken = "".join(self.taken), []
        return text


@dataclass(frozen=True)
class _Layout:
    """What a save needs besides the rows to give a file back its own bytes."""

    head: str = ",".join(FIELDS) + "\n"  # BOM and header line, as read
    tail: str = ""  # blank lines after the last row
    final_newline: bool = True


def parse_csv(text: str, *, origin: str = "<glossary>") -> tuple[list[Term], list[Problem]]:
    """Parse glossary CSV *text*; returns the good terms and every row problem.

    >>> terms, problems = parse_csv("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\\n"
    ...                             "a,政协,CPPCC,organ,maybe,,,,,,,\\n", origin="g.csv")
    >>> [str(p) for p in problems]
    ["g.csv:2: status 'maybe' is not one of proposed, approved, rejected, deprecated"]
    """
    terms, problems, _ = _parse_csv(text, origin)
    return terms, problems


def _parse_csv(text: str, origin: str) -> tuple[list[Term], list[Problem], _Layout]:
    bom = ""
    if text.startswith("\ufeff"):
        bom, text = "\ufeff", text[1:]
    if not text.strip():
        return [], [Problem(f"{origin}:1", "the file is empty; it needs the header row " + ",".join(FIELDS))], _Layout()
    records = _Records(text)
    reader = csv.reader(records, strict=True)
    terms: list[Term] = []
    problems: list[Problem] = []
    try:
        header = next(reader)
    except csv.Error as exc:
        return [], [Problem(f"{origin}:1", f"not valid CSV ({exc})")], _Layout()
    if tuple(h.strip() for h in header) != FIELDS:
        return [], [Problem(f"{origin}:1", "the header row must be " + ",".join(FIELDS))], _Layout()
    head = bom + records.take()
    lead = ""
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            too_long = "field larger than field limit" in str(exc)
            problems.append(Problem(f"{origin}:{line}", f"a field is over {csv.field_size_limit():,} characters; a glossary field holds at most"
                                    f" {MAX_FIELD:,} characters" if too_long else f"not valid CSV ({exc})"))
            break
        raw = records.take()
        if not any(v.strip() for v in values):
            lead += raw
            line = reader.line_num + 1
            continue
        if len(values) != len(FIELDS):
            problems.append(Problem(f"{origin}:{line}", f"has {len(values)} fields, the header has {len(FIELDS)}"))
        else:
            term, row_problems = parse_row(dict(zip(FIELDS, values)))
            problems.extend(Problem(f"{origin}:{line}", p) for p in row_problems)
            if term is not None:
                terms.append(dataclasses.replace(term, file=origin, line=line, raw=raw, lead=lead))
        lead = ""
        line = reader.line_num + 1
    return terms, problems, _Layout(head=head, tail=lead, final_newline=text.endswith(("\n", "\r")))


def _line_end(text: str) -> str:
    return "\r\n" if text.endswith("\r\n") else "\r" if text.endswith("\r") else "\n"


def _render_row(term: Term, line_end: str = "\n") -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator=line_end).writerow(term.row())
    return buffer.getvalue()


def _still_raw(term: Term) -> bool:
    """Whether the row text *term* was read from still holds exactly its values."""
    if not term.raw:
        return False
    values = next(csv.reader(io.StringIO(term.raw, newline="")), [])
    return len(values) == len(FIELDS) and parse_row(dict(zip(FIELDS, values)))[0] == term


def render_file(terms: Iterable[Term], layout: _Layout = _Layout()) -> str:
    """The text of one glossary file: rows read from it and unchanged come back verbatim.

    A changed or new row is written as :mod:`csv` writes it, with the file's line end;
    the header, blank lines and a missing final newline stay as they were.
    """
    line_end = _line_end(layout.head)
    parts = [layout.head]
    for term in terms:
        if term.raw and _still_raw(term):
            parts.append(term.lead + term.raw)
            continue
        if parts[-1] and not parts[-1].endswith(("\n", "\r")):
            parts.append(line_end)
        parts.append(term.lead + _render_row(term, _line_end(term.raw) if term.raw else line_end))
    parts.append(layout.tail)
    out = "".join(parts)
    if not layout.final_newline:
        out = out.rstrip("\r\n")
    return out


def render_csv(terms: Iterable[Term]) -> str:
    """The CSV text of *terms* (header included), ``\\n`` line ends for clean diffs."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for term in terms:
        writer.writerow(term.row())
    return buffer.getvalue()


def duplicate_ids(terms: Iterable[Term]) -> list[Problem]:
    """Each entry whose id an earlier entry already has, naming both places."""
    problems: list[Problem] = []
    seen: dict[str, Term] = {}
    for term in terms:
        if term.id in seen:
            problems.append(Problem(term.where, f"duplicate id {term.id!r} (first at {seen[term.id].where})"))
        else:
            seen[term.id] = term
    return problems


def find_conflicts(terms: Iterable[Term]) -> list[Problem]:
    """Duplicate ids, and approved entries for one Chinese term that disagree on overlapping dates."""
    terms = list(terms)
    problems = duplicate_ids(terms)
    approved: dict[str, list[Term]] = {}
    for term in terms:
        if term.status != "approved":
            continue
        for other in approved.get(term.zh, []):
            if other.en != term.en and other.overlaps(term):
                problems.append(
                    Problem(term.where, f"approved {term.zh} → {term.en!r} conflicts with {other.id} → {other.en!r} ({other.where}) on overlapping dates")
                )
        approved.setdefault(term.zh, []).append(term)
    return problems


def second_english(terms: Iterable[Term]) -> list[Problem]:
    """Proposals giving an approved Chinese term another English on overlapping dates.

    The matcher would show them as hints beside the enforced English; a pending
    revision of the same entry (``X.rN``) is the workflow's own and not reported.
    """
    terms = list(terms)
    approved = _approved_by_zh(terms)
    problems = []
    for term in terms:
        other = _second_english_of(term, approved.get(term.zh, ())) if term.status == "proposed" else None
        if other is not None:
            problems.append(Problem(
                term.where,
                f"proposed {term.zh} → {term.en!r} is a second English for approved {other.id} → {other.en!r} ({other.where})"
                " on overlapping dates; reject one of them or set --valid-from/--valid-to.",
            ))
    return problems


def _approved_by_zh(terms: Iterable[Term]) -> dict[str, list[Term]]:
    index: dict[str, list[Term]] = {}
    for term in terms:
        if term.status == "approved":
            index.setdefault(term.zh, []).append(term)
    return index


def _second_english_of(term: Term, approved: Iterable[Term]) -> Term | None:
    """The approved entry (among *approved*, same Chinese) the proposal *term* would give a second English, if any;
    a pending revision of the same entry (``X.rN``) is the workflow's own."""
    return next((o for o in approved if o.zh == term.zh and o.en != term.en and o.overlaps(term) and _base(o.id) != _base(term.id)), None)
