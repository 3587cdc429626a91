"""Shared fixtures: a throw-away l10n project and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.config import EXAMPLE, load_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty l10n project (l10n.toml, glossary/, locales/, models/) as the cwd; its translator is Jing."""
    (tmp_path / "l10n.toml").write_text(EXAMPLE.replace('translator = ""', 'translator = "Jing"', 1), encoding="utf-8")
    for sub in ("glossary", "locales/templates", "models"):
        (tmp_path / sub).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def project_with_glossary(project: Path) -> Path:
    """A project carrying the repository's starting glossary."""
    for csv in (ROOT / "glossary").glob("*.csv"):
        shutil.copy(csv, project / "glossary" / csv.name)
    return project


@pytest.fixture
def config(project: Path):
    return load_config(project / "l10n.toml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

