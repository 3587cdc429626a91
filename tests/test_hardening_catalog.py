"""Issue 41, catalog items: catalogs, review, check, status, init and draft hardened.

One test (or table) per item of the issue, each written in the bad-input shape of
``support.assert_refused`` where the input is bad: 2 (line separators in a msgstr),
4 (GitHub's legacy ``##[…]`` commands in output), 6 (controls in approved text),
8 (a name holding a newline), 9 (a changed sentence's old English and sign-off),
11 (a charset other than UTF-8; a msgctxt that is not <paragraph>.<sentence>),
14 (an unknown model with nothing to draft), 17 (an absolute glossary glob),
19 (one broken catalog in ``status``; ``init``'s .gitignore; ``q`` at review's QA question).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest

from l10n.catalog import APPROVED, DRAFT, Catalog, Entry, base_header, merge_template, read_catalog, write_catalog
from l10n.config import load_config
from l10n.engines.base import Hypothesis, Request
from l10n.review import ReviewSession, approved_despite, approvers, load_checker
from support import assert_refused, run_cli, snapshot, write_template

SLUG = "loufan"
ROWS = [
    ("0.1", "县政府召开会议", "County Government Holds Meeting"),
    ("1.1", "会议在县城召开。", "The meeting was held in the county seat."),
    ("1.2", "会议强调要加强团结。", "The meeting stressed unity."),
    ("2.1", "与会人员进行了讨论。", "Participants held discussions."),
]
HAVE_MSGFMT = shutil.which("msgfmt") is not None


def approved_catalog(rows: Sequence[tuple[str, str, str]] = ROWS, slug: str = SLUG) -> Catalog:
    """A bulletin's catalog, every entry approved by Jing."""
    header = {**base_header(slug, language="en"), "X-Bulletin-Date": "2023-12-09", "Last-Translator": "Jing"}
    return Catalog(slug, header, [Entry(c, zh, en, comment="approved-by: Jing 2026-12-01") for c, zh, en in rows])


def put(project: Path, catalog: Catalog) -> Path:
    """*catalog* and its template written into *project*; the catalog's path."""
    config = load_config(project / "l10n.toml")
    path = config.catalog_path(catalog.slug)
    write_catalog(catalog, path)
    write_template(project, catalog)
    return path


class Engine:
    """A scripted engine: the reply to each request is ``reply(source)``."""

    name = "scripted"
    model_id = "scripted-1"
    model_sha256 = "f" * 64

    def __init__(self, reply):
        self.reply = reply

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        return [[Hypothesis(self.reply(r.source), score=-0.1, tokens=5)] for r in requests]


# --- 2. a msgstr holding a line separator: saved, read back, accepted by msgfmt ----------------

SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("char", SEPARATORS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_msgstr_with_a_line_separator_round_trips_and_msgfmt_takes_it(runner, project, char):
    rows = [(c, zh, en) for c, zh, en in ROWS]
    rows[1] = ("1.1", ROWS[1][1], f"The meeting{char}was held.")
    rows[2] = ("1.2", ROWS[2][1], f"{char}Unity{char}{char}")
    catalog = approved_catalog(rows)
    path = put(project, catalog)
    again = read_catalog(path)
    assert again.entries == catalog.entries and again.header == catalog.header
    result = run_cli(runner, "status", "--json")  # every command reads it
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["approved"] == len(ROWS)
    if HAVE_MSGFMT:
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_a_draft_holding_a_line_separator_is_stored_without_it(project):
    from l10n.draft import draft_catalog

    write_template(project, Catalog(SLUG, base_header(SLUG), [Entry(c, zh) for c, zh, _ in ROWS]))
    english = {zh: en for _, zh, en in ROWS}
    engine = Engine(lambda source: english[source].replace(" ", "\u2028", 1) + "\u202e")
    config = load_config()
    draft_catalog(config, SLUG, engine_factory=lambda: engine)
    catalog = read_catalog(config.catalog_path(SLUG))  # readable: before, every command refused it
    assert [e.translation for e in catalog.entries] == [en for _, _, en in ROWS]
    assert all(e.state == DRAFT for e in catalog.entries)


# --- 4. GitHub's legacy commands (##[add-mask]…) never reach a CI log ------------------------

LEGACY = ["##[add-mask]x", "\n::error::x"]
ANNOTATION = re.compile(r"^::(error|warning) file=[^:]*?(,line=\d+)?,title=l10n [a-z-]+::[^\n]*$")


def assert_no_command(text: str, where: str) -> None:
    for line in text.split("\n"):
        if ANNOTATION.match(line):
            line = line.split("::", 2)[2]  # the message may not hold one either
        assert "##[" not in line, f"{where}: {line!r}"
        assert not line.lstrip().startswith("::"), f"{where}: {line!r}"


@pytest.mark.parametrize("value", LEGACY, ids=["legacy", "newline"])
@pytest.mark.parametrize("field", ["msgctxt", "msgstr"])
def test_no_output_line_runs_a_workflow_command(runner, project, monkeypatch, tmp_path, field, value):
    rows = [list(r) for r in ROWS]
    if field == "msgctxt":
        rows[1][0] = value
    rows[1][2] = f"The meeting (translation note: {value}) was held."  # a commentary finding quotes it
    catalog = approved_catalog([tuple(r) for r in rows])
    for entry in catalog.entries:
        entry.notes = ["confidence: 0.50"]
    catalog.entries[1].notes += [f"qa: commentary: {value}", f"tm-example: 90% 会议 → {value}"]  # what review --findings shows
    path = put(project, catalog)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    junit, markdown = tmp_path / "junit.xml", tmp_path / "summary.md"
    check = run_cli(runner, "check", "--junit", str(junit), "--markdown", str(markdown))
    assert check.exit_code == 1, check.output
    assert [line for line in check.stdout.splitlines() if ANNOTATION.match(line)], "the findings are annotated"
    ET.fromstring(junit.read_bytes())  # well-formed
    summary = markdown.read_text(encoding="utf-8")
    assert all(not line or line[0] in "#|-T" for line in summary.split("\n")), summary  # no line broken by the data
    outputs = {"check": check.stdout + check.stderr, "junit": junit.read_text(encoding="utf-8"), "markdown": summary}
    for args in (("status",), ("status", "--json"), ("review", SLUG, "--list"), ("review", SLUG, "--list", "--json"),
                 ("score", str(path), "--qe"), ("score", str(path), "--qe", "--json")):
        result = run_cli(runner, *args)
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args)] = result.stdout + result.stderr
    result = run_cli(runner, "review", SLUG, "--findings", "--all", input="q\n")
    assert result.exit_code == 0, result.output
    outputs["review --findings"] = result.stdout + result.stderr
    for where, text in outputs.items():
        assert_no_command(text, where)


# --- 6. controls in approved text are a QA error ----------------------------------------------


@pytest.mark.parametrize("char", ["\x1b[2J", "\u202e", "\x07", "\u2028", "\x00", "\u200b"], ids=repr)
def test_check_fails_approved_text_holding_a_control_or_direction_mark(runner, project, char):
    rows = [list(r) for r in ROWS]
    rows[2][2] = f"The meeting {char}stressed unity."
    put(project, approved_catalog([tuple(r) for r in rows]))
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)["bulletins"][0]
    assert [(f["context"], f["check"]) for f in report["findings"] if f["severity"] == "error"] == [("1.2", "control-character")]
    assert list(report["failures"]) == ["control-character"]


def test_the_clean_catalog_passes(runner, project):
    put(project, approved_catalog())
    result = run_cli(runner, "check")
    assert result.exit_code == 0, result.output


# --- 8. a name holding a newline injects nothing -----------------------------------------------

NAMES = ["Jing\nX-Bulletin-Date: 2020-01-01", "Jing\r\nContent-Type: text/plain; charset=GB2312", "Jing\u2028Wei", "\u202egniJ", "Jing\x1b[2J"]


