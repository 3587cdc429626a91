"""TBX-Basic export/import: round trip, other tools' files, refused entities."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from l10n.glossary import Glossary, GlossaryError, Term
from l10n.glossary.tbx import parse_tbx, render_tbx

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = [2, 3]

EVERY_FIELD = [
    Term("a", "文化部", "Ministry of Culture & Tourism <old>", "organ", "deprecated", dt.date(2010, 1, 1), dt.date(2018, 3, 17),
         ("Culture Ministry", "Ministry \"of\" Culture"), "note with\nnewline", "Li", "Jing", "2024-01-01T00:00:00Z"),
    Term("b", "县志办", "County Chronicles Office", status="proposed", valid_from=dt.date(2020, 5, 1)),
    Term("c", "政协", "CPPCC", status="rejected", forbidden=("CPCC",)),
    Term("d", "国务院", "State Council", "organ", "approved", valid_to=dt.date(2030, 1, 1), note="l10n-status: rejected"),
]


def repository_glossary() -> Glossary:
    return Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")))


@pytest.mark.parametrize("version", VERSIONS)
def test_repository_glossary_round_trips_through_tbx(version):
    g = repository_glossary()
    assert parse_tbx(render_tbx(g.terms, version=version)) == g.terms


@pytest.mark.parametrize("version", VERSIONS)
def test_every_field_survives_the_round_trip(version):
    assert parse_tbx(render_tbx(EVERY_FIELD, version=version)) == EVERY_FIELD


def test_export_is_tbx_basic_martif_by_default():
    xml = render_tbx([Term("org-cppcc", "政协", "CPPCC", "organ", "approved", forbidden=("People's Political Consultative Committee",))])
    assert '<martif type="TBX-Basic" xml:lang="zh">' in xml and "<martifHeader>" in xml and "xmlns" not in xml
    assert '<termEntry id="org-cppcc">' in xml and '<langSet xml:lang="zh">' in xml and '<langSet xml:lang="en">' in xml
    assert "<tig>" in xml and "<term>People's Political Consultative Committee</term>" in xml
    assert "x-l10n" not in xml and "<!DOCTYPE" not in xml


def test_tbx_version_3_is_still_available():
    xml = render_tbx([Term("org-cppcc", "政协", "CPPCC", "organ", "approved")], version=3)
    assert 'type="TBX-Basic"' in xml and 'xmlns="urn:iso:std:iso:30042:ed-2"' in xml
    assert '<conceptEntry id="org-cppcc">' in xml and "<termSec>" in xml and "x-l10n" not in xml


@pytest.mark.parametrize("status, admn", [
    ("approved", "preferredTerm-admn-sts"),
    ("proposed", "admittedTerm-admn-sts"),
    ("deprecated", "deprecatedTerm-admn-sts"),
    ("rejected", "deprecatedTerm-admn-sts"),
])
@pytest.mark.parametrize("version", VERSIONS)
def test_status_is_a_standard_administrative_status_and_the_exact_status_a_note(status, admn, version):
    from defusedxml import ElementTree as SafeET

    root = SafeET.fromstring(render_tbx([Term("t", "政协", "CPPCC", status=status, forbidden=("CPCC",))], version=version))
    tigs = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("tig", "termSec")]
    statuses = [next(n.text for n in tig if n.get("type") == "administrativeStatus") for tig in tigs]
    # zh, its English; the forbidden rendering's own entry: the Chinese admitted, the rendering deprecated
    assert statuses == [admn, admn, "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"]
    notes = [n.text for n in tigs[1] if n.tag.rsplit("}", 1)[-1] == "note"]
    assert notes == [f"l10n-status: {status}"]


def test_validity_is_kept_in_the_english_terms_note():
    xml = render_tbx([Term("t", "文化部", "Ministry of Culture", status="deprecated", valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2018, 3, 17))])
    assert "<note>l10n-status: deprecated; valid-from: 2010-01-01; valid-to: 2018-03-17</note>" in xml


@pytest.fixture
def exported(tmp_path) -> tuple[Path, list[Term]]:
    terms = repository_glossary().terms
    keys = {(t.category, t.zh) for t in terms}  # a PO keys entries by context (our category) and msgid (the Chinese)
    terms += [t for t in EVERY_FIELD if (t.category, t.zh) not in keys]
    path = tmp_path / "glossary.tbx"
    path.write_text(render_tbx(terms), encoding="utf-8")
    return path, terms


def test_translate_toolkit_reads_every_term_zh_to_en(exported):
    tbx = pytest.importorskip("translate.storage.tbx")
    path, terms = exported
    store = tbx.tbxfile.parsefile(str(path))
    forbidden = [u for u in store.units if u.xmlelement.get("weblate-flags") == "forbidden"]
    assert [(u.source, u.target) for u in forbidden] == [(t.zh, f) for t in terms for f in t.forbidden]  # each its own entry
    assert all(u.get_target_terms()[0].deprecated for u in forbidden)
    live = [(u.source, u.target) for u in store.units if not u.isobsolete() and u not in forbidden]
    assert live == [(t.zh, t.en) for t in terms if t.status in ("approved", "proposed")]  # deprecated, rejected: obsolete


def test_tbx2po_writes_every_term(exported, tmp_path):
    pytest.importorskip("translate.convert.tbx2po")
    path, terms = exported
    po = tmp_path / "glossary.po"
    subprocess.run([str(Path(sys.executable).with_name("tbx2po")), str(path), str(po)], check=True, capture_output=True)
    entries = [(e.msgctxt or "", e.msgid, e.msgstr) for e in polib.pofile(str(po))]
    forbidden = [(f"Forbidden rendering {n} of {t.id}: do not use.", t.zh, f) for t in terms for n, f in enumerate(t.forbidden, start=1)]
    assert sorted(entries) == sorted([(t.category, t.zh, t.en) for t in terms] + forbidden)  # each forbidden rendering apart


def test_external_entity_is_refused():
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="x"><langSec xml:lang="zh"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry>
</body></text></tbx>"""
    with pytest.raises(GlossaryError, match="declares a DTD or entities, which l10n never resolves"):
        parse_tbx(evil, origin="evil.tbx")


def test_internal_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tbx>&b;</tbx>"""
    with pytest.raises(GlossaryError, match="DTD or entities"):
        parse_tbx(bomb)


def test_malformed_xml_names_the_line():
    with pytest.raises(GlossaryError, match=r"^bad.tbx:3: not well-formed XML"):
        parse_tbx(b"<tbx>\n<text>\n<body></text></tbx>", origin="bad.tbx")


def test_entry_without_english_is_refused():
    xml = """<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1">
    <langSec xml:lang="zh"><termSec><term>政协</term></termSec></langSec></conceptEntry></body></text></tbx>"""
    with pytest.raises(GlossaryError, match="concept entry 1 has no English"):
        parse_tbx(xml, origin="t.tbx")


def test_other_tools_tbx_v2_comes_in_as_proposed():
    martif = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="C-12"><descrip type="subjectField">organ</descrip>
<langSet xml:lang="zh-CN"><tig><term>国务院</term></tig></langSet>
<langSet xml:lang="en-US"><tig><term>State Council</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"""
    (t,) = parse_tbx(martif)
    assert (t.id, t.zh, t.en, t.category, t.status) == ("c-12", "国务院", "State Council", "organ", "proposed")
