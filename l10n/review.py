"""Review: a person approves, edits or redrafts each machine draft of a bulletin.

The decision logic lives here as plain functions and :class:`ReviewSession`; the
terminal front end (:mod:`l10n.cli.review`) only shows segments and reads keys.
Every decision is written to the catalog at once (atomically), so a quit or a
killed terminal loses nothing and the next session resumes at the first
unreviewed segment.

What an entry requires (shown, and enforced by the QA checks on accept and edit) is
:func:`l10n.required.entry_requirements`: recomputed from its msgid with the project's
glossary on the bulletin's date, as drafting and ``l10n check`` do; read back from its
``term:``/``name:``/``place:``/``ordinal:``/``hint:`` notes only when no glossary is given.
An entry's QA findings are computed, never read from its notes (:func:`catalog_findings`), as
``l10n check`` computes them: with what it requires on the bulletin's date, every check of
:mod:`l10n.quality.qa` but those in ``[check] disable``, and the checks across the bulletin.
``msgmerge``, Weblate, Poedit or a glossary change replace or outdate the ``qa:`` notes; they
stay a record of drafting and of the last review decision (:func:`findings` reads them). What
``status`` and ``review --list`` show is cached per catalog (:func:`project_findings`).
Other notes review reads (``#.`` comments, see :mod:`l10n.catalog`): ``tm:`` and ``tm-example:``
(translation-memory suggestions).
Sign-off is written where gettext tools keep it, as translator comment lines
``approved-by: NAME YYYY-MM-DD`` (every translator who approved it, oldest first; see
:attr:`l10n.catalog.Entry.approvals`) and the ``Last-Translator``/``PO-Revision-Date`` headers.

A translation with a QA error (error severity, checked afresh) is never approved as
it stands: the reviewer fixes it, keeps it as a draft (fuzzy, findings recorded) or
approves it anyway with a reason, recorded as the translator comment line
``approved-despite: <check ids> — <reason>`` (appended; ``msgmerge`` keeps it).

The old English a re-ingest kept for a changed sentence (fuzzy, with the previous source
``#|``) is a suggestion, never clean, and its sign-off is of the old sentence: it counts
as no one's approval, and approving the new text leaves it as ``previously-approved-by:``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from l10n.catalog import (APPROVED, DRAFT, UNTRANSLATED, Catalog, Entry, carried_sign_off, now_stamp, read_catalog, verify_catalog,
                          write_catalog)
from l10n.config import Config, check_name
from l10n.errors import CatalogError, ConfigError, UnknownSlugError
from l10n.required import bulletin_date, entry_requirements
from l10n.terms import Rendering

__all__ = [
    "Checker",
    "Retranslator",
    "ReviewError",
    "ReviewSession",
    "CleanResult",
    "accept_clean",
    "approved_despite",
    "approvers",
    "catalog_findings",
    "catalog_path_for",
    "entry_summary",
    "error_checks",
    "findings",
    "hints",
    "is_unreviewed",
    "load_checker",
    "open_catalog",
    "open_verified",
    "project_findings",
    "redraft_engine",
    "rendering_shown",
    "required_renderings",
    "resolve_translator",
    "tm_suggestions",
    "translator_comments",
]

#: ``check(source, translation, required)`` → QA notes (the text after ``qa: ``).
Checker = Callable[[str, str, Sequence[Rendering]], list[str]]
#: ``retranslate(config, catalog, entry)`` → a fresh draft of that entry.
Retranslator = Callable[[Config, Catalog, Entry], Entry]


class ReviewError(CatalogError):
    """A review action cannot be done on this entry."""


# --- reading an entry's notes -------------------------------------------------


def required_renderings(entry: Entry, glossary: Any = None, date=None) -> list[Rendering]:
    """The renderings *entry*'s translation must contain (:func:`l10n.required.entry_requirements`:
    with *glossary* on *date*, else from its notes).

    >>> e = Entry("1.1", "市政协李成明", notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming", "hint: 市 → City"])
    >>> [(r.source, r.target, r.kind) for r in required_renderings(e)]
    [('政协', 'CPPCC', 'term'), ('李成明', 'Li Chengming', 'name')]
    """
    return [r for r in entry_requirements(entry, glossary, date) if r.enforced]


def hints(entry: Entry, glossary: Any = None, date=None) -> list[Rendering]:
    """Proposed (not yet approved) glossary renderings and 万/亿 figures: shown, not enforced."""
    return [r for r in entry_requirements(entry, glossary, date) if not r.enforced]


def findings(entry: Entry) -> list[str]:
    """The QA findings recorded on *entry* (``check-id: message``): a record of drafting and
    review, which ``msgmerge`` or a glossary change outdates; what an entry has now is
    :func:`catalog_findings`."""
    return entry.notes_for("qa")


def tm_suggestions(entry: Entry) -> list[str]:
    """Similar approved translations from the translation memory."""
    return entry.notes_for("tm-example")


def approvers(entry: Entry) -> list[str]:
    """Everyone who approved *entry*, oldest first: the one reader of sign-off (review, export, status).

    >>> approvers(Entry("1.1", "x", "X", comment="approved-by: Jing 2026-12-01\\napproved-by: Wei"))
    ['Jing', 'Wei']
    """
    return [a.name for a in entry.approvals]


DESPITE = "approved-despite"
RETURNED = "returned-to-draft"
"""The translator comment line that records who put an approved entry back to draft, and why."""


def approved_despite(entry: Entry) -> list[str]:
    """The QA checks a person approved *entry* despite, with a recorded reason.

    >>> approved_despite(Entry("1.1", "x", "X", comment="ok\\napproved-despite: chinese-left, numbers — as published"))
    ['chinese-left', 'numbers']
    """
    if entry.carried_over:  # approved despite something in the old text, not in this one
        return []
    checks: list[str] = []
    for line in entry.comment.split("\n"):
        if line.startswith(f"{DESPITE}: "):
            listed, _, _ = line[len(DESPITE) + 2:].partition(" — ")
            checks += [c.strip() for c in listed.split(",") if c.strip()]
    return list(dict.fromkeys(checks))


def _is_sign_off(line: str) -> bool:
    return line.startswith(("approved-by:", f"{DESPITE}:"))


def translator_comments(entry: Entry) -> list[str]:
    """The lines a person wrote in *entry*'s translator comment, sign-off lines left out.

    >>> translator_comments(Entry("1.1", "x", "X", comment="Ask Wei.\\napproved-by: Jing 2026-12-01"))
    ['Ask Wei.']
    """
    return [line for line in entry.comment.split("\n") if line.strip() and not _is_sign_off(line)]


def error_checks(notes: Sequence[str]) -> list[str]:
    """The check ids of the error-severity findings among QA *notes* (a note no check
    of :mod:`l10n.quality.qa` wrote counts as an error).

    >>> error_checks(["length-ratio: short", "missing-term: 政协 → CPPCC not found", "missing-term: x"])
    ['missing-term']
    """
    from l10n.quality.qa import Finding

    out = []
    for note in notes:
        try:
            finding = Finding.from_note(note)
        except ValueError:
            out.append(_check_of(note))
            continue
        if finding.is_error:
            out.append(finding.check)
    return list(dict.fromkeys(out))


def _check_of(note: str) -> str:
    """The check id a QA note starts with (``numbers (warning): …`` → ``numbers``)."""
    return note.partition(":")[0].split(" ")[0]


def is_unreviewed(entry: Entry) -> bool:
    """Whether *entry* still needs a person: a draft or untranslated."""
    return entry.state != APPROVED


def entry_summary(entry: Entry, width: int = 40) -> str:
    """The first *width* characters of the English (the Chinese if there is none).

    >>> entry_summary(Entry("1.1", "你好", "Hello there, everyone", fuzzy=True), 11)
    'Hello there…'
    """
    text = " ".join((entry.translation or entry.source).split())
    return text if len(text) <= width else text[:width] + "…"


# --- QA ------------------------------------------------------------------------


def load_checker(disabled: Collection[str] = ()) -> Checker:
    """The project's QA checks (:func:`l10n.quality.qa.check_segment`) as a :data:`Checker`,
    those in *disabled* (``[check] disable``) left out."""
    from l10n.quality.qa import check_segment

    def check(source: str, translation: str, required: Sequence[Rendering]) -> list[str]:
        return [finding.note() for finding in check_segment(source, translation, required, disabled)]

    return check


def rendering_shown(rendering: Rendering, translation: str) -> bool:
    """Whether *translation* contains *rendering* as the QA checks see it."""
    from l10n.quality.qa import rendering_present

    return rendering_present(rendering, translation)


def catalog_findings(
    catalog: Catalog,
    glossary: Any = None,
    disabled: Collection[str] = (),
    *,
    requirements: Callable[[Entry], Sequence[Rendering]] | None = None,
) -> list[list[Any]]:
    """The QA findings (:class:`l10n.quality.qa.Finding`) of each entry of *catalog*, in entry
    order, computed as ``l10n check`` computes them (:func:`l10n.quality.gate.check_catalog`):
    each translated entry's :func:`~l10n.quality.qa.check_segment` with what it requires
    (*requirements*, default :func:`l10n.required.entry_requirements` with *glossary* on the
    bulletin's date: from its notes when *glossary* is None), then
    :func:`~l10n.quality.qa.check_bulletin` across them, those in *disabled* left out; each
    entry's findings in check order.

    >>> c = Catalog("x", {}, [Entry("1.1", "会议在北京召开。", "The meeting was held 在北京."), Entry("1.2", "乙")])
    >>> [[f.check for f in found] for found in catalog_findings(c)]
    [['chinese-left'], []]
    """
    from l10n.quality.qa import REGISTRY, check_bulletin, check_segment

    if requirements is None:
        date = bulletin_date(catalog)
        requirements = lambda entry: entry_requirements(entry, glossary, date)  # noqa: E731
    found: list[list[Any]] = [[] for _ in catalog.entries]
    items, where = [], []
    for i, entry in enumerate(catalog.entries):
        if not entry.translation:
            continue
        renderings = requirements(entry)
        items.append((entry.source, entry.translation, renderings))
        where.append(i)
        found[i].extend(check_segment(entry.source, entry.translation, renderings, disabled))
    for index, finding in check_bulletin(items, disabled):
        found[where[index]].append(finding)
    order = {check: n for n, check in enumerate(REGISTRY)}
    return [sorted(f, key=lambda finding: order.get(finding.check, len(order))) for f in found]


#: Bumped when what :func:`project_findings` caches changes shape.
_CACHE_FORMAT = "l10n-findings-1"


def _code_fingerprint() -> str:
    """Size and modification time of every file of the installed l10n package (code and data):
    a changed check or data file is a new cache key."""
    import hashlib

    global _CODE
    if _CODE is None:
        root = Path(__file__).resolve().parent
        digest = hashlib.sha256()
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        _CODE = digest.hexdigest()
    return _CODE


_CODE: str | None = None


def _findings_key(config: Config, catalog: Catalog) -> str:
    """What the findings of *catalog* depend on, digested: l10n's code and data, the glossary
    files' bytes, whether reference places are on, ``[check] disable``, the bulletin's date
    and every entry's msgid and msgstr (not its notes or sign-off)."""
    import hashlib
    import json

    digest = hashlib.sha256()
    date = bulletin_date(catalog)
    digest.update(json.dumps([_CACHE_FORMAT, _code_fingerprint(), getattr(config, "reference_places", True),
                              sorted(config.check.disable), date.isoformat() if date else None]).encode())
    digest.update(_glossary_digest(config.glossary_files()))
    for entry in catalog.entries:
        digest.update(json.dumps([entry.context, entry.source, entry.translation], ensure_ascii=False).encode())
    return digest.hexdigest()


def _glossary_digest(paths: Sequence[Path]) -> bytes:
    """The digest of the glossary files' names and bytes, read once a process while none changes."""
    import hashlib

    stats = []
    for path in paths:
        try:
            stat = path.stat()
            stats.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            stats.append((str(path), -1, -1))
    known = _GLOSSARY_DIGESTS.get(tuple(stats))
    if known is not None:
        return known
    digest = hashlib.sha256()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""  # loading it will say what is wrong
        digest.update(f"{path}\0{len(data)}\0".encode() + hashlib.sha256(data).digest())
    _GLOSSARY_DIGESTS[tuple(stats)] = digest.digest()
    return _GLOSSARY_DIGESTS[tuple(stats)]


_GLOSSARY_DIGESTS: dict[tuple, bytes] = {}


def _cache_file(config: Config, catalog: Catalog) -> Path:
    """Where :func:`project_findings` keeps *catalog*'s findings: one file per catalog (overwritten
    when it changes) in ``findings/`` of ``$L10N_CACHE_DIR``, else of the user's l10n cache
    directory (beside the ``models/`` of :func:`l10n.registry.cache_dir`)."""
    import hashlib
    import os

    from l10n.registry import CACHE_ENV

    root = os.environ.get(CACHE_ENV)
    if root:
        base = Path(root).expanduser()
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("l10n"))
    where = str(config.catalog_path(catalog.slug).resolve())
    return base / "findings" / f"{hashlib.sha256(where.encode()).hexdigest()[:40]}.json"


def _read_cached(path: Path, key: str, size: int) -> list[list[Any]] | None:
    """The findings cached in *path* under *key* for a catalog of *size* entries; None when there
    are none or the file is not what :func:`_write_cached` wrote (it is then recomputed)."""
    import json

    from l10n.quality.qa import CHECKS, Finding

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        found: list[list[Any]] = [[] for _ in range(size)]
        for index, check, severity, message in data["findings"]:
            if not (isinstance(index, int) and 0 <= index < size and check in CHECKS and isinstance(message, str)):
                return None
            found[index].append(Finding(check, severity, message))
        return found
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _write_cached(path: Path, key: str, found: list[list[Any]]) -> None:
    """Keep *found* in *path* under *key*; a cache that cannot be written is no error."""
    import json

    from l10n.atomic import atomic_write_text

    rows = [[i, f.check, f.severity, f.message] for i, entry in enumerate(found) for f in entry]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps({"key": key, "findings": rows}, ensure_ascii=False))
    except OSError:
        pass


