"""``l10n status`` as the desk's dashboard: date, English headline once approved, who approved,
last change, bulletins not drafted yet, ``--sort``, ``--since``, ``--json``, bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, base_header, write_catalog
from l10n.status import last_change
from support import assert_refused, run_cli


def bulletin(config, slug: str, day: str, entries: list[Entry], *, revised: str = "", drafted: bool = True) -> None:
    """A hand-made bulletin *slug* dated *day* (its template, and its catalog when *drafted*)."""
    header = {**base_header(slug), "POT-Creation-Date": "2026-12-07 10:00+0000", "X-Bulletin-Date": day, "X-Bulletin-Title": "".join(e.source for e in entries if e.context.startswith("0."))}
    template = Catalog(slug, header, [Entry(e.context, e.source) for e in entries])
    write_catalog(template, config.template_path(slug))
    if drafted:
        po_header = {**base_header(slug, language="en"), **{k: v for k, v in header.items() if k.startswith("X-Bulletin")}}
        po_header["PO-Revision-Date"] = revised or "YEAR-MO-DA HO:MI+ZONE"
        po_header["POT-Creation-Date"] = "2026-12-01 08:00+0000"
        write_catalog(Catalog(slug, po_header, entries), config.catalog_path(slug))


@pytest.fixture
def desk(config):
    """Four bulletins: one reviewed, one half reviewed with a finding, one ingested only, one undated."""
    bulletin(config, "county", "2026-12-08", [
        Entry("0.1", "县委召开工作会议", "County committee holds work meeting", comment="approved-by: Wei 2026-12-09"),
        Entry("1.1", "会议讨论了3项工作。", "The meeting discussed 3 items of work.", comment="approved-by: Wei 2026-12-09"),
        Entry("1.2", "会议讨论了4项工作。", "The meeting discussed 4 items of work.", comment="approved-by: Jing 2026-12-10"),
    ], revised="2026-12-10 17:45+0800")
    bulletin(config, "city", "2026-12-09", [
        Entry("0.1", "市政协召开会议", "Municipal CPPCC holds meeting", fuzzy=True),
        Entry("1.1", "会议讨论了5项工作。", "The meeting discussed five 工作.", fuzzy=True),  # Chinese left: a finding
        Entry("1.2", "会议讨论了6项工作。", "The meeting discussed 6 items of work.", comment="approved-by: Jing 2026-12-09"),
    ], revised="2026-12-09 08:00+0000")
    bulletin(config, "town", "2026-12-10", [Entry("0.1", "镇政府召开会议"), Entry("1.1", "会议讨论了7项工作。")], drafted=False)
    bulletin(config, "old", "", [Entry("0.1", "旧闻", "Old news", comment="approved-by: Li")])
    return config


def rows(runner, *args: str) -> list[dict]:
    result = run_cli(runner, "status", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_row_per_bulletin_with_the_desks_columns(desk, runner):
    found = {r["slug"]: r for r in rows(runner)}
    assert {k: found["county"][k] for k in ("date", "title", "title_zh", "approved_by", "last_change", "approved", "findings")} == {
        "date": "2026-12-08", "title": "County committee holds work meeting", "title_zh": "县委召开工作会议",
        "approved_by": ["Wei", "Jing"], "last_change": "2026-12-10 09:45", "approved": 3, "findings": 0}  # 17:45+0800 is 09:45 UTC
    assert {k: found["city"][k] for k in ("title", "approved_by", "last_change", "draft", "findings")} == {
        "title": "", "approved_by": ["Jing"], "last_change": "2026-12-09 08:00", "draft": 2, "findings": 1}  # headline not approved yet
    assert {k: found["town"][k] for k in ("total", "untranslated", "draft", "approved", "title_zh", "last_change")} == {
        "total": 2, "untranslated": 2, "draft": 0, "approved": 0, "title_zh": "镇政府召开会议", "last_change": "2026-12-07 10:00"}  # ingested, not drafted
    # the keys status --json had before the dashboard are all still there
    assert {"slug", "total", "untranslated", "draft", "approved", "findings", "reviewed", "unchanged", "edit_rate", "translators"} <= set(found["old"])


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("date", ["county", "city", "town", "old"]),  # oldest first, undated last
        ("slug", ["city", "county", "old", "town"]),
        ("untranslated", ["town", "county", "city", "old"]),  # most first; ties by date
        ("draft", ["city", "county", "town", "old"]),
        ("approved", ["county", "city", "old", "town"]),
        ("findings", ["city", "county", "town", "old"]),
        ("total", ["county", "city", "town", "old"]),
        ("last-change", ["county", "city", "town", "old"]),  # newest first
    ],
)
def test_sort(desk, runner, sort, order):
    assert [r["slug"] for r in rows(runner, "--sort", sort)] == order


def test_since_keeps_the_bulletins_of_that_day_and_after(desk, runner):
    assert [r["slug"] for r in rows(runner, "--since", "2026-12-09")] == ["city", "town"]
    later = run_cli(runner, "status", "--since", "2027-01-01")
    assert later.exit_code == 0 and later.stdout == "No bulletin dated 2027-01-01 or later.\n"


def test_the_table_has_a_row_per_bulletin(desk, runner):
    result = run_cli(runner, "status", "--sort", "slug")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "untranslated" in line)
    assert [c.strip() for c in header.split("┃")[1:-1]] == ["bulletin", "date", "title", "total", "untranslated", "draft", "approved",
                                                           "findings", "kept", "edits", "approved by", "last change"]
    table = {cells[0]: cells for cells in ([c.strip() for c in line.split("│")[1:-1]] for line in lines if "│" in line)}
    assert list(table) == ["city", "county", "old", "town"]  # each row on one line, however wide, when not to a terminal
    assert table["county"] == ["county", "2026-12-08", "County committee holds work meeting", "3", "0", "0", "3", "0", "–", "–",
                               "Wei, Jing", "2026-12-10 09:45"]
    assert table["old"][1:3] == ["–", "Old news"]


@pytest.mark.parametrize(
    ("header", "approvals", "expected"),
    [
        ({"PO-Revision-Date": "2026-12-10 17:45+0800"}, ["2026-12-09"], "2026-12-10 09:45"),
        ({"PO-Revision-Date": "2026-12-10 01:00+0800"}, ["2026-12-10"], "2026-12-10"),  # 12-09 17:00 UTC, then approved on the 10th
        ({"PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE", "POT-Creation-Date": "2026-12-11 08:00+0000"}, [], "2026-12-11 08:00"),
        ({}, ["2026-12-01", "2026-11-30"], "2026-12-01"),
        ({"PO-Revision-Date": "tomorrow"}, [], ""),
    ],
)
def test_last_change(header, approvals, expected):
    entries = [Entry(f"1.{i}", "甲", "A", comment=f"approved-by: Wei {day}") for i, day in enumerate(approvals, 1)]
    assert last_change(Catalog("s", header, entries)) == expected


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--since", "2026-13-01"], "--since '2026-13-01' is not a date in YYYY-MM-DD form."),
        (["--since", "yesterday"], "--since 'yesterday' is not a date"),
        (["--sort", "colour"], "--sort must be one of date, slug, total, untranslated, draft, approved, findings, last-change, not 'colour'."),
    ],
)
def test_bad_options_are_one_sentence(desk, runner, args, says):
    assert_refused(runner, Path(desk.root), "status", *args, says=says)
