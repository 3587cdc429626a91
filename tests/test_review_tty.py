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


@pytest.fixture
def po(config) -> Path:
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
    child.expect("Saved 1.1.")
    child.expect("Warning: the edit of 1.1 breaks")
    entry = read_catalog(po).find("1.1")
    assert entry.translation == "Li Chengming presided over the meeting."
    assert entry.state == APPROVED
    assert findings(entry), "the broken glossary rule is kept on the entry"
    assert any("CPPCC" in f or "政协" in f for f in findings(entry))

    shown = at(child, "3/4")
    assert "会议听取了报告。 → The meeting heard the report." in shown  # translation memory
    child.send("b")
    shown = at(child, "2/4")
    assert "Li Chengming presided over the meeting." in shown
    assert "approved" in shown
    child.send("e")
    child.expect("English> ")
    child.send(" (revised)\r")  # appended to the prefilled text
    child.expect("Saved 1.1.")
    assert read_catalog(po).find("1.1").translation == "Li Chengming presided over the meeting. (revised)"

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
