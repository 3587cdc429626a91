"""The glossary model: terms in ``glossary/*.csv``, their validation and workflow.

A glossary file is UTF-8 CSV with the header row::

    id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at

``status`` is one of proposed / approved / rejected / deprecated; only approved
terms are enforced, proposed ones are hints. ``forbidden`` holds renderings that
must not appear, separated by ``|``.

>>> import io
>>> g = Glossary.from_text(
...     "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\\n"
...     "org-cppcc,政协,CPPCC,organ,approved,,,People's Political Consultative Committee,,,,\\n")
>>> t = g.get("org-cppcc")
>>> t.en, t.forbidden, t.enforced
('CPPCC', ("People's Political Consultative Committee",), True)
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from l10n.errors import L10nError
from l10n.lexicon import HAN_CHAR
from l10n.textsafe import unsafe_characters
from l10n.places import REFERENCE_PLACES  # the read-only layer under every project's glossary; a project term with the same Chinese wins

FIELDS = ("id", "zh", "en", "category", "status", "valid_from", "valid_to", "forbidden", "note", "proposed_by", "approved_by", "updated_at")
STATUSES = ("proposed", "approved", "rejected", "deprecated")
REQUIRED = ("id", "zh", "en", "status")
DEFAULT_FILE = "proposed.csv"
LOCK_NAME = ".glossary.lock"
LOCK_TIMEOUT = 10.0

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


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"Glossary file {path} does not exist.") from None
    except OSError as exc:
        raise GlossaryError(f"Glossary file {path} cannot be read ({exc.strerror}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MalformedGlossaryError(f"{path}:{line}: the file is not UTF-8; save it as UTF-8 CSV.") from None


#: The columns of Weblate's glossary CSV (Translate Toolkit's ``csvl10n``), as
#: ``glossary export --format weblate-csv`` writes them.
WEBLATE_FIELDS = ("source", "target", "context", "id", "fuzzy", "translator_comments", "developer_comments")
# Other names Translate Toolkit's CSV reader takes for these columns (its fieldname_map), and Weblate's "explanation".
_WEBLATE_ALIASES = {"original": "source", "untranslated": "source", "translated": "target", "translation": "target",
                    "identified": "id", "key": "id", "label": "id", "translator comments": "translator_comments",
                    "notes": "translator_comments", "developer comments": "developer_comments", "explanation": "developer_comments"}
_FUZZY = frozenset({"1", "x", "true", "yes", "fuzzy"})


def _weblate_columns(header: list[str]) -> list[str] | None:
    """*header*'s columns as Weblate's CSV names them, or None when it is no Weblate header (one with source and target)."""
    names = [_WEBLATE_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    return names if "source" in names and "target" in names and tuple(h.strip() for h in header) != FIELDS else None


def parse_weblate_csv(text: str, *, origin: str = "<csv>") -> tuple[list[Term], list[Problem]]:
    """The terms of a CSV in Weblate's glossary shape (a header naming ``source`` and ``target``,
    and perhaps ``context``, ``id``, ``fuzzy``, ``translator_comments``, ``developer_comments`` or
    ``explanation``; other columns are left alone), and a problem for each bad row.

    The source is the Chinese, the target the English, the context the category, the comments
    the note. A row that is not fuzzy is marked approved and a fuzzy one proposed, so that
    :func:`merge` brings both in as proposals unless an editor approves them on import. A row
    without a target (a term Weblate has not translated) is passed over. An id that is no l10n
    id (Weblate's are numbers, or none) is derived from the Chinese and English (:func:`content_id`).

    >>> terms, _ = parse_weblate_csv('source,target,explanation\\n政协,CPPCC,the advisory body\\n县志办,,\\n')
    >>> [(t.id, t.zh, t.en, t.status, t.note) for t in terms]
    [('cppcc-f6337e931f', '政协', 'CPPCC', 'approved', 'the advisory body')]
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    terms: list[Term] = []
    problems: list[Problem] = []
    try:
        names = _weblate_columns(next(reader, []))
        if names is None:
            return [], [Problem(f"{origin}:1", "the header row must be " + ",".join(FIELDS) + " (l10n's) or name source and target (Weblate's)")]
        line = reader.line_num + 1
        for values in reader:
            row = dict(zip(names, values))
            if any(v.strip() for v in values) and row.get("target", "").strip():
                note = "\n".join(v for v in (row.get("developer_comments", ""), row.get("translator_comments", "")) if v.strip())
                zh, en = row.get("source", "").strip(), row["target"].strip()
                given = row.get("id", "").strip()
                fields = {**dict.fromkeys(FIELDS, ""), "zh": zh, "en": en, "category": row.get("context", "").strip(), "note": note,
                          "status": "proposed" if row.get("fuzzy", "").strip().lower() in _FUZZY else "approved",
                          "id": given if _ID.match(given) and re.search("[a-z]", given) else content_id(zh, en)}
                term, row_problems = parse_row(fields)
                problems.extend(Problem(f"{origin}:{line}", p) for p in row_problems)
                if term is not None:
                    terms.append(dataclasses.replace(term, file=origin, line=line))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(f"{origin}:{reader.line_num or 1}", f"not valid CSV ({exc})"))
    return terms, problems


