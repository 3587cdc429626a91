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
    # no X-Bulletin-Source: a source is an entry of its own now, reviewed like the others (issue 44)
    header.update({"X-Bulletin-Date": "2023-12-09"})
    write_catalog(Catalog(SLUG, header, [
        Entry("0.1", "娄烦县政协召开常委会议", "Loufan County CPPCC Holds Standing Committee Meeting", True,
              notes=["term: 政协 → CPPCC", "place: 娄烦县 → Loufan County"]),
        Entry("1.1", "县政协主席李成明主持会议。", "Li Chengming, chairman of the county CPPCC, presided over the meeting.", True,
              notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming"]),
        Entry("1.2", "会议听取了工作报告。", "The meeting heard the work report.", True,
              notes=["tm-example: 会议听取了报告。 → The meeting heard the report."]),
        Entry("2.1", "与会人员进行了讨论。", "They talked.", True, notes=["qa: length-ratio: much shorter than the source"]),
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


def _default_signals() -> None:
    for number in (signal.SIGHUP, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)


def spawn(project: Path, *args: str, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    environment.update({"TERM": "dumb", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "160"}, **env)
    # A hangup ends the child and Ctrl-C interrupts it as in a reviewer's session, even where the
    # suite itself runs under nohup or as a background job of a script (which ignore SIGHUP and
    # SIGINT, and children inherit that: Python then installs no KeyboardInterrupt handler).
    child = pexpect.spawn(str(L10N), ["review", SLUG, "--translator", "Jing", *args], cwd=str(project),
                          env=environment, encoding="utf-8", timeout=20, dimensions=(50, 160),
                          preexec_fn=_default_signals)
    return child


def at(child, position: str) -> str:
    """Wait for the segment at *position* (``2/4``) and its prompt; return what was shown."""
    child.expect(rf"{position} · ")
    child.expect(PROMPT)
    return child.before


def test_accept_edit_back_quit_and_resume(project, po):
    child = spawn(project)
    shown = at(child, "1/4")
    assert "娄烦县政协[ok]召开常委会议" in shown  # NO_COLOR: the terms marked in words (the place and its organ composed: one)
    assert "Loufan County CPPCC[ok] Holds Standing Committee Meeting" in shown
    assert "娄烦县政协 → Loufan County CPPCC (term) ok" in shown

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
    assert "1 会议听取了‸报告。 → The meeting heard the report." in shown  # translation memory, what this source has more marked
    child.send("b")
    shown = at(child, "2/4")
    assert "Li Chengming[ok] presided over the meeting." in shown
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
    assert "~ length-ratio: 1.2 English characters per Chinese character" in shown  # computed; a warning
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


# --- the review screen: keys n / g c, options --all --ctx --findings, layout ---------------


def quit_cleanly(child) -> None:
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_n_jumps_to_the_next_entry_with_findings(project, po):
    child = spawn(project)
    at(child, "1/4")
    child.send("n")
    shown = at(child, "4/4")
    assert "2.1" in shown and "~ length-ratio: 1.2 English characters per Chinese character" in shown
    child.send("n")  # none other: wraps round to itself
    shown = at(child, "4/4")
    quit_cleanly(child)


@pytest.mark.parametrize(("typed", "lands", "says"), [
    ("工作报告", "3/4", None),             # Chinese
    ("talked.", "4/4", None),              # English, any case
    ("nowhere", "1/4", "No other segment contains 'nowhere'."),
    ("", "1/4", "Search cancelled."),
])
def test_slash_searches_source_and_translation(project, po, typed, lands, says):
    child = spawn(project)
    at(child, "1/4")
    child.send("/")
    child.expect("Search> ")
    child.send(typed + "\r")
    if says:
        child.expect_exact(says)
    at(child, lands)
    quit_cleanly(child)


@pytest.mark.parametrize(("typed", "expected"), [
    ("县政协", ["县政协", "County CPPCC Committee", "approved"]),
    ("party history research", ["党史研究室", "Party History Research Office", "approved"]),
    ("no-such-term", ["No glossary term contains 'no-such-term'."]),
])
def test_g_looks_up_the_glossary_in_chinese_or_english(project_with_glossary, po, typed, expected):
    child = spawn(project_with_glossary)
    at(child, "1/4")
    child.send("g")
    child.expect("Glossary> ")
    child.send(typed + "\r")
    child.expect("1/4 · ")
    shown = child.before  # what the lookup printed, before the segment is shown again
    child.expect(PROMPT)
    for text in expected:
        assert text in shown
    quit_cleanly(child)
    assert read_catalog(po).find("0.1").state == DRAFT


def test_c_adds_a_comment_line_and_keeps_the_sign_off(project, po):
    catalog = read_catalog(po)
    entry = catalog.find("1.1")
    entry.fuzzy = False
    entry.comment = "approved-despite: missing-term — house style\napproved-by: Wei 2026-12-01"
    write_catalog(catalog, po)
    child = spawn(project, "--ctx", "1.1")
    at(child, "2/4")
    child.send("c")
    child.expect("Comment> ")
    child.send("Ask the county office   about the title\r")
    child.expect("Comment saved on 1.1.")
    shown = at(child, "2/4")
    assert "Ask the county office about the title" in shown
    child.send("c")
    child.expect("Comment> ")
    child.send("approved-by: Mallory 2026-12-24\r")  # a comment cannot forge a sign-off
    child.expect("Error: A comment cannot start with approved-by: or approved-despite:")
    at(child, "2/4")
    child.send("c")
    child.expect("Comment> ")
    child.send("\r")
    child.expect("No comment saved.")
    at(child, "2/4")
    quit_cleanly(child)
    entry = read_catalog(po).find("1.1")
    assert entry.comment.splitlines() == [
        "Ask the county office about the title",
        "approved-despite: missing-term — house style",
        "approved-by: Wei 2026-12-01",
    ]
    assert (entry.state, approvers(entry)) == (APPROVED, ["Wei"])


def approve_first_two(po: Path) -> None:
    catalog = read_catalog(po)
    for context in ("0.1", "1.1"):
        entry = catalog.find(context)
        entry.fuzzy = False
        entry.add_approval("Wei", "2026-12-01")
    write_catalog(catalog, po)


def test_all_walks_every_entry_approved_ones_too(project, po):
    approve_first_two(po)
    child = spawn(project, "--all")
    shown = at(child, "1/4")
    assert "approved" in shown and "Approved by  Wei" in shown
    child.send("s")
    at(child, "2/4")
    child.send("s")
    at(child, "3/4")
    child.send("s")
    at(child, "4/4")
    child.send("s")  # past the last entry the walk ends
    child.expect("2 of 4 entries left to review")
    child.expect(pexpect.EOF)
    assert read_catalog(po).counts()["approved"] == 2


def test_without_all_approved_entries_are_passed_over(project, po):
    approve_first_two(po)
    child = spawn(project)
    at(child, "3/4")
    quit_cleanly(child)


def test_ctx_starts_at_that_entry(project, po):
    child = spawn(project, "--ctx", "1.2")
    shown = at(child, "3/4")
    assert "会议听取了工作报告。" in shown
    child.send("a")
    child.expect("Accepted 1.2.")
    at(child, "4/4")  # then on to the next one to review
    quit_cleanly(child)


def test_findings_shows_only_entries_with_findings(project, po):
    child = spawn(project, "--findings")
    at(child, "4/4")
    child.send("a")
    child.expect("Accepted 2.1.")
    child.expect("3 of 4 entries left to review")
    child.expect(pexpect.EOF)


def test_ctx_of_no_entry_is_refused(project, po, runner):
    from support import assert_refused

    assert_refused(runner, project, "review", SLUG, "--translator", "Jing", "--ctx", "9.9", says="No entry 9.9 in loufan.po")


# --- rendering: 80×24 and 120×40, colour and NO_COLOR ---------------------------------

SGR = __import__("re").compile(r"\x1b\[[0-9;]*m")


def write_screen_sample(path: Path) -> None:
    header = base_header(SLUG, language="en")
    write_catalog(Catalog(SLUG, header, [
        Entry("1.1", "县政协主席李成明主持会议，娄烦县政协委员参加。",
              "Li Chengming, chairman of the county committee, presided over the meeting, attended by members from Loufan.", True,
              notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming",
                     "qa: missing-term: 政协 → CPPCC not found", "qa: length-ratio: much longer than the source",
                     "repair: replaced Li Chengmin with Li Chengming", "confidence: 0.42", "attempts: 3",
                     "tm-example: 87% 县政协主席主持会议。 → The chairman of the county CPPCC presided over the meeting."]),
    ]), path)
    # the screen shows what the project glossary requires, as `l10n check` does
    (path.parents[3] / "glossary" / "organs.csv").write_text(GLOSSARY, encoding="utf-8")


def render(project: Path, rows: int, cols: int, *, color: bool) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR", "NO_COLOR", "COLUMNS", "LINES")}
    environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    if not color:
        environment["NO_COLOR"] = "1"
    child = pexpect.spawn(str(L10N), ["review", SLUG, "--translator", "Jing"], cwd=str(project), env=environment,
                          encoding="utf-8", timeout=20, dimensions=(rows, cols))
    child.expect(PROMPT)
    screen = child.before + child.after
    quit_cleanly(child)
    return screen


def assert_fits(screen: str, cols: int) -> list[str]:
    from rich.cells import cell_len

    text = SGR.sub("", screen)
    assert "\x1b" not in text, "an escape sequence other than a colour was written, or one was cut"
    lines = text.replace("\r\n", "\n").split("\n")
    assert [line for line in lines if cell_len(line) > cols] == []
    return lines


@pytest.mark.parametrize(("rows", "cols"), [(24, 80), (40, 120)])
def test_the_screen_fits_the_terminal_and_marks_terms_in_colour(project, config, rows, cols):
    write_screen_sample(config.catalog_path(SLUG))
    screen = render(project, rows, cols, color=True)
    lines = assert_fits(screen, cols)
    text = "\n".join(lines)
    for shown in ("县政协主席", "Li Chengming", "presided over the meeting", "! 政协 → CPPCC (term) MISSING",
                  "Confidence  0.42", "Attempts", "3", "Repairs", "replaced Li Chengmin with Li Chengming",
                  "1 87% similar: 县政协主席‸主持会议‸。 → The chairman"):
        assert shown in text, shown
    # each finding once: the missing term in Required only; the stale length-ratio note is no finding
    assert "missing-term" not in text and "length-ratio" not in text
    green, red = "\x1b[1;32m", "\x1b[1;31m"
    assert f"{green}李成明\x1b[0m" in screen  # applied, in the Chinese
    assert f"{green}Li Chengming\x1b[0m" in screen  # and where the English has it
    assert f"{red}政协\x1b[0m" in screen  # missing, each time the Chinese names it: the county's,
    assert screen.count(f"{red}政协\x1b[0m") == 1
    assert f"{red}娄烦县政协\x1b[0m" in screen  # and Loufan County's, the place and its organ composed
    if cols >= 100:
        assert any("县政协主席" in line and "Li Chengming" in line for line in lines), "side by side"
    else:
        assert any(line.startswith("Chinese ") for line in lines) and any(line.startswith("Draft ") for line in lines)


def test_without_colour_the_terms_are_marked_in_words(project, config):
    write_screen_sample(config.catalog_path(SLUG))
    screen = render(project, 24, 80, color=False)
    lines = assert_fits(screen, 80)
    text = "\n".join(lines)
    assert "\x1b[3" not in screen  # no colour at all
    # 娄烦县政协 is the Loufan County CPPCC, the place and its organ composed (drafting and check require it too)
    assert "县政协[missing]主席李成明[ok]主持会议，娄烦县政协[missing]" in text
    assert "Li Chengming[ok], chairman" in text
    print("\n".join(lines))  # pytest -s shows the 80×24 screen


# --- issue 44: each finding once, ! and ~, r with the catalog's engine, d, 1-9, the compact layout ---------------


def test_each_finding_is_listed_once_and_errors_and_warnings_are_marked_apart(project, config):
    (project / "glossary" / "organs.csv").write_text(GLOSSARY, encoding="utf-8")
    missing = "qa: missing-term: 政协 → CPPCC not found"
    write_catalog(Catalog(SLUG, base_header(SLUG, language="en"), [
        Entry("1.1", "县政协主席李成明主持会议，娄烦县政协委员参加。", "Li Chengming 主持 the county meeting.", True,
              notes=["term: 政协 → CPPCC", "missing: 政协 → CPPCC", missing, missing]),
    ]), config.catalog_path(SLUG))
    child = spawn(project)
    shown = at(child, "1/1")
    assert shown.count("政协 → CPPCC") == 1, shown  # in Required, marked missing; not again under Findings
    assert "! 政协 → CPPCC (term) MISSING" in shown
    assert "! chinese-left: " in shown  # an error
    assert "~ length-ratio: " in shown  # a warning, told apart without colour
    child.send("?")
    child.expect("! a QA error")
    child.expect("~ a QA warning")
    child.expect(PROMPT)
    quit_cleanly(child)


OPENAI_SAMPLE = "\n[engines.openai]\nurl = \"{url}\"\nmodel = \"configured\"\nretries = 0\n"


@pytest.fixture
def openai_server():
    from test_engine_openai import Server

    server = Server()
    yield server
    server.httpd.shutdown()


@pytest.mark.parametrize(("args", "model"), [((), "fake"), (("--engine", "openai"), "configured")])
def test_r_redrafts_with_the_engine_the_catalog_was_drafted_with(project, po, openai_server, args, model):
    with open(project / "l10n.toml", "a", encoding="utf-8") as toml:
        toml.write(OPENAI_SAMPLE.format(url=openai_server.url))
    catalog = read_catalog(po)
    catalog.header.update({"X-Engine": "openai", "X-Model": "fake"})  # as `l10n draft --engine openai` writes them
    write_catalog(catalog, po)
    child = spawn(project, *args)
    at(child, "1/4")
    child.send("r")
    child.expect("New draft for 0.1.")
    at(child, "1/4")
    quit_cleanly(child)
    assert openai_server.requests and {r["model"] for r in openai_server.requests} == {model}
    assert read_catalog(po).find("0.1").translation.startswith("EN(")


def test_review_refuses_an_unknown_model_or_engine_before_anything(project, po, runner):
    from support import assert_refused

    assert_refused(runner, project, "review", SLUG, "--model", "no-such-model", says="Unknown model 'no-such-model'")
    assert_refused(runner, project, "review", SLUG, "--engine", "nope", says="Unknown engine 'nope'")


def test_d_puts_an_approved_entry_back_to_draft_and_records_it(project, po):
    approve_first_two(po)
    child = spawn(project, "--all")
    at(child, "1/4")
    child.send("d")
    child.expect("Why \\(Enter: no reason\\)> ")
    child.send("the county renamed the office\r")
    child.expect("0.1 is a draft again; recorded in its comment.")
    shown = at(child, "1/4")
    assert "· draft ·" in shown and "returned-to-draft: Jing" in shown
    child.send("s")
    at(child, "2/4")
    child.send("s")
    at(child, "3/4")
    child.send("d")  # a draft has no approval to take back
    child.expect("1.2 is draft, not approved; d puts an approved segment back to draft.")
    at(child, "3/4")
    quit_cleanly(child)
    entry = read_catalog(po).find("0.1")
    assert entry.state == DRAFT and approvers(entry) == []
    lines = entry.comment.splitlines()
    assert lines[0] == "previously-approved-by: Wei 2026-12-01"
    assert lines[1].startswith("returned-to-draft: Jing ") and lines[1].endswith(" — the county renamed the office")
    assert read_catalog(po).find("1.1").state == APPROVED


def test_a_digit_edits_from_that_memory_match(project, po):
    child = spawn(project, "--ctx", "1.2")
    shown = at(child, "3/4")
    assert "1 会议听取了‸报告。 → The meeting heard the report." in shown
    child.send("2")
    child.expect_exact("No memory match 2: this segment has 1 (listed under Memory).")
    at(child, "3/4")
    child.send("1")
    child.expect("English> ")
    child.expect_exact("The meeting heard the report.")  # prefilled with the match's English
    child.send("\x15The meeting heard the work report of the memory.\r")
    child.expect("Saved 1.2.")
    at(child, "4/4")
    quit_cleanly(child)
    entry = read_catalog(po).find("1.2")
    assert (entry.translation, entry.state) == ("The meeting heard the work report of the memory.", APPROVED)


POLICIES = [("乡村振兴", "rural revitalization"), ("共同富裕", "common prosperity"), ("高质量发展", "high-quality development"),
            ("营商环境", "business environment"), ("河长制", "river chief system"), ("一带一路", "Belt and Road"),
            ("双循环", "dual circulation"), ("新发展理念", "new development philosophy"), ("放管服", "delegate, regulate and serve"),
            ("碳达峰", "carbon peak")]
LONG_SOURCE = "会议强调，要推进乡村振兴、共同富裕、高质量发展，优化营商环境，落实河长制，参与一带一路，构建双循环，贯彻新发展理念，深化放管服，实现碳达峰。"
LONG_DRAFT = ("The meeting stressed the need to advance rural revitalization, common prosperity and high-quality development, improve the "
              "business environment, implement the river chief system, take part in the Belt and Road, build dual circulation, apply the "
              "new development philosophy, deepen delegate, regulate and serve, and reach the peak of emissions.")


def write_long_sample(config) -> None:
    rows = "".join(f"p{i},{zh},\"{en}\",term,approved,,,,,Jing,Jing,2026-11-01\n" for i, (zh, en) in enumerate(POLICIES))
    (config.root / "glossary" / "terms.csv").write_text(GLOSSARY.splitlines()[0] + "\n" + rows, encoding="utf-8")
    write_catalog(Catalog(SLUG, base_header(SLUG, language="en"), [
        Entry("1.1", LONG_SOURCE, LONG_DRAFT, True, notes=[
            "confidence: 0.42", "attempts: 3", "repair: replaced carbon summit with the peak of emissions",
            "tm-example: 81% 会议强调，要推进乡村振兴、共同富裕。 → The meeting stressed advancing rural revitalization and common prosperity.",
            "tm-example: 64% 会议强调，要优化营商环境。 → The meeting stressed improving the business environment.",
            "tm-example: 52% 要实现碳中和。 → We must reach carbon neutrality."]),
    ]), config.catalog_path(SLUG))


def screen_lines(screen: str) -> list[str]:
    """The segment as the terminal shows it: from its rule to the prompt."""
    lines = SGR.sub("", screen).replace("\r\n", "\n").split("\n")
    first = next(i for i, line in enumerate(lines) if " · 1.1 · " in line)
    return lines[first:]


def test_at_80x24_a_long_entry_keeps_the_chinese_and_the_draft_on_screen(project, config):
    write_long_sample(config)
    screen = render(project, 24, 80, color=False)
    assert_fits(screen, 80)
    lines = screen_lines(screen)
    assert len(lines) <= 24, "\n".join(lines)  # the rule, the Chinese, the draft and the prompt on one screen
    text = "\n".join(lines)
    assert lines[1].startswith("Chinese ") and "会议强调" in lines[1]
    assert any(line.startswith("Draft ") for line in lines)
    assert "! 碳达峰 → carbon peak (term) MISSING" in text  # only the missing requirement listed
    assert "9 ok" in text and "rural revitalization (term) ok" not in text  # the others counted
    assert "«中和»" in text and "‸" in text  # the memory's differences from this source marked
    wide = "\n".join(screen_lines(render(project, 40, 120, color=False)))
    assert "rural revitalization (term) ok" in wide and "9 ok" not in wide  # room for the whole list
