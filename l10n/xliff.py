"""XLIFF 1.2 exchange of catalogs with CAT tools (OmegaT, Trados, memoQ, Translate Toolkit).

Export writes one ``<file original="SLUG">`` with a ``trans-unit`` per catalog entry, in
catalog order; the obsolete entries stay home. Every entry travels as XLIFF 1.2 and
Translate Toolkit's ``xliff``/``poxliff`` classes (``xliff2po``) read it:

==================  ==================================================================
``msgctxt``         the unit's ``id`` and ``resname``, and a ``po-entry`` context
                    (``x-po-msgctxt``)
``msgid``/``msgstr`` ``source`` / ``target`` (``xml:space="preserve"``); no ``target``
                    for an untranslated entry
approved            ``approved="yes"``, ``target state="signed-off"``
draft (fuzzy)       ``approved="no"``, ``target state="needs-review-translation"``
translator comment  ``<note from="translator">`` (free text and the sign-off lines)
``#.`` notes        ``<note from="developer">``
``#:`` references   a ``po-reference`` context group
==================  ==================================================================

Import (:func:`import_xliff`) merges a file back into the bulletin's catalog and never loses
a person's decision: only the entries whose text or approval the file changes change.
A unit the file approves (``approved="yes"``, or a target ``state`` of ``final`` or
``signed-off``) whose English is new is approved, signed by the importer; an approved entry
stays approved while the file has its text (whatever state a tool gave it), and becomes a draft
only when the file brings other English unapproved (its sign-off kept as
``previously-approved-by:``). An empty target never clears a translation. The sign-off lines of
a comment are the catalog's (a note edited in a CAT tool cannot forge one); its free text is the
file's note when the file has one. A unit whose source differs from the catalog's msgid, whose
id is no entry of the bulletin, or whose target holds control or direction characters refuses the
whole import, naming the entry: nothing is written. Parsing goes through :mod:`defusedxml`, as for
TBX: entities and an internal DTD subset are refused, an external DOCTYPE is never fetched.

>>> from l10n.catalog import Catalog, Entry
>>> c = Catalog("demo", {"Language": "en"}, [Entry("1.1", "甲。", "A.", comment="approved-by: Jing 2026-12-01"),
...                                          Entry("1.2", "乙。", "B?", fuzzy=True), Entry("1.3", "丙。")])
>>> units = read_units(render_xliff(c), origin="demo.xlf")[1]
>>> [(u.id, u.source, u.target, u.approved, u.note) for u in units]
[('1.1', '甲。', 'A.', True, 'approved-by: Jing 2026-12-01'), ('1.2', '乙。', 'B?', False, None), ('1.3', '丙。', '', False, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from l10n.catalog import APPROVED, DRAFT, Catalog, Entry, carried_sign_off, catalog_lock, write_catalog
from l10n.errors import CatalogError, InputError
from l10n.textsafe import for_terminal, unsafe_characters

NS = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANGUAGE = "zh-CN"
#: The target states that mean a person signed the translation off (XLIFF 1.2's ``state`` values).
SIGNED = frozenset({"final", "signed-off"})
#: The most bytes an XLIFF file may have: a bulletin's catalog is a few hundred KB at most.
MAX_BYTES = 20 * 1024 * 1024
# Characters XML 1.0 has no way to carry, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SIGN_OFF_LINE = re.compile(r"^(?:previously-)?approved-(?:by|despite):")


class XliffError(InputError):
    """An XLIFF file cannot be read, or does not fit the catalog it is for."""


def _x(text: str, where: str) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise CatalogError(f"{where} holds {bad.group()!r}, which XML cannot carry; remove it with `l10n review`, nothing was written.")
    return escape(text, {"\r": "&#13;"})


def render_xliff(catalog: Catalog, *, source_language: str = SOURCE_LANGUAGE) -> str:
    """The XLIFF 1.2 text of *catalog* (see the module's table)."""
    target_language = catalog.header.get("Language", "").strip() or "en"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff version="1.2" xmlns="{NS}">',
        f"  <file original={quoteattr(catalog.slug)} source-language={quoteattr(source_language)}"
        f" target-language={quoteattr(target_language)} datatype=\"plaintext\">",
        "    <body>",
    ]
    for e in catalog.entries:
        where = f"{catalog.slug} entry {e.context}"
        state = e.state
        approved = ' approved="yes"' if state == APPROVED else ' approved="no"' if state == DRAFT else ""
        out.append(f'      <trans-unit id={quoteattr(e.context)} resname={quoteattr(e.context)} xml:space="preserve"{approved}>')
        out.append(f"        <source>{_x(e.source, where)}</source>")
        if e.translation:
            kind = "signed-off" if state == APPROVED else "needs-review-translation"
            out.append(f'        <target state="{kind}">{_x(e.translation, where)}</target>')
        if e.references:
            out.append('        <context-group name="po-reference" purpose="location">')
            for file, line in e.references:
                out.append(f'          <context context-type="sourcefile">{_x(file, where)}</context>')
                if line:
                    out.append(f'          <context context-type="linenumber">{_x(str(line), where)}</context>')
            out.append("        </context-group>")
        out.append(f'        <context-group name="po-entry" purpose="information"><context context-type="x-po-msgctxt">{_x(e.context, where)}</context></context-group>')
        if e.comment:
            out.append(f'        <note from="translator">{_x(e.comment, where)}</note>')
        if e.notes:
            out.append(f'        <note from="developer">{_x(chr(10).join(e.notes), where)}</note>')
        out.append("      </trans-unit>")
    out += ["    </body>", "  </file>", "</xliff>", ""]
    return "\n".join(out)


