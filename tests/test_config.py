"""``l10n.toml``: every section and key is known to one schema; a typo or a value out of range is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import EXAMPLE, Config, config_from_dict, load_config
from l10n.errors import ConfigError


def load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "l10n.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_the_example_and_an_empty_file_give_the_defaults(tmp_path):
    example, empty = load(tmp_path, EXAMPLE), load(tmp_path, "")
    assert example == Config(root=tmp_path.resolve())  # `init` leaves the translator for the user to set
    assert empty == Config(root=tmp_path.resolve())


def test_every_setting_is_read(tmp_path):
    cfg = load(
        tmp_path,
        """
[project]
source_language = "zh"
target_language = "en-GB"
translator = "Li"
[paths]
glossary = "terms/*.csv"
locales = "l"
models = "m"
[draft]
model = "opus-mt-zh-en"
threads = 4
max_attempts = 3
spell_out_acronyms = false
[check]
min_chrf = 50
min_term_accuracy = 0.9
max_draft = 2
disable = ["length-ratio", "invented-month"]
[engines.openai]
url = "http://gpu:8000/v1"
model = "qwen"
concurrency = 8
timeout = 30
[engines.llama]
n_ctx = 2048
[engines.marian]
beam_size = 2
fast = true
""",
    )
    assert (cfg.target_language, cfg.translator, cfg.glossary_globs, cfg.locales, cfg.models) == ("en-GB", "Li", ("terms/*.csv",), "l", "m")
    assert (cfg.default_model, cfg.threads, cfg.max_attempts, cfg.spell_out_acronyms) == ("opus-mt-zh-en", 4, 3, False)
    assert (cfg.check.min_chrf, cfg.check.min_term_accuracy, cfg.check.max_draft) == (50.0, 0.9, 2)
    assert isinstance(cfg.check.min_chrf, float)
    assert cfg.check.disable == ("length-ratio", "invented-month")
    assert cfg.engines == {
        "openai": {"url": "http://gpu:8000/v1", "model": "qwen", "concurrency": 8, "timeout": 30},
        "llama": {"n_ctx": 2048},
        "marian": {"beam_size": 2, "fast": True},
    }


BAD = [
    # unknown sections and keys, with the close match
    ("[chek]\nmax_draft = 1\n", "[chek] is not a section of l10n.toml; did you mean [check]?"),
    ("[projects]\n", "[projects] is not a section of l10n.toml; did you mean [project]?"),
    ("[zzz]\n", "[zzz] is not a section of l10n.toml; the sections are [project], [paths], [glossary], [draft], [check], [site], [engines]."),
    ("[project]\ntranslater = 'Li'\n", "[project] translater is not a setting of l10n.toml; did you mean translator?"),
    ("[paths]\nglosary = ['g/*.csv']\n", "[paths] glosary is not a setting of l10n.toml; did you mean glossary?"),
    ("[draft]\nmax_attempt = 2\n", "[draft] max_attempt is not a setting of l10n.toml; did you mean max_attempts?"),
    ("[check]\nqqq = 2\n", "[check] qqq is not a setting of l10n.toml; the settings of [check] are min_chrf, min_term_accuracy, max_draft, disable, accept_min_confidence."),
    ("glosary = ['g/*.csv']\n", "glosary is not a section of l10n.toml; did you mean [paths] glossary?"),
    ("translator = 'Li'\n", "translator is not a section of l10n.toml; did you mean [project] translator?"),
    ("[engines.opnai]\nurl = 'x'\n", "[engines.opnai] is not an engine; did you mean [engines.openai]?"),
    ("[engines.openai]\nconcurency = 4\n", "[engines.openai] concurency is not a setting of l10n.toml; did you mean concurrency?"),
    ("[engines.llama]\nbeam_size = 4\n", "[engines.llama] beam_size is not a setting of l10n.toml; the settings of [engines.llama] are"),
    ("[engines]\nopenai = 3\n", "[engines] openai must be a table ([engines.openai]), not int."),
    # wrong types
    ("project = 3\n", "[project] must be a table, not int."),
    ("[paths]\nglossary = [1, 2]\n", "[paths] glossary must be a string or a list of strings, not [1, 2]."),
    ("[paths]\nglossary = 3\n", "[paths] glossary must be a string or a list of strings, not 3."),
    ("[paths]\nlocales = ''\n", "[paths] locales must not be empty."),
    ("[project]\ntranslator = 7\n", "[project] translator must be a string, not 7."),
    ("[check]\nmin_chrf = 'high'\n", "[check] min_chrf must be int or float, not 'high'."),
    ("[check]\nmax_draft = 1.5\n", "[check] max_draft must be int, not 1.5."),
    ("[draft]\nspell_out_acronyms = 'yes'\n", "[draft] spell_out_acronyms must be true or false, not 'yes'."),
    ("[draft]\nthreads = true\n", "[draft] threads must be int, not True."),
    ("[engines.openai]\nconcurrency = 'many'\n", "[engines.openai] concurrency must be int, not 'many'."),
    ("[engines.openai]\ntimeout = 'soon'\n", "[engines.openai] timeout must be int or float, not 'soon'."),
    ("[engines.openai]\nextra_body = 1.0\n", "[engines.openai] extra_body must be a table (e.g. { repeat_penalty = 1.0 }), not 1.0."),
    ("[engines.marian]\nfast = 1\n", "[engines.marian] fast must be true or false, not 1."),
    ("[check]\ndisable = 'length-ratio'\n", "[check] disable must be a list of QA check ids, not 'length-ratio'."),
    ("[check]\ndisable = [3]\n", "[check] disable must be a list of QA check ids, not [3]."),
    ("[check]\ndisable = ['lenght-ratio']\n", "[check] disable: lenght-ratio is not a QA check; did you mean length-ratio?"),
    ("[check]\ndisable = ['zzz']\n", "[check] disable: zzz is not a QA check; the QA checks are empty, chinese-left, numbers,"),
    # out of range
    ("[draft]\nmax_attempts = -5\n", "[draft] max_attempts must be at least 1, not -5."),
    ("[draft]\nmax_attempts = 0\n", "[draft] max_attempts must be at least 1, not 0."),
    ("[draft]\nmax_attempts = 50\n", "[draft] max_attempts must be at most 10, not 50."),
    ("[draft]\nthreads = -1\n", "[draft] threads must be at least 0, not -1."),
    ("[check]\nmin_term_accuracy = 98\n", "[check] min_term_accuracy must be at most 1, not 98."),
    ("[check]\nmin_chrf = -1\n", "[check] min_chrf must be at least 0, not -1."),
    ("[check]\nmax_draft = -1\n", "[check] max_draft must be at least 0, not -1."),
    ("[engines.openai]\nconcurrency = 0\n", "[engines.openai] concurrency must be at least 1, not 0."),
    ("[engines.openai]\nretries = -1\n", "[engines.openai] retries must be at least 0, not -1."),
    ("[engines.openai]\ntimeout = 0\n", "[engines.openai] timeout must be more than 0, not 0."),
    ("[engines.llama]\nn_ctx = 0\n", "[engines.llama] n_ctx must be at least 1, not 0."),
    # a target language names a folder under locales/
    ("[project]\ntarget_language = '../../x'\n", "[project] target_language must be a language code such as 'en' or 'en-GB', not '../../x'."),
    ("[project]\nsource_language = 'zh cn'\n", "[project] source_language must be a language code such as 'en' or 'en-GB', not 'zh cn'."),
]


@pytest.mark.parametrize("text, message", BAD)
def test_a_bad_config_is_refused_with_the_key_and_the_close_match(tmp_path, text, message):
    with pytest.raises(ConfigError) as error:
        load(tmp_path, text)
    said = str(error.value)
    assert said.startswith(f"{tmp_path / 'l10n.toml'}: ") and message in said, said
    assert "\n" not in said


def test_engine_options_still_pass_through_config_from_dict():
    cfg = config_from_dict({"engines": {"openai": {"url": "u", "model": "m", "concurrency": 2}}}, root=Path("."))
    assert cfg.engines["openai"]["concurrency"] == 2
    with pytest.raises(ConfigError, match=r"l10n.toml: \[engines.openai\] concurrency must be at least 1, not 0."):
        config_from_dict({"engines": {"openai": {"concurrency": 0}}}, root=Path("."))


def test_each_engine_table_knows_exactly_the_engines_and_what_their_constructors_take():
    import inspect

    from l10n.config import ENGINE_SETTINGS
    from l10n.engines import available_engines
    from l10n.engines.llama import LlamaEngine
    from l10n.engines.marian import MarianEngine
    from l10n.engines.openai import OpenAIEngine

    assert sorted(ENGINE_SETTINGS) == available_engines()
    for name, cls in (("llama", LlamaEngine), ("marian", MarianEngine), ("openai", OpenAIEngine)):
        takes = set(inspect.signature(cls.__init__).parameters) | ({"api_key_env"} if name == "openai" else set())
        assert set(ENGINE_SETTINGS[name]) <= takes, name
