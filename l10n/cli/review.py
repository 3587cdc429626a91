"""``l10n review``.

The interactive loop here only shows segments and reads keys; every decision is
made and saved by :class:`l10n.review.ReviewSession`. Rich and readline are
imported inside the functions that use them, so ``import l10n.cli`` stays light.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli.app import ConfigOption, app, markup_safe, stdout_console

KEYS_HELP = """\
a    accept the draft as it is (signs it with your name; a draft with QA errors asks what to do)
e    edit the draft in place (the line comes prefilled; Enter saves, empty line or Ctrl-C cancels)
E    edit the draft in $EDITOR (VISUAL/EDITOR)
1-9  edit starting from memory match 1-9 (listed under Memory), not the draft
r    retranslate: ask the engine for a new draft of this segment
     (the engine it was drafted with, or review's --engine/--model)
s    skip: leave it unreviewed, go to the next segment to review
b    back: show the previous segment again (approved ones can be revised)
d    draft: put an approved segment back to draft (asks why; kept in its comment)
n    next segment with QA findings (approved or not)
/    search: jump to the next segment whose Chinese or English contains what you type
g    glossary: look up a Chinese or English string among the glossary terms
t    term: propose a glossary term from this segment (a span of its Chinese, and English
     typed or picked from the draft); an editor approves it, no draft changes before
c    comment: add a translator comment line to this segment (kept with the catalog)
q    quit: everything decided so far is already saved
?    this help

Marks: ! a QA error (approving it needs a fix or a reason), ~ a QA warning;
[ok]/[missing] (without colour): a required rendering the draft has or lacks;
in a memory match, «text» is Chinese this segment lacks, ‸ where it has more."""

PROMPT = "[a]ccept [e]dit [1-9]memory [r]etranslate [s]kip [b]ack [d]raft [n]ext finding [/]search [g]lossary [t]erm [c]omment [q]uit [?]help > "
SHORT_PROMPT = "a e E 1-9 r s b d n / g t c q [?]help > "
QA_PROMPT = "[e]dit again, keep as [d]raft, [o]verride: approve anyway with a reason, [q]uit > "
SHORT_QA_PROMPT = "[e]dit [d]raft [o]verride with a reason [q]uit > "


def _fitting(out, prompt: str, short: str) -> str:
    """*prompt*, or *short* where the terminal is narrower than it."""
    return prompt if len(prompt) < out.width else short


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


#: Narrower terminals get the source and the draft stacked, not side by side.
SIDE_BY_SIDE = 100


def _plain(out) -> bool:
    """Whether *out* shows no colour (NO_COLOR, a dumb terminal, a pipe): marks are then spelled out."""
    return out.no_color or out.color_system is None


def marked(text: str, spans, *, plain: bool):
    """*text* as a rich Text, escaped (:func:`l10n.textsafe.for_terminal`) piece by piece, the
    *spans* (``(start, end, applied)``) styled green when applied and red when missing, or,
    without colour, followed by ``[ok]``/``[missing]``."""
    from rich.text import Text

    from l10n.textsafe import for_terminal

    out = Text()
    at = 0
    for start, end, applied in sorted(spans):
        if start < at or end <= start:
            continue  # overlapping or empty: the first one wins
        out.append(for_terminal(text[at:start]))
        out.append(for_terminal(text[start:end]), style="bold green" if applied else "bold red")
        if plain:
            out.append("[ok]" if applied else "[missing]")
        at = end
    out.append(for_terminal(text[at:]))
    return out


def term_spans(entry, required) -> tuple[list, list, list[bool]]:
    """Where *required*'s renderings sit in the Chinese (every occurrence; applied or missing)
    and in the English (the form QA found), and whether each is applied."""
    from l10n.quality.qa import find_rendering

    source_spans, target_spans, applied = [], [], []
    for r in required:
        found = find_rendering(r, entry.translation) if entry.translation else None
        applied.append(found is not None)
        at = entry.source.find(r.source) if r.source else -1
        while at >= 0:
            source_spans.append((at, at + len(r.source), found is not None))
            at = entry.source.find(r.source, at + len(r.source))
        if found is not None:
            target_spans.append((*found[1], True))
    return source_spans, target_spans, applied


def gap_spans(entry) -> tuple[list, list]:
    """Where the gaps drafting left (:func:`l10n.quality.qa.find_gaps`) sit in the English, and
    the Chinese each stands for in the source: marked like a missing rendering."""
    from l10n.quality.qa import GAP, find_gaps

    source_spans, target_spans = [], []
    for (start, end), chinese in find_gaps(entry.source, entry.translation or ""):
        target_spans.append((start, end, False))
        m = GAP.fullmatch(entry.translation[start:end])
        if chinese and m:
            first = int(m["first"]) - 1
            source_spans.append((first, first + len(chinese), False))
    return source_spans, target_spans


def memory_matches(entry) -> list[tuple[str, str, str]]:
    """The translation-memory matches drafting recorded on *entry* (``tm-example:`` notes), as
    ``(similarity, Chinese, English)``: what keys 1–9 insert."""
    from l10n.review import tm_suggestions

    out = []
    for note in tm_suggestions(entry):
        similarity, sep, rest = note.partition("% ")
        if not (sep and similarity.isdigit()):
            similarity, rest = "", note
        chinese, arrow, english = rest.partition(" → ")
        if arrow and english.strip():
            out.append((similarity, chinese, english.strip()))
    return out[:9]


def differences(memory: str, source: str, *, plain: bool):
    """*memory* (a translation memory's Chinese) as a rich Text, escaped, with what differs from
    *source* marked: its own text that *source* lacks in yellow (without colour between « »), and
    a ‸ where *source* has text it lacks."""
    import difflib

    from rich.text import Text

    from l10n.textsafe import for_terminal

    out = Text()
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, memory, source, autojunk=False).get_opcodes():
        piece = for_terminal(memory[i1:i2])
        if op == "equal":
            out.append(piece)
            continue
        if piece:
            out.append(f"«{piece}»" if plain else piece, style="bold yellow")
        if op in ("insert", "replace"):
            out.append("‸", style="bold yellow")
    return out


ERROR_MARK, WARNING_MARK = "!", "~"
"""How a QA error and a QA warning are marked on the review screen, colour or not."""


def finding_line(finding) -> str:
    """A QA finding as listed: ``! check: message`` for an error, ``~ …`` for a warning;
    *finding* is a :class:`l10n.quality.qa.Finding` or a recorded note (one no check wrote is an error)."""
    from l10n.quality.qa import Finding
    from l10n.textsafe import for_terminal

    if isinstance(finding, str):
        try:
            error = Finding.from_note(finding).is_error
        except ValueError:
            error = True
        return f"{ERROR_MARK if error else WARNING_MARK} {for_terminal(finding)}"
    return f"{ERROR_MARK if finding.is_error else WARNING_MARK} {for_terminal(finding.note())}"


def _lines(out, renderable) -> int:
    """How many terminal lines *renderable* takes on *out*."""
    return len(out.render_lines(renderable, out.options, pad=False))


def show_entry(out, session) -> None:
    """Print the segment on show: position, Chinese and draft (side by side on a wide terminal,
    stacked on a narrow one) with the required terms marked, then renderings, findings,
    confidence, repairs, attempts, memory and sign-off.

    Each finding is listed once: a missing rendering in the Required list (marked ``!``), every
    other one under Findings (``!`` an error, ``~`` a warning, with or without colour). Where that
    would not fit the terminal's height (80×24), the layout is compact, so the Chinese and the
    draft stay on screen: only the missing renderings are listed (the others counted), and the
    rows least needed to decide are left out, their names said."""
    from rich import box
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    from l10n.review import approved_despite, approvers, tm_suggestions, translator_comments
    from l10n.textsafe import for_terminal

    entry = session.current
    state = entry.state
    plain = _plain(out)
    title = f"{session.position + 1}/{session.total} · {for_terminal(entry.context)} · {state} · {session.remaining} to review"
    rule = Rule(Text(title), style="cyan", characters="-")
    required = session.required_renderings(entry)
    source_spans, target_spans, applied = term_spans(entry, required)
    gaps_in_source, gaps = gap_spans(entry)
    source_spans, target_spans = source_spans + gaps_in_source, target_spans + gaps
    label = {"approved": "English", "draft": "Draft"}.get(state, "Draft")
    chinese = marked(entry.source, source_spans, plain=plain)
    english = marked(entry.translation, target_spans, plain=plain) if entry.translation else Text("(untranslated)", style="dim")
    pair = None
    if out.width >= SIDE_BY_SIDE:
        pair = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        pair.add_column("Chinese", ratio=1, overflow="fold")
        pair.add_column(label, ratio=1, overflow="fold")
        pair.add_row(chinese, english)

    missing = {f"{r.source} → {r.target}" for r, ok in zip(required, applied) if not ok}

    def required_row(compact: bool):
        lines = Text()
        for r, ok in zip(required, applied):
            if ok and compact:
                continue
            if lines:
                lines.append("\n")
            lines.append(f"{'  ' if ok else ERROR_MARK + ' '}{for_terminal(r.source)} → {for_terminal(r.target)} ({r.kind}) ")
            lines.append("ok" if ok else "MISSING", style="green" if ok else "red")
        found = sum(applied)
        if compact and found:
            lines.append(("\n" if lines else "") + f"{found} ok", style="green")
        return lines

    # a missing rendering is listed once, in Required, not again as its missing-term finding
    qa = [f for f in session.findings_of(entry)
          if not (f.check == "missing-term" and f.message.removesuffix(" not found") in missing)]
    rows: list[tuple[str, object, int]] = []  # (label, content, priority: the lowest is left out first)
    if out.width < SIDE_BY_SIDE:
        rows += [("Chinese", chinese, 99), (label, english, 99)]
    if required:
        rows.append(("Required", None, 90))  # filled in per layout
    if qa:
        lines = Text()
        for f in qa:
            if lines:
                lines.append("\n")
            lines.append(finding_line(f), style="red" if f.is_error else "yellow")
        rows.append(("Findings", lines, 95))
    proposed = session.hints(entry)
    if proposed:
        rows.append(("Hints", Text("\n".join(f"{for_terminal(h.source)} → {for_terminal(h.target)}" for h in proposed)), 20))
    for value in entry.notes_for("confidence")[:1]:
        rows.append(("Confidence", Text(for_terminal(value)), 40))
    repairs = entry.notes_for("repair")
    if repairs:
        rows.append(("Repairs", Text("\n".join(for_terminal(r) for r in repairs)), 50))
    for value in entry.notes_for("attempts")[:1]:
        rows.append(("Attempts", Text(for_terminal(value)), 10))
    memory = Text()
    for note in entry.notes_for("tm"):
        memory.append(("\n" if memory else "") + f"- exact: {for_terminal(note)}")
    for number, (similarity, source, target) in enumerate(memory_matches(entry), 1):
        memory.append(("\n" if memory else "") + f"{number} " + (f"{similarity}% similar: " if similarity else ""))
        memory.append(differences(source, entry.source, plain=plain))
        memory.append(f" → {for_terminal(target)}")
    for note in tm_suggestions(entry):
        if " → " not in note:  # not a match to insert: shown as it is
            memory.append(("\n" if memory else "") + f"- {for_terminal(note)}")
    if memory:
        rows.append(("Memory", memory, 60))
    if entry.previous_source:
        rows.append(("Source was", Text(for_terminal(entry.previous_source)), 80))
    for old in entry.notes_for("previous-translation"):
        rows.append(("English was", Text(for_terminal(old)), 80))
    comments = translator_comments(entry)
    if comments:
        rows.append(("Comment", Text("\n".join(for_terminal(c) for c in comments)), 70))
    signed = approvers(entry)
    if signed:
        rows.append(("Approved by", Text(for_terminal(", ".join(signed))), 30))
    despite = approved_despite(entry)
    if despite:
        rows.append(("Approved despite", Text(for_terminal(", ".join(despite))), 75))

    def grid_of(shown, compact: bool, hidden: list[str]):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, content, _ in shown:
            grid.add_row(name, required_row(compact) if name == "Required" else content)
        if hidden:
            grid.add_row("Hidden", Text(f"{', '.join(hidden)} (a taller terminal shows them)", style="dim"))
        return grid

    room = out.height - 2  # the prompt below, and a line for what the last key did ("Accepted 1.2.")
    fixed = 1 + (_lines(out, pair) if pair is not None else 0)  # the rule, and the side-by-side pair
    compact, shown, hidden = False, list(rows), []
    grid = grid_of(shown, compact, hidden)
    if fixed + _lines(out, grid) > room:
        compact = True
        grid = grid_of(shown, compact, hidden)
        for name, _, priority in sorted(rows, key=lambda row: row[2]):
            if priority >= 90 or fixed + _lines(out, grid) <= room:
                break
            shown = [row for row in shown if row[0] != name]
            if name not in hidden:
                hidden.append(name)
            grid = grid_of(shown, compact, hidden)
    out.print(rule)
    if pair is not None:
        out.print(pair)
    out.print(grid)


def resolve_qa_errors(session, out, problems, *, key, edit, ask) -> bool:
    """The translation on show has QA errors: the reviewer fixes it (edit again), keeps it a
    draft, or approves it anyway with a reason. False when they quit instead."""
    from l10n.errors import L10nError
    from l10n.review import error_checks

    while True:
        entry = session.current
        errors = error_checks(problems)
        out.print(f"[yellow]{markup_safe(entry.context)} has QA errors ({markup_safe(', '.join(errors))}); it is not approved:[/yellow]")
        for p in problems:
            out.print(f"  {finding_line(p)}", style="yellow", markup=False)
        choice = key(_fitting(out, QA_PROMPT, SHORT_QA_PROMPT))
        try:
            if choice in ("e", "E"):
                text = edit(entry.translation)
                if text is None:
                    out.print("Edit cancelled; nothing changed.")
                    continue
                problems = session.edit(text)
                if not error_checks(problems):
                    out.print(f"Saved {markup_safe(entry.context)}.")
                    return True
            elif choice == "d":
                session.keep_draft()
                out.print(f"Kept {markup_safe(entry.context)} as a draft; its findings are recorded.")
                return True
            elif choice == "o":
                reason = ask("Reason> ")
                if not reason or not reason.strip():
                    out.print("No reason given; nothing approved.")
                    continue
                despite = session.approve_anyway(reason)
                out.print(f"Approved {markup_safe(entry.context)} despite {markup_safe(', '.join(despite))}; the reason is recorded.")
                return True
            elif choice == "q":
                if session.undo_edit():
                    out.print(f"Quit; {markup_safe(entry.context)} is as it was before the edit.")
                return False
            else:
                out.print("Press e to edit it again, d to keep it as a draft, o to approve it anyway with a reason, q to quit.")
        except L10nError as error:
            out.print(f"[red]Error: {markup_safe(error)}[/red]")


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
    lookup: Callable[[str], list] | None = None,
) -> None:
    """Drive *session* from the keyboard until every entry is reviewed or the user quits.

    *lookup* finds glossary terms for ``g`` (a string → :class:`l10n.glossary.Term` list)."""
    from rich.text import Text

    from l10n.errors import L10nError
    from l10n.catalog import APPROVED
    from l10n.review import error_checks
    from l10n.textsafe import for_terminal

    def use_editor(text: str, source: str) -> str | None:
        if not editor:
            out.print("[yellow]Set $EDITOR (or VISUAL) to edit in an editor; press e to edit inline.[/yellow]")
            return None
        return external(text, source, editor)

    while not session.done:
        show_entry(out, session)
        choice = key(_fitting(out, PROMPT, SHORT_PROMPT))
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
                kept = len(session.findings_of(entry))
                out.print(f"Accepted {markup_safe(entry.context)}." + (f" It keeps {kept} QA finding(s)." if kept else ""))
            elif choice in ("e", "E") or (len(choice) == 1 and choice in "123456789"):
                start = entry.translation
                if choice.isdigit():
                    matches = memory_matches(entry)
                    if int(choice) > len(matches):
                        out.print(f"No memory match {choice}: this segment has {len(matches) or 'none'}" + (" (listed under Memory)." if matches else "."))
                        continue
                    start = matches[int(choice) - 1][2]  # the match's English, to adapt to this source
                text = use_editor(start, entry.source) if (choice == "E" or prefer_editor) else edit(start)
                if text is None:
                    out.print("Edit cancelled; nothing changed.")
                    continue
                problems = session.edit(text)
                if error_checks(problems):
                    if not resolve_qa_errors(session, out, problems, key=key, edit=edit_again, ask=ask):
                        break
                    continue
                out.print(f"Saved {markup_safe(entry.context)}.")
                if problems:
                    out.print(f"[yellow]Warning: the edit of {markup_safe(entry.context)} has {len(problems)} QA warning(s); kept on the entry:[/yellow]")
                    for p in problems:
                        out.print(f"  {finding_line(p)}", style="yellow", markup=False)
            elif choice == "r":
                out.print("Retranslating (loading the model may take a while)…")
                try:
                    session.redraft()
                except L10nError:
                    raise
                except Exception as error:  # an engine crash must not end a review whose decisions are saved
                    out.print(f"[red]Retranslation failed ({markup_safe(type(error).__name__)}: {markup_safe(error)}); the draft is unchanged.[/red]")
                    continue
                out.print(f"New draft for {markup_safe(entry.context)}.")
            elif choice == "s":
                session.skip()
            elif choice == "d":
                if entry.state != APPROVED:
                    out.print(f"{markup_safe(entry.context)} is {entry.state}, not approved; d puts an approved segment back to draft.")
                    continue
                reason = ask("Why (Enter: no reason)> ")
                if reason is None:
                    out.print("Nothing changed.")
                    continue
                session.back_to_draft(reason)
                out.print(f"{markup_safe(entry.context)} is a draft again; recorded in its comment.")
            elif choice == "b":
                if not session.back():
                    out.print("Already at the first segment.")
            elif choice == "n":
                index = session.next_with_findings()
                if index is None:
                    out.print("No other segment has QA findings.")
                else:
                    session.show(index)
            elif choice == "/":
                text = ask("Search> ")
                index = session.search(text) if text and text.strip() else None
                if not text or not text.strip():
                    out.print("Search cancelled.")
                elif index is None:
                    out.print(Text(f"No other segment contains {for_terminal(text.strip())!r}."))
                else:
                    session.show(index)
            elif choice == "g":
                text = ask("Glossary> ")
                if text and text.strip():
                    show_terms(out, text.strip(), lookup)
                else:
                    out.print("Lookup cancelled.")
            elif choice == "t":
                propose_from_entry(session, out, ask)
            elif choice == "c":
                text = ask("Comment> ")
                if text and text.strip():
                    session.comment(text)
                    out.print(f"Comment saved on {markup_safe(entry.context)}.")
                else:
                    out.print("No comment saved.")
            elif choice == "q":
                break
            elif choice == "?":
                out.print(KEYS_HELP, markup=False)
            elif choice:
                out.print(f"Unknown key {markup_safe(repr(choice))}; press ? for help.")
        except L10nError as error:
            out.print(f"[red]Error: {markup_safe(error)}[/red]")
    left = session.remaining
    if left:
        out.print(f"Saved. {left} of {session.total} entries left to review; run `l10n review {slug}` to resume.", markup=False, soft_wrap=True)
    else:
        out.print(f"All {session.total} entries of {slug} are approved. Publish with `l10n export {slug} --format txt`.", markup=False, soft_wrap=True)


def propose_from_entry(session, out, ask: Callable[[str], str | None]) -> None:
    """``t``: ask for a span of the entry's Chinese, its English (typed, or a number picking one of
    the names of things in the English on screen) and a category (Enter: the guess), then propose
    it (:meth:`l10n.review.ReviewSession.propose_term`); an empty answer cancels."""
    from l10n.glossary.learn import category_guess, phrases

    zh = (ask("Chinese span> ") or "").strip()
    if not zh:
        out.print("No term proposed.")
        return
    entry = session.current
    picks = phrases(entry.translation)[:9]
    for n, phrase in enumerate(picks, 1):
        out.print(f"  {n}  {markup_safe(phrase)}")
    en = (ask("English" + (f" (or 1-{len(picks)})" if picks else "") + "> ") or "").strip()
    if en.isdigit() and 1 <= int(en) <= len(picks):
        en = picks[int(en) - 1]
    if not en:
        out.print("No term proposed.")
        return
    guess = category_guess(zh)
    category = (ask(f"Category [{guess}]> ") or "").strip() or guess
    term = session.propose_term(zh, en, category)
    out.print(f"Proposed {markup_safe(term.zh)} → {markup_safe(term.en)} as {markup_safe(term.id)} ({markup_safe(term.category)}) in "
              f"{markup_safe(Path(term.file).name if term.file else '')}; an editor approves it with `l10n glossary approve {markup_safe(term.id)}`.")


def show_terms(out, text: str, lookup: Callable[[str], list] | None, limit: int = 12) -> None:
    """The glossary terms whose Chinese or English (or id, note) contains *text*, with their status."""
    from rich.table import Table
    from rich.text import Text

    from l10n.textsafe import for_terminal as t

    if lookup is None:
        out.print("This project has no glossary; nothing to look up.")
        return
    terms = lookup(text)
    if not terms:
        out.print(Text(f"No glossary term contains {t(text)!r}."))
        return
    table = Table.grid(padding=(0, 2))
    for _ in range(3):
        table.add_column(overflow="fold")
    for term in terms[:limit]:
        status = Text(t(term.status), style="green" if term.status == "approved" else "yellow")
        validity = f" {term.validity()}" if term.validity() else ""
        table.add_row(Text(t(term.zh)), Text(t(term.en)), status + Text(f" {t(term.category)}{t(validity)}".rstrip()))
    out.print(table)
    if len(terms) > limit:
        out.print(f"… and {len(terms) - limit} more; `l10n glossary list` shows them all.", markup=False)


def glossary_lookup(cfg) -> Callable[[str], list] | None:
    """``g``'s lookup over the project glossary, read on first use; None without glossary files."""
    if not cfg.glossary_files():
        return None
    loaded = []

    def lookup(text: str) -> list:
        from l10n.glossary import load_glossary

        if not loaded:
            loaded.append(load_glossary(cfg))
        return loaded[0].filter(text=text)

    return lookup


def redrafter(model: str | None = None, engine: str | None = None):
    """``r``'s retranslation: :func:`l10n.draft.retranslate` with the engine
    :func:`l10n.review.redraft_engine` chooses (the one given, else the one the catalog was
    drafted with), loaded on the first ``r`` (it may load a model) and kept for the session."""
    loaded: list = []

    def retranslate(config, catalog, entry):
        from l10n.draft import retranslate as run
        from l10n.engines import load_engine
        from l10n.review import redraft_engine

        if not loaded:
            name, options = redraft_engine(catalog, config, model=model, engine=engine)
            loaded.append(load_engine(name, config, **options))
        return run(config, catalog, entry, engine=loaded[0])

    return retranslate


def _print_list(out, catalog, found) -> None:
    """The entries as a table as wide as the terminal (each text cut to fit it; --json has it whole);
    *found*: each entry's findings, as ``l10n check`` computes them."""
    from rich.table import Table

    from l10n.review import entry_summary

    contexts = [markup_safe(e.context) for e in catalog.entries]
    states = [e.state for e in catalog.entries]
    # borders and padding of four columns: 5 rules + 8 blanks; "findings" is the widest count
    room = out.width - 13 - max(map(len, contexts), default=3) - max(map(len, states), default=5) - len("findings")
    table = Table(title=f"{markup_safe(catalog.slug)}: {len(catalog.entries)} entries", title_justify="left")
    table.add_column("ctx", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("findings", justify="right", no_wrap=True)
    table.add_column("text", overflow="fold")
    for entry, context, state, shown in zip(catalog.entries, contexts, states, found):
        table.add_row(context, state, str(len(shown)), markup_safe(entry_summary(entry, max(room - 1, 10))))
    out.print(table)


def list_entries(catalog, found) -> dict:
    """``review --list --json``: every entry in full (documented in README.md, "Scripting"); its
    findings (*found*, as ``l10n check`` computes them) as ``check: message`` notes."""
    from l10n.review import approved_despite, approvers, translator_comments

    def number(entry, kind):
        values = entry.notes_for(kind)
        try:
            return float(values[0]) if values else None
        except ValueError:
            return None

    return {
        "slug": catalog.slug,
        "entries": [
            {
                "context": e.context,
                "state": e.state,
                "source": e.source,
                "translation": e.translation,
                "findings": [f.note() for f in shown],
                "confidence": number(e, "confidence"),
                "repairs": e.notes_for("repair"),
                "approved_by": approvers(e),
                "approved_despite": approved_despite(e),
                "comments": translator_comments(e),
            }
            for e, shown in zip(catalog.entries, found)
        ],
    }


# --- commands -------------------------------------------------------------------------


@app.command()
def review(
    slug: Annotated[str, typer.Argument(help="Bulletin slug (its catalog is locales/<lang>/LC_MESSAGES/<slug>.po).")],
    translator: Annotated[Optional[str], typer.Option(metavar="NAME", help="Your name, recorded on every approval (default: translator in l10n.toml).")] = None,
    accept_clean: Annotated[bool, typer.Option("--accept-clean", help="Approve every draft without QA findings, machine repairs or low confidence ([check] accept_min_confidence), then stop.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="Print a table of the entries, their state and findings, then stop.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="With --list: print every entry in full as JSON.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Walk every entry once, in order, approved ones too.")] = False,
    ctx: Annotated[Optional[str], typer.Option("--ctx", metavar="CTX", help="Start at the entry with this msgctxt (e.g. 3.2).")] = None,
    with_findings: Annotated[bool, typer.Option("--findings", help="Show only entries with QA findings.")] = False,
    editor: Annotated[bool, typer.Option("--editor", help="Edit with e in $EDITOR instead of inline.")] = False,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="Retranslate (r) with this registered model (default: the one the catalog was drafted with).")] = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="Retranslate (r) with this engine, e.g. openai (default: the one the catalog was drafted with).")] = None,
    config: ConfigOption = None,
) -> None:
    """Review the machine drafts of a bulletin, one segment at a time.

    Shows each unreviewed segment with its Chinese and the draft (the required
    glossary terms and names marked in both), QA findings, confidence,
    repairs and translation-memory matches. Keys: a accept, e edit (E: in
    $EDITOR; 1-9: starting from that memory match), r retranslate (with the
    engine the catalog was drafted with, or --engine/--model), s skip, b back,
    d back to draft, n next with findings, / search, g glossary lookup,
    c comment, q quit, ? help. Findings are computed as `l10n check` does.
    Every decision is saved at once; run it again to resume.

    \b
    Example:
      l10n review loufan-visit --translator Jing
      l10n review loufan-visit --all --ctx 3.2
      l10n review loufan-visit --accept-clean
      l10n review loufan-visit --list --json
    """
    import contextlib

    from l10n.catalog import catalog_lock
    from l10n.config import check_name, load_config
    from l10n.errors import InputError
    from l10n.review import open_catalog

    if json_ and not list_:
        raise InputError("--json goes with --list: `l10n review SLUG --list --json`.")
    if translator is not None:
        check_name(translator, "--translator")
    if engine is not None:
        from l10n.engines import check_engine

        check_engine(engine)
    cfg = load_config(config)
    if model is not None:
        from l10n.engines import available_engines
        from l10n.registry import get_entry

        if model not in available_engines():
            get_entry(model, cfg.models_dir)  # an unknown model stops here, not at the first r
    path, _ = open_catalog(cfg, slug)  # an unknown slug stops here, before any lock file is made
    with contextlib.nullcontext() if list_ and not accept_clean else catalog_lock(path):
        _review(cfg, slug, translator=translator, list_=list_, json_=json_, accept_clean=accept_clean, editor=editor,
                every=all_, start=ctx, only_findings=with_findings, model=model, engine=engine)


