"""``l10n glossary …``: list, propose, approve, reject, deprecate, edit, import, export, validate, suggest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, parse_iso_date

glossary_app = typer.Typer(
    name="glossary",
    help="""Keep the glossary of approved official titles, institutions and places.

\b
Terms live in glossary/*.csv (one row per term). Only approved terms are
enforced on drafts; proposed ones are shown as hints.

\b
Example:
  l10n glossary list --status approved 政协
  l10n glossary propose 史志研究室 "Party History and Local Chronicles Research Office" --category organ
  l10n glossary approve org-history-chronicles-office --by Jing""",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(glossary_app, name="glossary")

ByOption = Annotated[Optional[str], typer.Option("--by", help="Who does this (default: translator in l10n.toml).")]


def _who(by: str | None, cfg) -> str:
    from l10n.glossary.store import check_name

    return check_name(by if by is not None else cfg.translator)


def _say(text: str, *, err: bool = False) -> None:
    """Print one line holding glossary text (terms, names, paths), escaped for a terminal or CI log."""
    from l10n.textsafe import for_terminal

    typer.echo(for_terminal(text), err=err)


def _show(term) -> str:
    valid = f"  [{term.validity()}]" if term.validity() else ""
    return f"{term.id}  {term.status}  {term.zh} → {term.en}{valid}"


def _json_row(term) -> dict:
    """The CSV row of *term* for JSON: the forbidden renderings a list, an empty date null."""
    row: dict = term.row()
    row["forbidden"] = list(term.forbidden)
    row["valid_from"], row["valid_to"] = row["valid_from"] or None, row["valid_to"] or None
    return row


@glossary_app.command("list")
def list_terms(
    text: Annotated[Optional[str], typer.Argument(help="Only terms whose id, Chinese, English or note contains this.")] = None,
    status: Annotated[Optional[str], typer.Option(help="Only this status: proposed, approved, rejected or deprecated.")] = None,
    category: Annotated[Optional[str], typer.Option(help="Only this category (organ, title, institution, place …).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of the terms instead, every CSV field of each.")] = False,
    config: ConfigOption = None,
) -> None:
    """List glossary terms, one per line: id, status, Chinese → English, validity.

    With --json, a JSON array of term objects with every CSV field in the CSV's
    order; forbidden is a list, valid_from/valid_to are YYYY-MM-DD or null:

    \b
      [{"id": "org-cppcc", "zh": "政协", "en": "CPPCC", "category": "organ",
        "status": "approved", "valid_from": null, "valid_to": null,
        "forbidden": ["People's Political Consultative Committee"], "note": "…",
        "proposed_by": "…", "approved_by": "…", "updated_at": "2024-06-01T00:00:00Z"}]

    \b
    Example:
      l10n glossary list 政协
      l10n glossary list --status proposed --category title
      l10n glossary list --json --status approved > approved.json
    """
    from l10n.config import load_config
    from l10n.glossary import STATUSES, GlossaryError, load_glossary

    if status is not None and status not in STATUSES:
        raise GlossaryError(f"--status {status!r} is not one of {', '.join(STATUSES)}.")
    glossary = load_glossary(load_config(config))
    terms = glossary.filter(status=status, category=category, text=text)
    if as_json:
        from l10n.textsafe import json_text

        typer.echo(json_text([_json_row(term) for term in terms]))
    else:
        for term in terms:
            _say(_show(term))
    typer.echo(f"{len(terms)} of {len(glossary)} terms", err=True)


@glossary_app.command()
def propose(
    zh: Annotated[str, typer.Argument(help="The Chinese term.")],
    en: Annotated[str, typer.Argument(help="Its English rendering.")],
    category: Annotated[str, typer.Option(help="Category: organ, title, institution, place, term …")] = "",
    term_id: Annotated[Optional[str], typer.Option("--id", help="Stable id (default: made from category and English).")] = None,
    forbidden: Annotated[Optional[list[str]], typer.Option("--forbid", help="A rendering that must not appear (repeatable).")] = None,
    note: Annotated[str, typer.Option(help="Where the English comes from.")] = "",
    valid_from: Annotated[Optional[str], typer.Option("--valid-from", help="First day the term holds, YYYY-MM-DD.")] = None,
    valid_to: Annotated[Optional[str], typer.Option("--valid-to", help="Last day the term holds, YYYY-MM-DD.")] = None,
    file: Annotated[Optional[Path], typer.Option(help="Glossary CSV to add it to (default: the file holding its category, else glossary/proposed.csv).", dir_okay=False)] = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Propose a term; it is a hint until an editor approves it.

    \b
    Example:
      l10n glossary propose 史志研究室 "Party History and Local Chronicles Research Office" \\
          --category organ --note "Lüliang office's own English"
    """
    from l10n.config import load_config
    from l10n.glossary import editing, propose as run_propose
    from l10n.glossary.store import default_file, writable_file

    cfg = load_config(config)
    vf, vt = parse_iso_date(valid_from, "--valid-from"), parse_iso_date(valid_to, "--valid-to")
    with editing(cfg) as glossary:
        target = writable_file(cfg, file if file is not None else default_file(glossary, category, cfg.glossary_dir))
        term = run_propose(
            glossary, zh, en, by=_who(by, cfg), category=category, term_id=term_id, forbidden=forbidden or (),
            note=note, valid_from=vf, valid_to=vt, file=target,
        )
    _say(f"Proposed {_show(term)} in {term.file}")


def _set_status(term_id: str, action: str, by: str | None, config) -> None:
    from l10n.config import load_config
    from l10n.glossary import approve, deprecate, editing, reject
    from l10n.glossary.store import supersedes

    cfg = load_config(config)
    run = {"approve": approve, "reject": reject, "deprecate": deprecate}[action]
    with editing(cfg) as glossary:
        superseded = supersedes(glossary, term_id) if action == "approve" else []
        term = run(glossary, term_id, by=_who(by, cfg))
    who = f" by {term.approved_by}" if action == "approve" else ""
    done = {"approve": "Approved", "reject": "Rejected", "deprecate": "Deprecated"}[action]
    replaced = f"; deprecated {', '.join(t.id for t in superseded)} (superseded by {term.id})" if superseded else ""
    _say(f"{done} {_show(term)}{who}{replaced}")


@glossary_app.command()
def approve(
    term_id: Annotated[str, typer.Argument(help="Id of the term.")],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Approve a term: drafts must then use its English. Records who and when.

    \b
    Example:
      l10n glossary approve org-history-chronicles-office --by Jing
    """
    _set_status(term_id, "approve", by, config)


@glossary_app.command()
def reject(
    term_id: Annotated[str, typer.Argument(help="Id of the term.")],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Reject a proposed term (kept in the file, never used); deprecate approved ones.

    \b
    Example:
      l10n glossary reject organ-people-s-political-consultative-committee
    """
    _set_status(term_id, "reject", by, config)


@glossary_app.command()
def deprecate(
    term_id: Annotated[str, typer.Argument(help="Id of the term.")],
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Deprecate an approved term that no longer holds (kept for history, no longer enforced).

    \b
    Example:
      l10n glossary deprecate org-moc-old
    """
    _set_status(term_id, "deprecate", by, config)


@glossary_app.command()
def edit(
    term_id: Annotated[str, typer.Argument(help="Id of the term.")],
    zh: Annotated[Optional[str], typer.Option(help="New Chinese.")] = None,
    en: Annotated[Optional[str], typer.Option(help="New English.")] = None,
    category: Annotated[Optional[str], typer.Option(help="New category.")] = None,
    forbidden: Annotated[Optional[list[str]], typer.Option("--forbid", help="Replace the forbidden renderings (repeatable; --forbid '' clears).")] = None,
    note: Annotated[Optional[str], typer.Option(help="New note.")] = None,
    valid_from: Annotated[Optional[str], typer.Option("--valid-from", help="New first day, YYYY-MM-DD ('' clears).")] = None,
    valid_to: Annotated[Optional[str], typer.Option("--valid-to", help="New last day, YYYY-MM-DD ('' clears).")] = None,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Change a term. A proposal changes in place; a change to an approved term is
    stored as a proposed revision row (id TERM.r2, .r3 …) and the approved English
    stays in force until the revision is approved, which deprecates the old entry
    ("superseded by TERM.r2"). No id ever changes.

    \b
    Example:
      l10n glossary edit title-county-head --en "County Magistrate"
      l10n glossary edit org-moc-old --valid-to 2018-03-17
    """
    from l10n.config import load_config
    from l10n.glossary import edit as run_edit, editing

    cfg = load_config(config)
    changes: dict = {k: v for k, v in {"zh": zh, "en": en, "category": category, "note": note, "forbidden": forbidden}.items() if v is not None}
    if valid_from is not None:
        changes["valid_from"] = parse_iso_date(valid_from, "--valid-from")
    if valid_to is not None:
        changes["valid_to"] = parse_iso_date(valid_to, "--valid-to")
    with editing(cfg) as glossary:
        term = run_edit(glossary, term_id, by=_who(by, cfg), **changes)
    if term.id != term_id:
        _say(f"Proposed {_show(term)} as a revision of {term_id}; {term_id} stays in force until {term.id} is approved")
    else:
        _say(f"Edited {_show(term)}")


@glossary_app.command("import")
def import_terms(
    path: Annotated[Path, typer.Argument(help="A glossary .csv (l10n's or Weblate's) or a TBX (.tbx, .xml) file.", exists=True, dir_okay=False)],
    into: Annotated[Optional[Path], typer.Option(help="Glossary CSV the new terms go to (default: glossary/<file name>.csv).", dir_okay=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Overwrite entries whose id exists with other content; an approved one stays on record and gets a revision (TERM.r2), proposed, or approved with --approve (which deprecates the old entry).")] = False,
    approve: Annotated[bool, typer.Option("--approve", help="Keep the terms the file marks approved approved, signed by --by.")] = False,
    by: Annotated[Optional[str], typer.Option("--by", help="With --approve: the editor who approves them (default: translator in l10n.toml).")] = None,
    config: ConfigOption = None,
) -> None:
    """Import terms from a glossary CSV or a TBX-Basic file, TBX 2 or 3 (chosen by extension).

    A CSV is l10n's (its header is the glossary's) or Weblate's glossary CSV
    (a header naming source and target, as Weblate and Translate Toolkit write
    it): its rows come in as proposals, a row without a target is passed over.
    An entry without an id of its own (csv2tbx, Weblate) gets one derived from
    its Chinese and English, the same from every file.

    Every row is checked as a glossary CSV row is, and as propose checks a term
    (no second English for an approved term, no revision id for another Chinese
    term, no reference place's id); the first bad one stops the import before
    anything is written, naming its line. Another file's approval is not ours:
    terms it marks approved come in proposed, unless you approve them on import
    with --approve --by NAME (recorded as approved_by). A TBX with a DTD or
    entities is refused; one in another encoding than UTF-8 (GB2312, GBK, Big5)
    is decoded as its XML declaration says; the external <!DOCTYPE martif …>
    line Translate Toolkit and Weblate write is read, never fetched.

    \b
    Example:
      l10n glossary import weblate-terms.tbx
      l10n glossary import weblate-glossary.csv
      l10n glossary import partner.csv --into glossary/partner.csv --approve --by Jing
    """
    from l10n.config import load_config
    from l10n.glossary import GlossaryError, editing, merge
    from l10n.glossary.store import read_import, writable_file

    cfg = load_config(config)
    approver = _who(by, cfg) if approve else ""
    if approve and not approver:
        raise GlossaryError("--approve records who approved; pass --by NAME or set translator in l10n.toml.")
    terms = read_import(path)
    target = writable_file(cfg, into if into is not None else cfg.glossary_dir / f"{path.stem}.csv")
    with editing(cfg) as glossary:
        added, updated, same = merge(glossary, terms, file=target, replace=replace, approved_by=approver)
    _say(f"Imported {path}: {added} added, {updated} updated, {same} unchanged")


@glossary_app.command("export")
def export_terms(
    path: Annotated[Path, typer.Argument(help="Output file: .tbx for TBX-Basic, .csv for one glossary CSV.", dir_okay=False)],
    status: Annotated[Optional[str], typer.Option(help="Only terms with this status.")] = None,
    tbx_version: Annotated[Optional[int], typer.Option("--tbx-version", help="TBX 2 (martif, what Translate Toolkit and Weblate read; the default) or 3 (ISO 30042:2019).")] = None,
    format_: Annotated[Optional[str], typer.Option("--format", help="tbx, csv (l10n's glossary CSV) or weblate-csv (source,target,… as Weblate uploads it); default: by the extension.")] = None,
    config: ConfigOption = None,
) -> None:
    """Export the glossary as TBX-Basic (for Weblate, OmegaT, Trados) or one CSV.

    TBX keeps every field: the status as the standard administrative status
    (approved: preferred, proposed: admitted, deprecated and rejected:
    deprecated, which Translate Toolkit and Weblate read as not to be used)
    and exactly, with the validity dates, in a note on the English term; each
    forbidden rendering as an entry of its own, deprecated. glossary import
    reads TBX 2 and 3 back unchanged. --format weblate-csv writes Weblate's
    glossary CSV (source, target, context, id, fuzzy, comments) with the
    approved and proposed terms, proposed ones fuzzy. The file must lie outside the glossary:
    a path the [paths] glossary globs cover, or one in the glossary folder, is
    refused.

    \b
    Example:
      l10n glossary export terms.tbx --status approved
      l10n glossary export terms-v3.tbx --tbx-version 3
      l10n glossary export weblate-glossary.csv --format weblate-csv
    """
    from l10n.atomic import atomic_write_text
    from l10n.config import load_config
    from l10n.glossary import STATUSES, GlossaryError, load_glossary
    from l10n.glossary.store import export_target, render_csv, render_weblate_csv
    from l10n.glossary.tbx import VERSIONS, render_tbx

    if status is not None and status not in STATUSES:
        raise GlossaryError(f"--status {status!r} is not one of {', '.join(STATUSES)}.")
    suffix = path.suffix.lower()
    if format_ is not None and format_ not in ("tbx", "csv", "weblate-csv"):
        raise GlossaryError(f"--format {format_!r} is not one of tbx, csv, weblate-csv.")
    if suffix not in (".tbx", ".csv"):
        raise GlossaryError(f"{path} must end in .tbx or .csv; the extension picks the format.")
    if format_ is not None and (format_ == "tbx") != (suffix == ".tbx"):
        raise GlossaryError(f"--format {format_} writes a {'.tbx' if format_ == 'tbx' else '.csv'} file, not {path}.")
    if tbx_version is not None and tbx_version not in VERSIONS:
        raise GlossaryError(f"--tbx-version {tbx_version} is not 2 or 3.")
    if tbx_version is not None and suffix != ".tbx":
        raise GlossaryError(f"--tbx-version applies to a .tbx export, not {path}.")
    cfg = load_config(config)
    export_target(cfg, path)
    glossary = load_glossary(cfg)
    terms = glossary.filter(status=status)
    if suffix == ".tbx":
        text = render_tbx(terms, version=tbx_version or 2)
    elif format_ == "weblate-csv":
        text, terms = render_weblate_csv(terms), [t for t in terms if t.status in ("approved", "proposed")]
    else:
        text = render_csv(terms)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise GlossaryError(f"{path} cannot be written ({exc.strerror}); choose a folder you can write to.") from None
    _say(f"Wrote {len(terms)} terms to {path}")


@glossary_app.command()
def validate(config: ConfigOption = None) -> None:
    """Check every glossary file: malformed rows, duplicate ids, conflicting approved terms.

    Lists every problem as file:line and exits 1 when there is any.

    \b
    Example:
      l10n glossary validate
    """
    from l10n.config import load_config
    from l10n.glossary import validate_files
    from l10n.glossary.store import reference_files

    cfg = load_config(config)
    files = cfg.glossary_files()
    reference = reference_files(cfg)
    problems = validate_files(files, reference=reference)
    for problem in problems:
        _say(str(problem))
    if problems:
        # Findings, like `check`'s quality failures, exit 1; exit 2 is kept for input it cannot read.
        typer.echo(f"Error: {len(problems)} glossary problem{'s' if len(problems) != 1 else ''}; fix the rows listed above.", err=True)
        raise typer.Exit(code=1)
    from l10n.places import rows

    places = sum(len(rows(path)[1]) for path in reference)
    typer.echo(f"{len(files)} files OK" + (f", and {places:,} reference places under them" if reference else ""))


@glossary_app.command()
def learn(
    at_least: Annotated[int, typer.Option("--at-least", min=1, help="Entries a correction must recur in (one bulletin or several).")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="Print the proposals with their evidence as JSON.")] = False,
    propose: Annotated[bool, typer.Option("--propose", help="Add them to the glossary as proposed terms, the evidence in the note.")] = False,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Propose glossary terms from the corrections reviewers made the same way in several entries.

    Compares each approved entry with the machine's draft kept on record
    (the "machine-draft:" translator comment drafting writes), finds the names
    of things a reviewer replaced and the Chinese they render, and lists the
    corrections that recur, each with its evidence and a category guess. With
    --propose they become proposed rows, which change no draft until an editor
    approves them.

    \b
    Example:
      l10n glossary learn
      l10n glossary learn --json --at-least 3
      l10n glossary learn --propose --by Jing
    """
    from l10n.config import load_config
    from l10n.glossary import editing, load_glossary, propose as run_propose
    from l10n.glossary.learn import learn as run_learn, reviewed_entries
    from l10n.glossary.store import default_file

    cfg = load_config(config)
    entries = reviewed_entries(cfg)
    proposals = run_learn(entries, load_glossary(cfg), at_least=at_least)
    if as_json:
        from l10n.textsafe import json_text

        typer.echo(json_text([p.to_dict() for p in proposals]))
    else:
        for p in proposals:
            _say(f"{p.zh}  →  {p.en}  [{p.category}, {len(p.evidence)} entries; the machine wrote '{p.machine}']")
    typer.echo(f"{len(proposals)} proposal{'' if len(proposals) == 1 else 's'} from {len(entries)} reviewed entries", err=True)
    if not propose or not proposals:
        return
    added = 0
    with editing(cfg) as glossary:
        known = {t.zh for t in glossary.terms}
        for p in proposals:
            if p.zh in known:
                continue
            run_propose(glossary, p.zh, p.en, by=_who(by, cfg), category=p.category, note=p.note(),
                        file=default_file(glossary, p.category, cfg.glossary_dir))
            added += 1
    typer.echo(f"Added {added} proposed terms ({len(proposals) - added} the glossary already has)")


@glossary_app.command()
def suggest(
    path: Annotated[Path, typer.Argument(help="A bulletin (.txt, .html) or a catalog (.pot, .po).", exists=True, dir_okay=False)],
    propose: Annotated[bool, typer.Option("--propose", help="Add the suggestions that have an English to the glossary as proposed terms.")] = False,
    by: ByOption = None,
    config: ConfigOption = None,
) -> None:
    """Suggest institution and title terms a bulletin uses that the glossary lacks.

    A term the approved glossary already covers, whole or in parts, is not
    suggested. The English is built from the glossary's own terms where they
    cover all but a place or level (晋中 + 市委党史研究室), else taken from
    CC-CEDICT. Nothing is written unless you pass --propose; proposals are
    hints until an editor approves them.

    \b
    Example:
      l10n glossary suggest examples/bulletin.txt
      l10n glossary suggest locales/templates/bulletin.pot --propose
    """
    from l10n.config import load_config
    from l10n.glossary import editing, load_glossary, propose as run_propose
    from l10n.glossary.store import default_file
    from l10n.glossary.suggest import candidates, load_dictionary, read_source_text

    cfg = load_config(config)
    text = read_source_text(path)
    found = candidates(text, load_glossary(cfg), dictionary=load_dictionary())
    for c in found:
        origin = f", {'from ' + c.origin if c.origin != 'CC-CEDICT' else c.origin}" if c.origin else ""
        _say(f"{c.zh}  →  {c.en or '(no English found)'}  [{c.category}, {c.count}×{origin}]")
    _say(f"{len(found)} suggestion{'' if len(found) == 1 else 's'} from {path}", err=True)
    if not propose:
        return
    added = 0
    with editing(cfg) as glossary:
        known = {t.zh for t in glossary.terms}
        for c in found:
            if not c.en or c.zh in known:
                continue
            source = "CC-CEDICT" if c.origin == "CC-CEDICT" else f"the glossary's {c.origin.replace('+', ' + ')}"
            run_propose(
                glossary, c.zh, c.en, by=_who(by, cfg), category=c.category, note=f"suggested from {path.name}; English from {source}",
                file=default_file(glossary, c.category, cfg.glossary_dir),
            )
            added += 1
    typer.echo(f"Added {added} proposed terms ({len(found) - added} without an English skipped)")
