"""A day's batch: bulletin files and folders → one bulletin each, with stable, distinct slugs.

A folder is searched through its sub-folders for ``.txt``, ``.html`` and ``.htm`` files (other
files, and hidden files and folders, are passed over); a file named on the command line is
ingested whatever its name, so one that is no bulletin says why. Each file is ingested on its
own (:func:`l10n.ingest.ingest`): a bad one is reported and the others still go in.

A file's slug is :func:`~l10n.ingest.slugify` of its name without the extension, chosen so that
no file takes another's catalogs and the same file keeps its slug (:func:`assign_slugs`):

1. a file the project has ingested before keeps the slug of the template that records it
   (``X-Bulletin-File``, the file's path relative to the project);
2. any other file takes its name's slug when that is free: no template records another file
   under it, and no earlier file of the batch took it;
3. else the slug with its folders in front, nearest first (``in/b/notice.html`` becomes
   ``b-notice``, then ``in-b-notice``): the first of those that is free.

So two ``notice.html`` of one day, in ``a/`` and ``b/``, become ``notice`` and ``b-notice``, and
stay so however they are ingested again, together or alone. A file outside the project is
recorded by its name alone (:func:`~l10n.ingest.reference_for`), so two such files with one name
cannot be told apart on a later day: keep the day's folder inside the project.

>>> slug_choices(Path("in/b/notice.html"))[:3]
['notice', 'b-notice', 'in-b-notice']
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog import parse_catalog
from l10n.errors import CatalogError, InputError, L10nError
from l10n.ingest import IngestResult, ingest, reference_for, slugify

BULLETIN_SUFFIXES = (".txt", ".html", ".htm")
"""The files a folder is searched for (case aside)."""


@dataclass
class Found:
    """The bulletin files the paths given name, in order, and a sentence for each path that names none."""

    files: list[Path]
    problems: list[tuple[Path, str]]
    folders: bool = False
    """Whether a folder was among the paths (its files are a batch, even when there is one)."""


def bulletin_files(paths: Sequence[Path]) -> Found:
    """The files *paths* name: a file as it is (whether it exists is the ingest's to say), a
    folder's :data:`BULLETIN_SUFFIXES` files through its sub-folders, sorted, hidden ones left
    out; a file named twice counts once. A folder with no bulletin file is a problem."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    folders = False

    def add(path: Path) -> None:
        key = Path(os.path.abspath(path))  # not resolve(): a link loop is the ingest's to report
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        folders = True
        inside = _walk(path)
        if not inside:
            kinds = ", ".join(BULLETIN_SUFFIXES[:-1]) + f" or {BULLETIN_SUFFIXES[-1]}"
            problems.append((path, f"{path} is a directory with no {kinds} file in it or its sub-folders; give bulletin files "
                                   "or a folder holding some."))
        for file in inside:
            add(file)
    return Found(files, problems, folders)


def _walk(folder: Path) -> list[Path]:
    """The bulletin files under *folder*, sorted folder by folder; links to folders are not followed
    (a link loop cannot hang the walk), hidden files and folders (``.git``) are passed over."""
    found = []
    for top, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(top) / name for name in sorted(names)
                     if not name.startswith(".") and Path(name).suffix.lower() in BULLETIN_SUFFIXES)
    return found


def slug_choices(path: Path) -> list[str]:
    """The slugs *path* may take, in order: its name's, then with each folder above in front
    (rule 3 of the module doc), up to the filesystem's root."""
    folders = [p.name for p in Path(os.path.abspath(path)).parents if p.name]  # nearest first; links as written
    stem = path.stem
    choices = [slugify(stem)] + [slugify("-".join([*reversed(folders[:depth]), stem])) for depth in range(1, len(folders) + 1)]
    return list(dict.fromkeys(choices))


def recorded_files(template_dir: Path) -> dict[str, str]:
    """Each template's slug → the bulletin file it records (``X-Bulletin-File``; "" when it
    records none or cannot be read: a hand-made or broken template belongs to nobody in particular).
    Only each file's header is parsed (it comes first), so a project of thousands costs little."""
    recorded = {}
    for path in sorted(template_dir.glob("*.pot")) if template_dir.is_dir() else []:
        try:
            head = path.read_text(encoding="utf-8").split("\n\n", 1)[0] + "\n"
            recorded[path.stem] = parse_catalog(head, slug=path.stem, origin=str(path)).header.get("X-Bulletin-File", "").strip()
        except (CatalogError, OSError, UnicodeDecodeError):
            recorded[path.stem] = ""
    return recorded


