"""Export: the reviewed catalog reassembled as the English bulletin, or as PO/MO.

A bulletin is exported in paragraph order, sentences of one paragraph joined by
a space, the title (paragraph 0) first, then the date in English, the Source line
(the approved translation of its own entry, :data:`~l10n.catalog.SOURCE_CONTEXT`),
and a closing ``Translator: …`` line naming everyone who approved it (their
``approved-by:`` lines; never the ``Last-Translator`` header, which holds an email
address). Unreviewed entries, the Source line's among them, block the export unless
the caller allows a machine draft, which is then marked as such on its first line.
So do approved entries whose translation has a QA error (checked afresh, not read
from stale notes), unless a person approved it despite those very checks with a
recorded reason (``approved-despite:``). A last check reads the whole English
edition: Chinese on any line of an approved one, which no person approved an entry
despite, stops the export naming the line (:func:`chinese_lines`).

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", {"X-Bulletin-Date": "2023-12-09", "X-Bulletin-Source": "娄烦县政府"},
...             [Entry("0.0", "娄烦县政府", "Loufan County Government", comment="approved-by: Jing 2026-12-01"),
...              Entry("0.1", "标题", "Title", comment="approved-by: Jing 2026-12-01"),
...              Entry("1.1", "甲。", "A.", comment="approved-by: Jing 2026-12-01"),
...              Entry("1.2", "乙。", "B.", comment="approved-by: Jing 2026-12-01")])
>>> print(render(assemble(c), "txt"), end="")
Title
<BLANKLINE>
December 9, 2023
Source: Loufan County Government
<BLANKLINE>
A. B.
<BLANKLINE>
Translator: Jing
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path

from l10n.atomic import atomic_write_text
from l10n.catalog import APPROVED, SOURCE_CONTEXT, Catalog, Entry, render_catalog, write_mo
from l10n.config import Config
from l10n.errors import CatalogError, InputError
from l10n.lexicon import HAN_RUN, MAX_SEGMENT, MONTHS
from l10n.required import bulletin_date, note_renderings, project_glossary, requirements_on
from l10n.review import approved_despite, approvers, open_verified
from l10n.terms import Rendering
from l10n.textsafe import for_terminal

__all__ = [
    "DRAFT_MARK",
    "FORMATS",
    "ChineseInExportError",
    "TEXT_FORMATS",
    "Document",
    "ExportResult",
    "NotApprovedError",
    "QAErrorsError",
    "qa_blocked",
    "assemble",
    "chinese_lines",
    "edition",
    "english_date",
    "export",
    "for_display",
    "headline",
    "html_page",
    "page_head",
    "join_names",
    "render",
]

TEXT_FORMATS = ("txt", "md", "html")
FORMATS = (*TEXT_FORMATS, "po", "mo", "xliff")
DRAFT_MARK = "[MACHINE DRAFT — not reviewed]"


class NotApprovedError(CatalogError):
    """The bulletin still has entries no person approved."""


class QAErrorsError(CatalogError):
    """Approved entries whose translation has QA errors no person approved it despite."""


class ChineseInExportError(CatalogError):
    """The English edition of an approved bulletin would carry Chinese no person approved."""


def qa_blocked(catalog: Catalog, glossary=None, disabled: Sequence[str] = ()) -> list[tuple[Entry, list[str]]]:
    """The approved entries with QA errors, checked afresh (the checks in *disabled* left out,
    as ``[check] disable`` says), that no ``approved-despite:`` line excuses, each with those
    checks: exactly what ``l10n check`` fails (:func:`l10n.quality.gate.blocked_entries`, the
    bulletin-wide checks such as ``inconsistent-term`` included), so export and check agree.
    What an entry requires is computed with *glossary* on the bulletin's date (from its notes
    without one)."""
    from l10n.quality.gate import blocked_entries

    return blocked_entries(catalog, glossary, disabled)


@dataclass
class Document:
    """The English bulletin, ready to render."""

    slug: str
    title: str
    paragraphs: list[str]
    date: str = ""
    iso_date: str = ""
    source: str = ""
    translators: list[str] = field(default_factory=list)
    draft: bool = False


def english_date(value: str) -> str:
    """``YYYY-MM-DD`` as an English date; anything else is returned unchanged.

    >>> english_date("2023-12-09")
    'December 9, 2023'
    >>> english_date("2023年12月")
    '2023年12月'
    """
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return value.strip()
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def join_names(names: list[str]) -> str:
    """Names as English prose.

    >>> join_names(["Jing"]), join_names(["Jing", "Wei"]), join_names(["Jing", "Wei", "Li Na"])
    ('Jing', 'Jing and Wei', 'Jing, Wei and Li Na')
    """
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _text(entry: Entry, allow_draft: bool) -> str:
    if entry.state == APPROVED or (allow_draft and entry.translation):
        return entry.translation.strip()
    return f"[{entry.source.strip()}]"


def _source_in_english(source: str, catalog: Catalog) -> str:
    """The source's approved rendering when the glossary notes of the catalog give one."""
    for entry in catalog.entries:
        for rendering in note_renderings(entry.notes, ("term", "place")):
            if rendering.source == source:
                return rendering.target
    return source


