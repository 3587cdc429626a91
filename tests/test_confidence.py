"""A draft's confidence: the model's probability lowered by findings, repairs and attempts."""

from __future__ import annotations

import math

import pytest

from l10n.draft.confidence import CLAUSES, draft_confidence, repair_kind
from l10n.quality.qa import ERROR, WARNING, Finding

AN_ERROR = Finding("missing-term", ERROR, "政协 → CPPCC not found")
A_WARNING = Finding("length-ratio", WARNING, "unusually long")
A_GAP = Finding("untranslated", ERROR, "[untranslated 4-5] stands for 志书, which the draft could not translate")
SPLICE = "Li Chenming → Li Chengming"

# (lower, higher): the first draft must score strictly below the second
RANKED = [
    ("a repaired draft below the same draft unrepaired", dict(repairs=[SPLICE]), dict()),
    ("an error below a warning", dict(findings=[AN_ERROR]), dict(findings=[A_WARNING])),
    ("a warning below no finding", dict(findings=[A_WARNING]), dict()),
    ("two errors below one", dict(findings=[AN_ERROR, AN_ERROR]), dict(findings=[AN_ERROR])),
    ("a retried draft below a first one", dict(attempts=2), dict(attempts=1)),
    ("a gap below a fragment translated", dict(findings=[A_GAP], repairs=["志书 → [untranslated 4-5]"]),
     dict(repairs=["志书 → local chronicles"])),
    ("a forbidden form swapped below none", dict(repairs=["People's Political Consultative Committee → CPPCC"]), dict()),
    ("a clause-by-clause redraft below a whole-sentence draft", dict(repairs=[CLAUSES], attempts=3), dict(attempts=2)),
    ("two splices below one", dict(repairs=[SPLICE, "(none) → and President"]), dict(repairs=[SPLICE])),
    ("a less sure model below a surer one, all else equal", dict(model=0.6, repairs=[SPLICE]), dict(model=0.8, repairs=[SPLICE])),
    ("a sentence mostly in the model's own words below one its renderings fix", dict(unfixed=0.8), dict(unfixed=0.2)),
    ("a quoted coinage nobody has settled below none", dict(quotes=1), dict()),
    ("two quoted coinages below one", dict(quotes=2), dict(quotes=1)),
]


@pytest.mark.parametrize(("source", "fixed", "quotes"), [
    ("理想信念是共产党人的精神之“钙”，解决好“总开关”问题", [], 2),
    ("推进“一带一路”建设", ["一带一路"], 0),  # the glossary settles it
    ("推进“一带一路”建设", [], 1),
    ("会议通过了《北京倡议》", [], 1),
    ("刘赐贵赴三亚调研「双修、双城」", [], 1),
    ("他说\"骗补\"必须查处", [], 1),
    ("抗击“COVID-19”疫情", [], 0),  # no Chinese inside
    ("“" + "很长的一句话" * 8 + "”", [], 0),  # a quoted sentence, not a phrase
    ("会议在京召开", [], 0),
])
def test_free_quotes_counts_quoted_chinese_no_enforced_rendering_covers(source, fixed, quotes):
    from l10n.draft.confidence import free_quotes
    from l10n.terms import Rendering

    required = [Rendering(t, "x", start=source.index(t), end=source.index(t) + len(t)) for t in fixed]
    assert free_quotes(source, required) == quotes


@pytest.mark.parametrize(("source", "spans", "share"), [
    ("市政协主席李成明出席会议", [(0, 3), (3, 5), (5, 8)], 4 / 12),
    ("市政协主席李成明出席会议", [], 1.0),
    ("2024年GDP增长5%", [], 1.0),  # the Chinese characters only: 年, 增, 长
    ("GDP 5%", [], 0.0),
    ("十二届全国人大", [(0, 3), (3, 7)], 0.0),
])
def test_the_unfixed_share_counts_chinese_characters_no_enforced_rendering_covers(source, spans, share):
    from l10n.draft.confidence import unfixed_share
    from l10n.terms import Rendering

    required = [Rendering(source[s:e], "x", start=s, end=e) for s, e in spans]
    hint = [Rendering(source, "y", kind="hint", start=0, end=len(source))]  # a hint fixes nothing
    assert unfixed_share(source, required + hint) == pytest.approx(share)


@pytest.mark.parametrize(("case", "lower", "higher"), RANKED, ids=[c for c, *_ in RANKED])
def test_confidence_ranks(case, lower, higher):
    def score(kw):
        kw = dict(kw)
        return draft_confidence(kw.pop("model", 0.9), **kw)

    assert score(lower) < score(higher)


@pytest.mark.parametrize(("repairs", "same"), [
    (["urumqi → Urumqi"], True),  # the model's word put back in its case
    (["CPPCC → Chinese People's Political Consultative Conference (CPPCC) (first mention)"], True),  # house style
    ([SPLICE], False),
])
def test_house_style_repairs_cost_nothing(repairs, same):
    assert (draft_confidence(0.9, repairs=repairs) == 0.9) is same


@pytest.mark.parametrize(("model", "expected"), [(0.9, 0.9), (math.nan, math.nan), (None, math.nan)])
def test_a_clean_first_draft_keeps_the_model_probability(model, expected):
    got = draft_confidence(model)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


def test_confidence_stays_a_probability():
    worst = draft_confidence(1.0, [AN_ERROR] * 20, [SPLICE] * 20, attempts=9)
    assert 0.0 <= worst < 0.01


@pytest.mark.parametrize(("repair", "kind"), [
    ("Li Chenming → Li Chengming", "splice"), ("President → General Secretary", "splice"), ("(none) → and President", "splice"),
    ("志书 → local chronicles", "fragment"), ("志书 → [untranslated 6-7]", "gap"), ("个县 → [untranslated]", "gap"),
    (CLAUSES, "clauses"), ("urumqi → Urumqi", "case"),
    ("NPC Standing Committee → Standing Committee of the National People's Congress (NPC) (first mention)", "first-mention"),
])
def test_repair_kinds(repair, kind):
    assert repair_kind(repair) == kind
