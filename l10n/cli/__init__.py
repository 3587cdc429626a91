"""Command-line interface: ``l10n <command>``. See :mod:`l10n.cli.app`."""

from l10n.cli.app import app

# Each module registers its commands on `app` when imported.
from l10n.cli import project, glossary, models, draft, review, publish, quality, exchange  # noqa: E402, F401


def main() -> None:
    app()
