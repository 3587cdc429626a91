"""Bad input across commands: each case is one ``Error:`` sentence, exit 2, no traceback, nothing changed.

One table per command family; :func:`support.assert_refused` checks the whole contract.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, base_header, write_catalog
from l10n.config import load_config
from support import assert_refused, write_template

ROOT = Path(__file__).resolve().parent.parent
BULLETIN = ROOT / "examples" / "bulletin.txt"


@pytest.fixture
def inputs(tmp_path_factory) -> Path:
    """A folder of bad inputs outside the project (so the project snapshot stays small)."""
    d = tmp_path_factory.mktemp("inputs")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "english.txt").write_text("City council meets\n\nThe council met on Monday to discuss the budget.\n", encoding="utf-8")
    (d / "garbage.txt").write_bytes(b"\x80\x80\xff\x80" * 4)
    (d / "utf16-broken.txt").write_bytes(b"\xff\xfe" + "通知".encode("utf-16-le") + b"\x00")
    (d / "folder").mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    with open(d / "huge.txt", "wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(21 * 1024 * 1024)
    return d


# --------------------------------------------------------------------------- ingest

INGEST = [
    (["empty.txt"], "is empty"),
    (["blank.txt"], "is empty"),
    (["image.png"], "is a binary file"),
    (["english.txt"], "holds no Chinese article text"),
    (["garbage.txt"], "is not text in UTF-8, GB18030/GBK or Big5"),
    (["pipe.txt"], "is not a regular file"),
    (["loop.txt"], "is a symlink loop"),
    (["huge.txt"], "is larger than 20 MB"),
    (["folder"], "is a directory"),
    (["missing.txt"], "does not exist"),
    (["/dev/zero"], "is not a regular file"),
    (["utf16-broken.txt"], "starts with a UTF-16 byte-order mark but is not valid UTF-16"),
]


@pytest.mark.parametrize("args, says", INGEST, ids=[a[0] for a, _ in INGEST])
def test_ingest_refuses(project, runner, inputs, args, says):
    name = args[0] if args[0].startswith("/") else str(inputs / args[0])
    assert_refused(runner, project, "ingest", name, *args[1:], says=says)


@pytest.mark.parametrize(
    "args, says",
    [
        (["--slug", "../../x"], "'../../x' is not a bulletin slug"),
        (["--slug", "loufan visit"], "'loufan visit' is not a bulletin slug"),
        (["--slug", "a/b"], "is not a bulletin slug"),
        (["--date", "2024-13-01"], "--date '2024-13-01' is not a date"),
        (["--date", "tomorrow"], "is not a date"),
    ],
)
def test_ingest_refuses_bad_options(project, runner, args, says):
    assert_refused(runner, project, "ingest", str(BULLETIN), *args, says=says)
    assert not (project.parent.parent / "x.pot").exists()


# --------------------------------------------------------------------------- slugs everywhere


@pytest.mark.parametrize(
    "args",
    [["draft", "../../x"], ["review", "../../x", "--list"], ["export", "../../x"], ["status", "../../x"], ["draft", "x/../../y"]],
    ids=lambda a: a[0],
)
def test_every_command_refuses_an_unsafe_slug(project, runner, args):
    assert_refused(runner, project, *args, says="is not a bulletin slug")


# --------------------------------------------------------------------------- l10n.toml

CONFIG = [
    ("[chek]\nmax_draft = 1\n", "[chek] is not a section of l10n.toml; did you mean [check]?"),
    ("[project]\ntranslater = 'Li'\n", "[project] translater is not a setting of l10n.toml; did you mean translator?"),
    ("[paths]\nglosary = ['g/*.csv']\n", "did you mean glossary?"),
    ("glosary = ['g/*.csv']\n", "did you mean [paths] glossary?"),
    ("[draft]\nmax_attempts = -5\n", "[draft] max_attempts must be at least 1, not -5."),
    ("[paths]\nglossary = [1, 2]\n", "[paths] glossary must be a string or a list of strings, not [1, 2]."),
    ("[engines.openai]\nconcurrency = 'many'\n", "[engines.openai] concurrency must be int, not 'many'."),
    ("[engines.openai]\nconcurrency = 0\n", "[engines.openai] concurrency must be at least 1, not 0."),
    ("[engines.opnai]\nurl = 'x'\n", "did you mean [engines.openai]?"),
    ("[check]\nmin_term_accuracy = 98\n", "[check] min_term_accuracy must be at most 1, not 98."),
    ("[draft]\nspell_out_acronyms = 'no'\n", "must be true or false"),
    ("[project]\ntarget_language = '../../x'\n", "must be a language code"),
    ("[project\n", "is not valid TOML"),
]


@pytest.mark.parametrize("toml, says", CONFIG)
def test_a_bad_config_is_refused_by_every_command(project, runner, toml, says):
    (project / "l10n.toml").write_text(toml, encoding="utf-8")
    assert_refused(runner, project, "status", says=says)
    assert_refused(runner, project, "ingest", str(BULLETIN), says=says)


# --------------------------------------------------------------------------- models

BLOB = b"tiny weights " * 64
TOY = f'engine = "llama"\nfile = "toy.gguf"\nsize = {len(BLOB)}\nsha256 = "{hashlib.sha256(BLOB).hexdigest()}"\n\n[[sources]]\nkind = "file"\n'


@pytest.fixture
def cache(tmp_path_factory, monkeypatch) -> Path:
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("L10N_CACHE_DIR", str(directory))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return directory


@pytest.fixture
def models(project, cache, inputs) -> Path:
    (project / "models" / "toy.toml").write_text(TOY, encoding="utf-8")
    (project / "models" / "broken.toml").write_text("engine = \n", encoding="utf-8")
    (project / "models" / "evil.toml").write_text('engine = "llama"\nfile = "../x/target.bin"\n', encoding="utf-8")
    (project / "models" / "huh.toml").write_text('engine = "llama"\nfile = "huh.gguf"\nsha256 = "abc"\n', encoding="utf-8")
    (inputs / "wrong.gguf").write_bytes(BLOB[:-1] + b"X")
    (inputs / "short.gguf").write_bytes(BLOB[:-1])
    return project


MODELS = [
    (["models", "info", "nope"], "Unknown model 'nope'"),
    (["models", "pull", "nope"], "Unknown model 'nope'"),
    (["models", "info", "../toy"], "is not a model id"),
    (["models", "info", "broken"], "broken.toml is not valid UTF-8 TOML"),
    (["models", "info", "huh"], "huh.toml: sha256 must be 64 hex digits"),
    (["models", "info", "evil"], "evil.toml: file '../x/target.bin' must be a name inside the weights cache"),
    (["models", "pull", "evil", "--from", "{inputs}/wrong.gguf"], "must be a name inside the weights cache"),
    (["models", "path", "toy"], "run `l10n models pull toy`"),
    (["models", "verify", "toy"], "run `l10n models pull toy`"),
    (["draft", "x", "--engine", "bogus"], "Unknown engine 'bogus'; use one of llama, marian, openai."),
    (["translate", "--engine", "bogus", "你好"], "Unknown engine 'bogus'; use one of llama, marian, openai."),
]


@pytest.mark.parametrize("args, says", MODELS, ids=[" ".join(a[:3]) for a, _ in MODELS])
def test_models_refuse(models, runner, inputs, cache, args, says):
    assert_refused(runner, models, *[a.format(inputs=inputs) for a in args], says=says)
    assert list(cache.iterdir()) == []  # nothing half-downloaded, nothing outside either
    assert not (cache.parent / "x").exists()


def test_a_truncated_cached_weight_fails_verify(models, runner, cache):
    (cache / "toy.gguf").write_bytes(BLOB[:-1])
    assert_refused(runner, models, "models", "verify", "toy", says=f"has {len(BLOB) - 1:,} bytes, not {len(BLOB):,}; run `l10n models pull toy --force`")
    assert (cache / "toy.gguf").read_bytes() == BLOB[:-1]  # left for the user to inspect


@pytest.mark.parametrize(
    "args, says",
    [
        (["models", "pull", "toy", "--from", "{inputs}/wrong.gguf"], "and were deleted"),
        (["models", "pull", "toy", "--from", "{inputs}/short.gguf"], f"have {len(BLOB) - 1:,} bytes, not {len(BLOB):,}"),
        (["models", "verify", "toy"], "has sha256"),
    ],
)
def test_a_checksum_mismatch_is_the_one_error_after_the_progress_lines(models, runner, inputs, cache, args, says):
    """Copy and verify report progress on stderr first (as in CI logs); the failure is still one Error: line."""
    from support import run_cli, snapshot

    if args[1] == "verify":
        (cache / "toy.gguf").write_bytes(BLOB[:-1] + b"X")
    before = snapshot(models)
    result = run_cli(runner, *[a.format(inputs=inputs) for a in args])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and result.stderr.splitlines()[-1] == errors[0] and says in errors[0]
    assert snapshot(models) == before
    assert sorted(p.name for p in cache.iterdir()) == ([] if args[1] == "pull" else ["toy.gguf"])


# --------------------------------------------------------------------------- score


@pytest.fixture
def texts(inputs) -> Path:
    (inputs / "hyp.txt").write_text("The meeting was held.\nIt ended.\n", encoding="utf-8")
    (inputs / "ref3.txt").write_text("A meeting was held.\nIt ended.\nThen lunch.\n", encoding="utf-8")
    (inputs / "ref.txt").write_text("A meeting was held.\nIt ended.\n", encoding="utf-8")
    (inputs / "void.txt").write_text("", encoding="utf-8")
    (inputs / "latin1.txt").write_bytes("Caf\xe9 ouvert.\nIt ended.\n".encode("latin-1"))
    cats = inputs / "cats"
    for slug in ("one", "two"):
        header = base_header(slug, language="en")
        write_catalog(Catalog(slug, header, [Entry("1.1", "会议召开。", "The meeting was held.", comment="approved-by: Jing 2026-12-01")]), cats / f"{slug}.po")
    (inputs / "refs").mkdir()
    (inputs / "refs" / "one.en.txt").write_text("A meeting was held.\n", encoding="utf-8")
    (inputs / "nocats").mkdir()
    (inputs / "bad.po").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    return inputs


SCORE = [
    (["hyp.txt", "ref3.txt"], "has 2 segments but the reference has 3 lines"),
    (["missing.txt", "ref.txt"], "missing.txt does not exist"),
    (["hyp.txt", "missing.txt"], "missing.txt does not exist"),
    (["void.txt", "void.txt"], "There are no segments to score"),
    (["latin1.txt", "ref.txt"], "latin1.txt is not UTF-8 text"),
    (["hyp.txt", "latin1.txt"], "latin1.txt is not UTF-8 text"),
    (["cats", "refs"], "No reference"),
    (["cats", "ref.txt"], "is a file but there are 2 catalogs"),
    (["nocats", "refs"], "holds no .po catalogs"),
    (["bad.po", "ref.txt"], "bad.po"),
    (["hyp.txt"], "Give a reference"),
    (["hyp.txt", "ref.txt", "--baseline", "ref3.txt"], "has 3 segments but the reference has 2 lines"),
    (["hyp.txt", "ref.txt", "--src", "missing.txt"], "missing.txt does not exist"),
    (["folder", "ref.txt"], "holds no .po catalogs"),
    (["hyp.txt", "folder"], "No reference"),
]


@pytest.mark.parametrize("args, says", SCORE, ids=[" ".join(a) for a, _ in SCORE])
def test_score_refuses(project, runner, texts, args, says):
    argv = [str(texts / a) if not a.startswith("-") else a for a in args]
    assert_refused(runner, project, "score", *argv, says=says)


# --------------------------------------------------------------------------- export


@pytest.fixture
def approved(project) -> Path:
    header = base_header("b", language="en")
    header.update({"X-Bulletin-Title": "通知", "X-Bulletin-Date": "2024-05-16"})
    catalog = Catalog("b", header, [Entry("0.1", "通知", "Notice", comment="approved-by: Jing 2026-12-01")])
    write_catalog(catalog, load_config(project / "l10n.toml").catalog_path("b"))
    write_template(project, catalog)
    return project


@pytest.mark.parametrize("output", ["l10n.toml/out.txt", "/proc/l10n-out.txt"])
def test_export_to_an_unwritable_path_is_one_sentence(approved, runner, output):
    assert_refused(runner, approved, "export", "b", "--format", "txt", "-o", output, says="Cannot write")