def project_findings(config: Config, catalog: Catalog, glossary: Callable[[], Any] | None = None) -> list[list[Any]]:
    """:func:`catalog_findings` of *catalog* in the project *config*: with its glossary on the
    bulletin's date and its ``[check] disable``, as ``l10n check`` computes them.

    Computing them loads the glossary and the name dictionaries, seconds a process; so they are
    cached per catalog, keyed by its entries' text, the bulletin's date, the glossary files and
    l10n's own code: ``status`` over catalogs nobody changed reads them back. *glossary* returns
    the project glossary when one is needed (default :func:`l10n.required.project_glossary`;
    ``status`` loads it once for every catalog). A cache that cannot be read is computed again,
    one that cannot be written is no error."""
    key = _findings_key(config, catalog)
    where = _cache_file(config, catalog)
    cached = _read_cached(where, key, len(catalog.entries))
    if cached is not None:
        return cached
    from l10n.required import project_glossary

    found = catalog_findings(catalog, glossary() if glossary is not None else project_glossary(config), config.check.disable)
    _write_cached(where, key, found)
    return found


# --- catalogs and translators --------------------------------------------------


def catalog_path_for(config: Config, slug: str) -> Path:
    """The ``.po`` of *slug*; :class:`UnknownSlugError` when there is none."""
    path = config.catalog_path(slug)
    if not path.is_file():
        raise UnknownSlugError(f"No catalog for slug {slug} in {path.parent}; run `l10n draft {slug}` first.")
    return path