def render_weblate_csv(terms: Iterable[Term]) -> str:
    """*terms* as Weblate's glossary CSV (:data:`WEBLATE_FIELDS`), which Weblate uploads and
    Translate Toolkit's CSV reader reads as units with source and target: the Chinese, the
    English, the category as context, the id, proposed terms fuzzy, the note as the explanation
    (``developer_comments``). Rejected and deprecated terms are left out: a CSV row cannot say
    "do not use" (the TBX export can)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(WEBLATE_FIELDS)
    for t in terms:
        if t.status in ("approved", "proposed"):
            writer.writerow((t.zh, t.en, t.category, t.id, "False" if t.status == "approved" else "True", "", t.note))
    return buffer.getvalue()


def read_import(path: Path) -> list[Term]:
    """The terms of an outside glossary file (``.csv``, or TBX as ``.tbx``/``.xml``), all rows valid.

    A CSV is l10n's (its header is :data:`FIELDS`) or Weblate's glossary CSV (a header naming
    ``source`` and ``target``: :func:`parse_weblate_csv`). TBX rows go through the same
    :func:`parse_row` as CSV rows; the first problem, a duplicate id included, raises naming
    *path* and the line.
    """
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        from l10n.glossary.tbx import read_tbx

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"{path} cannot be read ({exc.strerror}).") from None
        terms, problems = read_tbx(data, origin=str(path))
    elif suffix == ".csv":
        text = read_text(path)
        try:
            weblate = _weblate_columns(next(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")), [])) is not None
        except csv.Error:  # parse_csv names what is wrong with the header
            weblate = False
        terms, problems = (parse_weblate_csv if weblate else parse_csv)(text, origin=str(path))
    else:
        raise GlossaryError(f"{path} is neither .csv nor .tbx; give a glossary CSV or a TBX file.")
    problems = problems or duplicate_ids(terms)
    if problems:
        raise MalformedGlossaryError(f"{problems[0]}; fix the row, nothing was imported.")
    return terms


def validate_files(paths: Iterable[Path], *, reference: Iterable[Path] = ()) -> list[Problem]:
    """Every problem in the glossary files at *paths*: malformed rows and conflicts; and in the
    read-only *reference* files, their own rows (a project term overriding one is no conflict)."""
    terms: list[Term] = []
    problems: list[Problem] = []
    for path in reference:
        try:
            reference_terms(Path(path).resolve())
        except GlossaryError as exc:
            problems.append(Problem(str(path), str(exc)))
    for path in paths:
        try:
            text = read_text(Path(path))
        except GlossaryError as exc:
            problems.append(Problem(str(path), str(exc)))
            continue
        found, bad = parse_csv(text, origin=str(path))
        terms.extend(found)
        problems.extend(bad)
    taken = _reference_ids(tuple(Path(p).resolve() for p in reference))
    problems += [Problem(t.where, _reference_id_message(t.id)) for t in terms if t.id in taken]
    return problems + find_conflicts(terms) + second_english(terms)


_TAKEN = "A glossary entry with id {!r} already exists; choose another --id."


def _reference_ids(paths: tuple[Path, ...]) -> frozenset[str]:
    ids: set[str] = set()
    for path in paths:
        with contextlib.suppress(GlossaryError):  # a malformed reference file is its own problem
            ids.update(t.id for t in reference_terms(path))
    return frozenset(ids)


def _reference_id_message(term_id: str) -> str:
    return f"id {term_id!r} is a reference place's id ({REFERENCE_PLACES.name}); give the project's term an id of its own"


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


class Glossary:
    """All terms of a project's glossary files, in file order."""

    def __init__(self, terms: Iterable[Term] = (), *, files: Iterable[Path] = (), revision: str = "", layouts: dict | None = None,
                 reference: Iterable[Term] = ()):
        self.terms: list[Term] = list(terms)
        #: Read-only reference terms (:data:`REFERENCE_PLACES`) under the project's own: they
        #: match and are enforced like approved terms unless a project term has the same Chinese,
        #: and are never saved. ``terms`` holds the project's terms only.
        self.reference: tuple[Term, ...] = tuple(reference)
        self.layouts: dict[Path, _Layout] = dict(layouts or {})
        # Files are keyed by their resolved path: a relative, ./, absolute or symlinked
        # spelling of one file is the same file (one group on save, never two).
        self.files: list[Path] = [Path(f).resolve() for f in files]
        self.revision = revision or _revision({})
        self._positions: dict[tuple[str, str], int] = {}
        self._first: dict[str, int] = {}
        self._indexed = -1  # len(terms) when the two indexes were built: terms changes through add/replace
        self._reference_ids: frozenset[str] | None = None
        self._resolved: dict[str, Path] = {}  # a file as add was given it → resolved and checked

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], *, reference: Iterable[str | Path] = ()) -> Glossary:
        """Read the CSV files at *paths* (and the read-only *reference* files under them);
        the first malformed row raises :class:`GlossaryError`."""
        paths = [Path(p).resolve() for p in paths]
        under = [t for path in reference for t in reference_terms(Path(path).resolve())]
        terms: list[Term] = []
        contents: dict[str, bytes] = {}
        layouts: dict[Path, _Layout] = {}
        for path in paths:
            text = read_text(path)
            contents[path.name] = text.encode("utf-8")
            found, problems, layouts[path] = _parse_csv(text, str(path))
            if problems:
                more = f" ({len(problems) - 1} more problems)" if len(problems) > 1 else ""
                raise MalformedGlossaryError(f"{problems[0]}{more}; fix the row and run `l10n glossary validate`.")
            terms.extend(found)
        return cls(terms, files=paths, revision=_revision(contents), layouts=layouts, reference=under)

    def under(self) -> list[Term]:
        """The reference terms in force: those whose Chinese no approved or proposed project term has."""
        if not self.reference:
            return []
        own = {t.zh for t in self.terms if t.status in ("approved", "proposed")}
        return [t for t in self.reference if t.zh not in own]

    @classmethod
    def from_text(cls, text: str, *, origin: str = "<glossary>") -> Glossary:
        """A glossary from CSV text (for tests and library callers)."""
        terms, problems = parse_csv(text, origin=origin)
        if problems:
            raise MalformedGlossaryError(f"{problems[0]}; fix the row.")
        return cls(terms, revision=_revision({origin: text.encode("utf-8")}))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, term_id: str) -> Term:
        i = self._index()[1].get(term_id)
        if i is not None and self.terms[i].id == term_id:
            return self.terms[i]
        for term in (*self.terms, *self.reference):
            if term.id == term_id:
                return term
        raise UnknownTermError(f"No glossary entry has id {term_id!r}; run `l10n glossary list` to see the ids.")

    def matcher(self, on: dt.date | None = None):
        """A :class:`~l10n.glossary.match.Matcher` for approved terms valid *on* plus proposed hints."""
        from l10n.glossary.match import Matcher

        return Matcher.from_terms(self.terms, on=on, reference=self.under())

    def filter(self, *, status: str | None = None, category: str | None = None, text: str | None = None) -> list[Term]:
        """Terms with this status/category whose id, zh, en or note contains *text*."""
        needle = (text or "").lower()
        return [
            t
            for t in self.terms
            if (status is None or t.status == status)
            and (category is None or t.category == category)
            and (not needle or any(needle in v.lower() for v in (t.id, t.zh, t.en, t.note)))
        ]

    def problems(self) -> list[Problem]:
        return find_conflicts(self.terms)

    def _index(self) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
        """Where each (id, file) stands in ``terms``, and where each id first does: built once, kept by add and replace."""
        if self._indexed != len(self.terms):
            self._positions, self._first = {}, {}
            for i, term in enumerate(self.terms):
                self._positions.setdefault((term.id, term.file), i)
                self._first.setdefault(term.id, i)
            self._indexed = len(self.terms)
        return self._positions, self._first

    def has_id(self, term_id: str) -> bool:
        """Whether an entry of the project's glossary has id *term_id*."""
        return term_id in self._index()[1]

    def is_reference_id(self, term_id: str) -> bool:
        """Whether *term_id* is a reference place's id (no project term may take it)."""
        if self._reference_ids is None:
            self._reference_ids = frozenset(t.id for t in self.reference)
        return term_id in self._reference_ids

    def replace(self, old: Term, new: Term) -> Term:
        _refuse_reference(old.file)
        _check_row(new)
        i = self._index()[0].get((old.id, old.file))
        if i is None or self.terms[i].id != old.id or self.terms[i].file != old.file:
            self._indexed = -1  # changed behind the index's back: look again
            i = self._index()[0].get((old.id, old.file))
        if i is None:
            raise UnknownTermError(f"No glossary entry has id {old.id!r}; run `l10n glossary list` to see the ids.")
        self.terms[i] = dataclasses.replace(new, file=old.file, line=old.line, raw=old.raw, lead=old.lead)
        if new.id != old.id:
            self._indexed = -1
        return self.terms[i]

    def add(self, term: Term, *, file: Path) -> Term:
        if str(file) not in self._resolved:
            _refuse_reference(file)
            self._resolved[str(file)] = Path(file).resolve()
        file = self._resolved[str(file)]
        _check_row(term)
        positions, first = self._index()
        if term.id in first:
            raise GlossaryError(_TAKEN.format(term.id))
        if self.is_reference_id(term.id):
            raise GlossaryError(f"Id {term.id!r} is a reference place's id ({REFERENCE_PLACES.name}); choose another --id.")
        term = dataclasses.replace(term, file=str(file), line=0, raw="", lead="")
        self.terms.append(term)
        positions[(term.id, term.file)] = first[term.id] = len(self.terms) - 1
        self._indexed = len(self.terms)
        if file not in self.files:
            self.files.append(file)
        return term

    def save(self) -> list[Path]:
        """Write every file back atomically (only files whose content changed); returns them.

        Rows the session did not change keep their bytes (see :func:`render_file`).
        """
        from l10n.atomic import atomic_write_text

        problems = self.problems()
        if problems:
            raise TermConflictError(f"{problems[0]}; nothing was written.")
        written: list[Path] = []
        by_file: dict[Path, list[Term]] = {f: [] for f in self.files}
        resolved: dict[str, Path] = {}
        for term in self.terms:
            if term.file not in resolved:
                resolved[term.file] = Path(term.file).resolve()
            by_file.setdefault(resolved[term.file], []).append(term)
        for path, terms in by_file.items():
            text = render_file(terms, self.layouts.get(path, _Layout()))
            if path.exists() and path.read_bytes() == text.encode("utf-8"):
                continue
            atomic_write_text(path, text)
            written.append(path)
        return written