def compose_body_name(source: str, renderings: Sequence[Rendering], *, as_in: str = "") -> str | None:
    """The English of an issuing body's name that is places then one organ, each part
    rendered by the glossary or the place rules; ``None`` unless the parts cover *source*
    exactly. The parts are composed as requirements compose them (:func:`l10n.compose.composed`:
    a place inside the level the organ's English names, or giving the organ its level), else
    written side by side; where *as_in* (the headline) names the body in one of the composed
    name's other forms (the parts side by side, the place after), the name is written as there,
    so that the headline and the Source line name the office the same way.

    >>> R = Rendering
    >>> jinzhong, office = R("晋中", "Jinzhong", kind="place", start=0, end=2), R("市委党史研究室",
    ...     "Party History Research Office of the Municipal Party Committee", start=2, end=9, category="organ")
    >>> compose_body_name("晋中市委党史研究室", [jinzhong, office])
    'Party History Research Office of the Jinzhong Municipal Party Committee'
    >>> compose_body_name("娄烦县政府", [R("娄烦", "Loufan", start=0, end=2, category="place"),
    ...     R("县政府", "County Government", start=2, end=5, category="organ")])
    'Loufan County Government'
    >>> compose_body_name("吕梁市档案局", [R("吕梁市", "Lüliang City", start=0, end=3, category="place"),
    ...     R("档案局", "Archives Bureau", start=3, end=6, category="organ")])
    'Lüliang Municipal Archives Bureau'
    >>> compose_body_name("晋中市委党史研究室", [jinzhong, office],
    ...     as_in="Jinzhong Party History Research Office of the Municipal Party Committee Visits Pingyao")
    'Jinzhong Party History Research Office of the Municipal Party Committee'
    >>> compose_body_name("晋中市委党史研究室", [jinzhong, office],
    ...     as_in="Party History Research Office of the Municipal Party Committee of Jinzhong Visits Pingyao")
    'Party History Research Office of the Municipal Party Committee of Jinzhong'
    >>> compose_body_name("娄烦县人民政府", [R("娄烦县", "Loufan County", kind="place", start=0, end=3)]) is None
    True
    """
    from l10n.compose import composed

    parts = sorted((r for r in renderings if r.enforced), key=lambda r: r.start)
    position = 0
    for part in parts:
        if part.start != position:
            return None
        position = part.end
    if not parts or position != len(source):
        return None
    *places, body = composed(parts)
    if not places:  # one rendering, which has the place in it where the composer put it there
        return next((form for form in (body.target, *body.variants) if form in as_in), body.target)
    if body.category not in ("organ", "institution") or any("place" not in (p.kind, p.category) for p in places):
        return None
    where = " ".join(p.target for p in places)
    after = f"{body.target} of {where}"  # "… Office of the Municipal Party Committee of Jinzhong"
    return after if after in as_in else f"{where} {body.target}"


def _order_key(entry: Entry) -> tuple[int, int]:
    try:
        return entry.paragraph, entry.sentence
    except (ValueError, IndexError):
        raise CatalogError(f"Entry context {entry.context!r} is not <paragraph>.<sentence>; fix the msgctxt.") from None


