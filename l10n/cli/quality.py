"""``l10n score`` and ``l10n check``: metrics and the CI gate (see :mod:`l10n.quality`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from l10n.cli.app import ConfigOption, app, parse_iso_date
from l10n.errors import ConfigError, InputError, L10nError


def _glossary(files: list[Path] | None, config: Path | None) -> Any:
    """The glossary from *files*, else from the project config, else None (no config, no glossary files)."""
    from l10n.glossary import Glossary, load_glossary

    if files:
        return Glossary.from_files(files)
    from l10n.config import load_config

    try:
        cfg = load_config(config)
    except ConfigError:
        if config is not None:
            raise
        return None
    return load_glossary(cfg) if cfg.glossary_files() else None


@app.command()
def score(
    hyp: Annotated[Path, typer.Argument(help="Hypotheses: a text file (one segment per line), a .po catalog (msgstr in order), or a directory of catalogs.")],
    ref: Annotated[Optional[Path], typer.Argument(help="References: a text file (one line per segment) or, for a directory of catalogs, a directory of <slug>.en.txt.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(help="Baseline system (same form as HYP): adds a paired bootstrap test with p-values.")] = None,
    src: Annotated[Optional[Path], typer.Option(help="Chinese sources, one per line, for term accuracy of a text HYP (catalogs use their msgids).")] = None,
    glossary: Annotated[Optional[list[Path]], typer.Option(help="Glossary CSV for term accuracy (repeatable; default: the project's glossary).", metavar="CSV", exists=True, dir_okay=False)] = None,
    date: Annotated[Optional[str], typer.Option(help="Date YYYY-MM-DD titles must hold on (default: a catalog's bulletin date, any day when it has none, as drafting; today for a text HYP).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    qe: Annotated[bool, typer.Option("--qe", help="Report the drafts' confidence notes (reference-free), lowest first.")] = False,
    effort: Annotated[bool, typer.Option("--effort", help="Report reviewers' post-edit effort (reference-free): approved unchanged, edit rate, QA findings resolved.")] = False,
    config: ConfigOption = None,
) -> None:
    """Score translations: BLEU, chrF and TER (sacrebleu), term accuracy, confidence.

    Every score is printed with its sacrebleu signature and equals what the
    sacrebleu command prints for the same files. With --baseline, sacrebleu's
    paired bootstrap test (1000 resamples) gives the p-value of the difference.
    For a directory, each catalog is scored, then all segments together.
    --effort compares approved entries with the machine's drafts on record
    (share kept unchanged, TER edit rate, QA findings the reviewers resolved),
    per catalog, per reviewer and in total.

    \b
    Example:
      l10n score system.en.txt ref.en.txt --baseline baseline.en.txt
      l10n score out.en.txt ref.en.txt --src test.zh.txt --glossary glossary/titles.csv --json
      l10n score locales/en/LC_MESSAGES/loufan.po loufan.en.txt
      l10n score locales/en/LC_MESSAGES --qe
      l10n score locales/en/LC_MESSAGES --effort --json
    """
    from l10n.quality.score import score_files

    reports = score_files(hyp, ref, baseline=baseline, src=src,
                          glossary=_glossary(glossary, config), date=parse_iso_date(date), qe=qe, effort=effort)
    if as_json:
        from l10n.textsafe import json_text  # names and contexts come from files

        typer.echo(json_text([r.to_dict() for r in reports] if len(reports) > 1 else reports[0].to_dict()))
        return
    for report in reports:
        _print_report(report)


def _print_report(report) -> None:
    from l10n.textsafe import for_terminal as t  # names, sources and contexts come from files

    echo = typer.echo
    echo(f"{t(report.name)} ({report.segments} segments)")
    for m in report.metrics:
        echo(f"  {m.name:<6} {m.score:6.2f}  {m.signature}")
    if report.comparisons:
        echo("  against the baseline (paired bootstrap resampling):")
        for c in report.comparisons:
            p = "n/a" if c.p_value is None else f"{c.p_value:.4f}"
            mark = " *" if c.p_value is not None and c.p_value < 0.05 else ""
            echo(f"  {c.name:<6} {c.score:6.2f} vs {c.baseline:6.2f}  Δ {c.delta:+.2f}  p = {p}{mark}  {c.signature}")
    if report.terms is not None:
        value = "n/a (no approved terms)" if report.terms.value is None else f"{report.terms.value:.3f} ({report.terms.found}/{report.terms.total})"
        echo(f"  term accuracy {value}")
        for index, r in report.terms.missing[:20]:
            echo(f"    segment {index + 1}: {t(r.source)} → {t(r.target)} missing")
    if report.qe is not None:
        mean = "n/a" if report.qe.mean is None else f"{report.qe.mean:.3f}"
        echo(f"  confidence mean {mean} over {len(report.qe.entries)} entries" + (f" ({report.qe.without} without a confidence note)" if report.qe.without else ""))
        for context, value in report.qe.entries[:10]:
            echo(f"    {value:.3f}  {t(context)}")
    if report.effort is not None:
        _print_effort(report.effort)


def _print_effort(effort: dict[str, Any]) -> None:
    from l10n.textsafe import for_terminal as t  # reviewers' names come from files

    def figures(e: dict[str, Any]) -> str:
        if not e["reviewed"]:
            return "no approved entry with the machine's draft on record"
        return f"{e['reviewed']} reviewed, {e['unchanged']:.0%} approved unchanged, edit rate {e['edit_rate']:.3f} (TER)"

    typer.echo(f"  post-edit effort: {figures(effort)}")
    for who, e in effort["translators"].items():
        typer.echo(f"    {t(who)}: {figures(e)}")
    if effort.get("resolved"):
        typer.echo("  QA findings resolved: " + ", ".join(f"{check} {n}" for check, n in effort["resolved"].items()))


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Catalogs, directories of them, or bulletin slugs (default: locales/<target>/LC_MESSAGES).")] = None,
    min_chrf: Annotated[Optional[float], typer.Option(help="Least chrF against --refs (default: [check] min_chrf).")] = None,
    min_term_accuracy: Annotated[Optional[float], typer.Option(help="Least share of approved terms rendered (default: [check] min_term_accuracy).")] = None,
    max_draft: Annotated[Optional[int], typer.Option(help="Most unreviewed (draft or untranslated) entries per bulletin (default: [check] max_draft).")] = None,
    refs: Annotated[Optional[Path], typer.Option(help="Directory of references <slug>.en.txt, one line per catalog entry in catalog order.", file_okay=False)] = None,
    junit: Annotated[Optional[Path], typer.Option(help="Write JUnit XML here (one test case per bulletin and check).", dir_okay=False)] = None,
    markdown: Annotated[Optional[Path], typer.Option(help="Append a Markdown summary to this file, created if missing (GitHub's $GITHUB_STEP_SUMMARY convention: each step appends).", dir_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON (schema in README.md, \"Scripting\") instead of lines.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail QA errors a person approved an entry despite, with a recorded reason (approved-despite:), too; by default they are excused: reported as warnings.")] = False,
    config: ConfigOption = None,
) -> None:
    """Gate catalogs for CI: exit 0 when they pass, 1 on a quality failure, 2 on bad input.

    Fails a bulletin with more unreviewed entries than allowed, any QA error on
    a translated entry (Chinese left, numbers lost, required term or name
    missing, forbidden term, commentary, inconsistent term, empty or
    untranslated text), term accuracy below the minimum, or chrF below the
    minimum where a reference exists. QA checks named in l10n.toml's [check]
    disable are not run (reported as skipped). An error a reviewer approved the
    entry despite, with a reason (as export excuses it), is a warning unless
    --strict. Prints each failing entry (msgctxt, check id, reason); on GitHub
    Actions also as annotations. A catalog that cannot be read is reported as an
    error (JUnit, Markdown, annotation) while the others are still checked; the
    exit is then 2.

    \b
    Example:
      l10n check
      l10n check loufan --max-draft 2
      l10n check --refs refs/ --junit l10n-junit.xml --markdown l10n-summary.md
      l10n check --json > l10n-check.json
    """
    try:
        result = _run_check(paths, min_chrf, min_term_accuracy, max_draft, refs, config, strict)
    except L10nError as error:
        raise InputError(str(error)) from None
    from l10n.atomic import atomic_write_bytes, atomic_write_text
    from l10n.quality.gate import github_annotations, json_report, junit_xml, markdown_summary
    from l10n.textsafe import json_text

    if as_json:
        typer.echo(json_text(json_report(result)))
    else:
        _print_check(result)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(result):
            typer.echo(line, err=as_json)  # the runner reads both streams; stdout stays JSON
    try:
        if junit is not None:
            atomic_write_text(junit, junit_xml(result))
        if markdown is not None:
            # appended, as GitHub's $GITHUB_STEP_SUMMARY expects of each step
            before = markdown.read_bytes() if markdown.is_file() else b""
            if before:
                before = before.rstrip(b"\n") + b"\n\n"
            atomic_write_bytes(markdown, before + markdown_summary(result).encode("utf-8"))
    except OSError as error:
        raise InputError(f"Cannot write the report: {error.strerror} ({error.filename}).") from None
    if result.bad_input:  # bad input outranks a quality failure: every report is written, then exit 2
        raise InputError(result.bad_input)
    if not result.passed:
        raise typer.Exit(code=1)


def _run_check(paths, min_chrf, min_term_accuracy, max_draft, refs, config, strict=False):
    from dataclasses import replace

    from l10n.config import CheckThresholds, Config, load_config
    from l10n.quality.gate import check_catalogs, shown_path
    from l10n.required import project_glossary

    try:
        cfg = load_config(config)
        configured = True
    except ConfigError:
        if config is not None or not paths:
            raise
        cfg, configured = Config(root=Path.cwd()), False
    thresholds: CheckThresholds = cfg.check
    overrides = {k: v for k, v in (("min_chrf", min_chrf), ("min_term_accuracy", min_term_accuracy), ("max_draft", max_draft)) if v is not None}
    thresholds = replace(thresholds, **overrides)
    if not paths:
        paths = [cfg.catalogs_dir]
        if not paths[0].is_dir():
            raise InputError(f"{shown_path(paths[0], cfg.root)} does not exist; run `l10n draft` first or pass catalogs.")
    elif configured:
        paths = [_catalog_of_slug(cfg, path) for path in paths]
    # The project's glossary, even an empty one: what entries require is recomputed with it;
    # with no project (and no glossary) it is read from their notes (l10n.required).
    gloss = project_glossary(cfg) if configured or cfg.glossary_files() else None
    return check_catalogs(paths, thresholds=thresholds, glossary=gloss, refs_dir=refs, templates_dir=cfg.templates_dir,
                          strict=strict, root=cfg.root)


def _catalog_of_slug(cfg, path: Path) -> Path:
    """*path*, or the catalog of the bulletin it names where it is a bare slug with no such file
    (``l10n check loufan``, as ``draft``, ``review`` and ``export`` take it)."""
    if path.exists() or len(path.parts) != 1 or path.suffix:
        return path
    catalog = cfg.catalog_path(path.name)
    return catalog if catalog.is_file() else path


def _print_check(result) -> None:
    from l10n.quality.gate import SUMMARY_CHECKS
    from l10n.textsafe import for_terminal as t  # every field below may come from a catalog

    echo = typer.echo
    for b in result.bulletins:
        if b.error is not None:
            echo(f"ERROR {t(b.slug)}: {t(b.error.message)}")
            continue
        c = b.counts
        terms = "" if b.terms is None or b.terms.value is None else f", term accuracy {b.terms.value:.3f} ({b.terms.found}/{b.terms.total})"
        chrf = "" if b.chrf is None else f", chrF {b.chrf.score:.2f}"
        echo(f"{'PASS' if b.passed else 'FAIL'} {t(b.slug)}: {sum(c.values())} entries "
             f"({c['approved']} approved, {c['draft']} draft, {c['untranslated']} untranslated){terms}{chrf}")
        for check in SUMMARY_CHECKS:
            summary, *entries = b.failures.get(check, [None])
            if summary is None:
                continue
            echo(f"  {check}: {t(summary)}")
            for line in entries:
                context, _, why = line.partition(": ")
                echo(f"  {t(context)} {check}: {t(why)}")
        for f in b.findings:
            if f.excused is not None:
                echo(f"  {t(f.context)} warning {f.finding.check}: {t(f.finding.message)} "
                     f"(excused: approved despite it, {t(f.excused or 'no reason given')})")
                continue
            level = "" if f.finding.is_error else "warning "
            echo(f"  {t(f.context)} {level}{f.finding.check}: {t(f.finding.message)}")
    failed, broken, n = result.failed, result.broken, len(result.bulletins)
    if broken:
        echo(f"{len(broken)} of {n} bulletins cannot be checked: {', '.join(t(b.slug) for b in broken)}")
    if failed:
        echo(f"{len(failed)} of {n} bulletins failed: {', '.join(t(b.slug) for b in failed)}")
    elif not broken:
        echo(f"All {n} bulletins passed.")
    elif len(broken) < n:
        echo(f"The other {n - len(broken)} bulletins passed.")
