"""The English edition as a static site: ``l10n export --all --site DIR``.

Every bulletin of the project that ``l10n export`` would publish (:func:`l10n.export.edition`:
every entry approved, no QA error and no Chinese that no person approved it despite; with
*allow_draft* machine drafts too, marked as such) becomes a page, ``DIR/<slug>.html``: the
single-bulletin HTML export with a link back to the index and, where the bulletin's web address
is on record (the ``X-Bulletin-URL`` header ingest writes from the page's canonical link or og:url),
an ``hreflang="zh"`` link to the Chinese original.
``DIR/index.html`` lists the pages newest first (English headline, date, Source line, a
"machine draft" label on drafts) and ``DIR/feed.xml`` is their Atom 1.0 feed. A bulletin that
cannot be published is skipped with export's own reason; nothing publishable at all is an error
(:class:`NothingToPublishError`).

Writing the site never loses what a person put in DIR:

- a file whose bytes would not change is not written again (its mtime stays), so a re-export of
  an unchanged project writes nothing;
- ``DIR/.l10n-site.json`` (the manifest) records every file the site wrote with its sha256; the
  page of a bulletin no longer published is removed only when the manifest names it and its bytes
  are still the ones the site wrote (a page someone changed since is kept, and said so);
- a file the site would write that it did not write (or that someone changed since) stops the
  export before anything is written, naming it;
- every file is written atomically (:mod:`l10n.atomic`), and the manifest is written before the
  pages as well as after them, so an export killed half-way is finished by the next one.

The feed's ids are ``urn:uuid:`` names derived from ``[site] base_url`` (the title when there is
none) and the slug: stable from one export to the next and on a fresh DIR, so a feed reader does
not see the bulletins as new. Set ``base_url`` once, before the first publication.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from l10n.atomic import atomic_write_bytes
from l10n.catalog import Catalog, stamp_time
from l10n.config import Config, is_web_address
from l10n.errors import CatalogError, InputError
from l10n.export import DRAFT_MARK, STYLESHEET, Document, edition, headline, html_page, join_names, page_head

__all__ = ["MANIFEST", "NothingToPublishError", "Page", "SiteResult", "atom_feed", "build_site", "check_site_directory",
           "collect", "index_page", "render_site", "write_site"]

MANIFEST = ".l10n-site.json"
INDEX = "index.html"
FEED = "feed.xml"
URL_HEADER = "X-Bulletin-URL"
"""The catalog header that holds the bulletin's own web address (the Chinese original), when ingest recorded one."""

#: A file name the site writes (a page, the index, the feed): what a manifest may name for removal.
_SITE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(?:html|xml)")
#: What XML 1.0 cannot carry at all (C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

INDEX_STYLESHEET = STYLESHEET + """
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
ol.bulletins { list-style: none; margin: 0; padding: 0; }
ol.bulletins li { margin: 0 0 1.5rem; }
ol.bulletins a { font: 600 1.1875rem/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
ol.bulletins .meta { margin: .25rem 0 0; }
.label { margin-left: .5rem; padding: 0 .375rem; border: 1px solid #e0c36b; background: #fff3cd; color: #1b1b1b;
         font: .8125rem system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; white-space: nowrap; }"""
DRAFT_LABEL = "machine draft"


class NothingToPublishError(InputError):
    """No bulletin of the project can be published; ``skipped`` holds each one's slug and reason."""

    def __init__(self, message: str, skipped: list[tuple[str, str]]):
        super().__init__(message)
        self.skipped = skipped


@dataclass(frozen=True)
class Page:
    """One published bulletin: its English edition, its Chinese original's address ("" unknown)
    and when its catalog last changed (RFC 3339, the feed's ``updated``)."""

    slug: str
    doc: Document
    original: str = ""
    updated: str = ""

    @property
    def name(self) -> str:
        return f"{self.slug}.html"


@dataclass
class SiteResult:
    """What :func:`build_site` did: the pages published, the bulletins skipped (slug, reason), and
    the files of DIR written, left as they were, removed, or kept although stale (changed by someone)."""

    directory: Path
    pages: list[Page]
    skipped: list[tuple[str, str]]
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def drafts(self) -> int:
        return sum(1 for page in self.pages if page.doc.draft)


