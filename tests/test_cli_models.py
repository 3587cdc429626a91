"""``l10n models …`` and ``l10n translate`` as the user sees them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from support import run_cli

BLOB = b"weights " * 1000
ENTRY = f"""\
engine = "llama"
file = "toy.gguf"
size = {len(BLOB)}
sha256 = "{hashlib.sha256(BLOB).hexdigest()}"
licence = "MIT"

[[sources]]
kind = "file"
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("L10N_CACHE_DIR", str(directory))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return directory


@pytest.fixture
def toy(project, cache) -> Path:
    (project / "models" / "toy.toml").write_text(ENTRY, encoding="utf-8")
    weights = project / "toy.gguf"
    weights.write_bytes(BLOB)
    return weights


def test_importing_the_cli_loads_no_model_runtime():
    code = (
        "import sys, l10n.cli; "
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'llama_cpp', 'huggingface_hub', 'httpx') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


def test_every_models_command_and_translate_help_ends_with_an_example():
    import typer.main

    from l10n.cli import app

    root = typer.main.get_command(app)
    mine = {path: cmd for path, cmd in _commands(root) if path[0] in ("models", "translate")}
    assert {p for p in mine} >= {("models",), ("models", "list"), ("models", "info"), ("models", "pull"), ("models", "verify"), ("models", "path"), ("translate",)}
    for path, command in mine.items():
        assert "\b\nExample:\n  l10n " in (command.help or ""), path


def test_list_shows_builtin_and_project_models(runner, toy):
    result = run_cli(runner, "models", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("* qwen2.5-coder-1.5b-instruct-q4_k_m") and "Apache-2.0" in line for line in lines)
    assert any(line.startswith("  toy") and "not pulled" in line for line in lines)


def test_info_unknown_model_is_one_error_line(runner, project, cache):
    result = run_cli(runner, "models", "info", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Unknown model 'nope' (registered: ")
    assert result.stderr.rstrip().endswith("run `l10n models list` to see them.")


def test_pull_from_then_path_verify_and_info(runner, toy, cache):
    result = run_cli(runner, "models", "pull", "toy", "--from", str(toy))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(cache / "toy.gguf")
    assert "verify" in result.stderr
    assert run_cli(runner, "models", "path", "toy").stdout.strip() == str(cache / "toy.gguf")
    verified = run_cli(runner, "models", "verify", "toy")
    assert verified.exit_code == 0
    assert verified.stdout.startswith(f"OK {cache / 'toy.gguf'} ({len(BLOB):,} bytes, sha256 ")
    assert "cached       yes" in run_cli(runner, "models", "info", "toy").stdout


def test_path_before_pull_says_to_pull(runner, toy):
    result = run_cli(runner, "models", "path", "toy")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: Weights for toy are not in {Path(result.stderr.split(' are not in ')[1].split(';')[0])}; run `l10n models pull toy`."


def test_pull_without_source_fails_clearly(runner, toy):
    result = run_cli(runner, "models", "pull", "toy")
    assert result.exit_code == 2
    assert "file (--from PATH): no local path given (pass --from PATH)" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: No source could provide toy (file (--from PATH): no local path given (pass --from PATH)); "
        "pass --from PATH with the weights file."
    )


def test_pull_with_wrong_bytes_reports_checksum_mismatch(runner, toy, tmp_path, cache):
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(BLOB[:-1] + b"!")
    result = run_cli(runner, "models", "pull", "toy", "--from", str(bad))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: The weights obtained for toy have sha256 ")
    assert not (cache / "toy.gguf").exists() and not (cache / "toy.gguf.part").exists()


def test_translate_reads_stdin_through_the_openai_engine(runner, project, monkeypatch):
    from test_engine_openai import Server

    server = Server()
    try:
        with open(project / "l10n.toml", "a", encoding="utf-8") as f:
            f.write(f'\n[engines.openai]\nurl = "{server.url}"\nmodel = "farm"\nretries = 0\n')
        result = run_cli(runner, "translate", "--plain", "--engine", "openai", input="会议召开。\n\n通知印发。\n")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines() == ["EN(会议召开。)", "EN(通知印发。)"]
        one = run_cli(runner, "translate", "--plain", "--engine", "openai", "--model", "other", "主持。")
        assert one.stdout == "EN(主持。)\n" and server.requests[-1]["model"] == "other"
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def test_translate_with_missing_weights_says_to_pull(runner, toy):
    result = run_cli(runner, "translate", "--model", "toy", "会议。")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("run `l10n models pull toy`.")


def test_translate_unknown_engine_and_empty_input(runner, project):
    bad = run_cli(runner, "translate", "--engine", "moses", "会议。")
    assert bad.exit_code == 2 and bad.stderr.strip() == "Error: Unknown engine 'moses'; use one of llama, marian, openai."
    empty = run_cli(runner, "translate", input="\n  \n")
    assert empty.exit_code == 2
    assert empty.stderr.strip() == "Error: Nothing to translate; pass sentences as arguments or one per line on stdin."


def test_models_help_runs_in_a_subprocess():
    out = subprocess.run([sys.executable, "-m", "l10n.cli", "models", "--help"], capture_output=True, text=True)
    if out.returncode != 0 and "No module named l10n.cli.__main__" in out.stderr:
        from l10n.cli import main  # noqa: F401

        out = subprocess.run([sys.executable, "-c", "import sys; sys.argv=['l10n','models','--help']; from l10n.cli import main; main()"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "Example:" in out.stdout and "l10n models pull" in out.stdout


@pytest.mark.model
def test_translate_with_the_real_default_model(runner, project, monkeypatch):
    pytest.importorskip("llama_cpp")
    from l10n import registry

    monkeypatch.delenv("L10N_CACHE_DIR", raising=False)
    if not registry.is_present(registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")):
        pytest.skip("default model weights not pulled")
    result = run_cli(runner, "translate", "会议由市委史志研究室主任李成明主持。")
    assert result.exit_code == 0
    assert "Li Chengming" in result.stdout
