"""Bad input to the glossary: one ``Error:`` sentence, exit 2, no traceback, nothing written.

Three tables: broken CSV files in glossary/ (every command that loads the glossary
refuses them, naming file and line), TBX and CSV files given to ``glossary import``,
and bad command-line values. ``glossary validate`` findings exit 1 by design and
are tested in test_glossary_cli.py, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary import FIELDS
from tests.support import assert_refused, run_cli

HEADER = ",".join(FIELDS) + "\n"
GOOD = "a,政协,CPPCC,organ,approved,,,,,,Jing,\n"
PROPOSAL = "p,县志办,County Chronicles Office,organ,proposed,,,,,,,\n"


def seed(project: Path, data: bytes) -> Path:
    path = project / "glossary" / "organs.csv"
    path.write_bytes(data)
    return path


# --- broken glossary files ----------------------------------------------------------------

BROKEN_FILES = {
    "bad header": ("id,zh,english,category\n" + GOOD, ":1: the header row must be id,zh,en,"),
    "header only three fields": ("id,zh,en\n", ":1: the header row must be"),
    "wrong field count": (HEADER + "a,政协,CPPCC,organ,approved\n", ":2: has 5 fields, the header has 12"),
    "bad status": (HEADER + "a,政协,CPPCC,organ,ok,,,,,,,\n", ":2: status 'ok' is not one of proposed, approved, rejected, deprecated"),
    "bad valid_from": (HEADER + "a,政协,CPPCC,organ,approved,2024-02-30,,,,,,\n", ":2: valid_from '2024-02-30' is not a date in YYYY-MM-DD form"),
    "date in another form": (HEADER + "a,政协,CPPCC,organ,approved,01/02/2024,,,,,,\n", ":2: valid_from '01/02/2024' is not a date"),
    "valid_from after valid_to": (HEADER + "a,政协,CPPCC,organ,approved,2024-02-01,2024-01-01,,,,,\n", ":2: valid_from 2024-02-01 is after valid_to 2024-01-01"),
    "bad updated_at": (HEADER + "a,政协,CPPCC,organ,approved,,,,,,,yesterday\n", ":2: updated_at 'yesterday' is not an ISO date-time"),
    "formula cell": (HEADER + "a,政协,=HYPERLINK(\"http://x\"),organ,approved,,,,,,,\n", ":2: en '=HYPERLINK(\"http://x\")' starts with '='"),
    "formula in a note": (HEADER + "a,政协,CPPCC,organ,approved,,,,@SUM(A1),,,\n", ":2: note '@SUM(A1)' starts with '@'"),
    "empty en": (HEADER + "a,政协,,organ,approved,,,,,,,\n", ":2: en is empty"),
    "bad id": (HEADER + "Org CPPCC,政协,CPPCC,organ,approved,,,,,,,\n", ":2: id 'Org CPPCC' must be lower-case letters"),
    "unterminated quote": (HEADER + GOOD + 'b,县志办,"County Chronicles Office,organ,proposed,,,,,,,\n', ":3: not valid CSV"),
    "empty file": ("", ":1: the file is empty"),
    "not UTF-8": (HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\n", ":2: the file is not UTF-8"),
    "error on a later line": (HEADER + GOOD + PROPOSAL + "c,市委,Municipal Committee,organ,maybe,,,,,,,\n", ":4: status 'maybe'"),
}


@pytest.mark.parametrize("name", list(BROKEN_FILES))
@pytest.mark.parametrize("command", [["list"], ["propose", "县长", "County Head", "--category", "title"]])
def test_a_broken_glossary_file_is_refused_by_every_command(runner, project, name, command):
    text, says = BROKEN_FILES[name]
    path = seed(project, text.encode("gbk" if name == "not UTF-8" else "utf-8"))
    assert_refused(runner, project, "glossary", *command, says=f"Error: {path}{says}")


@pytest.mark.parametrize("rows, says", [
    (GOOD + "a,县志办,County Chronicles Office,organ,proposed,,,,,,,\n", ":3: duplicate id 'a' (first at "),
    (GOOD + "b,政协,Political Consultative Conference,organ,approved,,,,,,,\n", ":3: approved 政协 → 'Political Consultative Conference' conflicts with a"),
])
def test_a_glossary_a_save_would_break_is_refused_before_writing(runner, project, rows, says):
    path = seed(project, (HEADER + rows).encode("utf-8"))
    assert_refused(runner, project, "glossary", "propose", "县长", "County Head", says=f"Error: {path}{says}")


def test_a_bom_is_fine(runner, project):
    seed(project, ("\ufeff" + HEADER + GOOD).encode("utf-8"))
    result = run_cli(runner, "glossary", "list")
    assert result.exit_code == 0 and result.stdout.strip() == "a  approved  政协 → CPPCC"


# --- files given to import -----------------------------------------------------------------


def tbx(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n{body}\n</body></text>\n</tbx>\n'


def concept(cid="c1", zh="<term>政协</term>", en="<term>CPPCC</term>", admin=""):
    return (f'<conceptEntry id="{cid}">{admin}<langSec xml:lang="zh"><termSec>{zh}</termSec></langSec>'
            f'<langSec xml:lang="en"><termSec>{en}</termSec></langSec></conceptEntry>')


IMPORTS = {
    "external entity": ("t.tbx", '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>',
                        "declares a DTD or entities, which l10n never resolves"),
    "entity expansion": ("t.tbx", '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><tbx>&b;</tbx>', "declares a DTD or entities"),
    "an internal DTD subset": ("t.tbx", '<?xml version="1.0"?><!DOCTYPE tbx [<!ELEMENT tbx ANY>]><tbx/>', "declares a DTD or entities"),
    "malformed XML": ("t.tbx", "<tbx>\n<text>\n<body></text></tbx>", "t.tbx:3: not well-formed XML"),
    "not XML at all": ("t.xml", "id,zh,en\n", "t.xml:1: not well-formed XML"),
    "wrong root": ("t.tbx", "<html><body/></html>", "t.tbx:1: the root element is <html>, not <tbx> or <martif>"),
    "bad validity date": ("t.tbx", tbx(concept(admin='<admin type="x-l10n-validFrom">2024-13-01</admin>')), "t.tbx:4: valid_from '2024-13-01' is not a date in YYYY-MM-DD form"),
    "bad transaction date": ("t.tbx", tbx(concept(admin='<transacGrp><transac>modification</transac><date>yesterday</date></transacGrp>')),
                             "t.tbx:4: updated_at 'yesterday' is not an ISO date-time; fix the row, nothing was imported."),
    "bad status": ("t.tbx", tbx(concept(admin='<admin type="x-l10n-status">final</admin>')), "t.tbx:4: status 'final' is not one of"),
    "missing Chinese term": ("t.tbx", tbx(concept(zh="")), "t.tbx:4: concept entry 1 has no Chinese (zh) term"),
    "missing English term": ("t.tbx", tbx(concept(en="")), "t.tbx:4: concept entry 1 has no English (en) term"),
    "formula in a TBX term": ("t.tbx", tbx(concept(en="<term>=1+1</term>")), "t.tbx:4: en '=1+1' starts with '='"),
    "valid_from after valid_to": ("t.tbx", tbx(concept(admin='<admin type="x-l10n-validFrom">2024-02-01</admin><admin type="x-l10n-validTo">2024-01-01</admin>')),
                                  "t.tbx:4: valid_from 2024-02-01 is after valid_to 2024-01-01"),
    "duplicate id in a TBX": ("t.tbx", tbx(concept() + "\n" + concept(zh="<term>县志办</term>", en="<term>County Chronicles Office</term>")),
                              "t.tbx:5: duplicate id 'c1' (first at "),
    "duplicate id in a CSV": ("p.csv", HEADER + GOOD + "a,县志办,County Chronicles Office,organ,proposed,,,,,,,\n", "p.csv:3: duplicate id 'a' (first at "),
    "bad CSV row": ("p.csv", HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\nb,市委,,organ,approved,,,,,,,\n", "p.csv:3: en is empty; fix the row, nothing was imported."),
    "CSV not UTF-8": ("p.csv", None, "p.csv:2: the file is not UTF-8"),
    "unknown extension": ("p.json", "{}", "p.json is neither .csv nor .tbx"),
}


@pytest.mark.parametrize("name", list(IMPORTS))
def test_a_bad_import_file_is_refused(runner, project_with_glossary, name):
    file_name, text, says = IMPORTS[name]
    src = project_with_glossary / file_name
    src.write_bytes((HEADER + GOOD).encode("gbk") if text is None else text.encode("utf-8"))
    assert_refused(runner, project_with_glossary, "glossary", "import", file_name, says=says)


# --- bad command-line values -------------------------------------------------------------

CLI = {
    "--valid-from garbage": (["propose", "县长", "County Head", "--valid-from", "soon"], "--valid-from 'soon' is not a date in YYYY-MM-DD form."),
    "--valid-to impossible": (["propose", "县长", "County Head", "--valid-to", "2024-02-30"], "--valid-to '2024-02-30' is not a date"),
    "dates swapped": (["propose", "县长", "County Head", "--valid-from", "2024-02-01", "--valid-to", "2024-01-01"], "--valid-from 2024-02-01 is after --valid-to 2024-01-01"),
    "bad --id": (["propose", "县长", "County Head", "--id", "County Head"], "Id 'County Head' must be lower-case letters"),
    "duplicate --id": (["propose", "县长", "County Head", "--id", "a"], "A glossary entry with id 'a' already exists"),
    "already there": (["propose", "政协", "CPPCC"], "政协 → CPPCC is already in the glossary as a (approved)."),
    "formula English": (["propose", "县长", "+County Head"], "county-head: en '+County Head' starts with '+'"),
    "--file the config": (["propose", "县长", "County Head", "--file", "l10n.toml"], "l10n.toml is not a glossary file"),
    "--file outside": (["propose", "县长", "County Head", "--file", "../elsewhere.csv"], "../elsewhere.csv is not a glossary file"),
    "--into a bulletin": (["import", "partner.csv", "--into", "bulletin.txt"], "bulletin.txt is not a glossary file"),
    "--approve without a name": (["import", "partner.csv", "--approve", "--by", ""], "--approve records who approved"),
    "approve unknown id": (["approve", "nope"], "No glossary entry has id 'nope'"),
    "reject unknown id": (["reject", "nope"], "No glossary entry has id 'nope'"),
    "edit unknown id": (["edit", "nope", "--en", "X"], "No glossary entry has id 'nope'"),
    "edit to empty English": (["edit", "p", "--en", " "], "--en cannot be empty"),
    "edit without a change": (["edit", "p", "--en", "County Chronicles Office"], "p already has these values; nothing to change."),
    "edit bad date": (["edit", "p", "--valid-to", "tomorrow"], "--valid-to 'tomorrow' is not a date"),
    "reject an approved term": (["reject", "a"], "a is approved; only a proposal can be rejected"),
    "deprecate a proposal": (["deprecate", "p"], "p is proposed; only an approved term can be deprecated"),
    "list unknown status": (["list", "--status", "final"], "--status 'final' is not one of"),
    "export unknown extension": (["export", "terms.json"], "terms.json must end in .tbx or .csv"),
    "export nowhere": (["export", "/proc/nowhere/terms.tbx"], "/proc/nowhere/terms.tbx cannot be written"),
    "export into a file": (["export", "l10n.toml/terms.csv"], "l10n.toml/terms.csv cannot be written"),
    "export unknown TBX version": (["export", "terms.tbx", "--tbx-version", "4"], "--tbx-version 4 is not 2 or 3"),
    "export TBX version of a CSV": (["export", "terms.csv", "--tbx-version", "3"], "--tbx-version applies to a .tbx export, not terms.csv"),
}


@pytest.mark.parametrize("name", list(CLI))
def test_a_bad_command_line_value_is_refused(runner, project, name):
    args, says = CLI[name]
    seed(project, (HEADER + GOOD + PROPOSAL).encode("utf-8"))
    (project / "partner.csv").write_text(HEADER + "x,县长,County Head,title,approved,,,,,,,\n", encoding="utf-8")
    (project / "bulletin.txt").write_text("县长讲话。\n", encoding="utf-8")
    assert_refused(runner, project, "glossary", *args, says=f"Error: {says}")
