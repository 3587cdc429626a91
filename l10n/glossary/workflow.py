"""The glossary's editorial workflow: propose, approve, reject, deprecate, edit.

An edit of an approved term is stored as a proposed revision (``X.rN``) until it is approved;
:func:`merge` brings an import's terms in through the same checks as :func:`propose`. Every
name here is also importable from :mod:`l10n.glossary.store`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from l10n.glossary.files import Glossary, _reference_id_message, _refuse_reference, _TAKEN
from l10n.glossary.model import (
    _ID,
    STATUSES,
    GlossaryError,
    Term,
    TermConflictError,
    _base,
    _check_row,
    _field_problem,
    _second_english_of,
)

DEFAULT_FILE = "proposed.csv"


def now_stamp() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_name(name: str) -> str:
    """*name* (``--by``, the translator in l10n.toml), if it may sign a glossary row.

    >>> check_name("Jing")
    'Jing'
    """
    problem = _field_problem("the name", name)
    if problem:
        raise GlossaryError(f"{problem[0].upper()}{problem[1:]} (it comes from --by or translator in l10n.toml).")
    return name


def make_id(glossary: Glossary, en: str, category: str = "") -> str:
    """A new stable id from the category and the English.

    >>> make_id(Glossary(), "Party History Research Office", "organ")
    'organ-party-history-research-office'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")[:48].strip("-") or "term"
    base = f"{category}-{stem}" if category and _ID.match(category) else stem
    taken = {t.id for t in glossary.terms}
    candidate, n = base, 2
    while candidate in taken or glossary.is_reference_id(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_approvable(glossary: Glossary, term: Term) -> None:
    for other in glossary.terms:
        if other.id != term.id and other.status == "approved" and other.zh == term.zh and other.en != term.en and other.overlaps(term):
            raise TermConflictError(
                f"{term.id} ({term.zh} → {term.en}) conflicts with approved {other.id} ({other.en}) on overlapping dates;"
                f" deprecate {other.id} or set --valid-from/--valid-to first."
            )


def _check_entry(glossary: Glossary, term: Term, *, family: Iterable[Term], approved: Iterable[Term], where: str = "",
                 nothing: str = ".") -> None:
    """Refuse a new entry that :func:`propose` or :func:`merge` would add, naming *where* it comes from.

    Its id is no reference place's; an id ``X.rN`` (or ``X`` beside ``X.rN``) joins an entry's
    revision family (*family*: the entries already there), whose approval deprecates the rest of
    it, so it must share the Chinese of one of them (only :func:`edit` revises the Chinese); a
    proposal gives no approved Chinese term (*approved*: those with its Chinese) a second English,
    and an approved entry agrees with them.
    """
    at = f"{where}: " if where else ""
    if glossary.is_reference_id(term.id):
        raise GlossaryError(f"{at}{_reference_id_message(term.id)}{nothing}")
    family = [t for t in family if t.id != term.id]
    if family and term.zh not in {t.zh for t in family}:
        first = family[0]
        raise GlossaryError(
            f"{at}id {term.id} makes {term.zh} → {term.en!r} a revision of {first.id} ({first.zh} → {first.en!r}), whose approval would"
            f" deprecate {first.id}, but a revision keeps its entry's Chinese; give it an id of its own"
            f" (`l10n glossary edit {first.id}` revises that entry){nothing}"
        )
    if term.status == "proposed":
        other = _second_english_of(term, approved)
        if other is not None:
            raise GlossaryError(
                f"{at}{term.zh} → {term.en!r} would be a second English for approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; revise {other.id} with `l10n glossary edit {other.id} --en …` or set --valid-from/--valid-to{nothing}"
            )
    elif term.status == "approved":
        other = next((o for o in approved if o.id != term.id and o.zh == term.zh and o.en != term.en and o.overlaps(term)), None)
        if other is not None:
            raise TermConflictError(
                f"{at}approved {term.zh} → {term.en!r} conflicts with approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; deprecate one of them or set their validity dates apart{nothing}"
            )


def propose(
    glossary: Glossary,
    zh: str,
    en: str,
    *,
    by: str = "",
    category: str = "",
    term_id: str | None = None,
    forbidden: Iterable[str] = (),
    note: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    file: Path | None = None,
    now: str | None = None,
) -> Term:
    """Add a proposed term and return it."""
    check_name(by)
    zh, en = zh.strip(), en.strip()
    if not zh or not en:
        raise GlossaryError("A term needs both the Chinese and the English; give ZH and EN.")
    if valid_from and valid_to and valid_from > valid_to:
        raise GlossaryError(f"--valid-from {valid_from} is after --valid-to {valid_to}; swap them.")
    for t in glossary.terms:
        if t.zh == zh and t.en == en and t.status in ("proposed", "approved"):
            raise GlossaryError(f"{zh} → {en} is already in the glossary as {t.id} ({t.status}).")
    if term_id is not None and not _ID.match(term_id):
        raise GlossaryError(f"Id {term_id!r} must be lower-case letters, digits, '.', '_' or '-'.")
    term = Term(
        id=term_id or make_id(glossary, en, category),
        zh=zh,
        en=en,
        category=category,
        status="proposed",
        valid_from=valid_from,
        valid_to=valid_to,
        forbidden=tuple(f.strip() for f in forbidden if f.strip()),
        note=note,
        proposed_by=by,
        updated_at=now or now_stamp(),
    )
    _check_row(term)
    if glossary.has_id(term.id):
        raise GlossaryError(_TAKEN.format(term.id))
    _check_entry(glossary, term, family=[t for t in glossary.terms if _base(t.id) == _base(term.id)],
                 approved=[t for t in glossary.terms if t.status == "approved" and t.zh == term.zh], nothing="; nothing was written.")
    if file is None:
        file = default_file(glossary, category)
    return glossary.add(term, file=file)


def default_file(glossary: Glossary, category: str, directory: Path | None = None) -> Path:
    """Where a new term goes: the file named after its category (organ → organs.csv),
    else the file holding most terms of that category, else ``proposed.csv``.

    >>> g = Glossary([Term("a", "香港", "Hong Kong", "organ", file="/g/hongkong.csv"), Term("b", "政协", "CPPCC", "organ", file="/g/organs.csv")],
    ...              files=["/g/hongkong.csv", "/g/organs.csv"])
    >>> default_file(g, "organ").name, default_file(g, "title").name
    ('organs.csv', 'proposed.csv')
    """
    if category:
        for path in glossary.files:
            if path.stem.lower() in (category.lower(), f"{category.lower()}s"):
                return path
        counts: dict[str, int] = {}
        for t in glossary.terms:
            if t.category == category and t.file:
                counts[t.file] = counts.get(t.file, 0) + 1
        if counts:
            return Path(max(counts, key=counts.__getitem__))
    if directory is None:
        directory = glossary.files[0].parent if glossary.files else Path("glossary")
    return directory / DEFAULT_FILE


def supersedes(glossary: Glossary, term_id: str) -> list[Term]:
    """The approved entries approving *term_id* deprecates: the rest of its revision family
    (``X``, ``X.r2`` … share the id before ``.rN``)."""
    return [t for t in _family(glossary, glossary.get(term_id)) if t.status == "approved"]


def set_status(glossary: Glossary, term_id: str, status: str, *, by: str = "", now: str | None = None) -> Term:
    """Approve, reject or deprecate the term *term_id*; records who and when.

    Approving a revision deprecates the approved entries of its family (see :func:`supersedes`),
    each with the note "superseded by X.rN".
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    check_name(by)
    term = glossary.get(term_id)
    _refuse_reference(term.file)
    if term.status == status:
        raise GlossaryError(f"{term_id} is already {status}.")
    if status == "rejected" and term.status != "proposed":
        instead = (f"so deprecate it instead (`l10n glossary deprecate {term_id}`)" if term.status == "approved"
                   else f"and a {term.status} term is already out of use")
        raise GlossaryError(f"{term_id} is {term.status}; only a proposal can be rejected, {instead}.")
    if status == "deprecated" and term.status != "approved":
        instead = (f"so reject the proposal instead (`l10n glossary reject {term_id}`)" if term.status == "proposed"
                   else f"and a {term.status} term is already out of use")
        raise GlossaryError(f"{term_id} is {term.status}; only an approved term can be deprecated, {instead}.")
    if status == "approved":
        if not by:
            raise GlossaryError("Approval records who approved; pass --by NAME or set translator in l10n.toml.")
        for old in supersedes(glossary, term_id):
            note = f"{old.note}; superseded by {term.id}" if old.note else f"superseded by {term.id}"
            glossary.replace(old, dataclasses.replace(old, status="deprecated", note=note, updated_at=now or now_stamp()))
        _check_approvable(glossary, term)
    changed = dataclasses.replace(
        term,
        status=status,
        approved_by=by if status == "approved" else term.approved_by,
        updated_at=now or now_stamp(),
    )
    return glossary.replace(term, changed)


def approve(glossary: Glossary, term_id: str, *, by: str, now: str | None = None) -> Term:
    return set_status(glossary, term_id, "approved", by=by, now=now)


def reject(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None) -> Term:
    return set_status(glossary, term_id, "rejected", by=by, now=now)


def deprecate(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None) -> Term:
    return set_status(glossary, term_id, "deprecated", by=by, now=now)


_EDITABLE = ("zh", "en", "category", "valid_from", "valid_to", "forbidden", "note")


def edit(glossary: Glossary, term_id: str, *, by: str = "", now: str | None = None, **changes) -> Term:
    """Change the fields given (a validity of None clears it); an approved term goes back to proposed."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
    check_name(by)
    term = glossary.get(term_id)
    _refuse_reference(term.file)
    changes = {k: v for k, v in changes.items() if v is not None or k in ("valid_from", "valid_to")}
    if "forbidden" in changes:
        changes["forbidden"] = tuple(f.strip() for f in changes["forbidden"] if f.strip())
    for key in ("zh", "en"):
        if key in changes:
            changes[key] = changes[key].strip()
            if not changes[key]:
                raise GlossaryError(f"--{key} cannot be empty; give the new text.")
    new = dataclasses.replace(term, **changes)
    if new.valid_from and new.valid_to and new.valid_from > new.valid_to:
        raise GlossaryError(f"valid_from {new.valid_from} is after valid_to {new.valid_to}; fix the dates.")
    if new == term:
        raise GlossaryError(f"{term_id} already has these values; nothing to change.")
    if term.status == "approved":
        return add_revision(glossary, term, new, by=by, now=now)
    if new.status == "proposed":
        other = _second_english_of(new, [t for t in glossary.terms if t.status == "approved" and t.zh == new.zh])
        if other is not None:
            raise GlossaryError(
                f"{new.zh} → {new.en!r} would be a second English for approved {other.id} → {other.en!r} ({other.where})"
                f" on overlapping dates; revise {other.id} with `l10n glossary edit {other.id} --en …` instead, nothing was written."
            )
    return glossary.replace(term, dataclasses.replace(new, updated_at=now or now_stamp()))


def _family(glossary: Glossary, term: Term) -> list[Term]:
    """The other entries of *term*'s revision family: ``X`` and its revisions ``X.r2``, ``X.r3`` …"""
    base = _base(term.id)
    return [t for t in glossary.terms if t.id != term.id and _base(t.id) == base]


def add_revision(glossary: Glossary, approved: Term, new: Term, *, by: str = "", now: str | None = None) -> Term:
    """Store a change to the approved term *approved* as a proposed revision row.

    The approved entry stays in force, untouched, until the revision (id ``X.rN``) is
    approved; approving it deprecates *approved* with the note "superseded by X.rN".
    No entry's id ever changes.
    """
    pending = [t for t in _family(glossary, approved) if t.status == "proposed"]
    if pending:
        raise GlossaryError(f"{approved.id} already has a pending revision {pending[0].id}; edit {pending[0].id} or reject it first.")
    base = _base(approved.id)
    taken = {t.id for t in glossary.terms}
    n = 2
    while f"{base}.r{n}" in taken:
        n += 1
    revision = dataclasses.replace(new, id=f"{base}.r{n}", status="proposed", proposed_by=by, approved_by="", updated_at=now or now_stamp())
    return glossary.add(revision, file=Path(approved.file) if approved.file else default_file(glossary, revision.category))


def _says(current: Term | None, term: Term) -> bool:
    """Whether the approved entry *current* already says what *term*, approved or proposed, would."""
    return (current is not None and current.status == "approved" and term.status in ("approved", "proposed")
            and all(getattr(current, f) == getattr(term, f) for f in _EDITABLE))


def merge(
    glossary: Glossary, incoming: Iterable[Term], *, file: Path, replace: bool = False, approved_by: str = "", now: str | None = None
) -> tuple[int, int, int]:
    """Add *incoming* terms to *glossary*; returns (added, updated, unchanged).

    An outside file's approval is not our editors': a term it marks approved comes in
    proposed, unless *approved_by* names the editor who approves it on import. An
    entry identical to the glossary's, or saying what its approved entry (or that
    entry's approved revision) says, is unchanged; an incoming id already present with
    other content is refused unless *replace*. A replaced approved entry stays on record:
    the new content becomes its revision (see :func:`add_revision`), approved on import
    (deprecating the old entry) only when *approved_by* approves it. Each new entry is
    checked as :func:`propose` checks one; the first refused raises naming its place in
    the imported file, and the caller writes nothing. Time grows linearly with the entries
    (a revision of an approved entry costs a pass over the glossary).
    """
    check_name(approved_by)
    nothing = "; nothing was imported."
    added = updated = same = 0
    before: dict[str, list[Term]] = {}  # the revision families as they were before this import
    family: dict[str, list[str]] = {}  # the ids of each family now
    with_zh: dict[str, list[str]] = {}  # the ids of the entries with each Chinese term (some may have changed since)
    for t in glossary.terms:
        before.setdefault(_base(t.id), []).append(t)
        family.setdefault(_base(t.id), []).append(t.id)
        with_zh.setdefault(t.zh, []).append(t.id)

    def approved(zh: str, but: str = "") -> list[Term]:
        now_there = (glossary.get(i) for i in dict.fromkeys(with_zh.get(zh, ())) if i != but)
        return [t for t in now_there if t.status == "approved" and t.zh == zh]

    def in_force(existing: Term) -> Term | None:
        if existing.status == "approved":
            return existing
        return next((t for t in map(glossary.get, family.get(_base(existing.id), ())) if t.status == "approved"), None)

    for term in incoming:
        existing = glossary.get(term.id) if glossary.has_id(term.id) else None
        if existing is not None and existing == term:
            same += 1
            continue
        where = term.where  # the imported file's line, before the term takes its place in ours
        if term.status == "approved":
            term = dataclasses.replace(term, approved_by=approved_by, updated_at=now or now_stamp()) if approved_by else (
                dataclasses.replace(term, status="proposed", approved_by=""))
        if existing is None:
            _check_entry(glossary, term, family=before.get(_base(term.id), ()), approved=approved(term.zh), where=where, nothing=nothing)
            term = glossary.add(term, file=file)
            added += 1
        else:
            current = in_force(existing)
            if existing == term or _says(current, term):
                same += 1
                continue
            if not replace:
                raise GlossaryError(f"{where}: entry {term.id} differs from the glossary's ({existing.where}); pass --replace to overwrite it.")
            if current is not None:
                # the entry in force stays on record: the new content is its revision, approved on import only by --approve
                term = add_revision(glossary, current, term, by=term.proposed_by, now=now)
                if approved_by:
                    term = approve(glossary, term.id, by=approved_by, now=now)
            else:
                _check_entry(glossary, term, family=(), approved=approved(term.zh, but=existing.id), where=where, nothing=nothing)
                term = glossary.replace(existing, term)
            updated += 1
        family.setdefault(_base(term.id), []).append(term.id)
        with_zh.setdefault(term.zh, []).append(term.id)
    return added, updated, same