def open_catalog(config: Config, slug: str) -> tuple[Path, Catalog]:
    """Read the catalog of *slug* (malformed files raise :class:`CatalogError` with the line)."""
    path = catalog_path_for(config, slug)
    catalog = read_catalog(path)
    return path, catalog


def open_verified(config: Config, slug: str) -> tuple[Path, Catalog]:
    """:func:`open_catalog`, refusing a catalog ``msgfmt --check`` would reject or that
    does not hold exactly its template's entries (:func:`l10n.catalog.verify_catalog`)."""
    path = catalog_path_for(config, slug)
    return path, verify_catalog(path, config.template_path(slug))


def resolve_translator(name: str | None, config: Config) -> str:
    """*name*, else the project's ``translator``; a review needs someone to sign it."""
    chosen = (name or config.translator or "").strip()
    if not chosen:
        raise ConfigError("No translator name: pass --translator NAME or set translator in l10n.toml [project].")
    return check_name(chosen, "--translator" if name else "translator in l10n.toml")


def redraft_engine(catalog: Catalog, config: Config, *, model: str | None = None, engine: str | None = None) -> tuple[str, dict[str, str]]:
    """What review's ``r`` redrafts with, as :func:`l10n.engines.load_engine`'s name and options:
    the *engine* or *model* given (``review --engine/--model``), else the engine the catalog was
    drafted with (its ``X-Engine`` header; for ``openai`` the served model of ``X-Model``; for a
    local engine the registered model ``X-Model`` names, else that engine's default), else the
    project's ``[draft] model``.

    >>> from l10n.config import Config
    >>> cfg = Config(root=Path("."))
    >>> redraft_engine(Catalog("x", {"X-Engine": "openai", "X-Model": "fake"}), cfg)
    ('openai', {'model': 'fake'})
    >>> redraft_engine(Catalog("x", {"X-Engine": "openai", "X-Model": "fake"}), cfg, engine="openai")
    ('openai', {})
    """
    from l10n.engines import available_engines
    from l10n.errors import L10nError

    if engine or model:
        return (engine or model or ""), {}
    used_engine = catalog.header.get("X-Engine", "").strip()
    used_model = catalog.header.get("X-Model", "").strip()
    if used_engine == "openai":
        return "openai", ({"model": used_model} if used_model else {})
    if used_model and used_model not in available_engines():
        from l10n.registry import get_entry

        try:
            entry = get_entry(used_model, config.models_dir)
        except L10nError:
            entry = None
        if entry is not None and (not used_engine or entry.engine == used_engine):
            return used_model, {}
    if used_engine in available_engines():
        return used_engine, {}
    return config.default_model, {}


