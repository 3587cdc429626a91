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
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from l10n.catalog import APPROVED, DRAFT, SEGMENT_CONTEXT, UNTRANSLATED, verify_catalog
from l10n.config import CheckThresholds
from l10n.errors import InputError
from l10n.quality.qa import ERROR, REGISTRY, Finding, check_bulletin, check_segment
from l10n.quality.score import MetricScore, TermAccuracy, read_lines, term_accuracy
from l10n.required import bulletin_date, entry_requirements
from l10n.textsafe import for_terminal, github_data, github_property

__all__ = [
    "BulletinResult",
    "CheckResult",
    "DISABLED",
    "EntryFinding",
    "GATE_CHECKS",
    "catalog_paths",
    "check_catalog",
    "check_catalogs",
    "github_annotations",
    "json_report",
    "junit_xml",
    "markdown_summary",
    "shown_path",
]

GATE_CHECKS = ("msgctxt", "unreviewed", *REGISTRY, "term-accuracy", "chrf")
"""The test cases of each bulletin, in report order."""

DISABLED = "disabled in l10n.toml"
"""Why the test case of a check in ``[check] disable`` is skipped."""


@dataclass(frozen=True)
class EntryFinding:
    """A QA finding on one catalog entry (``line``: its ``msgctxt`` line in the PO file)."""

    context: str
    line: int | None
    finding: Finding


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

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def errors(self) -> list[EntryFinding]:
        return [f for f in self.findings if f.finding.is_error]

    @property
    def warnings(self) -> list[EntryFinding]:
        return [f for f in self.findings if not f.finding.is_error]


@dataclass
class CheckResult:
    """The gate's verdict on every catalog checked."""

    bulletins: list[BulletinResult]
    thresholds: CheckThresholds

    @property
    def passed(self) -> bool:
        return all(b.passed for b in self.bulletins)

    @property
    def failed(self) -> list[BulletinResult]:
        return [b for b in self.bulletins if not b.passed]


def catalog_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The ``.po`` files named by *paths* (files, or directories searched non-recursively)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob("*.po")))
        elif path.is_file():
            if path.suffix != ".po":
                raise InputError(f"{path} is not a .po catalog; pass catalogs or directories of them.")
            out.append(path)
        else:
            raise InputError(f"{path} does not exist.")
    if not out:
        raise InputError(f"No .po catalogs in {', '.join(str(p) for p in paths)}; run `l10n draft` first.")
    return list(dict.fromkeys(out))


def check_catalog(
    path: Path,
    *,
    thresholds: CheckThresholds,
    glossary: Any = None,
    refs_dir: Path | None = None,
    templates_dir: Path | None = None,
) -> BulletinResult:
    """Run every gate check on the catalog at *path*.

    *glossary* is anything with ``matcher(on=date).find(text) -> list[Rendering]``
    (:class:`l10n.glossary.Glossary`): what each entry requires is recomputed with it on the
    bulletin's date; with None it is read from the entries' notes, and term accuracy is skipped.
    A catalog ``msgfmt --check`` would reject, or (given *templates_dir*) one that does
    not hold exactly the entries of its ``<templates_dir>/<slug>.pot``, is bad input
    (:class:`~l10n.errors.CatalogError`), not a quality failure.
    """
    catalog = verify_catalog(path, Path(templates_dir) / f"{Path(path).stem}.pot" if templates_dir is not None else None)
    result = BulletinResult(catalog.slug, path, catalog.counts())
    failures: dict[str, list[str]] = {}
    for entry in catalog.entries:
        if not SEGMENT_CONTEXT.fullmatch(entry.context):
            where = f"line {entry.line} of {shown_path(path)}" if entry.line else shown_path(path)
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
    date = bulletin_date(catalog)
    translated = [e for e in catalog.entries if e.translation]
    items = []
    required = []
    for entry in translated:
        renderings = entry_requirements(entry, glossary, date)
        items.append((entry.source, entry.translation, renderings))
        required.append(renderings)
        for finding in check_segment(entry.source, entry.translation, renderings, disabled):
            result.findings.append(EntryFinding(entry.context, entry.line or None, finding))
    for index, finding in check_bulletin(items, disabled):
        entry = translated[index]
        result.findings.append(EntryFinding(entry.context, entry.line or None, finding))
    order = {e.context: i for i, e in enumerate(catalog.entries)}
    result.findings.sort(key=lambda f: (order.get(f.context, 0), GATE_CHECKS.index(f.finding.check) if f.finding.check in GATE_CHECKS else 99))
    for f in result.errors:
        failures.setdefault(f.finding.check, []).append(f"{f.context}: {f.finding.message}")

    if glossary is not None:
        result.terms = term_accuracy([e.translation for e in translated], required)
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
                f"{reference} has {len(refs)} lines but {path} has {len(catalog.entries)} entries; "
                "a reference holds one line per catalog entry, in catalog order."
            )
        result.chrf = next(m for m in corpus_scores([e.translation for e in catalog.entries], refs) if m.name.startswith("chrF"))
        if result.chrf.score < thresholds.min_chrf:
            failures["chrf"] = [f"chrF {result.chrf.score:.2f} is below {thresholds.min_chrf} ({result.chrf.signature})"]
    else:
        result.skipped["chrf"] = f"no reference {reference}" if reference is not None else "no --refs"
    result.failures = {check: failures[check] for check in GATE_CHECKS if check in failures}
    result.skipped = {check: result.skipped[check] for check in GATE_CHECKS if check in result.skipped}
    return result


