"""Ingest: a scraped bulletin (text or saved HTML) → clean source segments → ``.pot``.

>>> b = parse_bulletin("首页 > 新闻\\n\\n市政协召开会议\\n\\n发布时间:2024-05-16\\n\\n会议由主任主持。大家发言。\\n\\n12345", slug="demo")
>>> b.title, str(b.date), [s.text for s in b.segments]
('市政协召开会议', '2024-05-16', ['市政协召开会议', '会议由主任主持。', '大家发言。'])
>>> [(r.text, r.reason) for r in b.removed]
[('首页 > 新闻', 'navigation'), ('发布时间:2024-05-16', 'metadata'), ('12345', 'number-only')]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from l10n.catalog import SOURCE_CONTEXT, Catalog, Entry, MergeReport, base_header, catalog_lock, merge_template, read_catalog, write_catalog
from l10n.errors import InputError, NoChineseTextError
from l10n.ingest.clean import Removed, clean_lines, parse_date
from l10n.ingest.decode import count_cjk, decode_bytes, normalise_text, read_input
from l10n.ingest.segment import split_sentences
from l10n.ingest.source import clean_source
from l10n.lexicon import MAX_SEGMENT

__all__ = ["Bulletin", "Segment", "Removed", "read_bulletin", "parse_bulletin", "template_from_bulletin", "ingest", "reference_for",
           "slugify"]

_MIN_CJK_SHARE = 0.3
"""The least share of Chinese characters among the article's Chinese characters and Latin
words (a Chinese character against a word: an English page quoting a few Chinese names is no
bulletin, a Chinese sentence quoting a line of code or a ``<script>`` tag still is one)."""
_MARKUP = re.compile(r"<[^<>\n]{0,200}>")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_DEFAULT_HTML_DEPTH = 255
"""How deep libxml2 (under trafilatura) nests elements by default: a page nested deeper is read again without that limit."""
_MAX_HTML_DEPTH = 1000
"""How deep a page's elements may nest for l10n to look for its article (extraction slows with
the square of the depth; real pages nest a few dozen deep)."""


@dataclass(frozen=True)
class Segment:
    """One sentence of the bulletin; paragraph 0 is the title."""

    paragraph: int
    sentence: int
    text: str
    line: int

    @property
    def context(self) -> str:
        return f"{self.paragraph}.{self.sentence}"


@dataclass
class Bulletin:
    """A bulletin's metadata and its cleaned, segmented article."""

    slug: str
    title: str
    date: dt.date | None
    source: str
    paragraphs: list[str]
    segments: list[Segment]
    removed: list[Removed] = field(default_factory=list)
    source_line: int = 0  # the line the source office was found on (0: not known, as for the page's site name)
    path: str = ""
    sha256: str = ""
    encoding: str = "utf-8"
    url: str = ""  # the page's own web address (its canonical link or og:url), when it names one: the site links the original


def slugify(name: str) -> str:
    """A file-name-safe slug (one :func:`l10n.config.check_slug` accepts).

    >>> slugify("001_EE222a08 Bulletin.txt")
    '001_ee222a08-bulletin-txt'
    """
    slug = re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-_")[:64].rstrip("-_")
    return slug or "bulletin"


def read_bulletin(path: str | Path, *, slug: str | None = None, date: dt.date | None = None, encoding: str | None = None) -> Bulletin:
    """Read and clean the bulletin at *path* (``.txt`` as scraped, or saved ``.html``), in
    *encoding* when one is given (``--encoding``), else in the one detected."""
    path = Path(path)
    data = read_input(path)
    if not data.strip():
        raise InputError(f"{path} is empty.")
    text, encoding = decode_bytes(data, origin=str(path), encoding=encoding)
    bulletin = parse_bulletin(text, slug=slug or slugify(path.stem), date=date, origin=str(path), html=_looks_like_html(path, text))
    bulletin.path = str(path)
    bulletin.sha256 = hashlib.sha256(data).hexdigest()
    bulletin.encoding = encoding
    return bulletin


