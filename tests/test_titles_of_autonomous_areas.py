"""The heads of autonomous prefectures, banners and leagues (州长, 旗长, 盟长) are titles like
县长: the shipped glossary renders them and the name beside one is found (issue 18: in the
minority areas these officials often carry Mongolian or Tibetan names). A unit the text
points to (本旗, 全盟, 我市) before a word starting with 长 (长期, 长远) holds no title, and
neither does a city whose name ends in 州 (广州长隆, 杭州长运): there 州 is no level suffix.

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


@pytest.mark.parametrize("text,place,english", [
    # 州 is part of these cities' names, not a level suffix: no 州长, and no person after it
    ("广州长隆集团董事长出席开幕式。", "广州", "Guangzhou"),
    ("杭州长运公司召开职工大会。", "杭州", "Hangzhou"),
    ("常州长荡湖湿地公园对外开放。", "常州", "Changzhou"),
    ("温州长途汽车站完成改造。", "温州", "Wenzhou"),
    ("兰州长城电工召开股东大会。", "兰州", "Lanzhou"),
    ("亳州长寿老人人数居全省前列。", "亳州", "Bozhou"),
])
def test_a_title_cannot_start_on_the_last_character_of_a_city_name_that_is_no_level(matcher, text, place, english):
    found = requirements(text, matcher)
    assert (place, english) in {(r.source, r.target) for r in found if r.kind == "place"}
    assert not [r for r in found if r.category == "title"]
    assert people_found(text, matcher) == []


@pytest.mark.parametrize("text,title,english,people", [
    # where the last character is the level suffix the title takes it, as before
    ("长沙市长郑建新会见客商。", "市长", "Mayor", ["郑建新→Zheng Jianxin"]),
    ("海南省长沈晓明出席签约仪式。", "省长", "Governor", ["沈晓明→Shen Xiaoming"]),
    ("重庆市委书记主持召开常委会会议。", "重庆市委书记", "Secretary of the Chongqing Municipal Party Committee", []),  # the place inside
    ("上海市长龚正出席论坛。", "市长", "Mayor", ["龚正→Gong Zheng"]),
    ("甘孜州长出席会议。", "州长", "Governor", []),
])
def test_a_title_takes_the_last_character_of_a_place_where_it_is_the_level(matcher, text, title, english, people):
    assert (title, english) in {(r.source, r.target) for r in requirements(text, matcher) if r.category == "title"}
    assert people_found(text, matcher) == people
