"""The project configuration, ``l10n.toml`` at the project root.

>>> cfg = Config(root=Path("/p"))
>>> cfg.locales_dir
PosixPath('/p/locales')
>>> cfg.default_model
'qwen2.5-coder-1.5b-instruct-q4_k_m'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import ConfigError

CONFIG_NAME = "l10n.toml"
DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

EXAMPLE = """\
[project]
source_language = "zh"
target_language = "en"
translator = ""                # set your name: it signs reviews and glossary approvals (--translator / --by override it)

[paths]
glossary = ["glossary/*.csv"]  # approved term files (globs, relative to this file)
locales = "locales"            # templates/<slug>.pot, en/LC_MESSAGES/<slug>.po
models = "models"              # model registry entries

[draft]
model = "qwen2.5-coder-1.5b-instruct-q4_k_m"
threads = 0                    # 0: all cores
max_attempts = 2               # engine calls per segment (a draft and one repair; then one clause by clause) before it is left with findings
spell_out_acronyms = true      # "CPPCC National Committee" in full, with "(CPPCC)", where a bulletin first names it

[check]
min_chrf = 40.0                # with --refs
min_term_accuracy = 0.98
max_draft = 0                  # unreviewed entries allowed in a shipped catalog
"""


@dataclass(frozen=True)
class CheckThresholds:
    """Quality gates ``l10n check`` enforces."""

    min_chrf: float = 40.0
    min_term_accuracy: float = 0.98
    max_draft: int = 0


@dataclass(frozen=True)
class Config:
    """Settings of one l10n project, paths resolved against ``root``."""

    root: Path
    source_language: str = "zh"
    target_language: str = "en"
    translator: str = ""
    glossary_globs: tuple[str, ...] = ("glossary/*.csv",)
    locales: str = "locales"
    models: str = "models"
    default_model: str = DEFAULT_MODEL
    threads: int = 0
    max_attempts: int = 2
    spell_out_acronyms: bool = True
    check: CheckThresholds = field(default_factory=CheckThresholds)
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def locales_dir(self) -> Path:
        return self.root / self.locales

    @property
    def models_dir(self) -> Path:
        return self.root / self.models

    @property
    def glossary_dir(self) -> Path:
        """The directory new glossary entries are written to."""
        first = Path(self.glossary_globs[0]) if self.glossary_globs else Path("glossary/x.csv")
        return self.root / first.parent

    def glossary_files(self) -> list[Path]:
        """Glossary CSV files matched by the configured globs, sorted."""
        files: set[Path] = set()
        for pattern in self.glossary_globs:
            files.update(p for p in self.root.glob(pattern) if p.is_file())
        return sorted(files)

    def template_path(self, slug: str) -> Path:
        return self.locales_dir / "templates" / f"{slug}.pot"

    def catalog_path(self, slug: str) -> Path:
        return self.locales_dir / self.target_language / "LC_MESSAGES" / f"{slug}.po"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``l10n.toml`` in *start* or its parents, or None."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read *path*, or the nearest ``l10n.toml`` above *start* (default: cwd)."""
    if path is None:
        path = find_config(start)
        if path is None:
            where = (start or Path.cwd()).resolve()
            raise ConfigError(f"No {CONFIG_NAME} in {where} or its parents; run `l10n init` to create one.")
    elif not path.is_file():
        raise ConfigError(f"Config file {path} does not exist; run `l10n init` to create one.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); fix it or run `l10n init --force`.") from None
    return config_from_dict(data, root=path.parent.resolve(), origin=path)


def config_from_dict(data: dict[str, Any], *, root: Path, origin: Path | str = CONFIG_NAME) -> Config:
    """Build a :class:`Config` from parsed TOML, checking every value's type."""
    project = _table(data, "project", origin)
    paths = _table(data, "paths", origin)
    draft = _table(data, "draft", origin)
    check = _table(data, "check", origin)
    engines = _table(data, "engines", origin)
    glossary = paths.get("glossary", ["glossary/*.csv"])
    if isinstance(glossary, str):
        glossary = [glossary]
    return Config(
        root=root,
        source_language=_get(project, "source_language", str, "zh", origin, "project"),
        target_language=_get(project, "target_language", str, "en", origin, "project"),
        translator=_get(project, "translator", str, "", origin, "project"),
        glossary_globs=tuple(_get({"glossary": glossary}, "glossary", list, [], origin, "paths")),
        locales=_get(paths, "locales", str, "locales", origin, "paths"),
        models=_get(paths, "models", str, "models", origin, "paths"),
        default_model=_get(draft, "model", str, DEFAULT_MODEL, origin, "draft"),
        threads=_get(draft, "threads", int, 0, origin, "draft"),
        max_attempts=_get(draft, "max_attempts", int, 2, origin, "draft"),
        spell_out_acronyms=_get(draft, "spell_out_acronyms", bool, True, origin, "draft"),
        check=CheckThresholds(
            min_chrf=float(_get(check, "min_chrf", (int, float), 40.0, origin, "check")),
            min_term_accuracy=float(_get(check, "min_term_accuracy", (int, float), 0.98, origin, "check")),
            max_draft=_get(check, "max_draft", int, 0, origin, "check"),
        ),
        engines={k: dict(v) for k, v in engines.items() if isinstance(v, dict)},
    )


def _table(data: dict[str, Any], name: str, origin: Path | str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: [{name}] must be a table, not {type(value).__name__}.")
    return value


def _get(table: dict[str, Any], key: str, kind, default, origin: Path | str, section: str):
    value = table.get(key, default)
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{origin}: [{section}] {key} must be {expected}, not {value!r}.")
    return value
