"""``l10n score --effort``: reviewers' post-edit effort over a folder of catalogs, each and in total."""

from __future__ import annotations

import json

import pytest

from support import assert_refused, run_cli, write_template
from l10n.catalog import Catalog, Entry, base_header, write_catalog


def write(config, slug: str, entries: list[Entry]) -> None:
    write_catalog(Catalog(slug, base_header(slug, language="en"), entries), config.catalog_path(slug))
    write_template(config.root, Catalog(slug, {}, entries))


def approved(context: str, source: str, text: str, draft: str, who: str = "Jing") -> Entry:
    return Entry(context, source, text, comment=f"machine-draft: {draft}\napproved-by: {who} 2026-12-01")


@pytest.fixture
def two_bulletins(config):
    write(config, "alpha", [
        approved("0.1", "题", "The CPPCC met.", "The CPPCC met."),
        # the reviewer took out the Chinese the machine left: a chinese-left finding resolved
        approved("1.1", "会议在北京召开。", "The meeting was held in Beijing.", "The meeting was held 在北京.", who="Wei"),
        Entry("1.2", "乙", "A draft.", fuzzy=True, comment="machine-draft: A draft."),  # not approved: not measured
    ])
    write(config, "beta", [
        approved("0.1", "题", "A plan was adopted.", "A plan was made.", who="Wei"),
        approved("1.1", "甲", "Typed by hand.", "Typed by hand."),
        Entry("1.2", "丁", "Own words.", comment="approved-by: Jing 2026-12-02"),  # no machine draft on record
    ])
    return config.catalog_path("x").parent


def test_effort_per_catalog_per_reviewer_and_in_total(runner, two_bulletins):
    result = run_cli(runner, "score", str(two_bulletins), "--effort", "--json")
    assert result.exit_code == 0, result.output
    alpha, beta, total = json.loads(result.stdout)
    assert [r["name"] for r in (alpha, beta, total)] == ["alpha", "beta", "total"]
    assert {k: alpha["effort"][k] for k in ("reviewed", "unchanged", "resolved")} == {"reviewed": 2, "unchanged": 0.5, "resolved": {"chinese-left": 1}}
    assert alpha["effort"]["translators"]["Jing"] == {"reviewed": 1, "unchanged": 1.0, "edit_rate": 0.0}
    assert (beta["effort"]["reviewed"], beta["effort"]["unchanged"], beta["effort"]["resolved"]) == (2, 0.5, {})
    assert beta["effort"]["edit_rate"] == pytest.approx(1 / 7, abs=0.001)  # made → adopted: one edit in 7 approved words
    # the total pools the four pairs (corpus TER), it does not average the two catalogs
    assert (total["effort"]["reviewed"], total["effort"]["unchanged"]) == (4, 0.5)
    assert total["effort"]["translators"] == {"Jing": {"reviewed": 2, "unchanged": 1.0, "edit_rate": 0.0},
                                              "Wei": {"reviewed": 2, "unchanged": 0.0, "edit_rate": 0.3}}  # 2 + 1 edits in 10 approved words
    assert total["effort"]["resolved"] == {"chinese-left": 1}


def test_effort_table(runner, two_bulletins):
    result = run_cli(runner, "score", str(two_bulletins / "alpha.po"), "--effort")
    assert result.exit_code == 0, result.output
    assert "post-edit effort: 2 reviewed, 50% approved unchanged, edit rate" in result.stdout
    assert "    Wei: 1 reviewed, 0% approved unchanged" in result.stdout
    assert "QA findings resolved: chinese-left 1" in result.stdout


def test_effort_of_a_catalog_nobody_reviewed(runner, config):
    write(config, "gamma", [Entry("0.1", "题", "Title", fuzzy=True, comment="machine-draft: Title")])
    result = run_cli(runner, "score", str(config.catalog_path("gamma")), "--effort")
    assert result.exit_code == 0, result.output
    assert "post-edit effort: no approved entry with the machine's draft on record" in result.stdout


def test_effort_needs_catalogs(runner, project):
    (project / "out.en.txt").write_text("A line.\n", encoding="utf-8")
    assert_refused(runner, project, "score", "out.en.txt", "--effort", says="--effort reads the machine's drafts kept in catalogs")


def test_score_without_reference_names_the_effort_option(runner, two_bulletins):
    assert_refused(runner, two_bulletins.parents[2], "score", str(two_bulletins), says="--effort")
