"""Review decisions: the session logic, the bulk helpers and the command's non-interactive paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import disable_checks, run_cli
from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.config import load_config
from l10n.errors import CatalogError, ConfigError, UnknownSlugError
from l10n.review import (
    ReviewError,
    ReviewSession,
    accept_clean,
    approved_despite,
    approvers,
    findings,
    load_checker,
    required_renderings,
    resolve_translator,
)
from l10n.terms import Rendering

SLUG = "loufan"


def sample_catalog() -> Catalog:
    header = base_header(SLUG, language="en")
    header.update({"X-Bulletin-Title": "娄烦县政协召开常委会议", "X-Bulletin-Date": "2023-12-09",
                   "X-Bulletin-Source": "娄烦县人民政府", "X-Engine": "llama", "X-Model": "qwen"})
    return Catalog(SLUG, header, [
        Entry("0.1", "娄烦县政协召开常委会议", "Loufan County CPPCC Holds Standing Committee Meeting", True,
              notes=["term: 政协 → CPPCC", "place: 娄烦县 → Loufan County", "confidence: 0.82"]),
        Entry("1.1", "12月9日，县政协主席李成明主持会议。",
              "On December 9, Li Chengming, chairman of the county CPPCC, presided over the meeting.", True,
              notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming"]),
        Entry("1.2", "会议听取了工作报告。", "The meeting heard the work report.", True,
              notes=["tm-example: 会议听取了报告。 → The meeting heard the report."]),
        Entry("2.1", "与会人员进行了讨论。", "They talked.", True,
              notes=["qa: length-ratio: the translation is much shorter than the source"]),
        Entry("2.2", "会议强调要加强团结。", ""),
    ])


@pytest.fixture
def po(config) -> Path:
    path = config.catalog_path(SLUG)
    write_catalog(sample_catalog(), path)
    return path


def session_for(path: Path, config, **kw) -> ReviewSession:
    return ReviewSession(read_catalog(path), path, "Jing", config=config, check=load_checker(), **kw)


def on_disk(path: Path, ctx: str) -> Entry:
    return read_catalog(path).find(ctx)


def test_required_renderings_come_from_term_name_and_place_notes():
    entry = sample_catalog().entries[1]
    assert [(r.source, r.target, r.kind) for r in required_renderings(entry)] == [
        ("政协", "CPPCC", "term"), ("李成明", "Li Chengming", "name")]
    assert required_renderings(entry)[0].start == entry.source.index("政协")


def test_session_starts_at_first_unreviewed_entry(po, config):
    catalog = read_catalog(po)
    catalog.entries[0].fuzzy = False
    write_catalog(catalog, po)
    assert session_for(po, config).current.context == "1.1"


def test_accept_clears_fuzzy_signs_and_saves_at_once(po, config):
    session = session_for(po, config)
    session.accept()
    saved = read_catalog(po)
    entry = saved.find("0.1")
    assert entry.state == APPROVED
    assert approvers(entry) == ["Jing"]
    assert saved.header["Last-Translator"] == "Jing"
    assert saved.header["PO-Revision-Date"][:4].isdigit()
    assert session.current.context == "1.1"


def test_second_translator_is_added_not_replacing_the_first(po, config):
    session_for(po, config).accept()
    wei = ReviewSession(read_catalog(po), po, "Wei", config=config)
    wei.back()
    assert wei.current.context == "0.1"
    wei.accept()
    saved = read_catalog(po)
    assert approvers(saved.find("0.1")) == ["Jing", "Wei"]
    assert saved.header["Last-Translator"] == "Wei"


def test_edit_breaking_a_glossary_rule_stays_a_draft_with_the_finding(po, config):
    session = session_for(po, config)
    session.skip()
    problems = session.edit("On December 9, Li Chengming chaired the meeting.")
    assert [p.split(":")[0] for p in problems] == ["missing-term"]
    assert "CPPCC" in problems[0]
    entry = on_disk(po, "1.1")
    assert entry.state == DRAFT, "an edit with a QA error is not approved"
    assert entry.translation == "On December 9, Li Chengming chaired the meeting."
    assert findings(entry) == problems
    assert session.current.context == "1.1", "the reviewer decides next: fix it, keep the draft or approve it anyway"


BROKEN = "县政协 chairman presided over the meeting on December 9."  # Chinese kept, CPPCC and Li Chengming dropped


def test_approving_an_edit_anyway_records_the_checks_and_the_reason(po, config):
    catalog = read_catalog(po)
    catalog.find("1.1").comment = "checked with the county office"
    write_catalog(catalog, po)
    session = session_for(po, config)
    session.skip()
    session.edit(BROKEN)
    with pytest.raises(ReviewError, match="reason"):
        session.approve_anyway("  ")
    assert on_disk(po, "1.1").state == DRAFT
    assert session.approve_anyway("the county office\nwants the Chinese name kept") == ["chinese-left", "missing-term"]
    entry = on_disk(po, "1.1")
    assert entry.state == APPROVED
    assert approvers(entry) == ["Jing"]
    assert entry.comment.split("\n")[:2] == [
        "checked with the county office",
        "approved-despite: chinese-left, missing-term — the county office wants the Chinese name kept"]
    assert entry.comment.split("\n")[2].startswith("approved-by: Jing ")
    assert approved_despite(entry) == ["chinese-left", "missing-term"]
    assert session.current.context == "1.2"


def test_keeping_an_edit_as_a_draft_moves_on_and_keeps_the_findings(po, config):
    session = session_for(po, config)
    session.skip()
    problems = session.edit(BROKEN)
    session.keep_draft()
    assert session.current.context == "1.2"
    entry = on_disk(po, "1.1")
    assert (entry.translation, entry.state, findings(entry)) == (BROKEN, DRAFT, problems)


def test_accepting_a_draft_with_qa_errors_is_refused(po, config):
    catalog = read_catalog(po)
    catalog.find("0.1").translation = "Loufan County 政协 Holds Standing Committee Meeting"
    write_catalog(catalog, po)
    before = po.read_bytes()
    session = session_for(po, config)
    assert session.blocking() == ["chinese-left", "missing-term"]
    with pytest.raises(ReviewError, match="has QA errors"):
        session.accept()
    assert po.read_bytes() == before
    assert session.current.context == "0.1"


def test_clean_edit_replaces_old_findings(po, config):
    session = session_for(po, config)
    for _ in range(3):
        session.skip()
    assert session.current.context == "2.1"
    assert session.edit("The participants held discussions.") == []
    assert findings(on_disk(po, "2.1")) == []


def test_empty_edit_and_accepting_nothing_are_refused(po, config):
    session = session_for(po, config)
    with pytest.raises(ReviewError):
        session.edit("   ")
    while session.current.context != "2.2":
        session.skip()
    with pytest.raises(ReviewError, match="no translation"):
        session.accept()


def test_skip_and_back_move_without_saving(po, config):
    before = po.read_bytes()
    session = session_for(po, config)
    session.skip()
    session.skip()
    assert session.current.context == "1.2"
    assert session.back() and session.current.context == "1.1"
    assert po.read_bytes() == before


def test_after_the_last_entry_review_wraps_to_skipped_ones_then_ends(po, config):
    session = session_for(po, config)
    session.skip()  # leave 0.1 for later
    for _ in range(3):
        session.accept() if session.current.translation else session.edit("Unity must be strengthened.")
    session.edit("The meeting stressed unity.")  # 2.2
    assert session.current.context == "0.1"
    session.accept()
    assert session.done
    assert read_catalog(po).counts() == {UNTRANSLATED: 0, DRAFT: 0, APPROVED: 5}


def test_retranslate_uses_the_injected_function_and_keeps_the_entry_unapproved(po, config):
    calls = []

    def scripted(cfg, catalog, entry):
        calls.append(entry.context)
        return Entry(entry.context, entry.source, "A fresh draft.", notes=["confidence: 0.9"])

    session = session_for(po, config, retranslate=scripted)
    new = session.redraft()
    assert calls == ["0.1"]
    assert new.state == DRAFT
    assert session.current.context == "0.1"
    assert on_disk(po, "0.1").translation == "A fresh draft."
    assert on_disk(po, "0.1").fuzzy


def test_retranslate_without_a_function_is_a_clear_error(po, config):
    with pytest.raises(ReviewError, match="not available"):
        session_for(po, config).redraft()


def test_accept_clean_approves_only_drafts_without_findings(po, config):
    catalog = read_catalog(po)
    result = accept_clean(catalog, "Jing", check=load_checker())
    assert (result.accepted, result.held) == (3, {"untranslated": 1, "QA findings": 1})
    assert [e.state for e in catalog.entries] == [APPROVED, APPROVED, APPROVED, DRAFT, UNTRANSLATED]


def test_accept_clean_records_fresh_findings_and_holds_the_entry():
    catalog = Catalog("x", {}, [Entry("1.1", "市政协", "The committee", True, notes=["term: 政协 → CPPCC"])])
    result = accept_clean(catalog, "Jing", check=load_checker())
    assert (result.accepted, result.held) == (0, {"QA findings": 1})
    assert [f.split(":")[0] for f in findings(catalog.entries[0])] == ["missing-term"]


def test_accept_clean_holds_drafts_the_machine_post_edited():
    catalog = Catalog("x", {}, [
        Entry("1.1", "会议召开。", "The meeting was held.", True, notes=["repair: replaced 召开 → held"]),
        Entry("1.2", "会议结束。", "The meeting ended.", True),
    ])
    result = accept_clean(catalog, "Jing", check=load_checker())
    assert (result.accepted, result.held) == (1, {"automatic repairs": 1})
    assert [e.state for e in catalog.entries] == [DRAFT, APPROVED]


@pytest.mark.parametrize("confidence, threshold, state", [
    ("0.03", 0.05, DRAFT),      # below the project's threshold: a person looks at it
    ("0.05", 0.05, APPROVED),   # at it: clean
    ("0.62", 0.05, APPROVED),
    (None, 0.05, APPROVED),     # no confidence recorded (a memory match, a person's text): no threshold holds it
    ("0.03", 0.0, APPROVED),    # no threshold
    ("nan", 0.05, DRAFT),       # a note that is no number is no evidence of confidence
])
def test_accept_clean_holds_drafts_below_the_confidence_threshold(confidence, threshold, state):
    notes = [f"confidence: {confidence}"] if confidence is not None else []
    catalog = Catalog("x", {}, [Entry("1.1", "会议结束。", "The meeting ended.", True, notes=notes)])
    result = accept_clean(catalog, "Jing", check=load_checker(), min_confidence=threshold)
    assert catalog.entries[0].state == state
    assert result.held == ({} if state == APPROVED else {"low confidence": 1})


def test_accept_clean_from_the_command_line_uses_the_projects_threshold(po, config, runner):
    catalog = read_catalog(po)
    for entry in catalog.entries:
        entry.notes = [n for n in entry.notes if not n.startswith("confidence:")] + ["confidence: 0.01"]
    write_catalog(catalog, po)
    result = run_cli(runner, "review", SLUG, "--accept-clean", "--translator", "Jing")
    assert result.exit_code == 0, result.output
    assert "drafted with confidence below 0.05 ([check] accept_min_confidence)" in result.stdout
    assert read_catalog(po).counts()[APPROVED] == 0  # each clean draft held back for its low confidence


def test_edit_with_a_forbidden_rendering_is_flagged(po, config):
    def check(source, translation, required):
        forbidden = [Rendering(r.source, r.target, r.kind, forbidden=("Political Consultative Committee",)) for r in required]
        return load_checker()(source, translation, forbidden)

    session = session_for(po, config)
    session.check = check
    session.skip()
    problems = session.edit("Li Chengming, chairman of the county Political Consultative Committee, presided over the meeting.")
    assert "forbidden-term" in [p.split(":")[0].split(" ")[0] for p in problems]
    assert any(f.startswith("forbidden-term") for f in findings(on_disk(po, "1.1")))


def test_long_findings_survive_the_round_trip_through_the_catalog(po, config):
    session = session_for(po, config)
    long = ["style: " + "a finding long enough to pass the seventy-eight column wrap width of polib comments"]
    session.check = lambda source, translation, required: long
    session.skip()
    session.edit("Li Chengming, chairman of the county CPPCC, presided over the meeting.")
    assert findings(on_disk(po, "1.1")) == long


def test_translator_comes_from_option_then_config(config, project):
    assert resolve_translator("Wei", config) == "Wei"
    assert resolve_translator(None, config) == "Jing"
    text = (project / "l10n.toml").read_text().replace('translator = "Jing"', 'translator = ""')
    (project / "l10n.toml").write_text(text)
    with pytest.raises(ConfigError, match="--translator"):
        resolve_translator(None, load_config(project / "l10n.toml"))


# --- the command, without a terminal ---------------------------------------------------


def test_review_list_prints_every_entry(runner, po):
    result = run_cli(runner, "review", SLUG, "--list")
    assert result.exit_code == 0, result.output
    for ctx in ("0.1", "1.1", "1.2", "2.1", "2.2"):
        assert ctx in result.stdout
    assert "untranslated" in result.stdout
    assert "They talked." in result.stdout


def test_review_accept_clean_reports_the_count(runner, po):
    result = run_cli(runner, "review", SLUG, "--accept-clean", "--translator", "Wei")
    assert result.exit_code == 0, result.output
    assert ("Accepted 3 clean draft(s) of loufan as Wei; held back 2 for review: 1 with QA findings, 1 untranslated."
            in result.stdout)
    assert read_catalog(po).header["Last-Translator"] == "Wei"


def test_review_reads_keys_from_a_pipe(runner, po):
    result = run_cli(runner, "review", SLUG, "--translator", "Jing", input="a\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert "1/5" in result.stdout and "Accepted 0.1." in result.stdout
    assert "4 of 5 entries left to review" in result.stdout
    assert read_catalog(po).find("0.1").state == APPROVED
    assert read_catalog(po).find("1.1").state == DRAFT


def test_a_second_review_or_draft_of_a_catalog_in_review_stops_with_one_sentence(runner, po):
    from l10n.catalog import catalog_lock

    before = po.read_bytes()
    with catalog_lock(po):  # the first reviewer
        result = run_cli(runner, "review", SLUG, "--translator", "Jing", input="a\nq\n")
        assert result.exit_code == 2
        assert result.stderr.strip() == f"Error: {po} is open in another `l10n review` or `l10n draft`; try again when it has finished."
        assert run_cli(runner, "review", SLUG, "--accept-clean", "--translator", "Jing").exit_code == 2
        assert run_cli(runner, "draft", SLUG).exit_code == 2
        assert po.read_bytes() == before
        listing = run_cli(runner, "review", SLUG, "--list")  # reading is always allowed
        assert listing.exit_code == 0 and "They talked." in listing.stdout
    result = run_cli(runner, "review", SLUG, "--translator", "Jing", input="a\nq\n")  # released: works again
    assert result.exit_code == 0 and read_catalog(po).find("0.1").state == APPROVED


def test_review_of_a_finished_catalog_says_so(runner, po):
    catalog = read_catalog(po)
    for e in catalog.entries:
        e.translation = e.translation or "Unity."
        e.fuzzy = False
    write_catalog(catalog, po)
    result = run_cli(runner, "review", SLUG)
    assert result.exit_code == 0
    assert "All 5 entries of loufan are approved; nothing to review." in result.stdout


def test_review_without_a_translator_asks_for_one(runner, project, po):
    text = (project / "l10n.toml").read_text().replace('translator = "Jing"', 'translator = ""')
    (project / "l10n.toml").write_text(text)
    result = run_cli(runner, "review", SLUG, input="q\n")
    assert result.exit_code == 2
    assert result.stderr == "Error: No translator name: pass --translator NAME or set translator in l10n.toml [project].\n"


def test_review_of_an_unknown_slug_names_the_fix(runner, project):
    result = run_cli(runner, "review", "nosuch", "--list")
    assert result.exit_code == 2
    where = project / "locales" / "en" / "LC_MESSAGES"
    assert result.stderr == f"Error: No catalog for slug nosuch in {where}; run `l10n draft nosuch` first.\n"


def test_review_of_a_hand_broken_catalog_names_the_line(runner, po):
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('msgstr "The meeting heard'))
    lines.insert(at + 1, "this line is not PO syntax")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(runner, "review", SLUG, "--list")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {po} is not a valid PO file at line {at + 2};")
    with pytest.raises(CatalogError):
        read_catalog(po)


def test_unknown_slug_error_is_a_catalog_error(config):
    from l10n.review import open_catalog

    with pytest.raises(UnknownSlugError):
        open_catalog(config, "nosuch")


def test_help_of_every_review_command_ends_with_an_example(runner):
    for command in ("review", "status", "export"):
        result = run_cli(runner, command, "--help")
        assert result.exit_code == 0
        assert "Example:\n    l10n " + command in result.stdout


def test_importing_the_cli_does_not_import_rich_or_readline():
    import subprocess
    import sys

    code = "import sys, l10n.cli; print(sorted(m for m in ('rich', 'readline', 'l10n.review', 'l10n.export') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_key_loop_retranslates_and_shows_engine_errors(po, config):
    import io

    from rich.console import Console

    from l10n.cli.review import interactive_review
    from l10n.errors import L10nError

    answers = iter(["r", "r", "r", "a", "q"])
    drafts = iter(["A fresh draft.", None, "crash"])

    def scripted(cfg, catalog, entry):
        text = next(drafts)
        if text is None:
            raise L10nError("Model weights are missing; run `l10n models pull`.")
        if text == "crash":
            raise RuntimeError("llama_decode returned -1")
        return Entry(entry.context, entry.source, text, True)

    out = Console(file=io.StringIO(), width=90, color_system=None)  # narrow: the draft under the Chinese
    session = session_for(po, config, retranslate=scripted)
    interactive_review(session, out, slug=SLUG, key=lambda prompt: next(answers))
    shown = out.file.getvalue()
    assert "New draft for 0.1." in shown
    after = shown[shown.index("New draft for 0.1."):]
    assert [line.split() for line in after.splitlines() if line.startswith("Draft ")][0] == ["Draft", "A", "fresh", "draft."]
    assert "Error: Model weights are missing; run `l10n models pull`." in shown
    assert "Retranslation failed (RuntimeError: llama_decode returned -1); the draft is unchanged." in shown
    assert "Accepted 0.1." in shown
    assert "4 of 5 entries left to review" in shown
    entry = on_disk(po, "0.1")
    assert (entry.translation, entry.state, approvers(entry)) == ("A fresh draft.", APPROVED, ["Jing"])


@pytest.mark.parametrize("hostile", ["\x1b]0;owned\x07", "\x1b[2J", "\u202eevil", "\x9b31m", "x\n::error::pwned", "[red]markup[/red]"])
def test_the_key_loop_and_the_list_show_catalog_text_escaped(po, config, runner, hostile):
    import io

    from rich.console import Console

    from l10n.cli.review import interactive_review

    catalog = read_catalog(po)
    entry = catalog.find("0.1")
    entry.translation += hostile
    entry.notes += [f"qa: commentary: {hostile}", f"tm-example: 甲 → {hostile}"]
    write_catalog(catalog, po)
    out = Console(file=io.StringIO(), width=200, color_system=None)
    answers = iter(["a", "q"])
    interactive_review(session_for(po, config), out, slug=SLUG, key=lambda prompt: next(answers), ask=lambda prompt: None)
    listing = run_cli(runner, "review", SLUG, "--list").stdout
    for shown in (out.file.getvalue(), listing):
        assert not any(c in shown for c in "\x1b\x07\u202e\x9b")
        assert not [line for line in shown.splitlines() if line.lstrip().startswith("::")]
    if "[red]" in hostile:
        assert "markup[/red]" in out.file.getvalue()  # shown as text, not obeyed


def _glossary(*terms):
    import datetime as dt

    from l10n.glossary import Glossary, Term

    rows = {
        "cppcc": Term("cppcc", "政协", "CPPCC", "organ", "approved"),
        "governor": Term("governor", "省长", "Governor", "title", "approved"),
        "culture": Term("culture", "文化部", "Ministry of Culture", "organ", "approved", valid_to=dt.date(2018, 3, 17)),
    }
    return Glossary([rows[t] for t in terms])


# What review requires of an entry: recomputed with the glossary on the bulletin's date, as
# drafting and `l10n check` do; read from the notes only without a glossary (issue 17).
REVIEW_REQUIREMENTS = [
    # glossary terms (None: no glossary), bulletin date, source, notes, required, hints
    (None, "2023-12-09", "十二届市政协李成明发言", ["term: 政协 → CPPCC", "name: 李成明 → Li Chengming", "ordinal: 十二届 → 12th"],
     [("term", "政协", "CPPCC"), ("name", "李成明", "Li Chengming"), ("ordinal", "十二届", "12th")], []),
    (None, "2023-12-09", "全县86万人受益", ["hint: 86万 → 860,000"], [], [("hint", "86万", "860,000")]),
    (("governor",), "2023-12-09", "我省长沙、株洲等地企业参展。", ["term: 省长 → Governor"], [], []),  # a stale note
    (("cppcc",), "2023-12-09", "市政协召开会议", [], [("term", "政协", "CPPCC")], []),  # approved after drafting
    (("culture",), "2017-06-01", "文化部召开会议", [], [("term", "文化部", "Ministry of Culture")], []),
    (("culture",), "2019-06-01", "文化部召开会议", ["term: 文化部 → Ministry of Culture"], [], []),  # no longer valid then
    ((), "2023-12-09", "十二届会议", [], [("ordinal", "十二届", "12th")], []),  # an empty glossary still recomputes
]


@pytest.mark.parametrize(("terms", "date", "source", "notes", "required", "shown"), REVIEW_REQUIREMENTS)
def test_what_review_requires(tmp_path, terms, date, source, notes, required, shown):
    catalog = Catalog(SLUG, {"X-Bulletin-Date": date}, [Entry("1.1", source, "Draft.", True, notes=notes)])
    session = ReviewSession(catalog, tmp_path / "x.po", "Jing", glossary=None if terms is None else _glossary(*terms))
    assert [(r.kind, r.source, r.target) for r in session.required_renderings()] == required
    assert [(r.kind, r.source, r.target) for r in session.hints()] == shown


@pytest.mark.parametrize(("terms", "translation", "held_on_the_note_alone"), [
    (("governor",), "Enterprises from Changsha, Zhuzhou and other places in the province took part.", {"QA findings": 1}),
    ((), "Enterprises from Changsha and Zhuzhou took part.", {"QA findings": 1}),
    (("governor",), "Governor Changsha and Zhuzhou took part.", {}),
])
def test_accept_and_accept_clean_follow_the_glossary_not_a_stale_note(tmp_path, terms, translation, held_on_the_note_alone):
    def catalog():
        return Catalog(SLUG, {"X-Bulletin-Date": "2023-12-09"},
                       [Entry("1.1", "我省长沙、株洲等地企业参展。", translation, True, notes=["term: 省长 → Governor"])])

    session = ReviewSession(catalog(), tmp_path / "x.po", "Jing", check=load_checker(), glossary=_glossary(*terms))
    session.accept()
    assert session.catalog.entries[0].state == APPROVED
    bulk = catalog()
    assert accept_clean(bulk, "Jing", check=load_checker(), glossary=_glossary(*terms)).accepted == 1
    without = catalog()  # no glossary: the note is all review has, and it is enforced
    result = accept_clean(without, "Jing", check=load_checker())
    assert result.held == held_on_the_note_alone


def test_an_edit_must_carry_a_term_approved_after_drafting(tmp_path):
    catalog = Catalog(SLUG, {"X-Bulletin-Date": "2023-12-09"}, [Entry("1.1", "市政协召开会议", "The committee met.", True)])
    session = ReviewSession(catalog, tmp_path / "x.po", "Jing", check=load_checker(), glossary=_glossary("cppcc"))
    problems = session.edit("The city committee held a meeting.")
    assert [p.split(":")[0] for p in problems] == ["missing-term"]
    assert session.catalog.entries[0].state == DRAFT


# --------------------------------------------------------------------------- [check] disable (issue 17)


def test_accept_clean_ignores_a_disabled_check_fresh_and_recorded(runner, project, po):
    disable_checks(project, "length-ratio")
    result = run_cli(runner, "review", SLUG, "--accept-clean", "--translator", "Wei")
    assert result.exit_code == 0, result.output
    assert "Accepted 4 clean draft(s) of loufan as Wei; held back 1 for review: 1 untranslated." in result.stdout
    talk = read_catalog(po).find("2.1")
    assert talk.state == APPROVED
    assert findings(talk) == ["length-ratio: the translation is much shorter than the source"], "drafting's record stays"


def test_a_disabled_check_does_not_stop_an_accept_or_show(po, config):
    session = session_for(po, config)
    session.check = load_checker({"length-ratio"})
    session.show(3)
    assert session.fresh_findings() == [] and session.blocking() == []
    session.check = load_checker()
    assert [f.split(":")[0] for f in session.fresh_findings()] == ["length-ratio"]


# --------------------------------------------------------------------------- gaps for untranslated Chinese (issue 18)

GAP_ENTRY = ("3.2", "张文华指出，要确保志书质量。", "Zhang Wenhua said we must ensure the quality of the [untranslated 10-11].")


def _gap_catalog() -> Catalog:
    context, source, translation = GAP_ENTRY
    return Catalog(SLUG, {"X-Bulletin-Date": "2023-12-09"}, [Entry(context, source, translation, True, notes=[
        "name: 张文华 → Zhang Wenhua", "qa: untranslated: [untranslated 10-11] stands for 志书, which the draft could not translate",
        "repair: replaced 志书 → [untranslated 10-11]", "confidence: 0.31"])])


def test_a_gap_is_not_accepted_silently_one_by_one_or_in_bulk(tmp_path):
    session = ReviewSession(_gap_catalog(), tmp_path / "x.po", "Jing", check=load_checker())
    assert session.blocking() == ["untranslated"]
    with pytest.raises(ReviewError):
        session.accept()
    bulk = _gap_catalog()
    result = accept_clean(bulk, "Jing", check=load_checker())
    assert (result.accepted, result.held) == (0, {"QA findings": 1}) and bulk.entries[0].state == DRAFT
    assert session.edit("Zhang Wenhua said we must ensure the quality of the local chronicles.") == []


def test_the_review_screen_marks_a_gap_and_the_chinese_it_stands_for(tmp_path):
    from rich.console import Console

    from l10n.cli.review import show_entry

    session = ReviewSession(_gap_catalog(), tmp_path / "x.po", "Jing", check=load_checker())
    out = Console(width=120, record=True, no_color=True, force_terminal=False)
    show_entry(out, session)
    screen = out.export_text()
    assert "志书[missing]" in screen and "[untranslated 10-11][missing]" in screen
    assert "stands for 志书, which the draft could not translate" in screen
    assert "replaced 志书 → [untranslated 10-11]" in screen and "0.31" in screen


# --- issue 44: r's engine, d back to draft ---------------------------------------------


@pytest.mark.parametrize(("header", "given", "expected"), [
    ({"X-Engine": "openai", "X-Model": "fake"}, {}, ("openai", {"model": "fake"})),  # drafted with --engine openai
    ({"X-Engine": "openai"}, {}, ("openai", {})),
    ({"X-Engine": "openai", "X-Model": "fake"}, {"engine": "openai"}, ("openai", {})),  # the served model of l10n.toml
    ({"X-Engine": "openai", "X-Model": "fake"}, {"model": "opus-mt-zh-en"}, ("opus-mt-zh-en", {})),
    ({"X-Engine": "llama", "X-Model": "not-registered"}, {}, ("llama", {})),  # that engine's default model
    ({"X-Engine": "scripted", "X-Model": "scripted-1"}, {}, ("qwen2.5-coder-1.5b-instruct-q4_k_m", {})),  # [draft] model
    ({}, {}, ("qwen2.5-coder-1.5b-instruct-q4_k_m", {})),
])
def test_r_redrafts_with_the_engine_the_catalog_was_drafted_with(config, header, given, expected):
    from l10n.review import redraft_engine

    assert redraft_engine(Catalog(SLUG, header, []), config, **given) == expected


def test_r_loads_the_engine_once_for_the_session(po, config, monkeypatch):
    import l10n.draft
    import l10n.engines
    from l10n.cli.review import redrafter

    loaded, drafted = [], []
    monkeypatch.setattr(l10n.engines, "load_engine", lambda name, cfg, **options: loaded.append((name, options)) or "ENGINE")
    monkeypatch.setattr(l10n.draft, "retranslate", lambda cfg, catalog, entry, engine: drafted.append(engine) or
                        Entry(entry.context, entry.source, "Fresh.", True))
    catalog = read_catalog(po)
    catalog.header.update({"X-Engine": "openai", "X-Model": "fake"})
    retranslate = redrafter()
    for entry in catalog.entries[:2]:
        retranslate(config, catalog, entry)
    assert loaded == [("openai", {"model": "fake"})] and drafted == ["ENGINE", "ENGINE"]


def test_back_to_draft_keeps_the_sign_off_as_a_record_and_says_who_and_why(po, config):
    session = session_for(po, config)
    session.accept()
    session.show(0)
    entry = session.back_to_draft("  the county\nrenamed it ")
    assert entry.state == DRAFT and approvers(entry) == [] and session.current is entry
    lines = on_disk(po, "0.1").comment.splitlines()
    assert lines[0].startswith("previously-approved-by: Jing ")
    assert lines[1].startswith("returned-to-draft: Jing ") and lines[1].endswith(" — the county renamed it")
    with pytest.raises(ReviewError, match="0.1 is not approved"):
        session.back_to_draft()
    session.accept()  # approving it again signs it afresh
    assert approvers(on_disk(po, "0.1")) == ["Jing"]