def _approve(entry: Entry, catalog: Catalog, translator: str, despite: str = "") -> None:
    """Mark *entry* approved by *translator* today, in its translator comment and the header,
    after the ``approved-despite:`` line *despite* if one is given.

    An approved entry no longer carries the previous source (``#|``) or the old
    translation a re-ingest kept, as msgmerge and Poedit drop them once an entry is not fuzzy;
    the sign-off of the previous source stays as a record, not as an approval of this text
    (:func:`l10n.catalog.carried_sign_off`: a catalog ``msgmerge`` updated carries it as it was).
    """
    stamp = now_stamp()
    if entry.carried_over:
        entry.comment = carried_sign_off(entry.comment)
    if despite:
        entry.comment = f"{entry.comment}\n{despite}" if entry.comment else despite
    entry.fuzzy = False
    entry.previous_context = entry.previous_source = ""
    entry.set_notes("previous-translation", [])
    entry.add_approval(translator, stamp[:10])
    catalog.header["Last-Translator"] = translator
    catalog.header["PO-Revision-Date"] = stamp


@dataclass
class CleanResult:
    """What :func:`accept_clean` did: drafts approved, and entries held back by reason."""

    accepted: int = 0
    held: dict[str, int] = field(default_factory=dict)

    @property
    def held_total(self) -> int:
        return sum(self.held.values())


