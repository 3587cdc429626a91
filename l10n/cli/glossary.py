"""l10n glossary commands (being built)."""
