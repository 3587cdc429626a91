"""Glossary CSV model: load, validate, workflow, atomic locked writes."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.errors import L10nError
from l10n.glossary import (
    FIELDS, Glossary, GlossaryError, GlossaryLockedError, Term, TermConflictError, UnknownTermError,
    approve, deprecate, edit, editing, load_glossary, propose, reject, validate_files,
)
from l10n.glossary.store import parse_csv, render_csv

HEADER = ",".join(FIELDS) + "\n"


def write(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_glossary_error_is_an_l10n_error():
    assert issubclass(GlossaryError, L10nError)


def test_load_glossary_reads_configured_files_and_revision(project):
    write(project / "glossary" / "a.csv", "org-cppcc,政协,CPPCC,organ,approved,,,People's Political Consultative Committee,cppcc.gov.cn,,,")
    write(project / "glossary" / "b.csv", "title-director,主任,Director,title,approved,2020-01-01,,,,,,")
    g = load_glossary(load_config(project / "l10n.toml"))
    assert [t.id for t in g.terms] == ["org-cppcc", "title-director"]
    t = g.terms[1]
    assert (t.valid_from, t.valid_to, t.file.endswith("b.csv"), t.line) == (dt.date(2020, 1, 1), None, True, 2)
    assert len(g.revision) == 12 and all(c in "0123456789abcdef" for c in g.revision)


def test_revision_changes_with_file_bytes(tmp_path):
    path = write(tmp_path / "g.csv", "a,政协,CPPCC,organ,approved,,,,,,,")
    first = Glossary.from_files([path]).revision
    assert Glossary.from_files([path]).revision == first
    write(path, "a,政协,CPPCC,organ,approved,,,,note,,,")
    assert Glossary.from_files([path]).revision != first


@pytest.mark.parametrize("row, message", [
    ("a,政协,CPPCC,organ,maybe,,,,,,,", "status 'maybe' is not one of proposed, approved, rejected, deprecated"),
    ("a,政协,,organ,approved,,,,,,,", "en is empty"),
    (",政协,CPPCC,organ,approved,,,,,,,", "id is empty"),
    ("a,政协,CPPCC,organ,approved,2020-13-01,,,,,,", "valid_from '2020-13-01' is not a date in YYYY-MM-DD form"),
    ("a,政协,CPPCC,organ,approved,2021-01-01,2020-01-01,,,,,", "valid_from 2021-01-01 is after valid_to 2020-01-01"),
    ("a,政协,CPPCC,organ,approved", "has 5 fields, the header has 12"),
    ("A B,政协,CPPCC,organ,approved,,,,,,,", "id 'A B' must be lower-case letters, digits, '.', '_' or '-'"),
])
def test_malformed_row_names_file_and_line(tmp_path, row, message):
    path = write(tmp_path / "g.csv", "ok,市委,Municipal Party Committee,organ,approved,,,,,,,", row)
    with pytest.raises(GlossaryError) as err:
        Glossary.from_files([path])
    assert str(err.value).startswith(f"{path}:3: {message}")


def test_wrong_header_and_bad_encoding_are_reported(tmp_path):
    bad = tmp_path / "h.csv"
    bad.write_text("zh,en\n政协,CPPCC\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"h.csv:1: the header row must be id,zh,en"):
        Glossary.from_files([bad])
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((HEADER + "a,政协,CPPCC,organ,approved,,,,,,,\n").encode("gbk"))
    with pytest.raises(GlossaryError, match=r"gbk.csv:2: the file is not UTF-8"):
        Glossary.from_files([gbk])


def test_bom_and_quoted_multiline_notes_are_accepted(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("\ufeff" + HEADER + 'a,政协,CPPCC,organ,approved,,,,"two\nlines",,,\nb,市委,Municipal Party Committee,organ,approved,,,,,,,\n', encoding="utf-8")
    g = Glossary.from_files([path])
    assert [(t.id, t.line) for t in g.terms] == [("a", 2), ("b", 4)]
    assert g.get("a").note == "two\nlines"


def test_render_csv_round_trips():
    terms = [Term("a", "政协", "CPPCC, the body", "organ", "approved", dt.date(2020, 1, 1), None, ("X", "Y"), 'say "hi"', "Jing", "Li", "2024-01-01T00:00:00Z")]
    parsed, problems = parse_csv(render_csv(terms))
    assert problems == [] and parsed == terms


def test_validate_lists_every_problem_with_file_and_line(tmp_path):
    a = write(tmp_path / "a.csv",
              "org-cppcc,政协,CPPCC,organ,approved,,,,,,,",
              "org-cppcc,政协,CPPCC,organ,proposed,,,,,,,",
              "bad,市委,,organ,approved,,,,,,,")
    b = write(tmp_path / "b.csv",
              "org-cppcc-2,政协,Political Consultative Conference,organ,approved,2010-01-01,,,,,,",
              "old,文化部,Ministry of Culture,organ,approved,,2018-03-17,,,,,",
              "new,文化部,Ministry of Culture and Tourism,organ,approved,2018-03-18,,,,,,")
    problems = [str(p) for p in validate_files([a, b])]
    assert problems == [
        f"{a}:4: en is empty",
        f"{a}:3: duplicate id 'org-cppcc' (first at {a}:2)",
        f"{b}:2: approved 政协 → 'Political Consultative Conference' conflicts with org-cppcc → 'CPPCC' ({a}:2) on overlapping dates",
        f"{a}:3: proposed 政协 → 'CPPCC' is a second English for approved org-cppcc-2 → 'Political Consultative Conference' ({b}:2)"
        " on overlapping dates; reject one of them or set --valid-from/--valid-to.",
    ]


def test_non_overlapping_validity_is_no_conflict():
    g = Glossary([
        Term("old", "文化部", "Ministry of Culture", status="approved", valid_to=dt.date(2018, 3, 17)),
        Term("new", "文化部", "Ministry of Culture and Tourism", status="approved", valid_from=dt.date(2018, 3, 18)),
    ])
    assert g.problems() == []


def fresh(project) -> object:
    write(project / "glossary" / "organs.csv", "org-cppcc,政协,CPPCC,organ,approved,,,,,,,")
    return load_config(project / "l10n.toml")


def test_workflow_propose_approve_edit_reject_deprecate(project):
    cfg = fresh(project)
    with editing(cfg) as g:
        t = propose(g, "县志办", "County Chronicles Office", by="Li", category="organ", now="2024-01-01T00:00:00Z")
    assert (t.id, t.status, t.proposed_by, t.updated_at) == ("organ-county-chronicles-office", "proposed", "Li", "2024-01-01T00:00:00Z")
    assert Path(t.file) == project / "glossary" / "organs.csv"
    with editing(cfg) as g:
        t = approve(g, t.id, by="Jing", now="2024-01-02T00:00:00Z")
    assert (t.status, t.approved_by, t.updated_at) == ("approved", "Jing", "2024-01-02T00:00:00Z")
    with editing(cfg) as g:
        t = edit(g, t.id, en="County Local Chronicles Office", by="Li")
    assert (t.id, t.status, t.approved_by, t.en) == ("organ-county-chronicles-office.r2", "proposed", "", "County Local Chronicles Office")
    with editing(cfg) as g:
        assert reject(g, t.id).status == "rejected"
        assert deprecate(g, "org-cppcc").status == "deprecated"
    reloaded = load_glossary(cfg)
    assert [(x.id, x.status) for x in reloaded] == [
        ("org-cppcc", "deprecated"), ("organ-county-chronicles-office", "approved"), ("organ-county-chronicles-office.r2", "rejected")]


def test_approve_needs_a_name_and_refuses_conflicts(project):
    cfg = fresh(project)
    # propose refuses a second English for an approved term (issue 41, item 13): a hand-edited row holds one
    write(project / "glossary" / "organs.csv", "org-cppcc,政协,CPPCC,organ,approved,,,,,,,",
          "bad-cppcc,政协,People's Political Consultative Committee,organ,proposed,,,,,,,")
    with pytest.raises(GlossaryError, match="Approval records who approved"):
        with editing(cfg) as g:
            approve(g, "bad-cppcc", by="")
    with pytest.raises(TermConflictError, match="conflicts with approved org-cppcc"):
        with editing(cfg) as g:
            approve(g, "bad-cppcc", by="Jing")
    assert load_glossary(cfg).get("bad-cppcc").status == "proposed"


def test_unknown_id_and_duplicate_proposal(project):
    cfg = fresh(project)
    with pytest.raises(UnknownTermError, match="No glossary entry has id 'nope'"):
        with editing(cfg) as g:
            approve(g, "nope", by="Jing")
    with pytest.raises(GlossaryError, match="already in the glossary as org-cppcc"):
        with editing(cfg) as g:
            propose(g, "政协", "CPPCC")


def test_malformed_file_means_nothing_is_written(project):
    cfg = fresh(project)
    broken = write(project / "glossary" / "zz.csv", "x,市委,,organ,approved,,,,,,,")
    before = (project / "glossary" / "organs.csv").read_bytes()
    with pytest.raises(GlossaryError, match=r"zz.csv:2: en is empty"):
        with editing(cfg) as g:
            propose(g, "县志办", "County Chronicles Office", category="organ")
    assert (project / "glossary" / "organs.csv").read_bytes() == before
    assert broken.read_text(encoding="utf-8").count("\n") == 2
    assert not [p for p in (project / "glossary").iterdir() if p.name.endswith(".tmp")]


def test_second_editor_waits_for_the_lock_and_sees_the_first_edit(project):
    cfg = fresh(project)
    started = threading.Event()

    def first():
        with editing(cfg) as g:
            started.set()
            time.sleep(0.3)
            propose(g, "县志办", "County Chronicles Office", category="organ")

    thread = threading.Thread(target=first)
    thread.start()
    started.wait()
    with editing(cfg, timeout=5) as g:
        assert "县志办" in {t.zh for t in g}
        propose(g, "市志办", "Municipal Chronicles Office", category="organ")
    thread.join()
    assert {t.zh for t in load_glossary(cfg)} == {"政协", "县志办", "市志办"}


def test_locked_glossary_times_out_with_a_clear_error(project):
    from filelock import FileLock

    cfg = fresh(project)
    with FileLock(str(project / "glossary" / ".glossary.lock")):
        with pytest.raises(GlossaryLockedError, match="Another editor is changing the glossary"):
            with editing(cfg, timeout=0.1):
                pass
