"""Quality: QA checks on drafts, corpus metrics, and the ``l10n check`` gate.

* :mod:`l10n.quality.qa` — per-segment checks returning :class:`~l10n.quality.qa.Finding` lists;
* :mod:`l10n.quality.score` — sacrebleu BLEU/chrF/TER, paired bootstrap, term accuracy;
* :mod:`l10n.quality.gate` — the per-bulletin check run and its JUnit/Markdown reports.

Nothing here imports sacrebleu at import time. The numbers, dates and 万/亿 quantities the
checks compare are read by :mod:`l10n.numbers`, which sits below every stage.
"""
