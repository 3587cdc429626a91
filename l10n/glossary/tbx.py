"""TBX-Basic import and export.

Export writes TBX-Basic as Translate Toolkit and Weblate read it: TBX v2
(ISO 30042:2008), a ``martif`` root of type ``TBX-Basic`` with ``martifHeader``
and ``text/body``, one ``termEntry`` per term with a ``langSet`` for the Chinese
(first: the source) and one for the English (``tig``/``term``). ``version=3``
writes TBX v3 (ISO 30042:2019, ``tbx``/``conceptEntry``/``langSec``/``termSec``)
with the same data categories. Every field travels in a standard TBX-Basic
data category:

=================  =====================================================================
``category``       ``descrip type="subjectField"`` on the entry
``status``         ``termNote type="administrativeStatus"`` on the Chinese and the
                   English term: approved → ``preferredTerm-admn-sts``, proposed →
                   ``admittedTerm-admn-sts``, deprecated (superseded: once approved, no
                   longer holds) and rejected (never to be used) → ``deprecatedTerm-admn-sts``,
                   the one status Translate Toolkit reads as not to be used (an entry all
                   of whose terms have it is an obsolete unit, which Weblate leaves out);
                   ``supersededTerm-admn-sts`` both read as a live term
exact status,      a ``note`` on the English term, ``l10n-status: approved; valid-from:
validity           2010-01-01; valid-to: 2018-03-17`` (TBX-Basic has no data category
                   for either; the note is what makes l10n → TBX → l10n lossless)
``forbidden``      an entry of its own after the term's (an alternate ``tig`` is what
                   Weblate drops): the Chinese ``admittedTerm-admn-sts``, the forbidden English
                   ``deprecatedTerm-admn-sts`` (Translate Toolkit's ``deprecated`` term) noted
                   ``l10n-forbidden-for: ID``, the entry flagged ``weblate-flags="forbidden"``
                   (Weblate's forbidden glossary term) and described as forbidden, which keeps
                   it apart from the term in ``tbx2po``'s PO (its context)
``note``           ``note`` on the entry
who and when       ``transacGrp``: ``origination`` with the proposer, ``modification``
                   with the approver and ``date``
=================  =====================================================================

Import reads both versions (chosen by the root element), and the ``x-l10n-*``
``admin`` elements of files older l10n versions wrote. A file from another tool
has no ``l10n-status`` note: its terms come in as proposed whatever their
administrative status, since another tool's "preferred" is not our editors'
approval; its English is the first English term that is not deprecated, and its further
deprecated English terms are forbidden renderings. An entry of such a file whose every English
term is deprecated, or that Weblate flags ``forbidden``, gives the forbidden renderings of the
file's entry with the same Chinese, or, when none has it, comes in as a rejected term.
Languages are told by ``xml:lang`` (``zh``, ``zh-CN``, ``zh_Hans`` …); where an entry has no
Chinese or no English one (``csv2tbx`` writes ``en`` and ``xx``), by the text: the language set
in Chinese characters is the Chinese. An entry
without a usable id (none, or one of Chinese characters only, as ``csv2tbx`` writes) gets one
derived from its Chinese and English (:func:`~l10n.glossary.store.content_id`): the same in
every file, and never another term's.

Parsing goes through :mod:`defusedxml`: a file with entity declarations, an internal DTD
subset or external references is refused, never resolved; the external
``<!DOCTYPE martif PUBLIC … "TBXcdv04.dtd">`` line Translate Toolkit and Weblate write is
read (the DTD is never fetched). A file declaring another encoding than
UTF-8 (``GB2312``, ``GBK``, ``Big5`` …) is decoded with Python's codec for it first, since the
XML parser reads only single-byte encodings itself. Export never writes what XML 1.0 cannot
carry: a term holding a control character raises instead (the glossary's row check refuses
them anyway).

>>> from l10n.glossary.store import Term
>>> t = Term("org-cppcc", "政协", "CPPCC", "organ", "approved", forbidden=("People's Political Consultative Committee",))
>>> parse_tbx(render_tbx([t])) == [t] == parse_tbx(render_tbx([t], version=3))
True
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from l10n.lexicon import HAN_CHAR
from l10n.glossary.store import FIELDS, GlossaryError, MalformedGlossaryError, Problem, Term, content_id, parse_row

NS = "urn:iso:std:iso:30042:ed-2"
VERSIONS = (2, 3)
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
_STATUS_TO_ADMN = {"approved": PREFERRED, "proposed": ADMITTED, "deprecated": DEPRECATED, "rejected": DEPRECATED}
#: How other tools spell "deprecated" (Translate Toolkit's reader takes all of these).
_DEPRECATED = frozenset({DEPRECATED.lower(), "deprecated", "deprecatedtermadmnsts"})
#: The note on the English term that carries what TBX-Basic has no category for, and its keys.
META_PREFIX = "l10n-status:"
#: The note on the English term of a forbidden rendering's own entry: the id of the term it belongs to.
FORBIDDEN_PREFIX = "l10n-forbidden-for:"
_META_FIELDS = {"l10n-status": "status", "valid-from": "valid_from", "valid-to": "valid_to"}
_ENTRY, _LANG_SEC, _TERM_SEC = ("conceptEntry", "termEntry"), ("langSec", "langSet"), ("termSec", "tig", "ntig")
# Characters XML 1.0 has no way to carry, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECLARED = re.compile(rb"""\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1""")


def _xml(text: str, where: str) -> str:
    """*text* escaped for XML element content (a CR kept as ``&#13;``, which a parser would
    otherwise read as a line end); what XML cannot carry raises, naming *where*."""
    bad = _NOT_XML.search(text)
    if bad:
        raise GlossaryError(f"{where} holds {bad.group()!r}, which XML cannot carry; remove it (`l10n glossary validate` lists such rows), nothing was written.")
    return escape(text, {"\r": "&#13;"})


def render_tbx(terms: Iterable[Term], *, source: str = "l10n glossary", version: int = 2) -> str:
    """TBX-Basic XML for *terms*: TBX v2 (``martif``) unless *version* is 3."""
    if version not in VERSIONS:
        raise GlossaryError(f"TBX version {version!r} is not 2 or 3.")
    v3 = version == 3
    entry_tag, lang_tag, term_tag = ("conceptEntry", "langSec", "termSec") if v3 else ("termEntry", "langSet", "tig")
    header = "tbxHeader" if v3 else "martifHeader"
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if v3:
        out += [
            '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
            f'<tbx style="dca" type="TBX-Basic" xml:lang="zh" xmlns="{NS}">',
        ]
    else:
        out.append('<martif type="TBX-Basic" xml:lang="zh">')
    out += [f"  <{header}>", "    <fileDesc>", f"      <sourceDesc><p>{_xml(source, 'the source')}</p></sourceDesc>", "    </fileDesc>"]
    if not v3:
        out.append('    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>')
    out += [f"  </{header}>", "  <text>", "    <body>"]
    for t in terms:
        admn = _STATUS_TO_ADMN.get(t.status, ADMITTED)
        meta = f"{META_PREFIX} {t.status}"
        if t.valid_from:
            meta += f"; valid-from: {t.valid_from.isoformat()}"
        if t.valid_to:
            meta += f"; valid-to: {t.valid_to.isoformat()}"
        x = {name: _xml(value, f"{t.id}: {name}") for name, value in t.row().items()}
        out.append(f"      <{entry_tag} id={quoteattr(t.id)}>")
        if t.category:
            out.append(f'        <descrip type="subjectField">{x["category"]}</descrip>')
        if t.proposed_by:
            out += _transac("origination", x["proposed_by"], "")
        if t.approved_by or t.updated_at:
            out += _transac("modification", x["approved_by"], x["updated_at"])
        if t.note:
            out.append(f"        <note>{x['note']}</note>")
        out.append(f'        <{lang_tag} xml:lang="zh">')
        out += _term_sec(term_tag, x["zh"], admn)
        out.append(f"        </{lang_tag}>")
        out.append(f'        <{lang_tag} xml:lang="en">')
        out += _term_sec(term_tag, x["en"], admn, meta)
        out.append(f"        </{lang_tag}>")
        out.append(f"      </{entry_tag}>")
        for n, bad in enumerate(t.forbidden, start=1):
            out.append(f'      <{entry_tag} id={quoteattr(f"{t.id}.forbidden-{n}")} weblate-flags="forbidden">')
            out.append(f'        <descrip type="definition">{escape(f"Forbidden rendering {n} of {t.id}: do not use.")}</descrip>')
            for lang, text, status, note in (("zh", x["zh"], ADMITTED, ""), ("en", _xml(bad, f"{t.id}: forbidden"), DEPRECATED, f"{FORBIDDEN_PREFIX} {t.id}")):
                out.append(f'        <{lang_tag} xml:lang="{lang}">')
                out += _term_sec(term_tag, text, status, note)
                out.append(f"        </{lang_tag}>")
            out.append(f"      </{entry_tag}>")
    out += ["    </body>", "  </text>", "</tbx>" if v3 else "</martif>", ""]
    return "\n".join(out)


def _transac(kind: str, who: str, when: str) -> list[str]:
    """A ``transacGrp``; *who* and *when* are escaped already."""
    lines = ["        <transacGrp>", f'          <transac type="transactionType">{kind}</transac>']
    if who:
        lines.append(f'          <transacNote type="responsibility">{who}</transacNote>')
    if when:
        lines.append(f"          <date>{when}</date>")
    lines.append("        </transacGrp>")
    return lines


def _term_sec(tag: str, text: str, status: str, note: str = "") -> list[str]:
    """A ``tig``/``termSec``; *text* is escaped already."""
    lines = [
        f"          <{tag}>",
        f"            <term>{text}</term>",
        f'            <termNote type="administrativeStatus">{status}</termNote>',
    ]
    if note:
        lines.append(f"            <note>{escape(note)}</note>")
    return lines + [f"          </{tag}>"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_tbx(data: str | bytes, *, origin: str = "<tbx>") -> list[Term]:
    """Terms from TBX (v3 ``tbx`` or v2 ``martif``); the first bad entry raises, naming its line."""
    terms, problems = read_tbx(data, origin=origin)
    if problems:
        raise MalformedGlossaryError(f"{problems[0]}; fix the row, nothing was imported.")
    return terms


def read_tbx(data: str | bytes, *, origin: str = "<tbx>") -> tuple[list[Term], list[Problem]]:
    """The good terms of a TBX file and a problem for each bad entry, like :func:`~l10n.glossary.store.parse_csv`.

    Every entry becomes a glossary row that :func:`~l10n.glossary.store.parse_row`
    checks, exactly as a CSV row is; problems name ``origin:line`` of the entry.
    A file that is not well-formed, or declares entities or an internal DTD subset, raises.
    """
    from l10n.safexml import REFUSED, parse_untrusted

    refused = GlossaryError(REFUSED.format(origin=origin))
    data = _as_utf8(data.encode("utf-8"), origin, codec="utf-8") if isinstance(data, str) else _as_utf8(data, origin)
    # An external DOCTYPE (what Translate Toolkit and Weblate write) is read, never fetched; entities are refused.
    root = parse_untrusted(data, origin, refused=refused, malformed=MalformedGlossaryError)
    lines, internal_subset = _entry_lines(data)
    if internal_subset:
        raise refused
    if _local(root.tag) not in ("tbx", "martif"):
        raise MalformedGlossaryError(f"{origin}:1: the root element is <{_local(root.tag)}>, not <tbx> or <martif>; give a TBX file.")
    rows: list[tuple[int, dict[str, str]]] = []  # the entries giving terms, with their lines
    forbidden_of: list[tuple[int, str, str, str]] = []  # (line, zh, English, the id it is for, "" when another tool's)
    problems: list[Problem] = []
    for n, entry in enumerate((e for e in root.iter() if _local(e.tag) in _ENTRY), start=1):
        line = lines[n - 1]
        row, missing, forbidden_for = _entry_row(entry, n)
        if missing:
            problems.append(Problem(f"{origin}:{line}", missing))
        elif forbidden_for is not None:
            forbidden_of.append((line, row["zh"], row["en"], forbidden_for))
        else:
            rows.append((line, row))
    by_id = {row["id"]: row for _, row in rows if row["id"]}
    by_zh: dict[str, dict[str, str]] = {}
    for _, row in rows:
        by_zh.setdefault(row["zh"], row)
    for line, zh, en, term_id in forbidden_of:
        owner = by_id.get(term_id) if term_id else by_zh.get(zh)
        if owner is None and term_id:
            problems.append(Problem(f"{origin}:{line}", f"forbidden rendering {en!r} is for entry {term_id!r}, which this file does not hold"))
        elif owner is None:  # another tool's deprecated pair with no live entry beside it: a rejected term
            first, *rest = en.split("|")
            row = {**_EMPTY_ROW, "zh": zh, "en": first, "forbidden": "|".join(rest), "status": "rejected"}
            rows.append((line, row))
            by_zh[zh] = row
        else:
            owner["forbidden"] = "|".join(f for f in (owner["forbidden"], en) if f)
    terms: list[Term] = []
    for line, row in sorted(rows, key=lambda item: item[0]):
        row["id"] = row["id"] or content_id(row["zh"].strip(), row["en"].strip())
        term, row_problems = parse_row(row)
        problems.extend(Problem(f"{origin}:{line}", p) for p in row_problems)
        if term is not None:
            terms.append(dataclasses.replace(term, file=origin, line=line))
    problems.sort(key=lambda p: int(p.where.rsplit(":", 1)[1]))
    return terms, problems


def _as_utf8(data: bytes, origin: str, *, codec: str = "") -> bytes:
    r"""*data* as UTF-8 XML: a file declaring another encoding is decoded with Python's codec
    for it (or *codec*, when the bytes are known to be in it) and its declaration rewritten,
    line for line (expat reads no multi-byte encoding but UTF-8 and UTF-16 itself). A
    byte-order mark or no declaration leaves *data* to expat.

    >>> _as_utf8('<?xml version="1.0" encoding="GB2312"?>\n<martif>县志办</martif>'.encode("gb2312"), "t.tbx").decode("utf-8")
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif>县志办</martif>'
    """
    import codecs

    declared = _DECLARED.match(data)
    if declared is None or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    name = declared.group(2).decode("ascii")
    try:
        codec = codec or codecs.lookup(name).name
    except LookupError:
        raise MalformedGlossaryError(f"{origin}:1: declares encoding {name!r}, which l10n does not know; save it as UTF-8 and import it again.") from None
    if codec in ("utf-8", "ascii") and name.lower().replace("_", "-") in ("utf-8", "utf8", "ascii", "us-ascii"):
        return data
    if codec.startswith(("utf-16", "utf-32")):
        raise MalformedGlossaryError(f"{origin}:1: declares encoding {name!r} but has no byte-order mark; save it as UTF-8 and import it again.")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MalformedGlossaryError(f"{origin}:{line}: is not valid {name} text, as its XML declaration says; save it as UTF-8 and import it again.") from None
    start, end = declared.span(2)
    rest = text[len(data[:end].decode(codec)):]
    return data[:start] + b"UTF-8" + rest.encode("utf-8")


def _entry_lines(data: bytes) -> tuple[list[int], bool]:
    """The line of each concept entry's start tag, in document order, and whether a DOCTYPE holds
    an internal subset (the file is already known to declare no entity)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    lines: list[int] = []
    internal = []

    def start(name, _attrs):
        if _local(name) in _ENTRY:
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = lambda _name, _system, _public, has_internal_subset: internal.append(bool(has_internal_subset))
    parser.Parse(data, True)
    return lines, any(internal)


