"""TBX-Basic export/import: round trip, other tools' files, refused entities."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from l10n.glossary import Glossary, GlossaryError, Term
from l10n.glossary.tbx import parse_tbx, render_tbx

ROOT = Path(__file__).resolve().parent.parent


def test_repository_glossary_round_trips_through_tbx():
    g = Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")))
    assert parse_tbx(render_tbx(g.terms)) == g.terms


def test_every_field_survives_the_round_trip():
    terms = [
        Term("a", "文化部", "Ministry of Culture & Tourism <old>", "organ", "deprecated", dt.date(2010, 1, 1), dt.date(2018, 3, 17),
             ("Culture Ministry", "Ministry \"of\" Culture"), "note with\nnewline", "Li", "Jing", "2024-01-01T00:00:00Z"),
        Term("b", "县志办", "County Chronicles Office", status="proposed"),
        Term("c", "政协", "CPPCC", status="rejected"),
    ]
    assert parse_tbx(render_tbx(terms)) == terms


def test_export_is_tbx_basic():
    xml = render_tbx([Term("org-cppcc", "政协", "CPPCC", "organ", "approved", forbidden=("People's Political Consultative Committee",))])
    assert 'type="TBX-Basic"' in xml and 'xmlns="urn:iso:std:iso:30042:ed-2"' in xml
    assert '<conceptEntry id="org-cppcc">' in xml
    assert "<term>People&apos;s Political Consultative Committee</term>" in xml or "<term>People's Political Consultative Committee</term>" in xml
    assert "deprecatedTerm-admn-sts" in xml


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
