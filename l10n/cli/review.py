"""``l10n review``, ``l10n status`` and ``l10n export``.

The interactive loop here only shows segments and reads keys; every decision is
made and saved by :class:`l10n.review.ReviewSession`. Rich and readline are
imported inside the functions that use them, so ``import l10n.cli`` stays light.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, stderr_console, stdout_console

KEYS_HELP = """\
a  accept the draft as it is (signs it with your name; a draft with QA errors asks what to do)
e  edit the draft in place (the line comes prefilled; Enter saves, empty line or Ctrl-C cancels)
E  edit the draft in $EDITOR (VISUAL/EDITOR)
r  retranslate: ask the engine for a new draft of this segment
s  skip: leave it unreviewed, go to the next unreviewed segment
b  back: show the previous segment again (approved ones can be revised)
q  quit: everything decided so far is already saved
?  this help"""

PROMPT = "[a]ccept [e]dit [r]etranslate [s]kip [b]ack [q]uit [?]help > "
QA_PROMPT = "[e]dit again, keep as [d]raft, [o]verride: approve anyway with a reason, [q]uit > "


# --- terminal I/O -----------------------------------------------------------------


def read_key(prompt: str) -> str:
    """One keypress (a whole line when stdin is not a terminal); ``q`` on EOF or Ctrl-C."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    try:
        if sys.stdin.isatty():
            import termios
            import tty

            fd = sys.stdin.fileno()
            saved = termios.tcgetattr(fd)
            try:
                tty.setcbreak(fd)
                data = os.read(fd, 32)
            finally:
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            key = data.decode("utf-8", "replace")[:1]
            if key in ("\x04", ""):
                key = "q"
        else:
            line = sys.stdin.readline()
            if not line:
                key = "q"
            else:
                key = line.strip()[:1]
    except KeyboardInterrupt:
        key = "q"
    sys.stdout.write((key if key.isprintable() else "") + "\n")
    sys.stdout.flush()
    return key


def read_line(prompt: str) -> str | None:
    """One typed line (a reason); None on EOF or Ctrl-C."""
    try:
        return input(prompt)
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\n")
        return None


def edit_inline(text: str) -> str | None:
    """Edit *text* on one prefilled input line; None when cancelled."""
    prefill = sys.stdin.isatty()
    if prefill:
        import readline

        readline.set_startup_hook(lambda: readline.insert_text(text))
    try:
        result = input("English> ")
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\n")
        return None
    finally:
        if prefill:
            readline.set_startup_hook(None)
    return result if result.strip() else None


