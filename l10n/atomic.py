"""Write files so that readers never see half of them.

Everything l10n writes goes through here: the data lands in a temporary file in
the destination directory and is renamed over the target, which POSIX makes
atomic. A killed process leaves either the old file or the new one, and perhaps its
temp file (``.<name>.<pid>-*.tmp``), which the next write beside that target removes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside *path*; on success rename it to *path*.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_open(d / "a.txt") as f:
    ...     _ = f.write("done")
    >>> (d / "a.txt").read_text()
    'done'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    # Through a symlink: the file it names is replaced and the link stays.
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        # A pipe or device (/dev/null, /dev/stdout): a rename would replace the device itself,
        # and "half a file" means nothing there, so write into it. A directory fails to open.
        with open(target, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "") as f:
            yield f
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


STALE_AFTER = 60.0
"""Seconds after which a temp file beside a target is a killed write's leftover (writes take milliseconds)."""


def remove_stale_temp_files(target: Path) -> None:
    """Delete the ``.<name>.<pid>-*.tmp`` files a killed write left beside *target*.

    One is stale when the process that made it is gone, or when it is older than
    :data:`STALE_AFTER` (a name without a pid, or a pid the system reused).
    """
    import time

    prefix, now = f".{target.name}.", time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.iterdir():
            name = leftover.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].split("-", 1)[0]
            with contextlib.suppress(OSError):
                if (pid.isdigit() and not _alive(int(pid))) or now - leftover.lstat().st_mtime > STALE_AFTER:
                    leftover.unlink()


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows; the age rule decides there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write *text* (UTF-8) to *path* atomically."""
    with atomic_open(path, "w") as f:
        f.write(text)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write *data* to *path* atomically."""
    with atomic_open(path, "wb") as f:
        f.write(data)


@contextlib.contextmanager
def held_lock(path: str | os.PathLike, busy: Exception, *, timeout: float = 0) -> Iterator[None]:
    """Hold the OS file lock *path* (``filelock``) for the block; raise *busy* if another
    process keeps it past *timeout* seconds. A killed holder leaves nothing held."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise busy from None
    try:
        yield
    finally:
        lock.release()
