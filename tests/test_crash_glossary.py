"""SIGKILL at random points of the glossary's writers: `glossary export` and a 20,000-entry TBX `glossary import`.

As in test_crash.py, each test runs the real command in a subprocess, kills it at moments drawn
from a fixed seed over the command's own measured run time, and then checks that every glossary
file parses, that no approved term was lost or changed, that no file is half-written (an export
is the old file or the new one, whole), and that running the command again finishes the work.
Eight kills per command: half anywhere in the run, half in its last tenth, where the file is written.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import Glossary, Term
from l10n.glossary.store import parse_csv, render_csv
from l10n.glossary.tbx import parse_tbx, render_tbx
from tests.test_crash import kill_after, l10n, start, timed

pytestmark = pytest.mark.slow

KILLS = 8
ENTRIES = 20_000
_CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def generated(n: int, prefix: str, seed: int) -> list[Term]:
    """*n* terms with distinct Chinese no repository term has (four to seven rare characters)."""
    rng, seen, terms = random.Random(seed), set(), []
    while len(terms) < n:
        zh = "".join(rng.choice(_CHARS) for _ in range(rng.randint(4, 7)))
        if zh not in seen:
            seen.add(zh)
            i = len(terms)
            terms.append(Term(f"{prefix}-{i}", zh, f"Unit {i}", "organ", "approved" if i % 3 else "proposed", proposed_by="Wu"))
    return terms


def moment(rng: random.Random, kill: int, full: float) -> float:
    """When to kill: anywhere in a run of *full* seconds, or (every other kill, the first too) in its last tenth, where it writes."""
    return rng.uniform(0.9 * full, full) if kill % 2 == 0 else rng.uniform(0.05, full)


def state(project: Path) -> tuple[dict[str, bytes], Glossary]:
    """The glossary files' bytes and the glossary they hold; every file must parse."""
    cfg = load_config(project / "l10n.toml")
    files = cfg.glossary_files()
    return {p.name: p.read_bytes() for p in files}, Glossary.from_files(files)


def approved(glossary: Glossary) -> dict[str, Term]:
    return {t.id: t for t in glossary if t.status == "approved"}


def test_killed_tbx_import_loses_no_term_and_a_rerun_finishes(project_with_glossary, tmp_path):
    project = project_with_glossary
    partner = tmp_path / "partner.tbx"
    partner.write_text(render_tbx(generated(ENTRIES, "partner", 41)), encoding="utf-8")
    files_before, glossary = state(project)
    approved_before = approved(glossary)
    target = project / "glossary" / "partner.csv"
    args = ("glossary", "import", str(partner), "--into", "glossary/partner.csv", "--approve", "--by", "Jing")
    full = timed(lambda: l10n(project, *args))
    assert len([t for t in state(project)[1] if t.id.startswith("partner-")]) == ENTRIES
    target.unlink()
    rng = random.Random(41)
    for kill in range(KILLS):
        kill_after(start(project, *args), moment(rng, kill, full))
        files, glossary = state(project)
        assert {k: v for k, v in files.items() if k in files_before} == files_before
        imported = [t for t in glossary if t.id.startswith("partner-")]
        assert len(imported) in (0, ENTRIES), "an import is all or nothing"
        assert {k: v for k, v in approved(glossary).items() if k in approved_before} == approved_before
        if imported and kill < KILLS - 1:  # the last kill's state is what the rerun finishes
            target.unlink()
    done = l10n(project, *args)
    assert done.returncode == 0, done.stderr
    files, glossary = state(project)
    assert len([t for t in glossary if t.id.startswith("partner-") and t.status in ("approved", "proposed")]) == ENTRIES
    assert {k: v for k, v in approved(glossary).items() if k in approved_before} == approved_before
    assert not list((project / "glossary").glob(".partner.csv.*.tmp")), "the rerun removes what a killed write left"


@pytest.mark.parametrize("suffix, read", [(".tbx", parse_tbx), (".csv", lambda data: parse_csv(data.decode("utf-8"))[0])])
def test_killed_export_leaves_the_old_file_or_the_new_one(project_with_glossary, suffix, read):
    project = project_with_glossary
    (project / "glossary" / "generated.csv").write_text(render_csv(generated(ENTRIES, "gen", 42)), encoding="utf-8")
    files_before, glossary = state(project)
    out = project / "out" / f"terms{suffix}"
    assert l10n(project, "glossary", "export", str(out), "--status", "proposed").returncode == 0
    old = out.read_bytes()
    full = timed(lambda: l10n(project, "glossary", "export", str(out)))
    new = out.read_bytes()
    assert len(read(new)) == len(glossary) > len(read(old))
    rng = random.Random(43 if suffix == ".tbx" else 44)
    for kill in range(KILLS // 2):
        out.write_bytes(old)
        kill_after(start(project, "glossary", "export", str(out)), moment(rng, kill, full))
        assert out.read_bytes() in (old, new), "an export is the old file or the new one, whole"
        read(out.read_bytes())
        assert state(project)[0] == files_before  # an export never touches the glossary
    done = l10n(project, "glossary", "export", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == new
    assert not list(out.parent.glob(f".terms{suffix}.*.tmp"))