def _looks_like_html(path: Path, text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html"))


def parse_bulletin(text: str, *, slug: str, date: dt.date | None = None, origin: str = "bulletin", html: bool = False) -> Bulletin:
    """Clean and segment bulletin *text*; HTML goes through a main-text extractor first."""
    title = site = url = ""
    html_date = None
    raw = text
    if html:
        text, title, site, html_date, url = _extract_html(text, origin)
    text = normalise_text(text)
    title = normalise_text(title).strip()
    lines = list(enumerate(text.split("\n"), start=1))
    if html:
        lines = [(_line_in(raw, line), line) for _, line in lines]
    cleaned = clean_lines(lines, title=title)
    if not cleaned.paragraphs:
        but = " but the title" if cleaned.title else ""
        raise NoChineseTextError(f"{origin} holds no Chinese article text (every line{but} is page furniture or has no Chinese); "
                                 "l10n ingest takes Chinese bulletins.")
    body = "\n".join(p for _, p in cleaned.paragraphs)
    han, words = count_cjk(body), len(_LATIN_WORD.findall(_MARKUP.sub(" ", body)))
    if han / (han + words) < _MIN_CJK_SHARE:
        raise NoChineseTextError(f"The article lines of {origin} are mostly in Latin letters ({words:,} words beside {han:,} Chinese characters), "
                                 "not a Chinese bulletin; l10n ingest takes Chinese bulletins.")
    segments = [Segment(0, i, s, cleaned.title_line) for i, s in enumerate(split_sentences(cleaned.title), 1)] if cleaned.title else []
    for p, (line, paragraph) in enumerate(cleaned.paragraphs, 1):
        segments.extend(Segment(p, i, s, line) for i, s in enumerate(split_sentences(paragraph), 1))
    for segment in segments:
        if len(segment.text) > MAX_SEGMENT:
            where = f"{origin} line {segment.line}" if segment.line else origin
            raise InputError(f"{where} holds a sentence of {len(segment.text):,} characters with no clause punctuation (，；：) "
                             f"to cut it at within {MAX_SEGMENT:,}, the most one segment may hold; break it into sentences and ingest it again.")
    source, source_line = cleaned.source, cleaned.source_line
    if html and not source:  # the info line sits outside the article trafilatura extracted; else the site's name
        source, source_line = _page_source(raw)
        source = source or clean_source(normalise_text(site).strip())
    return Bulletin(
        slug=slug,
        title=cleaned.title,
        date=date or cleaned.date or html_date,
        source=source,
        paragraphs=[p for _, p in cleaned.paragraphs],
        segments=segments,
        removed=cleaned.removed,
        source_line=source_line,
        url=url,
    )


_INFO_LINE_MAX = 160
"""The longest text of a page element read as an info line (as :func:`l10n.ingest.clean.clean_lines` reads one)."""


def _page_source(html: str) -> tuple[str, int]:
    """The source office on the page's info line (``来源：…``) and the page line it is on, looked
    for in every element of the page, the article or not: ("", 0) when none names one."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return "", 0
    asked = set()
    for node in tree.xpath("//body//text()[contains(., ':') or contains(., '：')]"):  # an info line's key ends in a colon
        element = node.getparent()
        if element is None or element.tag in ("script", "style", "noscript"):
            continue
        while (parent := element.getparent()) is not None and _short_text(parent):  # the whole line: 来源：<span>office</span>
            element = parent
        if element in asked:
            continue
        asked.add(element)
        text = _short_text(element)
        found = clean_lines([((element.sourceline or 0) + i, line) for i, line in enumerate(text.split("\n"))]) if text else None
        if found is not None and found.source:
            return found.source, found.source_line
    return "", 0


def _extract_html(html: str, origin: str) -> tuple[str, str, str, dt.date | None, str]:
    """The page's article text, title, site name, date and own web address (trafilatura's
    ``source``: the canonical link or og:url, kept only when it is an http(s) address)."""
    import json

    import trafilatura

    from l10n.config import is_web_address

    options = dict(output_format="json", with_metadata=True, include_comments=False, include_tables=False, deduplicate=True)
    _forget_earlier_pages()
    extracted = trafilatura.extract(html, **options)
    if not extracted:
        deep = _deep_tree(html, origin)  # elements nested past libxml2's default limit are cut off the tree trafilatura sees
        extracted = trafilatura.extract(deep, **options) if deep is not None else None
    if not extracted:
        raise NoChineseTextError(f"{origin} is an HTML page with no article text l10n could find.")
    doc = json.loads(extracted)
    url = (doc.get("source") or "").strip()
    return (doc.get("text") or "", doc.get("title") or "", doc.get("sitename") or "", parse_date(doc.get("date") or ""),
            url if is_web_address(url) and len(url) <= 2000 else "")


def _forget_earlier_pages() -> None:
    """Clear trafilatura's record of the text it has seen: ``deduplicate`` drops a paragraph seen
    in an earlier extraction of the same process, so a second page with the same article (or the
    same page ingested again by a library caller) would come out empty."""
    try:
        from trafilatura.deduplication import LRU_TEST
    except ImportError:  # another trafilatura: nothing known to clear
        return
    LRU_TEST.clear()


def _deep_tree(html: str, origin: str):
    """The page parsed without libxml2's depth limit when its elements nest deeper than that
    limit (:data:`_DEFAULT_HTML_DEPTH`), else None; a page nested deeper than
    :data:`_MAX_HTML_DEPTH` is refused, saying so."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        tree = fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    if deepest > _MAX_HTML_DEPTH:
        raise NoChineseTextError(f"{origin} nests its HTML elements more than {_MAX_HTML_DEPTH:,} deep, deeper than l10n reads an "
                                 "article out of; save the article's text as a .txt file and ingest that.")
    return tree if deepest > _DEFAULT_HTML_DEPTH else None


def _short_text(element) -> str:
    """The text of *element* and its descendants, normalised, when it is no longer than an info
    line; else "" (found without joining a long text: every element of the page is asked)."""
    parts, size = [], 0
    for piece in element.itertext():
        size += len(piece.strip())
        if size > _INFO_LINE_MAX:
            return ""
        parts.append(piece)
    text = normalise_text("".join(parts)).strip()
    return text if len(text) <= _INFO_LINE_MAX else ""