def _is_reference(path: str | Path) -> bool:
    return bool(path) and Path(path).resolve() == REFERENCE_PLACES


def _refuse_reference(path: str | Path) -> None:
    if _is_reference(path):
        raise GlossaryError(
            f"{REFERENCE_PLACES} is l10n's read-only reference data, not a project glossary file; nothing was written."
            " To change a place's English, propose a term with the same Chinese in your glossary: it overrides the reference."
        )


@functools.lru_cache(maxsize=4)
def reference_terms(path: Path = REFERENCE_PLACES) -> tuple[Term, ...]:
    """The terms of a read-only reference file, read once per process; a malformed one raises
    naming the row.

    The file is generated (``scripts/build_places.py`` writes it only when :func:`parse_csv`
    finds no problem in it, and a test checks the committed file the same way), so its rows
    are read lean: four times faster than :func:`parse_row`'s checks, which keeps ``l10n glossary
    validate`` well under a second. A row the lean reader cannot take as it stands (forbidden
    forms, a bad date, a wrong field count) sends the whole file through :func:`parse_csv`;
    the old names' ``valid_to`` dates are read lean.
    """
    from l10n.places import rows

    if not path.is_file():
        read_text(path)  # raises naming the file
    text, body = rows(path)
    lean = _lean_reference(body, str(path)) if text.startswith(",".join(FIELDS) + "\n") else None
    if lean is not None:
        return lean
    terms, problems = parse_csv(text, origin=str(path))
    problems = problems or duplicate_ids(terms)
    if problems:
        raise MalformedGlossaryError(f"{problems[0]}; rebuild it with scripts/build_places.py.")
    return tuple(terms)


