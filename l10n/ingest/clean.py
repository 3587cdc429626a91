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
_IMAGE = re.compile(r"^(\[?(image|img|图片|图像|photo)\]?\d*|\S+\.(jpe?g|png|gif|webp|bmp))$", re.I)
_FOOTER = re.compile(
    r"版[权權]所有|copyright|©|ICP|[备備]案[号號]|技[术術]支持|[监監]督[电電][话話]|[联聯][系繫][电電][话話]|"
    r"[举舉][报報][电電][话話]|[联聯][系繫]我[们們]|[网網]站地[图圖]|主[办辦][单單]位|承[办辦][单單]位|主[办辦][:：]|承[办辦][:：]|"
    r"[网網]站[标標]{1}[识識]{1}[码碼]|公[网網]安[备備]|sponsored by|all rights reserved|"
    r"^地址[:：]|^[邮郵][编編][:：]|^[电電][话話][:：]|^[传傳]真[:：]|^E-?mail[:：]|最佳[浏瀏][览覽]|分辨率",
    re.I,
)
_BREADCRUMB = re.compile(r"^([当當]前位置|您的位置|您[现現]在的位置|所在位置|current location|home\s*>|首页\s*[>»›])", re.I)
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[>»›]\s*")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
"""An HTML tag written in a text line: its ``>`` separates no breadcrumb."""
_TOOLBAR = re.compile(r"^[【\[]?\s*(大|中|小|A|打印|关闭|收藏|分享|返回)(\s*(大|中|小|A|打印|关闭|收藏|分享|返回))*\s*[】\]]?$|打印本页|关闭窗口|分享到|字号[:：]?")
_META_KEY = re.compile(
    r"([编編][辑輯]|[责責]任[编編][辑輯]|[发發]布[时時][间間]|[发發]布日期|[发發][表布][时時][间間]|日期|[时時][间間]|更新[时時][间間]|"
    r"[来來]源|信息[来來]源|作者|[浏瀏][览覽]次[数數]|[点點][击擊][数數]|[阅閱][读讀]次[数數]|[访訪][问問]量|"
    r"date add in|date|time|from|source|edit|author|views)\s*[:：]",
    re.I,
)
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_SOURCE = re.compile(r"(?:[来來]源|信息[来來]源|from|source)\s*[:：]\s*(.+?)(?=\s{2,}|\s*\||\s*(?:编辑|作者|时间|日期|发布|edit|date|time)\s*[:：]|$)", re.I)
_COPYRIGHT_HOLDER = re.compile(r"版[权權]所有\s*[:：©]?\s*([^\s(（|]+)")
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
    return len(line) <= _SHORT and not any(c in "。！？；!?;" for c in line)


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
        if not out.title and len(line) <= _TITLE_MAX and line[-1] not in "。！？；!?;:：,，":
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
