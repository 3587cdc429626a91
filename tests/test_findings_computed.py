"""Findings are computed, never read from notes (issue 44): ``status`` (and ``--json``),
``review --list`` (and ``--json``), ``review --findings`` and the ``n`` key report what
``l10n check`` reports, whatever ``msgmerge``, Weblate, Poedit or a glossary change did to the
``qa:`` notes; the notes stay a record of drafting.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support import disable_checks, run_cli, write_template
from l10n.catalog import Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.quality.qa import Finding

SLUG = "merged"
MSGMERGE = Path("/usr/bin/msgmerge")

GLOSSARY = ("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
            "cppcc,政协,CPPCC,organ,approved,,,,,Jing,Jing,2026-11-01\n")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A findings cache of the test's own (the user's stays untouched)."""
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "cache"))


def drafted(config) -> Path:
    """A catalog with findings, each recorded as drafting recorded it (``qa:`` notes), and a
    clean entry whose note is stale; its template; a glossary that requires CPPCC."""
    (config.root / "glossary" / "organs.csv").write_text(GLOSSARY, encoding="utf-8")
    header = base_header(SLUG, language="en")
    header["X-Bulletin-Date"] = "2023-12-09"
    catalog = Catalog(SLUG, header, [
        Entry("0.1", "县政协召开常委会议", "County Committee Holds Standing Committee Meeting", True,
              notes=["term: 政协 → CPPCC", "qa: missing-term: 政协 → CPPCC not found"]),
        Entry("1.1", "会议听取了工作报告。", "The meeting heard the 工作 report.", True,
              notes=["qa: chinese-left: 工作 left in the translation"]),
        Entry("1.2", "与会人员进行了讨论。", "Those present held a discussion of the matters raised.", True,
              notes=["qa: numbers: 2020 is not in the source"]),  # stale: nothing is wrong with it now
        Entry("1.3", "会议强调要加强团结。", ""),
    ])
    path = config.catalog_path(SLUG)
    write_catalog(catalog, path)
    write_template(config.root, catalog)
    return path


def msgmerge(config, path: Path) -> None:
    """What a translator's ``msgmerge`` does: the ``#.`` notes come from the template, the ``qa:`` ones are gone."""
    merged = path.with_name("merged-out.po")
    subprocess.run([str(MSGMERGE), "--quiet", "-o", str(merged), str(path), str(config.template_path(SLUG))], check=True)
    merged.replace(path)
    assert not any(e.notes_for("qa") for e in read_catalog(path).entries), "msgmerge keeps no qa: note"


def check_findings(runner) -> dict[str, set[str]]:
    """``l10n check --json``'s QA findings per entry, as ``check: message`` notes."""
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 1, result.output
    (bulletin,) = json.loads(result.stdout)["bulletins"]
    found: dict[str, set[str]] = {}
    for f in bulletin["findings"]:
        found.setdefault(f["context"], set()).add(Finding(f["check"], f["severity"], f["message"]).note())
    return found


@pytest.mark.skipif(not MSGMERGE.exists(), reason="gettext's msgmerge is not installed at /usr/bin/msgmerge")
def test_after_msgmerge_status_and_review_show_the_findings_check_shows(runner, config):
    path = drafted(config)
    msgmerge(config, path)
    expected = check_findings(runner)
    assert set(expected) == {"0.1", "1.1"}
    assert any(note.startswith("missing-term: 政协 → CPPCC") for note in expected["0.1"])
    assert any(note.startswith("chinese-left") for note in expected["1.1"])

    status = run_cli(runner, "status", "--json")
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)[0]["findings"] == len(expected) == 2

    listed = run_cli(runner, "review", SLUG, "--list", "--json")
    assert listed.exit_code == 0, listed.output
    entries = json.loads(listed.stdout)["entries"]
    assert {e["context"]: set(e["findings"]) for e in entries if e["findings"]} == expected

    table = run_cli(runner, "review", SLUG, "--list")
    rows = {line.split("│")[1].strip(): line.split("│")[3].strip() for line in table.stdout.splitlines() if line.count("│") == 5}
    assert rows == {"0.1": str(len(expected["0.1"])), "1.1": str(len(expected["1.1"])), "1.2": "0", "1.3": "0"}

    # --findings walks exactly the entries check reports; s passes each by
    walked = run_cli(runner, "review", SLUG, "--findings", "--translator", "Jing", input="s\ns\nq\n")
    assert walked.exit_code == 0, walked.output
    shown = [line.split(" · ")[1] for line in walked.stdout.splitlines() if " · draft · " in line]
    assert shown == ["0.1", "1.1", "0.1"]
    assert "missing-term" not in walked.stdout.split("Required")[0]  # the missing term listed once, under Required
    assert "! 政协 → CPPCC (term) MISSING" in walked.stdout