def assign_slugs(files: Sequence[Path], *, root: Path | None, recorded: dict[str, str]) -> list[str | tuple[str, str]]:
    """Each file's slug (the rules of the module doc), or ``(slug, other file)`` when every slug it
    may take is held by another file (two names :func:`slugify` makes one, such as ``a b.txt``
    and ``a-b.txt`` in one folder). *recorded* is :func:`recorded_files`' map of the project."""
    references = [reference_for(f, root) for f in files]
    holder: dict[str, str] = {slug: ref for slug, ref in recorded.items() if ref}
    owned: dict[str, int] = {}  # slug → the file of this batch that has it
    chosen: list[str | tuple[str, str] | None] = [None] * len(files)
    for i, ref in enumerate(references):  # rule 1 first: a file keeps its slug whatever comes before it
        mine = [s for s in slug_choices(files[i]) if holder.get(s) == ref] or sorted(s for s, r in holder.items() if r == ref)
        free = [s for s in mine if s not in owned]
        if free:
            owned[free[0]] = i
            chosen[i] = free[0]
    for i, ref in enumerate(references):
        if chosen[i] is not None:
            continue
        choices = slug_choices(files[i])
        slug = next((s for s in choices if s not in owned and holder.get(s, ref) == ref), None)
        if slug is None:
            first = choices[0]
            other = str(files[owned[first]]) if first in owned else holder.get(first, "")
            chosen[i] = (first, other)
            continue
        owned[slug] = i
        chosen[i] = slug
    return chosen  # type: ignore[return-value]


@dataclass
class Ingested:
    """What became of one file of a batch: its result, or the sentence saying why it was skipped."""

    path: Path
    slug: str
    result: IngestResult | None = None
    error: str = ""
    new: bool = False
    """Whether the bulletin's template did not exist before."""

    @property
    def outcome(self) -> str:
        """``new``, ``updated`` (the template changed), ``merged`` (and the catalog with it),
        ``unchanged`` or ``failed``."""
        if self.result is None:
            return "failed"
        if self.result.catalog_changed:
            return "merged"
        if self.result.changed:
            return "new" if self.new else "updated"
        return "unchanged"


def ingest_many(files: Sequence[Path], *, template_path_for: Callable[[str], Path], catalog_path_for: Callable[[str], Path],
                language: str, root: Path | None, date: dt.date | None = None, encoding: str | None = None,
                slug: str | None = None, on_file: Callable[[Ingested], None] | None = None) -> list[Ingested]:
    """Ingest each of *files* as its own bulletin (:func:`assign_slugs`; *slug* only for one file),
    in order; a file that cannot be ingested is reported in its :class:`Ingested` (``error``, a
    sentence naming the file) and the rest go on. *on_file* hears of each as it is done."""
    if slug is not None and len(files) != 1:
        raise InputError(f"--slug names one bulletin, but {len(files)} files were given; leave it out, and each bulletin "
                         "takes its file's name.")
    template_dir = Path(template_path_for("x")).parent
    slugs: Iterable = [slug] if slug is not None else assign_slugs(files, root=root, recorded=recorded_files(template_dir))
    done = []
    for path, chosen in zip(files, slugs):
        if isinstance(chosen, tuple):
            item = Ingested(path, chosen[0], error=slug_taken(path, *chosen))
        else:
            item = _one(path, chosen, template_path_for=template_path_for, catalog_path_for=catalog_path_for, language=language,
                        root=root, date=date, encoding=encoding)
        done.append(item)
        if on_file is not None:
            on_file(item)
    return done


def slug_taken(path: Path, slug: str, other: str) -> str:
    """The sentence for a file every slug of which another file holds (:func:`assign_slugs`)."""
    return (f"{path} would be bulletin {slug!r}, which is {other or 'another file'}'s, and so is every slug with its "
            "folders in front; ingest it alone with --slug NAME.")


def _one(path: Path, slug: str, *, template_path_for, catalog_path_for, language: str, root, date, encoding) -> Ingested:
    new = not Path(template_path_for(slug)).exists()
    try:
        result = ingest(path, template_path_for=template_path_for, catalog_path_for=catalog_path_for, language=language,
                        slug=slug, date=date, root=root, encoding=encoding)
    except L10nError as error:
        return Ingested(path, slug, error=_naming(path, str(error)))
    except OSError as error:  # a file that cannot be written (disk full, permissions): this one fails, not the batch
        return Ingested(path, slug, error=_naming(path, f"cannot be ingested ({error.strerror or error}: {error.filename})"))
    return Ingested(path, slug, result=result, new=new)


def _naming(path: Path, message: str) -> str:
    """*message* with the file it is about in front, unless it names it already."""
    return message if str(path) in message else f"{path}: {message}"
