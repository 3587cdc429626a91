"""l10n models commands (being built)."""
