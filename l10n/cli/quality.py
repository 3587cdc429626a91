"""l10n quality commands (being built)."""
