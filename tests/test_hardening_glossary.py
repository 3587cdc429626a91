"""Issue 41, glossary items: exports stay out of the glossary, no field breaks a reader, a
terminal or a spreadsheet, revisions and approvals say what they replace, imports check
every entry before anything is written, and errors name a real place.

One test (or table) per numbered item of the issue; each failed on the code as it stood.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import FIELDS, GlossaryError, Term, load_glossary
from l10n.glossary.tbx import parse_tbx, render_tbx
from tests.support import assert_refused, run_cli

HEADER = ",".join(FIELDS) + "\n"
ROWS = (
    "org-cppcc,政协,CPPCC,organ,approved,,,,,Li,Jing,2024-01-01T00:00:00Z",
    "p,县志办,County Chronicles Office,organ,proposed,,,,,Li,,",
)


def seed(project: Path, *rows: str) -> Path:
    path = project / "glossary" / "organs.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in (rows or ROWS)), encoding="utf-8")
    return path


def glossary_of(project: Path):
    return load_glossary(load_config(project / "l10n.toml"))


def tbx(*entries: str, encoding: str = "UTF-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<martif type="TBX-Basic" xml:lang="zh">\n<text>\n<body>\n'
            + "".join(entries) + "</body>\n</text>\n</martif>\n")


def entry(entry_id: str, zh: str = "政协", en: str = "CPPCC", *, status: str = "proposed", note: str = "", lang=("zh", "en")) -> str:
    return (f'<termEntry id="{entry_id}">{f"<note>{note}</note>" if note else ""}\n'
            f'<langSet xml:lang="{lang[0]}"><tig><term>{zh}</term></tig></langSet>\n'
            f'<langSet xml:lang="{lang[1]}"><tig><term>{en}</term><note>l10n-status: {status}</note></tig></langSet>\n</termEntry>\n')


# --- 1. an export never writes into the glossary ------------------------------------------


@pytest.mark.parametrize("target, says", [
    ("glossary/organs.csv", "is a file the [paths] glossary globs cover"),
    ("glossary/all.csv", "is a file the [paths] glossary globs cover"),  # a second copy of every term
    ("./glossary/../glossary/organs.csv", "is a file the [paths] glossary globs cover"),
    ("absolute", "is a file the [paths] glossary globs cover"),
    ("link.csv", "is a file the [paths] glossary globs cover"),  # a link to a glossary file
    ("glossary/terms.tbx", "inside the glossary folder"),
    ("glossary/sub/terms.csv", "inside the glossary folder"),
    ("shared/terms.csv", "is a file the [paths] glossary globs cover"),  # a second glob's file, not there yet
])
def test_export_refuses_any_path_inside_the_glossary(runner, project, target, says):
    seed(project)
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('glossary = ["glossary/*.csv"]', 'glossary = ["glossary/*.csv", "shared/*.csv"]'),
                      encoding="utf-8")
    (project / "link.csv").symlink_to(project / "glossary" / "organs.csv")
    if target == "absolute":
        target = str(project / "glossary" / "organs.csv")
    assert_refused(runner, project, "glossary", "export", target, "--status", "proposed",
                   says=f"{says}, so an export there would overwrite glossary terms or load a second copy of each")
    assert [t.status for t in glossary_of(project)] == ["approved", "proposed"]


@pytest.mark.parametrize("target", ["terms.csv", "out/terms.tbx", "glossary-export.csv"])
def test_export_outside_the_glossary_still_writes(runner, project, target):
    seed(project)
    result = run_cli(runner, "glossary", "export", target)
    assert result.exit_code == 0, result.stderr
    assert (project / target).exists()


# --- 3. a field has a bound every reader checks ---------------------------------------------

LONG = "长" * 150_000


@pytest.mark.parametrize("name, text, says", [
    ("t.tbx", tbx(entry("x", zh=LONG)), "t.tbx:5: zh is 150,000 characters long; a glossary field holds at most 2,000 characters"),
    ("t.tbx", tbx(entry("x", en="A" * 150_000)), "t.tbx:5: en is 150,000 characters long"),
    ("t.tbx", tbx(entry("x", note="n" * 5_000)), "t.tbx:5: note is 5,000 characters long; a glossary field holds at most 2,000"),
    ("p.csv", HEADER + "x,政协,CPPCC,organ,proposed,,,," + "n" * 100_000 + ",,,\n", "p.csv:2: note is 100,000 characters long"),
    ("p.csv", HEADER + "x,政协," + "E" * 150_000 + ",organ,proposed,,,,,,,\n",
     "p.csv:2: a field is over 131,072 characters; a glossary field holds at most 2,000 characters"),
])
def test_an_overlong_field_is_refused_on_import_and_the_glossary_still_works(runner, project, name, text, says):
    seed(project)
    (project / name).write_text(text, encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", name, says=says)
    assert run_cli(runner, "glossary", "list").exit_code == 0
    assert run_cli(runner, "glossary", "validate").exit_code == 0


@pytest.mark.parametrize("args", [
    ["propose", "县长", "County Head " + "x" * 150_000],
    ["propose", "县长", "County Head", "--note", "x" * 3_000],
    ["edit", "p", "--note", "x" * 3_000],
    ["edit", "org-cppcc", "--forbid", "y" * 2_001],
])
def test_an_overlong_value_from_the_command_line_is_refused(runner, project, args):
    seed(project)
    assert_refused(runner, project, "glossary", *args, says="characters long; a glossary field holds at most 2,000 characters")


# --- 4. glossary text is escaped in every command's output ---------------------------------

HOSTILE = "##[add-mask]secret"  # GitHub's legacy command form runs wherever it stands in a line


@pytest.mark.parametrize("args", [
    ["list"],
    ["list", "--status", "approved"],
    ["validate"],
    ["propose", "县长", f"County Head {HOSTILE}"],
    ["approve", "p"],
    ["reject", "p"],
    ["deprecate", "org-cppcc"],
    ["edit", "p", "--note", HOSTILE],
    ["import", f"{HOSTILE}.csv", "--into", "glossary/partner.csv"],
    ["export", f"{HOSTILE}.tbx"],
])
def test_every_glossary_command_escapes_the_glossary_text_it_prints(runner, project, args):
    rows = [f"org-cppcc,政协,CPPCC {HOSTILE},organ,approved,,,,,Li,Jing,", f"p,县志办,County Office {HOSTILE},organ,proposed,,,,,Li,,"]
    if args == ["validate"]:
        rows.append(f"bad,市委,=Committee {HOSTILE},organ,proposed,,,,,,,")  # a row validate reports, quoting it
    seed(project, *rows)
    (project / f"{HOSTILE}.csv").write_text(HEADER + f"x,市委,Committee {HOSTILE},organ,proposed,,,,,,,\n", encoding="utf-8")
    result = run_cli(runner, "glossary", *args)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip()
    assert "##[" not in result.stdout + result.stderr
    assert "\\x23#[" in result.stdout


def test_validate_escapes_a_cell_that_would_start_a_workflow_command(runner, project):
    seed(project, 'a,政协,"=CPPCC\n::error::pwned",organ,proposed,,,,,,,')
    result = run_cli(runner, "glossary", "validate")
    assert result.exit_code == 1
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
    assert "::error" not in result.stdout


# --- 5. a revision id does not silently deprecate an unrelated approved term ---------------


def test_an_id_posing_as_a_revision_of_another_chinese_term_is_refused(runner, project):
    seed(project)
    assert_refused(runner, project, "glossary", "propose", "县长", "County Head", "--id", "org-cppcc.r2",
                   says="id org-cppcc.r2 makes 县长 → 'County Head' a revision of org-cppcc (政协 → 'CPPCC')")
    (project / "partner.tbx").write_text(tbx(entry("org-cppcc.r3", "县长", "County Head", status="approved")), encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", "partner.tbx", "--approve", "--by", "Jing",
                   says="partner.tbx:5: id org-cppcc.r3 makes 县长 → 'County Head' a revision of org-cppcc")
    assert glossary_of(project).get("org-cppcc").status == "approved"


def test_approving_a_revision_says_which_entry_it_deprecates(runner, project):
    seed(project)
    assert run_cli(runner, "glossary", "propose", "政协", "CPPCC National Committee", "--id", "org-cppcc.r2").exit_code == 0
    result = run_cli(runner, "glossary", "approve", "org-cppcc.r2", "--by", "Jing")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ("Approved org-cppcc.r2  approved  政协 → CPPCC National Committee by Jing;"
                                     " deprecated org-cppcc (superseded by org-cppcc.r2)")
    g = glossary_of(project)
    assert (g.get("org-cppcc").status, g.get("org-cppcc").note) == ("deprecated", "superseded by org-cppcc.r2")


# --- 6. no control, direction mark or line separator gets into any field -------------------

CONTROLS = {
    "OSC title": "\x1b]0;owned\x07",
    "clear screen": "\x1b[2J",
    "right-to-left override": "\u202e",
    "line separator": "\u2028",
    "C1 next line": "\x85",
    "NUL": "\x00",
    "newline": "\n",
}


@pytest.mark.parametrize("column", ["zh", "en", "category", "forbidden", "note", "proposed_by", "approved_by"])
@pytest.mark.parametrize("control", ["OSC title", "right-to-left override", "line separator", "C1 next line"])
def test_a_control_character_in_any_field_is_a_row_problem(column, control):
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": "CPPCC", "status": "proposed"}
    row[column] = row[column] + "x" + CONTROLS[control] + "y"
    term, problems = parse_row(row)
    assert term is None
    assert len(problems) == 1 and problems[0].startswith(f"{column} ") and "control, direction or line-separator characters" in problems[0]


@pytest.mark.parametrize("control", list(CONTROLS))
def test_a_glossary_file_holding_a_control_is_refused_by_every_reader(runner, project, control):
    bad = f"政{CONTROLS[control]}协"
    seed(project, f'a,"{bad}",CPPCC,organ,approved,,,,,,,')
    assert_refused(runner, project, "glossary", "list", says="organs.csv:2: zh")
    (project / "glossary" / "organs.csv").unlink()
    seed(project)
    assert_refused(runner, project, "glossary", "propose", bad, "Political Consultative Conference", says="zh")
    assert_refused(runner, project, "glossary", "propose", "县长", "County Head", "--note", f"x{CONTROLS[control]}"
                   if control != "newline" else "x\x1b[2J", says="note")
    if control != "NUL":  # XML cannot even spell a NUL, so no TBX can carry one
        (project / "t.tbx").write_text(tbx(entry("x", zh=bad.replace("\x1b", "&#27;"))), encoding="utf-8")
        assert_refused(runner, project, "glossary", "import", "t.tbx", says="t.tbx:")


def test_a_note_may_still_run_over_several_lines():
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": "CPPCC", "status": "proposed", "note": "one\r\ntwo\nthree"}
    assert parse_row(row)[1] == []


@pytest.mark.parametrize("field, value", [("zh", "政\x1b]0;x\x07协"), ("en", "CPPCC\x0c"), ("note", "a\x00b"), ("proposed_by", "Li\x08"),
                                          ("forbidden", ("X\ud800",))])
def test_the_tbx_writer_never_writes_what_xml_cannot_carry(field, value):
    term = dataclasses.replace(Term("a", "政协", "CPPCC", status="approved"), **{field: value})
    with pytest.raises(GlossaryError, match="which XML cannot carry"):
        render_tbx([term])


TRICKY = [
    Term("amp", "政协", "CPPCC & Co <b> ]]> \"q\" 'a'", "organ", "approved", note="line one\r\nline two\n&amp; <!-- -->", proposed_by="O'Brien & Sons"),
    Term("astral", "𠀋县", "Ying County 𝔘", "place", "proposed", forbidden=("A|B".split("|")[0], "<x>")),
    Term("cdata", "国务院", "]]><![CDATA[x]]>", "organ", "rejected", note="tab-free"),
]


@pytest.mark.parametrize("version", [2, 3])
def test_every_export_is_well_formed_xml_and_reads_back(runner, project, version):
    from defusedxml import ElementTree as SafeET

    from l10n.glossary.store import render_csv

    (project / "glossary" / "organs.csv").write_text(render_csv(TRICKY), encoding="utf-8")
    result = run_cli(runner, "glossary", "export", "out.tbx", "--tbx-version", str(version))
    assert result.exit_code == 0, result.stderr
    data = (project / "out.tbx").read_bytes()
    SafeET.fromstring(data)  # well-formed
    assert parse_tbx(data) == TRICKY


# --- 7. the formula guard: after blanks, and '-' unless a number -----------------------------


@pytest.mark.parametrize("column, cell, first", [
    ("en", "-1+cmd|' /C calc'!A0", "-"),
    ("en", " =HYPERLINK(\"http://x\")", "="),
    ("note", "\u3000@SUM(A1)", "@"),
    ("proposed_by", " =cmd", "="),
    ("proposed_by", "-1+cmd|' /C calc'!A0", "-"),
    ("approved_by", " +1", "+"),
    ("forbidden", "-2+3", "-"),
])
def test_the_formula_guard_reads_the_stripped_cell_and_a_leading_minus(column, cell, first):
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": "CPPCC", "status": "proposed"}
    row[column] = cell
    term, problems = parse_row(row)
    assert term is None
    assert problems == [f"{column} {cell!r} starts with {first!r}, which a spreadsheet would run as a formula; remove the {first!r}"]


@pytest.mark.parametrize("cell", ["-5", "-1.5%", "-5 percent", "-", "CPPCC - committee"])
def test_a_number_with_a_minus_is_no_formula(cell):
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": cell, "status": "proposed"}
    assert parse_row(row)[1] == []


def test_a_formula_after_a_blank_never_reaches_the_export(runner, project):
    seed(project)
    assert_refused(runner, project, "glossary", "propose", "县长", "County Head", "--by", " =HYPERLINK(\"http://x\")",
                   says="starts with '=', which a spreadsheet would run as a formula")
    (project / "p.csv").write_text(HEADER + 'x,县长," =HYPERLINK(""http://x"")",title,proposed,,,,,,,\n', encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", "p.csv", says="p.csv:2: en")


# --- 8. a name signs a row: one line of plain text ------------------------------------------


@pytest.mark.parametrize("args", [
    ["propose", "县长", "County Head"],
    ["approve", "p"],
    ["reject", "p"],
    ["deprecate", "org-cppcc"],
    ["edit", "org-cppcc", "--en", "CPPCC Committee"],
    ["import", "partner.csv", "--approve"],
])
@pytest.mark.parametrize("name", ["Jing\n::error::pwned", "Jing\x1b]0;owned\x07", "\u202eJing"])
def test_a_name_with_control_characters_is_refused(runner, project, args, name):
    seed(project)
    (project / "partner.csv").write_text(HEADER + "x,县长,County Head,title,approved,,,,,,,\n", encoding="utf-8")
    assert_refused(runner, project, "glossary", *args, "--by", name, says="The name ")


def test_a_translator_name_with_a_newline_is_refused_too(runner, project):
    seed(project)
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('translator = "Jing"', 'translator = "Jing\\nX-Evil: 1"'), encoding="utf-8")
    assert_refused(runner, project, "glossary", "approve", "p", says="holds \\n")  # l10n.toml's own check, or the glossary's


# --- 13. what validate would refuse never gets in ------------------------------------------


@pytest.mark.parametrize("args, says", [
    (["propose", "政协", "Political Consultative Conference"], "政协 → 'Political Consultative Conference' would be a second English for approved org-cppcc"),
    (["import", "second.csv"], "second.csv:2: 政协 → 'Political Consultative Conference' would be a second English for approved org-cppcc"),
    (["import", "second.tbx"], "second.tbx:5: 政协 → 'Political Consultative Conference' would be a second English"),
    (["edit", "p", "--zh", "政协"], "政协 → 'County Chronicles Office' would be a second English for approved org-cppcc"),
    (["import", "swapped.tbx"], "swapped.tbx:5: zh 'CPPCC' has no Chinese character and en '政协' has; the Chinese and the English look swapped"),
    (["import", "newline.tbx"], "newline.tbx:5: zh '县\\n志办' holds \\n"),
    (["import", "controls.tbx"], "controls.tbx:5: en 'County\\u202e' holds \\u202e"),
])
def test_import_and_propose_refuse_what_validate_would_fail(runner, project, args, says):
    seed(project)
    (project / "second.csv").write_text(HEADER + "x,政协,Political Consultative Conference,organ,proposed,,,,,,,\n", encoding="utf-8")
    (project / "second.tbx").write_text(tbx(entry("x", en="Political Consultative Conference")), encoding="utf-8")
    (project / "swapped.tbx").write_text(tbx(entry("x", zh="政协", en="CPPCC", lang=("en", "zh"))), encoding="utf-8")
    (project / "newline.tbx").write_text(tbx(entry("x", zh="县\n志办", en="County Chronicles Office")), encoding="utf-8")
    (project / "controls.tbx").write_text(tbx(entry("x", zh="县志办", en="County\u202e")), encoding="utf-8")
    assert_refused(runner, project, "glossary", *args, says=says)
    assert run_cli(runner, "glossary", "validate").exit_code == 0


def test_import_replace_approve_keeps_the_approved_term_as_a_revision(runner, project):
    seed(project)
    (project / "organs-new.csv").write_text(HEADER + "org-cppcc,政协,CPPCC National Committee,organ,approved,,,,,Wu,Wu,\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "import", "organs-new.csv", "--into", "glossary/organs.csv", "--replace", "--approve", "--by", "Jing")
    assert result.exit_code == 0, result.stderr
    g = glossary_of(project)
    assert [(t.id, t.en, t.status, t.approved_by) for t in g if t.zh == "政协"] == [
        ("org-cppcc", "CPPCC", "deprecated", "Jing"), ("org-cppcc.r2", "CPPCC National Committee", "approved", "Jing")]
    assert g.get("org-cppcc").note == "superseded by org-cppcc.r2"
    assert run_cli(runner, "glossary", "validate").exit_code == 0
    again = run_cli(runner, "glossary", "import", "organs-new.csv", "--into", "glossary/organs.csv", "--replace", "--approve", "--by", "Jing")
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip().endswith("0 added, 0 updated, 1 unchanged")  # its approved revision already says it
    assert glossary_of(project).get("org-cppcc").en == "CPPCC"  # the record is never overwritten


# --- 14. a project term may not take a reference place's id ---------------------------------


def test_a_reference_place_id_is_refused_for_a_project_term(runner, project):
    seed(project)
    assert_refused(runner, project, "glossary", "propose", "北京", "Peking", "--id", "place-cn-110000",
                   says="id 'place-cn-110000' is a reference place's id (places.csv)")
    (project / "p.csv").write_text(HEADER + "place-cn-110000,北京,Peking,place,proposed,,,,,,,\n", encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", "p.csv", says="p.csv:2: id 'place-cn-110000' is a reference place's id")
    seed(project, *ROWS, "place-cn-110000,北京,Peking,place,proposed,,,,,,,")
    result = run_cli(runner, "glossary", "validate")
    assert result.exit_code == 1
    assert "organs.csv:4: id 'place-cn-110000' is a reference place's id" in result.stdout


# --- 17. encodings and absolute globs are no tracebacks ----------------------------------------


def test_a_tbx_in_gb2312_is_decoded(runner, project):
    seed(project)
    (project / "gb.tbx").write_bytes(tbx(entry("x", "县志办", "County Chronicles Office"), encoding="GB2312").encode("gb2312"))
    result = run_cli(runner, "glossary", "import", "gb.tbx")
    assert result.exit_code == 0, result.stderr
    assert glossary_of(project).get("x").zh == "县志办"


@pytest.mark.parametrize("data, says", [
    (tbx(entry("x"), encoding="x-unknown").encode(), "t.tbx:1: declares encoding 'x-unknown', which l10n does not know"),
    (tbx(entry("x"), encoding="GB2312").encode("utf-8"), "t.tbx:6: is not valid GB2312 text, as its XML declaration says"),
    (b'<?xml version="1.0" encoding="GB2312"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>',
     "declares a DTD or entities, which l10n never resolves"),
])
def test_a_tbx_in_an_encoding_that_cannot_be_read_is_one_sentence(runner, project, data, says):
    seed(project)
    (project / "t.tbx").write_bytes(data)
    assert_refused(runner, project, "glossary", "import", "t.tbx", says=says)


def test_an_absolute_glob_in_the_config_lists_the_glossary(runner, project):
    """Needs the absolute-glob support of Config.glossary_files (l10n/config.py)."""
    seed(project)
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('glossary = ["glossary/*.csv"]', f'glossary = ["{project}/glossary/*.csv"]'),
                      encoding="utf-8")
    for args in (["list"], ["validate"]):
        result = run_cli(runner, "glossary", *args)
        assert result.exit_code == 0, result.stderr
    assert_refused(runner, project, "glossary", "export", "glossary/all.csv", says="glossary globs cover")


# --- 19. an import conflict names a real line -------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_an_import_conflict_names_the_imported_entry(runner, project, suffix):
    seed(project)
    src = project / f"partner{suffix}"
    if suffix == ".csv":
        src.write_text(HEADER + "y,县长,County Head,title,approved,,,,,,,\nx,政协,Political Consultative Conference,organ,approved,,,,,,,\n",
                       encoding="utf-8")
        where = "partner.csv:3"
    else:
        src.write_text(tbx(entry("y", "县长", "County Head", status="approved"),
                           entry("x", en="Political Consultative Conference", status="approved")), encoding="utf-8")
        where = "partner.tbx:9"
    result = assert_refused(runner, project, "glossary", "import", src.name, "--approve", "--by", "Jing",
                            says=f"{where}: approved 政协 → 'Political Consultative Conference' conflicts with approved org-cppcc")
    assert ":0" not in result.stderr


def test_a_new_entry_is_named_by_file_and_id_not_line_zero():
    term = Term("x", "政协", "CPPCC", file="/g/organs.csv")
    assert term.where == "/g/organs.csv (new entry x)"
    assert Term("x", "政协", "CPPCC", file="/g/organs.csv", line=4).where == "/g/organs.csv:4"


# --- JSON output stays JSON -------------------------------------------------------------------


def test_list_json_still_round_trips_the_text(runner, project):
    seed(project, f"a,政协,CPPCC {HOSTILE},organ,approved,,,,,Li,Jing,")
    result = run_cli(runner, "glossary", "list", "--json")
    assert result.exit_code == 0 and "##[" not in result.stdout
    assert json.loads(result.stdout)[0]["en"] == f"CPPCC {HOSTILE}"
