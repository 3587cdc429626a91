"""``--json`` outputs, checked against schemas written here: key sets and value types."""

from __future__ import annotations

import json

import pytest
from support import assert_refused, run_cli, write_template

from l10n.catalog import Catalog, Entry, write_catalog

NUMBER = (int, float)
OPTIONAL_NUMBER = (int, float, type(None))

CHECK_SCHEMA = {
    "passed": bool,
    "thresholds": {"max_draft": int, "min_term_accuracy": NUMBER, "min_chrf": NUMBER},
    "bulletins": [{
        "slug": str,
        "path": str,
        "passed": bool,
        "counts": {"approved": int, "draft": int, "untranslated": int},
        "findings": [{"context": str, "line": (int, type(None)), "check": str, "severity": str, "message": str}],
        "error": ({"message": str, "file": str, "line": (int, type(None))}, None),
        "failures": {str: [str]},
        "excused": {str: [str]},
        "skipped": {str: str},
        "term_accuracy": ({"value": OPTIONAL_NUMBER, "found": int, "total": int}, None),
        "chrf": ({"score": NUMBER, "signature": str}, None),
    }],
}

LIST_SCHEMA = {
    "slug": str,
    "entries": [{
        "context": str, "state": str, "source": str, "translation": str, "findings": [str],
        "confidence": OPTIONAL_NUMBER, "repairs": [str], "approved_by": [str], "approved_despite": [str], "comments": [str],
    }],
}


def conforms(value, schema, where="$"):
    """Assert *value* has exactly the keys and the types *schema* gives (a tuple: any of them)."""
    if isinstance(schema, tuple) and any(isinstance(s, dict) for s in schema):
        if value is None and None in schema:
            return
        return conforms(value, next(s for s in schema if isinstance(s, dict)), where)
    if isinstance(schema, dict):
        assert isinstance(value, dict), f"{where}: {value!r} is not an object"
        if list(schema) == [str]:  # a map from any key
            for k, v in value.items():
                assert isinstance(k, str)
                conforms(v, schema[str], f"{where}.{k}")
            return
        assert set(value) == set(schema), f"{where}: keys {sorted(value)} != {sorted(schema)}"
        for k, s in schema.items():
            conforms(value[k], s, f"{where}.{k}")
    elif isinstance(schema, list):
        assert isinstance(value, list), f"{where}: {value!r} is not an array"
        for i, item in enumerate(value):
            conforms(item, schema[0], f"{where}[{i}]")
    else:
        if schema is int or schema == (int, type(None)):
            assert not isinstance(value, bool), f"{where}: {value!r} is a bool"
        assert isinstance(value, schema), f"{where}: {value!r} is not {schema}"


GLOSSARY = (
    "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
    "cppcc,政协,CPPCC,institution,approved,,,,,Jing,Jing,2026-11-01\n"
)
LONG = "The meeting, presided over by Li Chengming, heard and discussed the county's work report for the year in full."


def write(project, entries, slug="loufan"):
    path = project / "locales" / "en" / "LC_MESSAGES" / f"{slug}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(Catalog(slug, {"Language": "en", "X-Bulletin-Date": "2023-12-09"}, entries), path)
    write_template(project, Catalog(slug, {}, entries))
    return path


def entries():
    return [
        Entry("0.1", "县政协召开会议", "County Political Consultative Conference holds meeting", comment="approved-by: Jing 2026-12-01"),
        Entry("1.1", "李成明主持会议并听取了全县全年的工作报告。", LONG, fuzzy=True,
              notes=["name: 李成明 → Li Chengming", "confidence: 0.61", "repair: replaced Li Chengmin with Li Chengming",
                     "qa: length-ratio: much longer than the source"],
              comment="Check the year.\napproved-by: Wei 2026-11-30"),
        Entry("1.2", "全县86万人受益。", ""),
    ]


