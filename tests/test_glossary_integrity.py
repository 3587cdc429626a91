"""Issue 16, glossary part: nothing a person approved is lost, nothing broken gets in.

Paths name one file however they are spelled; only glossary files are written; a save
leaves every row it did not change byte-identical; state changes follow the workflow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import FIELDS, load_glossary
from tests.conftest import ROOT
from tests.support import assert_refused, run_cli, snapshot

HEADER = ",".join(FIELDS) + "\n"
REPO_FILES = sorted(p.name for p in (ROOT / "glossary").glob("*.csv"))


def glossary_of(project: Path):
    return load_glossary(load_config(project / "l10n.toml"))


def count_rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


# --- 1. one file, however its path is spelled -----------------------------------------


@pytest.mark.parametrize("spelling", ["glossary/titles.csv", "./glossary/titles.csv", "absolute", "symlink"])
def test_propose_into_an_existing_file_keeps_its_terms_however_the_path_is_spelled(runner, project_with_glossary, spelling):
    titles = project_with_glossary / "glossary" / "titles.csv"
    if spelling == "absolute":
        spelling = str(titles)
    elif spelling == "symlink":
        (project_with_glossary / "link.csv").symlink_to(titles)
        spelling = "link.csv"
    before = count_rows(titles)
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--category", "title", "--file", spelling)
    if spelling == "link.csv":
        # a link outside the glossary folder is still the glossary's own file: allowed, and written through
        assert result.exit_code == 0, result.stderr
        assert (project_with_glossary / "link.csv").is_symlink()
    else:
        assert result.exit_code == 0, result.stderr
    assert count_rows(titles) == before + 1
    assert len(glossary_of(project_with_glossary)) == sum(count_rows(project_with_glossary / "glossary" / n) for n in REPO_FILES)


def test_importing_twice_into_a_relative_path_keeps_the_first_import(runner, project, tmp_path):
    a = tmp_path / "a.csv"
    a.write_text(HEADER + "a1,政协,CPPCC,organ,proposed,,,,,,,\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER + "b1,县志办,County Chronicles Office,organ,proposed,,,,,,,\n", encoding="utf-8")
    assert run_cli(runner, "glossary", "import", str(a), "--into", "glossary/partner.csv").exit_code == 0
    result = run_cli(runner, "glossary", "import", str(b), "--into", "glossary/partner.csv")
    assert result.exit_code == 0, result.stderr
    assert [t.id for t in glossary_of(project)] == ["a1", "b1"]


# --- 2. only glossary files are written ------------------------------------------------


@pytest.mark.parametrize("target", ["l10n.toml", "notes.csv", "glossary/sub/new.csv", "glossary/new.txt", "../outside.csv", "/tmp/x.csv"])
def test_propose_refuses_a_file_outside_the_glossary(runner, project_with_glossary, target):
    assert_refused(runner, project_with_glossary, "glossary", "propose", "县志办", "County Chronicles Office", "--file", target,
                   says="is not a glossary file")


def test_import_refuses_to_overwrite_a_bulletin(runner, project, tmp_path):
    (project / "examples").mkdir()
    (project / "examples" / "bulletin.txt").write_text("市政协会议\n", encoding="utf-8")
    src = tmp_path / "a.csv"
    src.write_text(HEADER + "a1,政协,CPPCC,organ,proposed,,,,,,,\n", encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", str(src), "--into", "examples/bulletin.txt", says="is not a glossary file")


def test_a_new_csv_in_the_glossary_folder_may_be_written(runner, project):
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--file", "glossary/local.csv")
    assert result.exit_code == 0, result.stderr
    assert (project / "glossary" / "local.csv").read_text(encoding="utf-8").startswith(HEADER)


# --- 5. imports go through the CSV row validation and arrive proposed ---------------------


def tbx(*entries: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2">\n<text>\n<body>\n'
            + "".join(entries) + "</body>\n</text>\n</tbx>\n")


def entry(entry_id: str, zh: str = "政协", en: str = "CPPCC", *, status: str = "approved", date: str = "2024-01-01T00:00:00Z") -> str:
    who = "Li" if status == "approved" else ""
    return (f'<conceptEntry id="{entry_id}">\n<admin type="x-l10n-status">{status}</admin>\n'
            f'<transacGrp><transac type="transactionType">modification</transac><transacNote type="responsibility">{who}</transacNote><date>{date}</date></transacGrp>\n'
            f'<langSec xml:lang="zh"><termSec><term>{zh}</term></termSec></langSec>\n'
            f'<langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>\n</conceptEntry>\n')


def test_tbx_with_a_bad_date_is_refused_with_the_csv_message_and_the_glossary_still_works(runner, project_with_glossary, tmp_path):
    src = tmp_path / "t.tbx"
    src.write_text(tbx(entry("ok"), entry("bad", "县志办", "County Chronicles Office", date="yesterday")), encoding="utf-8")
    assert_refused(runner, project_with_glossary, "glossary", "import", str(src),
                   says=f"{src}:11: updated_at 'yesterday' is not an ISO date-time; fix the row, nothing was imported.")
    assert run_cli(runner, "glossary", "validate").exit_code == 0
    assert run_cli(runner, "glossary", "list", "政协").exit_code == 0


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_imported_approved_terms_arrive_proposed_unless_an_editor_approves_them(runner, project, tmp_path, suffix):
    src = tmp_path / f"partner{suffix}"
    if suffix == ".csv":
        src.write_text(HEADER + "a1,政协,CPPCC,organ,approved,,,,,Wu,Li,2024-01-01T00:00:00Z\n"
                       "a2,县志办,County Chronicles Office,organ,proposed,,,,,Wu,,\n", encoding="utf-8")
    else:
        src.write_text(tbx(entry("a1"), entry("a2", "县志办", "County Chronicles Office", status="proposed")), encoding="utf-8")
    assert run_cli(runner, "glossary", "import", str(src)).exit_code == 0
    assert [(t.id, t.status, t.approved_by) for t in glossary_of(project)] == [("a1", "proposed", ""), ("a2", "proposed", "")]
    (project / "glossary" / "partner.csv").unlink()
    result = run_cli(runner, "glossary", "import", str(src), "--approve", "--by", "Jing")
    assert result.exit_code == 0, result.stderr
    assert [(t.id, t.status, t.approved_by) for t in glossary_of(project)] == [("a1", "approved", "Jing"), ("a2", "proposed", "")]


def test_import_as_proposed_is_gone_since_it_is_the_default(runner, project, tmp_path):
    src = tmp_path / "partner.csv"
    src.write_text(HEADER + "a,政协,CPPCC,organ,approved,,,,,,Li,\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(src), "--as-proposed")
    assert result.exit_code == 2 and "No such option" in result.stderr


def test_reimporting_an_export_changes_nothing(runner, project_with_glossary, tmp_path):
    out = tmp_path / "all.tbx"
    assert run_cli(runner, "glossary", "export", str(out)).exit_code == 0
    before = snapshot(project_with_glossary)
    result = run_cli(runner, "glossary", "import", str(out), "--into", "glossary/organs.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(f"0 added, 0 updated, {len(glossary_of(project_with_glossary))} unchanged")
    assert snapshot(project_with_glossary) == before


# --- 18. errors name the file that holds the problem ----------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_a_duplicate_id_in_an_import_names_the_import_file_and_both_lines(runner, project, tmp_path, suffix):
    src = tmp_path / f"dup{suffix}"
    if suffix == ".csv":
        src.write_text(HEADER + "a1,政协,CPPCC,organ,proposed,,,,,,,\na1,县志办,County Chronicles Office,organ,proposed,,,,,,,\n", encoding="utf-8")
        lines = (2, 3)
    else:
        src.write_text(tbx(entry("a1"), entry("a1", "县志办", "County Chronicles Office")), encoding="utf-8")
        lines = (5, 11)
    assert_refused(runner, project, "glossary", "import", str(src),
                   says=f"{src}:{lines[1]}: duplicate id 'a1' (first at {src}:{lines[0]}); fix the row, nothing was imported.")


@pytest.mark.parametrize("out", ["/proc/nowhere/terms.tbx", "l10n.toml/terms.csv", "/proc/version.csv"])
def test_export_to_an_unwritable_place_is_one_sentence(runner, project_with_glossary, out):
    assert_refused(runner, project_with_glossary, "glossary", "export", out, says=f"Error: {out} cannot be written (")


# --- 6. a save leaves every row it did not change byte-identical --------------------------


def diff_lines(before: dict[str, bytes], after: dict[str, bytes]) -> list[tuple[str, str, bytes]]:
    """(file, '-' or '+', line) for every line that differs, lines split after b'\\n' only."""
    import difflib

    out = []
    for name in sorted(before.keys() | after.keys()):
        old = before.get(name, b"").splitlines(keepends=True)
        new = after.get(name, b"").splitlines(keepends=True)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag != "equal":
                out += [(name, "-", line) for line in old[i1:i2]] + [(name, "+", line) for line in new[j1:j2]]
    return out


SUGGEST_BULLETIN = "县卫生局开会，卫生局局长讲话。\n"  # one suggestion with a dictionary English: 卫生局
WRITES = {
    "propose organ": (["propose", "县志办", "County Chronicles Office", "--category", "organ"], "organs.csv", 0, 1),
    "propose title": (["propose", "县志办主任", "Director of the County Chronicles Office", "--category", "title"], "titles.csv", 0, 1),
    "propose new category": (["propose", "县志", "County Chronicle", "--category", "work"], "proposed.csv", 0, 2),
    "approve": (["approve", "org-committee", "--by", "Jing"], "organs.csv", 1, 1),
    "reject": (["reject", "org-committee"], "organs.csv", 1, 1),
    "deprecate": (["deprecate", "org-cpc"], "organs.csv", 1, 1),
    "edit a proposal": (["edit", "org-committee", "--en", "Commission"], "organs.csv", 1, 1),
    "edit an approved term": (["edit", "org-cpc", "--note", "idcpc.org.cn"], "organs.csv", 0, 1),
    "import": (["import", "PARTNER", "--into", "glossary/organs.csv"], "organs.csv", 0, 1),
    "suggest --propose": (["suggest", "BULLETIN", "--propose"], "organs.csv", 0, 1),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_every_glossary_write_changes_only_its_row_in_the_real_glossary(runner, project_with_glossary, tmp_path, name):
    args, file, removed, added = WRITES[name]
    partner = tmp_path / "partner.csv"
    partner.write_text(HEADER + "org-county-office,县办,County Office,organ,proposed,,,,,Wu,,\n", encoding="utf-8")
    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text(SUGGEST_BULLETIN, encoding="utf-8")
    args = [str(partner) if a == "PARTNER" else str(bulletin) if a == "BULLETIN" else a for a in args]
    before = snapshot(project_with_glossary / "glossary")
    result = run_cli(runner, "glossary", *args)
    assert result.exit_code == 0, result.stderr
    diff = diff_lines(before, snapshot(project_with_glossary / "glossary"))
    assert {f for f, _, _ in diff} == {file}, diff
    assert sum(sign == "-" for _, sign, _ in diff) == removed
    assert sum(sign == "+" for _, sign, _ in diff) == added, diff


@pytest.mark.parametrize("layout", ["crlf", "no final newline", "bom", "blank lines", "over-quoted", "spaced header"])
def test_a_save_keeps_the_files_own_bytes(project, layout):
    from l10n.glossary import approve, editing

    header = HEADER if layout != "spaced header" else HEADER.replace(",", ", ")
    rows = ['a,政协,CPPCC,organ,approved,,,,"quoted, note",,,\n', '"b","县志办","County Chronicles Office",organ,proposed,,,,,,,\n',
            "c,市委,Municipal Party Committee,organ,approved,,,,,,,\n"]
    if layout == "over-quoted":
        rows[2] = '"c","市委","Municipal Party Committee","organ","approved","","","","","","",""\n'
    text = header + "".join(rows)
    if layout == "blank lines":
        text = header + rows[0] + "\n" + rows[1] + "\n\n" + rows[2] + "\n"
    if layout == "crlf":
        text = text.replace("\n", "\r\n")
    if layout == "no final newline":
        text = text.rstrip("\n")
    if layout == "bom":
        text = "\ufeff" + text
    path = project / "glossary" / "organs.csv"
    path.write_bytes(text.encode("utf-8"))
    with editing(load_config(project / "l10n.toml")) as g:
        approve(g, "b", by="Jing", now="2024-01-01T00:00:00Z")
    nl = "\r\n" if layout == "crlf" else "\n"
    expected = text.replace(rows[1].replace("\n", nl), f"b,县志办,County Chronicles Office,organ,approved,,,,,,Jing,2024-01-01T00:00:00Z{nl}")
    assert path.read_bytes().decode("utf-8") == expected


def test_a_new_row_in_a_file_without_a_final_newline(project):
    from l10n.glossary import editing, propose

    path = project / "glossary" / "organs.csv"
    path.write_bytes((HEADER + "a,政协,CPPCC,organ,approved,,,,,,,").encode("utf-8"))
    with editing(load_config(project / "l10n.toml")) as g:
        propose(g, "县志办", "County Chronicles Office", term_id="b", category="organ", now="2024-01-01T00:00:00Z")
    assert path.read_text(encoding="utf-8") == HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\nb,县志办,County Chronicles Office,organ,proposed,,,,,,,2024-01-01T00:00:00Z"


# --- 9. state changes follow the workflow --------------------------------------------------

WORKFLOW = (
    "p,县志办,County Chronicles Office,organ,proposed,,,,,,,",
    "a,政协,CPPCC,organ,approved,,,,,,Jing,",
    "d,文化部,Ministry of Culture,organ,deprecated,,2018-03-17,,,,Jing,",
    "r,市委,City Committee,organ,rejected,,,,,,,",
)


def seed(project: Path, *rows: str) -> Path:
    path = project / "glossary" / "organs.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("command, term_id, says", [
    ("reject", "a", "Error: a is approved; only a proposal can be rejected, so deprecate it instead (`l10n glossary deprecate a`)."),
    ("reject", "d", "Error: d is deprecated; only a proposal can be rejected, and a deprecated term is already out of use."),
    ("reject", "r", "Error: r is already rejected."),
    ("deprecate", "p", "Error: p is proposed; only an approved term can be deprecated, so reject the proposal instead (`l10n glossary reject p`)."),
    ("deprecate", "r", "Error: r is rejected; only an approved term can be deprecated, and a rejected term is already out of use."),
    ("deprecate", "d", "Error: d is already deprecated."),
])
def test_reject_only_a_proposal_and_deprecate_only_an_approved_term(runner, project, command, term_id, says):
    seed(project, *WORKFLOW)
    assert_refused(runner, project, "glossary", command, term_id, says=says)


def test_editing_an_approved_term_keeps_it_in_force_until_the_revision_is_approved(runner, project):
    path = seed(project, *WORKFLOW)
    before = path.read_text(encoding="utf-8")
    result = run_cli(runner, "glossary", "edit", "a", "--en", "CPPCC Committee", "--by", "Li")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Proposed a.r2  proposed  政协 → CPPCC Committee as a revision of a; a stays in force until a.r2 is approved"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before) and text[len(before):].startswith("a.r2,政协,CPPCC Committee,organ,proposed,,,,,Li,,")
    g = glossary_of(project)
    assert [r.target for r in g.matcher().find("政协") if r.kind == "term"] == ["CPPCC"]
    assert_refused(runner, project, "glossary", "edit", "a", "--en", "Other",
                   says="Error: a already has a pending revision a.r2; edit a.r2 or reject it first.")
    result = run_cli(runner, "glossary", "approve", "a.r2", "--by", "Jing")
    assert result.exit_code == 0, result.stderr
    g = glossary_of(project)
    old, new = g.get("a"), g.get("a.r2")
    assert (old.status, old.en, new.status, new.approved_by) == ("deprecated", "CPPCC", "approved", "Jing")
    assert old.note == "superseded by a.r2"
    assert [r.target for r in g.matcher().find("政协") if r.kind == "term"] == ["CPPCC Committee"]
    result = run_cli(runner, "glossary", "edit", "a.r2", "--note", "CPPCC usage")
    assert result.exit_code == 0 and "Proposed a.r3" in result.stdout


def test_editing_a_proposal_changes_it_in_place(runner, project):
    seed(project, *WORKFLOW)
    result = run_cli(runner, "glossary", "edit", "p", "--en", "County Gazetteer Office")
    assert result.exit_code == 0 and result.stdout.strip() == "Edited p  proposed  县志办 → County Gazetteer Office"
    assert len(glossary_of(project)) == 4


def test_validate_reports_a_second_english_for_an_approved_chinese_term(runner, project):
    seed(project, *WORKFLOW, "p2,政协,Political Consultative Conference,organ,proposed,,,,,,,", "late,政协,Old CPPCC,organ,proposed,,2001-01-01,,,,,")
    (project / "glossary" / "organs.csv").write_text(
        (project / "glossary" / "organs.csv").read_text(encoding="utf-8").replace("a,政协,CPPCC,organ,approved,,,", "a,政协,CPPCC,organ,approved,2010-01-01,,"),
        encoding="utf-8")
    result = run_cli(runner, "glossary", "validate")
    assert result.exit_code == 1
    f = project / "glossary" / "organs.csv"
    assert result.stdout.splitlines() == [
        f"{f}:6: proposed 政协 → 'Political Consultative Conference' is a second English for approved a → 'CPPCC' ({f}:3) on overlapping dates;"
        " reject one of them or set --valid-from/--valid-to."
    ]


def test_import_replace_of_an_approved_term_is_a_revision(runner, project, tmp_path):
    seed(project, *WORKFLOW)
    src = tmp_path / "organs.csv"
    src.write_text(HEADER + "a,政协,CPPCC National Committee,organ,approved,,,,,Wu,Wu,\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(src), "--replace")
    assert result.exit_code == 0, result.stderr
    g = glossary_of(project)
    assert [(t.id, t.en, t.status) for t in g if t.zh == "政协"] == [("a", "CPPCC", "approved"), ("a.r2", "CPPCC National Committee", "proposed")]


# --- 14. cells a spreadsheet would run as a formula are refused ----------------------------

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+2", "@SUM(A1)", "-cmd", "\tTab", "\rCR"]


@pytest.mark.parametrize("cell", FORMULAS)
@pytest.mark.parametrize("column", ["en", "note", "forbidden", "proposed_by"])
def test_a_formula_cell_is_a_row_problem(cell, column):
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": "CPPCC", "status": "proposed"}
    row[column] = cell
    term, problems = parse_row(row)
    assert term is None
    assert problems == [f"{column} {cell!r} starts with {cell[0]!r}, which a spreadsheet would run as a formula; remove the {cell[0]!r}"]


@pytest.mark.parametrize("cell", ["-5 percent", "-", "CPPCC - committee", "5+5", "a=b"])
def test_cells_that_only_look_alike_are_fine(cell):
    from l10n.glossary.store import parse_row

    row = dict.fromkeys(FIELDS, "") | {"id": "a", "zh": "政协", "en": cell, "status": "proposed"}
    assert parse_row(row)[1] == []


@pytest.mark.parametrize("args", [
    ["propose", "政协", "=1+1"],
    ["propose", "政协", "CPPCC Committee", "--note", "@cmd"],
    ["edit", "p", "--en", "-x"],
    ["edit", "a", "--forbid", "+evil"],
])
def test_formula_values_from_the_command_line_are_refused(runner, project, args):
    seed(project, *WORKFLOW)
    assert_refused(runner, project, "glossary", *args, says="which a spreadsheet would run as a formula")


def test_the_repository_glossary_has_no_formula_cells(runner, project_with_glossary):
    assert run_cli(runner, "glossary", "validate").exit_code == 0
