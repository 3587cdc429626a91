"""The CLI as a whole: help texts, start-up cost, config errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from l10n.cli import app

from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "ctranslate2", "llama_cpp", "sacrebleu", "huggingface_hub", "trafilatura", "jieba")


def all_commands():
    root = typer.main.get_command(app)

    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(root, []))


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_every_command_help_ends_with_an_example(path, command):
    assert command.help, f"l10n {' '.join(path)} has no help"
    assert "Example:" in command.help, f"l10n {' '.join(path)} help has no Example block"


def test_importing_the_cli_loads_no_model_runtime():
    code = "import sys, l10n.cli; print(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_help_runs_in_a_subprocess():
    done = subprocess.run([sys.executable, "-c", "from l10n.cli import main; main()", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "Example:" in done.stdout


def test_version(runner):
    result = run_cli(runner, "--version")
    assert result.exit_code == 0 and result.stdout.startswith("l10n ")


def test_missing_config_is_one_sentence(tmp_path, monkeypatch, runner):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.txt").write_text("市政协召开会议\n\n会议召开。", encoding="utf-8")
    result = run_cli(runner, "ingest", "b.txt")
    assert result.exit_code == 2
    assert result.stderr == f"Error: No l10n.toml in {tmp_path.resolve()} or its parents; run `l10n init` to create one.\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[project\n", "is not valid TOML"),
        ("[check]\nmin_chrf = 'high'\n", "[check] min_chrf must be int or float, not 'high'."),
        ("project = 3\n", "[project] must be a table, not int."),
    ],
)
def test_malformed_config_is_one_sentence(project, runner, toml, message):
    (project / "l10n.toml").write_text(toml, encoding="utf-8")
    result = run_cli(runner, "ingest", "x.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr


def test_init_leaves_the_translator_for_the_user_to_set(tmp_path, runner, monkeypatch):
    from support import assert_refused

    target = tmp_path / "news"
    assert run_cli(runner, "init", str(target)).exit_code == 0
    line = next(line for line in (target / "l10n.toml").read_text(encoding="utf-8").splitlines() if line.startswith("translator"))
    assert line.startswith('translator = ""') and "set your name" in line
    monkeypatch.chdir(target)
    assert run_cli(runner, "ingest", str(ROOT / "examples" / "bulletin.txt"), "--slug", "b").exit_code == 0
    catalog = target / "locales" / "en" / "LC_MESSAGES" / "b.po"
    catalog.write_bytes((target / "locales" / "templates" / "b.pot").read_bytes())  # nothing drafted yet
    # What reads it asks for a name instead of signing with an empty one.
    assert_refused(runner, target, "review", "b", "--accept-clean", says="No translator name: pass --translator NAME or set translator in l10n.toml")
    assert run_cli(runner, "glossary", "propose", "县志办", "County Chronicles Office", "--id", "c").exit_code == 0
    assert_refused(runner, target, "glossary", "approve", "c", says="Approval records who approved; pass --by NAME or set translator in l10n.toml.")


def test_init_creates_a_project_and_refuses_to_overwrite(tmp_path, runner):
    target = tmp_path / "news"
    assert run_cli(runner, "init", str(target)).exit_code == 0
    assert (target / "l10n.toml").is_file() and (target / "glossary").is_dir()
    again = run_cli(runner, "init", str(target))
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr
