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


# --------------------------------------------------------------------------- slugs (item 12)

GOOD_SLUGS = ["x", "loufan-visit", "001_ee222a08-bulletin-txt", "2024.05.16", "a" * 64, "Loufan"]
BAD_SLUGS = ["../../x", "..", "a..b", "a/b", "a\\b", "/abs", ".hidden", "-dash", "_under", "", "a" * 65, "空格", "a b", "x\n", "C:x"]


@pytest.mark.parametrize("slug", GOOD_SLUGS)
def test_safe_slugs_name_files_inside_locales(tmp_path, slug):
    from l10n.config import Config

    cfg = Config(root=tmp_path)
    assert cfg.template_path(slug) == tmp_path / "locales" / "templates" / f"{slug}.pot"
    assert cfg.catalog_path(slug) == tmp_path / "locales" / "en" / "LC_MESSAGES" / f"{slug}.po"


@pytest.mark.parametrize("slug", BAD_SLUGS)
@pytest.mark.parametrize("method", ["template_path", "catalog_path"])
def test_unsafe_slugs_are_refused_in_one_place(tmp_path, slug, method):
    from l10n.config import Config
    from l10n.errors import InputError

    with pytest.raises(InputError, match=r"is not a bulletin slug"):
        getattr(Config(root=tmp_path), method)(slug)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("001_EE222a08 Bulletin", "001_ee222a08-bulletin"),
        ("_draft", "draft"),
        ("..", "bulletin"),
        ("通知", "bulletin"),
        ("A" * 100, "a" * 64),
        ("x" * 63 + "-y", "x" * 63),
    ],
)
def test_slug_from_a_file_name_is_always_safe(tmp_path, name, slug):
    from l10n.config import Config
    from l10n.ingest import slugify

    assert slugify(name) == slug
    Config(root=tmp_path).template_path(slugify(name))  # accepted


# --------------------------------------------------------------------------- replies to an injected instruction (item 15)

LONG_SOURCE = "我市召开全市经济工作会议，这是今年最重要的会议，市委书记出席会议并讲话。"  # has 我 and 这是


@pytest.mark.parametrize(
    "draft",
    ["Sure.", "Sure", "OK", "Okay, I will write a poem.", "I cannot help with that.", "As an AI, I cannot write poems.",
     "Here is a poem about spring.", "I am sorry, but I can only translate.", "Sure, here is a poem:"],
)
def test_a_short_reply_to_an_instruction_is_an_error_even_when_the_source_has_we_or_this(draft):
    from l10n.quality.qa import ERROR, check_segment

    commentary = [f for f in check_segment(LONG_SOURCE, draft) if f.check == "commentary"]
    assert commentary and {f.severity for f in commentary} == {ERROR}, check_segment(LONG_SOURCE, draft)


@pytest.mark.parametrize(
    "source, draft",
    [
        ("这是我市今年召开的第一次全市经济工作会议，市委书记出席并讲话。",
         "Here is the first municipal economic work conference our city has held this year; the Secretary of the Municipal Party Committee attended and spoke."),
        ("我不能接受。", "I cannot accept it."),  # short source: a faithful translation
    ],
)
def test_a_faithful_translation_of_we_or_this_stays_clean(source, draft):
    from l10n.quality.qa import check_segment

    assert [f for f in check_segment(source, draft) if f.check == "commentary"] == []


# --------------------------------------------------------------------------- encodings with a byte-order mark (item 18)

TEXT = "市政协召开会议\n\n会议由主任主持。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-16"), "utf-16"),  # native order, with BOM
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32"),
        (b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"), "utf-32"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-sig"],
)
def test_utf16_and_utf32_with_a_bom_are_text_not_binary(data, encoding):
    from l10n.ingest.decode import decode_bytes

    assert decode_bytes(data) == (TEXT, encoding)


def test_a_bulletin_saved_as_utf16_ingests(tmp_path):
    from l10n.ingest import read_bulletin

    path = tmp_path / "b.txt"
    path.write_bytes(("市政协召开会议\n\n" + "会议由主任主持。大家发言。" * 3).encode("utf-16"))
    bulletin = read_bulletin(path)
    assert bulletin.encoding == "utf-16" and bulletin.title == "市政协召开会议"


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\xd8", b"\xff\xfe" + "通知".encode("utf-16-le") + b"\x00"], ids=["lone-surrogate", "odd-length"])
def test_a_broken_utf16_file_is_one_sentence(data):
    from l10n.errors import NotTextError
    from l10n.ingest.decode import decode_bytes

    with pytest.raises(NotTextError, match="is not valid UTF-16"):
        decode_bytes(data, origin="b.txt")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 10, b"PK\x03\x04\x00\x00"])
def test_binary_without_a_bom_is_still_binary(data):
    from l10n.errors import NotTextError
    from l10n.ingest.decode import decode_bytes

    with pytest.raises(NotTextError, match="is a binary file"):
        decode_bytes(data, origin="b.bin")


# --------------------------------------------------------------------------- temp files of killed writes (item 18)


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_write_removes_the_stale_temp_files_of_killed_writes_beside_its_target(tmp_path):
    import os
    import time

    from l10n.atomic import atomic_write_text

    target = tmp_path / "b.po"
    old = time.time() - 120
    stale_old = tmp_path / ".b.po.abc123.tmp"  # no pid (an older l10n), two minutes old
    stale_old.write_text("half")
    os.utime(stale_old, (old, old))
    stale_dead = tmp_path / f".b.po.{_dead_pid()}-xyz.tmp"  # fresh, but its writer is gone
    stale_dead.write_text("half")
    live = tmp_path / f".b.po.{os.getpid()}-live.tmp"  # a writer still at work
    live.write_text("half")
    fresh = tmp_path / ".b.po.fresh1.tmp"  # no pid, too young to judge
    fresh.write_text("half")
    other = tmp_path / ".c.po.abc123.tmp"  # another target's: not this write's business
    other.write_text("half")
    os.utime(other, (old, old))
    atomic_write_text(target, "done")
    assert target.read_text() == "done"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["b.po", live.name, fresh.name, other.name])


@pytest.mark.parametrize("path", ["glossary/.titles.csv.9-x.tmp", ".l10n.toml.123-abc.tmp", "models/.m.toml.1-z.tmp"])
def test_temp_files_carry_the_writer_pid_and_are_ignored_by_git(tmp_path, path):
    import os
    import subprocess
    from pathlib import Path

    from l10n.atomic import atomic_open

    with atomic_open(tmp_path / "probe.txt"):
        (name,) = [p.name for p in tmp_path.iterdir()]
    assert name.startswith(f".probe.txt.{os.getpid()}-") and name.endswith(".tmp")
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run(["git", "check-ignore", "-q", path], cwd=root).returncode == 0


# --------------------------------------------------------------------------- what a write replaces


def test_a_write_through_a_symlink_keeps_the_link(tmp_path):
    from l10n.atomic import atomic_write_text

    real = tmp_path / "shared" / "titles.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "titles.csv"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["titles.csv"]


def test_a_write_to_a_pipe_or_device_writes_into_it_instead_of_replacing_it(tmp_path):
    """Renaming over /dev/null or /dev/stdout (``export -o /dev/stdout``) would replace the device itself."""
    import os
    import stat

    from l10n.atomic import atomic_write_text

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write_text(fifo, "exported")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 100) == b"exported"
    finally:
        os.close(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]
