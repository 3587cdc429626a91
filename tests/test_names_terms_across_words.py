"""A glossary term the sentence's own words cut on both sides is no term there (issue 18).

行政 + 协调 holds no 政协 (CPPCC), 工人 + 大会 no 人大 (People's Congress), 人民 + 进行 no
民进: jieba reads an ordinary word that begins before the match and ends inside it, and the
next one runs on past its end (:func:`l10n.names.term_split_by_the_text`). That is the
general form of the 中共 case (其中 + 共有); what only 中共 needs (中 closing a phrase jieba
reads as 中共, 共 "in total" before a count) stays in :func:`l10n.names.zhong_gong_apart`.

Every sentence here is written for this table; none is taken from the benchmark set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary.store import Glossary
from l10n.places import REFERENCE_PLACES
from l10n.required import requirements

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def matcher():
    return Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")), reference=[REFERENCE_PLACES]).matcher()


@pytest.mark.parametrize("text, term", [
    ("各级政府要加强行政协调。", "政协"),  # 行政 + 协调
    ("县财政协调安排专项资金。", "政协"),  # 财政 + 协调
    ("全厂召开工人大会，选举工会委员。", "人大"),  # 工人 + 大会
    ("市老年人大学举行开学典礼。", "人大"),  # 老年人 + 大学
    ("领导干部要如实报告个人大事。", "人大"),  # 个人 + 大事
    ("广大工人大力弘扬劳模精神。", "人大"),  # 工人 + 大力
    ("人民革命烈士永垂不朽。", "民革"),  # 人民 + 革命
    ("人民进行了英勇顽强的斗争。", "民进"),  # 人民 + 进行
    ("各族人民进一步加强团结。", "民进"),  # 各族人民 + 进一步
    ("社区居民建设美好家园。", "民建"),  # 居民 + 建设
    ("城市委员会审议了规划。", "市委"),  # 城市 + 委员会
])
def test_a_term_the_words_around_it_cut_is_not_required(matcher, text, term):
    assert term not in [r.source for r in requirements(text, matcher) if r.kind == "term"]


@pytest.mark.parametrize("text, term", [
    ("市政协召开常委会议。", "市政协"),
    ("市人大常委会听取报告。", "市人大常委会"),
    ("湖南省长毛伟明主持会议。", "省长"),  # 湖南省 is a place, not an ordinary word: the title stays
    ("民进市委开展专题调研。", "民进"),
    ("全国政协委员视察工作。", "全国政协委员"),  # the committee's member, one title (test_titles_composed.py)
    ("其中共有党员120名。", None),  # the 中共 case, now cut by the general rule
])
def test_a_term_the_words_do_not_cut_stays(matcher, text, term):
    found = [r.source for r in requirements(text, matcher) if r.kind == "term"]
    assert (term in found) if term else ("中共" not in found)
