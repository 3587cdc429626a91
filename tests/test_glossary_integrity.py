"""Issue 16, glossary part: nothing a person approved is lost, nothing broken gets in.

Paths name one file however they are spelled; only glossary files are written; a save
leaves every row it did not change byte-identical; state changes follow the workflow.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import FIELDS, load_glossary
from tests.conftest import ROOT
from tests.support import assert_refused, run_cli, snapshot

HEADER = ",".join(FIELDS) + "\n"
REPO_FILES = sorted(p.name for p in (ROOT / "glossary").glob("*.csv"))


def glossary_of(project: Path):
    return load_glossary(load_config(project / "l10n.toml"))


def count_rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


# --- 1. one file, however its path is spelled -----------------------------------------


@pytest.mark.parametrize("spelling", ["glossary/titles.csv", "./glossary/titles.csv", "absolute", "symlink"])
def test_propose_into_an_existing_file_keeps_its_terms_however_the_path_is_spelled(runner, project_with_glossary, spelling):
    titles = project_with_glossary / "glossary" / "titles.csv"
    if spelling == "absolute":
        spelling = str(titles)
    elif spelling == "symlink":
        (project_with_glossary / "link.csv").symlink_to(titles)
        spelling = "link.csv"
    before = count_rows(titles)
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--category", "title", "--file", spelling)
    if spelling == "link.csv":
        # a link outside the glossary folder is still the glossary's own file: allowed, and written through
        assert result.exit_code == 0, result.stderr
        assert (project_with_glossary / "link.csv").is_symlink()
    else:
        assert result.exit_code == 0, result.stderr
    assert count_rows(titles) == before + 1
    assert len(glossary_of(project_with_glossary)) == sum(count_rows(project_with_glossary / "glossary" / n) for n in REPO_FILES)


def test_importing_twice_into_a_relative_path_keeps_the_first_import(runner, project, tmp_path):
    a = tmp_path / "a.csv"
    a.write_text(HEADER + "a1,政协,CPPCC,organ,proposed,,,,,,,\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER + "b1,县志办,County Chronicles Office,organ,proposed,,,,,,,\n", encoding="utf-8")
    assert run_cli(runner, "glossary", "import", str(a), "--into", "glossary/partner.csv").exit_code == 0
    result = run_cli(runner, "glossary", "import", str(b), "--into", "glossary/partner.csv")
    assert result.exit_code == 0, result.stderr
    assert [t.id for t in glossary_of(project)] == ["a1", "b1"]


# --- 2. only glossary files are written ------------------------------------------------


@pytest.mark.parametrize("target", ["l10n.toml", "notes.csv", "glossary/sub/new.csv", "glossary/new.txt", "../outside.csv", "/tmp/x.csv"])
def test_propose_refuses_a_file_outside_the_glossary(runner, project_with_glossary, target):
    assert_refused(runner, project_with_glossary, "glossary", "propose", "县志办", "County Chronicles Office", "--file", target,
                   says="is not a glossary file")


def test_import_refuses_to_overwrite_a_bulletin(runner, project, tmp_path):
    (project / "examples").mkdir()
    (project / "examples" / "bulletin.txt").write_text("市政协会议\n", encoding="utf-8")
    src = tmp_path / "a.csv"
    src.write_text(HEADER + "a1,政协,CPPCC,organ,proposed,,,,,,,\n", encoding="utf-8")
    assert_refused(runner, project, "glossary", "import", str(src), "--into", "examples/bulletin.txt", says="is not a glossary file")


def test_a_new_csv_in_the_glossary_folder_may_be_written(runner, project):
    result = run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--file", "glossary/local.csv")
    assert result.exit_code == 0, result.stderr
    assert (project / "glossary" / "local.csv").read_text(encoding="utf-8").startswith(HEADER)