def _lean_reference(rows, origin: str) -> tuple[Term, ...] | None:
    terms = []
    bad: list[str] = []
    for line, r in enumerate(rows, 2):
        if len(r) != len(FIELDS) or r[7] or r[4] != "approved" or not (r[0] and r[1] and r[2]):
            return None
        valid_from = _parse_date(r[5], "valid_from", bad) if r[5] else None
        valid_to = _parse_date(r[6], "valid_to", bad) if r[6] else None
        if bad or (valid_from and valid_to and valid_from > valid_to):
            return None
        terms.append(Term(id=r[0], zh=r[1], en=r[2], category=r[3], status=r[4], valid_from=valid_from, valid_to=valid_to, note=r[8],
                          proposed_by=r[9], approved_by=r[10], updated_at=r[11], file=origin, line=line))
    return tuple(terms)


def _check_row(term: Term) -> None:
    """Refuse a term (from the command line or an import) whose row the CSV check would refuse."""
    problems = parse_row(term.row())[1]
    if problems:
        raise GlossaryError(f"{term.id}: {problems[0]}; nothing was written.")


def _revision(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode("utf-8") + b"\0" + contents[name] + b"\0")
    return digest.hexdigest()[:12]


def writable_file(config, path: str | Path) -> Path:
    """The resolved glossary file *path* names, if l10n may write it.

    Only a file the configured globs cover, or a new ``.csv`` directly in the glossary
    folder, is a glossary file; anything else (the config, a bulletin, a file elsewhere)
    raises :class:`GlossaryError` before anything is written.
    """
    target = Path(path).resolve()
    _refuse_reference(target)
    if target in {p.resolve() for p in config.glossary_files()}:
        return target
    if target.suffix.lower() == ".csv" and target.parent == config.glossary_dir.resolve() and not target.exists():
        return target
    raise GlossaryError(
        f"{path} is not a glossary file; give a file the [paths] glossary globs cover or a new .csv in {config.glossary_dir}."
    )


