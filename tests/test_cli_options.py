"""The CLI's surface: plain metavars, one-sentence option errors, shell completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from support import assert_refused, run_cli

from l10n.cli import app

HEAVY = ("torch", "transformers", "ctranslate2", "llama_cpp", "sacrebleu", "huggingface_hub", "trafilatura", "rich", "pydantic")
L10N = Path(sys.executable).parent / "l10n"


def all_commands():
    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(app), []))


TYPER_STYLE = re.compile(r"[{}<>]|list\[|int range|float range")


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_metavars_are_plain_uppercase_words(runner, path, command):
    result = run_cli(runner, *path, "--help")
    assert result.exit_code == 0, result.output
    usage = result.stdout.splitlines()[0]
    assert not TYPER_STYLE.search(usage), usage
    ctx = command.make_context(" ".join(["l10n", *path]), [], resilient_parsing=True)
    for param in command.params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        assert not TYPER_STYLE.search(record[0]), f"l10n {' '.join(path)}: {record[0]}"
        if param.metavar and "|" not in param.metavar:
            assert re.fullmatch(r"[A-Z][A-Z_]*", param.metavar), f"l10n {' '.join(path)}: {record[0]}"


def test_review_help_shows_the_usage_as_words(runner):
    result = run_cli(runner, "review", "--help")
    assert result.stdout.splitlines()[0] == "Usage: l10n review [OPTIONS] SLUG"
    assert "--translator NAME" in result.stdout
    assert "-c, --config FILE" in result.stdout


@pytest.mark.parametrize(("args", "says"), [
    (["export", "x", "--format", "docx"], "--format must be one of txt, md, html, po, mo, xliff, not 'docx'."),
    (["check", "--max-draft", "abc"], "--max-draft must be a whole number, not 'abc'."),
    (["check", "--min-chrf", "high"], "--min-chrf must be a number, not 'high'."),
    (["draft", "x", "--batch-size", "0"], "--batch-size must be at least 1, not '0'."),
    (["glossary", "suggest", "missing.txt"], "File 'missing.txt' does not exist."),
    (["check", "--max-draft"], ""),
])
def test_a_bad_option_value_is_one_plain_sentence(project, runner, args, says):
    if says:
        result = assert_refused(runner, project, *args, says=says)
        assert "Value error" not in result.stderr and "Input should be" not in result.stderr
    else:  # a missing value stays click's usage error, exit 2
        assert run_cli(runner, *args).exit_code == 2


def test_score_takes_the_reference_as_an_argument_only(project, runner):
    (project / "hyp.txt").write_text("a\n")
    (project / "ref.txt").write_text("a\n")
    result = run_cli(runner, "score", "hyp.txt", "--ref", "ref.txt")
    assert result.exit_code == 2
    assert "No such option: --ref" in result.stderr
    assert run_cli(runner, "score", "hyp.txt", "ref.txt").exit_code == 0


def test_help_offers_completion_and_loads_nothing_heavy():
    code = ("import sys\nfrom l10n.cli import main\nsys.argv = ['l10n', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('HEAVY:' + ','.join(m for m in %r if m in sys.modules))" % (HEAVY,))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--install-completion" in done.stdout and "--show-completion" in done.stdout
    assert done.stdout.splitlines()[-1] == "HEAVY:"


@pytest.mark.skipif(not L10N.exists(), reason="the l10n console script is not installed next to python")
@pytest.mark.parametrize(("words", "expected"), [
    ("l10n rev", "review"),
    ("l10n glossary appr", "approve"),
    ("l10n export x --format h", "html"),
])
def test_bash_completion_completes_commands_and_choices(words, expected):
    env = {**os.environ, "_L10N_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    done = subprocess.run([str(L10N)], env=env, capture_output=True, text=True, timeout=60)
    assert expected in done.stdout.split(), done.stdout + done.stderr