def edit_external(text: str, source: str, editor: str) -> str | None:
    """Edit *text* in *editor* on a temporary file; None when cancelled or unchanged-empty."""
    import shlex
    import subprocess
    import tempfile

    fd, name = tempfile.mkstemp(prefix="l10n-review-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{text}\n# Chinese: {source}\n# Lines starting with # are ignored; save an empty file to cancel.\n")
        done = subprocess.run([*shlex.split(editor), name], check=False)
        if done.returncode != 0:
            return None
        lines = Path(name).read_text(encoding="utf-8").splitlines()
    finally:
        Path(name).unlink(missing_ok=True)
    result = " ".join(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return result or None


def _editor_command() -> str:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""


# --- showing a segment --------------------------------------------------------------


def _safe(text) -> str:
    """Catalog text for a rich console: controls and ``::`` escaped (:mod:`l10n.textsafe`), then markup."""
    from rich.markup import escape

    from l10n.textsafe import for_terminal

    return escape(for_terminal(text))


def show_entry(out, session) -> None:
    """Print the segment on show: position, Chinese, draft, renderings, QA, memory."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    from l10n.review import approved_despite, approvers, findings, rendering_shown, tm_suggestions
    from l10n.textsafe import for_terminal

    entry = session.current
    state = entry.state
    title = f"{session.position + 1}/{session.total} · {for_terminal(entry.context)} · {state} · {session.remaining} to review"
    out.print(Rule(Text(title), style="cyan", characters="-"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Chinese", _safe(entry.source))
    label = {"approved": "English", "draft": "Draft"}.get(state, "Draft")
    grid.add_row(label, _safe(entry.translation) if entry.translation else "[dim](untranslated)[/dim]")
    required = session.required_renderings(entry)
    if required:
        lines = []
        for r in required:
            ok = rendering_shown(r, entry.translation)
            mark = "[green]ok[/green]" if ok else "[red]MISSING[/red]"
            lines.append(f"{_safe(r.source)} → {_safe(r.target)} ({r.kind}) {mark}")
        grid.add_row("Required", "\n".join(lines))
    proposed = session.hints(entry)
    if proposed:
        grid.add_row("Hints", "\n".join(f"{_safe(h.source)} → {_safe(h.target)}" for h in proposed))
    qa = findings(entry)
    if qa:
        grid.add_row("QA", "\n".join(f"[yellow]! {_safe(f)}[/yellow]" for f in qa))
    memory = tm_suggestions(entry)
    if memory:
        grid.add_row("Memory", "\n".join(f"- {_safe(m)}" for m in memory))
    if entry.previous_source:
        grid.add_row("Source was", _safe(entry.previous_source))
    for old in entry.notes_for("previous-translation"):
        grid.add_row("English was", _safe(old))
    signed = approvers(entry)
    if signed:
        grid.add_row("Approved by", _safe(", ".join(signed)))
    despite = approved_despite(entry)
    if despite:
        grid.add_row("Approved despite", _safe(", ".join(despite)))
    out.print(grid)


def resolve_qa_errors(session, out, problems, *, key, edit, ask) -> bool:
    """The translation on show has QA errors: the reviewer fixes it (edit again), keeps it a
    draft, or approves it anyway with a reason. False when they quit instead."""
    from l10n.errors import L10nError
    from l10n.review import error_checks

    while True:
        entry = session.current
        errors = error_checks(problems)
        out.print(f"[yellow]{_safe(entry.context)} has QA errors ({_safe(', '.join(errors))}); it is not approved:[/yellow]")
        for p in problems:
            out.print(f"[yellow]  ! {_safe(p)}[/yellow]")
        choice = key(QA_PROMPT)
        try:
            if choice in ("e", "E"):
                text = edit(entry.translation)
                if text is None:
                    out.print("Edit cancelled; nothing changed.")
                    continue
                problems = session.edit(text)
                if not error_checks(problems):
                    out.print(f"Saved {_safe(entry.context)}.")
                    return True
            elif choice == "d":
                session.keep_draft()
                out.print(f"Kept {_safe(entry.context)} as a draft; its findings are recorded.")
                return True
            elif choice == "o":
                reason = ask("Reason> ")
                if not reason or not reason.strip():
                    out.print("No reason given; nothing approved.")
                    continue
                despite = session.approve_anyway(reason)
                out.print(f"Approved {_safe(entry.context)} despite {_safe(', '.join(despite))}; the reason is recorded.")
                return True
            elif choice == "q":
                return False
            else:
                out.print("Press e to edit it again, d to keep it as a draft, o to approve it anyway with a reason, q to quit.")
        except L10nError as error:
            out.print(f"[red]Error: {_safe(error)}[/red]")


def interactive_review(
    session,
    out,
    *,
    slug: str,
    key: Callable[[str], str] = read_key,
    edit: Callable[[str], str | None] = edit_inline,
    external: Callable[[str, str, str], str | None] = edit_external,
    ask: Callable[[str], str | None] = read_line,
    editor: str = "",
    prefer_editor: bool = False,
) -> None:
    """Drive *session* from the keyboard until every entry is reviewed or the user quits."""
    from l10n.errors import L10nError
    from l10n.review import error_checks, findings

    def use_editor(text: str, source: str) -> str | None:
        if not editor:
            out.print("[yellow]Set $EDITOR (or VISUAL) to edit in an editor; press e to edit inline.[/yellow]")
            return None
        return external(text, source, editor)

    while not session.done:
        show_entry(out, session)
        choice = key(PROMPT)
        entry = session.current
        edit_again = (lambda text: use_editor(text, entry.source)) if prefer_editor else edit
        try:
            if choice == "a":
                if not entry.translation:
                    out.print("[yellow]Nothing to accept: this segment has no draft. Press e to type it or r to retranslate.[/yellow]")
                    continue
                problems = session.fresh_findings()
                if error_checks(problems):
                    if not resolve_qa_errors(session, out, problems, key=key, edit=edit_again, ask=ask):
                        break
                    continue
                session.accept()
                kept = len(findings(entry))
                out.print(f"Accepted {_safe(entry.context)}." + (f" It keeps {kept} QA finding(s)." if kept else ""))
            elif choice in ("e", "E"):
                text = use_editor(entry.translation, entry.source) if (choice == "E" or prefer_editor) else edit(entry.translation)
                if text is None:
                    out.print("Edit cancelled; nothing changed.")
                    continue
                problems = session.edit(text)
                if error_checks(problems):
                    if not resolve_qa_errors(session, out, problems, key=key, edit=edit_again, ask=ask):
                        break
                    continue
                out.print(f"Saved {_safe(entry.context)}.")
                if problems:
                    out.print(f"[yellow]Warning: the edit of {_safe(entry.context)} has {len(problems)} QA warning(s); kept on the entry:[/yellow]")
                    for p in problems:
                        out.print(f"[yellow]  ! {_safe(p)}[/yellow]")
            elif choice == "r":
                out.print("Retranslating (loading the model may take a while)…")
                try:
                    session.redraft()
                except L10nError:
                    raise
                except Exception as error:  # an engine crash must not end a review whose decisions are saved
                    out.print(f"[red]Retranslation failed ({_safe(type(error).__name__)}: {_safe(error)}); the draft is unchanged.[/red]")
                    continue
                out.print(f"New draft for {_safe(entry.context)}.")
            elif choice == "s":
                session.skip()
            elif choice == "b":
                if not session.back():
                    out.print("Already at the first segment.")
            elif choice == "q":
                break
            elif choice == "?":
                out.print(KEYS_HELP, markup=False)
            elif choice:
                out.print(f"Unknown key {_safe(repr(choice))}; press ? for help.")
        except L10nError as error:
            out.print(f"[red]Error: {_safe(error)}[/red]")
    left = session.remaining
    if left:
        out.print(f"Saved. {left} of {session.total} entries left to review; run `l10n review {slug}` to resume.", markup=False, soft_wrap=True)
    else:
        out.print(f"All {session.total} entries of {slug} are approved. Publish with `l10n export {slug} --format txt`.", markup=False, soft_wrap=True)


def _lazy_retranslate(config, catalog, entry):
    """:func:`l10n.draft.retranslate`, imported only when a draft is asked for (it loads a model)."""
    try:
        from l10n.draft import retranslate
    except ImportError:
        from l10n.review import ReviewError

        raise ReviewError("Retranslation is not available: l10n.draft.retranslate cannot be imported.") from None
    return retranslate(config, catalog, entry)


def _print_list(out, catalog) -> None:
    from rich.table import Table

    from l10n.review import entry_summary, findings

    table = Table(title=f"{_safe(catalog.slug)}: {len(catalog.entries)} entries", title_justify="left")
    table.add_column("ctx")
    table.add_column("state")
    table.add_column("findings", justify="right")
    table.add_column("text", overflow="fold")
    for entry in catalog.entries:
        table.add_row(_safe(entry.context), entry.state, str(len(findings(entry))), _safe(entry_summary(entry)))
    out.print(table)


# --- commands -------------------------------------------------------------------------


@app.command()
def review(
    slug: Annotated[str, typer.Argument(help="Bulletin slug (its catalog is locales/<lang>/LC_MESSAGES/<slug>.po).")],
    translator: Annotated[Optional[str], typer.Option(help="Your name, recorded on every approval (default: translator in l10n.toml).")] = None,
    accept_clean: Annotated[bool, typer.Option("--accept-clean", help="Approve every draft without QA findings, then stop.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="Print a table of the entries, their state and findings, then stop.")] = False,
    editor: Annotated[bool, typer.Option("--editor", help="Edit with e in $EDITOR instead of inline.")] = False,
    config: ConfigOption = None,
) -> None:
    """Review the machine drafts of a bulletin, one segment at a time.

    Shows each unreviewed segment with its Chinese, the draft, the required
    glossary terms and names, QA findings and translation-memory suggestions.
    Keys: a accept, e edit (E: in $EDITOR), r retranslate, s skip, b back,
    q quit, ? help. Every decision is saved at once; run it again to resume.

    \b
    Example:
      l10n review loufan-visit --translator Jing
      l10n review loufan-visit --accept-clean
      l10n review loufan-visit --list
    """
    import contextlib

    from l10n.catalog import catalog_lock
    from l10n.config import load_config
    from l10n.review import open_catalog

    cfg = load_config(config)
    path, _ = open_catalog(cfg, slug)  # an unknown slug stops here, before any lock file is made
    with contextlib.nullcontext() if list_ and not accept_clean else catalog_lock(path):
        _review(cfg, slug, translator=translator, list_=list_, accept_clean=accept_clean, editor=editor)


def _review(cfg, slug: str, *, translator: str | None, list_: bool, accept_clean: bool, editor: bool) -> None:
    from l10n.catalog import write_catalog
    from l10n.required import project_glossary
    from l10n.review import ReviewSession, accept_clean as bulk_accept, load_checker, open_catalog, resolve_translator

    path, catalog = open_catalog(cfg, slug)
    # What entries require, as drafting and `l10n check` see it (a listing needs no glossary).
    glossary = project_glossary(cfg) if accept_clean or not list_ else None
    out = stdout_console()
    if accept_clean:
        name = resolve_translator(translator, cfg)
        done = bulk_accept(catalog, name, check=load_checker(), glossary=glossary)
        write_catalog(catalog, path)
        phrases = {"QA findings": "with QA findings", "automatic repairs": "post-edited by the machine (repair: notes)"}
        why = ", ".join(f"{n} {phrases.get(reason, reason)}" for reason, n in done.held.items())
        held = f"held back {done.held_total} for review: {why}." if done.held_total else "nothing held back."
        out.print(f"Accepted {done.accepted} clean draft(s) of {slug} as {name}; {held}", markup=False, soft_wrap=True)
    if list_:
        _print_list(out, catalog)
    if accept_clean or list_:
        return
    name = resolve_translator(translator, cfg)
    if not catalog.entries:
        out.print(f"{path} has no entries; run `l10n ingest` and `l10n draft {slug}` first.", markup=False)
        return
    session = ReviewSession(catalog, path, name, config=cfg, retranslate=_lazy_retranslate, check=load_checker(), glossary=glossary)
    if session.done:
        out.print(f"All {session.total} entries of {slug} are approved; nothing to review.", markup=False, soft_wrap=True)
        return
    interactive_review(session, out, slug=slug, editor=_editor_command(), prefer_editor=editor)


@app.command()
def status(
    slugs: Annotated[Optional[list[str]], typer.Argument(help="Bulletin slugs (default: every catalog in the project).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    config: ConfigOption = None,
) -> None:
    """Show how many entries of each bulletin are untranslated, drafts or approved.

    Findings counts the entries that carry QA findings.

    \b
    Example:
      l10n status
      l10n status loufan-visit --json
    """
    import json

    from l10n.config import load_config
    from l10n.status import status as bulletin_status

    cfg = load_config(config)
    rows = bulletin_status(cfg, slugs or [])
    if json_:
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo(f"No catalogs in {cfg.catalog_path('x').parent}; run `l10n draft SLUG` first.")
        return
    from rich.table import Table

    table = Table()
    for column in ("bulletin", "total", "untranslated", "draft", "approved", "findings"):
        table.add_column(column, justify="left" if column == "bulletin" else "right")
    for r in rows:
        table.add_row(_safe(r.slug), str(r.total), str(r.untranslated), str(r.draft), str(r.approved), str(r.findings))
    stdout_console().print(table)


class ExportFormat(str, Enum):
    txt = "txt"
    md = "md"
    html = "html"
    po = "po"
    mo = "mo"


@app.command()
def export(
    slug: Annotated[str, typer.Argument(help="Bulletin slug.")],
    format_: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.txt,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout for txt/md/html, <slug>.<format> for po/mo).", dir_okay=False)] = None,
    allow_draft: Annotated[bool, typer.Option("--allow-draft", help="Export unreviewed entries too, marked as a machine draft.")] = False,
    config: ConfigOption = None,
) -> None:
    """Publish the reviewed English bulletin (txt, md, html) or its catalog (po, mo).

    The title comes first, then the date in English and the source, the
    paragraphs in order, and a closing "Translator:" line naming who approved
    it. Refuses while entries are unreviewed unless --allow-draft.

    \b
    Example:
      l10n export loufan-visit --format txt
      l10n export loufan-visit --format html -o loufan-visit.html
      l10n export loufan-visit --format mo
    """
    from l10n.config import load_config
    from l10n.export import export as run_export

    cfg = load_config(config)
    try:
        result = run_export(cfg, slug, format_.value, output=output, allow_draft=allow_draft)
    except OSError as error:
        from l10n.errors import InputError

        where = f": {error.filename}" if error.filename and str(error.filename) != str(output) else ""
        raise InputError(f"Cannot write {output or error.filename} ({error.strerror or error}{where}); choose another --output.") from None
    from l10n.textsafe import for_terminal

    if result.draft:
        stderr_console().print(f"Warning: {for_terminal(slug)} is not fully reviewed or has QA errors; the export is a machine draft.", markup=False, soft_wrap=True)
    if result.text is not None:
        typer.echo(result.text, nl=False)  # the publication itself, as approved (or marked a draft)
    else:
        noun = "approved entries" if result.fmt == "mo" else "entries"
        typer.echo(f"Wrote {for_terminal(result.path)} ({result.entries} {noun})")
