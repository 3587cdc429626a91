"""Translation engines behind one interface (:class:`~l10n.engines.base.Engine`).

:func:`load_engine` turns a registered model id (``models/<id>.toml``) or an
engine name into a ready engine. Engines never download: a missing model is a
:class:`~l10n.registry.WeightsMissingError` telling the user to run
``l10n models pull``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from l10n.engines.base import Engine, Hypothesis, Request
from l10n.errors import L10nError

if TYPE_CHECKING:
    from l10n.config import Config

__all__ = ["Engine", "Hypothesis", "Request", "UnknownEngineError", "available_engines", "check_engine", "load_engine"]

ENGINES = ("llama", "marian", "openai")


class UnknownEngineError(L10nError):
    """The engine name given is not one l10n has."""


def available_engines() -> list[str]:
    """The engine names :func:`load_engine` accepts.

    >>> available_engines()
    ['llama', 'marian', 'openai']
    """
    return list(ENGINES)


def check_engine(name: str) -> str:
    """*name* when l10n has that engine, else :class:`UnknownEngineError` listing the engines.

    >>> check_engine("openai")
    'openai'
    """
    if name not in ENGINES:
        raise UnknownEngineError(f"Unknown engine {name!r}; use one of {', '.join(ENGINES)}.")
    return name


def load_engine(model_id_or_engine: str, config: "Config", **options: Any) -> Engine:
    """An engine for a registered model id, or for an engine name.

    ``"openai"`` builds the remote engine from ``config.engines["openai"]``
    (keyword *options* override the table, e.g. ``model=``); ``"llama"`` or
    ``"marian"`` use ``config.default_model`` when it is of that engine, else
    the first registered model of that engine. Other *options* go to the
    engine's constructor (``n_ctx=``, ``fast=`` …).
    """
    from l10n import registry

    name = model_id_or_engine
    if name == "openai":
        from l10n.engines.openai import OpenAIEngine

        return OpenAIEngine.from_config(dict(config.engines.get("openai", {})), **options)
    if name in ENGINES:
        entry = _default_entry(name, config)
    else:
        entry = registry.get_entry(name, config.models_dir)
    path = registry.model_path(entry)
    settings = {**config.engines.get(entry.engine, {}), **options}
    if entry.engine == "llama":
        from l10n.engines.llama import LlamaEngine

        settings.setdefault("threads", config.threads)
        settings.setdefault("batch", config.batch)
        return LlamaEngine(path, model_id=entry.id, model_sha256=entry.sha256, **settings)
    if entry.engine == "marian":
        from l10n.engines.marian import MarianEngine

        settings.setdefault("threads", config.threads)
        return MarianEngine(path, model_id=entry.id, model_sha256=entry.sha256, **settings)
    raise UnknownEngineError(
        f"{entry.origin or entry.id} names engine {entry.engine!r}; use one of {', '.join(ENGINES)} in the model entry."
    )


def _default_entry(engine: str, config: "Config"):
    from l10n import registry

    entries = registry.list_entries(config.models_dir)
    for entry in entries:
        if entry.id == config.default_model and entry.engine == engine:
            return entry
    for entry in entries:
        if entry.engine == engine:
            return entry
    raise UnknownEngineError(f"No registered model runs on the {engine} engine; add a models/<id>.toml with engine = \"{engine}\".")