def check_site_directory(config: Config, directory: Path) -> Path:
    """*directory* resolved, when a site may be written there: a folder or nothing yet, and not
    inside the project's catalogs, glossary or model entries (whose files the site's clean-up
    must never be able to reach). Else :class:`InputError`."""
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory} is a file, not a folder; give --site a folder (it is made when missing).")
    resolved = directory.resolve()
    guarded = [("catalogs", config.locales_dir), ("glossary", config.glossary_dir), ("model entries", config.models_dir),
               *(("glossary", path.parent) for path in config.glossary_files())]
    root = config.root.resolve()
    for what, folder in guarded:
        folder = folder.resolve()
        if folder in (root, *root.parents):  # files kept beside l10n.toml: the project itself is no data folder
            continue
        if resolved.is_relative_to(folder):
            raise InputError(f"{directory} is inside the project's {what} folder {folder}; write the site to a folder of its own.")
    return resolved


def _updated(catalog: Catalog, doc: Document) -> str:
    """When *catalog* last changed, in RFC 3339: its ``PO-Revision-Date``, else the bulletin's date
    (never the time of the export, so that an export of an unchanged project changes nothing).

    >>> _updated(Catalog("s", {"PO-Revision-Date": "2026-12-01 09:30+0800"}), Document("s", "T", []))
    '2026-12-01T09:30:00+08:00'
    >>> _updated(Catalog("s", {"PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE"}), Document("s", "T", [], iso_date="2023-12-09"))
    '2023-12-09T00:00:00+00:00'
    """
    when = stamp_time(catalog.header.get("PO-Revision-Date", ""))
    return when.isoformat() if when else f"{_day(doc) or '1970-01-01'}T00:00:00+00:00"


def _day(doc: Document) -> str:
    """The bulletin's date as ``YYYY-MM-DD``, or "" when it has none."""
    try:
        return dt.date.fromisoformat(doc.iso_date.strip()).isoformat()
    except ValueError:
        return ""


def collect(config: Config, *, allow_draft: bool = False) -> tuple[list[Page], list[tuple[str, str]]]:
    """The pages of every bulletin export would publish, newest first, and the bulletins it would not,
    each with export's reason. A project without catalogs is :class:`InputError`."""
    from l10n.required import project_glossary
    slugs = config.catalog_slugs()
    if not slugs:
        raise InputError(f"No catalogs in {config.catalogs_dir}; run `l10n ingest` and `l10n draft` first.")
    glossary = project_glossary(config)  # once for the whole site
    pages, skipped = [], []
    for slug in slugs:
        if f"{slug.lower()}.html" == INDEX:
            skipped.append((slug, f"its page would be the site's {INDEX}; ingest the bulletin again with another --slug."))
            continue
        try:
            doc, catalog = edition(config, slug, allow_draft=allow_draft, glossary=glossary)
        except (CatalogError, InputError) as error:
            skipped.append((slug, str(error)))
            continue
        original = catalog.header.get(URL_HEADER, "").strip()
        pages.append(Page(slug, doc, original if is_web_address(original) else "", _updated(catalog, doc)))
    pages.sort(key=lambda page: page.slug)
    pages.sort(key=lambda page: _day(page.doc), reverse=True)  # undated last
    return pages, skipped


def _meta(doc: Document) -> str:
    e = html.escape
    parts = []
    if doc.date:
        day = _day(doc)
        parts.append(f'<time datetime="{day}">{e(doc.date)}</time>' if day else e(doc.date))
    if doc.source:
        parts.append(f"Source: {e(doc.source)}")
    return " · ".join(parts)