@pytest.mark.parametrize("name", NAMES, ids=repr)
@pytest.mark.parametrize("where", ["l10n.toml", "--translator"])
def test_a_name_with_a_control_character_is_refused(runner, project, name, where):
    catalog = approved_catalog()
    for entry in catalog.entries:
        entry.fuzzy = True
    put(project, catalog)
    if where == "l10n.toml":
        config = project / "l10n.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace('translator = "Jing"', f"translator = {json.dumps(name)}", 1), encoding="utf-8")
        for args in (("review", SLUG, "--accept-clean"), ("status",), ("check",)):
            assert_refused(runner, project, *args, says="[project] translator holds")
    else:
        for args in (("review", SLUG, "--accept-clean", "--translator", name), ("review", SLUG, "--translator", name),
                     ("review", SLUG, "--list", "--translator", name)):
            assert_refused(runner, project, *args, says="--translator holds", input="a\nq\n")


def test_a_review_session_and_accept_clean_refuse_such_a_name(project):
    from l10n.errors import L10nError
    from l10n.review import accept_clean

    path = put(project, approved_catalog())
    with pytest.raises(L10nError, match="holds"):
        ReviewSession(read_catalog(path), path, "Jing\nX-Bulletin-Date: 2020")
    with pytest.raises(L10nError, match="holds"):
        accept_clean(read_catalog(path), "Jing\nX-Bulletin-Date: 2020")


# --- 9. a changed sentence: its old English is not clean, its sign-off is not an approval ------

CHANGED = "会议否认要加强团结。"  # 会议强调 → 会议否认: the sentence now says the opposite


def reingested(project: Path) -> Path:
    """The approved bulletin re-ingested with sentence 1.2 changed; the catalog's path."""
    path = put(project, approved_catalog())
    template = Catalog(SLUG, {"X-Bulletin-Date": "2023-12-09"},
                       [Entry(c, CHANGED if c == "1.2" else zh) for c, zh, _ in ROWS])
    merged, report = merge_template(template, read_catalog(path), language="en")
    assert report.changed == 1
    write_catalog(merged, path)
    write_template(project, template)
    return path


def test_accept_clean_holds_the_old_english_of_a_changed_sentence(runner, project):
    path = reingested(project)
    changed = read_catalog(path).find("1.2")
    assert (changed.translation, changed.state, changed.previous_source) == ("The meeting stressed unity.", DRAFT, ROWS[2][1])
    assert approvers(changed) == [], "Jing approved the old sentence, not this one"
    assert "# approved-by: Jing" not in path.read_text(encoding="utf-8").split('msgctxt "1.2"')[0].rsplit("\n\n", 1)[-1]
    result = run_cli(runner, "review", SLUG, "--accept-clean", "--translator", "Wei")
    assert result.exit_code == 0, result.output
    assert "Accepted 0 clean draft(s)" in result.stdout and "held back 1 for review: 1 whose Chinese changed" in result.stdout
    after = read_catalog(path).find("1.2")
    assert (after.state, approvers(after)) == (DRAFT, [])
    listed = json.loads(run_cli(runner, "review", SLUG, "--list", "--json").stdout)["entries"][2]
    assert (listed["state"], listed["approved_by"]) == ("draft", [])
    assert json.loads(run_cli(runner, "status", "--json").stdout)[0]["approved"] == len(ROWS) - 1


def test_a_carried_sign_off_is_no_approval_even_as_msgmerge_writes_it(project):
    """msgmerge keeps the translator comment as it was: ``approved-by: Jing`` on the changed entry."""
    path = reingested(project)
    catalog = read_catalog(path)
    entry = catalog.find("1.2")
    entry.comment = "approved-by: Jing 2026-12-01\napproved-despite: length-ratio — short"
    write_catalog(catalog, path)
    entry = read_catalog(path).find("1.2")
    assert approvers(entry) == [] and entry.approvals == []
    session = ReviewSession(read_catalog(path), path, "Wei", check=load_checker())
    assert session.current.context == "1.2"
    session.edit("The meeting denied the need to strengthen unity.")
    entry = read_catalog(path).find("1.2")
    assert (entry.state, approvers(entry)) == (APPROVED, ["Wei"]), "the new text is Wei's approval alone"
    assert entry.comment.split("\n")[:2] == ["previously-approved-by: Jing 2026-12-01", "previously-approved-despite: length-ratio — short"]


