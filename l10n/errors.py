"""The one exception base for failures a user can fix.

Every subclass carries a one-sentence message that says what went wrong and,
where possible, what to do next. The CLI prints it as ``Error: …`` and exits 2
(bad input, in every command alike), so CI tells it from exit 1, which only a
gate that found quality failures returns (``check``, ``glossary validate``).
Library callers catch :class:`L10nError`. Caller bugs raise
``ValueError``/``TypeError`` instead.
"""


class L10nError(Exception):
    """A failure the user can fix; ``str()`` is one sentence."""

    exit_code = 2


class ConfigError(L10nError):
    """``l10n.toml`` is missing or malformed."""


class InputError(L10nError):
    """An input file is missing, unreadable, empty or not what the command takes."""


class NotTextError(InputError):
    """An input file is binary or in an encoding we cannot read."""


class NoChineseTextError(InputError):
    """A bulletin holds no Chinese text to translate."""


class CatalogError(L10nError):
    """A PO/POT catalog is malformed or missing."""


class CatalogBusyError(CatalogError):
    """Another l10n process (a review or a draft) holds the catalog."""


class UnknownSlugError(CatalogError):
    """No catalog exists for the bulletin slug given."""