def export_target(config, path: str | Path) -> Path:
    """The resolved file an export of the glossary may write: never a file a ``[paths] glossary``
    glob covers (one there now or one it would cover once written), nothing inside the glossary
    folder, and not the reference data; those raise :class:`GlossaryError` before anything is written.
    """
    target = Path(path).resolve()
    _refuse_reference(target)
    root = Path(config.root).resolve()
    folder = Path(config.glossary_dir).resolve()
    covered = any(_glob_covers(os.path.normpath(os.path.join(root, pattern)), target) for pattern in config.glossary_globs)
    if covered or (folder != root and target.is_relative_to(folder)):
        place = "a file the [paths] glossary globs cover" if covered else "inside the glossary folder"
        raise GlossaryError(
            f"{path} is {place}, so an export there would overwrite glossary terms or load a second copy of each;"
            f" export to a path outside {config.glossary_dir} (e.g. terms.tbx), nothing was written."
        )
    return target


def _glob_covers(pattern: str, path: Path) -> bool:
    """Whether the absolute glob *pattern* (``*``, ``?``, ``[…]`` within a name, ``**`` across
    folders, as :meth:`pathlib.Path.glob` reads it) covers the absolute *path*, existing or not.

    >>> _glob_covers("/p/glossary/*.csv", Path("/p/glossary/all.csv")), _glob_covers("/p/glossary/*.csv", Path("/p/all.csv"))
    (True, False)
    >>> _glob_covers("/p/**/*.csv", Path("/p/a/b/x.csv"))
    True
    """
    import fnmatch

    def covers(parts: tuple[str, ...], names: tuple[str, ...]) -> bool:
        if not parts:
            return not names
        if parts[0] == "**":
            return any(covers(parts[1:], names[i:]) for i in range(len(names) + 1))
        return bool(names) and fnmatch.fnmatchcase(names[0], parts[0]) and covers(parts[1:], names[1:])

    return covers(Path(pattern).parts, path.parts)


def reference_files(config) -> list[Path]:
    """The read-only reference files under the project's glossary (``[glossary] reference_places``)."""
    return [REFERENCE_PLACES] if getattr(config, "reference_places", True) else []


def load_glossary(config) -> Glossary:
    """The glossary of the project *config* (a :class:`l10n.config.Config`), with the
    reference places under it unless ``[glossary] reference_places = false``."""
    return Glossary.from_files(config.glossary_files(), reference=reference_files(config))


@contextlib.contextmanager
def editing(config, *, timeout: float = LOCK_TIMEOUT) -> Iterator[Glossary]:
    """Lock the glossary directory, load the glossary, and save it if the block succeeds.

    Two editors never interleave: the second waits up to *timeout* seconds for the
    first. A malformed file raises before anything is written.
    """
    from l10n.atomic import held_lock

    directory = config.glossary_dir
    directory.mkdir(parents=True, exist_ok=True)
    busy = GlossaryLockedError(f"Another editor is changing the glossary in {directory}; try again when they are done.")
    with held_lock(directory / LOCK_NAME, busy, timeout=timeout):
        glossary = load_glossary(config)
        yield glossary
        glossary.save()


# --- workflow ------------------------------------------------------------------------


def now_stamp() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_name(name: str) -> str:
    """*name* (``--by``, the translator in l10n.toml), if it may sign a glossary row.

    >>> check_name("Jing")
    'Jing'
    """
    problem = _field_problem("the name", name)
    if problem:
        raise GlossaryError(f"{problem[0].upper()}{problem[1:]} (it comes from --by or translator in l10n.toml).")
    return name


