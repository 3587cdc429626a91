"""Command-line interface: ``l10n <command>``. See :mod:`l10n.cli.app`."""

from l10n.cli.app import app
from l10n.cli import project  # noqa: F401  (registers init, ingest)


def main() -> None:
    app()