def _review(cfg, slug: str, *, translator: str | None, list_: bool, json_: bool = False, accept_clean: bool, editor: bool,
            every: bool = False, start: str | None = None, only_findings: bool = False, model: str | None = None,
            engine: str | None = None) -> None:
    from l10n.catalog import write_catalog
    from l10n.required import project_glossary
    from l10n.review import ReviewSession, accept_clean as bulk_accept, load_checker, open_catalog, project_findings, resolve_translator
    from l10n.textsafe import for_terminal, json_text

    path, catalog = open_catalog(cfg, slug)
    # What entries require, as drafting and `l10n check` see it (a listing needs no glossary).
    glossary = project_glossary(cfg) if accept_clean or not list_ else None
    out = stdout_console()
    if accept_clean:
        name = resolve_translator(translator, cfg)
        disabled = cfg.check.disable
        done = bulk_accept(catalog, name, check=load_checker(disabled), glossary=glossary, disabled=disabled,
                           min_confidence=cfg.check.accept_min_confidence)
        write_catalog(catalog, path)
        phrases = {"QA findings": "with QA findings", "automatic repairs": "post-edited by the machine (repair: notes)",
                   "source changed": "whose Chinese changed since the English was written (old translation kept as a suggestion)",
                   "low confidence": f"drafted with confidence below {cfg.check.accept_min_confidence} ([check] accept_min_confidence)"}
        why = ", ".join(f"{n} {phrases.get(reason, reason)}" for reason, n in done.held.items())
        held = f"held back {done.held_total} for review: {why}." if done.held_total else "nothing held back."
        out.print(f"Accepted {done.accepted} clean draft(s) of {slug} as {for_terminal(name)}; {held}", markup=False, soft_wrap=True)
    if list_:
        found = project_findings(cfg, catalog, (lambda: glossary) if glossary is not None else None)
        if json_:
            typer.echo(json_text(list_entries(catalog, found)))
        else:
            _print_list(out, catalog, found)
    if accept_clean or list_:
        return
    name = resolve_translator(translator, cfg)
    if not catalog.entries:
        out.print(f"{path} has no entries; run `l10n ingest` and `l10n draft {slug}` first.", markup=False)
        return
    session = ReviewSession(catalog, path, name, config=cfg, retranslate=redrafter(model, engine), check=load_checker(cfg.check.disable), glossary=glossary,
                            every=every, only_findings=only_findings, disabled=cfg.check.disable)
    if start is not None:
        session.position = session.index_of(start)
    if session.done:
        if only_findings:
            out.print(f"No entry of {slug} to review has QA findings.", markup=False, soft_wrap=True)
        else:
            out.print(f"All {session.total} entries of {slug} are approved; nothing to review.", markup=False, soft_wrap=True)
        return
    interactive_review(session, out, slug=slug, editor=_editor_command(), prefer_editor=editor, lookup=glossary_lookup(cfg))