_EMPTY_ROW = dict.fromkeys(FIELDS, "")


def _language(tag: str) -> str:
    """``zh`` for ``zh``, ``zh-CN``, ``zh_Hans`` …"""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]


def _chinese_and_english(langs: dict[str, list]) -> tuple[list, list]:
    """The Chinese and the English terms of an entry: by ``xml:lang``, or where that names no
    Chinese (``csv2tbx`` writes ``en`` and ``xx``), the language set in Chinese characters."""
    def chinese(items) -> bool:
        return any(HAN_CHAR.search(text) for text, _, _ in items)

    zh = "zh" if "zh" in langs else next((k for k, items in langs.items() if chinese(items)), None)
    en = "en" if "en" in langs and zh != "en" else next((k for k, items in langs.items() if k not in (zh, "zh") and not chinese(items)), None)
    return langs.get(zh, []) if zh else [], langs.get(en, []) if en else []


def _entry_row(entry, n: int) -> tuple[dict[str, str], str, str | None]:
    """The glossary row (every field a string, the id "" when the entry has no usable one) of one
    concept entry, or what it lacks; and, for an entry giving a forbidden rendering only, the id of
    the term it is for (``""``: another tool's, for the entry with its Chinese), else None."""
    fields: dict[str, str] = {}
    langs: dict[str, list[tuple[str, str, dict[str, str] | None]]] = {}
    for child in entry:
        tag = _local(child.tag)
        text = (child.text or "").strip()
        if tag == "descrip" and child.get("type") == "subjectField":
            fields["category"] = text
        elif tag == "admin" and (child.get("type") or "").startswith("x-l10n-"):  # what l10n wrote before TBX-Basic proper
            fields[{"validFrom": "valid_from", "validTo": "valid_to"}.get(child.get("type")[7:], child.get("type")[7:])] = text
        elif tag == "note" and "note" not in fields:
            fields["note"] = child.text or ""
        elif tag == "transacGrp":
            kind = who = when = ""
            for part in child:
                ptag = _local(part.tag)
                if ptag == "transac":
                    kind = (part.text or "").strip()
                elif ptag == "transacNote" and part.get("type") == "responsibility":
                    who = (part.text or "").strip()
                elif ptag == "date":
                    when = (part.text or "").strip()
            if kind == "origination":
                fields["proposed_by"] = who
            elif kind == "modification":
                fields["approved_by"], fields["updated_at"] = who, when
        elif tag in _LANG_SEC:
            items = langs.setdefault(_language(child.get(_LANG) or child.get("lang") or ""), [])
            for sec in child:
                if _local(sec.tag) in _TERM_SEC:
                    items.append(_term_of(sec))
    zh_items, en_items = _chinese_and_english(langs)
    zh = [t for t, _, _ in zh_items if t]
    en = [item for item in en_items if item[0]]
    if not zh:
        return {}, f"concept entry {n} has no Chinese (zh) term; every entry needs one", None
    if not en:
        return {}, f"concept entry {n} has no English (en) term; every entry needs one", None
    # Ours: the English term is the one carrying the l10n-status note. Another tool's: its first that is not deprecated.
    main = next((item for item in en if item[2] is not None), None) or next((item for item in en if item[1].lower() not in _DEPRECATED), None)
    if main is not None and (main[2] or {}).get("forbidden_for"):
        return {**_EMPTY_ROW, "zh": zh[0], "en": main[0]}, "", main[2]["forbidden_for"]
    if main is None:  # another tool's: every English term deprecated, renderings not to use
        return {**_EMPTY_ROW, "zh": zh[0], "en": "|".join(item[0] for item in en)}, "", ""
    if main[2] is None and "forbidden" in re.split(r"[\s,]+", entry.get("weblate-flags") or ""):  # Weblate's forbidden term
        return {**_EMPTY_ROW, "zh": zh[0], "en": main[0]}, "", ""
    fields.update(main[2] or {})
    # Another tool's "preferred" is not our editors' approval: without our status, a term is proposed.
    entry_id = re.sub(r"[^a-z0-9._-]+", "-", (entry.get("id") or "").lower()).strip("-._")
    row = {
        "id": entry_id,
        "zh": zh[0],
        "en": main[0],
        "category": fields.get("category", ""),
        "status": fields.get("status", "proposed"),
        "valid_from": fields.get("valid_from", ""),
        "valid_to": fields.get("valid_to", ""),
        "forbidden": "|".join(item[0] for item in en if item[1].lower() in _DEPRECATED and item is not main),
        "note": fields.get("note", ""),
        "proposed_by": fields.get("proposed_by", ""),
        "approved_by": fields.get("approved_by", ""),
        "updated_at": fields.get("updated_at", ""),
    }
    return row, "", None


def _term_of(sec) -> tuple[str, str, dict[str, str] | None]:
    """A ``tig``/``ntig``/``termSec``: its term, administrative status and l10n fields (None: it has
    no l10n note; ``forbidden_for`` when it is a forbidden rendering's, noted ``l10n-forbidden-for:``)."""
    term_text, status, meta = "", "", None
    for part in sec.iter():
        ptag = _local(part.tag)
        note = (part.text or "").strip() if ptag == "note" else ""
        if ptag == "term":
            term_text = "".join(part.itertext()).strip()
        elif ptag == "termNote" and part.get("type") == "administrativeStatus":
            status = (part.text or "").strip()
        elif note.startswith(FORBIDDEN_PREFIX) and meta is None:
            meta = {"forbidden_for": note[len(FORBIDDEN_PREFIX):].strip()}
        elif note.startswith(META_PREFIX) and meta is None:
            meta = {}
            for item in note.split(";"):
                key, _, value = item.partition(":")
                if key.strip() in _META_FIELDS:
                    meta[_META_FIELDS[key.strip()]] = value.strip()
    return term_text, status, meta
