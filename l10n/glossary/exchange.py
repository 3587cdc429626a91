"""Other tools' glossary files: Weblate's glossary CSV, content-derived ids, and
:func:`read_import`, which reads an outside CSV or TBX file (:mod:`l10n.glossary.tbx`) for
``glossary import``. Every name here is also importable from :mod:`l10n.glossary.store`.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path

from l10n.glossary.files import read_text
from l10n.glossary.model import (
    _ID,
    FIELDS,
    GlossaryError,
    MalformedGlossaryError,
    Problem,
    Term,
    duplicate_ids,
    parse_csv,
    parse_row,
)

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