def _line_in(raw: str, line: str) -> int:
    """The line of *raw* (the HTML) where extracted *line* starts, or 0."""
    probe = line.strip()[:12]
    at = raw.find(probe) if probe else -1
    return raw.count("\n", 0, at) + 1 if at >= 0 else 0


def template_from_bulletin(bulletin: Bulletin, *, reference: str | None = None) -> Catalog:
    """The ``.pot`` catalog of *bulletin*: one untranslated entry per segment, and one for its
    Source line (:data:`~l10n.catalog.SOURCE_CONTEXT`) when the bulletin names its source office,
    so that the office is drafted, reviewed and checked like any sentence."""
    reference = reference or Path(bulletin.path).name or bulletin.slug
    header = base_header(bulletin.slug)
    header.update(
        {
            "X-Bulletin-Title": bulletin.title,
            "X-Bulletin-Date": bulletin.date.isoformat() if bulletin.date else "",
            "X-Bulletin-Source": bulletin.source,
            "X-Bulletin-File": reference,
            "X-Bulletin-SHA256": bulletin.sha256,
        }
    )
    if bulletin.url:  # only where the page names its address: a template without one stays as it was
        header["X-Bulletin-URL"] = bulletin.url
    entries = [Entry(s.context, s.text, references=[(reference, str(s.line))]) for s in bulletin.segments]
    if bulletin.source:
        entries.insert(0, Entry(SOURCE_CONTEXT, bulletin.source, references=[(reference, str(bulletin.source_line or ""))]))
    return Catalog(bulletin.slug, header, entries)


def reference_for(path: str | Path, root: str | Path | None) -> str:
    """How a template records the bulletin at *path* (its ``#:`` references, ``X-Bulletin-File``):
    relative to the project *root*, with ``/`` separators, or just the file's name for a file
    outside it: never an absolute path, which would name the ingesting machine's folders in a
    committed file.

    >>> reference_for("/srv/p/examples/b.txt", "/srv/p"), reference_for("/home/jing/Downloads/b.txt", "/srv/p")
    ('examples/b.txt', 'b.txt')
    """
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside root, or a symlink loop
            pass
    return path.name


@dataclass
class IngestResult:
    bulletin: Bulletin
    template: Path
    changed: bool
    catalog: Path | None = None  # the translations merged with the new template, when they exist
    merge: MergeReport | None = None
    catalog_changed: bool = False


def ingest(path: str | Path, *, template_path_for, catalog_path_for=None, language: str = "en", slug: str | None = None,
           date: dt.date | None = None, reference: str | None = None, encoding: str | None = None,
           root: str | Path | None = None) -> IngestResult:
    """Read the bulletin at *path*, write its template to ``template_path_for(slug)`` and
    merge the bulletin's translations (``catalog_path_for(slug)``, when that file exists) with it.

    Re-ingesting an unchanged bulletin leaves the template file untouched; a changed one
    replaces it (so entries never duplicate). The translations are merged like ``msgmerge``
    (:func:`l10n.catalog.merge_template`): nothing a person approved is lost. The catalog is
    locked and read before anything is written, so a broken or busy one stops the ingest
    with both files as they were. *encoding* overrides the detected one (``--encoding``).
    The template records the file as *reference*, else relative to the project *root*
    (:func:`reference_for`: a file outside it by its name).
    """
    bulletin = read_bulletin(path, slug=slug, date=date, encoding=encoding)
    template = template_from_bulletin(bulletin, reference=reference or reference_for(path, root))
    target = Path(template_path_for(bulletin.slug))
    if catalog_path_for is None:
        template, changed = _write_template(template, target)
        return IngestResult(bulletin, target, changed)
    po = Path(catalog_path_for(bulletin.slug))
    with catalog_lock(po):
        existing = read_catalog(po) if po.exists() or po.is_symlink() else None
        template, changed = _write_template(template, target)
        if existing is None:
            return IngestResult(bulletin, target, changed)
        merged, report = merge_template(template, existing, language=language)
        if merged != existing:
            write_catalog(merged, po)
        return IngestResult(bulletin, target, changed, catalog=po, merge=report, catalog_changed=merged != existing)


def _write_template(template: Catalog, target: Path) -> tuple[Catalog, bool]:
    """Write *template* to *target* unless the file there already holds it; return the
    template as it is on disk and whether it was written."""
    if target.exists():
        try:
            old = read_catalog(target)
        except Exception:  # a broken old template is simply replaced
            old = None
        if old is not None and _same(old, template):
            return old, False
    write_catalog(template, target)
    return template, True


def _same(a: Catalog, b: Catalog) -> bool:
    def key(c: Catalog):
        meta = {k: v for k, v in c.header.items() if k.startswith("X-Bulletin")}
        return meta, [(e.context, e.source, e.references) for e in c.entries]

    return key(a) == key(b)
