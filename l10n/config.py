"""The project configuration, ``l10n.toml`` at the project root.

>>> cfg = Config(root=Path("/p"))
>>> cfg.locales_dir
PosixPath('/p/locales')
>>> cfg.default_model
'qwen2.5-coder-1.5b-instruct-q4_k_m'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import ConfigError, InputError

CONFIG_NAME = "l10n.toml"
#: A bulletin slug names files under locales/: letters, digits, ".", "_" and "-", no separators,
#: no "..", at most 64 characters. Upper case is allowed so catalogs made before this rule stay
#: reachable; ``slugify`` (the slug ingest derives from a file name) makes lower case only.
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
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

[glossary]
reference_places = true        # l10n's read-only place data (PRC divisions, countries, rivers, lakes, mountains) under your glossary; your own term for the same Chinese wins

[draft]
model = "qwen2.5-coder-1.5b-instruct-q4_k_m"
threads = 0                    # 0: the cores other programs leave free, looked at before each batch (llama.cpp stalls when a thread loses its core); N: exactly N
max_attempts = 2               # engine calls per segment (a draft and one repair; then one clause by clause) before it is left with findings
spell_out_acronyms = true      # "CPPCC National Committee" in full where a bulletin first names it, "(CPPCC)" after it if the bulletin uses it again
batch = 1                      # segments the llama engine decodes together: 1 one at a time (the default whose quality is measured), 0 chosen from cores and memory

[check]
min_chrf = 40.0                # with --refs
min_term_accuracy = 0.98
max_draft = 0                  # unreviewed entries allowed in a shipped catalog
disable = []                   # QA check ids check, review and export ignore, e.g. ["length-ratio"] (drafting still repairs by them)

[site]
title = "English edition"      # the heading of the site `l10n export --all --site DIR` builds, and of its Atom feed
base_url = ""                  # where the site is published, e.g. "https://example.gov.cn/en/": absolute links in the feed; set it once, it names the feed's entries
"""


@dataclass(frozen=True)
class CheckThresholds:
    """Quality gates ``l10n check`` enforces; ``disable``: the QA check ids (of
    :data:`l10n.quality.qa.REGISTRY`) that ``check``, ``review`` and ``export`` do not run."""

    min_chrf: float = 40.0
    min_term_accuracy: float = 0.98
    max_draft: int = 0
    disable: tuple[str, ...] = ()
    accept_min_confidence: float = 0.05
    """The least drafting confidence ``review --accept-clean`` approves unseen: on the dev set's test
    half the drafts below sentence chrF 40 have a median confidence of 0.04, the rest 0.10."""


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
    reference_places: bool = True  # l10n/data/places.csv under the project's glossary
    batch: int = 1  # batched decoding changes close greedy choices and is not yet measured for quality: opt-in
    check: CheckThresholds = field(default_factory=CheckThresholds)
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)
    site_title: str = "English edition"
    site_base_url: str = ""  # "" or an http(s) address ending in "/" (:func:`check_base_url`)

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
        """Glossary CSV files matched by the configured globs (relative to the project root,
        or absolute: a glossary shared by several projects), sorted."""
        import glob

        files: set[Path] = set()
        for pattern in self.glossary_globs:
            if Path(pattern).is_absolute():
                matches = (Path(p) for p in glob.glob(pattern, recursive=True))
            else:
                matches = self.root.glob(pattern)
            files.update(p for p in matches if p.is_file())
        return sorted(files)

    @property
    def templates_dir(self) -> Path:
        """Where ingest writes each bulletin's template (``locales/templates``)."""
        return self.locales_dir / "templates"

    @property
    def catalogs_dir(self) -> Path:
        """Where each bulletin's catalog in the target language is (``locales/<lang>/LC_MESSAGES``)."""
        return self.locales_dir / self.target_language / "LC_MESSAGES"

    def template_path(self, slug: str) -> Path:
        return self.templates_dir / f"{check_slug(slug)}.pot"

    def catalog_path(self, slug: str) -> Path:
        return self.catalogs_dir / f"{check_slug(slug)}.po"

    def template_slugs(self) -> list[str]:
        """The slug of every bulletin ingested (a template in :attr:`templates_dir`), sorted."""
        return _stems(self.templates_dir, ".pot")

    def catalog_slugs(self) -> list[str]:
        """The slug of every bulletin with a catalog (in :attr:`catalogs_dir`), sorted."""
        return _stems(self.catalogs_dir, ".po")


