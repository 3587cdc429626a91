"""TBX-Basic (ISO 30042) import and export.

Export writes TBX v3 with the Basic dialect: one ``conceptEntry`` per term, the
Chinese and English in ``langSec`` elements, forbidden renderings as English
terms with ``deprecatedTerm-admn-sts``, who and when in ``transacGrp``. Fields
TBX-Basic has no data category for (our workflow status, validity dates) travel
in ``admin`` elements of type ``x-l10n-*``, which other tools ignore. Import also
reads TBX v2 (``martif``) files from other tools; their terms come in as proposed
unless they carry our status.

Parsing goes through :mod:`defusedxml`: a file with a DTD, entity declarations or
external references is refused, never resolved.

>>> from l10n.glossary.store import Term
>>> t = Term("org-cppcc", "政协", "CPPCC", "organ", "approved", forbidden=("People's Political Consultative Committee",))
>>> parse_tbx(render_tbx([t])) == [t]
True
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from l10n.glossary.store import GlossaryError, MalformedGlossaryError, Problem, Term, parse_row

NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
_STATUS_TO_ADMN = {"approved": PREFERRED, "proposed": ADMITTED, "deprecated": SUPERSEDED, "rejected": SUPERSEDED}


def render_tbx(terms: Iterable[Term], *, source: str = "l10n glossary") -> str:
    """TBX-Basic XML for *terms*."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="{NS}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        f"      <sourceDesc><p>{escape(source)}</p></sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for t in terms:
        out.append(f"      <conceptEntry id={quoteattr(t.id)}>")
        if t.category:
            out.append(f'        <descrip type="subjectField">{escape(t.category)}</descrip>')
        out.append(f'        <admin type="x-l10n-status">{escape(t.status)}</admin>')
        if t.valid_from:
            out.append(f'        <admin type="x-l10n-validFrom">{t.valid_from.isoformat()}</admin>')
        if t.valid_to:
            out.append(f'        <admin type="x-l10n-validTo">{t.valid_to.isoformat()}</admin>')
        if t.proposed_by:
            out += _transac("origination", t.proposed_by, "")
        if t.approved_by or t.updated_at:
            out += _transac("modification", t.approved_by, t.updated_at)
        if t.note:
            out.append(f"        <note>{escape(t.note)}</note>")
        out.append('        <langSec xml:lang="zh">')
        out += _term_sec(t.zh, PREFERRED)
        out.append("        </langSec>")
        out.append('        <langSec xml:lang="en">')
        out += _term_sec(t.en, _STATUS_TO_ADMN[t.status] if t.status in _STATUS_TO_ADMN else ADMITTED)
        for bad in t.forbidden:
            out += _term_sec(bad, DEPRECATED)
        out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _transac(kind: str, who: str, when: str) -> list[str]:
    lines = ["        <transacGrp>", f'          <transac type="transactionType">{kind}</transac>']
    if who:
        lines.append(f'          <transacNote type="responsibility">{escape(who)}</transacNote>')
    if when:
        lines.append(f"          <date>{escape(when)}</date>")
    lines.append("        </transacGrp>")
    return lines


def _term_sec(text: str, status: str) -> list[str]:
    return [
        "          <termSec>",
        f"            <term>{escape(text)}</term>",
        f'            <termNote type="administrativeStatus">{status}</termNote>',
        "          </termSec>",
    ]


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
    A file that is not well-formed, or declares a DTD or entities, raises.
    """
    import defusedxml
    from defusedxml import ElementTree as SafeET
    from xml.etree.ElementTree import ParseError

    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise GlossaryError(f"{origin} declares a DTD or entities, which l10n never resolves; remove the <!DOCTYPE …> and entity references.") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise MalformedGlossaryError(f"{origin}:{line}: not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc}); fix the file or export it again.") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise MalformedGlossaryError(f"{origin}:1: the root element is <{_local(root.tag)}>, not <tbx> or <martif>; give a TBX file.")
    lines = _entry_lines(data)
    terms: list[Term] = []
    problems: list[Problem] = []
    for n, entry in enumerate((e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")), start=1):
        line = lines[n - 1]
        where = f"{origin}:{line}"
        row, missing = _entry_row(entry, n)
        term, row_problems = (None, [missing]) if missing else parse_row(row)
        problems.extend(Problem(where, p) for p in row_problems)
        if term is not None:
            terms.append(dataclasses.replace(term, file=origin, line=line))
    return terms, problems


def _entry_lines(data: bytes) -> list[int]:
    """The line of each concept entry's start tag, in document order (the file is already known safe)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    lines: list[int] = []

    def start(name, _attrs):
        if _local(name) in ("conceptEntry", "termEntry"):
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.Parse(data, True)
    return lines


def _entry_row(entry, n: int) -> tuple[dict[str, str], str]:
    """The glossary row (every field a string) of one concept entry, or what it lacks."""
    fields: dict[str, str] = {}
    langs: dict[str, list[tuple[str, str]]] = {}
    for child in entry.iter():
        tag = _local(child.tag)
        text = (child.text or "").strip()
        if tag == "descrip" and child.get("type") == "subjectField":
            fields["category"] = text
        elif tag == "admin" and (child.get("type") or "").startswith("x-l10n-"):
            fields[child.get("type")[7:]] = text
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
        elif tag in ("langSec", "langSet"):
            lang = (child.get(_LANG) or child.get("lang") or "").lower().split("-")[0]
            items = langs.setdefault(lang, [])
            for sec in child:
                if _local(sec.tag) not in ("termSec", "tig", "ntig"):
                    continue
                term_text, status = "", ""
                for part in sec.iter():
                    ptag = _local(part.tag)
                    if ptag == "term":
                        term_text = "".join(part.itertext()).strip()
                    elif ptag == "termNote" and part.get("type") == "administrativeStatus":
                        status = (part.text or "").strip()
                if term_text:
                    items.append((term_text, status))
    zh = [t for t, _ in langs.get("zh", [])]
    en = [(t, s) for t, s in langs.get("en", [])]
    if not zh:
        return {}, f"concept entry {n} has no Chinese (zh) term; every entry needs one"
    preferred = [t for t, s in en if s != DEPRECATED]
    if not preferred:
        return {}, f"concept entry {n} has no English (en) term that is not deprecated; every entry needs one"
    # Another tool's "preferred" is not our editors' approval: without our status, a term is proposed.
    entry_id = re.sub(r"[^a-z0-9._-]+", "-", (entry.get("id") or "").lower()).strip("-._") or f"tbx-{n}"
    row = {
        "id": entry_id,
        "zh": zh[0],
        "en": preferred[0],
        "category": fields.get("category", ""),
        "status": fields.get("status", "proposed"),
        "valid_from": fields.get("validFrom", ""),
        "valid_to": fields.get("validTo", ""),
        "forbidden": "|".join(t for t, s in en if s == DEPRECATED),
        "note": fields.get("note", ""),
        "proposed_by": fields.get("proposed_by", ""),
        "approved_by": fields.get("approved_by", ""),
        "updated_at": fields.get("updated_at", ""),
    }
    return row, ""
