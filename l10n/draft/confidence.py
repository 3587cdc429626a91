"""A draft's confidence: how likely it is to need no fixing, for ranking drafts for review.

The engine's own confidence (``exp`` of the mean token log-probability,
:attr:`l10n.engines.base.Hypothesis.confidence`) says how sure the model was of the words it
chose, not whether they were right: a small model is most sure when it copies, and the drafts
a reviewer had to fix came with the highest scores. So the draft's confidence is that
probability lowered, multiplicatively, by what is known to be wrong or doubtful:

* each QA error and each warning still on the draft;
* each repair that replaced words the model chose (a near-miss or forbidden-form splice, a
  title put back, Chinese left over translated as a fragment or left as a gap, a segment
  drafted again clause by clause), :func:`repair_kind`; putting a name back in its case and
  spelling out an acronym at its first mention are house style, not doubts, and cost nothing;
* each engine attempt after the first (the first draft failed QA).

    confidence = p_model × exp(−(ERROR·errors + WARNING·warnings + REPAIR·repairs + ATTEMPT·(attempts − 1)))

A clean first draft keeps the model's probability. The constants were tuned on the tuning half
of ``prc_gov.dev`` only (``bench/confidence.py --tune``, round values near the best): the ROC
AUC of confidence for telling drafts with sentence chrF < 40 from the rest: for the model's
probability alone 0.56, combined 0.70 on the first 93 lines of that half and 0.68 on 107 (the
same constants stay best).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from l10n.lexicon import HAN_CHAR

ERROR = 0.1
"""Cost of each QA error left on the draft (× 0.90). Small: on the tuning half most errors left
are a figure written another way, which chrF hardly sees; review blocks errors anyway."""
WARNING = 0.02
"""Cost of each QA warning (less than an error, by construction)."""
REPAIR = 0.5
"""Cost of each repair that replaced words the model chose (× 0.61): the strongest signal."""
ATTEMPT = 0.05
"""Cost of each engine attempt after the first: a retry copies much of the draft it was shown,
so its token probability runs high (0.9–0.98 against 0.55–0.8 for first drafts)."""

FREE_REPAIRS = frozenset({"case", "first-mention"})
"""Repair kinds that change no word the model chose."""

CLAUSES = "drafted clause by clause"
"""The repair a segment drafted again clause by clause records (:mod:`l10n.draft.repairs`)."""


def repair_kind(repair: str) -> str:
    """What kind of post-edit a ``repair:`` entry (``old → new``) records.

    >>> [repair_kind(r) for r in ("urumqi → Urumqi", "CPPCC → Chinese People's Political Consultative Conference (CPPCC) (first mention)",
    ...  "志书 → local chronicles", "志书 → [untranslated 6-7]", CLAUSES, "Li Chenming → Li Chengming", "(none) → and President")]
    ['case', 'first-mention', 'fragment', 'gap', 'clauses', 'splice', 'splice']
    """
    from l10n.quality.qa import GAP

    if repair == CLAUSES:
        return "clauses"
    old, _, new = repair.partition(" → ")
    if new.endswith("(first mention)"):
        return "first-mention"
    if HAN_CHAR.search(old):
        return "gap" if GAP.fullmatch(new.strip()) else "fragment"
    if old.lower() == new.lower():
        return "case"
    return "splice"


def doubtful_repairs(repairs: Sequence[str]) -> list[str]:
    """The *repairs* that replaced words the model chose (those that lower the confidence)."""
    return [r for r in repairs if repair_kind(r) not in FREE_REPAIRS]


def draft_confidence(model: float, findings: Sequence = (), repairs: Sequence[str] = (), attempts: int = 1,
                     *, error: float = ERROR, warning: float = WARNING, repair: float = REPAIR, attempt: float = ATTEMPT) -> float:
    """The confidence of a draft whose engine hypothesis had probability *model*, with QA
    *findings* (``l10n.quality.qa.Finding``) left on it, *repairs* made to it and *attempts*
    engine calls; nan when the engine gave no probability. The keyword constants are for tuning.

    >>> draft_confidence(0.9)
    0.9
    >>> round(draft_confidence(0.9, repairs=["Li Chenming → Li Chengming"]), 3), round(draft_confidence(0.9, attempts=2), 3)
    (0.546, 0.856)
    """
    if model is None or math.isnan(model):
        return math.nan
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    cost = error * errors + warning * warnings + repair * len(doubtful_repairs(repairs)) + attempt * max(0, attempts - 1)
    return model * math.exp(-cost)