def check_catalogs(
    paths: Sequence[str | Path],
    *,
    thresholds: CheckThresholds,
    glossary: Any = None,
    refs_dir: Path | None = None,
    templates_dir: Path | None = None,
) -> CheckResult:
    """Run :func:`check_catalog` on every catalog named by *paths*."""
    if refs_dir is not None and not Path(refs_dir).is_dir():
        raise InputError(f"--refs {refs_dir} is not a directory.")
    results = [check_catalog(p, thresholds=thresholds, glossary=glossary, refs_dir=refs_dir, templates_dir=templates_dir)
               for p in catalog_paths(paths)]
    return CheckResult(results, thresholds)


# --------------------------------------------------------------- reports


def shown_path(path: Path) -> str:
    """*path* as reports name it: relative to the current directory (the checkout root on CI,
    which is what JUnit viewers and GitHub annotations expect), else as given.

    >>> shown_path(Path.cwd() / "locales" / "en" / "LC_MESSAGES" / "a.po")
    'locales/en/LC_MESSAGES/a.po'
    """
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def json_report(result: CheckResult) -> dict[str, Any]:
    """``l10n check --json``: the verdict as plain data (its schema is in README.md, "Scripting")."""

    def terms(b: BulletinResult):
        if b.terms is None:
            return None
        return {"value": b.terms.value, "found": b.terms.found, "total": b.terms.total}

    t = result.thresholds
    return {
        "passed": result.passed,
        "thresholds": {"max_draft": t.max_draft, "min_term_accuracy": t.min_term_accuracy, "min_chrf": t.min_chrf},
        "bulletins": [
            {
                "slug": b.slug,
                "path": shown_path(b.path),
                "passed": b.passed,
                "counts": {k: b.counts.get(k, 0) for k in (APPROVED, DRAFT, UNTRANSLATED)},
                "findings": [
                    {"context": f.context, "line": f.line, "check": f.finding.check,
                     "severity": f.finding.severity, "message": f.finding.message}
                    for f in b.findings
                ],
                "failures": dict(b.failures),
                "skipped": dict(b.skipped),
                "term_accuracy": terms(b),
                "chrf": None if b.chrf is None else {"score": b.chrf.score, "signature": b.chrf.signature},
            }
            for b in result.bulletins
        ],
    }


