"""``l10n check``: the CI gate over a project's catalogs, and its reports.

Per bulletin (one ``<slug>.po``) the gate runs these checks, each a JUnit
test case named by its id:

* ``msgctxt`` — every entry's msgctxt is ``<paragraph>.<sentence>`` (export places the
  entry by it), the finding naming the file and line;
* ``unreviewed`` — draft (fuzzy) plus untranslated entries at most ``max_draft``;
* every QA check of :mod:`l10n.quality.qa` on every translated entry, with what
  its msgid requires on the bulletin's date (``X-Bulletin-Date``), as drafting and
  review compute it (:func:`l10n.required.entry_requirements`: the current glossary,
  or the entry's notes when there is none), and ``inconsistent-term`` across the
  bulletin (QA warnings are reported, they do not fail the gate); a check named in
  ``[check] disable`` (:attr:`~l10n.config.CheckThresholds.disable`) is not run, and its
  test case is skipped with the reason :data:`DISABLED`;
* ``term-accuracy`` — share of approved glossary terms rendered, at least
  ``min_term_accuracy`` (passes when the bulletin has no glossary term);
* ``chrf`` — chrF against ``<refs>/<slug>.en.txt``, at least ``min_chrf``; the
  reference holds one line per catalog entry, in catalog order (skipped when
  there is no reference).

An approved entry whose translator comment records that a person approved it despite some
checks, with a reason (``approved-despite: <checks> — <reason>``, see
:func:`l10n.review.approved_despite`), is *excused* for those checks, as ``l10n export``
excuses it (:func:`l10n.export.qa_blocked`): its findings of those checks are reported as
warnings (a JUnit ``skipped`` case "excused: …" with the reason) and fail nothing, unless
*strict*. An excuse covers only the checks it names, and never an old translation carried
over to a changed source (not approved, so not excused).

A catalog that cannot be checked (not a PO file, cut short, not UTF-8, not its template's
entries, a reference of the wrong length …) is bad input for that bulletin only: the others
are still checked, and the broken one is reported with its file and line where known
(:attr:`BulletinResult.error`: a JUnit ``error`` case, an annotation); the CLI exits 2 at
the end. Every path in a message or report is :func:`shown_path`: relative to the current
directory, else to the project root.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from l10n.catalog import APPROVED, DRAFT, SEGMENT_CONTEXT, UNTRANSLATED, Catalog, Entry, verify_catalog
from l10n.config import CheckThresholds
from l10n.errors import InputError, L10nError
from l10n.quality.qa import ERROR, REGISTRY, Finding, check_bulletin, check_segment
from l10n.quality.score import MetricScore, TermAccuracy, read_lines, term_accuracy
from l10n.required import bulletin_date, entry_requirements
from l10n.review import DESPITE, approved_despite
from l10n.terms import Rendering
from l10n.textsafe import for_terminal, github_data, github_property

__all__ = [
    "BadCatalog",
    "BulletinResult",
    "blocked_entries",
    "CheckResult",
    "DISABLED",
    "EntryFinding",
    "GATE_CHECKS",
    "SUMMARY_CHECKS",
    "catalog_paths",
    "check_catalog",
    "check_catalogs",
    "excuses",
    "github_annotations",
    "json_report",
    "junit_xml",
    "markdown_summary",
    "shown_path",
    "verdict",
]

GATE_CHECKS = ("msgctxt", "unreviewed", *REGISTRY, "term-accuracy", "chrf")
"""The test cases of each bulletin, in report order."""

DISABLED = "disabled in l10n.toml"
"""Why the test case of a check in ``[check] disable`` is skipped."""

SUMMARY_CHECKS = ("unreviewed", "term-accuracy", "chrf")
"""The checks of a whole bulletin: each fails with one summary message (entry checks: one per finding)."""

_LINE = re.compile(r"\bline (\d+)")


@dataclass(frozen=True)
class EntryFinding:
    """A QA finding on one catalog entry (``line``: its ``msgctxt`` line in the PO file).

    ``excused``: the reason a person approved the entry despite this check
    (``approved-despite:``), when that excuses it; None when it does not."""

    context: str
    line: int | None
    finding: Finding
    excused: str | None = None

    @property
    def fails(self) -> bool:
        """Whether this finding fails the bulletin: an error no recorded reason excuses."""
        return self.finding.is_error and self.excused is None


@dataclass(frozen=True)
class BadCatalog:
    """Why a bulletin could not be checked: one sentence, the file it is about (as
    :func:`shown_path` names it) and the line, where known."""

    message: str
    file: str
    line: int | None = None


@dataclass
class BulletinResult:
    """The gate's verdict on one catalog."""

    slug: str
    path: Path
    counts: dict[str, int]
    findings: list[EntryFinding] = field(default_factory=list)
    failures: dict[str, list[str]] = field(default_factory=dict)  # check id → messages
    skipped: dict[str, str] = field(default_factory=dict)  # check id → why
    terms: TermAccuracy | None = None
    chrf: MetricScore | None = None
    file: str = ""  # the path as reports name it (shown_path)
    error: BadCatalog | None = None  # set when the catalog could not be checked (bad input)

    def __post_init__(self) -> None:
        self.file = self.file or shown_path(self.path)

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None

    @property
    def errors(self) -> list[EntryFinding]:
        """The findings that fail the bulletin."""
        return [f for f in self.findings if f.fails]

    @property
    def warnings(self) -> list[EntryFinding]:
        """The findings reported that fail nothing: warnings, and errors a person's reason excuses."""
        return [f for f in self.findings if not f.fails]

    @property
    def excused(self) -> list[EntryFinding]:
        return [f for f in self.findings if f.excused is not None]