def accept_clean(
    catalog: Catalog,
    translator: str,
    *,
    check: Checker | None = None,
    glossary: Any = None,
    disabled: Collection[str] = (),
    min_confidence: float = 0.0,
) -> CleanResult:
    """Approve every draft nobody needs to look at; say how many were held back, and why.

    A draft is clean when it has no ``qa:`` notes (but of the checks in *disabled*, which
    stay as drafting recorded them), *check* (if given) finds nothing with what
    it requires (with *glossary* on the bulletin's date, as ``l10n check`` sees it; from its
    notes without one), the machine did not post-edit it (no ``repair:`` notes), and it is not
    the old English of a changed sentence (a previous source ``#|``, or the old translation
    kept as a ``previous-translation:`` note), and drafting's confidence in it (its
    ``confidence:`` note) is at least *min_confidence*. Findings *check* makes are recorded on the
    entry. Held back: ``untranslated``, ``source changed``, ``QA findings``, ``automatic repairs``,
    ``low confidence``.
    """
    check_name(translator, "The translator's name")
    result = CleanResult()
    date = bulletin_date(catalog)

    def hold(reason: str) -> None:
        result.held[reason] = result.held.get(reason, 0) + 1

    for entry in catalog.entries:
        if entry.state != DRAFT:
            if entry.state == UNTRANSLATED:
                hold("untranslated")
            continue
        if entry.previous_source or entry.notes_for("previous-translation"):
            hold("source changed")
            continue
        fresh = check(entry.source, entry.translation, entry_requirements(entry, glossary, date)) if check else []
        if fresh:
            entry.set_notes("qa", fresh)
        if [note for note in findings(entry) if _check_of(note) not in disabled]:
            hold("QA findings")
        elif entry.notes_for("repair"):
            hold("automatic repairs")
        elif _confidence(entry) < min_confidence:
            hold("low confidence")
        else:
            _approve(entry, catalog, translator)
            result.accepted += 1
    return result


def _confidence(entry: Entry) -> float:
    """Drafting's confidence in *entry* (:attr:`l10n.catalog.Entry.confidence`); 1.0 where it recorded
    none (a person's text, or a draft from the translation memory), so no threshold holds it back,
    and 0.0 for a note that is no finite number (none drafting wrote: no evidence of confidence)."""
    if not entry.notes_for("confidence"):
        return 1.0
    return entry.confidence if entry.confidence is not None else 0.0


# --- the interactive session ---------------------------------------------------