def junit_xml(result: CheckResult) -> str:
    """JUnit XML: a test suite per bulletin, a test case per check (classname = slug, name = check id).

    Catalog text goes through :func:`~l10n.textsafe.for_terminal` (CI prints these reports;
    XML 1.0 cannot hold most control characters anyway)."""
    t = for_terminal
    root = ET.Element("testsuites", name="l10n check")
    total_tests = total_failures = total_skipped = 0
    for bulletin in result.bulletins:
        file = t(shown_path(bulletin.path))
        suite = ET.SubElement(root, "testsuite", name=t(bulletin.slug), file=file)
        failures = skipped = 0
        for check in GATE_CHECKS:
            case = ET.SubElement(suite, "testcase", classname=t(bulletin.slug), name=check, file=file)
            messages = [t(m) for m in bulletin.failures.get(check, [])]
            if messages:
                failures += 1
                first = messages[0] if len(messages) == 1 or check in ("unreviewed", "term-accuracy", "chrf") else f"{len(messages)} entries fail {check}"
                failure = ET.SubElement(case, "failure", message=first, type=check)
                failure.text = "\n".join(messages)
            elif check in bulletin.skipped:
                skipped += 1
                ET.SubElement(case, "skipped", message=t(bulletin.skipped[check]))
            warnings = [t(f"{w.context}: {w.finding.message}") for w in bulletin.warnings if w.finding.check == check]
            if warnings:
                ET.SubElement(case, "system-out").text = "warning: " + "\nwarning: ".join(warnings)
        suite.set("tests", str(len(GATE_CHECKS)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total_tests += len(GATE_CHECKS)
        total_failures += failures
        total_skipped += skipped
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", str(total_skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cell(text: str) -> str:
    return for_terminal(text).replace("|", "\\|").replace("`", "'")


def markdown_summary(result: CheckResult) -> str:
    """A Markdown table per bulletin plus the failing entries (for CI job summaries and MR comments)."""
    t = result.thresholds
    verdict = "passed" if result.passed else f"FAILED ({len(result.failed)} of {len(result.bulletins)} bulletins)"
    out = [
        f"## l10n check: {verdict}",
        "",
        f"Thresholds: max unreviewed {t.max_draft}, min term accuracy {t.min_term_accuracy}, min chrF {t.min_chrf}.",
        "",
        "| Bulletin | Entries | Approved | Draft | Untranslated | QA errors | QA warnings | Term accuracy | chrF | Result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for b in result.bulletins:
        c = b.counts
        terms = "n/a" if b.terms is None or b.terms.value is None else f"{b.terms.value:.3f} ({b.terms.found}/{b.terms.total})"
        chrf = "n/a" if b.chrf is None else f"{b.chrf.score:.1f}"
        verdict = "pass" if b.passed else "**fail**: " + ", ".join(b.failures)
        out.append(
            f"| {_cell(b.slug)} | {sum(c.values())} | {c[APPROVED]} | {c[DRAFT]} | {c[UNTRANSLATED]} | "
            f"{len(b.errors)} | {len(b.warnings)} | {terms} | {chrf} | {verdict} |"
        )
    for b in result.bulletins:
        if b.passed and not b.warnings:
            continue
        out += ["", f"### {_cell(b.slug)}", ""]
        for check in ("unreviewed", "term-accuracy", "chrf"):
            if check in b.failures:
                out.append(f"- **{check}**: {_cell(b.failures[check][0])}")
        for f in b.findings:
            level = "" if f.finding.is_error else " (warning)"
            out.append(f"- `{_cell(f.context)}` **{f.finding.check}**{level}: {_cell(f.finding.message)}")
    if any(b.chrf for b in result.bulletins):
        sig = next(b.chrf.signature for b in result.bulletins if b.chrf)
        out += ["", f"chrF signature: `{sig}`"]
    return "\n".join(out) + "\n"


def github_annotations(result: CheckResult) -> list[str]:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``) for failures and warnings."""
    out = []
    for b in result.bulletins:
        file = github_property(shown_path(b.path))
        for check in ("unreviewed", "term-accuracy", "chrf"):
            if check in b.failures:
                out.append(f"::error file={file},title={github_property('l10n ' + check)}::{github_data(b.slug + ': ' + b.failures[check][0])}")
        for f in b.findings:
            kind = "error" if f.finding.severity == ERROR else "warning"
            line = f",line={f.line}" if f.line else ""
            title = github_property(f"l10n {f.finding.check}")
            out.append(f"::{kind} file={file}{line},title={title}::{github_data(f'{b.slug} {f.context}: {f.finding.message}')}")
    return out
