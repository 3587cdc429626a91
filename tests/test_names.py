"""Person and place names → Pinyin: rules, and detection on seed 001."""

from __future__ import annotations

import pytest

from l10n.names import find_names, romanize_name, romanize_place

# Sentences from seed 001 (copied: tests never read ../shared).
SEED = (
    "12月6日,太原市娄烦县政协副主席强建生一行来我室考察交流,双方就文史资料征集出版工作召开了座谈会。"
    "会议由市委史志研究室主任李成明主持,机关部分业务骨干参加。吕梁市政协文化文史和学习委员会副主任刘晓丽陪同调研。\n"
    "娄烦县地处吕梁山区腹地,与交城县、方山县、岚县相邻,与吕梁是一衣带水的近邻好友。\n"
    "会上,王娟同志介绍了史志研究室的基本情况、职能职责、近年来业务工作开展等情况。\n"
    "强建生副主席首先感谢了吕梁市委史志研究室的热情接待和对政协文史工作的大力支持。"
    "娄烦同属革命老区,他表示,吕梁是红军东征的主战场,是晋绥边区首府。\n"
    "李成明同志表示,非常感谢市政协的这次安排,感谢市政协领导的关心和信任,"
    "一是安排岚县、方山县委史志研究室要主动对接娄烦,以高君宇、石评梅的红色文化和三条秘密交通线为主要研究对象,"
    "在娄烦、方山、岚县三县率先形成一块红色文化研究高地。"
)


@pytest.mark.parametrize("zh, en", [
    ("李成明", "Li Chengming"), ("欧阳修", "Ouyang Xiu"), ("强建生", "Qiang Jiansheng"), ("王娟", "Wang Juan"),
    ("司马光", "Sima Guang"), ("诸葛亮", "Zhuge Liang"), ("上官婉儿", "Shangguan Wan'er"), ("东方朔", "Dongfang Shuo"),
    ("夏侯惇", "Xiahou Dun"), ("皇甫嵩", "Huangfu Song"), ("尉迟恭", "Yuchi Gong"), ("公孙胜", "Gongsun Sheng"),
    ("慕容复", "Murong Fu"), ("长孙无忌", "Zhangsun Wuji"), ("令狐冲", "Linghu Chong"), ("宇文泰", "Yuwen Tai"),
    ("司徒雷", "Situ Lei"), ("澹台明", "Tantai Ming"),
])
def test_names_are_surname_first_with_compound_surnames(zh, en):
    assert romanize_name(zh) == en


@pytest.mark.parametrize("zh, en", [
    ("单田芳", "Shan Tianfang"), ("曾国藩", "Zeng Guofan"), ("仇英", "Qiu Ying"), ("解缙", "Xie Jin"), ("区志", "Ou Zhi"),
    ("朴明", "Piao Ming"), ("查良镛", "Zha Liangyong"), ("盖叫天", "Ge Jiaotian"), ("万杰", "Wan Jie"), ("尉缭", "Yu Liao"),
    ("覃明", "Qin Ming"), ("黑明", "He Ming"), ("秘明", "Bi Ming"), ("繁明", "Po Ming"),
])
def test_surname_readings_differ_from_common_readings(zh, en):
    assert romanize_name(zh) == en


def test_u_umlaut_is_written_with_diaeresis():
    assert romanize_name("吕梁") == "Lü Liang"
    assert romanize_place("吕梁市") == "Lüliang City"


@pytest.mark.parametrize("zh, en", [
    ("娄烦县", "Loufan County"), ("方山县", "Fangshan County"), ("岚县", "Lan County"), ("吕梁市", "Lüliang City"),
    ("山西省", "Shanxi Province"), ("离石区", "Lishi District"), ("杜家镇", "Dujia Town"), ("马坊乡", "Mafang Township"),
    ("王家村", "Wangjia Village"), ("西安市", "Xi'an City"), ("陕西省", "Shaanxi Province"), ("方山", "Fangshan"),
])
def test_places_keep_pinyin_and_translate_the_suffix(zh, en):
    assert romanize_place(zh) == en


def test_romanize_name_rejects_non_chinese():
    with pytest.raises(ValueError):
        romanize_name("Li")


def found(text, taken=()):
    return {(r.source, r.target, r.kind) for r in find_names(text, taken=taken)}


def test_seed_names_and_places_are_found():
    result = found(SEED)
    for zh, en in [("强建生", "Qiang Jiansheng"), ("李成明", "Li Chengming"), ("刘晓丽", "Liu Xiaoli"), ("王娟", "Wang Juan"),
                   ("高君宇", "Gao Junyu"), ("石评梅", "Shi Pingmei")]:
        assert (zh, en, "name") in result
    for zh, en in [("娄烦县", "Loufan County"), ("方山县", "Fangshan County"), ("岚县", "Lan County")]:
        assert (zh, en, "place") in result