def make_id(glossary: Glossary, en: str, category: str = "") -> str:
    """A new stable id from the category and the English.

    >>> make_id(Glossary(), "Party History Research Office", "organ")
    'organ-party-history-research-office'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")[:48].strip("-") or "term"
    base = f"{category}-{stem}" if category and _ID.match(category) else stem
    taken = {t.id for t in glossary.terms}
    candidate, n = base, 2
    while candidate in taken or glossary.is_reference_id(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def content_id(zh: str, en: str) -> str:
    """The id of an imported entry that brings none (or none l10n can use), derived from its
    Chinese and English: the English's words and a digest of both, so the same term gets the same
    id from every file, and another term (other Chinese or other English) never gets it.

    >>> content_id("政协", "CPPCC"), content_id("政协", "CPPCC") == content_id("政协", "CPPCC ")
    ('cppcc-f6337e931f', False)
    """
    stem = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")[:40].strip("-") or "term"
    digest = hashlib.sha256("\x1f".join((zh, en)).encode("utf-8")).hexdigest()
    return f"{stem}-{digest[:10]}"


def _check_approvable(glossary: Glossary, term: Term) -> None:
    for other in glossary.terms:
        if other.id != term.id and other.status == "approved" and other.zh == term.zh and other.en != term.en and other.overlaps(term):
            raise TermConflictError(
                f"{term.id} ({term.zh} → {term.en}) conflicts with approved {other.id} ({other.en}) on overlapping dates;"
                f" deprecate {other.id} or set --valid-from/--valid-to first."
            )


def _check_entry(glossary: Glossary, term: Term, *, family: Iterable[Term], approved: Iterable[Term], where: str = "",
                 nothing: str = ".") -> None:
    """Refuse a new entry that :func:`propose` or :func:`merge` would add, naming *where* it comes from.

    Its id is no reference place's; an id ``X.rN`` (or ``X`` beside ``X.rN``) joins an entry's
    revision family (*family*: the entries already there), whose approval deprecates the rest of
    it, so it must share the Chinese of one of them (only :func:`edit` revises the Chinese); a
    proposal gives no approved Chinese term (*approved*: those with its Chinese) a second English,
    and an approved entry agrees with them.
    """
    at = f"{where}: " if where else ""
    if glossary.is_reference_id(term.id):
        raise GlossaryError(f"{at}{_reference_id_message(term.id)}{nothing}")
    family = [t for t in family if t.id != term.id]
    if family and term.zh not in {t.zh for t in family}:
        first = family[0]
        raise GlossaryError(
            f"{at}id {term.id} makes {term.zh} → {term.en!r} a revision of {first.id} ({first.zh} → {first.en!r}), whose approval would"
            f" deprecate {first.id}, but a revision keeps its entry's Chinese; give it an id of its own"
            f" (`l10n glossary edit {first.id}` revises that entry){nothing}"
        )
    if term.status == "proposed":
        other = _second_english_of(term, approved)
        if other is not None:
            raise GlossaryError(
                f"{at}{term.zh} → {term.en!r} would be a second English for approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; revise {other.id} with `l10n glossary edit {other.id} --en …` or set --valid-from/--valid-to{nothing}"
            )
    elif term.status == "approved":
        other = next((o for o in approved if o.id != term.id and o.zh == term.zh and o.en != term.en and o.overlaps(term)), None)
        if other is not None:
            raise TermConflictError(
                f"{at}approved {term.zh} → {term.en!r} conflicts with approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; deprecate one of them or set their validity dates apart{nothing}"
            )


def propose(
    glossary: Glossary,
    zh: str,
    en: str,
    *,
    by: str = "",
    category: str = "",
    term_id: str | None = None,
    forbidden: Iterable[str] = (),
    note: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    file: Path | None = None,
    now: str | None = None,
) -> Term:
    """Add a proposed term and return it."""
    check_name(by)
    zh, en = zh.strip(), en.strip()
    if not zh or not en:
        raise GlossaryError("A term needs both the Chinese and the English; give ZH and EN.")
    if valid_from and valid_to and valid_from > valid_to:
        raise GlossaryError(f"--valid-from {valid_from} is after --valid-to {valid_to}; swap them.")
    for t in glossary.terms:
        if t.zh == zh and t.en == en and t.status in ("proposed", "approved"):
            raise GlossaryError(f"{zh} → {en} is already in the glossary as {t.id} ({t.status}).")
    if term_id is not None and not _ID.match(term_id):
        raise GlossaryError(f"Id {term_id!r} must be lower-case letters, digits, '.', '_' or '-'.")
    term = Term(
        id=term_id or make_id(glossary, en, category),
        zh=zh,
        en=en,
        category=category,
        status="proposed",
        valid_from=valid_from,
        valid_to=valid_to,
        forbidden=tuple(f.strip() for f in forbidden if f.strip()),
        note=note,
        proposed_by=by,
        updated_at=now or now_stamp(),
    )
    _check_row(term)
    if glossary.has_id(term.id):
        raise GlossaryError(_TAKEN.format(term.id))
    _check_entry(glossary, term, family=[t for t in glossary.terms if _base(t.id) == _base(term.id)],
                 approved=[t for t in glossary.terms if t.status == "approved" and t.zh == term.zh], nothing="; nothing was written.")
    if file is None:
        file = default_file(glossary, category)
    return glossary.add(term, file=file)


def default_file(glossary: Glossary, category: str, directory: Path | None = None) -> Path:
    """Where a new term goes: the file named after its category (organ → organs.csv),
    else the file holding most terms of that category, else ``proposed.csv``.

    >>> g = Glossary([Term("a", "香港", "Hong Kong", "organ", file="/g/hongkong.csv"), Term("b", "政协", "CPPCC", "organ", file="/g/organs.csv")],
    ...              files=["/g/hongkong.csv", "/g/organs.csv"])
    >>> default_file(g, "organ").name, default_file(g, "title").name
    ('organs.csv', 'proposed.csv')
    """
    if category:
        for path in glossary.files:
            if path.stem.lower() in (category.lower(), f"{category.lower()}s"):
                return path
        counts: dict[str, int] = {}
        for t in glossary.terms:
            if t.category == category and t.file:
                counts[t.file] = counts.get(t.file, 0) + 1
        if counts:
            return Path(max(counts, key=counts.__getitem__))
    if directory is None:
        directory = glossary.files[0].parent if glossary.files else Path("glossary")
    return directory / DEFAULT_FILE


def supersedes(glossary: Glossary, term_id: str) -> list[Term]:
    """The approved entries approving *term_id* deprecates: the rest of its revision family
    (``X``, ``X.r2`` … share the id before ``.rN``)."""
    return [t for t in _family(glossary, glossary.get(term_id)) if t.status == "approved"]


def set_status(glossary: Glossary, term_id: str, status: str, *, by: str = "", now: str | None = None) -> Term:
    """Approve, reject or deprecate the term *term_id*; records who and when.

    Approving a revision deprecates the approved entries of its family (see :func:`supersedes`),
    each with the note "superseded by X.rN".
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    check_name(by)
    term = glossary.get(term_id)
    _refuse_reference(term.file)
    if term.status == status:
        raise GlossaryError(f"{term_id} is already {status}.")
    if status == "rejected" and term.status != "proposed":
        instead = (f"so deprecate it instead (`l10n glossary deprecate {term_id}`)" if term.status == "approved"
                   else f"and a {term.status} term is already out of use")
        raise GlossaryError(f"{term_id} is {term.status}; only a proposal can be rejected, {instead}.")
    if status == "deprecated" and term.status != "approved":
        instead = (f"so reject the proposal instead (`l10n glossary reject {term_id}`)" if term.status == "proposed"
                   else f"and a {term.status} term is already out of use")
        raise GlossaryError(f"{term_id} is {term.status}; only an approved term can be deprecated, {instead}.")
    if status == "approved":
        if not by:
            raise GlossaryError("Approval records who approved; pass --by NAME or set translator in l10n.toml.")
        for old in supersedes(glossary, term_id):
            note = f"{old.note}; superseded by {term.id}" if old.note else f"superseded by {term.id}"
            glossary.replace(old, dataclasses.replace(old, status="deprecated", note=note, updated_at=now or now_stamp()))
        _check_approvable(glossary, term)
    changed = dataclasses.replace(
        term,
        status=status,
        approved_by=by if status == "approved" else term.approved_by,
        updated_at=now or now_stamp(),
    )
    return glossary.replace(term, changed)