def test_check_json_follows_its_schema_and_holds_the_verdict(project, runner):
    (project / "glossary" / "institutions.csv").write_text(GLOSSARY, encoding="utf-8")
    write(project, entries())
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    conforms(report, CHECK_SCHEMA)
    assert report["passed"] is False
    (b,) = report["bulletins"]
    assert (b["slug"], b["path"], b["passed"]) == ("loufan", "locales/en/LC_MESSAGES/loufan.po", False)
    assert b["counts"] == {"approved": 1, "draft": 1, "untranslated": 1}
    missing = [f for f in b["findings"] if f["check"] == "missing-term"]
    assert missing == [{"context": "0.1", "line": missing[0]["line"], "check": "missing-term", "severity": "error",
                        "message": "政协 → CPPCC not found"}]
    assert isinstance(missing[0]["line"], int)
    assert sorted(b["failures"]) == ["missing-term", "term-accuracy", "unreviewed"]
    assert b["failures"]["term-accuracy"] == ["term accuracy 0.000 (0/1) is below 0.98"]
    assert b["term_accuracy"] == {"value": 0.0, "found": 0, "total": 1}
    assert b["chrf"] is None and b["skipped"] == {"chrf": "no --refs"}


def test_check_json_with_a_reference_has_chrf(project, runner, tmp_path):
    good = [Entry("0.1", "会议召开", "The meeting opens")]
    write(project, good)
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "loufan.en.txt").write_text("The meeting opens\n", encoding="utf-8")
    result = run_cli(runner, "check", "--json", "--refs", str(refs))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    conforms(report, CHECK_SCHEMA)
    assert report["passed"] is True
    chrf = report["bulletins"][0]["chrf"]
    assert chrf["score"] == pytest.approx(100.0) and chrf["signature"].startswith("nrefs:1")
    assert report["bulletins"][0]["term_accuracy"] == {"value": None, "found": 0, "total": 0}  # no glossary term in it


def test_check_json_on_actions_keeps_stdout_json(project, runner, monkeypatch):
    write(project, entries())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(runner, "check", "--json")
    json.loads(result.stdout)
    assert any(line.startswith("::error file=locales/en/LC_MESSAGES/loufan.po") for line in result.stderr.splitlines())


def test_review_list_json_has_every_entry_in_full(project, runner):
    write(project, entries())
    result = run_cli(runner, "review", "loufan", "--list", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    conforms(listed, LIST_SCHEMA)
    assert [e["context"] for e in listed["entries"]] == ["0.1", "1.1", "1.2"]
    second = listed["entries"][1]
    assert second["translation"] == LONG  # whole, not cut at 41 characters
    assert (second["state"], second["confidence"], second["approved_by"], second["comments"]) == ("draft", 0.61, ["Wei"], ["Check the year."])
    assert second["findings"] == []  # computed as check does; the qa: note is a record of drafting only
    assert second["repairs"] == ["replaced Li Chengmin with Li Chengming"]
    assert listed["entries"][2]["state"] == "untranslated"


def test_json_escapes_what_could_reach_a_terminal(project, runner):
    hostile = "x\u202e\x1b[2J\n::error::y"
    write(project, [Entry("0.1", "会议" + hostile, "Meeting" + hostile)])
    result = run_cli(runner, "review", "loufan", "--list", "--json")
    for raw in ("\u202e", "\x1b", "\n::"):
        assert raw not in result.stdout
    assert json.loads(result.stdout)["entries"][0]["translation"] == "Meeting" + hostile  # the data itself intact


@pytest.mark.parametrize("width", [60, 120])
def test_review_list_table_uses_the_terminal_width(project, runner, width):
    write(project, entries())
    result = runner.invoke(__import__("l10n.cli", fromlist=["app"]).app, ["review", "loufan", "--list"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    shown = "".join(line for line in lines if "1.1" in line)
    if width >= 120:
        assert LONG[:80] in shown  # far past the old 40-character cut
    else:
        assert "…" in shown


def test_review_json_without_list_is_refused(project, runner):
    write(project, entries())
    assert_refused(runner, project, "review", "loufan", "--json", says="--json goes with --list")