def write_xliff(catalog: Catalog, path: str | Path) -> None:
    """Write *catalog* to *path* as XLIFF 1.2, atomically."""
    from l10n.atomic import atomic_write_text

    atomic_write_text(path, render_xliff(catalog))


@dataclass(frozen=True)
class Unit:
    """One ``trans-unit`` as l10n reads it; ``note`` is None when the unit has no translator note."""

    id: str
    source: str
    target: str
    approved: bool
    note: str | None
    line: int


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element) -> str:
    return "".join(element.itertext())


def _parse(data: bytes, origin: str):
    """The root element of XML *data*, read safely (see the module's docstring)."""
    from xml.parsers import expat

    from l10n.safexml import REFUSED, parse_untrusted

    refused = XliffError(REFUSED.format(origin=origin))
    root = parse_untrusted(data, origin, refused=refused, malformed=XliffError, again="export it again from your CAT tool")
    internal: list[bool] = []
    lines: list[int] = []
    scan = expat.ParserCreate(namespace_separator="}")
    scan.StartDoctypeDeclHandler = lambda _name, _system, _public, has_internal: internal.append(bool(has_internal))

    def start(name, _attrs):
        if _local(name) == "trans-unit":
            lines.append(scan.CurrentLineNumber)

    scan.StartElementHandler = start
    scan.Parse(data, True)
    if any(internal):
        raise refused
    return root, lines


