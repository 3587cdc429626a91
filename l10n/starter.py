"""The starting glossary shipped with l10n, which ``l10n init --glossary starter`` copies into a project.

It is the repository's ``glossary/*.csv``: an installed l10n carries them as package data
(``l10n/data/starter_glossary/``, mapped into the wheel by hatch's ``force-include`` in
``pyproject.toml``, so git holds each file once); a source checkout reads them where they are.
"""

from __future__ import annotations

from pathlib import Path

from l10n.atomic import atomic_write_bytes
from l10n.errors import ConfigError, InputError

__all__ = ["GLOSSARIES", "copy_glossary", "starter_files"]

GLOSSARIES = ("starter",)
"""The glossaries ``l10n init --glossary`` knows."""

_PACKAGED = Path(__file__).resolve().parent / "data" / "starter_glossary"
_CHECKOUT = Path(__file__).resolve().parent.parent / "glossary"


def starter_files() -> list[Path]:
    """The starting glossary's CSV files, sorted: the installed package data, else the source
    checkout's ``glossary/``; a broken install says so."""
    for folder in (_PACKAGED, _CHECKOUT):
        files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
        if files:
            return files
    raise ConfigError("l10n's starting glossary is missing from this installation; reinstall l10n (`pipx reinstall l10n`).")


def copy_glossary(name: str, target: Path) -> list[Path]:
    """Copy the glossary called *name* (one of :data:`GLOSSARIES`) into the folder *target*, each
    file written atomically; the files written. A file of the same name already there is never
    overwritten: nothing is copied then, and the refusal names it."""
    if name not in GLOSSARIES:
        raise InputError(f"Unknown glossary {name!r}; l10n ships {', '.join(GLOSSARIES)}.")
    files = starter_files()
    clashes = [f.name for f in files if (target / f.name).exists()]
    if clashes:
        raise InputError(f"{target / clashes[0]} already exists; move it away or leave out --glossary to keep the project's own glossary.")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in files:
        atomic_write_bytes(target / source.name, source.read_bytes())
        written.append(target / source.name)
    return written