def _stems(directory: Path, suffix: str) -> list[str]:
    """The sorted stems of the files in *directory* whose names end in *suffix* (none without the directory)."""
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.glob(f"*{suffix}") if p.is_file())


def check_slug(slug: str) -> str:
    """*slug* when it is safe as a file name under ``locales/``; else :class:`InputError`.

    >>> check_slug("loufan-visit")
    'loufan-visit'
    """
    if SLUG.fullmatch(slug) and ".." not in slug:
        return slug
    raise InputError(
        f"{slug!r} is not a bulletin slug; use 1 to 64 letters, digits, '.', '_' or '-', "
        "starting with a letter or digit (e.g. 'loufan-visit')."
    )


def check_name(name: str, what: str) -> str:
    """*name*, a person's name as *what* gives it (``--translator``, ``[project] translator``),
    when it is one line of plain text; else :class:`InputError`. A name is written into PO
    headers and translator comments and printed: a newline in it would start a header field
    of its own (``X-Bulletin-Date: …``) or a line of its own.

    >>> check_name("Jing", "--translator")
    'Jing'
    """
    from l10n.textsafe import unsafe_characters

    found = unsafe_characters(name)
    if found:
        raise InputError(f"{what} holds {', '.join(dict.fromkeys(found))}; a name is one line of plain text "
                         "without control characters, line breaks or direction marks.")
    return name


