"""l10n check: the CI gate's exit codes, messages and JUnit/Markdown reports."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import assert_refused, disable_checks, run_cli, write_template

from l10n.catalog import Catalog, Entry, write_catalog
from l10n.config import CheckThresholds
from l10n.quality.gate import GATE_CHECKS, check_catalogs, junit_xml, markdown_summary

HEADER = {"Language": "en", "X-Bulletin-Date": "2023-12-09"}
GLOSSARY = (
    "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
    "cppcc,政协,CPPCC,institution,approved,,,People's Political Consultative Committee,,Jing,Jing,2026-11-01\n"
)


def clean_entries():
    return [
        Entry("0.1", "娄烦县政协召开会议", "Loufan County CPPCC holds meeting", notes=["place: 娄烦县 → Loufan County"]),
        Entry("1.1", "主任李成明出席2023年12月6日的会议。", "Director Li Chengming attended the meeting on December 6, 2023.",
              notes=["name: 李成明 → Li Chengming"]),
        Entry("1.2", "全县86万人受益。", "Some 860,000 people in the county benefited."),
    ]


def write(project, slug, entries):
    path = project / "locales" / "en" / "LC_MESSAGES" / f"{slug}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(Catalog(slug, dict(HEADER), entries), path)
    write_template(project, Catalog(slug, {}, entries))
    return path


def test_clean_approved_catalog_passes(project, runner):
    write(project, "loufan", clean_entries())
    result = run_cli(runner, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "All 1 bulletins passed."


def test_unreviewed_draft_fails_and_names_the_entry(project, runner):
    entries = clean_entries()
    entries[2].fuzzy = True
    write(project, "loufan", entries)
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    assert "  1.2 unreviewed: draft" in result.stdout.splitlines()
    assert "1 of 1 bulletins failed: loufan" in result.stdout


def test_max_draft_allows_drafts(project, runner):
    entries = clean_entries()
    entries[2].fuzzy = True
    write(project, "loufan", entries)
    assert run_cli(runner, "check", "--max-draft", "1").exit_code == 0


def test_missing_name_fails_and_names_the_entry(project, runner):
    entries = clean_entries()
    entries[1].translation = "Director Li Chengmin attended the meeting on December 6, 2023."
    write(project, "loufan", entries)
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    assert "  1.1 missing-term: 李成明 → Li Chengming not found" in result.stdout.splitlines()


def test_leftover_chinese_fails_and_names_the_entry(project, runner):
    entries = clean_entries()
    entries[2].translation = "Some 860,000 people in 全县 benefited."
    write(project, "loufan", entries)
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    assert "  1.2 chinese-left: 全县 left in the translation" in result.stdout.splitlines()


def test_missing_glossary_term_fails(project, runner):
    (project / "glossary" / "institutions.csv").write_text(GLOSSARY, encoding="utf-8")
    entries = clean_entries()
    entries[0].translation = "Loufan County Political Consultative Conference holds meeting"
    write(project, "loufan", entries)
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "  0.1 missing-term: 政协 → CPPCC not found" in lines
    assert "  term-accuracy: term accuracy 0.000 (0/1) is below 0.98" in lines
    assert [line for line in lines if "政协 → CPPCC" in line] == ["  0.1 missing-term: 政协 → CPPCC not found"], "reported once"


def test_a_missing_term_is_one_failure_in_every_report(project, runner, monkeypatch):
    (project / "glossary" / "institutions.csv").write_text(GLOSSARY, encoding="utf-8")
    entries = clean_entries()
    entries[0].translation = "Loufan County Political Consultative Conference holds meeting"
    write(project, "loufan", entries)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", "--junit", "junit.xml", "--markdown", "summary.md")
    assert result.exit_code == 1
    root = ET.parse(project / "junit.xml").getroot()
    failures = {case.get("name"): case.find("failure") for case in root.iter("testcase") if case.find("failure") is not None}
    assert sorted(failures) == ["missing-term", "term-accuracy"]
    assert failures["missing-term"].text == "0.1: 政协 → CPPCC not found"
    assert failures["term-accuracy"].text == "term accuracy 0.000 (0/1) is below 0.98"
    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert summary.count("政协 → CPPCC") == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert sum("政协 → CPPCC" in a for a in annotations) == 1


def test_junit_and_annotations_name_files_relative_to_the_project(project, runner, monkeypatch):
    entries = clean_entries()
    entries[2].fuzzy = True
    write(project, "loufan", entries)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", "--junit", "junit.xml")
    assert result.exit_code == 1
    root = ET.parse(project / "junit.xml").getroot()
    files = {e.get("file") for e in root.iter() if e.get("file") is not None}
    assert files == {"locales/en/LC_MESSAGES/loufan.po"}
    assert str(project) not in result.stdout
    assert "::error file=locales/en/LC_MESSAGES/loufan.po,title=l10n unreviewed::" in result.stdout


def test_glossary_terms_rendered_pass(project, runner):
    (project / "glossary" / "institutions.csv").write_text(GLOSSARY, encoding="utf-8")
    write(project, "loufan", clean_entries())
    result = run_cli(runner, "check")
    assert result.exit_code == 0, result.output
    assert "term accuracy 1.000 (1/1)" in result.stdout


def test_chrf_below_minimum_fails(project, runner, tmp_path):
    write(project, "loufan", clean_entries())
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "loufan.en.txt").write_text("Completely different words here.\nNothing alike at all.\nZebra.\n", encoding="utf-8")
    result = run_cli(runner, "check", "--refs", str(refs))
    assert result.exit_code == 1
    assert "  chrf: chrF" in result.stdout


def test_chrf_above_minimum_passes(project, runner, tmp_path):
    write(project, "loufan", clean_entries())
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "loufan.en.txt").write_text("\n".join(e.translation for e in clean_entries()) + "\n", encoding="utf-8")
    result = run_cli(runner, "check", "--refs", str(refs))
    assert result.exit_code == 0, result.output
    assert "chrF 100.00" in result.stdout


def test_reference_of_wrong_length_is_bad_input(project, runner, tmp_path):
    write(project, "loufan", clean_entries())
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "loufan.en.txt").write_text("one line\n", encoding="utf-8")
    result = run_cli(runner, "check", "--refs", str(refs))
    assert result.exit_code == 2
    assert "has 1 lines but" in result.stderr


def test_missing_catalog_is_bad_input(project, runner):
    result = run_cli(runner, "check", "nope.po")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: nope.po does not exist."


@pytest.mark.parametrize("arg", ["loufan", "locales/en/LC_MESSAGES/loufan.po", "locales/en/LC_MESSAGES"])
def test_a_bulletin_is_named_by_its_slug_its_catalog_or_their_directory(project, runner, arg):
    entries = clean_entries()
    entries[2].fuzzy = True
    write(project, "loufan", entries)
    write(project, "other", clean_entries())
    result = run_cli(runner, "check", arg)
    assert result.exit_code == 1
    assert "FAIL loufan" in result.stdout and ("PASS other" in result.stdout) == (arg == "locales/en/LC_MESSAGES")


@pytest.mark.parametrize("arg", ["nope", "loufan.po", "sub/loufan"])
def test_a_slug_with_no_catalog_is_bad_input(project, runner, arg):
    write(project, "loufan", clean_entries())
    result = run_cli(runner, "check", arg)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {arg} does not exist."


def test_malformed_catalog_is_bad_input(project, runner):
    bad = project / "bad.po"
    bad.write_text('msgid "x"\nmsgstr "y"\nthis is not po\n', encoding="utf-8")
    result = run_cli(runner, "check", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


def test_junit_xml_parses_with_the_right_failure_counts(project, runner, tmp_path):
    entries = clean_entries()
    entries[2].fuzzy = True
    entries[1].translation = "Translation: Director Li Chengmin attended the meeting on December 6, 2023."
    write(project, "loufan", entries)
    write(project, "clean", clean_entries())
    junit, markdown = tmp_path / "junit.xml", tmp_path / "summary.md"
    result = run_cli(runner, "check", "--junit", str(junit), "--markdown", str(markdown))
    assert result.exit_code == 1
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"loufan", "clean"}
    failed = {c.get("name") for c in suites["loufan"].iter("testcase") if c.find("failure") is not None}
    assert failed == {"unreviewed", "missing-term", "commentary"}
    assert suites["loufan"].get("failures") == "3"
    assert suites["clean"].get("failures") == "0"
    assert root.get("failures") == "3"
    assert root.get("tests") == str(2 * len(GATE_CHECKS))
    assert all(c.get("classname") == "loufan" for c in suites["loufan"].iter("testcase"))
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("## l10n check: FAILED (1 of 2 bulletins)")
    assert "| loufan | 3 | 2 | 1 | 0 | 2 | 0 | n/a | n/a | **fail**: unreviewed, missing-term, commentary |" in text
    assert "- `1.1` **missing-term**: 李成明 → Li Chengming not found" in text


def test_github_annotations_on_actions(project, runner, monkeypatch):
    entries = clean_entries()
    entries[2].translation = "Some 860,000 people in 全县 benefited."
    path = write(project, "loufan", entries)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == 'msgctxt "1.2"')
    annotations = [l for l in result.stdout.splitlines() if l.startswith("::")]
    assert annotations == [f"::error file=locales/en/LC_MESSAGES/loufan.po,line={line},title=l10n chinese-left::loufan 1.2: 全县 left in the translation"]
    assert path.is_absolute()  # the project root is the cwd: annotations name the file relative to it


def test_library_check_catalogs_without_cli(tmp_path):
    path = tmp_path / "x.po"
    write_catalog(Catalog("x", dict(HEADER), [Entry("1.1", "会议召开。", "")]), path)
    result = check_catalogs([tmp_path], thresholds=CheckThresholds(max_draft=1))
    assert result.passed
    assert junit_xml(result).startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "| x | 1 | 0 | 0 | 1 |" in markdown_summary(result)


def test_check_help_ends_with_an_example(runner):
    result = run_cli(runner, "check", "--help")
    assert result.exit_code == 0
    description = result.stdout.split("Arguments:")[0].rstrip().splitlines()
    assert description[-5:] == ["  Example:", "    l10n check",
                                "    l10n check loufan --max-draft 2",
                                "    l10n check --refs refs/ --junit l10n-junit.xml --markdown l10n-summary.md",
                                "    l10n check --json > l10n-check.json"]


REPOSITORY_GLOSSARY = sorted((Path(__file__).resolve().parent.parent / "glossary").glob("*.csv"))

# What the gate requires of an entry is what drafting and review require (l10n.required), with the
# current glossary on the bulletin's date, whatever the entry's notes recorded (issue 17).
GATE_REQUIREMENTS = [
    # source, translation, notes, the gate's requirement errors
    ("我省长沙、株洲等地企业参展。", "Enterprises from Changsha, Zhuzhou and other places in the province took part.",
     ["term: 省长 → Governor"], []),  # 省长 would split 我省 | 长沙 (a stale note is not enforced)
    ("花垣县长乐乡米迫村贫困建档立卡户女孩周芬收到了南华大学录取通知书。",
     "Zhou Fen, a girl from a registered poor household in Mipo Village, Changle Township, Huayuan County, "
     "received an admission letter from the University of South China.", [], []),  # 县长 would split 花垣县 | 长乐乡
    ("全国人大常委会副委员长严隽琪出席。", "Yan Juanqi, Vice Chairman of the NPC Standing Committee, attended.", [], []),
    ("十二届全国人大常委会第三十次会议闭幕。", "The 30th session of the 12th NPC Standing Committee closed.", [], []),
    ("十二届全国人大常委会第三十次会议闭幕。", "The thirtieth session of the twelfth NPC Standing Committee closed.", [], []),
    ("十二届全国人大常委会第三十次会议闭幕。", "The thirtieth session of the NPC Standing Committee, twelve, closed.", [],
     ["missing-term"]),  # ordinals are required, as when drafting
    ("新华社北京3月5日电（记者 张三）会议开幕。", "Beijing, March 5 (Xinhua, Zhang San) -- The meeting opened.", [], []),
    ("新华社北京3月5日电（记者 张三）会议开幕。", "March 5 (Xinhua) -- The meeting opened in the capital with reporters.", [],
     ["missing-term", "missing-term"]),  # the dateline's place and reporter, without any note
]


@pytest.mark.parametrize(("source", "translation", "notes", "errors"), GATE_REQUIREMENTS)
def test_the_gate_requires_what_drafting_requires(project, source, translation, notes, errors):
    from l10n.glossary import Glossary

    path = write(project, "b", [Entry("1.1", source, translation, notes=notes)])
    result = check_catalogs([path], thresholds=CheckThresholds(min_term_accuracy=0), glossary=Glossary.from_files(REPOSITORY_GLOSSARY))
    assert [f.finding.check for f in result.bulletins[0].errors if f.finding.check in ("missing-term", "forbidden-term")] == errors


@pytest.mark.parametrize(("translation", "notes", "errors"), [
    ("The committee met.", ["term: 政协 → CPPCC"], ["missing-term"]),
    ("The CPPCC met.", ["term: 政协 → CPPCC"], []),
    ("The twelfth CPPCC met.", ["term: 政协 → CPPCC", "ordinal: 十二届 → 12th"], []),  # the words count, as when drafting
    ("The CPPCC met.", ["term: 政协 → CPPCC", "ordinal: 十二届 → 12th"], ["missing-term"]),
    ("The CPPCC met.", ["hint: 政协 → Political Consultative Conference"], []),  # hints are shown, not enforced
])
def test_without_a_glossary_the_gate_enforces_the_notes(project, translation, notes, errors):
    path = write(project, "b", [Entry("1.1", "十二届政协开会", translation, notes=notes)])
    result = check_catalogs([path], thresholds=CheckThresholds(), glossary=None)
    assert [f.finding.check for f in result.bulletins[0].errors if f.finding.check != "numbers"] == errors
    assert result.bulletins[0].skipped["term-accuracy"] == "no glossary"


# --------------------------------------------------------------------------- [check] disable (issue 17)


def test_a_disabled_check_is_skipped_by_the_gate_and_in_junit(project, runner):
    entries = clean_entries()
    entries[1].translation = "Director Li Chengmin attended the meeting on December 6, 2023."
    entries[2].translation = "Some 860,000 people in 全县 benefited."
    write(project, "loufan", entries)
    assert run_cli(runner, "check").exit_code == 1
    disable_checks(project, "missing-term", "chinese-left", "inconsistent-term")
    result = run_cli(runner, "check", "--junit", "junit.xml", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["bulletins"][0]
    assert report["findings"] == [] and report["failures"] == {}
    off = "disabled in l10n.toml"
    assert report["skipped"] == {"chinese-left": off, "missing-term": off, "inconsistent-term": off, "chrf": "no --refs"}
    root = ET.parse(project / "junit.xml").getroot()
    skipped = {c.get("name"): c.find("skipped").get("message") for c in root.iter("testcase") if c.find("skipped") is not None}
    assert skipped == {"chinese-left": off, "missing-term": off, "inconsistent-term": off, "chrf": "no --refs"}
    assert root.get("tests") == str(len(GATE_CHECKS)) and root.get("skipped") == "4"
    assert [c.get("name") for c in root.iter("testcase")] == list(GATE_CHECKS), "every check keeps its test case"


def test_the_other_checks_still_fail_with_some_disabled(project, runner):
    entries = clean_entries()
    entries[1].translation = "Director Li Chengmin attended the meeting on December 6, 2023."
    entries[2].translation = "Some 860,000 people in 全县 benefited."
    write(project, "loufan", entries)
    disable_checks(project, "missing-term")
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("  ")] == ["  1.2 chinese-left: 全县 left in the translation"]


@pytest.mark.parametrize(
    ("checks", "says"),
    [
        (("lenght-ratio",), "[check] disable: lenght-ratio is not a QA check; did you mean length-ratio?"),
        (("numbers", "comentary"), "[check] disable: comentary is not a QA check; did you mean commentary?"),
        (("chrf",), "[check] disable: chrf is not a QA check; the QA checks are empty, chinese-left,"),
    ],
)
def test_an_unknown_check_in_disable_is_refused_with_the_close_match(project, runner, checks, says):
    write(project, "loufan", clean_entries())
    disable_checks(project, *checks)
    assert_refused(runner, project, "check", says=says)


@pytest.mark.parametrize("args", [["--help"], ["glossary", "validate"], ["check"]])
def test_commands_that_do_not_translate_load_no_tagger_or_model(project, args):
    """check recomputes names from each msgid, but jieba is asked only where CC-CEDICT
    knows a word that could make a name no name; these entries have none."""
    (project / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    write(project, "loufan", clean_entries())
    code = ("import sys\nfrom l10n.cli import main\nsys.argv = ['l10n', *%r]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('LOADED:' + ','.join(m for m in ('jieba', 'torch', 'llama_cpp', 'transformers') if m in sys.modules))" % (args,))
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "LOADED:", done.stdout + done.stderr


def test_check_reads_each_catalog_and_template_once_and_points_at_the_entrys_line(project, runner, monkeypatch):
    import l10n.catalog

    entries = clean_entries()
    entries[1].translation = "Director Li Chengmin attended the meeting on December 6, 2023."
    path = write(project, "loufan", entries)
    parsed = []
    real = l10n.catalog._pofile
    monkeypatch.setattr(l10n.catalog, "_pofile", lambda text: parsed.append(text) or real(text))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check")
    assert result.exit_code == 1
    assert len(parsed) == 2  # the catalog and its template, each once
    line = path.read_text(encoding="utf-8").splitlines().index('msgctxt "1.1"') + 1
    assert l10n.catalog.read_catalog(path).find("1.1").line == line
    assert f"line={line}" in result.stdout  # the annotation points at the entry
