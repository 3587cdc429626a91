"""Tell a bulletin's article from the page furniture scraped with it.

Each rule is a small function from a line to a reason (or None); :func:`clean_lines`
applies them in order and keeps a record of every line it drops and why, so a
person can check that nothing real was removed (``l10n ingest --show-removed``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from l10n.ingest.decode import count_cjk
from l10n.ingest.source import clean_source
from l10n.lexicon import CLAUSE_END, SENTENCE_END
from l10n.vocabulary import alternation, table, words


@dataclass(frozen=True)
class Removed:
    """A source line dropped from the bulletin, and the rule that dropped it."""

    line: int
    text: str
    reason: str


@dataclass
class Cleaned:
    """What :func:`clean_lines` found: metadata, body paragraphs, dropped lines."""

    title: str = ""
    title_line: int = 0
    date: dt.date | None = None
    source: str = ""
    source_line: int = 0
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


_NUMBER_ONLY = re.compile(r"^[\d\s,.:/-]+$")
_TRADITIONAL = table("traditional_forms")


def _either_form(word: str) -> str:
    """A pattern for *word* with each character in its simplified or traditional form
    (``traditional_forms.tsv``: 版权所有 is 版權所有 too) and a full-width colon as either colon."""
    return "".join(f"[{c}{_TRADITIONAL[c]}]" if c in _TRADITIONAL else "[:：]" if c == "：" else re.escape(c) for c in word)


def _any_of(entries) -> str:
    """A pattern for any of *entries* in either form (:func:`_either_form`), the longest first."""
    return "|".join(_either_form(w) for w in sorted(entries, key=len, reverse=True))


_IMAGE = re.compile(rf"^(\[?({alternation('image_placeholders')})\]?\d*|\S+\.(jpe?g|png|gif|webp|bmp))$", re.I)
_FOOTER = re.compile(f"{_any_of(words('footer_words'))}|{_any_of(words('copyright_notices'))}"
                     f"|^(?:{_any_of(words('contact_labels'))})", re.I)
"""A footer word or a copyright notice anywhere in the line, or a contact label opening it."""
_BREADCRUMB = re.compile("^(?:" + "|".join(_either_form(start) + (rf"\s*[{re.escape(separators)}]" if separators else "")
                                           for start, separators in table("breadcrumb_starts").items()) + ")", re.I)
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[>»›]\s*")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
"""An HTML tag written in a text line: its ``>`` separates no breadcrumb."""
_BUTTON = alternation("toolbar_buttons")
_TOOLBAR = re.compile(rf"^[【\[]?\s*(?:{_BUTTON})(?:\s*(?:{_BUTTON}))*\s*[】\]]?$|{alternation('toolbar_phrases')}")
_META_KEY = re.compile(rf"(?:{_any_of(words('metadata_labels'))})\s*[:：]", re.I)
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_SOURCE_LABEL = _any_of(label for label, kind in table("metadata_labels").items() if kind == "source")
_SOURCE = re.compile(rf"(?:{_SOURCE_LABEL})\s*[:：]\s*(.+?)(?=\s{{2,}}|\s*\||\s*(?:{alternation('source_end_labels')})\s*[:：]|$)", re.I)
_COPYRIGHT_HOLDER = re.compile(rf"(?:{_any_of(words('copyright_notices'))})\s*[:：©]?\s*([^\s(（|]+)")
_SENTENCE_MARKS = SENTENCE_END.replace("…", "")
"""What makes a short line a sentence, not a menu's link: a sentence end (:data:`l10n.lexicon.SENTENCE_END`),
but not the ellipsis, which ends a link as often (更多…)."""
_CLAUSE_MARKS = CLAUSE_END.replace("…", "")
"""What a title does not end in: a clause or sentence end, the ellipsis again excepted (a title may trail off)."""
_SHORT = 10
_MENU_RUN = 3
_TITLE_MAX = 80


def parse_date(text: str) -> dt.date | None:
    """The first calendar date written as digits in *text*.

    >>> parse_date("编辑:2023-12-09 00:00:00"), parse_date("Time: 2021.11.18 10:42"), parse_date("2024年5月16日")
    (datetime.date(2023, 12, 9), datetime.date(2021, 11, 18), datetime.date(2024, 5, 16))
    """
    for match in _DATE.finditer(text):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


def _number_only(line: str) -> str | None:
    return "number-only" if _NUMBER_ONLY.match(line) else None


def _image(line: str) -> str | None:
    return "image" if _IMAGE.match(line) else None


def _footer(line: str) -> str | None:
    return "footer" if _FOOTER.search(line) and len(line) < 200 else None


def _navigation(line: str) -> str | None:
    if _BREADCRUMB.match(line) or len(_BREADCRUMB_SEPARATORS.split(_TAG.sub(" ", line))) >= 3 and len(line) < 120:
        return "navigation"
    if _TOOLBAR.search(line) and len(line) < 40:
        return "navigation"
    if line[:1] in "•·▪●◆■-*" and len(line) < 40:
        return "navigation"
    return None


def _metadata(line: str) -> str | None:
    if len(line) < 160 and _META_KEY.search(line) and (parse_date(line) or _SOURCE.search(line) or len(line) < 40):
        return "metadata"
    return None


_LINE_RULES = (_number_only, _image, _footer, _navigation, _metadata)


def _is_short(line: str) -> bool:
    return len(line) <= _SHORT and not any(c in _SENTENCE_MARKS for c in line)


def clean_lines(lines: list[tuple[int, str]], *, title: str = "") -> Cleaned:
    """Sort numbered *lines* into title, date, source, body paragraphs and removed lines.

    *title* is a title already known (from HTML metadata); otherwise the first
    short Chinese line that is not furniture becomes the title.
    """
    out = Cleaned(title=title)
    kept: list[tuple[int, str]] = []
    stripped = [(n, line.strip()) for n, line in lines]
    menu_lines = _menu_runs(stripped)
    for n, line in stripped:
        if not line:
            continue
        reason = next((r for rule in _LINE_RULES if (r := rule(line))), None)
        if reason is None and n in menu_lines:
            reason = "navigation"
        if reason is None and count_cjk(line) == 0:
            reason = "no Chinese"
        if reason in ("metadata", "footer"):
            out.date = out.date or parse_date(line)
            if not out.source and (source := _source_of(line)):
                out.source, out.source_line = source, n
        if reason:
            out.removed.append(Removed(n, line, reason))
            continue
        kept.append((n, line))
    seen: set[str] = set()
    for n, line in kept:
        if line in seen or line == out.title and out.title_line:
            out.removed.append(Removed(n, line, "duplicate"))
            continue
        seen.add(line)
        if line == out.title and not out.title_line:
            out.title_line = n
            continue
        if not out.title and len(line) <= _TITLE_MAX and line[-1] not in _CLAUSE_MARKS:
            out.title, out.title_line = line, n
            continue
        out.paragraphs.append((n, line))
    out.removed.sort(key=lambda r: r.line)
    return out


def _source_of(line: str) -> str:
    match = _SOURCE.search(line) or _COPYRIGHT_HOLDER.search(line)
    return clean_source(match.group(1)) if match else ""


def _menu_runs(lines: list[tuple[int, str]]) -> set[int]:
    """Line numbers in runs of at least three consecutive short lines (menus)."""
    found: set[int] = set()
    run: list[int] = []
    for n, line in [*lines, (-1, "")]:
        if line and _is_short(line):
            run.append(n)
            continue
        if len(run) >= _MENU_RUN:
            found.update(run)
        run = []
    return found
