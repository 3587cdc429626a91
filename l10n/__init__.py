"""l10n: reviewed English editions of Chinese official bulletins.

The package is a set of pipeline stages (``ingest``, ``glossary``, ``names``,
``engines``, ``draft``, ``catalog``, ``review``, ``export``, ``quality``) that a
library user can call directly; ``l10n.cli`` is a thin Typer layer on top.
"""

__version__ = "0.1.0"
