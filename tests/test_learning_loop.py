"""The learning loop, end to end: the machine's draft stays on record, reviewers correct it in
Poedit's way, ``glossary learn`` proposes the correction, and once approved it drafts the next
bulletin (issue 43). Also: the record survives the real ``msgmerge``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support import run_cli
from test_draft import ScriptedEngine

from l10n.catalog import read_catalog
from l10n.config import load_config
from l10n.draft.catalog import draft_catalog

MACHINE, REVIEWED = "County Convergence Media Center", "County Integrated Media Centre"
BULLETIN = "县融媒体中心举办培训班\n\n发布时间:2024-05-16\n\n县融媒体中心记者报道，会议召开。县融媒体中心开展宣传活动。近日，县融媒体中心组织志愿服务。\n"
NEXT = "县融媒体中心召开会议\n\n发布时间:2024-05-20\n\n县融媒体中心召开全体会议。\n"


def machine(request, attempt: int) -> str:
    """A scripted engine: the required renderings it is given (the prompt's own words), else the machine's English."""
    if any(r.source == "县融媒体中心" for r in request.required):
        return f"The {REVIEWED} held a meeting."
    return {"县融媒体中心举办培训班": f"{MACHINE} Holds Training Course"}.get(request.source, f"The {MACHINE} held an event.")


def poedit_approves(po: Path, fix) -> None:
    """Approve every draft as a reviewer in Poedit would: the msgstr replaced, fuzzy removed, a sign-off comment added."""
    import polib

    catalog = polib.pofile(str(po), wrapwidth=0)
    for entry in catalog:
        if entry.msgstr:
            entry.msgstr = fix(entry.msgstr)
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.tcomment = f"{entry.tcomment}\napproved-by: Wei 2026-12-07" if entry.tcomment else "approved-by: Wei 2026-12-07"
    catalog.save(str(po))


def test_a_correction_reviewers_make_three_times_is_learned_and_drafts_the_next_bulletin(project, runner):
    (project / "b.txt").write_text(BULLETIN, encoding="utf-8")
    assert run_cli(runner, "ingest", "b.txt").exit_code == 0
    cfg = load_config(project / "l10n.toml")
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(machine))
    po = cfg.catalog_path("b")
    assert {e.machine_draft for e in read_catalog(po).entries if e.context != "0.0"} >= {f"The {MACHINE} held an event."}
    poedit_approves(po, lambda text: text.replace(MACHINE, REVIEWED))
    approved = read_catalog(po)
    assert all(e.state == "approved" and MACHINE in e.machine_draft for e in approved.entries if e.context != "0.0")

    result = run_cli(runner, "glossary", "learn", "--json")
    assert result.exit_code == 0, result.output
    [proposal] = json.loads(result.stdout)
    assert (proposal["zh"], proposal["en"], proposal["category"]) == ("县融媒体中心", REVIEWED, "organ")
    assert [e["entry"] for e in proposal["evidence"] if e["entry"] != "0.1"] == ["1.1", "1.2", "1.3"]

    result = run_cli(runner, "glossary", "learn", "--propose", "--by", "Wei")
    assert result.exit_code == 0, result.output
    [term] = [t for t in __import__("l10n.glossary", fromlist=["load_glossary"]).load_glossary(cfg).terms if t.zh == "县融媒体中心"]
    assert term.status == "proposed" and "learned from" in term.note  # nothing learned changes a draft yet
    assert run_cli(runner, "glossary", "approve", term.id, "--by", "Jing").exit_code == 0

    (project / "next.txt").write_text(NEXT, encoding="utf-8")
    assert run_cli(runner, "ingest", "next.txt").exit_code == 0
    engine = ScriptedEngine(machine)
    draft_catalog(load_config(project / "l10n.toml"), "next", engine_factory=lambda: engine)
    drafted = read_catalog(cfg.catalog_path("next")).find("1.1")
    assert any(r.source == "县融媒体中心" and r.target == REVIEWED for q in engine.requests for r in q.required)
    assert REVIEWED in drafted.translation and f"term: 县融媒体中心 → {REVIEWED}" in drafted.notes


def test_a_redraft_replaces_the_record_and_a_changed_sentence_carries_it_as_previous(project, runner):
    (project / "b.txt").write_text(BULLETIN, encoding="utf-8")
    run_cli(runner, "ingest", "b.txt")
    cfg = load_config(project / "l10n.toml")
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(lambda r, a: "First."))
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(lambda r, a: "Second."), force=True)
    entry = read_catalog(cfg.catalog_path("b")).find("1.1")
    assert entry.machine_draft == "Second." and entry.comment.count("machine-draft:") == 1
    (project / "b.txt").write_text(BULLETIN.replace("会议召开", "会议隆重召开"), encoding="utf-8")
    run_cli(runner, "ingest", "b.txt")
    changed = read_catalog(cfg.catalog_path("b")).find("1.1")
    assert changed.machine_draft == "" and "previously-machine-draft: Second." in changed.comment


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="gettext's msgmerge is not installed")
def test_the_record_of_the_machines_draft_survives_msgmerge(project, runner):
    (project / "b.txt").write_text(BULLETIN, encoding="utf-8")
    run_cli(runner, "ingest", "b.txt")
    cfg = load_config(project / "l10n.toml")
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(machine))
    po = cfg.catalog_path("b")
    poedit_approves(po, lambda text: text.replace(MACHINE, REVIEWED))
    before = {e.context: e.machine_draft for e in read_catalog(po).entries}
    merged = project / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "--no-wrap", "-o", str(merged), str(po), str(cfg.template_path("b"))], check=True)
    after = read_catalog(merged)
    assert {e.context: e.machine_draft for e in after.entries} == before
    assert all(e.machine_draft for e in after.entries)
    assert not any(e.notes for e in after.entries)  # msgmerge regenerated the #. notes away; the record is no note
