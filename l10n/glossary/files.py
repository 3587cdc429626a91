"""The :class:`Glossary` of a project: its files loaded, checked and saved.

Here: reading and validating the glossary files, the :class:`Glossary` that keeps each
file's layout so a save gives back every byte it did not change, the read-only reference
places laid under every project's glossary (a project term with the same Chinese wins),
which paths l10n may write or export to, and the editing lock (:func:`editing`). Every
name here is also importable from :mod:`l10n.glossary.store`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from l10n.glossary.model import (
    FIELDS,
    GlossaryError,
    GlossaryLockedError,
    MalformedGlossaryError,
    Problem,
    Term,
    TermConflictError,
    UnknownTermError,
    _check_row,
    _Layout,
    _parse_csv,
    _parse_date,
    duplicate_ids,
    find_conflicts,
    parse_csv,
    render_file,
    second_english,
)
from l10n.places import REFERENCE_PLACES  # the read-only layer under every project's glossary; a project term with the same Chinese wins

LOCK_NAME = ".glossary.lock"
LOCK_TIMEOUT = 10.0


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"Glossary file {path} does not exist.") from None
    except OSError as exc:
        raise GlossaryError(f"Glossary file {path} cannot be read ({exc.strerror}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MalformedGlossaryError(f"{path}:{line}: the file is not UTF-8; save it as UTF-8 CSV.") from None


def validate_files(paths: Iterable[Path], *, reference: Iterable[Path] = ()) -> list[Problem]:
    """Every problem in the glossary files at *paths*: malformed rows and conflicts; and in the
    read-only *reference* files, their own rows (a project term overriding one is no conflict)."""
    terms: list[Term] = []
    problems: list[Problem] = []
    for path in reference:
        try:
            reference_terms(Path(path).resolve())
        except GlossaryError as exc:
            problems.append(Problem(str(path), str(exc)))
    for path in paths:
        try:
            text = read_text(Path(path))
        except GlossaryError as exc:
            problems.append(Problem(str(path), str(exc)))
            continue
        found, bad = parse_csv(text, origin=str(path))
        terms.extend(found)
        problems.extend(bad)
    taken = _reference_ids(tuple(Path(p).resolve() for p in reference))
    problems += [Problem(t.where, _reference_id_message(t.id)) for t in terms if t.id in taken]
    return problems + find_conflicts(terms) + second_english(terms)


_TAKEN = "A glossary entry with id {!r} already exists; choose another --id."


def _reference_ids(paths: tuple[Path, ...]) -> frozenset[str]:
    ids: set[str] = set()
    for path in paths:
        with contextlib.suppress(GlossaryError):  # a malformed reference file is its own problem
            ids.update(t.id for t in reference_terms(path))
    return frozenset(ids)


def _reference_id_message(term_id: str) -> str:
    return f"id {term_id!r} is a reference place's id ({REFERENCE_PLACES.name}); give the project's term an id of its own"


class Glossary:
    """All terms of a project's glossary files, in file order."""

    def __init__(self, terms: Iterable[Term] = (), *, files: Iterable[Path] = (), revision: str = "", layouts: dict | None = None,
                 reference: Iterable[Term] = ()):
        self.terms: list[Term] = list(terms)
        #: Read-only reference terms (:data:`REFERENCE_PLACES`) under the project's own: they
        #: match and are enforced like approved terms unless a project term has the same Chinese,
        #: and are never saved. ``terms`` holds the project's terms only.
        self.reference: tuple[Term, ...] = tuple(reference)
        self.layouts: dict[Path, _Layout] = dict(layouts or {})
        # Files are keyed by their resolved path: a relative, ./, absolute or symlinked
        # spelling of one file is the same file (one group on save, never two).
        self.files: list[Path] = [Path(f).resolve() for f in files]
        self.revision = revision or _revision({})
        self._positions: dict[tuple[str, str], int] = {}
        self._first: dict[str, int] = {}
        self._indexed = -1  # len(terms) when the two indexes were built: terms changes through add/replace
        self._reference_ids: frozenset[str] | None = None
        self._resolved: dict[str, Path] = {}  # a file as add was given it → resolved and checked

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], *, reference: Iterable[str | Path] = ()) -> Glossary:
        """Read the CSV files at *paths* (and the read-only *reference* files under them);
        the first malformed row raises :class:`GlossaryError`."""
        paths = [Path(p).resolve() for p in paths]
        under = [t for path in reference for t in reference_terms(Path(path).resolve())]
        terms: list[Term] = []
        contents: dict[str, bytes] = {}
        layouts: dict[Path, _Layout] = {}
        for path in paths:
            text = read_text(path)
            contents[path.name] = text.encode("utf-8")
            found, problems, layouts[path] = _parse_csv(text, str(path))
            if problems:
                more = f" ({len(problems) - 1} more problems)" if len(problems) > 1 else ""
                raise MalformedGlossaryError(f"{problems[0]}{more}; fix the row and run `l10n glossary validate`.")
            terms.extend(found)
        return cls(terms, files=paths, revision=_revision(contents), layouts=layouts, reference=under)

    def under(self) -> list[Term]:
        """The reference terms in force: those whose Chinese no approved or proposed project term has."""
        if not self.reference:
            return []
        own = {t.zh for t in self.terms if t.status in ("approved", "proposed")}
        return [t for t in self.reference if t.zh not in own]

    @classmethod
    def from_text(cls, text: str, *, origin: str = "<glossary>") -> Glossary:
        """A glossary from CSV text (for tests and library callers)."""
        terms, problems = parse_csv(text, origin=origin)
        if problems:
            raise MalformedGlossaryError(f"{problems[0]}; fix the row.")
        return cls(terms, revision=_revision({origin: text.encode("utf-8")}))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, term_id: str) -> Term:
        i = self._index()[1].get(term_id)
        if i is not None and self.terms[i].id == term_id:
            return self.terms[i]
        for term in (*self.terms, *self.reference):
            if term.id == term_id:
                return term
        raise UnknownTermError(f"No glossary entry has id {term_id!r}; run `l10n glossary list` to see the ids.")

    def matcher(self, on: dt.date | None = None):
        """A :class:`~l10n.glossary.match.Matcher` for approved terms valid *on* plus proposed hints."""
        from l10n.glossary.match import Matcher

        return Matcher.from_terms(self.terms, on=on, reference=self.under())

    def filter(self, *, status: str | None = None, category: str | None = None, text: str | None = None) -> list[Term]:
        """Terms with this status/category whose id, zh, en or note contains *text*."""
        needle = (text or "").lower()
        return [
            t
            for t in self.terms
            if (status is None or t.status == status)
            and (category is None or t.category == category)
            and (not needle or any(needle in v.lower() for v in (t.id, t.zh, t.en, t.note)))
        ]

    def problems(self) -> list[Problem]:
        return find_conflicts(self.terms)

    def _index(self) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
        """Where each (id, file) stands in ``terms``, and where each id first does: built once, kept by add and replace."""
        if self._indexed != len(self.terms):
            self._positions, self._first = {}, {}
            for i, term in enumerate(self.terms):
                self._positions.setdefault((term.id, term.file), i)
                self._first.setdefault(term.id, i)
            self._indexed = len(self.terms)
        return self._positions, self._first

    def has_id(self, term_id: str) -> bool:
        """Whether an entry of the project's glossary has id *term_id*."""
        return term_id in self._index()[1]

    def is_reference_id(self, term_id: str) -> bool:
        """Whether *term_id* is a reference place's id (no project term may take it)."""
        if self._reference_ids is None:
            self._reference_ids = frozenset(t.id for t in self.reference)
        return term_id in self._reference_ids

    def replace(self, old: Term, new: Term) -> Term:
        _refuse_reference(old.file)
        _check_row(new)
        i = self._index()[0].get((old.id, old.file))
        if i is None or self.terms[i].id != old.id or self.terms[i].file != old.file:
            self._indexed = -1  # changed behind the index's back: look again
            i = self._index()[0].get((old.id, old.file))
        if i is None:
            raise UnknownTermError(f"No glossary entry has id {old.id!r}; run `l10n glossary list` to see the ids.")
        self.terms[i] = dataclasses.replace(new, file=old.file, line=old.line, raw=old.raw, lead=old.lead)
        if new.id != old.id:
            self._indexed = -1
        return self.terms[i]

    def add(self, term: Term, *, file: Path) -> Term:
        if str(file) not in self._resolved:
            _refuse_reference(file)
            self._resolved[str(file)] = Path(file).resolve()
        file = self._resolved[str(file)]
        _check_row(term)
        positions, first = self._index()
        if term.id in first:
            raise GlossaryError(_TAKEN.format(term.id))
        if self.is_reference_id(term.id):
            raise GlossaryError(f"Id {term.id!r} is a reference place's id ({REFERENCE_PLACES.name}); choose another --id.")
        term = dataclasses.replace(term, file=str(file), line=0, raw="", lead="")
        self.terms.append(term)
        positions[(term.id, term.file)] = first[term.id] = len(self.terms) - 1
        self._indexed = len(self.terms)
        if file not in self.files:
            self.files.append(file)
        return term

    def save(self) -> list[Path]:
        """Write every file back atomically (only files whose content changed); returns them.

        Rows the session did not change keep their bytes (see :func:`render_file`).
        """
        from l10n.atomic import atomic_write_text

        problems = self.problems()
        if problems:
            raise TermConflictError(f"{problems[0]}; nothing was written.")
        written: list[Path] = []
        by_file: dict[Path, list[Term]] = {f: [] for f in self.files}
        resolved: dict[str, Path] = {}
        for term in self.terms:
            if term.file not in resolved:
                resolved[term.file] = Path(term.file).resolve()
            by_file.setdefault(resolved[term.file], []).append(term)
        for path, terms in by_file.items():
            text = render_file(terms, self.layouts.get(path, _Layout()))
            if path.exists() and path.read_bytes() == text.encode("utf-8"):
                continue
            atomic_write_text(path, text)
            written.append(path)
        return written