def assemble(catalog: Catalog, *, allow_draft: bool = False) -> Document:
    """Reassemble *catalog* into a :class:`Document`.

    Without *allow_draft*, every entry must be approved (:class:`NotApprovedError`
    says how many are not). With it the draft text is used, untranslated
    entries appear as the Chinese in brackets, and the document is marked a draft.
    """
    entries = catalog.entries
    if not entries:
        raise InputError(f"Catalog {catalog.slug} has no entries; run `l10n ingest` and `l10n draft` first.")
    pending = [e for e in entries if e.state != APPROVED]
    approved = len(entries) - len(pending)
    if pending and not allow_draft:
        if [e.context for e in pending] == [SOURCE_CONTEXT]:
            raise NotApprovedError(
                f"The Source line of {catalog.slug} (entry {SOURCE_CONTEXT}, the issuing office) is not approved; review it with "
                f"`l10n review {catalog.slug}` or pass --allow-draft."
            )
        if not approved:
            raise NotApprovedError(
                f"No entry of {catalog.slug} is approved yet; review it with `l10n review {catalog.slug}` or pass --allow-draft."
            )
        raise NotApprovedError(
            f"{len(pending)} of {len(entries)} entries are not approved; review them or pass --allow-draft."
        )
    title = ""
    paragraphs = []
    source_entry = next((e for e in entries if e.context == SOURCE_CONTEXT), None)
    body = [e for e in entries if e is not source_entry]
    for number, group in groupby(sorted(body, key=_order_key), key=lambda e: e.paragraph):
        text = " ".join(t for t in (_text(e, allow_draft) for e in group) if t)
        if number == 0:
            title = text
        else:
            paragraphs.append(text)
    names: list[str] = []
    for entry in entries:
        if entry.state != APPROVED:
            continue  # a sign-off kept on a suggestion (the bulletin changed since) signs nothing
        for name in approvers(entry):
            if name not in names:
                names.append(name)
    iso = catalog.header.get("X-Bulletin-Date", "").strip()
    if source_entry is not None:
        source = _text(source_entry, allow_draft)
    else:  # a catalog ingested before the Source line was an entry: the header, in English where its notes give it
        source = catalog.header.get("X-Bulletin-Source", "").strip()
        source = _source_in_english(source, catalog) if source else ""
    return Document(
        slug=catalog.slug,
        title=title or catalog.header.get("X-Bulletin-Title", "").strip(),
        paragraphs=paragraphs,
        date=english_date(iso) if iso else "",
        iso_date=iso,
        source=source,
        translators=names,
        draft=bool(pending),
    )


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\.|\b(?:Co|Corp|Inc|Ltd|No|St|Jr|Sr|etc))\.$")


def headline(title: str) -> str:
    """*title* as a headline: without the sentence's full stop (one final ``.``), but
    keeping an abbreviation's or an ellipsis.

    >>> [headline(t) for t in ("Meeting Held.", "Meeting Held", "Visit to the U.S.", "Work Goes On...", "Ready?")]
    ['Meeting Held', 'Meeting Held', 'Visit to the U.S.', 'Work Goes On...', 'Ready?']
    """
    title = title.rstrip()
    if title.endswith(".") and not _ABBREVIATION_END.search(title):
        return title[:-1].rstrip()
    return title


def _txt(doc: Document) -> str:
    blocks = []
    if doc.draft:
        blocks.append(DRAFT_MARK)
    blocks.append(headline(doc.title))
    meta = [line for line in (doc.date, f"Source: {doc.source}" if doc.source else "") if line]
    if meta:
        blocks.append("\n".join(meta))
    blocks.extend(doc.paragraphs)
    if doc.translators:
        blocks.append(f"Translator: {join_names(doc.translators)}")
    return "\n\n".join(b for b in blocks if b) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LEADING = re.compile(r"^(\s*)([#>+-]|\d+\.)(\s)")


