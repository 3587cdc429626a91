"""What a segment requires, where a glossary term is read across a word boundary.

中共 (CPC) is a glossary term, but in 其中共有党员… ("among them, in total…") or
会议中共收到提案… ("in the session, in total received…") 中 closes the phrase before it and
共 is "in total" or the start of another word (共青团, 共产党人, 共同): no CPC is required
there, and a longer term that begins after the 中 (共青团中央) is found instead.

A member's title before 班子 ("team", 省委常委班子) names the body, not a member of it.

A place before the organ of its Party committee or government is inside that body's English:
如皋 + 市委宣传部 is the "Publicity Department of the Rugao Municipal Party Committee".

Every sentence here is written for this table; none is taken from the benchmark set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary.store import Glossary
from l10n.places import REFERENCE_PLACES
from l10n.quality.qa import check_segment
from l10n.required import requirements

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def matcher():
    """The repository's starting glossary with l10n's reference places under it."""
    return Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")), reference=[REFERENCE_PLACES]).matcher()


NOT_THE_PARTY = [
    "在其职业生涯中共取得了312场胜利",
    "其中共有党员120名",
    "其中共计发放补贴50万元",
    "其中共5人获得表彰",
    "其中共青团员36名",
    "其中共产党员56名",
    "全年中共完成投资3.2亿元",
    "会议中共收到提案356件",
    "活动中共发放宣传资料2000余份",
    "检查中共发现问题15个",
    "此次会议中共审议通过5项决议",
    "在比赛中共获得金牌12枚",
    "调研中共走访企业32家",
    "调查中共收集有效问卷1500份",
    "本次展览中共展出文物300余件",
    "本届运动会中共设28个大项",
    "在其任期中共出访20余次",
    "过程中共投入资金5亿元",
    "本次培训中共有学员80人",
    "高中共有学生1200人",
    "在斗争中共产党人经受了考验",
    "在工作中共同努力，推动发展",
    "两党在交往中共同关心的问题",
    "在发展中共享成果",
    "在此次活动中共有300名志愿者参加",
    "本轮巡视中共三百余人次接受谈话",
]

THE_PARTY = [
    "中共中央召开党外人士座谈会",
    "中共十九大在北京开幕",
    "10月中共召开十九大",
    "2021年中共成立100周年",
    "在中共领导下，人民当家作主",
    "越南共产党和中共签署合作协议",
    "与中共合作的意愿",
    "中共党员王明同志",
    "中共有9000多万名党员",
    "目前中共有党员9800万名",
    "会上中共代表团团长发言",
    "会议期间中共代表团举行记者会",
    "庆祝中共成立100周年大会",
    "学习中共党史，汲取智慧",
    "宣传中共十九大精神",
    "中共吕梁市委党史研究室编印",
    "近年来中共加强党的建设",
    "外国政党代表称赞中共的执政经验",
    "中共同越南共产党签署协议",
]


@pytest.mark.parametrize("source", NOT_THE_PARTY)
def test_zhong_closing_a_phrase_before_gong_requires_no_cpc(matcher, source):
    required = requirements(source, matcher)
    assert "CPC" not in " ".join(r.target for r in required), [(r.source, r.target) for r in required]
    assert not any(r.source.startswith("中共") for r in required)


@pytest.mark.parametrize("source", THE_PARTY)
def test_the_party_is_still_required_where_the_text_names_it(matcher, source):
    required = requirements(source, matcher)
    assert any("CPC" in r.target for r in required if r.kind == "term" and r.source.startswith("中共")), [(r.source, r.target) for r in required]


@pytest.mark.parametrize("source, term, english", [
    # 委员 after the committee is its member, one title (tests/test_titles_composed.py)
    ("其中共青团中央委员12人", "共青团中央委员", "Member of the Central Committee of the Communist Youth League of China"),
    ("在会议中共青团中央作了报告", "共青团中央", "Central Committee of the Communist Youth League of China"),
])
def test_a_term_that_begins_after_the_zhong_is_found_instead(matcher, source, term, english):
    assert (term, english) in [(r.source, r.target) for r in requirements(source, matcher)]


@pytest.mark.parametrize("source, translation", [
    ("在其职业生涯中共取得了312场胜利", "In the course of his long career, he won a total of 312 races."),
    ("其中共有党员120名", "Among them, there are 120 Party members in total."),
    ("会议中共收到提案356件", "The session received 356 proposals in total."),
])
def test_a_draft_without_cpc_there_is_clean(matcher, source, translation):
    """QA finds no missing CPC and no Chinese left in a faithful draft of such a sentence."""
    assert [f.check for f in check_segment(source, translation, requirements(source, matcher))] == []


BODIES = [
    # a member's title before 班子 ("team") names the body its members make up
    ("省委常委班子召开专题民主生活会", "省委常委", "Standing Committee of the Provincial Party Committee"),
    ("市委常委班子成员深入基层调研", "市委常委", "Standing Committee of the Municipal Party Committee"),
    # the title alone, or before a name, stays a member's
    ("省委常委、宣传部部长王明出席", "省委常委", "Member of the Standing Committee of the Provincial Party Committee"),
    ("市委常委张华主持会议", "市委常委", "Member of the Standing Committee of the Municipal Party Committee"),
    # a place before an organ or title of a level's body goes inside it
    ("记者从如皋市委宣传部了解到", "如皋市委宣传部", "Publicity Department of the Rugao Municipal Party Committee"),
    ("新乡县委宣传部发布通报", "新乡县委宣传部", "Publicity Department of the Xinxiang County Party Committee"),
    ("湖南省委组织部召开会议", "湖南省委组织部", "Organization Department of the Hunan Provincial Party Committee"),
    ("岳阳县委统战部组织座谈", "岳阳县委统战部", "United Front Work Department of the Yueyang County Party Committee"),
    ("长沙市委书记出席活动", "长沙市委书记", "Secretary of the Changsha Municipal Party Committee"),
    ("吉林省长春市委书记王凯讲话", "长春市委书记", "Secretary of the Changchun Municipal Party Committee"),
    ("中共岳阳市委书记出席会议", "中共岳阳市委书记", "Secretary of the Yueyang Municipal Party Committee"),  # 中共 is its "Party"
    ("河北省委常委班子召开会议", "河北省委常委", "Standing Committee of the Hebei Provincial Party Committee"),
    ("平遥县委常委、宣传部部长赵丽萍陪同调研", "平遥县委常委", "Member of the Standing Committee of the Pingyao County Party Committee"),
    ("海淀区委常委王伟出席", "海淀区委常委", "Member of the Standing Committee of the Haidian District Party Committee"),
    # a place the reference data lists only with its level, the level taken by the organ (朝阳区 + 区委): its own spelling, not
    # pypinyin's reading of the word 朝阳 "morning sun" (Zhaoyang)
    ("朝阳区委常委李明出席", "朝阳区委常委", "Member of the Standing Committee of the Chaoyang District Party Committee"),
    ("朝阳市委宣传部召开会议", "朝阳市委宣传部", "Publicity Department of the Chaoyang Municipal Party Committee"),
    ("中共朝阳县委书记王刚讲话", "中共朝阳县委书记", "Secretary of the Chaoyang County Party Committee"),
    # a body whose English names no level's body keeps the place beside it
    ("新乡县委召开全会", "县委", "County Party Committee"),
    ("北京市政府发布通知", "北京", "Beijing"),
    # 中共 + a term's ordinal + the body: the ordinal comes first, the CPC once
    ("全会审议了中共十八届中央委员会的工作报告", "中共十八届中央委员会", "18th CPC Central Committee"),
    ("中共第十九届中央委员会第四次全体会议在京举行", "中共第十九届中央委员会", "19th CPC Central Committee"),
    ("中共十九届中央纪委第三次全会召开", "中共十九届中央纪委", "19th CPC Central Commission for Discipline Inspection"),
    # with the party's full name, and the commission's
    ("中国共产党第二十届中央纪律检查委员会第一次全体会议", "中国共产党第二十届中央纪律检查委员会", "20th CPC Central Commission for Discipline Inspection"),
    ("中国共产党第二十届中央委员会", "中国共产党第二十届中央委员会", "20th CPC Central Committee"),
    ("中共十九届中央政治局常委王沪宁出席", "中共十九届中央政治局常委",
     "Member of the Standing Committee of the Political Bureau of the 19th CPC Central Committee"),
    # the short titles without 中共
    ("中央政治局常委、国务院总理李克强出席", "中央政治局常委", "Member of the Standing Committee of the Political Bureau of the CPC Central Committee"),
    ("中央政治局委员王明主持", "中央政治局委员", "Member of the Political Bureau of the CPC Central Committee"),
]
"""(sentence, the Chinese of one rendering, its English): what the segment requires of a body."""


@pytest.mark.parametrize("source, term, english", BODIES, ids=[zh for _, zh, _ in BODIES])
def test_a_body_is_required_in_one_rendering(matcher, source, term, english):
    assert (term, english) in [(r.source, r.target) for r in requirements(source, matcher)]


def test_a_draft_that_names_the_team_is_clean(matcher):
    source = "省委常委班子召开专题民主生活会"
    draft = "The Standing Committee of the Provincial Party Committee held a special democratic life meeting."
    assert [f.check for f in check_segment(source, draft, requirements(source, matcher))] == []


def test_the_source_is_drafted_with_the_place_inside_and_approved_wordings_still_pass(matcher):
    from l10n.engines.prompt import code_switched

    source = "记者从如皋市委宣传部了解到，救援正在进行。"
    required = requirements(source, matcher)
    assert code_switched(source, required) == "记者从 Publicity Department of the Rugao Municipal Party Committee 了解到，救援正在进行。"
    for body in ("Publicity Department of the Rugao Municipal Party Committee",
                 "Publicity Department of the Municipal Party Committee of Rugao",
                 "Rugao Publicity Department of the Municipal Party Committee"):  # as a translation approved before may have it
        assert [f.check for f in check_segment(source, f"Reporters learned from the {body} that rescue is under way.", required)] == []
    assert "missing-term" in [f.check for f in check_segment(source, "Reporters learned from the Rugao Publicity Department.", required)]


@pytest.mark.parametrize("source, english", [
    # the Communist Youth League's committees hold the Party's 县委/市委/省委 in their Chinese
    ("团县委为贫困学生落实资助款", "County Committee of the Communist Youth League"),
    ("团市委组织青年志愿者服务", "Municipal Committee of the Communist Youth League"),
    ("团省委召开全委会议", "Provincial Committee of the Communist Youth League"),
    ("全校共青团员积极参加活动", "Communist Youth League member"),
])
def test_a_league_committee_is_not_the_partys(matcher, source, english):
    found = [r.target for r in requirements(source, matcher)]
    assert english in found and not any("Party Committee" in t for t in found)


@pytest.mark.parametrize("draft, checks", [
    ("The plenum reviewed the work report of the 18th CPC Central Committee.", []),
    ("The plenum reviewed the work report of the 18th Central Committee of the Communist Party of China (CPC).", []),
    ("The plenum reviewed the work report of the CPC 18th Central Committee.", []),  # the source's order stays a variant
    ("The plenum reviewed the work report of the 18th Central Committee.", ["missing-term"]),
])
def test_a_draft_of_the_partys_term_is_checked_against_the_one_rendering(matcher, draft, checks):
    source = "全会审议了中共十八届中央委员会的工作报告。"
    assert [f.check for f in check_segment(source, draft, requirements(source, matcher))] == checks


@pytest.mark.parametrize("source, english", [
    ("新京报记者从现场获悉", "The Beijing News"),
    ("人民日报发表评论员文章", "People's Daily"),
    ("央视新闻报道", "CCTV"),
    ("中新社记者采访", "China News Service"),
])
def test_a_news_outlet_is_required_by_its_own_english(matcher, source, english):
    assert english in [r.target for r in requirements(source, matcher)]


@pytest.mark.parametrize("source, term, english", [
    ("共青团长沙市委组织青年志愿者", "共青团长沙市委", "Changsha Municipal Committee of the Communist Youth League"),
    ("共青团湖南省委召开全委会议", "共青团湖南省委", "Hunan Provincial Committee of the Communist Youth League"),
    ("共青团岳阳县委书记王明出席", "共青团岳阳县委书记", "Secretary of the Yueyang County Committee of the Communist Youth League"),
])
def test_the_league_before_a_place_and_a_committee_is_the_leagues_committee(matcher, source, term, english):
    found = requirements(source, matcher)
    assert (term, english) in [(r.source, r.target) for r in found]
    assert not any("party committee" in f.lower() for r in found for f in (r.target, *r.variants))


def test_a_title_with_its_place_inside_is_not_found_without_the_place(matcher):
    source = "岳阳县委书记王明出席。"
    found = requirements(source, matcher)
    assert [f.check for f in check_segment(source, "Wang Ming, secretary of the Yueyang County Party Committee, attended.", found)] == []
    assert "missing-term" in [f.check for f in check_segment(source, "Wang Ming, secretary of the county Party committee, attended.", found)]


COMRADES = [
    # 同志 right after a person with no other title is the title "Comrade"
    ("以习近平同志为核心的党中央", True),
    ("在习近平同志当选后，各方纷纷致电祝贺", True),
    ("向雷锋同志学习", True),
    ("李成明同志来到娄烦县调研", True),
    ("王明同志在会上讲话", True),
    # a title already before the name, a list, a plural or an address: no Comrade required
    ("主任李成明同志来到娄烦县", False),
    ("市长张华同志主持会议", False),
    ("三十六位同志出席会议", False),
    ("同志们，我们要再接再厉", False),
    ("其他常委同志参加了活动", False),
    ("老同志代表发言", False),
]


@pytest.mark.parametrize("source, comrade", COMRADES, ids=[s for s, _ in COMRADES])
def test_comrade_is_required_only_as_a_persons_title(matcher, source, comrade):
    assert (("同志", "Comrade") in [(r.source, r.target) for r in requirements(source, matcher)]) == comrade


@pytest.mark.parametrize("source, draft, spliced", [
    ("在习近平同志当选后", "after Xi Jinping was elected", "after Comrade Xi Jinping was elected"),
    ("以习近平同志为核心的党中央", "the CPC Central Committee with Xi Jinping at its core",
     "the CPC Central Committee with Comrade Xi Jinping at its core"),
    ("李成明同志出席", "President Li Chengming attended", "Comrade Li Chengming attended"),  # a glossary person
])
def test_a_dropped_comrade_is_put_before_the_name(matcher, source, draft, spliced):
    from l10n.draft.edits import splice_required

    assert splice_required(source, draft, requirements(source, matcher))[0] == spliced