def _is_reference(path: str | Path) -> bool:
    return bool(path) and Path(path).resolve() == REFERENCE_PLACES


def _refuse_reference(path: str | Path) -> None:
    if _is_reference(path):
        raise GlossaryError(
            f"{REFERENCE_PLACES} is l10n's read-only reference data, not a project glossary file; nothing was written."
            " To change a place's English, propose a term with the same Chinese in your glossary: it overrides the reference."
        )


@functools.lru_cache(maxsize=4)
def reference_terms(path: Path = REFERENCE_PLACES) -> tuple[Term, ...]:
    """The terms of a read-only reference file, read once per process; a malformed one raises
    naming the row.

    The file is generated (``scripts/build_places.py`` writes it only when :func:`parse_csv`
    finds no problem in it, and a test checks the committed file the same way), so its rows
    are read lean: four times faster than :func:`parse_row`'s checks, which keeps ``l10n glossary
    validate`` well under a second. A row the lean reader cannot take as it stands (forbidden
    forms, a bad date, a wrong field count) sends the whole file through :func:`parse_csv`;
    the old names' ``valid_to`` dates are read lean.
    """
    from l10n.places import rows

    if not path.is_file():
        read_text(path)  # raises naming the file
    text, body = rows(path)
    lean = _lean_reference(body, str(path)) if text.startswith(",".join(FIELDS) + "\n") else None
    if lean is not None:
        return lean
    terms, problems = parse_csv(text, origin=str(path))
    problems = problems or duplicate_ids(terms)
    if problems:
        raise MalformedGlossaryError(f"{problems[0]}; rebuild it with scripts/build_places.py.")
    return tuple(terms)


