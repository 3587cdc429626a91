"""l10n review commands (being built)."""