@dataclass
class ReviewSession:
    """One person reviewing one catalog, segment by segment.

    Each action that changes an entry saves the catalog to ``path`` before it
    returns. ``position`` is the index of the entry on show; ``None`` once no
    unreviewed entry is left. What an entry requires is computed with ``glossary`` (the
    project's, :func:`l10n.required.project_glossary`) on the bulletin's date; read from
    its notes when that is None.
    """

    catalog: Catalog
    path: Path
    translator: str
    config: Config | None = None
    retranslate: Retranslator | None = None
    check: Checker | None = None
    save: Callable[[Catalog, Path], None] = write_catalog
    glossary: Any = None
    position: int | None = None
    history: list[int] = field(default_factory=list)
    #: Which entries the session walks: every one once, in order (``every``), or the
    #: unreviewed ones until none is left; ``only_findings``: only those with QA findings.
    every: bool = False
    only_findings: bool = False
    #: The QA checks not run (``[check] disable``): the findings shown are those ``l10n check`` reports.
    disabled: Collection[str] = ()
    #: The entry on show as it was before an edit with QA errors (saved as a draft meanwhile),
    #: with its index and the header's revision date: what :meth:`undo_edit` puts back.
    _before_edit: tuple[int, Entry, str | None] | None = field(default=None, init=False, repr=False)
    #: What each msgid requires (the glossary and date stay the same for a session), and the
    #: catalog's findings with the entries' texts they were computed for.
    _required: dict[str, list[Rendering]] = field(default_factory=dict, init=False, repr=False)
    _findings: tuple[tuple, list[list[Any]]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.translator:
            raise ValueError("a review session needs a translator name")
        check_name(self.translator, "The translator's name")
        if self.position is None:
            self.position = self._next(-1)

    # where we are
    @property
    def total(self) -> int:
        return len(self.catalog.entries)

    @property
    def done(self) -> bool:
        return self.position is None

    @property
    def current(self) -> Entry:
        if self.position is None:
            raise ReviewError("Every entry is reviewed; nothing is on show.")
        return self.catalog.entries[self.position]

    @property
    def remaining(self) -> int:
        return sum(1 for e in self.catalog.entries if is_unreviewed(e))

    def requirements(self, entry: Entry | None = None) -> list[Rendering]:
        """What *entry* (default: the one on show) requires, hints included."""
        entry = entry if entry is not None else self.current
        if self.glossary is None:  # read from its notes, which an action may change
            return entry_requirements(entry, None, bulletin_date(self.catalog))
        if entry.source not in self._required:
            self._required[entry.source] = entry_requirements(entry, self.glossary, bulletin_date(self.catalog))
        return list(self._required[entry.source])

    def all_findings(self) -> list[list[Any]]:
        """Every entry's QA findings (:class:`l10n.quality.qa.Finding`), computed as ``l10n check``
        does (:func:`catalog_findings`), in entry order; computed again once a text changes."""
        texts = tuple((e.source, e.translation, tuple(e.notes) if self.glossary is None else ()) for e in self.catalog.entries)
        if self._findings is None or self._findings[0] != texts:
            self._findings = (texts, catalog_findings(self.catalog, self.glossary, self.disabled, requirements=self.requirements))
        return self._findings[1]

    def findings_of(self, entry: Entry | None = None) -> list[Any]:
        """The QA findings of *entry* (default: the one on show) as ``l10n check`` reports them,
        each once."""
        entry = entry if entry is not None else self.current
        index = next((i for i, e in enumerate(self.catalog.entries) if e is entry), None)
        if index is None:
            return []
        return list(dict.fromkeys(self.all_findings()[index]))

    def required_renderings(self, entry: Entry | None = None) -> list[Rendering]:
        """The renderings *entry*'s translation must contain (the screen's "Required")."""
        return [r for r in self.requirements(entry) if r.enforced]

    def hints(self, entry: Entry | None = None) -> list[Rendering]:
        """The renderings shown for *entry*, not enforced (the screen's "Hints")."""
        return [r for r in self.requirements(entry) if not r.enforced]

    def next_unreviewed(self, after: int) -> int | None:
        """The first unreviewed entry after index *after*, wrapping round; None if all are done."""
        return self.find(is_unreviewed, after)

    def walked(self, entry: Entry) -> bool:
        """Whether the session shows *entry* on its walk (``every``/``only_findings``)."""
        return (self.every or is_unreviewed(entry)) and (not self.only_findings or bool(self.findings_of(entry)))

    def _next(self, after: int) -> int | None:
        """The next entry of the walk after index *after*: in order once when ``every``,
        else wrapping round while unreviewed ones are left."""
        entries = self.catalog.entries
        if self.every:
            return next((i for i in range(after + 1, self.total) if self.walked(entries[i])), None)
        return self.find(self.walked, after)

    def find(self, wanted: Callable[[Entry], bool], after: int | None = None) -> int | None:
        """The first entry after index *after* (default: the one on show) that is *wanted*,
        wrapping round (the entry on show last); None when no entry is."""
        n = self.total
        start = (self.position if self.position is not None else -1) if after is None else after
        for step in range(1, n + 1):
            i = (start + step) % n
            if wanted(self.catalog.entries[i]):
                return i
        return None

    def show(self, index: int) -> None:
        """Put the entry at *index* on show (``b`` comes back from it)."""
        if not 0 <= index < self.total:
            raise ReviewError(f"There is no entry {index + 1}; the catalog has {self.total}.")
        self._go(index)

    def index_of(self, context: str) -> int:
        """The index of the entry whose msgctxt is *context*; :class:`ReviewError` if none is."""
        for i, entry in enumerate(self.catalog.entries):
            if entry.context == context:
                return i
        raise ReviewError(f"No entry {context} in {self.path.name}; `l10n review --list` shows the entries.")

    def search(self, text: str) -> int | None:
        """The next entry after the one on show whose Chinese or English contains *text*
        (case-insensitive), wrapping round; None when none does."""
        needle = " ".join(text.split()).casefold()
        if not needle:
            return None
        return self.find(lambda e: needle in e.source.casefold() or needle in e.translation.casefold())

    def next_with_findings(self) -> int | None:
        """The next entry after the one on show, approved or not, that has QA findings (computed)."""
        found = self.all_findings()
        index = {id(e): i for i, e in enumerate(self.catalog.entries)}
        return self.find(lambda e: bool(found[index[id(e)]]))

    def comment(self, text: str) -> Entry:
        """Add *text* as a translator comment line of the entry on show (before its
        ``approved-by:``/``approved-despite:`` lines, which stay as they are); saved at once."""
        line = " ".join(text.split())
        if not line:
            raise ReviewError("An empty comment is not saved; type the comment.")
        if line.startswith((f"{DESPITE}:", "approved-by:")):
            raise ReviewError("A comment cannot start with approved-by: or approved-despite:; those lines record sign-off.")
        entry = self.current
        lines = entry.comment.split("\n") if entry.comment else []
        signed = [i for i, old in enumerate(lines) if _is_sign_off(old)]
        lines.insert(signed[0] if signed else len(lines), line)
        entry.comment = "\n".join(lines)
        self._save()
        return entry

    def propose_term(self, zh: str, en: str, category: str = "") -> Any:
        """Propose *zh* → *en* as a glossary term, the entry on show as its evidence (bulletin,
        entry, the machine's draft and the English on screen in the note), proposed by the
        reviewer: a hint until an editor approves it, so no draft changes meanwhile. *zh* must
        be Chinese of this entry; *category* defaults to the guess ``glossary learn`` makes.
        Returns the proposed :class:`l10n.glossary.Term` (its ``file`` says where it went)."""
        from l10n.glossary import editing, propose
        from l10n.glossary.learn import category_guess
        from l10n.glossary.store import default_file

        entry = self.current
        zh, en = " ".join(zh.split()), " ".join(en.split())
        if not zh or zh not in entry.source:
            raise ReviewError(f"{zh!r} is not in entry {entry.context}'s Chinese; type a span of it.")
        if self.config is None:
            raise ReviewError("Proposing a term needs the project configuration (l10n.toml).")
        category = category.strip() or category_guess(zh)
        draft = entry.machine_draft or entry.translation
        draft = draft if len(draft) <= 300 else draft[:299] + "…"  # a note is one bounded line
        note = f"proposed in review of {self.catalog.slug} {entry.context}: the machine wrote '{draft}'"
        with editing(self.config) as glossary:
            return propose(glossary, zh, en, by=self.translator, category=category, note=note,
                           file=default_file(glossary, category, self.config.glossary_dir))

    def _go(self, index: int | None) -> None:
        self._before_edit = None  # moving on is a decision on the edit: it stays as saved
        if self.position is not None and index != self.position:
            self.history.append(self.position)
        self.position = index

    def _advance(self) -> None:
        self._go(self._next(self.position if self.position is not None else -1))

    def _save(self) -> None:
        self.save(self.catalog, self.path)

    # actions
    def _qa(self, entry: Entry) -> list[str] | None:
        """Fresh QA notes of *entry*'s translation; None without a checker (the notes stay)."""
        if self.check is None:
            return None
        return self.check(entry.source, entry.translation, self.requirements(entry))

    def fresh_findings(self) -> list[str]:
        """The QA findings of the translation on show, checked afresh (the recorded ones without a checker)."""
        entry = self.current
        notes = self._qa(entry) if entry.translation else None
        return findings(entry) if notes is None else notes

    def blocking(self) -> list[str]:
        """The QA error checks the translation on show has, checked afresh: what stops approval."""
        return error_checks(self.fresh_findings())

    def accept(self) -> Entry:
        """Approve the draft on show as it is; move on to the next unreviewed entry.

        A draft with a QA error is refused (:class:`ReviewError`): edit it, keep it as
        a draft (:meth:`keep_draft`) or approve it anyway (:meth:`approve_anyway`).
        """
        entry = self.current
        if not entry.translation:
            raise ReviewError(f"Entry {entry.context} has no translation to accept; edit or retranslate it.")
        notes = self._qa(entry)
        errors = error_checks(notes or [])
        if errors:
            raise ReviewError(f"Entry {entry.context} has QA errors ({', '.join(errors)}); edit it, keep it as a draft, "
                              "or approve it anyway with a reason.")
        if notes is not None:
            entry.set_notes("qa", notes)
        _approve(entry, self.catalog, self.translator)
        self._save()
        self._advance()
        return entry

    def edit(self, text: str) -> list[str]:
        """Save *text* as the translation; return the QA findings it has.

        Without a QA error the edit is approved and review moves on. With one it is
        saved as a draft (fuzzy, the findings kept as ``qa:`` notes) and stays on show
        for the reviewer to fix, keep as a draft or approve anyway with a reason.
        """
        text = " ".join(text.split())
        if not text:
            raise ReviewError("An empty translation cannot be approved; keep the draft or type the English.")
        entry = self.current
        before = self._before_edit
        if before is None or before[0] != self.position:  # a second try keeps the first state
            before = (self.position, deepcopy(entry), self.catalog.header.get("PO-Revision-Date"))
        entry.translation = text
        notes = self._qa(entry) or []
        entry.set_notes("qa", notes)
        if error_checks(notes):
            entry.fuzzy = True
            self.catalog.header["PO-Revision-Date"] = now_stamp()
            self._save()
            self._before_edit = before
            return notes
        _approve(entry, self.catalog, self.translator)
        self._save()
        self._advance()
        return notes

    def undo_edit(self) -> bool:
        """Put the entry on show back as it was before the edit whose QA errors are undecided
        (:meth:`edit` saved it as a draft meanwhile), and save: quitting at the question about
        those errors leaves an approved translation approved. False when there is no such edit."""
        before = self._before_edit
        if before is None or before[0] != self.position:
            return False
        index, entry, stamp = before
        self.catalog.entries[index] = entry
        if stamp is None:
            self.catalog.header.pop("PO-Revision-Date", None)
        else:
            self.catalog.header["PO-Revision-Date"] = stamp
        self._before_edit = None
        self._save()
        return True

    def keep_draft(self) -> None:
        """Leave the translation on show a draft, its fresh findings recorded; move on."""
        entry = self.current
        notes = self._qa(entry) if entry.translation else None
        if notes is not None and notes != findings(entry):
            entry.set_notes("qa", notes)
            self._save()
        self.skip()

    def approve_anyway(self, reason: str) -> list[str]:
        """Approve the translation on show despite its QA errors, recording them and *reason*
        as a translator comment line; return the error checks it was approved despite."""
        reason = " ".join(reason.split())
        if not reason:
            raise ReviewError("Approving despite QA errors needs a reason; type one, or keep the entry as a draft.")
        entry = self.current
        if not entry.translation:
            raise ReviewError(f"Entry {entry.context} has no translation to approve; edit or retranslate it.")
        notes = self._qa(entry)
        if notes is not None:
            entry.set_notes("qa", notes)
        errors = error_checks(findings(entry))
        _approve(entry, self.catalog, self.translator, f"{DESPITE}: {', '.join(errors)} — {reason}" if errors else "")
        self._save()
        self._advance()
        return errors

    def redraft(self) -> Entry:
        """Replace the entry on show by a fresh machine draft (it stays on show, unapproved)."""
        if self.retranslate is None:
            raise ReviewError("Retranslation is not available in this session.")
        if self.config is None:
            raise ReviewError("Retranslation needs the project configuration.")
        old = self.current
        new = self.retranslate(self.config, self.catalog, old)
        if new.context != old.context or new.source != old.source:
            raise ValueError(f"retranslate returned entry {new.context!r} for {old.context!r}")
        if new.translation:
            new = replace(new, fuzzy=True)
        self.catalog.entries[self.position] = new
        self.catalog.header["PO-Revision-Date"] = now_stamp()
        self._save()
        return new

    def back_to_draft(self, reason: str = "") -> Entry:
        """Put the approved entry on show back to draft (fuzzy), recorded in its translator
        comment: its sign-off lines kept as ``previously-approved-by:``/``previously-approved-despite:``
        (a record, no one's approval of it now), then ``returned-to-draft: NAME DATE`` and
        *reason* if one is given; saved at once. It stays on show."""
        entry = self.current
        if entry.state != APPROVED:
            raise ReviewError(f"Entry {entry.context} is not approved; only an approved entry goes back to draft.")
        reason = " ".join(reason.split())
        stamp = now_stamp()
        line = f"{RETURNED}: {' '.join(self.translator.split())} {stamp[:10]}" + (f" — {reason}" if reason else "")
        comment = carried_sign_off(entry.comment)
        entry.comment = f"{comment}\n{line}" if comment else line
        entry.fuzzy = True
        self.catalog.header["PO-Revision-Date"] = stamp
        self._save()
        return entry

    def skip(self) -> None:
        """Leave the entry on show unreviewed and go to the next unreviewed one."""
        if self.position is None:
            return
        nxt = self._next(self.position)
        # With one unreviewed entry left, skipping comes back to it: say so by staying.
        self._go(nxt)

    def back(self) -> bool:
        """Show the previously shown entry again (approved or not); False at the start."""
        if self.history:
            self.position = self.history.pop()
            return True
        start = self.position if self.position is not None else self.total
        if start > 0:
            self.position = start - 1
            return True
        return False
