"""The architecture as a test: no module imports a module of a stage above it.

Each module of ``l10n`` belongs to one layer; an import (at module level or inside a
function, where the lazy imports are) may reach its own layer or a lower one. Shared
knowledge (Han ranges, months, numerals, renderings, escaping) lives at the bottom, so no
stage imports another stage just for a name, and the CLI, at the top, is imported by nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "l10n"

LAYERS = [
    # 0: facts and plumbing every stage shares
    ("l10n", "l10n.errors", "l10n.lexicon", "l10n.numbers", "l10n.terms", "l10n.textsafe", "l10n.atomic"),
    # 1: files and the knowledge drafting, QA and the glossary all read
    ("l10n.config", "l10n.catalog", "l10n.registry", "l10n.acronyms", "l10n.names", "l10n.memory", "l10n.places", "l10n.compose"),
    # 2: datelines, and the engines behind one interface
    ("l10n.dateline", "l10n.engines"),
    # 3: the first stages: bulletins in, the glossary
    ("l10n.ingest", "l10n.glossary"),
    # 4: the per-segment checks
    ("l10n.quality.qa", "l10n.quality"),
    # 5: what a segment requires, asked by every stage after it
    ("l10n.required",),
    # 6: scoring, the gate, review, and what reads bulletins for the glossary (as drafting reads its terms)
    ("l10n.quality.score", "l10n.quality.gate", "l10n.review", "l10n.glossary.suggest", "l10n.glossary.learn"),
    # 7: drafting, export, status
    ("l10n.draft", "l10n.export", "l10n.status", "l10n.xliff", "l10n.site"),
    # 8: the command line, on top of everything
    ("l10n.cli",),
]


ALLOWED = {
    # (importer, imported): why the import may reach up; each one is a decision, not an accident
    ("l10n.config", "l10n.quality.qa"): "[check] disable is checked against the QA registry when l10n.toml is read, "
                                        "so a typo stops every command (imported late, only for that key)",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The layer of the longest prefix of *module* that LAYERS names."""
    best, depth = None, -1
    for number, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and name.count(".") > depth:
                best, depth = number, name.count(".")
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "l10n":
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "l10n"]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_module_imports_a_stage_above_it(path):
    module = module_name(path)
    mine = layer_of(module)
    above = [f"{path.name}:{line} imports {target} (layer {layer_of(target)} > {mine})"
             for line, target in imports(path) if layer_of(target) > mine and (module, target) not in ALLOWED]
    assert not above, "\n".join(above)


@pytest.mark.parametrize(("module", "layer"), [("l10n.quality.numbers", None), ("l10n.draft.edits", 7), ("l10n.glossary.tbx", 3),
                                               ("l10n.glossary.suggest", 6), ("l10n.cli.app", 8), ("l10n.lexicon", 0)])
def test_layer_lookup(module, layer):
    if layer is None:  # numbers sit below every stage now, not inside quality/
        assert not (PACKAGE / "quality" / "numbers.py").exists()
    else:
        assert layer_of(module) == layer
