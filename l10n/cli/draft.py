"""l10n draft commands (being built)."""