def test_approving_a_changed_sentence_anyway_keeps_the_new_reason_live(project):
    path = reingested(project)
    session = ReviewSession(read_catalog(path), path, "Wei", check=load_checker())
    session.edit("会议 denied it.")  # Chinese left: a QA error
    assert session.approve_anyway("as the office wrote it") == ["chinese-left"]
    entry = read_catalog(path).find("1.2")
    assert approvers(entry) == ["Wei"] and approved_despite(entry) == ["chinese-left"]
    assert entry.comment.split("\n")[:2] == ["previously-approved-by: Jing 2026-12-01", "approved-despite: chinese-left — as the office wrote it"]


# --- 11. a charset other than UTF-8, a msgctxt that is not <paragraph>.<sentence> --------------


@pytest.mark.parametrize("args", [("check",), ("status",), ("export", SLUG), ("review", SLUG, "--list")])
def test_a_catalog_declaring_another_charset_is_refused_with_its_file_and_line(runner, project, args):
    path = put(project, approved_catalog())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("charset=UTF-8", "charset=GB2312"), encoding="utf-8")
    line = text[: text.index("Content-Type:")].count("\n") + 1
    result = assert_refused(runner, project, *args, says=f"{path.relative_to(project)}: the Content-Type header at line {line} says charset=GB2312")
    assert "UTF-8" in result.stderr


@pytest.mark.parametrize("context", ["intro", "1", "1.2.3", "a.1", "##[add-mask]x"])
def test_check_fails_a_msgctxt_that_is_not_paragraph_dot_sentence(runner, project, context):
    rows = [list(r) for r in ROWS]
    rows[3][0] = context
    path = put(project, approved_catalog([tuple(r) for r in rows]))
    line = path.read_text(encoding="utf-8").split("\n").index(f'msgctxt "{context}"') + 1
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)["bulletins"][0]
    assert [(f["check"], f["line"]) for f in report["findings"]] == [("msgctxt", line)]
    message = report["findings"][0]["message"]
    assert f"line {line} of locales/en/LC_MESSAGES/{SLUG}.po" in message and "<paragraph>.<sentence>" in message
    plain = run_cli(runner, "check")
    assert plain.exit_code == 1 and f"line {line} of locales/en/LC_MESSAGES/{SLUG}.po" in plain.stdout


# --- 14. an unknown model is refused whether or not there is work -------------------------------


@pytest.mark.parametrize("work", [False, True], ids=["nothing-to-draft", "work-left"])
@pytest.mark.parametrize(("option", "says"), [("--model", "Unknown model 'bogus'"), ("--engine", "Unknown engine 'bogus'")])
def test_draft_with_an_unknown_model_or_engine_is_refused(runner, project, work, option, says):
    catalog = approved_catalog()
    if work:
        catalog.entries[1].translation = ""
    put(project, catalog)
    assert_refused(runner, project, "draft", SLUG, option, "bogus", says=says)


# --- 17. an absolute glob in [paths] glossary -----------------------------------------------------