def test_a_stale_note_is_no_finding_and_a_glossary_change_is_one(runner, config):
    """The notes say 1.2 has a finding and 0.1 has none; the glossary now disagrees: what check says is shown."""
    path = drafted(config)
    catalog = read_catalog(path)
    catalog.find("0.1").notes = ["term: 政协 → CPPCC"]  # drafted before the glossary had the term's new English
    write_catalog(catalog, path)
    status = run_cli(runner, "status", "--json")
    assert json.loads(status.stdout)[0]["findings"] == 2  # 0.1 and 1.1, not 1.2
    (config.root / "glossary" / "organs.csv").write_text(GLOSSARY.replace(",CPPCC,", ",County Committee,"), encoding="utf-8")
    status = run_cli(runner, "status", "--json")  # the glossary changed: the cache is not used
    assert json.loads(status.stdout)[0]["findings"] == 1  # only 1.1's Chinese left
    assert set(check_findings(runner)) == {"1.1"}


def test_disabled_checks_are_left_out_as_check_leaves_them_out(runner, config, project):
    drafted(config)
    disable_checks(project, "chinese-left")
    listed = json.loads(run_cli(runner, "review", SLUG, "--list", "--json").stdout)["entries"]
    assert {e["context"] for e in listed if e["findings"]} == {"0.1"}
    assert json.loads(run_cli(runner, "status", "--json").stdout)[0]["findings"] == 1


def test_the_n_key_goes_to_computed_findings(config):
    import io

    from rich.console import Console

    from l10n.cli.review import interactive_review
    from l10n.required import project_glossary
    from l10n.review import ReviewSession, load_checker

    path = drafted(config)
    catalog = read_catalog(path)
    for entry in catalog.entries:
        entry.notes = []  # as msgmerge leaves them
    write_catalog(catalog, path)
    session = ReviewSession(read_catalog(path), path, "Jing", config=config, check=load_checker(), glossary=project_glossary(config))
    keys = iter(["n", "n", "n", "q"])
    out = Console(file=io.StringIO(), width=90, height=40, color_system=None)
    interactive_review(session, out, slug=SLUG, key=lambda prompt: next(keys))
    shown = [line.split(" · ")[1] for line in out.file.getvalue().splitlines() if " · draft · " in line]
    assert shown == ["0.1", "1.1", "0.1", "1.1"]


def test_status_reads_the_cache_back_and_computes_again_when_an_entry_changes(runner, config, tmp_path):
    path = drafted(config)
    first = json.loads(run_cli(runner, "status", "--json").stdout)
    cached = list((tmp_path / "cache" / "findings").glob("*.json"))
    assert len(cached) == 1
    assert json.loads(run_cli(runner, "status", "--json").stdout) == first
    catalog = read_catalog(path)
    catalog.find("1.1").translation = "The meeting heard the work report."
    write_catalog(catalog, path)
    assert json.loads(run_cli(runner, "status", "--json").stdout)[0]["findings"] == 1
    assert list((tmp_path / "cache" / "findings").glob("*.json")) == cached  # one file per catalog, overwritten


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"key": null}', '{"key": "K", "findings": [[99, "numbers", "error", "x"]]}',
                                     '{"key": "K", "findings": [[0, "no-such-check", "error", "x"]]}'])
def test_a_damaged_cache_is_computed_again(runner, config, tmp_path, garbage):
    drafted(config)
    first = json.loads(run_cli(runner, "status", "--json").stdout)
    (cached,) = (tmp_path / "cache" / "findings").glob("*.json")
    key = json.loads(cached.read_text(encoding="utf-8"))["key"]
    cached.write_text(garbage.replace('"K"', json.dumps(key)), encoding="utf-8")
    result = run_cli(runner, "status", "--json")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert json.loads(result.stdout) == first


def test_an_unwritable_cache_is_no_error(runner, config, tmp_path, monkeypatch):
    drafted(config)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("L10N_CACHE_DIR", str(blocker))
    result = run_cli(runner, "status", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["findings"] == 2