def approve(glossary: Glossary, term_id: str, *, by: str, now: str | None = None) -> Term:
    return set_status(glossary, term_id, "approved", by=by, now=now)


def reject(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None) -> Term:
    return set_status(glossary, term_id, "rejected", by=by, now=now)


def deprecate(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None) -> Term:
    return set_status(glossary, term_id, "deprecated", by=by, now=now)


_EDITABLE = ("zh", "en", "category", "valid_from", "valid_to", "forbidden", "note")


def edit(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None, **changes) -> Term:
    """Change the fields given (a validity of None clears it); an approved term goes back to proposed."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
    check_name(by)
    term = glossary.get(term_id)
    _refuse_reference(term.file)
    changes = {k: v for k, v in changes.items() if v is not None or k in ("valid_from", "valid_to")}
    if "forbidden" in changes:
        changes["forbidden"] = tuple(f.strip() for f in changes["forbidden"] if f.strip())
    for key in ("zh", "en"):
        if key in changes:
            changes[key] = changes[key].strip()
            if not changes[key]:
                raise GlossaryError(f"--{key} cannot be empty; give the new text.")
    new = dataclasses.replace(term, **changes)
    if new.valid_from and new.valid_to and new.valid_from > new.valid_to:
        raise GlossaryError(f"valid_from {new.valid_from} is after valid_to {new.valid_to}; fix the dates.")
    if new == term:
        raise GlossaryError(f"{term_id} already has these values; nothing to change.")
    if term.status == "approved":
        return add_revision(glossary, term, new, by=by, now=now)
    if new.status == "proposed":
        other = _second_english_of(new, [t for t in glossary.terms if t.status == "approved" and t.zh == new.zh])
        if other is not None:
            raise GlossaryError(
                f"{new.zh} → {new.en!r} would be a second English for approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; revise {other.id} with `l10n glossary edit {other.id} --en …` instead, nothing was written."
            )
    return glossary.replace(term, dataclasses.replace(new, updated_at=now or now_stamp()))


_REVISION = re.compile(r"\.r\d+$")


def _base(term_id: str) -> str:
    """The id of the entry a revision id ``X.rN`` revises (``X``); any other id is its own."""
    return _REVISION.sub("", term_id)


def _family(glossary: Glossary, term: Term) -> list[Term]:
    """The other entries of *term*'s revision family: ``X`` and its revisions ``X.r2``, ``X.r3`` …"""
    base = _base(term.id)
    return [t for t in glossary.terms if t.id != term.id and _base(t.id) == base]