def index_page(config: Config, pages: list[Page]) -> str:
    """The site's index: *pages* in order, each its English headline linking its page, a
    "machine draft" label on a draft, its date and Source line. Well-formed XML as well as HTML5."""
    e = html.escape
    title = config.site_title
    base = config.site_base_url
    lines = page_head(title, base + INDEX if base else "")
    lines += [
        f'<link rel="alternate" type="application/atom+xml" title="{e(title)}" href="{e(base + FEED)}" />',
        f"<style>\n{INDEX_STYLESHEET}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(title)}</h1>",
        '<ol class="bulletins">',
    ]
    for page in pages:
        label = f'<span class="label">{DRAFT_LABEL}</span>' if page.doc.draft else ""
        meta = _meta(page.doc)
        lines.append(f'<li><a href="{e(page.name)}">{e(headline(page.doc.title))}</a>{label}'
                     + (f'\n<p class="meta">{meta}</p>' if meta else "") + "</li>")
    lines += ["</ol>", f'<p class="meta"><a href="{e(FEED)}">Atom feed</a></p>', "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    """*text* escaped for XML, with what XML 1.0 cannot hold at all replaced by U+FFFD.

    >>> _xml('A <b> & "c"\\x1b')
    'A &lt;b&gt; &amp; &quot;c&quot;\\ufffd'
    """
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=True)


def _entry_content(doc: Document) -> str:
    """The article as the HTML an Atom ``content`` element carries (escaped once more by the caller)."""
    e = html.escape
    lines = [f"<p><strong>{e(DRAFT_MARK)}</strong></p>"] if doc.draft else []
    if meta := _meta(doc):
        lines.append(f"<p>{meta}</p>")
    lines += [f"<p>{e(p)}</p>" for p in doc.paragraphs]
    if doc.translators:
        lines.append(f"<p>Translator: {e(join_names(doc.translators))}</p>")
    return "\n".join(lines)


def _site_namespace(config: Config) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, config.site_base_url or f"urn:l10n-site:{config.site_title}")


def _instant(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp)


def atom_feed(config: Config, pages: list[Page]) -> str:
    """An Atom 1.0 feed (RFC 4287) of *pages*: the feed's id, title, author, ``updated`` (the latest
    entry's) and ``rel="self"`` link; per bulletin a stable id, its headline (a draft's marked),
    ``updated``, ``published`` (the bulletin's date), its page, its Chinese original where known
    (``rel="related" hreflang="zh"``), the first paragraph as summary and the article as content."""
    x = _xml
    base = config.site_base_url
    namespace = _site_namespace(config)
    updated = max((page.updated for page in pages), default="1970-01-01T00:00:00+00:00", key=_instant)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <id>urn:uuid:{namespace}</id>",
        f"  <title>{x(config.site_title)}</title>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{x(base + FEED)}" />',
        f'  <link rel="alternate" type="text/html" href="{x(base + INDEX)}" />',
        f"  <author><name>{x(config.site_title)}</name></author>",
    ]
    for page in pages:
        doc = page.doc
        title = headline(doc.title)
        lines += [
            "  <entry>",
            f"    <id>urn:uuid:{uuid.uuid5(namespace, page.slug)}</id>",
            f"    <title>{x(f'{DRAFT_MARK} {title}' if doc.draft else title)}</title>",
            f"    <updated>{page.updated}</updated>",
        ]
        if day := _day(doc):
            lines.append(f"    <published>{day}T00:00:00+00:00</published>")
        lines.append(f'    <link rel="alternate" type="text/html" href="{x(base + page.name)}" />')
        if page.original:
            lines.append(f'    <link rel="related" type="text/html" hreflang="zh" href="{x(page.original)}" />')
        if doc.draft:
            lines.append('    <category term="machine-draft" label="Machine draft" />')
        if doc.paragraphs:
            lines.append(f"    <summary>{x(doc.paragraphs[0])}</summary>")
        lines += [f'    <content type="html">{x(_entry_content(doc))}</content>', "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def render_site(config: Config, pages: list[Page]) -> dict[str, bytes]:
    """Every file of the site for *pages*, by name: each page, the index and the feed."""
    base = config.site_base_url
    files = {page.name: html_page(page.doc, index=INDEX, original=page.original,
                                  canonical=base + page.name if base else "").encode("utf-8") for page in pages}
    files[FEED] = atom_feed(config, pages).encode("utf-8")
    files[INDEX] = index_page(config, pages).encode("utf-8")
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(directory: Path) -> dict[str, set[str]]:
    """The files the site wrote in *directory*, each with the digests it may hold; {} without a
    manifest. A manifest that is not l10n's stops the export (:class:`InputError`)."""
    path = directory / MANIFEST
    if not path.exists() and not path.is_symlink():
        return {}
    if path.is_symlink():  # written through, it would change the file it names
        raise InputError(f"{path} is a link; move it away (the files it listed are then left alone) and export again.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        return {name: set(digests) for name, digests in files.items()
                if _SITE_FILE.fullmatch(name) and isinstance(digests, list) and all(isinstance(d, str) for d in digests)}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise InputError(f"{path} is not the manifest of a site l10n wrote; move it away (the files it listed are then "
                         "left alone) and export again.") from None


def _write_manifest(directory: Path, record: dict[str, set[str]]) -> None:
    """Write *record* as the manifest, unless it holds that already."""
    text = json.dumps({"generator": "l10n export --all --site", "files": {name: sorted(record[name]) for name in sorted(record)}},
                      indent=1) + "\n"
    path = directory / MANIFEST
    data = text.encode("utf-8")
    if not (path.is_file() and not path.is_symlink() and path.read_bytes() == data):
        atomic_write_bytes(path, data)


def _conflict(path: Path, known: set[str], new: bytes) -> str | None:
    """Why the site may not write *new* to *path*, or None: a link or a folder there, or a file the
    site did not write (its digest not among *known*) that differs from *new*."""
    if path.is_symlink():
        return "is a link"
    if not path.exists():
        return None
    if not path.is_file():
        return "is not a file"
    current = path.read_bytes()
    if current == new or _digest(current) in known:
        return None
    return "was changed since l10n wrote it" if known else "was not written by l10n"


def write_site(directory: Path, files: dict[str, bytes], result: SiteResult) -> None:
    """Write *files* into *directory* as the module says: changed files only, stale pages of the
    site removed, nothing of anyone else's touched. Fills *result*'s file lists."""
    directory.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(directory)
    for name, data in files.items():
        if reason := _conflict(directory / name, old.get(name, set()), data):
            raise InputError(f"{directory / name} {reason}; move it out of {directory} (or choose another --site folder), "
                             "so that nothing of yours is overwritten.")
    changed = [name for name, data in files.items() if not (directory / name).is_file() or (directory / name).read_bytes() != data]
    stale = sorted(set(old) - set(files))
    if changed or stale:  # first record what is about to be written, so that a killed export is finished by the next one
        _write_manifest(directory, {**old, **{name: old.get(name, set()) | {_digest(data)} for name, data in files.items()}})
    for name in files:  # the pages first, then the feed and the index that link them
        if name in changed:
            atomic_write_bytes(directory / name, files[name])
            result.written.append(name)
        else:
            result.unchanged.append(name)
    for name in stale:
        path = directory / name
        if path.is_symlink() or not path.exists():
            continue
        if path.is_file() and _digest(path.read_bytes()) in old[name]:
            path.unlink()
            result.removed.append(name)
        else:
            result.kept.append(name)
    _write_manifest(directory, {name: {_digest(data)} for name, data in files.items()})


def build_site(config: Config, directory: Path, *, allow_draft: bool = False) -> SiteResult:
    """Publish the project's English edition as a static site in *directory* (see the module).

    Raises :class:`InputError` for a folder the site may not go to, a project without catalogs, or a
    file in the way; :class:`NothingToPublishError` (nothing written) when no bulletin can be published.
    """
    directory = check_site_directory(config, Path(directory))
    pages, skipped = collect(config, allow_draft=allow_draft)
    if not pages:
        which, them = ("The project's one bulletin cannot", "it") if len(skipped) == 1 else (f"None of the {len(skipped)} bulletins can", "them")
        raise NothingToPublishError(f"{which} be published yet; review {them} with `l10n review SLUG`, or pass --allow-draft "
                                    f"to publish {them} as {'a machine draft' if them == 'it' else 'machine drafts'}.", skipped)
    result = SiteResult(directory, pages, skipped)
    write_site(directory, render_site(config, pages), result)
    return result