def read_units(data: str | bytes, *, origin: str = "<xliff>") -> tuple[str, list[Unit]]:
    """The bulletin (``file original``) and the units of an XLIFF 1.x file; bad input raises :class:`XliffError`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root, lines = _parse(data, origin)
    if _local(root.tag) != "xliff":
        raise XliffError(f"{origin}:1: the root element is <{_local(root.tag)}>, not <xliff>; give an XLIFF 1.2 file.")
    version = root.get("version", "")
    if not version.startswith("1."):
        raise XliffError(f"{origin}:1: is XLIFF {version or 'of no version'}, not 1.2; export XLIFF 1.2 from your CAT tool.")
    files = [f for f in root if _local(f.tag) == "file"]
    if len(files) != 1:
        raise XliffError(f"{origin}: holds {len(files)} <file> elements, not one; l10n exchanges one bulletin per XLIFF file.")
    slug = (files[0].get("original") or "").strip()
    units: list[Unit] = []
    elements = [u for u in root.iter() if _local(u.tag) == "trans-unit"]
    for element, line in zip(elements, lines):
        parts = {_local(c.tag): c for c in element}
        context = element.get("id") or element.get("resname") or next(
            (_text(c).strip() for c in element.iter() if _local(c.tag) == "context" and c.get("context-type") == "x-po-msgctxt"), "")
        target = parts.get("target")
        state = target.get("state", "") if target is not None else ""
        notes = [c for c in element if _local(c.tag) == "note" and c.get("from") in ("translator", "po-translator")]
        units.append(Unit(
            id=context,
            source=_text(parts["source"]) if "source" in parts else "",
            target=_text(target) if target is not None else "",
            approved=element.get("approved") == "yes" or state in SIGNED,
            note="\n".join(_text(n) for n in notes) if notes else None,
            line=line,
        ))
    return slug, units


@dataclass
class ImportResult:
    """What :func:`import_xliff` did to the catalog of ``slug``."""

    slug: str
    path: Path
    approved: int = 0  # entries newly approved
    updated: int = 0  # entries whose English or comment changed, not approved by the file
    unchanged: int = 0


def _free_text(comment: str) -> list[str]:
    return [line for line in comment.split("\n") if line and not _SIGN_OFF_LINE.match(line)]


def _sign_off(comment: str) -> list[str]:
    return [line for line in comment.split("\n") if _SIGN_OFF_LINE.match(line)]


def merge_units(catalog: Catalog, units: list[Unit], *, origin: str, translator: str = "") -> ImportResult:
    """Merge *units* into *catalog* in place (see the module's docstring), new approvals signed by
    *translator*; the first unit that does not fit (or that approves an entry when *translator* is
    empty) raises naming it, before anything changed."""
    from l10n.review import _approve

    seen: dict[str, Unit] = {}
    plan: list[tuple[Entry, Unit]] = []
    for unit in units:
        where = f"{origin}:{unit.line}"
        entry = catalog.find(unit.id)
        if entry is None:
            raise XliffError(f"{where}: unit {for_terminal(unit.id)!r} is no entry of {catalog.slug}; is the file for another bulletin?"
                             f" Export it again with `l10n export {catalog.slug} --format xliff`, nothing was imported.")
        if unit.id in seen:
            raise XliffError(f"{where}: entry {for_terminal(unit.id)} of {catalog.slug} comes twice (first at line {seen[unit.id].line}); keep one.")
        seen[unit.id] = unit
        if unit.source != entry.source:
            raise XliffError(f"{where}: entry {for_terminal(unit.id)} of {catalog.slug} has source {for_terminal(unit.source)!r} in the file but"
                             f" {for_terminal(entry.source)!r} in the catalog; export the bulletin again and redo that entry, nothing was imported.")
        bad = unsafe_characters(unit.target) + [c for c in unsafe_characters(unit.note or "") if c != "\\n"]  # a comment has lines
        if bad:
            raise XliffError(f"{where}: entry {for_terminal(unit.id)} of {catalog.slug} holds {', '.join(dict.fromkeys(bad))}, control or direction"
                             " characters a translation must not hold; remove them, nothing was imported.")
        target = unit.target.strip() and unit.target
        if not translator and unit.approved and target and (target != entry.translation or entry.state == DRAFT):
            raise XliffError(f"{where}: the file approves entry {for_terminal(unit.id)} of {catalog.slug}, and an approval needs a name;"
                             " pass --translator NAME or set translator in l10n.toml, nothing was imported.")
        plan.append((entry, unit))
    result = ImportResult(catalog.slug, Path(origin))
    for entry, unit in plan:
        before = (entry.translation, entry.fuzzy, entry.comment)
        target = unit.target.strip() and unit.target
        if unit.note is not None and _free_text(unit.note) != _free_text(entry.comment):
            entry.comment = "\n".join(_free_text(unit.note) + _sign_off(entry.comment))
        if target and target != entry.translation:
            if entry.state == APPROVED:  # the sign-off of the old English stays on record, not as an approval of this one
                entry.comment = carried_sign_off(entry.comment)
            entry.translation = target
            if unit.approved:
                _approve(entry, catalog, translator)
                result.approved += 1
                continue
            entry.fuzzy = True
        elif unit.approved and target and entry.state == DRAFT:  # the draft's own English, confirmed in the CAT tool
            _approve(entry, catalog, translator)
            result.approved += 1
            continue
        if (entry.translation, entry.fuzzy, entry.comment) == before:
            result.unchanged += 1
        else:
            result.updated += 1
    return result


def import_xliff(config, path: str | Path, *, translator: str = "", slug: str | None = None) -> ImportResult:
    """Merge the XLIFF file at *path* into its bulletin's catalog, atomically, under the catalog's lock.

    The bulletin is the file's ``<file original>`` (*slug*, if given, must be the same). New
    approvals are signed by *translator*. Bad input raises one sentence; nothing is written.
    """
    from l10n.review import catalog_path_for, open_verified

    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise XliffError(f"{path} does not exist.") from None
    except OSError as exc:
        raise XliffError(f"{path} cannot be read ({exc.strerror}).") from None
    if len(data) > MAX_BYTES:
        raise XliffError(f"{path} is over {MAX_BYTES // (1024 * 1024)} MB; an XLIFF file holds one bulletin's catalog.")
    original, units = read_units(data, origin=str(path))
    if not original:
        raise XliffError(f"{path}: its <file> names no bulletin (original=\"…\"); export the bulletin with `l10n export SLUG --format xliff`.")
    if slug is not None and original != slug:
        raise XliffError(f"{path} is for bulletin {for_terminal(original)!r}, not {for_terminal(slug)!r}; import it into its own bulletin.")
    catalog_path = catalog_path_for(config, original)
    with catalog_lock(catalog_path):
        catalog_path, catalog = open_verified(config, original)
        result = merge_units(catalog, units, origin=str(path), translator=translator)
        if result.approved or result.updated:
            write_catalog(catalog, catalog_path)
    result.path = catalog_path
    return result


__all__ = ["NS", "ImportResult", "Unit", "XliffError", "import_xliff", "merge_units", "read_units", "render_xliff", "write_xliff"]