def _lean_reference(rows, origin: str) -> tuple[Term, ...] | None:
    terms = []
    bad: list[str] = []
    for line, r in enumerate(rows, 2):
        if len(r) != len(FIELDS) or r[7] or r[4] != "approved" or not (r[0] and r[1] and r[2]):
            return None
        valid_from = _parse_date(r[5], "valid_from", bad) if r[5] else None
        valid_to = _parse_date(r[6], "valid_to", bad) if r[6] else None
        if bad or (valid_from and valid_to and valid_from > valid_to):
            return None
        terms.append(Term(id=r[0], zh=r[1], en=r[2], category=r[3], status=r[4], valid_from=valid_from, valid_to=valid_to, note=r[8],
                          proposed_by=r[9], approved_by=r[10], updated_at=r[11], file=origin, line=line))
    return tuple(terms)


def _revision(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode("utf-8") + b"\0" + contents[name] + b"\0")
    return digest.hexdigest()[:12]


def writable_file(config, path: str | Path) -> Path:
    """The resolved glossary file *path* names, if l10n may write it.

    Only a file the configured globs cover, or a new ``.csv`` directly in the glossary
    folder, is a glossary file; anything else (the config, a bulletin, a file elsewhere)
    raises :class:`GlossaryError` before anything is written.
    """
    target = Path(path).resolve()
    _refuse_reference(target)
    if target in {p.resolve() for p in config.glossary_files()}:
        return target
    if target.suffix.lower() == ".csv" and target.parent == config.glossary_dir.resolve() and not target.exists():
        return target
    raise GlossaryError(
        f"{path} is not a glossary file; give a file the [paths] glossary globs cover or a new .csv in {config.glossary_dir}."
    )


