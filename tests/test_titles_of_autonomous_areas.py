"""The heads of autonomous prefectures, banners and leagues (州长, 旗长, 盟长) are titles like
县长: the shipped glossary renders them and the name beside one is found (issue 18: in the
minority areas these officials often carry Mongolian or Tibetan names). A unit the text
points to (本旗, 全盟, 我市) before a word starting with 长 (长期, 长远) holds no title.

Every sentence is written for this table from general knowledge; none is from the benchmark set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary import Glossary
from l10n.glossary.store import reference_terms
from l10n.required import requirements
from support import people_found

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def matcher():
    glossary = Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")))
    from l10n.glossary.match import Matcher

    return Matcher.from_terms(glossary.terms, reference=reference_terms())


@pytest.mark.parametrize("text,title,english,people", [
    ("延边州州长胡玉亭出席会议。", "州长", "Governor", ["胡玉亭→Hu Yuting"]),
    ("甘孜州副州长洛桑江村在康定调研。", "副州长", "Deputy Governor", ["洛桑江村~?"]),
    ("四子王旗旗长巴特尔主持会议。", "旗长", "Banner Head", ["巴特尔~?"]),
    ("准格尔旗副旗长王建军讲话。", "副旗长", "Deputy Banner Head", ["王建军→Wang Jianjun"]),
    ("锡林郭勒盟盟长乌力吉出席会议。", "盟长", "League Head", ["乌力吉~?"]),
    ("兴安盟副盟长张红梅出席。", "副盟长", "Deputy League Head", ["张红梅→Zhang Hongmei"]),
    ("州长扎西次仁表示，要加快发展。", "州长", "Governor", ["扎西次仁~?"]),
])
def test_the_head_of_a_prefecture_banner_or_league_is_a_title_and_the_name_beside_it_is_found(matcher, text, title, english, people):
    found = requirements(text, matcher)
    assert (title, english) in {(r.source, r.target) for r in found if r.category == "title"}
    assert people_found(text, matcher) == people


@pytest.mark.parametrize("text,not_a_title", [
    ("全州长期坚持生态优先。", "州长"),
    ("我市长期以来重视教育。", "市长"),
    ("本县长期坚持下乡。", "县长"),
    ("苏州长江沿岸企业参展。", "州长"),
    ("本旗长期以来重视教育。", "旗长"),
    ("全盟长远规划出台。", "盟长"),
])
def test_a_place_ending_in_zhou_qi_or_meng_before_a_word_is_no_title(matcher, text, not_a_title):
    assert not_a_title not in {r.source for r in requirements(text, matcher)}
    assert people_found(text, matcher) == []
