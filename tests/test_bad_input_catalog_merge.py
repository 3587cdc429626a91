"""Bad input to a re-ingest that merges into an existing catalog.

``l10n ingest`` reads the bulletin's ``.po`` before it writes anything: when that file is
broken (malformed, not UTF-8, truncated, busy) it refuses with one sentence naming the
file (and the line), and neither the ``.pot`` nor the ``.po`` changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, base_header, catalog_lock, write_catalog
from l10n.config import load_config
from support import assert_refused, run_cli

BULLETIN = "市政协召开会议\n\n发布时间:2024-05-16\n\n会议由市委主任李成明主持。政协委员参加会议。\n"
CHANGED = BULLETIN.replace("政协委员参加会议。", "政协委员，参加会议。")

ENTRY_1_1 = '#: b.txt:5\nmsgctxt "1.1"\nmsgid "会议由市委主任李成明主持。"\nmsgstr "Chaired by Director Li Chengming."\n'


def header() -> str:
    return 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture
def ingested(project: Path, runner) -> Path:
    """Bulletin ``b`` ingested, a catalog beside it, and the bulletin then changed."""
    (project / "b.txt").write_text(BULLETIN, encoding="utf-8")
    assert run_cli(runner, "ingest", "b.txt").exit_code == 0
    catalog = Catalog("b", base_header("b", language="en"), [Entry("1.1", "会议由市委主任李成明主持。", "Chaired by Director Li Chengming.")])
    write_catalog(catalog, po(project))
    (project / "b.txt").write_text(CHANGED, encoding="utf-8")
    return project


def po(project: Path) -> Path:
    return load_config(project / "l10n.toml").catalog_path("b")


def put(project: Path, data: str | bytes) -> None:
    path = po(project)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


_WHOLE = (header() + ENTRY_1_1).encode("utf-8")
CUT_IN_A_CHARACTER = _WHOLE[: _WHOLE.index("主持".encode("utf-8")) + 1]

BROKEN = [
    # (what the .po holds, what the error says)
    (header() + ENTRY_1_1 + "\nthis line is not PO syntax\n", "b.po is not a valid PO file at line 11"),
    (header() + ENTRY_1_1.replace('Li Chengming."', 'Li Chengming'), "b.po is not a valid PO file at line 9 (unterminated string)"),
    (header() + '#: b.txt:5\nmsgctxt "1.1"\nmsgid "会议由市委主任李成明主持。"\n', "b.po is not a valid PO file at line 8"),
    (header() + ENTRY_1_1 + '\n#~ msgctxt "1.2"\n#~ msgid "政协委员参加会议。\n#~ msgstr "Members attended."\n', "b.po is not a valid PO file at line 12 (unterminated string)"),
    (header() + '#, fuzzy\n#| msgid "会议由市委主任\nmsgctxt "1.1"\nmsgid "会议由市委主任李成明主持。"\nmsgstr "Chaired."\n', "b.po is not a valid PO file at line 7 (unterminated string)"),
    (header() + 'msgid "会议由市委主任李成明主持。"\nmsgstr "Chaired."\n', "b.po: the entry at line 6 has no msgctxt"),
    (header() + ENTRY_1_1 + "\n" + ENTRY_1_1, "b.po: entry 1.1 at line 12 repeats the msgctxt and msgid of line 7"),
    ((header() + ENTRY_1_1).encode("utf-8").replace("主持".encode("utf-8"), "主持".encode("gbk")), "b.po is not UTF-8 (line 8)"),
    ((header() + ENTRY_1_1).encode("utf-8")[:-20], "b.po is not a valid PO file at line 9 (unterminated string)"),  # cut short
    (CUT_IN_A_CHARACTER, "b.po is not UTF-8 (line 8)"),
    (header() + ENTRY_1_1 + '\nmsgctxt "1.2"\nmsgid "x"\nmsgstr "y"\n"dangling\n', "b.po is not a valid PO file at line 14 (unterminated string)"),
]


@pytest.mark.parametrize(("data", "says"), BROKEN)
def test_reingest_over_a_broken_catalog_is_refused_and_writes_nothing(ingested, runner, data, says):
    put(ingested, data)
    assert_refused(runner, ingested, "ingest", "b.txt", says=says)


def test_reingest_while_the_catalog_is_in_review_is_refused(ingested, runner):
    with catalog_lock(po(ingested)):
        assert_refused(runner, ingested, "ingest", "b.txt", says="is open in another")


def test_reingest_when_the_catalog_is_a_directory_is_refused(ingested, runner):
    path = po(ingested)
    path.unlink()
    path.mkdir()
    assert_refused(runner, ingested, "ingest", "b.txt", says="b.po is not a file")


@pytest.mark.parametrize(
    ("bulletin", "args", "says"),
    [
        (b"  \n\n", (), "b.txt is empty."),
        (b"HOME > News\n\nThe meeting was held.\n\nIt was a good meeting, said the director.\n", (), "holds no Chinese article text"),
        (bytes(range(256)) * 4, (), "is a binary file"),
        (CHANGED.encode("utf-8"), ("--date", "2024-13-45"), "2024-13-45"),
    ],
)
def test_a_bad_bulletin_over_an_existing_catalog_changes_nothing(ingested, runner, bulletin, args, says):
    (ingested / "b.txt").write_bytes(bulletin)
    assert_refused(runner, ingested, "ingest", "b.txt", *args, says=says)
