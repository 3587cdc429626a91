"""Catalog text never reaches a terminal or a CI log raw (DESIGN.md, "Bad input and safety").

GitHub Actions runs any output line that starts with ``::`` (after leading blanks) as a
workflow command; a terminal obeys ESC sequences and bidi overrides. For a table of
hostile msgctxt/msgid/msgstr/notes values, no output line of check (plain, annotations,
Markdown, JUnit), status, review --list or export's messages starts with ``::`` from the
catalog, and no control character or direction override gets through.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from l10n.catalog import Catalog, Entry, base_header, write_catalog
from l10n.textsafe import for_terminal, github_data, github_property
from support import run_cli, write_template

SLUG = "loufan"
HOSTILE = [
    "1.1\n::error::pwned",
    "1.1\n::add-mask::secret",
    "1.1\r\n  ::warning file=x.po::fake",
    "::error::at the start",
    "x :: error::after a space",
    "1.1\t::error::after a tab",
    "\x1b]0;owned\x07\x1b[2J\x1b[31mred",
    "\u202eevil\u2066x\u2069",
    "\x9b31m\x00\x08\x7f",
]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
ANNOTATION = re.compile(r"^::(error|warning) file=[^:]*?(,line=\d+)?,title=l10n [a-z-]+::[^\n]*$")


def hostile_catalog(value: str, field: str) -> Catalog:
    ctx = value if field == "msgctxt" else "1.1"
    source = "县政协召开会议" + (value if field == "msgid" else "")
    target = "The county 政协 held a meeting" + (value if field == "msgstr" else "")  # chinese-left, missing-term
    notes = ["term: 政协 → CPPCC" + (value if field == "notes" else "")]
    if field == "notes":
        notes.append("qa: missing-term: " + value)
    entries = [Entry("0.1", "标题", "Title"), Entry(ctx, source, target, notes=notes)]
    return Catalog(SLUG, {**base_header(SLUG, language="en"), "Last-Translator": "Jing"}, entries)


def assert_safe(text: str, where: str, *, annotations: bool = False) -> None:
    for line in text.splitlines():  # splits on \u2028, \x85 … as well as \n and \r
        if annotations and ANNOTATION.match(line):
            continue
        assert not line.lstrip().startswith("::"), f"{where}: {line!r}"
    assert not RAW.search(text), f"{where}: {RAW.search(text).group()!r} in {text!r}"


@pytest.fixture(params=["msgctxt", "msgid", "msgstr", "notes"])
def field(request):
    return request.param


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_no_output_line_carries_catalog_text_raw(runner, project, config, monkeypatch, value, field, tmp_path):
    catalog = hostile_catalog(value, field)
    write_catalog(catalog, config.catalog_path(SLUG))
    write_template(project, catalog)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    junit, markdown = tmp_path / "junit.xml", tmp_path / "summary.md"
    check = run_cli(runner, "check", "--junit", str(junit), "--markdown", str(markdown))
    assert check.exit_code == 1, check.output
    assert_safe(check.stdout, "check", annotations=True)
    assert_safe(check.stderr, "check stderr")
    assert_safe(markdown.read_text(encoding="utf-8"), "markdown")
    report = junit.read_text(encoding="utf-8")
    ET.fromstring(report.encode("utf-8"))  # still well-formed XML
    assert_safe(report, "junit")
    assert [line for line in check.stdout.splitlines() if line.startswith("::")], "the findings are annotated"
    for args in (("status",), ("status", "--json"), ("review", SLUG, "--list"), ("export", SLUG), ("export", SLUG, "--allow-draft", "-o", "out.txt")):
        result = run_cli(runner, *args)
        assert result.exit_code in (0, 2), (args, result.output)
        assert_safe(result.stdout, " ".join(args))
        assert_safe(result.stderr, " ".join(args) + " stderr")


def test_the_export_refusal_names_a_hostile_msgctxt_escaped_on_one_line(runner, project, config):
    catalog = hostile_catalog("1.1\n::error::pwned", "msgctxt")
    write_catalog(catalog, config.catalog_path(SLUG))
    write_template(project, catalog)
    result = run_cli(runner, "export", SLUG)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert "1.1\\n\\x3a:error\\x3a:pwned" in result.stderr


@pytest.mark.parametrize("text, shown", [
    ("plain: words, 政协 → CPPCC", "plain: words, 政协 → CPPCC"),
    ("a\nb\rc\td", "a\\nb\\rc\\td"),
    ("::error::x", "\\x3a:error\\x3a:x"),
    ("x :y", "x \\x3ay"),
    ("\x1b[2J\x07\x9b", "\\x1b[2J\\x07\\x9b"),
    ("\u202eabc\u200f", "\\u202eabc\\u200f"),
    ("ok ##[add-mask]secret", "ok \\x23#[add-mask]secret"),  # GitHub's legacy form runs anywhere in a line
    ("##[error]x", "\\x23#[error]x"),
])
def test_for_terminal(text, shown):
    assert for_terminal(text) == shown
    assert "\n" not in for_terminal(text)


def test_github_escaping():
    assert github_data("50% done\n::error::x") == "50%25 done\\n\\x3a:error\\x3a:x"
    assert github_property("a.po:3,title") == "a.po%3A3%2Ctitle"