def _md_escape(text: str) -> str:
    r"""Escape Markdown syntax in running text.

    >>> _md_escape("1. *Hot* news [A]")
    '1\\. \\*Hot\\* news \\[A\\]'
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LEADING.sub(lambda m: m.group(1) + m.group(2).replace(".", "\\.").replace("#", "\\#")
                           .replace("-", "\\-").replace("+", "\\+").replace(">", "\\>") + m.group(3), text)


def _md(doc: Document) -> str:
    blocks = []
    if doc.draft:
        blocks.append(f"> **{DRAFT_MARK}**")
    blocks.append(f"# {_md_escape(headline(doc.title))}")
    meta = [line for line in (f"*{_md_escape(doc.date)}*" if doc.date else "",
                              f"Source: {_md_escape(doc.source)}" if doc.source else "") if line]
    if meta:
        blocks.append("  \n".join(meta))
    blocks.extend(_md_escape(p) for p in doc.paragraphs)
    if doc.translators:
        blocks.append(f"Translator: {_md_escape(join_names(doc.translators))}")
    return "\n\n".join(b for b in blocks if b) + "\n"


#: The page's own stylesheet: a readable column on a phone and a desk, nothing fetched.
STYLESHEET = """\
body { margin: 0; color: #1b1b1b; background: #fff; font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
article { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { margin: 0 0 .75rem; font: 700 1.75rem/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
p { margin: 0 0 1rem; }
.meta { color: #555; font-size: .9375rem; margin-bottom: 1.5rem; }
.translator { color: #555; font-style: italic; margin-top: 2rem; }
.draft { background: #fff3cd; border: 1px solid #e0c36b; padding: .5rem .75rem; }
nav.site { max-width: 40rem; margin: 0 auto; padding: 1rem 1rem 0; font: .9375rem system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }"""


def page_head(title: str, canonical: str = "") -> list[str]:
    """The opening lines of an English page up to its ``<head>``'s links: doctype, ``lang="en"``,
    UTF-8, the viewport, *title* and *canonical* (the page's own address, when known), escaped."""
    e = html.escape
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{e(title)}</title>",
    ]
    if canonical:
        lines.append(f'<link rel="canonical" href="{e(canonical)}" />')
    return lines


def html_page(doc: Document, *, index: str = "", original: str = "", canonical: str = "") -> str:
    """*doc* as a page that is well-formed XML as well as HTML5 (void elements closed, text escaped).

    On a site (:mod:`l10n.site`) the page also links *index* (the index page's address) above the
    article, and *original* (the Chinese original's web address) as an ``hreflang="zh"`` alternate
    and under the Source line; *canonical* is the page's own address. Addresses are escaped here;
    which ones are safe to link (http and https only) is the caller's to decide.
    """
    e = html.escape
    title = headline(doc.title)
    lines = page_head(title, canonical)
    if original:
        lines.append(f'<link rel="alternate" hreflang="zh" href="{e(original)}" />')
    lines += [
        f"<style>\n{STYLESHEET}\n</style>",
        "</head>",
        "<body>",
    ]
    if index:
        lines.append(f'<nav class="site"><a href="{e(index)}">All bulletins</a></nav>')
    lines.append("<article>")
    if doc.draft:
        lines.append(f'<p class="draft"><strong>{e(DRAFT_MARK)}</strong></p>')
    lines.append(f"<h1>{e(title)}</h1>")
    meta = []
    if doc.date:
        when = f' datetime="{e(doc.iso_date)}"' if doc.date != doc.iso_date else ""
        meta.append(f"<time{when}>{e(doc.date)}</time>")
    if doc.source:
        meta.append(f"Source: {e(doc.source)}")
    if original:
        meta.append(f'<a href="{e(original)}" hreflang="zh">Chinese original</a>')
    if meta:
        lines.append(f'<p class="meta">{"<br />".join(meta)}</p>')
    lines.extend(f"<p>{e(p)}</p>" for p in doc.paragraphs)
    if doc.translators:
        lines.append(f'<p class="translator">Translator: {e(join_names(doc.translators))}</p>')
    lines += ["</article>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


_RENDERERS = {"txt": _txt, "md": _md, "html": html_page}


def render(doc: Document, fmt: str) -> str:
    """*doc* as ``txt``, ``md`` or ``html`` text."""
    try:
        return _RENDERERS[fmt](doc)
    except KeyError:
        raise ValueError(f"render takes one of {', '.join(TEXT_FORMATS)}, not {fmt!r}") from None


def for_display(doc: Document) -> Document:
    """*doc* with everything it took from the catalog escaped for a terminal
    (:func:`l10n.textsafe.for_terminal`): controls, bidi marks and line separators as escapes.

    >>> for_display(Document("s", "Title\\x1b]0;owned\\x07", ["A \\u202eB.", "C.\\x1b[2J"], translators=["Jing"])).paragraphs
    ['A \\\\u202eB.', 'C.\\\\x1b[2J']
    """
    return replace(doc, slug=for_terminal(doc.slug), title=for_terminal(doc.title), paragraphs=[for_terminal(p) for p in doc.paragraphs],
                   date=for_terminal(doc.date), iso_date=for_terminal(doc.iso_date), source=for_terminal(doc.source),
                   translators=[for_terminal(name) for name in doc.translators])


def _stdout_is_terminal() -> bool:
    import sys

    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return False


@dataclass
class ExportResult:
    """What :func:`export` produced: ``text`` for text formats sent to stdout, else ``path``."""

    fmt: str
    text: str | None = None
    path: Path | None = None
    entries: int = 0
    draft: bool = False


def chinese_lines(doc: Document, catalog: Catalog, disabled: Sequence[str] = ()) -> list[tuple[int, str, list[str]]]:
    """The lines of *doc* as plain text (:func:`render`, ``txt``) that hold Chinese no person
    approved: each line's number, its text and its Han runs. Chinese is approved where an
    approved entry's translation holds it and a person approved that entry despite
    ``chinese-left`` with a reason, or the project disables that check (*disabled*).

    >>> doc = Document("s", "Title", ["A 县政协 B."], source="平遥县融媒体中心")
    >>> [(n, runs) for n, _, runs in chinese_lines(doc, Catalog("s"))]
    [(3, ['平遥县融媒体中心']), (5, ['县政协'])]
    >>> c = Catalog("s", entries=[Entry("1.1", "甲", "A 县政协 B.", comment="approved-despite: chinese-left — kept")])
    >>> [n for n, _, _ in chinese_lines(doc, c)]
    [3]
    """
    excused = {run for e in catalog.entries if e.state == APPROVED and ("chinese-left" in disabled or "chinese-left" in approved_despite(e))
               for run in HAN_RUN.findall(e.translation)}
    found = []
    for number, line in enumerate(render(doc, "txt").split("\n"), 1):
        runs = [run for run in dict.fromkeys(HAN_RUN.findall(line)) if run not in excused]
        if runs:
            found.append((number, line, runs))
    return found


def _glossary_body_name(glossary, catalog: Catalog, source: str, headline: str) -> str | None:
    """The issuing body's English composed from the glossary valid on the bulletin's date, as *headline* names it."""
    return compose_body_name(source, requirements_on(source, glossary, bulletin_date(catalog)), as_in=headline)


def _checked_document(config: Config, catalog: Catalog, slug: str, *, allow_draft: bool, glossary=None) -> Document:
    """*catalog* assembled (:func:`assemble`) and checked as every export format is: QA errors
    no person approved despite block it (:class:`QAErrorsError`) unless *allow_draft*, which
    marks it a draft; a Source line from an old header is composed in English from *glossary*
    (the project's, loaded when not given)."""
    doc = assemble(catalog, allow_draft=allow_draft)
    glossary = project_glossary(config) if glossary is None else glossary
    blocked = qa_blocked(catalog, glossary, config.check.disable)
    if blocked and not allow_draft:
        entry, checks = blocked[0]
        others = f" (and {len(blocked) - 1} more entr{'y' if len(blocked) == 2 else 'ies'})" if len(blocked) > 1 else ""
        raise QAErrorsError(
            f"Entry {for_terminal(entry.context)} of {slug} has QA errors ({', '.join(checks)}){others}; fix it with "
            f"`l10n review {slug}` (or approve it there anyway, with a reason), or pass --allow-draft."
        )
    if blocked:
        doc = replace(doc, draft=True)
    if (catalog.find(SOURCE_CONTEXT) is None and HAN_RUN.search(doc.source)
            and len(doc.source) <= MAX_SEGMENT):  # a header longer than any sentence is not analysed
        doc = replace(doc, source=_glossary_body_name(glossary, catalog, doc.source, doc.title) or doc.source)
    return doc


def _refuse_chinese(config: Config, doc: Document, catalog: Catalog, slug: str) -> None:
    """Raise :class:`ChineseInExportError` when the English edition *doc*, not a draft, holds Chinese no person approved."""
    if doc.draft or not (found := chinese_lines(doc, catalog, config.check.disable)):
        return
    number, line, runs = found[0]
    shown = for_terminal(line if len(line) <= 60 else line[:59] + "…")
    others = f" (and {len(found) - 1} more line{'s' if len(found) > 2 else ''})" if len(found) > 1 else ""
    fix = (f"run `l10n ingest` on its bulletin again, so that the Source line becomes an entry, and review it with `l10n review {slug}`"
           if line.startswith("Source: ") and catalog.find(SOURCE_CONTEXT) is None else
           f"translate it with `l10n review {slug}` (or approve the entry despite chinese-left, with a reason)")
    chinese = "、".join(run if len(run) <= 20 else run[:19] + "…" for run in runs[:5])
    raise ChineseInExportError(f"Line {number} of the English edition of {slug}, '{shown}', holds Chinese "
                               f"({for_terminal(chinese)}){others}; {fix}, or pass --allow-draft.")


def edition(config: Config, slug: str, *, allow_draft: bool = False, glossary=None) -> tuple[Document, Catalog]:
    """The English edition of bulletin *slug* exactly as ``l10n export`` publishes it as text, with
    its catalog: refused as export refuses it (:class:`NotApprovedError`, :class:`QAErrorsError`,
    :class:`ChineseInExportError`, a broken catalog's :class:`~l10n.errors.CatalogError`). *glossary*:
    the project's, loaded once by a caller that publishes many bulletins (:mod:`l10n.site`)."""
    _, catalog = open_verified(config, slug)
    doc = _checked_document(config, catalog, slug, allow_draft=allow_draft, glossary=glossary)
    _refuse_chinese(config, doc, catalog, slug)
    return doc, catalog


def export(
    config: Config,
    slug: str,
    fmt: str,
    *,
    output: Path | None = None,
    allow_draft: bool = False,
    terminal: bool | None = None,
) -> ExportResult:
    """Export bulletin *slug* as *fmt*.

    Text formats go to *output* if given, else are returned as ``text``;
    ``po``/``mo`` go to *output* or ``<slug>.<fmt>`` in the current directory; ``xliff``
    (XLIFF 1.2 for a CAT tool, drafts and all: :mod:`l10n.xliff`) to *output* or ``<slug>.xlf``.
    Every file is written atomically, with the text exact. Text returned for a terminal
    (*terminal*; by default, when standard output is one) shows what the catalog holds
    escaped (:func:`for_display`): an ``ESC ]0;…BEL`` in a translation would retitle the
    reader's terminal, an ``ESC [2J`` clear it, a U+202E turn the text round.
    """
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    _, catalog = open_verified(config, slug)  # bad input (broken, or not its template's entries) stops here
    if fmt == "xliff":  # the catalog for a CAT tool, drafts and all (no publication): `l10n import` brings it back
        from l10n.xliff import write_xliff

        target = Path(output) if output is not None else Path(f"{slug}.xlf")
        write_xliff(catalog, target)
        return ExportResult(fmt, path=target, entries=len(catalog.entries))
    doc = _checked_document(config, catalog, slug, allow_draft=allow_draft)  # refuses unreviewed catalogs for every format
    if fmt in TEXT_FORMATS:
        _refuse_chinese(config, doc, catalog, slug)
        if output is None:
            shown = for_display(doc) if (_stdout_is_terminal() if terminal is None else terminal) else doc
            return ExportResult(fmt, text=render(shown, fmt), entries=len(catalog.entries), draft=doc.draft)
        text = render(doc, fmt)
        atomic_write_text(output, text)
        return ExportResult(fmt, path=Path(output), entries=len(catalog.entries), draft=doc.draft)
    target = Path(output) if output is not None else Path(f"{slug}.{fmt}")
    if fmt == "po":
        atomic_write_text(target, render_catalog(catalog))
        return ExportResult(fmt, path=target, entries=len(catalog.entries), draft=doc.draft)
    target.parent.mkdir(parents=True, exist_ok=True)  # write_mo builds beside the target first
    written = write_mo(catalog, target)
    approved = sum(1 for e in catalog.entries if e.state == APPROVED)
    return ExportResult(fmt, path=target, entries=written, draft=doc.draft or approved < len(catalog.entries))

