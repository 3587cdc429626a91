"""Paths stay inside the folder they belong to; writes leave no debris (DESIGN.md, "Bad input and safety")."""

from __future__ import annotations

import json

import pytest

from l10n import registry
from l10n.registry import ModelEntry, RegistryError


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("L10N_CACHE_DIR", str(directory))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return directory


# --------------------------------------------------------------------------- model entries (item 11)

ESCAPES = ["../x/target.bin", "/etc/target.bin", "sub/../../target.bin", "..", ".", "", "a\\..\\b.bin", "C:/x.bin"]


@pytest.mark.parametrize("file", ESCAPES)
def test_entry_file_outside_the_cache_is_refused_when_read(tmp_path, file):
    models = tmp_path / "models"
    models.mkdir()
    (models / "evil.toml").write_text(f"engine = \"llama\"\nfile = {json.dumps(file)}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"evil\.toml: file .* must be a name inside the weights cache"):
        registry.get_entry("evil", models)


@pytest.mark.parametrize("required", ["../secret", "/etc/passwd"])
def test_required_files_outside_the_model_are_refused(tmp_path, required):
    models = tmp_path / "models"
    models.mkdir()
    (models / "d.toml").write_text(f'engine = "marian"\nfile = "d"\ndirectory = true\nrequired_files = ["{required}"]\n', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"d\.toml: required_files"):
        registry.get_entry("d", models)


def test_pull_never_writes_outside_the_cache(cache, tmp_path):
    """An entry built in code (not read from a file) is checked again where its path is made."""
    outside = tmp_path / "x" / "target.bin"
    outside.parent.mkdir()
    outside.write_bytes(b"precious")
    local = tmp_path / "weights.bin"
    local.write_bytes(b"evil")
    entry = ModelEntry(id="evil", engine="llama", file="../x/target.bin")
    with pytest.raises(RegistryError, match="must be a name inside the weights cache"):
        registry.pull(entry, from_path=local)
    assert outside.read_bytes() == b"precious"
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))


def test_a_symlinked_subdirectory_cannot_lead_out_of_the_cache(cache, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    cache.mkdir()
    (cache / "sub").symlink_to(outside)
    local = tmp_path / "weights.bin"
    local.write_bytes(b"w")
    entry = ModelEntry(id="m", engine="llama", file="sub/m.bin")
    with pytest.raises(RegistryError, match="outside the weights cache"):
        registry.pull(entry, from_path=local)
    assert list(outside.iterdir()) == []


def test_nested_names_inside_the_cache_are_fine(cache, tmp_path):
    local = tmp_path / "weights.bin"
    local.write_bytes(b"w")
    entry = ModelEntry(id="m", engine="llama", file="org/m.bin")
    assert registry.pull(entry, from_path=local) == cache / "org" / "m.bin"
