"""Round trips with Weblate, Translate Toolkit and CAT tools (issue 44): TBX and Weblate's CSV for
the glossary, XLIFF 1.2 for catalogs, each tested against Translate Toolkit as the real tool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

import l10n.cli.exchange  # noqa: F401  (registers `l10n import` where l10n.cli does not yet)
from support import assert_refused, run_cli, snapshot, write_template
from l10n.catalog import Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.config import load_config
from l10n.glossary import FIELDS, Term, load_glossary
from l10n.glossary.store import content_id, parse_csv
from l10n.glossary.tbx import parse_tbx, render_tbx

HEADER = ",".join(FIELDS) + "\n"
TOOL = Path(sys.executable).parent


def tool(name: str, *args: str) -> None:
    """Run a Translate Toolkit converter (installed with the test extra)."""
    subprocess.run([str(TOOL / name), *args], check=True, capture_output=True)


def terms_of(project: Path) -> list[Term]:
    return load_glossary(load_config(project / "l10n.toml")).terms


def seed(project: Path, *rows: str) -> None:
    (project / "glossary" / "organs.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


# --- 1. TBX import takes what Translate Toolkit and Weblate write ---------------------------

def test_csv2tbx_output_with_its_doctype_imports_as_proposals_with_content_ids(runner, project, tmp_path):
    source = tmp_path / "terms.csv"
    source.write_text('source,target\n政协,CPPCC\n县志办,County Chronicles Office\n', encoding="utf-8")
    tbx = tmp_path / "terms.tbx"
    tool("csv2tbx", str(source), str(tbx))
    assert b"<!DOCTYPE martif" in tbx.read_bytes()  # what the real tool writes
    result = run_cli(runner, "glossary", "import", str(tbx))
    assert result.exit_code == 0, result.stderr
    assert [(t.id, t.zh, t.en, t.status) for t in terms_of(project)] == [
        (content_id("政协", "CPPCC"), "政协", "CPPCC", "proposed"),
        (content_id("县志办", "County Chronicles Office"), "县志办", "County Chronicles Office", "proposed"),
    ]


def weblate_tbx(*pairs: tuple[str, str]) -> bytes:
    """A TBX as Weblate writes it (through Translate Toolkit's tbxfile): DOCTYPE, zh_Hans/en, no ids of ours."""
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage="zh_Hans", targetlanguage="en")
    for zh, en in pairs:
        store.addsourceunit(zh).target = en
    return bytes(store)


def test_ids_derived_from_content_never_collide_across_files_nor_overwrite_a_term(runner, project, tmp_path):
    seed(project, "org-cppcc,政协,CPPCC,organ,approved,,,,,,Jing,")
    first, second = tmp_path / "first.tbx", tmp_path / "second.tbx"
    first.write_bytes(weblate_tbx(("县志办", "County Chronicles Office")))
    second.write_bytes(weblate_tbx(("县委", "County Party Committee"), ("县志办", "County Chronicles Office")))
    assert run_cli(runner, "glossary", "import", str(first), "--into", "glossary/organs.csv").exit_code == 0
    result = run_cli(runner, "glossary", "import", str(second), "--into", "glossary/organs.csv")
    assert result.stdout.strip() == f"Imported {second}: 1 added, 0 updated, 1 unchanged"
    terms = {t.id: (t.zh, t.en, t.status) for t in terms_of(project)}
    assert terms == {
        "org-cppcc": ("政协", "CPPCC", "approved"),
        content_id("县志办", "County Chronicles Office"): ("县志办", "County Chronicles Office", "proposed"),
        content_id("县委", "County Party Committee"): ("县委", "County Party Committee", "proposed"),
    }


EXTERNAL_DOCTYPE = '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">\n'
BODY = ('<martif type="TBX" xml:lang="zh"><text><body><termEntry><langSet xml:lang="zh"><tig><term>政协</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>CPPCC</term></tig></langSet></termEntry></body></text></martif>')


@pytest.mark.parametrize("doctype, says", [
    (EXTERNAL_DOCTYPE, ""),
    ('<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/never-fetched.dtd">\n', ""),
    ('<!DOCTYPE martif [<!ELEMENT martif ANY>]>\n', "declares a DTD or entities, which l10n never resolves"),
    ('<!DOCTYPE martif SYSTEM "TBXcdv04.dtd" [<!ENTITY x "y">]>\n', "declares a DTD or entities, which l10n never resolves"),
    ('<!DOCTYPE martif [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n', "declares a DTD or entities, which l10n never resolves"),
])
def test_an_external_doctype_is_read_an_internal_subset_or_entities_refused(runner, project, tmp_path, doctype, says):
    tbx = tmp_path / "t.tbx"
    tbx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + BODY, encoding="utf-8")
    if says:
        assert_refused(runner, project, "glossary", "import", str(tbx), says=says)
    else:
        result = run_cli(runner, "glossary", "import", str(tbx))
        assert result.exit_code == 0 and [(t.zh, t.en) for t in terms_of(project)] == [("政协", "CPPCC")]


