"""``l10n review`` driven through a real pseudo-terminal: keys, the prefilled editor, resume."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from l10n.catalog import APPROVED, DRAFT, Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.review import approvers, findings

pexpect = pytest.importorskip("pexpect")

L10N = Path(sys.executable).parent / "l10n"
SLUG = "loufan"
PROMPT = r"\[\?\]help > "
QA_PROMPT = r"\[q\]uit > "

pytestmark = pytest.mark.skipif(not L10N.exists(), reason="the l10n console script is not installed next to python")


def write_sample(path: Path) -> None:
    header = base_header(SLUG, language="en")
    header.update({"X-Bulletin-Date": "2023-12-09", "X-Bulletin-Source": "娄烦县人民政府"})
    write_catalog(Catalog(SLUG, header, [
        Entry("0.1", "娄烦县政协召开常委会议", "Loufan County CPPCC Holds Standing Committee Meeting", True,
              notes=["term: 政协 → CPPCC", "place: 娄烦县 → Loufan County"]),
        Entry("1.1", "县政协主席李成明主持会议。", "Li Chengming, chairman of the county CPPCC, presided over the meeting.", True,
              notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming"]),
        Entry("1.2", "会议听取了工作报告。", "The meeting heard the work report.", True,
              notes=["tm-example: 会议听取了报告。 → The meeting heard the report."]),
        Entry("2.1", "与会人员进行了讨论。", "Talk.", True, notes=["qa: length-ratio: much shorter than the source"]),
    ]), path)


GLOSSARY = ("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
            "cppcc,政协,CPPCC,organ,approved,,,,,Jing,Jing,2026-11-01\n")


@pytest.fixture
def po(config) -> Path:
    """The sample catalog, in a project whose glossary holds the term its drafts were made with."""
    (config.root / "glossary" / "organs.csv").write_text(GLOSSARY, encoding="utf-8")
    path = config.catalog_path(SLUG)
    write_sample(path)
    return path


def spawn(project: Path, *args: str, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    environment.update({"TERM": "dumb", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "160"}, **env)
    child = pexpect.spawn(str(L10N), ["review", SLUG, "--translator", "Jing", *args], cwd=str(project),
                          env=environment, encoding="utf-8", timeout=20, dimensions=(50, 160))
    return child


def at(child, position: str) -> str:
    """Wait for the segment at *position* (``2/4``) and its prompt; return what was shown."""
    child.expect(rf"{position} · ")
    child.expect(PROMPT)
    return child.before


def test_accept_edit_back_quit_and_resume(project, po):
    child = spawn(project)
    shown = at(child, "1/4")
    assert "娄烦县政协召开常委会议" in shown
    assert "Loufan County CPPCC Holds Standing Committee Meeting" in shown
    assert "政协 → CPPCC (term) ok" in shown
    assert "娄烦县 → Loufan County (place) ok" in shown

    child.send("a")
    child.expect("Accepted 0.1.")
    catalog = read_catalog(po)
    assert catalog.find("0.1").state == APPROVED
    assert approvers(catalog.find("0.1")) == ["Jing"]
    assert catalog.header["Last-Translator"] == "Jing"

    shown = at(child, "2/4")
    assert "李成明 → Li Chengming (name) ok" in shown
    child.send("e")
    child.expect("English> ")
    child.expect("presided over the meeting.")  # the line comes prefilled with the draft
    child.send("\x15")  # Ctrl-U: readline clears the line
    child.send("Li Chengming presided over the meeting.\r")
    child.expect(r"1.1 has QA errors \(missing-term\); it is not approved")
    child.expect(QA_PROMPT)
    assert read_catalog(po).find("1.1").state == DRAFT, "saved, as a draft, before the reviewer decides"
    child.send("o")
    child.expect("Reason> ")
    child.send("the county office shortens the title\r")
    child.expect("Approved 1.1 despite missing-term; the reason is recorded.")
    entry = read_catalog(po).find("1.1")
    assert entry.translation == "Li Chengming presided over the meeting."
    assert entry.state == APPROVED
    assert findings(entry), "the broken glossary rule is kept on the entry"
    assert any("CPPCC" in f or "政协" in f for f in findings(entry))
    assert "approved-despite: missing-term — the county office shortens the title" in entry.comment.splitlines()

    shown = at(child, "3/4")
    assert "会议听取了报告。 → The meeting heard the report." in shown  # translation memory
    child.send("b")
    shown = at(child, "2/4")
    assert "Li Chengming presided over the meeting." in shown
    assert "approved" in shown
    child.send("e")
    child.expect("English> ")
    child.send(" (revised)\r")  # appended to the prefilled text
    child.expect(QA_PROMPT)  # still without CPPCC: fix it this time
    child.send("e")
    child.expect("English> ")
    child.expect(r"meeting\. \(revised\)")  # prefilled with the text just typed
    child.send("\x15")
    child.send("Li Chengming, chairman of the county CPPCC, presided over the meeting. (revised)\r")
    child.expect("Saved 1.1.")
    entry = read_catalog(po).find("1.1")
    assert (entry.translation, entry.state, findings(entry)) == (
        "Li Chengming, chairman of the county CPPCC, presided over the meeting. (revised)", APPROVED, [])

    at(child, "3/4")
    child.send("q")
    child.expect("2 of 4 entries left to review; run `l10n review loufan` to resume.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    catalog = read_catalog(po)
    assert [catalog.find(c).state for c in ("0.1", "1.1", "1.2", "2.1")] == [APPROVED, APPROVED, DRAFT, DRAFT]

    child = spawn(project)
    shown = at(child, "3/4")  # resumes at the first unreviewed segment
    assert "会议听取了工作报告。" in shown
    child.send("s")
    shown = at(child, "4/4")
    assert "! length-ratio: much shorter than the source" in shown
    child.send("a")
    child.expect("Accepted 2.1.")
    at(child, "3/4")  # wraps round to the skipped one
    child.send("a")
    child.expect("All 4 entries of loufan are approved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert read_catalog(po).counts()["approved"] == 4


def test_help_and_unknown_keys(project, po):
    child = spawn(project)
    at(child, "1/4")
    child.send("?")
    child.expect("retranslate: ask the engine for a new draft")
    child.expect(PROMPT)
    child.send("x")
    child.expect("Unknown key 'x'; press \\? for help.")
    child.expect(PROMPT)
    child.send("e")
    child.expect("English> ")
    child.send("\x03")  # Ctrl-C cancels the edit
    child.expect("Edit cancelled; nothing changed.")
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    assert read_catalog(po).find("0.1").state == DRAFT


def test_a_killed_terminal_loses_no_decision(project, po):
    child = spawn(project)
    at(child, "1/4")
    child.send("a")
    child.expect("Accepted 0.1.")
    at(child, "2/4")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    catalog = read_catalog(po)  # a whole, valid catalog
    assert catalog.find("0.1").state == APPROVED
    assert catalog.find("1.1").state == DRAFT
    assert not [p for p in po.parent.iterdir() if p.name.endswith(".tmp")]
    child = spawn(project)
    at(child, "2/4")
    child.send("q")
    child.expect(pexpect.EOF)


def test_editing_in_the_editor(project, po, tmp_path):
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\nsed -i "1s/Holds/Convenes/" "$1"\n')
    script.chmod(0o755)
    child = spawn(project, EDITOR=str(script))
    at(child, "1/4")
    child.send("E")
    child.expect("Saved 0.1.")
    at(child, "2/4")
    child.send("q")
    child.expect(pexpect.EOF)
    entry = read_catalog(po).find("0.1")
    assert entry.translation == "Loufan County CPPCC Convenes Standing Committee Meeting"
    assert entry.state == APPROVED
    assert findings(entry) == []


BROKEN = "县政协 chairman presided over the meeting."  # Chinese kept; CPPCC and Li Chengming dropped


@pytest.mark.parametrize("choice", ["d", "o"])
def test_an_edit_that_breaks_qa_is_kept_as_a_draft_or_approved_with_a_reason(project, po, runner, choice):
    from support import run_cli, write_template

    write_template(project, read_catalog(po))
    child = spawn(project)
    at(child, "1/4")
    child.send("a")
    at(child, "2/4")
    child.send("e")
    child.expect("English> ")
    child.send("\x15")
    child.send(BROKEN + "\r")
    child.expect(r"1.1 has QA errors \(chinese-left, missing-term\); it is not approved")
    child.expect(QA_PROMPT)
    child.send("x")
    child.expect("Press e to edit it again, d to keep it as a draft")
    child.expect(QA_PROMPT)
    child.send(choice)
    if choice == "o":
        child.expect("Reason> ")
        child.send("\r")  # no reason: nothing approved, asked again
        child.expect("No reason given; nothing approved.")
        child.expect(QA_PROMPT)
        child.send("o")
        child.expect("Reason> ")
        child.send("the office keeps the Chinese\r")
        child.expect("Approved 1.1 despite chinese-left, missing-term; the reason is recorded.")
    else:
        child.expect("Kept 1.1 as a draft; its findings are recorded.")
    at(child, "3/4")
    child.send("a")
    at(child, "4/4")
    child.send("a")
    if choice == "d":
        at(child, "2/4")  # the draft comes round again
        child.send("q")
    child.expect(r"(entries left to review|are approved)")
    child.expect(pexpect.EOF)
    entry = read_catalog(po).find("1.1")
    assert entry.translation == BROKEN
    assert [f.split(":")[0] for f in findings(entry)] == ["chinese-left", "missing-term", "missing-term"]
    exported = run_cli(runner, "export", SLUG)
    if choice == "o":
        assert entry.state == APPROVED
        assert entry.comment.splitlines()[0] == "approved-despite: chinese-left, missing-term — the office keeps the Chinese"
        assert entry.comment.splitlines()[1].startswith("approved-by: Jing ")
        assert exported.exit_code == 0, exported.output
        assert BROKEN in exported.stdout
    else:
        assert entry.state == DRAFT
        assert exported.exit_code == 2
        assert "1 of 4 entries are not approved" in exported.stderr


HOSTILE = "\x1b]0;owned\x07\x1b[2J\u202eevil\x9b31m\n::error::pwned"


def test_terminal_controls_from_the_catalog_are_shown_escaped(project, config):
    header = base_header(SLUG, language="en")
    write_catalog(Catalog(SLUG, header, [
        Entry("0.1", "标题" + HOSTILE, "Title" + HOSTILE, True, notes=["qa: commentary: " + HOSTILE, "tm-example: 甲 → " + HOSTILE]),
    ]), config.catalog_path(SLUG))
    child = spawn(project)
    shown = at(child, "1/1")
    child.send("q")
    child.expect(pexpect.EOF)
    shown += child.before
    for raw in ("\x1b]", "\x1b[2J", "\x07", "\u202e", "\x9b"):
        assert raw not in shown
    assert not [line for line in shown.splitlines() if line.strip().startswith("::")]
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b31m\\n\\x3a:error\\x3a:pwned" in shown