def add_revision(glossary: Glossary, approved: Term, new: Term, *, by: str = "", now: str | None = None) -> Term:
    """Store a change to the approved term *approved* as a proposed revision row.

    The approved entry stays in force, untouched, until the revision (id ``X.rN``) is
    approved; approving it deprecates *approved* with the note "superseded by X.rN".
    No entry's id ever changes.
    """
    pending = [t for t in _family(glossary, approved) if t.status == "proposed"]
    if pending:
        raise GlossaryError(f"{approved.id} already has a pending revision {pending[0].id}; edit {pending[0].id} or reject it first.")
    base = _base(approved.id)
    taken = {t.id for t in glossary.terms}
    n = 2
    while f"{base}.r{n}" in taken:
        n += 1
    revision = dataclasses.replace(new, id=f"{base}.r{n}", status="proposed", proposed_by=by, approved_by="", updated_at=now or now_stamp())
    return glossary.add(revision, file=Path(approved.file) if approved.file else default_file(glossary, revision.category))


def _says(current: Term | None, term: Term) -> bool:
    """Whether the approved entry *current* already says what *term*, approved or proposed, would."""
    return (current is not None and current.status == "approved" and term.status in ("approved", "proposed")
            and all(getattr(current, f) == getattr(term, f) for f in _EDITABLE))


def merge(
    glossary: Glossary, incoming: Iterable[Term], *, file: Path, replace: bool = False, approved_by: str = "", now: str | None = None
) -> tuple[int, int, int]:
    """Add *incoming* terms to *glossary*; returns (added, updated, unchanged).

    An outside file's approval is not our editors': a term it marks approved comes in
    proposed, unless *approved_by* names the editor who approves it on import. An
    entry identical to the glossary's, or saying what its approved entry (or that
    entry's approved revision) says, is unchanged; an incoming id already present with
    other content is refused unless *replace*. A replaced approved entry stays on record:
    the new content becomes its revision (see :func:`add_revision`), approved on import
    (deprecating the old entry) only when *approved_by* approves it. Each new entry is
    checked as :func:`propose` checks one; the first refused raises naming its place in
    the imported file, and the caller writes nothing. Time grows linearly with the entries
    (a revision of an approved entry costs a pass over the glossary).
    """
    check_name(approved_by)
    nothing = "; nothing was imported."
    added = updated = same = 0
    before: dict[str, list[Term]] = {}  # the revision families as they were before this import
    family: dict[str, list[str]] = {}  # the ids of each family now
    with_zh: dict[str, list[str]] = {}  # the ids of the entries with each Chinese term (some may have changed since)
    for t in glossary.terms:
        before.setdefault(_base(t.id), []).append(t)
        family.setdefault(_base(t.id), []).append(t.id)
        with_zh.setdefault(t.zh, []).append(t.id)

    def approved(zh: str, but: str = "") -> list[Term]:
        now_there = (glossary.get(i) for i in dict.fromkeys(with_zh.get(zh, ())) if i != but)
        return [t for t in now_there if t.status == "approved" and t.zh == zh]

    def in_force(existing: Term) -> Term | None:
        if existing.status == "approved":
            return existing
        return next((t for t in map(glossary.get, family.get(_base(existing.id), ())) if t.status == "approved"), None)

    for term in incoming:
        existing = glossary.get(term.id) if glossary.has_id(term.id) else None
        if existing is not None and existing == term:
            same += 1
            continue
        where = term.where  # the imported file's line, before the term takes its place in ours
        if term.status == "approved":
            term = dataclasses.replace(term, approved_by=approved_by, updated_at=now or now_stamp()) if approved_by else (
                dataclasses.replace(term, status="proposed", approved_by=""))
        if existing is None:
            _check_entry(glossary, term, family=before.get(_base(term.id), ()), approved=approved(term.zh), where=where, nothing=nothing)
            term = glossary.add(term, file=file)
            added += 1
        else:
            current = in_force(existing)
            if existing == term or _says(current, term):
                same += 1
                continue
            if not replace:
                raise GlossaryError(f"{where}: entry {term.id} differs from the glossary's ({existing.where}); pass --replace to overwrite it.")
            if current is not None:
                # the entry in force stays on record: the new content is its revision, approved on import only by --approve
                term = add_revision(glossary, current, term, by=term.proposed_by, now=now)
                if approved_by:
                    term = approve(glossary, term.id, by=approved_by, now=now)
            else:
                _check_entry(glossary, term, family=(), approved=approved(term.zh, but=existing.id), where=where, nothing=nothing)
                term = glossary.replace(existing, term)
            updated += 1
        family.setdefault(_base(term.id), []).append(term.id)
        with_zh.setdefault(term.zh, []).append(term.id)
    return added, updated, same
