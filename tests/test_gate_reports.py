"""Issue 44, the gate's part: a gate that always reports, and one excuse policy.

1. A broken catalog (cut short, malformed, not UTF-8, not its template's entries, without its
   template, with a reference of the wrong length) does not silence ``l10n check``: every other
   bulletin is still checked, the broken one is a JUnit ``error`` case, a Markdown line and an
   ``::error file=…,line=…::`` annotation, and the exit is 2 (bad input outranks a quality
   failure), with one ``Error:`` line. ``--markdown`` appends (``$GITHUB_STEP_SUMMARY``);
   JUnit counts entries, not findings; every path is relative to the project.
2. An entry approved in review despite some checks, with a reason (``approved-despite:``), is
   excused for those checks by ``check`` as by ``export``: a warning and a skipped JUnit case
   with the reason, unless ``--strict``; only the checks named; never an old translation
   carried over to a changed source.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import assert_refused, run_cli, write_template

from l10n.catalog import Catalog, Entry, read_catalog, write_catalog
from l10n.config import load_config
from l10n.required import project_glossary
from l10n.review import ReviewSession, load_checker

HEADER = {"Language": "en", "X-Bulletin-Date": "2023-12-09"}
SIGNED = "approved-by: Jing 2026-12-01"
PO = "locales/en/LC_MESSAGES/{}.po"


def entries(**changes) -> list[Entry]:
    """Three approved entries that pass every check; *changes* maps a msgctxt (``e1_1``) to a translation."""
    rows = [
        ("0.1", "娄烦县政协召开会议", "Loufan County CPPCC holds meeting"),
        ("1.1", "主任李成明出席2023年12月6日的会议。", "Director Li Chengming attended the meeting on December 6, 2023."),
        ("1.2", "全县86万人受益。", "Some 860,000 people in the county benefited."),
    ]
    return [Entry(c, zh, changes.get("e" + c.replace(".", "_"), en), comment=SIGNED) for c, zh, en in rows]


def write(project: Path, slug: str, items: list[Entry]) -> Path:
    """The catalog of *slug* and its template, as ingest and review leave them."""
    path = project / PO.format(slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(Catalog(slug, dict(HEADER), items), path)
    write_template(project, Catalog(slug, {}, items))
    return path


def line_of(text: str, wanted: str) -> int:
    return text.split("\n").index(wanted) + 1


# --------------------------------------------------------------------------- 1. a gate that always reports


def truncated(project, path):
    text = path.read_text(encoding="utf-8")
    line = line_of(text, 'msgid "全县86万人受益。"')
    path.write_text("\n".join(text.split("\n")[:line]) + "\n", encoding="utf-8")  # cut before its msgstr
    return f"{PO.format('broken')} is not a valid PO file at line {line} (a msgid without its msgstr)", PO.format("broken"), line, []


def malformed(project, path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "this is not po\n", encoding="utf-8")
    line = text.count("\n") + 1
    return f"{PO.format('broken')} is not a valid PO file at line {line}", PO.format("broken"), line, []


def not_utf8(project, path):
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-8").replace(b"Some 860,000 people", "全县".encode("gbk")))  # one GBK msgstr
    line = line_of(text, 'msgstr "Some 860,000 people in the county benefited."')
    return f"{PO.format('broken')} is not UTF-8 (line {line})", PO.format("broken"), line, []


def not_its_template(project, path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "全县86万人受益。"', 'msgid "全市86万人受益。"'), encoding="utf-8")
    line = line_of(text, 'msgctxt "1.2"')
    return f"{PO.format('broken')} is refused: entry 1.2 at line {line} is not in its template", PO.format("broken"), line, []


def no_template(project, path):
    (project / "locales" / "templates" / "broken.pot").unlink()
    return f"{PO.format('broken')} has no template locales/templates/broken.pot", PO.format("broken"), None, []


def short_reference(project, path):
    refs = project / "refs"
    refs.mkdir()
    (refs / "broken.en.txt").write_text("one line\n", encoding="utf-8")
    return f"refs/broken.en.txt has 1 lines but {PO.format('broken')} has 3 entries", "refs/broken.en.txt", None, ["--refs", str(refs)]


def a_folder(project, path):
    path.unlink()
    path.mkdir()
    return f"{PO.format('broken')} is not a file; a catalog is a PO file", PO.format("broken"), None, []


BROKEN = [truncated, malformed, not_utf8, not_its_template, no_template, short_reference, a_folder]


@pytest.fixture
def three(project) -> Path:
    """Bulletins ``good`` (passes), ``drafty`` (a draft left: fails) and ``broken`` (still good)."""
    write(project, "good", entries())
    drafty = entries()
    drafty[2].fuzzy = True
    write(project, "drafty", drafty)
    return write(project, "broken", entries())


@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c.__name__)
def test_a_broken_catalog_is_bad_input_yet_every_other_bulletin_is_checked(runner, project, three, case):
    says, _, _, args = case(project, three)
    result = assert_refused(runner, project, "check", *args, says=says)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ERROR broken: " + says)
    assert any(line.startswith("FAIL drafty:") for line in lines) and any(line.startswith("PASS good:") for line in lines)
    assert "  1.2 unreviewed: draft" in lines, "the other bulletins are still checked in full"
    assert lines[-2:] == ["1 of 3 bulletins cannot be checked: broken", "1 of 3 bulletins failed: drafty"]
    assert str(project) not in result.stdout + result.stderr, "paths are relative to the project"


@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c.__name__)
def test_a_broken_catalog_is_a_junit_error_a_markdown_line_and_an_annotation(runner, project, three, case, monkeypatch):
    says, file, line, args = case(project, three)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", *args, "--junit", "junit.xml", "--markdown", "summary.md")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {says}") and len(result.stderr.splitlines()) == 1

    junit = (project / "junit.xml").read_text(encoding="utf-8")
    root = ET.fromstring(junit)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["broken", "drafty", "good"], "JUnit names every bulletin"
    (case_,) = suites["broken"].iter("testcase")
    error = case_.find("error")
    assert (case_.get("name"), case_.get("file"), case_.get("line")) == ("catalog", file, None if line is None else str(line))
    assert error.get("message").startswith(says) and error.get("type") == "bad-input"
    assert (suites["broken"].get("tests"), suites["broken"].get("errors")) == ("1", "1")
    assert [c.get("name") for c in suites["drafty"].iter("testcase") if c.find("failure") is not None] == ["unreviewed"]
    assert (root.get("errors"), root.get("failures")) == ("1", "1")

    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## l10n check: ERROR (1 of 3 bulletins cannot be checked; 1 of 3 failed)")
    assert "| broken | n/a |" in summary and "| good | 3 | 3 | 0 | 0 |" in summary
    where = f"`{file}`" + (f" line {line}" if line else "")
    assert f"- **error** ({where}): {says}" in summary

    at = f",line={line}" if line else ""
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::error")]
    assert annotations[0].startswith(f"::error file={file}{at},title=l10n catalog::broken: {says}")
    assert "::error file=locales/en/LC_MESSAGES/drafty.po,title=l10n unreviewed::" in result.stdout
    assert str(project) not in result.stdout + result.stderr + junit + summary


def test_json_reports_the_broken_bulletin_with_the_others(runner, project, three):
    says, file, line, _ = truncated(project, three)
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["passed"] is False
    by_slug = {b["slug"]: b for b in report["bulletins"]}
    assert by_slug["broken"]["error"] == {"message": by_slug["broken"]["error"]["message"], "file": file, "line": line}
    assert by_slug["broken"]["error"]["message"].startswith(says)
    assert (by_slug["good"]["error"], by_slug["good"]["passed"], by_slug["drafty"]["passed"]) == (None, True, False)


def test_two_broken_catalogs_are_one_error_sentence_naming_both(runner, project, three):
    truncated(project, three)
    write(project, "other", entries())
    malformed(project, project / PO.format("other"))
    result = assert_refused(runner, project, "check", says=f"2 of 4 catalogs cannot be checked ({PO.format('broken')}, "
                                                          f"{PO.format('other')}); the first: {PO.format('broken')} is not")
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("ERROR")] == ["ERROR broken", "ERROR other"]


def test_paths_are_relative_to_the_project_from_a_folder_inside_it(runner, project, three, monkeypatch):
    says, *_ = truncated(project, three)
    (project / "docs").mkdir()
    monkeypatch.chdir(project / "docs")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", "--junit", "junit.xml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {says}")
    files = {e.get("file") for e in ET.parse(project / "docs" / "junit.xml").getroot().iter() if e.get("file")}
    assert files == {PO.format(s) for s in ("broken", "drafty", "good")}
    assert str(project) not in result.stdout + result.stderr


def test_markdown_appends_to_the_step_summary(runner, project):
    write(project, "good", entries())
    summary = project / "step-summary.md"
    summary.write_text("## Build\n\nAn earlier step's summary.", encoding="utf-8")
    assert run_cli(runner, "check", "--markdown", str(summary)).exit_code == 0
    assert run_cli(runner, "check", "--markdown", str(summary)).exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build\n\nAn earlier step's summary.\n\n## l10n check: passed\n")
    assert text.count("## l10n check: passed") == 2
    assert not (project / "new.md").exists()
    assert run_cli(runner, "check", "--markdown", "new.md").exit_code == 0
    assert (project / "new.md").read_text(encoding="utf-8").startswith("## l10n check: passed")


def test_the_help_says_markdown_appends(runner):
    result = run_cli(runner, "check", "--help")
    text = " ".join(result.stdout.split())
    assert "Append a Markdown summary" in text and "GITHUB_STEP_SUMMARY" in text


GLOSSARY = ("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
            "cppcc,政协,CPPCC,institution,approved,,,,,Jing,Jing,2026-11-01\n"
            "standing,常委会,Standing Committee,institution,approved,,,,,Jing,Jing,2026-11-01\n")


@pytest.mark.parametrize(("titles", "message", "findings"), [
    (["Loufan County holds meeting"], "1 entry fails missing-term (2 findings)", 2),  # one entry, two missing terms
    (["Loufan County holds meeting", "Loufan County meets again"], "2 entries fail missing-term (4 findings)", 4),
    (["Loufan County CPPCC holds meeting"], "0.1: 常委会 → Standing Committee not found", 1),  # one: the finding itself
])
def test_junit_counts_entries_not_findings(runner, project, titles, message, findings):
    (project / "glossary" / "institutions.csv").write_text(GLOSSARY, encoding="utf-8")
    rows = entries()[1:]
    rows += [Entry(f"0.{i}", "娄烦县政协常委会召开会议", title, comment=SIGNED) for i, title in enumerate(titles, 1)]
    write(project, "loufan", rows)
    result = run_cli(runner, "check", "--junit", "junit.xml")
    assert result.exit_code == 1, result.output
    cases = {c.get("name"): c for c in ET.parse(project / "junit.xml").getroot().iter("testcase")}
    failure = cases["missing-term"].find("failure")
    assert failure.get("message") == message
    assert len(failure.text.splitlines()) == findings
    assert cases["term-accuracy"].find("failure") is not None


# --------------------------------------------------------------------------- 2. one excuse policy


def excused_in_review(project, reason: str = "the office keeps the Chinese name", **translations) -> Path:
    """A bulletin whose entry 1.1 has QA errors, approved in review despite them, with *reason*."""
    rows = entries(e1_1=translations.get("e1_1", "Director 李成明 attended the meeting on December 6, 2023."))
    rows[1].fuzzy, rows[1].comment = True, ""
    path = write(project, "loufan", rows)
    glossary = project_glossary(load_config(project / "l10n.toml"))  # as `l10n review` opens it
    session = ReviewSession(read_catalog(path), path, "Jing", check=load_checker(), glossary=glossary)
    assert session.current.context == "1.1"
    assert session.approve_anyway(reason) == ["chinese-left", "missing-term"]
    return path


def set_comment(path: Path, context: str, comment: str) -> None:
    catalog = read_catalog(path)
    catalog.find(context).comment = comment
    write_catalog(catalog, path)


def test_an_entry_excused_in_review_is_exported_and_passes_check_with_a_warning(runner, project):
    excused_in_review(project)
    exported = run_cli(runner, "export", "loufan")
    assert exported.exit_code == 0, exported.output
    assert "Director 李成明 attended" in exported.stdout
    result = run_cli(runner, "check", "--junit", "junit.xml", "--markdown", "summary.md")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if line.startswith("  1.1 ")]
    assert warnings == [
        "  1.1 warning chinese-left: 李成明 left in the translation (excused: approved despite it, the office keeps the Chinese name)",
        "  1.1 warning missing-term: 李成明 → Li Chengming not found (excused: approved despite it, the office keeps the Chinese name)",
    ]
    root = ET.parse(project / "junit.xml").getroot()
    skipped = {c.get("name"): c.find("skipped").get("message") for c in root.iter("testcase") if c.find("skipped") is not None}
    assert skipped["chinese-left"] == skipped["missing-term"] == "excused: 1.1 — the office keeps the Chinese name"
    assert root.get("failures") == "0"
    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert "## l10n check: passed" in summary
    assert "- `1.1` **chinese-left** (excused: the office keeps the Chinese name): 李成明 left in the translation" in summary


def test_strict_fails_an_excused_entry(runner, project):
    excused_in_review(project)
    result = run_cli(runner, "check", "--strict", "--json")
    assert result.exit_code == 1
    (b,) = json.loads(result.stdout)["bulletins"]
    assert sorted(b["failures"]) == ["chinese-left", "missing-term"] and b["excused"] == {}
    plain = json.loads(run_cli(runner, "check", "--json").stdout)["bulletins"][0]
    assert plain["failures"] == {} and sorted(plain["excused"]) == ["chinese-left", "missing-term"]
    assert plain["excused"]["chinese-left"] == ["1.1: 李成明 left in the translation — the office keeps the Chinese name"]


# (the 1.1 comment, --strict) → export writes the bulletin, check's exit, the checks that fail
AGREEMENT = [
    (f"{SIGNED}\napproved-despite: chinese-left, missing-term — the office keeps the Chinese name", False, True, 0, []),
    (f"{SIGNED}\napproved-despite: chinese-left, missing-term — the office keeps the Chinese name", True, True, 1,
     ["chinese-left", "missing-term"]),
    (f"{SIGNED}\napproved-despite: missing-term — a different decision", False, False, 1, ["chinese-left"]),  # only what it names
    (f"{SIGNED}\napproved-despite: numbers — not this entry's error", False, False, 1, ["chinese-left", "missing-term"]),
    (SIGNED, False, False, 1, ["chinese-left", "missing-term"]),
]


@pytest.mark.parametrize(("comment", "strict", "exported", "code", "failing"), AGREEMENT)
def test_check_and_export_agree_on_excuses(runner, project, comment, strict, exported, code, failing):
    path = excused_in_review(project)
    set_comment(path, "1.1", comment)
    export = run_cli(runner, "export", "loufan")
    assert (export.exit_code == 0) is exported, export.output
    if not exported:
        assert f"Entry 1.1 of loufan has QA errors ({', '.join(failing)})" in export.stderr
    result = run_cli(runner, "check", "--json", *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert sorted(json.loads(result.stdout)["bulletins"][0]["failures"]) == failing


def test_an_excuse_never_covers_an_old_translation_carried_to_a_changed_source(runner, project):
    path = excused_in_review(project)
    catalog = read_catalog(path)
    entry = catalog.find("1.1")
    entry.fuzzy, entry.previous_source = True, "主任李成明出席2023年12月5日的会议。"  # as a re-ingest leaves a changed sentence
    write_catalog(catalog, path)
    result = run_cli(runner, "check", "--json", "--max-draft", "1")
    assert result.exit_code == 1
    b = json.loads(result.stdout)["bulletins"][0]
    assert sorted(b["failures"]) == ["chinese-left", "missing-term"] and b["excused"] == {}
    assert run_cli(runner, "export", "loufan").exit_code == 2  # nor does export publish it


def test_an_excused_missing_term_does_not_fail_term_accuracy(runner, project):
    (project / "glossary" / "institutions.csv").write_text(
        "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
        "cppcc,政协,CPPCC,institution,approved,,,,,Jing,Jing,2026-11-01\n", encoding="utf-8")
    rows = entries(e0_1="Loufan County Political Consultative Conference holds meeting")
    rows[0].comment = f"{SIGNED}\napproved-despite: missing-term — the county's own name for it"
    write(project, "loufan", rows)
    assert run_cli(runner, "export", "loufan").exit_code == 0
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["bulletins"][0]["term_accuracy"] == {"value": None, "found": 0, "total": 0}
    strict = json.loads(run_cli(runner, "check", "--json", "--strict").stdout)["bulletins"][0]
    assert sorted(strict["failures"]) == ["missing-term", "term-accuracy"]


def test_an_excused_error_is_a_warning_annotation(runner, project, monkeypatch):
    excused_in_review(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check")
    assert result.exit_code == 0
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::")]
    assert annotations and all(a.startswith("::warning file=locales/en/LC_MESSAGES/loufan.po,line=") for a in annotations)
    assert re.search(r",title=l10n chinese-left::loufan 1\.1: 李成明 left in the translation \(excused: the office keeps", result.stdout)


@pytest.mark.parametrize(("comment", "strict", "exported", "code", "failing"), [row for row in AGREEMENT if not row[1]])
def test_one_function_says_which_approved_entries_are_blocked(project, comment, strict, exported, code, failing):
    """``blocked_entries`` is the gate's excuse policy as a library call (what export can ask too):
    here it holds back what export's own reading holds back."""
    from l10n.export import qa_blocked
    from l10n.quality.gate import blocked_entries

    path = excused_in_review(project)
    set_comment(path, "1.1", comment)
    config = load_config(project / "l10n.toml")
    catalog, glossary = read_catalog(path), project_glossary(config)
    blocked = [(e.context, checks) for e, checks in blocked_entries(catalog, glossary, config.check.disable)]
    assert blocked == ([("1.1", failing)] if failing else [])
    assert blocked == [(e.context, checks) for e, checks in qa_blocked(catalog, glossary, config.check.disable)]


@pytest.mark.parametrize("name", ["x\n::error::pwned", "\x1b]0;owned\x07\x1b[2J", "\u202eevil\u2066x"], ids=range(3))
def test_a_broken_catalogs_hostile_name_reaches_no_log_raw(runner, project, three, monkeypatch, name):
    from test_output_escaping import assert_safe

    hostile = three.with_name(f"{name}.po")
    three.rename(hostile)
    truncated(project, hostile)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", "--junit", "junit.xml", "--markdown", "summary.md")
    assert result.exit_code == 2
    assert_safe(result.stdout, "check", annotations=True)
    assert_safe(result.stderr, "check stderr")
    assert_safe((project / "summary.md").read_text(encoding="utf-8"), "markdown")
    junit = (project / "junit.xml").read_text(encoding="utf-8")
    ET.fromstring(junit.encode("utf-8"))
    assert_safe(junit, "junit")