def test_an_absolute_glossary_glob_is_read(runner, project, tmp_path_factory):
    shared = tmp_path_factory.mktemp("shared-glossary")
    (shared / "titles.csv").write_text(
        "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
        "org-cppcc,政协,CPPCC,organ,approved,,,,shared,ed,ed,2024-01-01\n", encoding="utf-8")
    config = project / "l10n.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('glossary = ["glossary/*.csv"]', f"glossary = [{json.dumps(str(shared / '*.csv'))}]", 1), encoding="utf-8")
    result = run_cli(runner, "glossary", "list")
    assert result.exit_code == 0, result.output
    assert "org-cppcc" in result.stdout and "CPPCC" in result.stdout
    assert load_config(config).glossary_files() == [shared / "titles.csv"]


# --- 19. status lists the readable catalogs; init's .gitignore; q at review's QA question --------


def test_status_lists_every_readable_bulletin_and_names_the_broken_one(runner, project):
    put(project, approved_catalog(slug="alpha"))
    broken = put(project, approved_catalog(slug="beta"))
    put(project, approved_catalog(slug="gamma"))
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgctxt "3.1"\nmsgid "丙"\nnonsense\n', encoding="utf-8")
    line = broken.read_text(encoding="utf-8").split("\n").index('msgid "丙"') + 1
    before = snapshot(project)
    for args in (("status",), ("status", "--json")):
        result = run_cli(runner, *args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        errors = [line for line in result.stderr.splitlines() if line]
        assert len(errors) == 1 and errors[0].startswith(f"Error: {broken} is not a valid PO file at line {line} "), errors
        shown = result.stdout
        assert "alpha" in shown and "gamma" in shown and "beta" not in shown
    assert [row["slug"] for row in json.loads(result.stdout)] == ["alpha", "gamma"]
    assert snapshot(project) == before


@pytest.mark.parametrize("existing", [None, b"node_modules/\n*.po.lock", b"*.po.lock\n.glossary.lock\n.*.tmp\n"],
                         ids=["none", "some-lines", "all-lines"])
def test_init_writes_a_gitignore_for_lock_and_temp_files_keeping_what_is_there(runner, tmp_path, existing):
    target = tmp_path / "news"
    if existing is not None:
        target.mkdir()
        (target / ".gitignore").write_bytes(existing)
    result = run_cli(runner, "init", str(target))
    assert result.exit_code == 0, result.output
    written = (target / ".gitignore").read_bytes()
    if existing is not None:
        assert written.startswith(existing), "every byte that was there stays"
    lines = written.decode("utf-8").splitlines()
    assert {"*.po.lock", ".glossary.lock", ".*.tmp"} <= set(lines)
    assert len(lines) == len(set(lines)), "no line twice"
    if existing == b"*.po.lock\n.glossary.lock\n.*.tmp\n":
        assert written == existing
    assert run_cli(runner, "init", str(target), "--force").exit_code == 0
    assert (target / ".gitignore").read_bytes() == written, "a second init adds nothing"


def test_init_gitignore_covers_what_l10n_leaves_beside_its_files(runner, tmp_path):
    import fnmatch

    target = tmp_path / "news"
    assert run_cli(runner, "init", str(target)).exit_code == 0
    patterns = [p for p in (target / ".gitignore").read_text(encoding="utf-8").splitlines() if p and not p.startswith("#")]
    for name in ("loufan.po.lock", ".glossary.lock", ".loufan.po.1234-abcd.tmp", ".titles.csv.99-x.tmp"):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
    for name in ("loufan.po", "titles.csv", "poetry.lock", "l10n.toml"):
        assert not any(fnmatch.fnmatch(name, p) for p in patterns), name


BROKEN = "县政府 held a meeting."  # Chinese left: a QA error


@pytest.mark.parametrize("state", [APPROVED, DRAFT])
def test_quitting_at_the_qa_question_leaves_the_entry_as_it_was(project, state):
    from rich.console import Console

    from l10n.cli.review import interactive_review

    catalog = approved_catalog()
    catalog.entries[0].fuzzy = state == DRAFT
    path = put(project, catalog)
    before = path.read_bytes()
    session = ReviewSession(read_catalog(path), path, "Wei", check=load_checker(), every=True)
    answers = iter(["e", "e", "q"])  # edit, edit again (still failing), then quit at the question
    out = Console(file=io.StringIO(), width=120, color_system=None)
    interactive_review(session, out, slug=SLUG, key=lambda prompt: next(answers), edit=lambda text: BROKEN,
                       ask=lambda prompt: None)
    entry = read_catalog(path).find("0.1")
    assert (entry.translation, entry.state) == (ROWS[0][2], state)
    assert path.read_bytes() == before, "the English stays as it was, and nothing else changed"
    shown = out.file.getvalue()
    assert "0.1 has QA errors (chinese-left" in shown and "0.1 is as it was before the edit" in shown


def test_an_edit_with_qa_errors_is_saved_as_a_draft_until_the_reviewer_decides(project):
    path = put(project, approved_catalog())
    session = ReviewSession(read_catalog(path), path, "Wei", check=load_checker(), every=True)
    session.edit(BROKEN)
    assert read_catalog(path).find("0.1").translation == BROKEN  # kept, should the terminal close
    assert session.undo_edit() and read_catalog(path).find("0.1").translation == ROWS[0][2]
    assert not session.undo_edit(), "nothing left to undo"
    session.edit(BROKEN)
    session.keep_draft()  # a decision: the draft stays, there is nothing to undo
    assert not session.undo_edit() and read_catalog(path).find("0.1").translation == BROKEN
