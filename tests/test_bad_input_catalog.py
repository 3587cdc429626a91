"""Broken catalogs are bad input for ``check``, ``status`` and ``export``: exit 2, one sentence, nothing written.

Each catalog is compared with its template (``locales/templates/<slug>.pot``) and with
the rules ``msgfmt --check`` enforces; the rules are checked in Python
(:func:`l10n.catalog.verify_catalog`), and the table at the end holds them against
the real ``msgfmt --check`` where gettext is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, base_header, merge_template, render_catalog, verify_catalog, write_catalog
from l10n.errors import CatalogError
from support import assert_refused, run_cli

SLUG = "loufan"
ROWS = [
    ("0.1", "县政府召开会议", "County Government Holds Meeting"),
    ("1.1", "会议在县城召开。", "The meeting was held in the county seat."),
    ("1.2", "会议听取了工作报告。", "The meeting heard the work report."),
    ("2.1", "与会人员进行了讨论。", "Participants held discussions."),
    ("2.2", "会议强调要加强团结。", "The meeting stressed unity."),
    ("3.1", "会议要求各部门抓好落实。", "The meeting asked every department to carry out the work."),
    ("3.2", "会议指出要改进作风。", "The meeting said that work styles must improve."),
    ("4.1", "会议号召全县干部群众团结奋斗。", "The meeting called on the cadres and people of the county to strive in unity."),
]


def template() -> Catalog:
    header = base_header(SLUG)
    header.update({"X-Bulletin-Date": "2023-12-09"})  # no Chinese Source header: the source is an entry (0.0) now
    return Catalog(SLUG, header, [Entry(c, zh, references=[("bulletin.txt", str(i + 1))]) for i, (c, zh, _) in enumerate(ROWS)])


def approved() -> Catalog:
    catalog, _ = merge_template(template(), None, language="en")
    catalog.header["Last-Translator"] = "Jing"
    for entry, (_, _, en) in zip(catalog.entries, ROWS):
        entry.translation = en
    return catalog


@pytest.fixture
def good(config) -> Path:
    """A project with a template and its fully approved catalog, which every command takes."""
    write_catalog(template(), config.template_path(SLUG))
    path = config.catalog_path(SLUG)
    write_catalog(approved(), path)
    return path


def entry_block(text: str, context: str) -> str:
    start = text.index(f'msgctxt "{context}"')
    start = text.rfind("\n\n", 0, start) + 2
    end = text.find("\n\n", start)
    return text[start:] if end < 0 else text[start:end + 1]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# Each case turns the good catalog's text into a broken one; `says` is in the one Error: line.
def empty(text):
    return b"", "no header"


def header_only(text):
    return text[: text.index("\n\n") + 1], "8 entries of its template are missing, the first 0.1"


def truncated(text):
    return text[: text.index(entry_block(text, "2.1"))], "5 entries of its template are missing, the first 2.1"


def extra(text):
    block = entry_block(text, "4.1")
    return text + "\n" + block.replace('"4.1"', '"5.1"'), "entry 5.1 at line"


def duplicate(text):
    block = entry_block(text, "1.2")
    broken = text + "\n" + block.replace("The meeting heard", "The meeting also heard")
    return broken, f"entry 1.2 at line {line_of(broken, 'The meeting also heard') - 2} repeats the msgctxt and msgid of line"


def duplicate_obsolete(text):
    block = entry_block(text, "1.2")
    return text + "\n" + "".join(f"#~ {line}\n" for line in block.splitlines() if line.startswith("msg")), "entry 1.2 at line"


def unterminated(text):
    return text.replace('msgstr "The meeting stressed unity."', 'msgstr "The meeting stressed unity.'), "unterminated string"


def not_utf8(text):
    return text.encode("utf-8").replace("会议强调".encode("utf-8"), b"\xff\xfe"), "is not UTF-8"


def missing_msgctxt(text):
    return text.replace('msgctxt "2.2"\n', ""), "has no msgctxt"


def changed_msgid(text):
    return text.replace('msgid "会议强调要加强团结。"', 'msgid "会议强调要加强团结和进步。"'), "entry 2.2 at line"


def newline_at_end(text):
    return text.replace('msgstr "The meeting stressed unity."', 'msgstr "The meeting stressed unity.\\n"'), "end with"


def newline_at_start(text):
    return text.replace('msgstr "The meeting stressed unity."', 'msgstr "\\nThe meeting stressed unity."'), "begin with"


def no_header(text):
    return text[text.index("\n\n") + 2:], "no header"


def empty_header(text):
    head, rest = text.split("\n\n", 1)
    return 'msgid ""\nmsgstr ""\n\n' + rest, "no header"


def c_format(text):
    return text.replace('msgctxt "2.2"', '#, c-format\nmsgctxt "2.2"').replace(
        'msgid "会议强调要加强团结。"', 'msgid "会议强调要加强团结%d。"'), "format"


def python_format(text):
    return text.replace('msgctxt "2.2"', '#, python-format\nmsgctxt "2.2"').replace(
        'msgid "会议强调要加强团结。"', 'msgid "会议强调要加强%(what)s。"').replace(
        'msgstr "The meeting stressed unity."', 'msgstr "The meeting stressed %(that)s."'), "format"


CASES = [empty, header_only, truncated, extra, duplicate, duplicate_obsolete, unterminated, not_utf8,
         missing_msgctxt, changed_msgid, newline_at_end, newline_at_start, no_header, empty_header, c_format, python_format]
COMMANDS = {"check": ("check",), "status": ("status",), "export": ("export", SLUG)}


def test_the_good_catalog_passes_every_command(runner, good):
    for args in COMMANDS.values():
        result = run_cli(runner, *args)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_a_broken_catalog_is_refused(runner, project, good, case, command):
    broken, says = case(good.read_text(encoding="utf-8"))
    good.write_bytes(broken if isinstance(broken, bytes) else broken.encode("utf-8"))
    result = assert_refused(runner, project, *COMMANDS[command], says=says)
    assert str(good.relative_to(project)) in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_catalog_without_its_template_is_refused(runner, project, config, good, command):
    config.template_path(SLUG).unlink()
    result = assert_refused(runner, project, *COMMANDS[command], says="has no template ")
    assert str(config.template_path(SLUG).relative_to(project)) in result.stderr


def test_the_duplicate_is_named_by_msgctxt_and_both_lines(runner, project, good):
    broken, _ = duplicate(good.read_text(encoding="utf-8"))
    good.write_text(broken, encoding="utf-8")
    first = line_of(broken, 'msgctxt "1.2"')
    second = broken.rindex('msgctxt "1.2"')
    second = broken[:second].count("\n") + 1
    result = assert_refused(runner, project, "check")
    assert f"entry 1.2 at line {second} repeats the msgctxt and msgid of line {first}" in result.stderr


# --- the msgfmt --check rules, held against msgfmt itself --------------------------------

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'


def po(*entries: str, head: str = HEAD) -> str:
    return head + "\n".join(entries)


def entry(msgid: str, msgstr: str, *, ctx: str = "1.1", flags: str = "") -> str:
    flag_line = f"#, {flags}\n" if flags else ""
    return f'{flag_line}msgctxt "{ctx}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


MSGFMT_TABLE = [  # (name, PO text, msgfmt --check rejects it)
    ("valid", po(entry("甲", "A"), entry("乙", "B", ctx="1.2")), False),
    ("header only", po(), False),
    ("fuzzy header", "#, fuzzy\n" + po(entry("甲", "A")), False),
    ("empty file", "", True),
    ("no header", po(entry("甲", "A"), head=""), True),
    ("header with empty msgstr", po(entry("甲", "A"), head='msgid ""\nmsgstr ""\n\n'), True),
    ("duplicate", po(entry("甲", "A"), entry("甲", "B")), True),
    ("duplicate untranslated", po(entry("甲", ""), entry("甲", "")), True),
    ("duplicate fuzzy", po(entry("甲", "A"), entry("甲", "B", flags="fuzzy")), True),
    ("duplicate obsolete", po(entry("甲", "A")) + '\n#~ msgctxt "1.1"\n#~ msgid "甲"\n#~ msgstr "B"\n', True),
    ("same msgid, other msgctxt", po(entry("甲", "A"), entry("甲", "A", ctx="1.2")), False),
    ("msgstr ends with newline", po(entry("甲", "A\\n")), True),
    ("msgid ends with newline", po(entry("甲\\n", "A")), True),
    ("msgstr begins with newline", po(entry("甲", "\\nA")), True),
    ("both end with newline", po(entry("甲\\n", "A\\n")), False),
    ("newline mismatch in a fuzzy entry", po(entry("甲\\n", "A", flags="fuzzy")), False),
    ("newline mismatch, untranslated", po(entry("甲\\n", "")), False),
    ("c-format count", po(entry("%d 人", "people", flags="c-format")), True),
    ("c-format extra", po(entry("人", "%d people", flags="c-format")), True),
    ("c-format type", po(entry("%d 人", "%s people", flags="c-format")), True),
    ("c-format incomplete", po(entry("%d 人", "%d people %", flags="c-format")), True),
    ("c-format percent and positions", po(entry("%s 和 %d 100%%", "%2$d and %1$s, all", flags="c-format")), False),
    ("c-format in a fuzzy entry", po(entry("%d 人", "people", flags="fuzzy, c-format")), False),
    ("c-format not flagged", po(entry("%d 人", "people")), False),
    ("python-format unknown name", po(entry("%(n)s 人", "%(m)s people", flags="python-format")), True),
    ("python-format missing name", po(entry("%(a)s 和 %(b)s", "%(a)s", flags="python-format")), True),
    ("python-format same names", po(entry("%(n)s 人", "%(n)s people", flags="python-format")), False),
    ("python-format count", po(entry("%s 的 %s", "%s", flags="python-format")), True),
    ("python-format type", po(entry("%s 人", "%d people", flags="python-format")), True),
    ("newline and :: in msgctxt", po(entry("甲", "A", ctx="1.1\\n::error::x")), False),
]


def msgfmt_rejects(path: Path) -> bool:
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    return done.returncode != 0


def l10n_refuses(path: Path) -> bool:
    try:
        verify_catalog(path)
    except CatalogError as error:
        assert "\n" not in str(error)
        return True
    return False


@pytest.mark.parametrize("name, text, rejected", MSGFMT_TABLE, ids=[row[0] for row in MSGFMT_TABLE])
def test_l10n_refuses_what_msgfmt_check_rejects(tmp_path, name, text, rejected):
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    assert l10n_refuses(path) == rejected
    if shutil.which("msgfmt"):
        assert msgfmt_rejects(path) == rejected


def test_every_catalog_l10n_writes_passes_its_own_verification(tmp_path):
    path = tmp_path / f"{SLUG}.po"
    write_catalog(approved(), path)
    pot = tmp_path / f"{SLUG}.pot"
    pot.write_text(render_catalog(template()), encoding="utf-8")
    assert [e.context for e in verify_catalog(path, pot).entries] == [c for c, _, _ in ROWS]
