"""Glossary matching: leftmost-longest, non-overlapping, date-aware; the repository glossary on seed text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from l10n.glossary import Glossary, Term
from l10n.glossary.match import Matcher
from l10n.terms import Rendering

ROOT = Path(__file__).resolve().parent.parent

# Sentences from seed 001 (a Lüliang Party history office bulletin).
SEED = (
    "12月6日,太原市娄烦县政协副主席强建生一行来我室考察交流,双方就文史资料征集出版工作召开了座谈会。"
    "会议由市委史志研究室主任李成明主持,机关部分业务骨干参加。吕梁市政协文化文史和学习委员会副主任刘晓丽陪同调研。"
    "娄烦县地处吕梁山区腹地,与交城县、方山县、岚县相邻,与吕梁是一衣带水的近邻好友。"
    "政协与史志研究室都具有反映社情民意、服务党政决策的职责使命。"
    "会上,王娟同志介绍了史志研究室的基本情况。"
    "强建生副主席首先感谢了吕梁市委史志研究室的热情接待和对政协文史工作的大力支持。"
    "一是安排岚县、方山县委史志研究室要主动对接娄烦,以高君宇、石评梅的红色文化和三条秘密交通线为主要研究对象。"
)


def approved(term_id, zh, en, **kw):
    return Term(term_id, zh, en, kw.pop("category", "organ"), "approved", **kw)


def sources(matcher, text):
    return [(r.source, r.start, r.end) for r in matcher.find(text)]


@pytest.fixture(scope="module")
def repo_glossary() -> Glossary:
    return Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")))


CASES = [
    # (terms, text, expected (source, start, end))
    ([("a", "国务院"), ("b", "国务院办公厅")], "国务院办公厅", [("国务院办公厅", 0, 6)]),
    ([("a", "国务院"), ("b", "国务院办公厅")], "国务院会议", [("国务院", 0, 3)]),
    ([("a", "市委"), ("b", "委员会")], "市委员会", [("市委", 0, 2)]),
    ([("a", "史志"), ("b", "志研究室")], "史志研究室", [("史志", 0, 2)]),
    ([("a", "市委"), ("b", "宣传部")], "市委宣传部", [("市委", 0, 2), ("宣传部", 2, 5)]),
    ([("a", "政协")], "政协政协", [("政协", 0, 2), ("政协", 2, 4)]),
    ([("a", "政协")], "", []),
    ([("a", "研究室"), ("b", "党史研究室")], "党史研究室和研究室", [("党史研究室", 0, 5), ("研究室", 6, 9)]),
]


@pytest.mark.parametrize("terms, text, expected", CASES)
def test_matches_are_leftmost_longest_and_non_overlapping(terms, text, expected):
    glossary = Glossary([approved(i, zh, zh.upper()) for i, zh in terms])
    assert sources(glossary.matcher(), text) == expected


def test_nested_term_resolves_to_the_longest():
    m = Glossary([approved("a", "国务院", "State Council"), approved("b", "国务院办公厅", "General Office of the State Council")]).matcher()
    (r,) = m.find("国务院办公厅发布通知")
    assert (r.target, r.entry_id, r.kind) == ("General Office of the State Council", "b", "term")


def test_expired_title_is_not_matched_after_its_end_date():
    g = Glossary([
        approved("old", "文化部", "Ministry of Culture", valid_to=dt.date(2018, 3, 17)),
        approved("new", "文化和旅游部", "Ministry of Culture and Tourism", valid_from=dt.date(2018, 3, 17)),
    ])
    assert [r.entry_id for r in g.matcher(on=dt.date(2017, 5, 1)).find("文化部")] == ["old"]
    assert g.matcher(on=dt.date(2019, 5, 1)).find("文化部") == []
    assert [r.entry_id for r in g.matcher(on=dt.date(2019, 5, 1)).find("文化和旅游部")] == ["new"]
    assert [r.entry_id for r in g.matcher(on=None).find("文化部")] == ["old"]


def test_title_valid_on_its_first_and_last_day():
    g = Glossary([approved("t", "部长", "Minister", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2020, 12, 31))])
    assert g.matcher(on=dt.date(2020, 1, 1)).find("部长") and g.matcher(on=dt.date(2020, 12, 31)).find("部长")
    assert not g.matcher(on=dt.date(2019, 12, 31)).find("部长")


def test_proposed_terms_are_hints_and_rejected_ones_are_ignored():
    g = Glossary([
        Term("p", "县志办", "County Chronicles Office", status="proposed"),
        Term("r", "政协", "People's Political Consultative Committee", status="rejected"),
        Term("d", "文化部", "Ministry of Culture", status="deprecated"),
    ])
    found = g.matcher().find("县志办和政协、文化部")
    assert [(r.source, r.kind, r.enforced) for r in found] == [("县志办", "hint", False)]


def test_approved_term_wins_over_a_hint_for_the_same_chinese():
    g = Glossary([Term("p", "政协", "CPPC", status="proposed"), approved("a", "政协", "CPPCC")])
    assert [(r.target, r.kind) for r in g.matcher().find("政协")] == [("CPPCC", "term")]


def test_rendering_carries_forbidden_and_title_variants():
    g = Glossary([
        approved("c", "政协", "CPPCC", forbidden=("People's Political Consultative Committee",)),
        approved("t", "副主任", "Deputy Director", category="title"),
    ])
    cppcc, title = g.matcher().find("政协副主任")
    assert cppcc.forbidden == ("People's Political Consultative Committee",)
    assert title.variants == ("deputy director",)
    assert isinstance(cppcc, Rendering) and cppcc.comment() == "term: 政协 → CPPCC"


def test_empty_glossary_matches_nothing():
    assert Matcher([]).find("政协") == []


def test_repository_glossary_finds_seed_terms(repo_glossary):
    found = repo_glossary.matcher(on=dt.date(2023, 12, 9)).find(SEED)
    pairs = {(r.source, r.target) for r in found}
    assert ("政协", "CPPCC") in pairs
    assert ("史志研究室", "Party History and Local Chronicles Research Office") in pairs
    assert ("市委", "Municipal Party Committee") in pairs
    assert ("副主席", "Vice Chairman") in pairs
    assert ("主任", "Director") in pairs
    assert all(r.kind == "term" for r in found)
    cppcc = next(r for r in found if r.source == "政协")
    assert "People's Political Consultative Committee" in cppcc.forbidden


def test_repository_glossary_is_large_valid_and_annotated(repo_glossary):
    assert len(repo_glossary) >= 150
    assert repo_glossary.problems() == []
    assert all(t.note for t in repo_glossary)
    # the one proposed entry is a hint that only blocks 委员 (Member) inside 委员会
    assert [t.zh for t in repo_glossary if t.status != "approved"] == ["委员会"]
    zh = {t.zh for t in repo_glossary}
    for required in ("中共中央", "国务院", "全国人大常委会", "全国政协", "省委", "市委", "县委", "纪委监委", "宣传部", "组织部", "统战部",
                     "政法委", "人大常委会", "政协", "人民政府", "党史研究室", "地方志办公室", "总书记", "书记", "副书记", "常委",
                     "省长", "市长", "县长", "主任", "副主任", "主席", "副主席", "局长", "部长", "总理", "副总理"):
        assert required in zh, required
    assert len(repo_glossary.revision) == 12


@pytest.mark.parametrize("text, wrong", [
    ("香港特区政府财政司司长陈茂波表示", "District Government"),   # 区政府 inside 特区政府
    ("各级党组织要敢抓敢管", "Leading Party Members' Group"),       # 党组 inside 党组织
    ("全国政协人口资源环境委员会副主任解振华", "Member"),            # 委员 inside 委员会
    ("全国政协十二届常委会第二十三次会议闭幕", "Member of the Standing Committee"),  # 常委 inside 常委会
])
def test_repository_glossary_does_not_demand_a_shorter_entry_inside_a_longer_word(repo_glossary, text, wrong):
    """Each case is a prc_gov.dev sentence where the shorter entry used to match and demand a wrong English."""
    found = repo_glossary.matcher().find(text)
    assert wrong not in [r.target for r in found if r.enforced]


def test_repository_glossary_renders_politburo_titles_whole(repo_glossary):
    found = repo_glossary.matcher().find("中共中央政治局常委、中央书记处书记王沪宁")
    assert [(r.source, r.target) for r in found] == [
        ("中共中央政治局常委", "Member of the Standing Committee of the Political Bureau of the CPC Central Committee"),
        ("中央书记处书记", "Member of the Secretariat of the CPC Central Committee"),
    ]


@pytest.mark.parametrize("text, draft, missing", [
    ("要深入学习贯彻党的十九大精神", "We must thoroughly study and implement the spirit of the congress.", []),
    ("会议通过了关于学习贯彻大会精神的决议", "The meeting adopted a resolution on studying and implementing its spirit.", []),
    ("会议通过了关于学习贯彻大会精神的决议", "The meeting adopted a resolution on the learning and application of its spirit.", ["term-study-and-implement"]),
    ("要深入学习贯彻党的十九大精神", "We must deeply study the spirit of the congress.", ["term-study-and-implement"]),
    ("坚持改革开放，推进供给侧结构性改革", "adhering to reform and opening-up and advancing supply-side structural reforms", []),
    ("出席吹风会的驻华使节们表示", "The envoys to China at the briefing said", []),
    ("出席吹风会的驻华使节们表示", "The envoys to China at the wind-up meeting said", ["term-briefing"]),
    ("国家宪法日座谈会召开", "The National Constitution Day symposium was held.", []),
    ("落实亲诚惠容理念", "act on the principle of amity, sincerity, mutual benefit and inclusiveness", []),
])
def test_repository_policy_formulas_are_required_and_may_be_inflected(repo_glossary, text, draft, missing):
    from l10n.quality.qa import rendering_present

    formulas = [r for r in repo_glossary.matcher().find(text) if r.category == "term"]
    assert formulas, text
    assert [r.entry_id for r in formulas if not rendering_present(r, draft)] == missing
