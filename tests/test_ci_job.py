"""The README's CI jobs, run as written on a fresh clone of this repository's committed HEAD."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent

pytestmark = [
    pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None, reason="not a git checkout"),
    pytest.mark.skipif(not (BIN / "l10n").exists(), reason="the l10n console script is not installed next to python"),
]


def readme_yaml(heading: str) -> dict:
    """The first ```yaml block after *heading* in README.md, parsed."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading):]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, f"no yaml block after {heading}"
    return yaml.safe_load(block.group(1))


@pytest.fixture
def clone(tmp_path) -> Path:
    """A fresh clone of the committed HEAD (what a CI runner checks out)."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    dest = tmp_path / "checkout"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "--quiet", head], check=True)
    return dest


def run_step(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def ci_env(tmp_path: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # the venv's l10n stands in for `pip install .`
    # ... running the code under test (the one this interpreter imports), on the clone's files
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(__import__("l10n").__file__).parent.parent), env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def installs(command: str) -> bool:
    return command.strip().startswith("pip install")


def assert_relative_report(junit: Path) -> None:
    root = ET.parse(junit).getroot()
    files = {e.get("file") for e in root.iter() if e.get("file")}
    assert files == {"locales/en/LC_MESSAGES/example.po"}
    assert root.get("failures") == "0"


def test_the_github_actions_job_runs_as_written(clone, tmp_path):
    job = readme_yaml("### GitHub Actions")["jobs"]["check"]
    summary = tmp_path / "step-summary.md"
    env = ci_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(clone))
    ran = []
    for step in job["steps"]:
        if "run" not in step or installs(step["run"]):
            continue
        done = run_step(step["run"], clone, env)
        assert done.returncode == 0, f"{step.get('name')}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert str(clone) not in done.stdout + done.stderr, "a path in the log is absolute"
        ran.append(step["name"])
    assert ran == ["Check translations"]
    published = next(s for s in job["steps"] if s.get("uses", "").startswith("mikepenz/action-junit-report"))
    junit = clone / published["with"]["report_paths"]
    assert junit.is_file(), "the publish step finds the report"
    assert_relative_report(junit)
    uploaded = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert (clone / uploaded["with"]["path"]).is_file()
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## l10n check: passed")
    assert "| example | 9 | 9 | 0 | 0 |" in text


def test_the_gitlab_job_runs_as_written(clone, tmp_path):
    job = readme_yaml("### GitLab CI")["l10n-check"]
    env = ci_env(tmp_path)
    for command in job["script"]:
        if installs(command):
            continue
        done = run_step(command, clone, env)
        assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    for path in job["artifacts"]["paths"]:
        assert (clone / path).is_file()
    assert_relative_report(clone / job["artifacts"]["reports"]["junit"])


def test_the_demo_steps_keep_the_committed_review(clone, tmp_path):
    """Ingesting and drafting the example again over its committed catalog keeps the approved English."""
    from l10n.catalog import read_catalog
    from l10n.config import load_config
    from l10n.draft.catalog import draft_catalog

    po = clone / "locales" / "en" / "LC_MESSAGES" / "example.po"
    before = read_catalog(po)
    done = run_step("l10n ingest examples/bulletin.txt --slug example", clone, ci_env(tmp_path))
    assert done.returncode == 0, done.stderr

    def no_engine():
        raise AssertionError("an engine was loaded for a reviewed catalog")

    summary = draft_catalog(load_config(clone / "l10n.toml"), "example", engine_factory=no_engine)
    assert (summary.approved, summary.drafted) == (9, 0)  # the eight sentences and the Source line (0.0)
    after = read_catalog(po)
    assert [(e.context, e.translation, e.state, e.comment) for e in after.entries] == \
        [(e.context, e.translation, e.state, e.comment) for e in before.entries]
    status = subprocess.run(["git", "-C", str(clone), "status", "--porcelain"], capture_output=True, text=True, check=True).stdout
    assert status == "", f"the demo changed committed files:\n{status}"


def test_the_github_actions_job_reports_a_broken_catalog_and_appends_its_summary(clone, tmp_path):
    """Issue 44: one truncated catalog beside the example: the job exits 2, yet the JUnit report names
    every bulletin (the broken one as an error, with its file and line), and the step summary
    is appended to, as GitHub's $GITHUB_STEP_SUMMARY convention asks."""
    job = readme_yaml("### GitHub Actions")["jobs"]["check"]
    step = next(s for s in job["steps"] if s.get("name") == "Check translations")
    catalogs = clone / "locales" / "en" / "LC_MESSAGES"
    text = (catalogs / "example.po").read_text(encoding="utf-8")
    cut = text.split("\n")
    last_msgid = max(i for i, line in enumerate(cut) if line.startswith("msgid "))
    (catalogs / "broken.po").write_text("\n".join(cut[:last_msgid + 1]) + "\n", encoding="utf-8")  # cut before its msgstr
    summary = tmp_path / "step-summary.md"
    summary.write_text("## An earlier step\n", encoding="utf-8")
    env = ci_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(clone))
    done = run_step(step["run"], clone, env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("Error: locales/en/LC_MESSAGES/broken.po is not a valid PO file at line ")
    assert str(clone) not in done.stdout + done.stderr
    root = ET.parse(clone / "l10n-junit.xml").getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["broken", "example"]
    (case,) = suites["broken"].iter("testcase")
    assert case.find("error") is not None and case.get("line") == str(last_msgid + 1)
    assert (root.get("errors"), suites["example"].get("failures")) == ("1", "0")
    assert f"::error file=locales/en/LC_MESSAGES/broken.po,line={last_msgid + 1},title=l10n catalog::" in done.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n\n## l10n check: ERROR (1 of 2 bulletins cannot be checked; 0 of 2 failed)")