def is_web_address(url: str) -> bool:
    """Whether *url* is an absolute http or https address without spaces, controls or markup
    characters: the only kind of address l10n links from a published page.

    >>> is_web_address("https://www.jz.gov.cn/a.html"), is_web_address("javascript:alert(1)"), is_web_address("/a b")
    (True, False, False)
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() or ord(c) < 32 or c in '<>"\\' for c in url)


def check_base_url(url: str) -> str:
    """*url*, a site's web address (``[site] base_url``), ending in ``/`` so that a page's name can be
    appended; "" stays "". Else :class:`InputError` (:func:`is_web_address`).

    >>> check_base_url("https://example.gov.cn/en"), check_base_url("")
    ('https://example.gov.cn/en/', '')
    """
    if not url:
        return ""
    if not is_web_address(url):
        raise InputError(f"[site] base_url {url!r} is not an http or https address; write it like 'https://example.gov.cn/en/'.")
    return url if url.endswith("/") else url + "/"


GITIGNORE = (
    "# l10n: lock files of a review, draft or glossary edit in progress, and temp files a killed write left",
    "*.po.lock",
    ".glossary.lock",
    ".*.tmp",
)
"""What ``l10n init`` adds to a project's ``.gitignore``: files l10n makes that hold no data
(:func:`l10n.catalog.catalog_lock`, :mod:`l10n.glossary.store`, :mod:`l10n.atomic`)."""


def ensure_gitignore(directory: Path) -> list[str]:
    """Add the patterns of :data:`GITIGNORE` that ``directory/.gitignore`` lacks, at its end (a new
    file when there is none); every byte already there stays. Returns the lines added."""
    from l10n.atomic import atomic_write_bytes

    path = directory / ".gitignore"
    if path.exists() and not path.is_file():
        return []  # a folder or a device by that name is the user's business
    old = path.read_bytes() if path.is_file() else b""
    present = {line.strip() for line in old.decode("utf-8", "replace").splitlines()}
    missing = [line for line in GITIGNORE[1:] if line not in present]
    if not missing:
        return []
    lines = [GITIGNORE[0], *missing] if GITIGNORE[0] not in present else missing
    joint = b"\n" if old and not old.endswith(b"\n") else b""
    atomic_write_bytes(path, old + joint + "".join(f"{line}\n" for line in lines).encode("utf-8"))
    return lines


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


@dataclass(frozen=True)
class Setting:
    """One key of ``l10n.toml``: its kind, its bounds and the :class:`Config` field it fills.

    ``kind`` is ``str``, ``int``, ``float`` (any number), ``bool``, ``"globs"`` (a string or
    a list of strings), ``"language"`` (a language code, which names a folder under locales/),
    ``"checks"`` (a list of QA check ids) or ``"table"`` (a TOML table, passed on as it is).
    """

    kind: Any
    field: str = ""
    low: float | None = None
    high: float | None = None
    above: float | None = None
    required: bool = False  # a string that must not be empty


SCHEMA: dict[str, dict[str, Setting]] = {
    "project": {
        "source_language": Setting("language", "source_language"),
        "target_language": Setting("language", "target_language"),
        "translator": Setting(str, "translator"),
    },
    "paths": {
        "glossary": Setting("globs", "glossary_globs"),
        "locales": Setting(str, "locales", required=True),
        "models": Setting(str, "models", required=True),
    },
    "glossary": {
        "reference_places": Setting(bool, "reference_places"),
    },
    "draft": {
        "model": Setting(str, "default_model", required=True),
        "threads": Setting(int, "threads", low=0),
        "max_attempts": Setting(int, "max_attempts", low=1, high=10),
        "spell_out_acronyms": Setting(bool, "spell_out_acronyms"),
        "batch": Setting(int, "batch", low=0, high=64),
    },
    "check": {
        "min_chrf": Setting(float, "min_chrf", low=0, high=100),
        "min_term_accuracy": Setting(float, "min_term_accuracy", low=0, high=1),
        "max_draft": Setting(int, "max_draft", low=0),
        "disable": Setting("checks", "disable"),
        "accept_min_confidence": Setting(float, "accept_min_confidence", low=0, high=1),
    },
    "site": {
        "title": Setting(str, "site_title", required=True),
        "base_url": Setting(str, "site_base_url"),
    },
}
"""Every section and key of ``l10n.toml`` but ``[engines.<name>]`` (:data:`ENGINE_SETTINGS`)."""

ENGINE_SETTINGS: dict[str, dict[str, Setting]] = {
    # l10n.engines.llama.LlamaEngine's keyword arguments
    "llama": {
        "threads": Setting(int, low=0), "n_ctx": Setting(int, low=1), "max_tokens": Setting(int, low=1),
        "seed": Setting(int), "verbose": Setting(bool),
    },
    # l10n.engines.marian.MarianEngine's keyword arguments
    "marian": {
        "fast": Setting(bool), "compute_type": Setting(str, required=True), "threads": Setting(int, low=0),
        "batch_size": Setting(int, low=1), "beam_size": Setting(int, low=1), "constraint_beam": Setting(int, low=1),
        "max_length": Setting(int, low=1),
    },
    # what l10n.engines.openai.OpenAIEngine.from_config reads
    "openai": {
        "url": Setting(str, required=True), "model": Setting(str, required=True), "api_key_env": Setting(str, required=True),
        "api_key": Setting(str), "concurrency": Setting(int, low=1), "timeout": Setting(float, above=0),
        "retries": Setting(int, low=0), "backoff": Setting(float, low=0), "max_tokens": Setting(int, low=1),
        "extra_body": Setting("table"),
    },
}
"""The keys each engine reads from its ``[engines.<name>]`` table."""

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_EXPECTED = {str: "a string", int: "int", float: "int or float", bool: "true or false", "globs": "a string or a list of strings",
             "checks": "a list of QA check ids", "table": "a table (e.g. { repeat_penalty = 1.0 })"}


def config_from_dict(data: dict[str, Any], *, root: Path, origin: Path | str = CONFIG_NAME) -> Config:
    """Build a :class:`Config` from parsed TOML, checking every section, key, type and range
    against :data:`SCHEMA` and :data:`ENGINE_SETTINGS`; a key l10n does not know is an error."""
    fields: dict[str, Any] = {}
    check: dict[str, Any] = {}
    for name, value in data.items():
        if name == "engines":
            continue
        if name not in SCHEMA:
            raise ConfigError(f"{origin}: {_unknown_section(name, value)}")
        table = _table(data, name, origin)
        for key, value in table.items():
            setting = _known(SCHEMA[name], key, name, origin)
            checked = _checked(setting, value, f"[{name}] {key}", origin)
            (check if name == "check" else fields)[setting.field] = checked
    try:
        if fields.get("translator"):
            check_name(fields["translator"], "[project] translator")
        if "site_title" in fields:
            check_name(fields["site_title"], "[site] title")
        if "site_base_url" in fields:
            fields["site_base_url"] = check_base_url(fields["site_base_url"])
    except InputError as error:
        raise ConfigError(f"{origin}: {error}") from None
    if "glossary_globs" in fields:
        globs = fields["glossary_globs"]
        fields["glossary_globs"] = (globs,) if isinstance(globs, str) else tuple(globs)
    engines: dict[str, dict[str, Any]] = {}
    for name, table in _table(data, "engines", origin).items():
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: [engines] {name} must be a table ([engines.{name}]), not {type(table).__name__}.")
        if name not in ENGINE_SETTINGS:
            raise ConfigError(f"{origin}: [engines.{name}] is not an engine; {_suggest(name, ENGINE_SETTINGS, '[engines.{}]', 'the engines are')}")
        for key, value in table.items():
            _checked(_known(ENGINE_SETTINGS[name], key, f"engines.{name}", origin), value, f"[engines.{name}] {key}", origin)
        engines[name] = dict(table)
    return Config(root=root, **fields, check=CheckThresholds(**check), engines=engines)


def _suggest(word: str, choices, form: str, listing: str) -> str:
    """"did you mean X?" for the closest of *choices*, else the list of them."""
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1)
    if close:
        return f"did you mean {form.format(close[0])}?"
    return f"{listing} {', '.join(form.format(c) for c in choices)}."


def _unknown_section(name: str, value: Any) -> str:
    if isinstance(value, dict):
        return f"[{name}] is not a section of l10n.toml; {_suggest(name, [*SCHEMA, 'engines'], '[{}]', 'the sections are')}"
    # a bare key above every table: most likely a setting written outside its section
    homes = {key: f"[{section}] {key}" for section, keys in SCHEMA.items() for key in keys}
    from difflib import get_close_matches

    close = get_close_matches(name, list(homes), n=1)
    hint = f"did you mean {homes[close[0]]}?" if close else _suggest(name, [*SCHEMA, "engines"], "[{}]", "the sections are")
    return f"{name} is not a section of l10n.toml; {hint}"


def _known(settings: dict[str, Setting], key: str, section: str, origin: Path | str) -> Setting:
    if key not in settings:
        listing = f"the settings of [{section}] are"
        raise ConfigError(f"{origin}: [{section}] {key} is not a setting of l10n.toml; {_suggest(key, settings, '{}', listing)}")
    return settings[key]


def _checked(setting: Setting, value: Any, name: str, origin: Path | str) -> Any:
    """*value* when it has the setting's kind and lies in its range (a number made float)."""
    kind = setting.kind
    if kind == "language":
        if isinstance(value, str) and _LANGUAGE.fullmatch(value):
            return value
        raise ConfigError(f"{origin}: {name} must be a language code such as 'en' or 'en-GB', not {value!r}.")
    if kind == "globs":
        ok = isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "checks":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "table":
        ok = isinstance(value, dict)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    if not ok:
        raise ConfigError(f"{origin}: {name} must be {_EXPECTED[kind]}, not {value!r}.")
    if setting.required and not value:
        raise ConfigError(f"{origin}: {name} must not be empty.")
    for bound, broken, words in ((setting.low, lambda b: value < b, "at least"), (setting.high, lambda b: value > b, "at most"),
                                 (setting.above, lambda b: value <= b, "more than")):
        if bound is not None and broken(bound):
            raise ConfigError(f"{origin}: {name} must be {words} {bound}, not {value!r}.")
    if kind == "checks":
        return _check_ids(value, name, origin)
    return float(value) if kind is float else value


def _check_ids(ids: list[str], name: str, origin: Path | str) -> tuple[str, ...]:
    """*ids* when each is a registered QA check, as a tuple without repeats."""
    from l10n.quality.qa import REGISTRY  # imported late: only a config with [check] disable needs it

    for check in ids:
        if check not in REGISTRY:
            raise ConfigError(f"{origin}: {name}: {check} is not a QA check; {_suggest(check, REGISTRY, '{}', 'the QA checks are')}")
    return tuple(dict.fromkeys(ids))


def _table(data: dict[str, Any], name: str, origin: Path | str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: [{name}] must be a table, not {type(value).__name__}.")
    return value
