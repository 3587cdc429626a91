"""What several test files share: running the CLI in-process, and the bad-input contract.

Bad input (DESIGN.md, "Bad input and safety") gets exactly one ``Error: …`` line on
stderr, exit 2, no traceback, and leaves the project tree byte-identical:
:func:`assert_refused` checks all four at once, so a bad-input table is one line a case.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

#: Files a refused command may leave behind: the OS lock files (``filelock``), which hold no data.
LOCK_SUFFIXES = (".lock",)


def run_cli(runner: CliRunner, *args: str, input: str | None = None):
    """Invoke ``l10n ARGS`` in-process; returns the Click result (stdout and stderr separate)."""
    from l10n.cli import app

    return runner.invoke(app, [str(a) for a in args], input=input)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under *root* (but lock files) with its bytes: compare two to prove nothing changed."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.name.endswith(LOCK_SUFFIXES):
            continue
        files[str(path.relative_to(root))] = path.read_bytes()
    return files


def assert_refused(runner: CliRunner, root: Path, *args: str, says: str = "", input: str | None = None):
    """``l10n ARGS`` exits 2 with one ``Error:`` sentence containing *says*, and changes nothing under *root*."""
    before = snapshot(root)
    result = run_cli(runner, *args, input=input)
    stderr = result.stderr
    assert isinstance(result.exception, SystemExit) or result.exception is None, f"crashed: {result.exception!r}\n{stderr}"
    assert "Traceback" not in stderr + result.stdout, stderr
    assert result.exit_code == 2, f"exit {result.exit_code}: {stderr}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"not one Error: line: {stderr!r}"
    assert says in lines[0], lines[0]
    after = snapshot(root)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the project changed: {changed}"
    return result


def write_template(root: Path, catalog) -> Path:
    """Write the template ``locales/templates/<slug>.pot`` whose entries *catalog* holds (what ingest would)."""
    from l10n.catalog import Catalog, Entry, base_header, write_catalog

    path = root / "locales" / "templates" / f"{catalog.slug}.pot"
    write_catalog(Catalog(catalog.slug, base_header(catalog.slug), [Entry(e.context, e.source) for e in catalog.entries]), path)
    return path


def disable_checks(root: Path, *checks: str) -> None:
    """Set ``[check] disable`` in the project's ``l10n.toml`` to *checks* (its other lines unchanged)."""
    import re

    config = root / "l10n.toml"
    text = config.read_text(encoding="utf-8")
    line = "disable = [" + ", ".join(f'"{c}"' for c in checks) + "]"
    text, done = re.subn(r"^disable = .*$", line, text, count=1, flags=re.M)
    config.write_text(text if done else text.replace("[check]\n", f"[check]\n{line}\n", 1), encoding="utf-8")


def people_found(text: str, matcher) -> list[str]:
    """The people ``requirements`` finds in *text* under *matcher*, in text order, for a name
    table: ``李成明→Li Chengming`` for a name (kind ``name``), ``洪森~Hun Sen`` for a foreign
    person's hint with English, ``孔特~?`` for one flagged without it."""
    from l10n.names import is_foreign_flag
    from l10n.required import requirements

    out = []
    for r in requirements(text, matcher):
        if r.kind == "name":
            out.append(f"{r.source}→{r.target}")
        elif r.kind == "hint" and r.category == "foreign-name":
            out.append(f"{r.source}~{'?' if is_foreign_flag(r.target) else r.target}")
    return out