# --- 2. Weblate's glossary CSV, both ways -------------------------------------------------------

def test_weblate_glossary_csv_comes_in_as_proposals(runner, project, tmp_path):
    csv = tmp_path / "weblate.csv"
    csv.write_text('"location","source","target","id","fuzzy","context","translator_comments","developer_comments"\n'
                   '"","政协","CPPCC","","False","organ","","the advisory body"\n'
                   '"","县志办","County Chronicles Office","","True","","",""\n'
                   '"","县委","","","False","","",""\n', encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(csv), "--into", "glossary/organs.csv")
    assert result.exit_code == 0 and result.stdout.strip() == f"Imported {csv}: 2 added, 0 updated, 0 unchanged"
    assert [(t.id, t.zh, t.en, t.category, t.status, t.note) for t in terms_of(project)] == [
        (content_id("政协", "CPPCC"), "政协", "CPPCC", "organ", "proposed", "the advisory body"),
        (content_id("县志办", "County Chronicles Office"), "县志办", "County Chronicles Office", "", "proposed", ""),
    ]


def test_weblate_csv_export_is_read_by_translate_toolkit_and_by_import(runner, project, tmp_path):
    from translate.storage import csvl10n

    seed(project, "org-cppcc,政协,CPPCC,organ,approved,,,,the advisory body,,Jing,",
         "org-office,县志办,County Chronicles Office,organ,proposed,,,,,,,",
         "org-old,文化部,Ministry of Culture,organ,deprecated,,,,,,,")
    out = tmp_path / "glossary.csv"
    result = run_cli(runner, "glossary", "export", str(out), "--format", "weblate-csv")
    assert result.exit_code == 0 and result.stdout.strip() == f"Wrote 2 terms to {out}"
    store = csvl10n.csvfile(open(out, "rb"))
    assert [(u.source, u.target, u.context, u.isfuzzy(), u.getnotes()) for u in store.units] == [
        ("政协", "CPPCC", "organ", False, "the advisory body"),
        ("县志办", "County Chronicles Office", "organ", True, ""),
    ]
    other = tmp_path / "other"
    (other / "glossary").mkdir(parents=True)
    (other / "l10n.toml").write_text((project / "l10n.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(out), "--config", str(other / "l10n.toml"))
    assert result.exit_code == 0, result.stderr
    assert [(t.id, t.zh, t.en, t.status) for t in terms_of(other)] == [
        ("org-cppcc", "政协", "CPPCC", "proposed"), ("org-office", "县志办", "County Chronicles Office", "proposed")]


@pytest.mark.parametrize("text, says", [
    ("source,target\n政协,=HYPERLINK(1)\n", "weblate.csv:2: en '=HYPERLINK(1)' starts with '='"),
    ("source,target\nCPPCC,政协\n", "weblate.csv:2: zh 'CPPCC' has no Chinese character"),
    ('source,target\n"政协,CPPCC\n', "weblate.csv:2: not valid CSV"),
])
def test_a_bad_weblate_csv_is_refused_naming_the_line(runner, project, tmp_path, text, says):
    csv = tmp_path / "weblate.csv"
    csv.write_text(text, encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", str(csv), says=says)


# --- 3. TBX export: statuses Translate Toolkit and Weblate read ---------------------------------

STATUSES = [
    Term("org-cppcc", "政协", "CPPCC", "organ", "approved", forbidden=("People's Political Consultative Committee", "CPCC")),
    Term("org-office", "县志办", "County Chronicles Office", "organ", "proposed"),
    Term("org-culture", "文化部", "Ministry of Culture", "organ", "deprecated"),
    Term("org-wrong", "县委", "County Committee", "organ", "rejected"),
]


def test_translate_toolkit_and_weblate_read_superseded_and_forbidden_as_not_to_use(tmp_path):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(render_tbx(STATUSES).encode("utf-8"))
    # (Chinese, English, the English deprecated, the unit obsolete (a superseded term), Weblate's flags)
    assert [(u.source, u.target, u.get_target_terms()[0].deprecated, u.isobsolete(), u.xmlelement.get("weblate-flags"))
            for u in store.units] == [
        ("政协", "CPPCC", False, False, None),
        ("政协", "People's Political Consultative Committee", True, False, "forbidden"),
        ("政协", "CPCC", True, False, "forbidden"),
        ("县志办", "County Chronicles Office", False, False, None),
        ("文化部", "Ministry of Culture", True, True, None),
        ("县委", "County Committee", True, True, None),
    ]
    # one term per language set: nothing a reader taking the first tig (Weblate) would drop
    assert all(len(u.get_target_terms()) == 1 for u in store.units)


def test_tbx2po_reads_the_export_and_l10n_reads_it_back_unchanged(tmp_path):
    tbx = tmp_path / "g.tbx"
    tbx.write_text(render_tbx(STATUSES), encoding="utf-8")
    po = tmp_path / "g.po"
    tool("tbx2po", str(tbx), str(po))
    entries = {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.pofile(str(po))}
    assert entries[("organ", "政协")] == "CPPCC" and entries[("organ", "县志办")] == "County Chronicles Office"
    forbidden = {k: v for k, v in entries.items() if k[0].startswith("Forbidden rendering")}  # apart from the term, by context
    assert sorted(forbidden.values()) == ["CPCC", "People's Political Consultative Committee"]
    assert parse_tbx(tbx.read_bytes()) == STATUSES


def test_other_tools_deprecated_entry_is_a_forbidden_rendering_or_a_rejected_term():
    martif = """<martif type="TBX" xml:lang="zh"><text><body>
<termEntry><langSet xml:lang="zh"><tig><term>政协</term></tig></langSet><langSet xml:lang="en"><tig><term>CPPCC</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="zh"><tig><term>政协</term></tig></langSet><langSet xml:lang="en"><tig><term>CPCC</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
<termEntry><langSet xml:lang="zh"><tig><term>县委</term></tig></langSet><langSet xml:lang="en"><tig><term>County Committee</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
<termEntry weblate-flags="forbidden"><langSet xml:lang="zh_Hans"><tig><term>政协</term></tig></langSet>
<langSet xml:lang="en"><tig><term>PPCC</term></tig></langSet></termEntry>
</body></text></martif>"""
    assert [(t.zh, t.en, t.status, t.forbidden) for t in parse_tbx(martif)] == [
        ("政协", "CPPCC", "proposed", ("CPCC", "PPCC")), ("县委", "County Committee", "rejected", ())]


# --- 4. XLIFF 1.2 for catalogs ------------------------------------------------------------------

SLUG = "loufan"


def catalog() -> Catalog:
    header = base_header(SLUG, language="en")
    header.update({"X-Bulletin-Date": "2023-12-09", "X-Bulletin-Source": "娄烦县人民政府"})
    return Catalog(SLUG, header, [
        Entry("0.1", "娄烦县政协召开常委会议", "Loufan County CPPCC Holds Meeting", comment="Checked with Wei.\napproved-by: Jing 2026-12-01"),
        Entry("1.1", "会议听取了工作报告。", "The meeting heard the report.", fuzzy=True, notes=["confidence: 0.81"]),
        Entry("1.2", "会议强调要加强团结。"),
        Entry("1.3", "与会人员进行了讨论。", "Participants discussed.", comment="approved-by: Li 2026-12-02"),
    ])


@pytest.fixture
def po(project) -> Path:
    config = load_config(project / "l10n.toml")
    write_template(project, catalog())
    path = config.catalog_path(SLUG)
    write_catalog(catalog(), path)
    return path


def export_xliff(project: Path, out: Path) -> None:
    from l10n.export import export

    export(load_config(project / "l10n.toml"), SLUG, "xliff", output=out)


def test_translate_toolkit_reads_approval_drafts_and_notes(project, po, tmp_path):
    from translate.storage import xliff

    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    store = xliff.xlifffile.parsestring(out.read_bytes())
    assert [(u.getid().split("\x04")[-1], u.source, u.target or "", u.isapproved(), u.isfuzzy(), u.getnotes("translator")) for u in store.units] == [
        ("0.1", "娄烦县政协召开常委会议", "Loufan County CPPCC Holds Meeting", True, False, "Checked with Wei.\napproved-by: Jing 2026-12-01"),
        ("1.1", "会议听取了工作报告。", "The meeting heard the report.", False, True, ""),
        ("1.2", "会议强调要加强团结。", "", False, False, ""),
        ("1.3", "与会人员进行了讨论。", "Participants discussed.", True, False, "approved-by: Li 2026-12-02"),
    ]
    po_out = tmp_path / "back.po"
    tool("xliff2po", str(out), str(po_out))
    entries = {e.msgid: ("fuzzy" in e.flags, e.tcomment, e.comment) for e in polib.pofile(str(po_out))}
    assert entries["娄烦县政协召开常委会议"] == (False, "Checked with Wei.\napproved-by: Jing 2026-12-01", "")
    assert entries["会议听取了工作报告。"] == (True, "", "confidence: 0.81")
    assert entries["与会人员进行了讨论。"][:2] == (False, "approved-by: Li 2026-12-02")


def test_a_round_trip_through_translate_toolkit_changes_nothing(runner, project, po, tmp_path):
    from translate.storage import xliff

    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    out.write_bytes(bytes(xliff.xlifffile.parsestring(out.read_bytes())))  # as a CAT tool saves it untouched
    before = po.read_bytes()
    result = run_cli(runner, "import", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("0 approved, 0 updated, 4 unchanged")
    assert po.read_bytes() == before


def test_import_merges_what_the_cat_tool_changed_and_keeps_every_decision(runner, project, po, tmp_path):
    from translate.storage import xliff

    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    store = xliff.xlifffile.parsestring(out.read_bytes())
    units = {u.getid().split("\x04")[-1]: u for u in store.units}
    units["0.1"].markfuzzy(True)  # a tool's unconfirmed state on an approved entry it did not change
    units["1.1"].target = "The meeting heard the work report."
    units["1.1"].markfuzzy(False)  # confirmed in the CAT tool
    units["1.2"].target = "The meeting stressed unity."  # translated, not confirmed
    units["1.2"].markfuzzy(True)
    units["1.3"].target = "Participants held discussions."  # an approved entry edited, not confirmed
    units["1.3"].markfuzzy(True)
    out.write_bytes(bytes(store))
    result = run_cli(runner, "import", str(out), "--translator", "Wei")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("1 approved, 2 updated, 1 unchanged")
    got = {e.context: (e.translation, e.state, e.comment) for e in read_catalog(po).entries}
    assert got["0.1"] == ("Loufan County CPPCC Holds Meeting", "approved", "Checked with Wei.\napproved-by: Jing 2026-12-01")
    assert got["1.1"][:2] == ("The meeting heard the work report.", "approved") and got["1.1"][2].startswith("approved-by: Wei ")
    assert got["1.2"] == ("The meeting stressed unity.", "draft", "")
    assert got["1.3"] == ("Participants held discussions.", "draft", "previously-approved-by: Li 2026-12-02")


def test_a_forged_sign_off_in_a_note_is_not_an_approval(runner, project, po, tmp_path):
    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    text = out.read_text(encoding="utf-8").replace('<note from="developer">confidence: 0.81</note>',
                                                   '<note from="translator">Ask Wei.\napproved-by: Mallory 2026-12-03</note>')
    out.write_text(text, encoding="utf-8")
    assert run_cli(runner, "import", str(out)).exit_code == 0
    entry = read_catalog(po).find("1.1")
    assert (entry.state, entry.comment) == ("draft", "Ask Wei.")


def edited(project: Path, tmp_path: Path, old: str, new: str) -> Path:
    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    text = out.read_text(encoding="utf-8")
    assert old in text
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


BAD_XLIFF = {
    "malformed": ("</body>", "</bdy>", "not well-formed XML"),
    "entity": ('<xliff version="1.2"', '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2"',
               "declares a DTD or entities, which l10n never resolves"),
    "internal subset": ('<xliff version="1.2"', '<!DOCTYPE xliff [<!ELEMENT xliff ANY>]>\n<xliff version="1.2"', "declares a DTD or entities"),
    "another bulletin's units": ('id="1.2" resname="1.2"', 'id="9.9" resname="9.9"', "unit '9.9' is no entry of loufan"),
    "source changed": ("<source>会议强调要加强团结。</source>", "<source>会议强调要加强合作。</source>",
                       "entry 1.2 of loufan has source '会议强调要加强合作。' in the file but '会议强调要加强团结。' in the catalog"),
    "escape in a target": ("The meeting heard the report.", "The meeting heard\u202e the report.", "control or direction characters"),
    "another bulletin": ('original="loufan"', 'original="no-such-bulletin"', "No catalog for slug no-such-bulletin"),
    "not XLIFF": ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">', '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">',
                  "is XLIFF 2.0, not 1.2"),
}


@pytest.mark.parametrize("old, new, says", BAD_XLIFF.values(), ids=BAD_XLIFF.keys())
def test_bad_xliff_is_refused_and_the_catalog_untouched(runner, project, po, tmp_path, old, new, says):
    out = edited(project, tmp_path, old, new)
    before = snapshot(tmp_path)
    assert_refused(runner, project, "import", str(out), says=says)
    assert snapshot(tmp_path) == before


def test_a_file_for_another_bulletin_than_named_is_refused(runner, project, po, tmp_path):
    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    assert_refused(runner, project, "import", str(out), "--slug", "other", says="is for bulletin 'loufan', not 'other'")


def test_the_import_is_atomic_a_bad_unit_late_in_the_file_changes_nothing(runner, project, po, tmp_path):
    out = edited(project, tmp_path, "<source>与会人员进行了讨论。</source>", "<source>与会人员进行了交流。</source>")
    text = out.read_text(encoding="utf-8").replace('<target state="needs-review-translation">The meeting heard the report.',
                                                   '<target state="final">The meeting heard the work report.')
    out.write_text(text, encoding="utf-8")
    assert_refused(runner, project, "import", str(out), says="entry 1.3 of loufan has source")


def test_xliff_export_of_a_catalog_keeps_every_entry(project, po, tmp_path):
    from l10n.xliff import read_units

    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    slug, units = read_units(out.read_bytes())
    assert slug == SLUG
    assert [(u.id, u.source, u.target, u.approved) for u in units] == [
        (e.context, e.source, e.translation, e.state == "approved") for e in catalog().entries]


def test_csv_parse_of_l10n_glossary_unchanged_by_weblate_detection():
    terms, problems = parse_csv(HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\n", origin="g.csv")
    assert not problems and [t.id for t in terms] == ["a"]


def test_new_english_approved_in_the_file_replaces_the_old_sign_off(runner, project, po, tmp_path):
    out = edited(project, tmp_path, '<target state="signed-off">Participants discussed.', '<target state="signed-off">Participants held discussions.')
    assert run_cli(runner, "import", str(out), "--translator", "Wei").exit_code == 0
    entry = read_catalog(po).find("1.3")
    assert (entry.translation, entry.state) == ("Participants held discussions.", "approved")
    assert entry.comment.startswith("previously-approved-by: Li 2026-12-02\napproved-by: Wei ")
    assert [a.name for a in entry.approvals] == ["Wei"]


def test_an_approval_needs_a_name_but_an_import_without_one_does_not(runner, project, po, tmp_path):
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('translator = "Jing"', 'translator = ""'), encoding="utf-8")
    out = tmp_path / "loufan.xlf"
    export_xliff(project, out)
    assert run_cli(runner, "import", str(out)).exit_code == 0  # approves nothing new
    out = edited(project, tmp_path, 'approved="no">', 'approved="yes">')
    assert_refused(runner, project, "import", str(out), says="the file approves entry 1.1 of loufan, and an approval needs a name")


def test_a_missing_xliff_file_is_refused(runner, project, po, tmp_path):
    assert_refused(runner, project, "import", str(tmp_path / "none.xlf"), says="none.xlf does not exist.")


@pytest.mark.slow
def test_a_killed_xliff_import_leaves_the_old_catalog_or_the_new_one(project, po, tmp_path):
    import random
    import signal
    import time

    out = edited(project, tmp_path, '<target state="needs-review-translation">The meeting heard the report.',
                 '<target state="final">The meeting heard the work report.')
    old = po.read_bytes()
    cli = [sys.executable, "-c", "import l10n.cli.exchange; from l10n.cli import main; main()", "import", str(out)]
    started = time.monotonic()
    subprocess.run(cli, cwd=project, check=True, capture_output=True, timeout=120)
    full = time.monotonic() - started
    done = [(e.context, e.translation, e.state) for e in read_catalog(po).entries]
    assert ("1.1", "The meeting heard the work report.", "approved") in done
    rng = random.Random(44)
    for _ in range(6):
        po.write_bytes(old)
        process = subprocess.Popen(cli, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, full))
        process.send_signal(signal.SIGKILL)
        process.wait()
        got = read_catalog(po)  # it parses: never half-written
        assert po.read_bytes() == old or [(e.context, e.translation, e.state) for e in got.entries] == done, "all or nothing"
        assert got.find("0.1").state == "approved"


@pytest.mark.parametrize("args, says", [
    (["export", "g.csv", "--format", "json"], "--format 'json' is not one of tbx, csv, weblate-csv"),
    (["export", "g.tbx", "--format", "weblate-csv"], "--format weblate-csv writes a .csv file, not g.tbx"),
    (["export", "g.csv", "--format", "tbx"], "--format tbx writes a .tbx file, not g.csv"),
])
def test_bad_glossary_export_formats_are_refused(runner, project, args, says):
    assert_refused(runner, project, "glossary", *args, says=says)