@dataclass
class CheckResult:
    """The gate's verdict on every catalog checked."""

    bulletins: list[BulletinResult]
    thresholds: CheckThresholds
    strict: bool = False

    @property
    def passed(self) -> bool:
        return all(b.passed for b in self.bulletins)

    @property
    def failed(self) -> list[BulletinResult]:
        """The bulletins checked that fail (quality failures)."""
        return [b for b in self.bulletins if b.error is None and not b.passed]

    @property
    def broken(self) -> list[BulletinResult]:
        """The bulletins that could not be checked (bad input)."""
        return [b for b in self.bulletins if b.error is not None]

    @property
    def bad_input(self) -> str | None:
        """One sentence on the catalogs that could not be checked (the CLI's ``Error:`` line,
        exit 2, after every report is written), None when every one was."""
        broken = self.broken
        if not broken:
            return None
        first = broken[0].error.message
        if len(broken) == 1:
            return first
        return (f"{len(broken)} of {len(self.bulletins)} catalogs cannot be checked "
                f"({', '.join(b.file for b in broken)}); the first: {first}")


def catalog_paths(paths: Sequence[str | Path], root: Path | None = None) -> list[Path]:
    """The ``.po`` files named by *paths* (files, or directories searched non-recursively)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob("*.po")))
        elif path.is_file():
            if path.suffix != ".po":
                raise InputError(f"{shown_path(path, root)} is not a .po catalog; pass catalogs or directories of them.")
            out.append(path)
        else:
            raise InputError(f"{shown_path(path, root)} does not exist.")
    if not out:
        raise InputError(f"No .po catalogs in {', '.join(shown_path(p, root) for p in paths)}; run `l10n draft` first.")
    return list(dict.fromkeys(out))


def excuses(entry: Entry) -> dict[str, str]:
    """The checks a person approved *entry* despite, each with the reason recorded on its
    ``approved-despite: <checks> — <reason>`` line: what excuses its findings of those checks,
    in ``check`` as in ``export`` (which reads :func:`l10n.review.approved_despite`). Only an
    approved entry is excused; an old translation carried over to a changed source is not
    approved, and excused for nothing.

    >>> excuses(Entry("1.1", "x", "X", comment="approved-by: Jing\\napproved-despite: chinese-left, numbers — as published"))
    {'chinese-left': 'as published', 'numbers': 'as published'}
    >>> excuses(Entry("1.1", "x,", "X", fuzzy=True, previous_source="x", comment="approved-despite: numbers — as published"))
    {}
    """
    if entry.state != APPROVED:
        return {}
    reasons: dict[str, str] = {}
    for line in entry.comment.split("\n"):
        if line.startswith(f"{DESPITE}: "):
            listed, _, reason = line[len(DESPITE) + 2:].partition(" — ")
            for check in listed.split(","):
                reasons.setdefault(check.strip(), reason.strip())
    return {check: reasons.get(check, "") for check in approved_despite(entry)}


def _entry_finding(entry: Entry, finding: Finding, excused: dict[str, str]) -> EntryFinding:
    reason = excused.get(finding.check) if finding.is_error else None
    return EntryFinding(entry.context, entry.line or None, finding, reason)


@dataclass
class _QA:
    entries: list[Entry]  # the translated entries
    required: list[list[Rendering]]  # what each requires
    excused: list[dict[str, str]]  # the checks a reason excuses on each
    findings: list[EntryFinding]


def _qa(catalog: Catalog, glossary: Any, disabled: Sequence[str], strict: bool) -> _QA:
    """Every QA finding on *catalog*'s translated entries (the checks in *disabled* left out),
    with what each entry requires on the bulletin's date, the bulletin's checks included."""
    date = bulletin_date(catalog)
    translated = [e for e in catalog.entries if e.translation]
    qa = _QA(translated, [], [{} if strict else excuses(e) for e in translated], [])
    for entry, excuse in zip(translated, qa.excused):
        renderings = entry_requirements(entry, glossary, date)
        qa.required.append(renderings)
        for finding in check_segment(entry.source, entry.translation, renderings, disabled):
            qa.findings.append(_entry_finding(entry, finding, excuse))
    items = [(e.source, e.translation, r) for e, r in zip(translated, qa.required)]
    for index, finding in check_bulletin(items, disabled):
        qa.findings.append(_entry_finding(translated[index], finding, qa.excused[index]))
    return qa


def blocked_entries(catalog: Catalog, glossary: Any = None, disabled: Sequence[str] = ()) -> list[tuple[Entry, list[str]]]:
    """The approved entries of *catalog* with QA errors that no recorded reason excuses, each
    with those checks, in catalog order: the entries ``check`` fails on QA, and what an export
    must not publish as reviewed (the one excuse policy, for both).

    >>> c = Catalog("x", {}, [Entry("1.1", "全县受益。", "全县 benefited.", comment="approved-despite: chinese-left — as published"),
    ...                       Entry("1.2", "全县受益。", "全县 benefited.", comment="approved-despite: numbers — n/a")])
    >>> [(e.context, checks) for e, checks in blocked_entries(c)]
    [('1.2', ['chinese-left'])]
    """
    qa = _qa(catalog, glossary, disabled, strict=False)
    failing: dict[str, list[str]] = {}
    for f in qa.findings:
        if f.fails:
            failing.setdefault(f.context, []).append(f.finding.check)
    return [(e, list(dict.fromkeys(failing[e.context]))) for e in catalog.entries
            if e.state == APPROVED and e.context in failing]


def check_catalog(
    path: Path,
    *,
    thresholds: CheckThresholds,
    glossary: Any = None,
    refs_dir: Path | None = None,
    templates_dir: Path | None = None,
    strict: bool = False,
    root: Path | None = None,
) -> BulletinResult:
    """Run every gate check on the catalog at *path*.

    *glossary* is anything with ``matcher(on=date).find(text) -> list[Rendering]``
    (:class:`l10n.glossary.Glossary`): what each entry requires is recomputed with it on the
    bulletin's date; with None it is read from the entries' notes, and term accuracy is skipped.
    A catalog ``msgfmt --check`` would reject, or (given *templates_dir*) one that does
    not hold exactly the entries of its ``<templates_dir>/<slug>.pot``, is bad input
    (:class:`~l10n.errors.CatalogError`), not a quality failure. With *strict*, no recorded
    reason excuses a QA error (see the module's docs). *root*, the project root, names files
    in reports when they are not under the current directory (:func:`shown_path`).
    """
    path = Path(path)
    catalog = verify_catalog(path, Path(templates_dir) / f"{path.stem}.pot" if templates_dir is not None else None)
    shown = shown_path(path, root)
    result = BulletinResult(catalog.slug, path, catalog.counts(), file=shown)
    failures: dict[str, list[str]] = {}
    for entry in catalog.entries:
        if not SEGMENT_CONTEXT.fullmatch(entry.context):
            where = f"line {entry.line} of {shown}" if entry.line else shown
            result.findings.append(EntryFinding(entry.context, entry.line or None, Finding(
                "msgctxt", ERROR, f"the msgctxt at {where} is not <paragraph>.<sentence> (such as 2.1), which export needs "
                                  "to place the entry; fix it in the catalog and its template")))

    unreviewed = [e for e in catalog.entries if e.state != APPROVED]
    if len(unreviewed) > thresholds.max_draft:
        c = result.counts
        failures["unreviewed"] = [
            f"{len(unreviewed)} entries are not approved ({c[DRAFT]} draft, {c[UNTRANSLATED]} untranslated); "
            f"at most {thresholds.max_draft} allowed"
        ] + [f"{e.context}: {e.state}" for e in unreviewed]

    disabled = thresholds.disable
    result.skipped.update(dict.fromkeys(disabled, DISABLED))
    qa = _qa(catalog, glossary, disabled, strict)
    translated, required, excused = qa.entries, qa.required, qa.excused
    result.findings += qa.findings
    order = {e.context: i for i, e in enumerate(catalog.entries)}
    result.findings.sort(key=lambda f: (order.get(f.context, 0), GATE_CHECKS.index(f.finding.check) if f.finding.check in GATE_CHECKS else 99))
    for f in result.errors:
        failures.setdefault(f.finding.check, []).append(f"{f.context}: {f.finding.message}")

    if glossary is not None:
        # an entry whose missing terms a person's reason excuses is left out of the share, as from the failures
        scored = [i for i, excuse in enumerate(excused) if "missing-term" not in excuse]
        result.terms = term_accuracy([translated[i].translation for i in scored], [required[i] for i in scored])
        value = result.terms.value
        if value is not None and value < thresholds.min_term_accuracy:
            # the share only: each missing term is reported once, as its entry's missing-term finding
            failures["term-accuracy"] = [
                f"term accuracy {value:.3f} ({result.terms.found}/{result.terms.total}) is below {thresholds.min_term_accuracy}"
            ]
    else:
        result.skipped["term-accuracy"] = "no glossary"

    reference = refs_dir / f"{catalog.slug}.en.txt" if refs_dir is not None else None
    if reference is not None and reference.is_file():
        from l10n.quality.score import corpus_scores

        refs = read_lines(reference)
        if len(refs) != len(catalog.entries):
            raise InputError(
                f"{shown_path(reference, root)} has {len(refs)} lines but {shown} has {len(catalog.entries)} entries; "
                "a reference holds one line per catalog entry, in catalog order."
            )
        result.chrf = next(m for m in corpus_scores([e.translation for e in catalog.entries], refs) if m.name.startswith("chrF"))
        if result.chrf.score < thresholds.min_chrf:
            failures["chrf"] = [f"chrF {result.chrf.score:.2f} is below {thresholds.min_chrf} ({result.chrf.signature})"]
    else:
        result.skipped["chrf"] = f"no reference {shown_path(reference, root)}" if reference is not None else "no --refs"
    result.failures = {check: failures[check] for check in GATE_CHECKS if check in failures}
    result.skipped = {check: result.skipped[check] for check in GATE_CHECKS if check in result.skipped}
    return result


def _shown_in(message: str, root: Path | None, *paths: Path | None) -> str:
    """*message* with each of *paths* it quotes as :func:`shown_path` names it (a library
    message quotes a path as it was given, which may be absolute)."""
    for path in sorted((p for p in paths if p is not None), key=lambda p: -len(str(p))):
        message = message.replace(str(path), shown_path(path, root))
    return message


def _broken(path: Path, error: Exception, *, root: Path | None, templates_dir: Path | None, refs_dir: Path | None) -> BulletinResult:
    """The result of a catalog that could not be checked: *error* as one sentence naming
    the file it is about (the catalog, its template or its reference) and the line, where known."""
    path = Path(path)
    template = Path(templates_dir) / f"{path.stem}.pot" if templates_dir is not None else None
    reference = Path(refs_dir) / f"{path.stem}.en.txt" if refs_dir is not None else None
    if isinstance(error, OSError):
        message = f"{path} cannot be read ({error.strerror or error}); check that it is a readable file."
    else:
        message = str(error)
    message = _shown_in(message, root, path, template, reference)
    shown = shown_path(path, root)
    about = next((shown_path(p, root) for p in (template, reference) if p is not None and message.startswith(shown_path(p, root))), shown)
    line = _LINE.search(message)
    counts = {APPROVED: 0, DRAFT: 0, UNTRANSLATED: 0}
    problem = BadCatalog(message, about, int(line.group(1)) if line else None)
    return BulletinResult(path.stem, path, counts, file=shown, error=problem)


def check_catalogs(
    paths: Sequence[str | Path],
    *,
    thresholds: CheckThresholds,
    glossary: Any = None,
    refs_dir: Path | None = None,
    templates_dir: Path | None = None,
    strict: bool = False,
    root: Path | None = None,
) -> CheckResult:
    """Run :func:`check_catalog` on every catalog named by *paths*.

    A catalog that cannot be checked (bad input) does not stop the others: its result
    carries the reason (:attr:`BulletinResult.error`) and fails; the caller reports every
    bulletin, then exits 2 (:attr:`CheckResult.broken`)."""
    if refs_dir is not None and not Path(refs_dir).is_dir():
        raise InputError(f"--refs {shown_path(refs_dir, root)} is not a directory.")
    results = []
    for path in catalog_paths(paths, root):
        try:
            results.append(check_catalog(path, thresholds=thresholds, glossary=glossary, refs_dir=refs_dir,
                                         templates_dir=templates_dir, strict=strict, root=root))
        except (L10nError, OSError) as error:
            results.append(_broken(path, error, root=root, templates_dir=templates_dir, refs_dir=refs_dir))
    return CheckResult(results, thresholds, strict)


# --------------------------------------------------------------- reports


def shown_path(path: str | Path, root: str | Path | None = None) -> str:
    """*path* as reports and messages name it: relative to the current directory (the checkout
    root on CI, which is what JUnit viewers and GitHub annotations expect), else to the project
    *root* (a command run from a folder inside the project), else as given.

    >>> shown_path(Path.cwd() / "locales" / "en" / "LC_MESSAGES" / "a.po")
    'locales/en/LC_MESSAGES/a.po'
    """
    try:
        resolved = Path(path).resolve()
        for base in (Path.cwd(), root):
            if base is not None and resolved.is_relative_to(Path(base).resolve()):
                return resolved.relative_to(Path(base).resolve()).as_posix()
    except OSError:
        pass
    return Path(path).as_posix()


def _excused_line(f: EntryFinding) -> str:
    """An excused finding as reports show it: ``1.2: 全县 left in the translation — as published``."""
    return f"{f.context}: {f.finding.message} — {f.excused or 'no reason given'}"


def json_report(result: CheckResult) -> dict[str, Any]:
    """``l10n check --json``: the verdict as plain data (its schema is in README.md, "Scripting")."""

    def terms(b: BulletinResult):
        if b.terms is None:
            return None
        return {"value": b.terms.value, "found": b.terms.found, "total": b.terms.total}

    def error(b: BulletinResult):
        if b.error is None:
            return None
        return {"message": b.error.message, "file": b.error.file, "line": b.error.line}

    def excused(b: BulletinResult) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for f in b.excused:
            out.setdefault(f.finding.check, []).append(_excused_line(f))
        return out

    t = result.thresholds
    return {
        "passed": result.passed,
        "thresholds": {"max_draft": t.max_draft, "min_term_accuracy": t.min_term_accuracy, "min_chrf": t.min_chrf},
        "bulletins": [
            {
                "slug": b.slug,
                "path": b.file,
                "passed": b.passed,
                "error": error(b),
                "counts": {k: b.counts.get(k, 0) for k in (APPROVED, DRAFT, UNTRANSLATED)},
                "findings": [
                    {"context": f.context, "line": f.line, "check": f.finding.check,
                     "severity": f.finding.severity, "message": f.finding.message}
                    for f in b.findings
                ],
                "failures": dict(b.failures),
                "excused": excused(b),
                "skipped": dict(b.skipped),
                "term_accuracy": terms(b),
                "chrf": None if b.chrf is None else {"score": b.chrf.score, "signature": b.chrf.signature},
            }
            for b in result.bulletins
        ],
    }


def _failure_message(bulletin: BulletinResult, check: str) -> str:
    """The one-line message of a failing test case: the failure itself when there is one,
    else how many entries fail, and how many findings where they differ
    ("1 entry fails missing-term (2 findings)")."""
    messages = bulletin.failures[check]
    if len(messages) == 1 or check in SUMMARY_CHECKS:
        return messages[0]
    entries = len({f.context for f in bulletin.errors if f.finding.check == check}) or len(messages)
    counted = f"{entries} entr{'y fails' if entries == 1 else 'ies fail'} {check}"
    return counted if entries == len(messages) else f"{counted} ({len(messages)} findings)"


def _excused_message(found: list[EntryFinding]) -> str:
    """``excused: 1.2 — as published`` (each entry once, with its reason)."""
    reasons = dict.fromkeys(f"{f.context} — {f.excused or 'no reason given'}" for f in found)
    return "excused: " + "; ".join(reasons)


def junit_xml(result: CheckResult) -> str:
    """JUnit XML: a test suite per bulletin, a test case per check (classname = slug, name = check id).

    A bulletin that could not be checked is a suite of one test case, ``catalog``, with an
    ``error`` (its message, and the file and line it is about). A check whose only errors a
    person's reason excuses is ``skipped`` with ``excused: <msgctxt> — <reason>``.
    Catalog text goes through :func:`~l10n.textsafe.for_terminal` (CI prints these reports;
    XML 1.0 cannot hold most control characters anyway)."""
    t = for_terminal
    root = ET.Element("testsuites", name="l10n check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for bulletin in result.bulletins:
        file = t(bulletin.file)
        suite = ET.SubElement(root, "testsuite", name=t(bulletin.slug), file=file)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if bulletin.error is not None:
            problem = bulletin.error
            case = ET.SubElement(suite, "testcase", classname=t(bulletin.slug), name="catalog", file=t(problem.file))
            if problem.line:
                case.set("line", str(problem.line))
            error = ET.SubElement(case, "error", message=t(problem.message), type="bad-input")
            error.text = t(problem.message)
            counts.update(tests=1, errors=1)
        for check in GATE_CHECKS if bulletin.error is None else ():
            case = ET.SubElement(suite, "testcase", classname=t(bulletin.slug), name=check, file=file)
            counts["tests"] += 1
            excused = [f for f in bulletin.excused if f.finding.check == check]
            if check in bulletin.failures:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", message=t(_failure_message(bulletin, check)), type=check)
                failure.text = "\n".join(t(m) for m in bulletin.failures[check])
            elif check in bulletin.skipped:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=t(bulletin.skipped[check]))
            elif excused:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=t(_excused_message(excused)))
            notes = [f"warning: {w.context}: {w.finding.message}" for w in bulletin.warnings
                     if w.finding.check == check and w.excused is None]
            notes += [f"excused: {_excused_line(f)}" for f in excused]
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(t(n) for n in notes)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cell(text: str) -> str:
    return for_terminal(text).replace("|", "\\|").replace("`", "'")


def verdict(result: CheckResult) -> str:
    """The verdict in words: ``passed``, ``FAILED (1 of 2 bulletins)``, or with bulletins that
    could not be checked ``ERROR (1 of 3 bulletins cannot be checked; 1 of 3 failed)``."""
    n = len(result.bulletins)
    if result.broken:
        return f"ERROR ({len(result.broken)} of {n} bulletins cannot be checked; {len(result.failed)} of {n} failed)"
    return "passed" if result.passed else f"FAILED ({len(result.failed)} of {n} bulletins)"


def markdown_summary(result: CheckResult) -> str:
    """A Markdown table per bulletin plus the failing entries (for CI job summaries and MR comments)."""
    t = result.thresholds
    out = [
        f"## l10n check: {verdict(result)}",
        "",
        f"Thresholds: max unreviewed {t.max_draft}, min term accuracy {t.min_term_accuracy}, min chrF {t.min_chrf}."
        + (" Strict: no reason excuses a QA error." if result.strict else ""),
        "",
        "| Bulletin | Entries | Approved | Draft | Untranslated | QA errors | QA warnings | Term accuracy | chrF | Result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for b in result.bulletins:
        if b.error is not None:
            out.append(f"| {_cell(b.slug)} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | **error**: cannot be checked |")
            continue
        c = b.counts
        terms = "n/a" if b.terms is None or b.terms.value is None else f"{b.terms.value:.3f} ({b.terms.found}/{b.terms.total})"
        chrf = "n/a" if b.chrf is None else f"{b.chrf.score:.1f}"
        result_cell = "pass" if b.passed else "**fail**: " + ", ".join(b.failures)
        out.append(
            f"| {_cell(b.slug)} | {sum(c.values())} | {c[APPROVED]} | {c[DRAFT]} | {c[UNTRANSLATED]} | "
            f"{len(b.errors)} | {len(b.warnings)} | {terms} | {chrf} | {result_cell} |"
        )
    for b in result.bulletins:
        if b.passed and not b.warnings:
            continue
        out += ["", f"### {_cell(b.slug)}", ""]
        if b.error is not None:
            where = f"`{_cell(b.error.file)}`" + (f" line {b.error.line}" if b.error.line else "")
            out.append(f"- **error** ({where}): {_cell(b.error.message)}")
            continue
        for check in SUMMARY_CHECKS:
            if check in b.failures:
                out.append(f"- **{check}**: {_cell(b.failures[check][0])}")
        for f in b.findings:
            if f.excused is not None:
                level = f" (excused: {_cell(f.excused or 'no reason given')})"
            else:
                level = "" if f.finding.is_error else " (warning)"
            out.append(f"- `{_cell(f.context)}` **{f.finding.check}**{level}: {_cell(f.finding.message)}")
    if any(b.chrf for b in result.bulletins):
        sig = next(b.chrf.signature for b in result.bulletins if b.chrf)
        out += ["", f"chrF signature: `{sig}`"]
    return "\n".join(out) + "\n"


def github_annotations(result: CheckResult) -> list[str]:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``) for bulletins that could
    not be checked, failures, warnings and excused errors (as warnings)."""
    out = []
    for b in result.bulletins:
        if b.error is not None:
            line = f",line={b.error.line}" if b.error.line else ""
            out.append(f"::error file={github_property(b.error.file)}{line},title={github_property('l10n catalog')}::"
                       f"{github_data(b.slug + ': ' + b.error.message)}")
            continue
        file = github_property(b.file)
        for check in SUMMARY_CHECKS:
            if check in b.failures:
                out.append(f"::error file={file},title={github_property('l10n ' + check)}::{github_data(b.slug + ': ' + b.failures[check][0])}")
        for f in b.findings:
            kind = "error" if f.fails else "warning"
            line = f",line={f.line}" if f.line else ""
            title = github_property(f"l10n {f.finding.check}")
            message = f"{f.context}: {f.finding.message}" + ("" if f.excused is None else f" (excused: {f.excused or 'no reason given'})")
            out.append(f"::{kind} file={file}{line},title={title}::{github_data(f'{b.slug} {message}')}")
    return out
