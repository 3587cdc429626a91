"""A catalog's life across re-ingest, draft, review, export and gettext's own tools.

Re-ingesting a changed bulletin follows msgmerge (DESIGN.md, "What a person decided lives
where gettext keeps it"): unchanged segments keep their translation and state, a changed
one keeps its old translation as a fuzzy suggestion with the previous source (``#|``),
removed ones become obsolete (``#~``) and stay. Sign-off lives in translator comments
(``# approved-by: NAME DATE``), which ``msgmerge`` keeps.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support import run_cli, write_template
from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, Catalog, Entry, merge_template, parse_catalog, read_catalog, render_catalog, write_catalog
from l10n.config import load_config
from l10n.draft import draft_catalog
from l10n.review import ReviewSession, approvers
from test_draft import BULLETIN, GLOSSARY, GOOD, ScriptedEngine

HAVE_MSGFMT = shutil.which("msgfmt") is not None
HAVE_MSGMERGE = shutil.which("msgmerge") is not None
TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()

MEMBERS = "政协委员参加会议。"
MEMBERS_COMMA = "政协委员，参加会议。"  # one comma added: a changed segment


def reply(request, attempt: int) -> str:
    return GOOD.get(request.source, f"Redrafted {len(request.source)}.")


def no_engine():
    raise AssertionError("the engine was asked for, though nothing needed drafting")


def ingest(runner, project: Path, text: str):
    (project / "b.txt").write_text(text, encoding="utf-8")
    result = run_cli(runner, "ingest", "b.txt")
    assert result.exit_code == 0, result.stderr
    return result


def draft(**kwargs):
    cfg = load_config()
    kwargs.setdefault("engine_factory", lambda: ScriptedEngine(reply))
    return draft_catalog(cfg, "b", **kwargs)


def approve_all(name: str = "Jing") -> None:
    path = load_config().catalog_path("b")
    session = ReviewSession(read_catalog(path), path, name)
    while not session.done:
        session.accept()


def po_path() -> Path:
    return load_config().catalog_path("b")


def blocks(path: Path) -> dict[str, str]:
    """The PO text of each entry, by msgctxt (obsolete ones as ``~ctx``)."""
    out = {}
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        ctx = re.search(r'^(#~ )?msgctxt "([^"]*)"', block, re.M)
        if ctx:
            out[("~" if ctx.group(1) else "") + ctx.group(2)] = block.strip()
    return out


def msgfmt_check(path: Path) -> None:
    if not HAVE_MSGFMT:
        return
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def approved(project: Path, runner) -> Path:
    """The test bulletin ingested, drafted and every entry approved by Jing."""
    (project / "glossary" / "test.csv").write_text(GLOSSARY, encoding="utf-8")
    ingest(runner, project, BULLETIN)
    draft()
    approve_all()
    assert read_catalog(po_path()).counts() == {UNTRANSLATED: 0, DRAFT: 0, APPROVED: 5}
    return project


# --- re-ingest follows msgmerge ----------------------------------------------


def test_a_changed_sentence_keeps_its_old_translation_as_a_fuzzy_suggestion(approved, runner):
    before = blocks(po_path())
    old = read_catalog(po_path()).find("1.2")
    result = ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA))
    assert "4 unchanged, 1 changed (old translation kept as a fuzzy suggestion), 0 new, 0 obsolete" in result.stdout
    catalog = read_catalog(po_path())
    changed = catalog.find("1.2")
    assert (changed.source, changed.translation, changed.state) == (MEMBERS_COMMA, old.translation, DRAFT)
    assert (changed.previous_context, changed.previous_source) == ("1.2", MEMBERS)
    assert approvers(changed) == [], "Jing approved the old sentence, not this one"
    # the record stays, as no one's approval, and the machine's draft of the old sentence as no draft of this one
    assert changed.comment == f"previously-machine-draft: {GOOD[MEMBERS]}\npreviously-approved-by: Jing {TODAY}"
    assert changed.notes == ["term: 政协 → CPPCC"]  # the renderings still required; the old draft's scores are gone
    after = blocks(po_path())
    assert {k: v for k, v in after.items() if k != "1.2"} == {k: v for k, v in before.items() if k != "1.2"}  # byte for byte
    assert '#| msgctxt "1.2"\n#| msgid "政协委员参加会议。"' in after["1.2"]
    assert catalog.counts() == {UNTRANSLATED: 0, DRAFT: 1, APPROVED: 4}
    msgfmt_check(po_path())


def test_draft_after_reingest_keeps_approved_work_and_the_suggestion(approved, runner):
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA))
    merged = blocks(po_path())
    summary = draft(engine_factory=no_engine)  # nothing to draft: approved entries and the suggestion stay
    assert summary.drafted == 0 and summary.approved == 4 and summary.skipped == 1
    catalog = read_catalog(po_path())
    assert catalog.find("1.2").translation == GOOD[MEMBERS] and catalog.find("1.2").fuzzy
    assert [e.context for e in catalog.entries if e.state == APPROVED] == ["0.1", "1.1", "2.1", "2.2"]
    assert blocks(po_path()) == merged


def test_draft_force_redrafts_the_suggestion_keeping_the_old_translation_visible(approved, runner):
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA))
    draft(force=True)
    catalog = read_catalog(po_path())
    redone = catalog.find("1.2")
    assert redone.translation == f"Redrafted {len(MEMBERS_COMMA)}." and redone.state == DRAFT
    assert redone.notes_for("previous-translation") == [GOOD[MEMBERS]]
    assert redone.previous_source == MEMBERS
    assert [e.context for e in catalog.entries if e.state == APPROVED] == ["0.1", "1.1", "2.1", "2.2"]
    draft(force=True)  # a second redraft keeps the person's text, not the machine's
    assert read_catalog(po_path()).find("1.2").notes_for("previous-translation") == [GOOD[MEMBERS]]
    msgfmt_check(po_path())


def test_approving_a_suggestion_clears_the_previous_source(approved, runner):
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA))
    draft(force=True)
    approve_all("Wei")
    entry = read_catalog(po_path()).find("1.2")
    assert entry.state == APPROVED and entry.previous_source == "" and entry.previous_context == ""
    assert entry.notes_for("previous-translation") == []
    assert approvers(entry) == ["Wei"], "Jing approved the old sentence only"
    # the redraft is the machine's draft of the new sentence, on record after approval
    assert entry.comment == f"previously-approved-by: Jing {TODAY}\nmachine-draft: {entry.translation}\napproved-by: Wei {TODAY}"


def test_a_removed_sentence_becomes_obsolete_and_survives_every_later_write(approved, runner, config):
    result = ingest(runner, approved, BULLETIN.replace("全市共有12个县。", ""))
    assert "4 unchanged, 0 changed (old translation kept as a fuzzy suggestion), 0 new, 1 obsolete" in result.stdout
    catalog = read_catalog(po_path())
    assert [e.context for e in catalog.entries] == ["0.1", "1.1", "1.2", "2.1"]
    assert [(e.context, e.source, e.translation) for e in catalog.obsolete] == [("2.2", "全市共有12个县。", GOOD["全市共有12个县。"])]
    assert "#~ msgid \"全市共有12个县。\"" in po_path().read_text(encoding="utf-8")
    msgfmt_check(po_path())
    obsolete = blocks(po_path())["~2.2"]
    draft(force=True)
    assert blocks(po_path())["~2.2"] == obsolete
    approve_all()
    assert blocks(po_path())["~2.2"] == obsolete
    out = approved / "out.po"
    assert run_cli(runner, "export", "b", "--format", "po", "--output", str(out)).exit_code == 0
    assert "#~ msgid \"全市共有12个县。\"" in out.read_text(encoding="utf-8")
    msgfmt_check(out)
    ingest(runner, approved, BULLETIN.replace("全市共有12个县。", "").replace(MEMBERS, MEMBERS_COMMA))
    assert blocks(po_path())["~2.2"] == obsolete  # a later re-ingest keeps it too


def test_a_sentence_that_comes_back_gets_its_obsolete_translation_back(approved, runner):
    ingest(runner, approved, BULLETIN.replace("全市共有12个县。", ""))
    result = ingest(runner, approved, BULLETIN)
    assert "4 unchanged, 0 changed (old translation kept as a fuzzy suggestion), 0 new, 0 obsolete, 1 restored from obsolete" in result.stdout
    catalog = read_catalog(po_path())
    assert catalog.find("2.2").translation == GOOD["全市共有12个县。"] and catalog.find("2.2").state == APPROVED
    assert catalog.obsolete == []


def test_an_inserted_sentence_shifts_contexts_but_keeps_every_approval(approved, runner):
    result = ingest(runner, approved, BULLETIN.replace("会议由市委主任李成明主持。政协", "天气晴朗。会议由市委主任李成明主持。政协"))
    assert "5 unchanged, 0 changed (old translation kept as a fuzzy suggestion), 1 new, 0 obsolete" in result.stdout
    catalog = read_catalog(po_path())
    assert [(e.context, e.state) for e in catalog.entries] == [
        ("0.1", APPROVED), ("1.1", UNTRANSLATED), ("1.2", APPROVED), ("1.3", APPROVED), ("2.1", APPROVED), ("2.2", APPROVED)]
    assert catalog.find("1.3").source == MEMBERS and catalog.find("1.3").translation == GOOD[MEMBERS]
    assert catalog.find("2.1").source == "会议由市委主任李成明主持。"
    draft()
    assert [e.context for e in read_catalog(po_path()).entries if e.state == DRAFT] == ["1.1"]


def test_a_rewritten_sentence_is_new_and_the_old_one_obsolete(approved, runner):
    result = ingest(runner, approved, BULLETIN.replace(MEMBERS, "下午三点散会。"))
    assert "4 unchanged, 0 changed (old translation kept as a fuzzy suggestion), 1 new, 1 obsolete" in result.stdout
    catalog = read_catalog(po_path())
    assert catalog.find("1.2").state == UNTRANSLATED and catalog.find("1.2").previous_source == ""
    assert [e.source for e in catalog.obsolete] == [MEMBERS]


def test_reingesting_the_same_bulletin_twice_leaves_the_catalog_byte_identical(approved, runner):
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA).replace("全市共有12个县。", ""))
    once = po_path().read_bytes()
    result = ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA).replace("全市共有12个县。", ""))
    assert po_path().read_bytes() == once
    assert "4 unchanged, 0 changed (old translation kept as a fuzzy suggestion), 0 new, 0 obsolete" in result.stdout


def test_ingest_without_a_catalog_writes_only_the_template(project, runner):
    result = ingest(runner, project, BULLETIN)
    assert not po_path().exists() and "changed" not in result.stdout


def entries(*rows) -> list[Entry]:
    return [Entry(c, s, t, fuzzy=f) for c, s, t, f in rows]


@pytest.mark.parametrize(
    ("template", "old", "kept", "obsolete"),
    [
        # a repeated sentence: each copy keeps its own translation (identical context wins)
        ([("1.1", "甲乙丙丁。"), ("2.1", "甲乙丙丁。")],
         [("1.1", "甲乙丙丁。", "First.", False), ("2.1", "甲乙丙丁。", "Second.", False)],
         [("1.1", "First.", APPROVED, ""), ("2.1", "Second.", APPROVED, "")], []),
        # moved: matched by source, state kept, new context
        ([("1.1", "戊己庚辛。"), ("1.2", "甲乙丙丁。")],
         [("1.1", "甲乙丙丁。", "A.", False), ("1.2", "戊己庚辛。", "B.", True)],
         [("1.1", "B.", DRAFT, ""), ("1.2", "A.", APPROVED, "")], []),
        # two changed sentences: each suggestion goes to the most similar one, one to one
        ([("1.1", "会议听取了县政府工作报告，"), ("1.2", "与会人员进行了深入讨论！")],
         [("1.1", "会议听取了县政府工作报告。", "Report.", False), ("1.2", "与会人员进行了深入讨论。", "Talk.", False)],
         [("1.1", "Report.", DRAFT, "1.1"), ("1.2", "Talk.", DRAFT, "1.2")], []),
        # an untranslated segment that is removed leaves nothing behind
        ([("1.1", "甲乙丙丁。")], [("1.1", "甲乙丙丁。", "A.", False), ("1.2", "戊己庚辛。", "", False)],
         [("1.1", "A.", APPROVED, "")], []),
        # an untranslated old segment offers no suggestion
        ([("1.1", "甲乙丙丁戊。")], [("1.1", "甲乙丙丁。", "", False)], [("1.1", "", UNTRANSLATED, "")], []),
        # below the similarity threshold: new, and the old one obsolete
        ([("1.1", "下午三点散会。")], [("1.1", "甲乙丙丁。", "A.", False)], [("1.1", "", UNTRANSLATED, "")], ["甲乙丙丁。"]),
    ],
)
def test_merge_template_matches_like_msgmerge(template, old, kept, obsolete):
    merged, _ = merge_template(Catalog("s", {}, [Entry(c, s) for c, s in template]), Catalog("s", {"Language": "en"}, entries(*old)), language="en")
    assert [(e.context, e.translation, e.state, e.previous_context) for e in merged.entries] == kept
    assert [e.source for e in merged.obsolete] == obsolete


def test_a_changed_segment_keeps_every_rendering_note_that_still_holds():
    notes = ["term: 全国人大 → NPC", "ordinal: 十二届 → 12th", "name: 李成明 → Li Chengming", "hint: 万 → ten thousand", "qa: numbers: 5 lost"]
    old = Catalog("s", {}, [Entry("1.1", "十二届全国人大一次会议开幕。", "The 12th NPC opens.", notes=notes)])
    template = Catalog("s", {}, [Entry("1.1", "十二届全国人大一次会议隆重开幕。")])
    merged, _ = merge_template(template, old, language="en")
    assert merged.entries[0].notes == notes[:2]  # the name and the hint's Chinese are gone; a finding is the old text's


def test_merge_report_counts_each_kind():
    template = Catalog("s", {}, [Entry("1.1", "甲乙丙丁。"), Entry("1.2", "戊己庚辛，"), Entry("1.3", "新的一句话。")])
    old = Catalog("s", {}, entries(("1.1", "甲乙丙丁。", "A.", False), ("1.2", "戊己庚辛。", "B.", False), ("1.3", "完全不同的话。", "C.", False)))
    _, report = merge_template(template, old, language="en")
    assert (report.unchanged, report.changed, report.new, report.obsolete, report.restored) == (1, 1, 1, 1, 0)


def test_obsolete_and_previous_entries_round_trip_byte_for_byte():
    catalog = Catalog("s", {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"},
                      [Entry("1.1", "甲。", "A.", fuzzy=True, comment="approved-by: Jing 2026-12-01", previous_context="1.1", previous_source="甲,")],
                      obsolete=[Entry("1.2", "乙。", "B.", comment="a note\napproved-by: Jing 2026-11-30")])
    text = render_catalog(catalog)
    again = parse_catalog(text, slug="s")
    assert again == catalog and render_catalog(again) == text


# --- sign-off where gettext keeps it --------------------------------------------


def test_approval_is_a_translator_comment_with_the_date_and_headers(approved):
    text = po_path().read_text(encoding="utf-8")
    assert f"# approved-by: Jing {TODAY}\n" in text and "#. approved-by" not in text
    catalog = read_catalog(po_path())
    assert catalog.header["Last-Translator"] == "Jing" and catalog.header["PO-Revision-Date"].startswith(TODAY)
    assert [a.date for a in catalog.find("1.1").approvals] == [TODAY]


def test_approval_keeps_a_free_text_translator_comment(approved):
    catalog = read_catalog(po_path())
    entry = catalog.find("1.1")
    entry.comment = "Check the title with the editor.\n" + entry.comment
    entry.fuzzy = True
    write_catalog(catalog, po_path())
    approve_all("Wei")
    entry = read_catalog(po_path()).find("1.1")
    machine = "The meeting was chaired by Director Li Chengming of the Municipal Party Committee."  # drafting's record stays
    assert entry.comment == f"Check the title with the editor.\nmachine-draft: {machine}\napproved-by: Jing {TODAY}\napproved-by: Wei {TODAY}"
    assert approvers(entry) == ["Jing", "Wei"]


def test_legacy_extracted_approval_notes_are_read_and_rewritten_as_translator_comments(project, runner):
    legacy = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Bulletin-Date: 2023-12-09\\n"\n\n'
        '#. term: 政协 → CPPCC\n#. approved-by: Jing\n#. approved-by: Wei\nmsgctxt "0.1"\nmsgid "政协开会"\nmsgstr "CPPCC meets"\n'
    )
    path = po_path()
    path.parent.mkdir(parents=True)
    path.write_text(legacy, encoding="utf-8")
    entry = read_catalog(path).find("0.1")
    assert approvers(entry) == ["Jing", "Wei"] and entry.state == APPROVED and entry.notes == ["term: 政协 → CPPCC"]
    write_catalog(read_catalog(path), path)
    text = path.read_text(encoding="utf-8")
    assert "# approved-by: Jing\n# approved-by: Wei\n#. term: 政协 → CPPCC\n" in text and "#. approved-by" not in text
    write_template(project, read_catalog(path))
    exported = run_cli(runner, "export", "b", "--format", "txt")
    assert exported.exit_code == 0 and "Translator: Jing and Wei" in exported.stdout


@pytest.mark.skipif(not HAVE_MSGMERGE, reason="msgmerge (gettext) not installed")
def test_sign_off_survives_msgmerge(approved, runner):
    cfg = load_config()
    signed = run_cli(runner, "export", "b", "--format", "txt")
    assert signed.exit_code == 0 and "Translator: Jing" in signed.stdout
    before = read_catalog(po_path())
    merged = approved / "merged.po"
    done = subprocess.run(["msgmerge", "--no-wrap", "--quiet", "-o", str(merged), str(po_path()), str(cfg.template_path("b"))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    msgfmt_check(merged)
    after = read_catalog(merged)
    assert [(e.context, e.state, approvers(e)) for e in after.entries] == [(e.context, e.state, approvers(e)) for e in before.entries]
    assert all(approvers(e) == ["Jing"] and e.state == APPROVED for e in after.entries)
    assert after.header["Last-Translator"] == "Jing"
    shutil.copy(merged, po_path())
    again = run_cli(runner, "export", "b", "--format", "txt")
    assert again.exit_code == 0 and again.stdout == signed.stdout
    status = run_cli(runner, "status", "b", "--json")
    assert status.exit_code == 0 and '"approved": 5' in status.stdout


@pytest.mark.skipif(not HAVE_MSGMERGE, reason="msgmerge (gettext) not installed")
def test_l10n_reads_what_msgmerge_makes_of_a_changed_bulletin(approved, runner):
    cfg = load_config()
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA).replace("全市共有12个县。", ""))
    ours = read_catalog(po_path())
    (approved / "old.po").write_bytes(po_path().read_bytes())
    # msgmerge over our merged catalog and the new template changes nothing l10n reads
    merged = approved / "merged.po"
    done = subprocess.run(["msgmerge", "--no-wrap", "--quiet", "--previous", "-o", str(merged), str(po_path()), str(cfg.template_path("b"))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    theirs = read_catalog(merged)
    assert [(e.context, e.source, e.translation, e.state, approvers(e), e.previous_source) for e in theirs.entries] == \
           [(e.context, e.source, e.translation, e.state, approvers(e), e.previous_source) for e in ours.entries]
    assert [(e.source, e.translation, approvers(e)) for e in theirs.obsolete] == [(e.source, e.translation, approvers(e)) for e in ours.obsolete]


@pytest.mark.skipif(not HAVE_MSGFMT, reason="msgfmt (gettext) not installed")
def test_msgfmt_accepts_every_file_written_along_the_way(approved, runner):
    msgfmt_check(po_path())
    ingest(runner, approved, BULLETIN.replace(MEMBERS, MEMBERS_COMMA).replace("全市共有12个县。", ""))
    msgfmt_check(po_path())
    msgfmt_check(load_config().template_path("b"))
    draft(force=True)
    msgfmt_check(po_path())
    approve_all("Wei")
    msgfmt_check(po_path())
    out = approved / "b.po"
    # approve_all signs every entry as it stands, QA errors included: this is about the file format
    res = run_cli(runner, "export", "b", "--format", "po", "--output", str(out), "--allow-draft")
    assert res.exit_code == 0, res.stderr
    msgfmt_check(out)
