"""``l10n status``: entry counts per bulletin."""

from __future__ import annotations

import json
import re
from unittest.mock import ANY

from support import run_cli, write_template
from l10n.catalog import Catalog, Entry, base_header, write_catalog
from l10n.status import status


def write(config, slug: str, entries: list[Entry]) -> None:
    write_catalog(Catalog(slug, base_header(slug, language="en"), entries), config.catalog_path(slug))
    write_template(config.root, Catalog(slug, {}, entries))


def two_bulletins(config) -> None:
    write(config, "alpha", [
        Entry("0.1", "题", "Title", comment="approved-by: Jing 2026-12-01"),
        Entry("1.1", "甲", "A 甲", fuzzy=True),  # chinese-left: a finding `l10n check` reports
        Entry("1.2", "乙"),
    ])
    # a note no check would write now: a record of drafting, not a finding
    write(config, "beta", [Entry("0.1", "题", "Title"), Entry("1.1", "甲", "A", notes=["qa: length-ratio: short"])])


NO_EFFORT = {"reviewed": 0, "unchanged": None, "edit_rate": None, "translators": {}, "resolved": {}}  # no machine draft on record
UNDATED = {"date": "", "title_zh": "", "last_change": ANY}  # hand-made catalogs: no bulletin headers; written now


def test_post_edit_effort_per_bulletin_and_reviewer(runner, config):
    write(config, "gamma", [
        Entry("0.1", "题", "The CPPCC met.", comment="machine-draft: The CPPCC met.\napproved-by: Jing 2026-12-01"),
        Entry("1.1", "甲", "A plan was adopted.", comment="machine-draft: A plan was made.\napproved-by: Wei 2026-12-02"),
        Entry("1.2", "乙", "Work went on.", comment="machine-draft: Work went on.\napproved-by: Wei 2026-12-02"),
        Entry("1.3", "丙", "A draft.", fuzzy=True, comment="machine-draft: A draft."),  # not approved: no effort yet
        Entry("1.4", "丁", "Typed by hand.", comment="approved-by: Jing 2026-12-02"),  # no machine draft on record
        # the reviewer took out the Chinese the machine left: a finding resolved
        Entry("1.5", "会议在北京召开。", "The meeting was held in Beijing.",
              comment="machine-draft: The meeting was held 在北京.\napproved-by: Jing 2026-12-02"),
    ])
    result = run_cli(runner, "status", "gamma", "--json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["reviewed"], row["unchanged"], row["edit_rate"]) == (4, 0.5, 0.188)  # 3 edits in 16 approved words
    assert row["translators"] == {"Jing": {"reviewed": 2, "unchanged": 0.5, "edit_rate": 0.222},
                                  "Wei": {"reviewed": 2, "unchanged": 0.5, "edit_rate": 0.143}}
    assert row["resolved"] == {"chinese-left": 1, "missing-term": 1}  # 北京 is a reference place: "Beijing" was missing too


def test_status_counts_every_catalog_in_the_project(config):
    two_bulletins(config)
    rows = {r.slug: r.as_dict() for r in status(config)}
    assert rows == {
        "alpha": {"slug": "alpha", "total": 3, "untranslated": 1, "draft": 1, "approved": 1, "findings": 1, **NO_EFFORT, **UNDATED,
                  "title": "Title", "approved_by": ["Jing"]},
        "beta": {"slug": "beta", "total": 2, "untranslated": 0, "draft": 0, "approved": 2, "findings": 0, **NO_EFFORT, **UNDATED,
                 "title": "Title", "approved_by": []},
    }
    assert config.catalog_slugs() == ["alpha", "beta"]


def test_status_json_for_named_bulletins(runner, config):
    two_bulletins(config)
    result = run_cli(runner, "status", "beta", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"slug": "beta", "total": 2, "untranslated": 0, "draft": 0, "approved": 2, "findings": 0, **NO_EFFORT, **UNDATED,
         "title": "Title", "approved_by": []}]


def test_status_table(runner, config):
    two_bulletins(config)
    result = run_cli(runner, "status")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "untranslated" in line)
    assert [c.strip() for c in header.split("┃")[1:-1]] == ["bulletin", "date", "title", "total", "untranslated", "draft", "approved",
                                                           "findings", "kept", "edits", "approved by", "last change"]
    alpha = next(line for line in lines if "alpha" in line)
    *cells, changed = [c.strip() for c in alpha.split("│")[1:-1]]
    assert cells == ["alpha", "–", "Title", "3", "1", "1", "1", "1", "–", "–", "Jing"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", changed)  # the catalog's revision date: written just now


def test_status_of_an_empty_project(runner, project):
    result = run_cli(runner, "status")
    assert result.exit_code == 0
    assert result.stdout.startswith("No catalogs in ")
    assert run_cli(runner, "status", "--json").stdout == "[]\n"


def test_status_of_an_unknown_slug(runner, config):
    two_bulletins(config)
    result = run_cli(runner, "status", "alpha", "gamma")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: No catalog for slug gamma in ")


def test_status_of_a_hand_broken_catalog_names_the_file_and_line(runner, config):
    two_bulletins(config)
    path = config.catalog_path("beta")
    path.write_text(path.read_text(encoding="utf-8") + 'msgctxt "2.1"\nmsgid "丙"\nmsgstr "C"\nnonsense\n', encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    result = run_cli(runner, "status")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path} is not a valid PO file at line {line};")