def test_seed_finds_no_false_names():
    names = {s for s, _, kind in found(SEED) if kind == "name"}
    assert names == {"强建生", "李成明", "刘晓丽", "王娟", "高君宇", "石评梅"}


def test_common_words_before_suffixes_are_not_places():
    places = {s for s, _, kind in found(SEED) if kind == "place"}
    assert not places & {"吕梁山区", "山区", "老区", "边区", "三县", "晋绥边区", "感谢"}
    assert found("城市发展和市场、社区和农村、这个县、全省各县") == set()


@pytest.mark.parametrize("text, name", [
    ("副主席强建生一行", "强建生"), ("主任李成明主持", "李成明"), ("王娟同志介绍", "王娟"), ("强建生副主席首先", "强建生"),
    ("主任王娟介绍了情况", "王娟"), ("会见了欧阳修、司马光", "欧阳修"),
])
def test_names_are_found_by_context(text, name):
    assert name in {s for s, _, kind in found(text) if kind == "name"}


def test_list_with_a_place_is_not_a_name_list():
    assert {s for s, _, kind in found("在娄烦、方山、岚县三县率先") if kind == "name"} == set()


def test_taken_spans_are_not_reused():
    text = "会议由市委史志研究室主任李成明主持"
    taken = [(3, 5), (5, 10), (10, 12)]  # 市委, 史志研究室, 主任
    result = find_names(text, taken=taken)
    assert [(r.source, r.start, r.end) for r in result] == [("李成明", 12, 15)]
    assert find_names("娄烦县政协", taken=[(0, 5)]) == []


def test_place_before_a_glossary_term_keeps_only_its_name():
    text = "太原市娄烦县政协副主席,感谢吕梁市委史志研究室,感谢市政协领导"
    taken = [(6, 8), (16, 18), (18, 23), (26, 29)]  # 政协, 市委, 史志研究室, 市政协
    result = {(r.source, r.target) for r in find_names(text, taken=taken)}
    assert ("吕梁", "Lüliang") in result
    assert ("娄烦县", "Loufan County") in result
    assert not any(source == "感谢" for source, _ in result)


def test_a_four_character_city_before_a_glossary_term_takes_its_english_name():
    text = "乌鲁木齐市委常委、呼和浩特市长出席，他和平遥县领导参加。"
    taken = [(4, 8), (13, 15)]  # 市委常委, 市长
    result = [(r.source, r.target) for r in find_names(text, taken=taken)]
    assert result == [("乌鲁木齐", "Urumqi"), ("呼和浩特", "Hohhot"), ("平遥县", "Pingyao County")]


def test_a_name_opening_a_clause_before_a_bulletin_verb_is_found_but_words_are_not():
    text = "王沪宁出席会议，王毅表示支持，白皮书指出，卫生局表示，向媒体介绍，鲁尼表示，梅则表示。"
    assert [(r.source, r.target) for r in find_names(text) if r.kind == "name"] == [("王沪宁", "Wang Huning"), ("王毅", "Wang Yi")]


def test_a_name_before_a_verb_of_travel_or_posting_is_found():
    text = "刘赐贵赴三亚调研。王伯祥调任潍坊市副市长，他称，蔬菜要流通。"
    assert [r.source for r in find_names(text) if r.kind == "name"] == ["刘赐贵", "王伯祥"]


def test_results_are_in_text_order_with_offsets():
    text = "主任李成明来到娄烦县。"
    result = find_names(text)
    assert [(r.source, r.kind, text[r.start:r.end]) for r in result] == [("李成明", "name", "李成明"), ("娄烦县", "place", "娄烦县")]


def test_common_word_before_a_title_is_not_a_name():
    from l10n.names import find_names

    assert [r.comment() for r in find_names("中央军民融合办常务副主任金壮龙出席。")] == ["name: 金壮龙 → Jin Zhuanglong"]
    # after a title the context is strong: a name that is also a word stays a name
    assert [r.comment() for r in find_names("主任高峰出席会议。")] == ["name: 高峰 → Gao Feng"]


def test_a_leader_title_needs_no_boundary_before_the_name():
    from l10n.names import find_names

    assert [r.target for r in find_names("外方高度评价习近平总书记的讲话。")] == ["Xi Jinping"]
    assert [r.kind for r in find_names("宝鸡市旅游发展委员与乌鲁木齐签证处代表会谈。")] == ["place"]
