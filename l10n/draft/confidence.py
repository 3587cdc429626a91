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
* each engine attempt after the first (the first draft failed QA);
* the share of the source that no enforced rendering fixes (:func:`unfixed_share`): the
  words the model chose itself. A sentence made of approved titles, organs, names and
  ordinals comes out as its references do; one of metaphor and slogans ("精神之钙",
  "双修、双城") is where a small model goes wrong, however sure it is;
* each phrase the source quotes (“骗补”, “总开关”, 《北京倡议》) that no enforced rendering
  fixes (:func:`free_quotes`): a coinage, slogan or title whose English nobody has settled.

    confidence = p_model × exp(−(ERROR·errors + WARNING·warnings + REPAIR·repairs + ATTEMPT·(attempts − 1)
                                 + UNFIXED·unfixed + QUOTED·quotes))

A clean first draft of a sentence its renderings fix whole keeps the model's probability. The
constants were tuned on the tuning half of ``prc_gov.dev`` only (``bench/confidence.py
--tune``, round values near the best) for the ROC AUC of confidence in telling drafts with
sentence chrF < 40 from the rest. On the 124 lines of that half drafted at commit e73c0b5
(11 below 40): the model's probability alone 0.59; with findings, repairs and attempts at the
constants of before (error 0.1, warning 0.02, repair 0.5, attempt 0.05) 0.62; the unfixed
share alone 0.79; all of them re-tuned together 0.81 at these constants (best 0.84, at
unfixed costs of 4–8: see :data:`UNFIXED`). On the test half, which chose nothing (154 lines
drafted at 0f26e0a, 6 below 40): 0.68, against 0.60 for the model's probability alone.
The quoted phrases came later (:data:`QUOTED`); :func:`segment_confidence` is what drafting
computes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from l10n.lexicon import HAN_CHAR, is_han

ERROR = 0.25
"""Cost of each QA error left on the draft (× 0.78)."""
WARNING = 0.02
"""Cost of each QA warning (less than an error, by construction)."""
REPAIR = 0.1
"""Cost of each repair that replaced words the model chose (× 0.90). Small once the unfixed
share is counted: what a repair mends is mostly a fixed rendering, and a repaired sentence
is usually retried too."""
ATTEMPT = 0.4
"""Cost of each engine attempt after the first (× 0.67): the first draft failed QA, and a
retry copies much of the draft it was shown, so its token probability runs high (0.9–0.98
against 0.55–0.8 for first drafts)."""

UNFIXED = 2.0
"""Cost of the share of the source no enforced rendering fixes (× 0.14 for a sentence with
none fixed, × 0.37 for half fixed): on the tuning half the strongest single signal (AUC 0.79
alone). 3–8 rank a little better there (0.83–0.84) but leave a typical good draft a
confidence of 0.01–0.06; 2 ranks at 0.81 and keeps it at 0.14."""

QUOTED = 0.5
"""Cost of each quoted phrase no enforced rendering fixes (× 0.61). On the tuning half drafted
at f28b133 (124 lines, 8 below chrF 40), 7 sources quote one: 4 of those drafts are below 40
(“双修、双城” as "double repair and double city", 精神之“钙” as "calculus"). The AUC of the
confidence without it was 0.84, with it 0.91 (0.88–0.92 for costs of 0.2–1.0)."""

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


def unfixed_share(source: str, required: Sequence) -> float:
    """The share of *source*'s Chinese characters that no enforced rendering in *required*
    (``l10n.terms.Rendering``, with their spans) covers; 0 for a source without Chinese.

    >>> from l10n.terms import Rendering
    >>> unfixed_share("市政协主席李成明出席", [Rendering("市政协", "Municipal CPPCC Committee", start=0, end=3),
    ...     Rendering("主席", "Chairman", start=3, end=5), Rendering("李成明", "Li Chengming", "name", 5, 8)])
    0.2
    """
    han = [i for i, c in enumerate(source) if is_han(c)]
    if not han:
        return 0.0
    fixed = {i for r in required if r.enforced for i in range(r.start, r.end)}
    return sum(1 for i in han if i not in fixed) / len(han)


_QUOTE = re.compile(r"“[^“”]{1,40}”|《[^《》]{1,40}》|「[^「」]{1,40}」|『[^『』]{1,40}』|\"[^\"]{1,40}\"")
"""A phrase the source quotes: in Chinese quotation marks, title marks or ASCII quotes, at
most 40 characters (a longer one is a quoted sentence, not a coinage)."""


def free_quotes(source: str, required: Sequence) -> int:
    """How many phrases *source* quotes (:data:`_QUOTE`) with Chinese in them that no enforced
    rendering in *required* covers: “一带一路” is fixed by the glossary, “骗补” is the model's to word.

    >>> from l10n.terms import Rendering
    >>> free_quotes("解决好“总开关”问题，推进“一带一路”建设", [Rendering("一带一路", "Belt and Road", start=14, end=18)])
    1
    >>> free_quotes("通过《北京倡议》和“COVID-19”报告", []), free_quotes("会议召开", [])
    (1, 0)
    """
    count = 0
    for m in _QUOTE.finditer(source):
        start, end = m.start() + 1, m.end() - 1
        if HAN_CHAR.search(m.group()) and not any(r.enforced and r.start <= start and end <= r.end for r in required):
            count += 1
    return count


def segment_confidence(model: float, findings: Sequence, repairs: Sequence[str], attempts: int, source: str, required: Sequence) -> float:
    """:func:`draft_confidence` of a draft of *source* with its *required* renderings: their
    :func:`unfixed_share` and :func:`free_quotes` computed here."""
    return draft_confidence(model, findings, repairs, attempts, unfixed_share(source, required), free_quotes(source, required))


def draft_confidence(model: float, findings: Sequence = (), repairs: Sequence[str] = (), attempts: int = 1, unfixed: float = 0.0,
                     quotes: int = 0, *, error: float = ERROR, warning: float = WARNING, repair: float = REPAIR, attempt: float = ATTEMPT,
                     unfixed_cost: float = UNFIXED, quoted: float = QUOTED) -> float:
    """The confidence of a draft whose engine hypothesis had probability *model*, with QA
    *findings* (``l10n.quality.qa.Finding``) left on it, *repairs* made to it, *attempts*
    engine calls, the *unfixed* share of its source (:func:`unfixed_share`) and its *quotes*
    no rendering fixes (:func:`free_quotes`); nan when the engine gave no probability. The
    keyword constants are for tuning.

    >>> draft_confidence(0.9)
    0.9
    >>> round(draft_confidence(0.9, repairs=["Li Chenming → Li Chengming"]), 3), round(draft_confidence(0.9, attempts=2), 3)
    (0.814, 0.603)
    >>> round(draft_confidence(0.9, unfixed=0.5), 3), round(draft_confidence(0.9, quotes=1), 3)
    (0.331, 0.546)
    """
    if model is None or math.isnan(model):
        return math.nan
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    cost = (error * errors + warning * warnings + repair * len(doubtful_repairs(repairs)) + attempt * max(0, attempts - 1)
            + unfixed_cost * unfixed + quoted * quotes)
    return model * math.exp(-cost)