def export_target(config, path: str | Path) -> Path:
    """The resolved file an export of the glossary may write: never a file a ``[paths] glossary``
    glob covers (one there now or one it would cover once written), nothing inside the glossary
    folder, and not the reference data; those raise :class:`GlossaryError` before anything is written.
    """
    target = Path(path).resolve()
    _refuse_reference(target)
    root = Path(config.root).resolve()
    folder = Path(config.glossary_dir).resolve()
    covered = any(_glob_covers(os.path.normpath(os.path.join(root, pattern)), target) for pattern in config.glossary_globs)
    if covered or (folder != root and target.is_relative_to(folder)):
        place = "a file the [paths] glossary globs cover" if covered else "inside the glossary folder"
        raise GlossaryError(
            f"{path} is {place}, so an export there would overwrite glossary terms or load a second copy of each;"
            f" export to a path outside {config.glossary_dir} (e.g. terms.tbx), nothing was written."
        )
    return target


def _glob_covers(pattern: str, path: Path) -> bool:
    """Whether the absolute glob *pattern* (``*``, ``?``, ``[…]`` within a name, ``**`` across
    folders, as :meth:`pathlib.Path.glob` reads it) covers the absolute *path*, existing or not.

    >>> _glob_covers("/p/glossary/*.csv", Path("/p/glossary/all.csv")), _glob_covers("/p/glossary/*.csv", Path("/p/all.csv"))
    (True, False)
    >>> _glob_covers("/p/**/*.csv", Path("/p/a/b/x.csv"))
    True
    """
    import fnmatch

    def covers(parts: tuple[str, ...], names: tuple[str, ...]) -> bool:
        if not parts:
            return not names
        if parts[0] == "**":
            return any(covers(parts[1:], names[i:]) for i in range(len(names) + 1))
        return bool(names) and fnmatch.fnmatchcase(names[0], parts[0]) and covers(parts[1:], names[1:])

    return covers(Path(pattern).parts, path.parts)


def reference_files(config) -> list[Path]:
    """The read-only reference files under the project's glossary (``[glossary] reference_places``)."""
    return [REFERENCE_PLACES] if getattr(config, "reference_places", True) else []


def load_glossary(config) -> Glossary:
    """The glossary of the project *config* (a :class:`l10n.config.Config`), with the
    reference places under it unless ``[glossary] reference_places = false``."""
    return Glossary.from_files(config.glossary_files(), reference=reference_files(config))


@contextlib.contextmanager
def editing(config, *, timeout: float = LOCK_TIMEOUT) -> Iterator[Glossary]:
    """Lock the glossary directory, load the glossary, and save it if the block succeeds.

    Two editors never interleave: the second waits up to *timeout* seconds for the
    first. A malformed file raises before anything is written.
    """
    from l10n.atomic import held_lock

    directory = config.glossary_dir
    directory.mkdir(parents=True, exist_ok=True)
    busy = GlossaryLockedError(f"Another editor is changing the glossary in {directory}; try again when they are done.")
    with held_lock(directory / LOCK_NAME, busy, timeout=timeout):
        glossary = load_glossary(config)
        yield glossary
        glossary.save()
