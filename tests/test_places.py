"""The reference places (l10n/data/places.csv): their English across every provincial-level
division, the build's reproducibility, and the layer's place under a project's glossary:
read-only, overridable, switchable.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.glossary import load_glossary
from l10n.glossary.store import REFERENCE_PLACES, reference_terms
from l10n.names import place_english, romanize_place
from support import assert_refused, run_cli, snapshot

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"

PLACES = {  # provincial-level division (or kind) -> (Chinese, expected English), written from general knowledge
    "北京": [
        ("北京市", "Beijing"), ("北京", "Beijing"), ("海淀区", "Haidian District"), ("朝阳区", "Chaoyang District"),
        ("延庆区", "Yanqing District"), ("门头沟区", "Mentougou District"),
    ],
    "天津": [
        ("天津市", "Tianjin"), ("滨海新区", "Binhai New Area"), ("蓟州区", "Jizhou District"), ("武清区", "Wuqing District"),
        ("宝坻区", "Baodi District"),
    ],
    "河北": [
        ("河北省", "Hebei Province"), ("石家庄市", "Shijiazhuang City"), ("乐亭县", "Laoting County"), ("蔚县", "Yu County"),
        ("正定县", "Zhengding County"), ("雄县", "Xiong County"), ("张家口市", "Zhangjiakou City"), ("围场满族蒙古族自治县", "Weichang Manchu and Mongol Autonomous County"),
        ("大厂回族自治县", "Dachang Hui Autonomous County"), ("平泉市", "Pingquan City"),
    ],
    "山西": [
        ("山西省", "Shanxi Province"), ("山西", "Shanxi"), ("长治市", "Changzhi City"), ("洪洞县", "Hongtong County"), ("娄烦县", "Loufan County"),
        ("岚县", "Lan County"), ("吕梁市", "Lüliang City"), ("平城区", "Pingcheng District"), ("云州区", "Yunzhou District"),
    ],
    "内蒙古": [
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"), ("内蒙古", "Inner Mongolia"), ("呼和浩特市", "Hohhot City"),
        ("鄂尔多斯市", "Ordos City"), ("呼伦贝尔市", "Hulunbuir City"), ("锡林郭勒盟", "Xilingol League"), ("阿拉善盟", "Alxa League"),
        ("巴彦淖尔市", "Bayannur City"), ("乌兰察布市", "Ulanqab City"), ("兴安盟", "Hinggan League"), ("鄂伦春自治旗", "Oroqen Autonomous Banner"),
        ("莫力达瓦达斡尔族自治旗", "Morin Dawa Daur Autonomous Banner"), ("科尔沁右翼前旗", "Horqin Right Front Banner"),
        ("正蓝旗", "Plain Blue Banner"), ("达尔罕茂明安联合旗", "Darhan Muminggan United Banner"), ("二连浩特市", "Erenhot City"),
        ("海拉尔区", "Hailar District"), ("额济纳旗", "Ejina Banner"),
    ],
    "辽宁": [
        ("辽宁省", "Liaoning Province"), ("沈阳市", "Shenyang City"), ("大连市", "Dalian City"), ("朝阳市", "Chaoyang City"),
        ("岫岩满族自治县", "Xiuyan Manchu Autonomous County"), ("葫芦岛市", "Huludao City"), ("瓦房店市", "Wafangdian City"),
    ],
    "吉林": [
        ("吉林省", "Jilin Province"), ("吉林市", "Jilin City"), ("长春市", "Changchun City"), ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
        ("延吉市", "Yanji City"), ("前郭尔罗斯蒙古族自治县", "Qian Gorlos Mongol Autonomous County"), ("长白朝鲜族自治县", "Changbai Korean Autonomous County"),
    ],
    "黑龙江": [
        ("黑龙江省", "Heilongjiang Province"), ("哈尔滨市", "Harbin City"), ("齐齐哈尔市", "Qiqihar City"), ("大兴安岭地区", "Daxing'anling Prefecture"),
        ("漠河市", "Mohe City"), ("杜尔伯特蒙古族自治县", "Dorbod Mongol Autonomous County"), ("佳木斯市", "Jiamusi City"),
    ],
    "上海": [
        ("上海市", "Shanghai"), ("浦东新区", "Pudong New Area"), ("嘉定区", "Jiading District"), ("崇明区", "Chongming District"),
        ("闵行区", "Minhang District"),
    ],
    "江苏": [
        ("江苏省", "Jiangsu Province"), ("南京市", "Nanjing City"), ("鼓楼区", "Gulou District"), ("泰州市", "Taizhou City"),
        ("盱眙县", "Xuyi County"), ("邳州市", "Pizhou City"), ("昆山市", "Kunshan City"),
    ],
    "浙江": [
        ("浙江省", "Zhejiang Province"), ("台州市", "Taizhou City"), ("天台县", "Tiantai County"), ("丽水市", "Lishui City"),
        ("乐清市", "Yueqing City"), ("景宁畲族自治县", "Jingning She Autonomous County"), ("玉环市", "Yuhuan City"), ("嵊州市", "Shengzhou City"),
    ],
    "安徽": [
        ("安徽省", "Anhui Province"), ("六安市", "Lu'an City"), ("蚌埠市", "Bengbu City"), ("枞阳县", "Zongyang County"),
        ("歙县", "She County"), ("亳州市", "Bozhou City"), ("黟县", "Yi County"),
    ],
    "福建": [
        ("福建省", "Fujian Province"), ("厦门市", "Xiamen City"), ("长汀县", "Changting County"), ("莆田市", "Putian City"),
        ("长乐区", "Changle District"), ("武夷山市", "Wuyishan City"),
    ],
    "江西": [
        ("江西省", "Jiangxi Province"), ("铅山县", "Yanshan County"), ("婺源县", "Wuyuan County"), ("景德镇市", "Jingdezhen City"),
        ("余江区", "Yujiang District"), ("井冈山市", "Jinggangshan City"),
    ],
    "山东": [
        ("山东省", "Shandong Province"), ("莘县", "Shen County"), ("单县", "Shan County"), ("费县", "Fei County"), ("东阿县", "Dong'e County"),
        ("曲阜市", "Qufu City"), ("菏泽市", "Heze City"), ("即墨区", "Jimo District"),
    ],
    "河南": [
        ("河南省", "Henan Province"), ("浚县", "Xun County"), ("郑州市", "Zhengzhou City"), ("济源市", "Jiyuan City"), ("长垣市", "Changyuan City"),
        ("濮阳市", "Puyang City"), ("柘城县", "Zhecheng County"),
    ],
    "湖北": [
        ("湖北省", "Hubei Province"), ("襄阳市", "Xiangyang City"), ("神农架林区", "Shennongjia Forestry District"),
        ("恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"), ("长阳土家族自治县", "Changyang Tujia Autonomous County"),
        ("仙桃市", "Xiantao City"), ("秭归县", "Zigui County"),
    ],
    "湖南": [
        ("湖南省", "Hunan Province"), ("湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture"), ("宁乡市", "Ningxiang City"),
        ("花垣县", "Huayuan County"), ("耒阳市", "Leiyang City"), ("城步苗族自治县", "Chengbu Miao Autonomous County"), ("郴州市", "Chenzhou City"),
    ],
    "广东": [
        ("广东省", "Guangdong Province"), ("番禺区", "Panyu District"), ("东莞市", "Dongguan City"), ("连南瑶族自治县", "Liannan Yao Autonomous County"),
        ("乳源瑶族自治县", "Ruyuan Yao Autonomous County"), ("深圳市", "Shenzhen City"), ("揭阳市", "Jieyang City"),
    ],
    "广西": [
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"), ("广西", "Guangxi"), ("来宾市", "Laibin City"), ("南宁市", "Nanning City"),
        ("三江侗族自治县", "Sanjiang Dong Autonomous County"), ("融水苗族自治县", "Rongshui Miao Autonomous County"),
        ("金秀瑶族自治县", "Jinxiu Yao Autonomous County"), ("东兴市", "Dongxing City"),
    ],
    "海南": [
        ("海南省", "Hainan Province"), ("三沙市", "Sansha City"), ("儋州市", "Danzhou City"), ("琼中黎族苗族自治县", "Qiongzhong Li and Miao Autonomous County"),
        ("五指山市", "Wuzhishan City"), ("三亚市", "Sanya City"),
    ],
    "重庆": [
        ("重庆市", "Chongqing"), ("重庆", "Chongqing"), ("綦江区", "Qijiang District"), ("酉阳土家族苗族自治县", "Youyang Tujia and Miao Autonomous County"),
        ("涪陵区", "Fuling District"),
    ],
    "四川": [
        ("四川省", "Sichuan Province"), ("阆中市", "Langzhong City"), ("阿坝藏族羌族自治州", "Ngawa Tibetan and Qiang Autonomous Prefecture"),
        ("甘孜藏族自治州", "Garze Tibetan Autonomous Prefecture"), ("凉山彝族自治州", "Liangshan Yi Autonomous Prefecture"),
        ("若尔盖县", "Zoige County"), ("色达县", "Sertar County"), ("马尔康市", "Barkam City"), ("郫都区", "Pidu District"),
        ("隆昌市", "Longchang City"), ("北川羌族自治县", "Beichuan Qiang Autonomous County"),
    ],
    "贵州": [
        ("贵州省", "Guizhou Province"), ("盘州市", "Panzhou City"), ("六枝特区", "Liuzhi Special District"),
        ("黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"), ("黔西南布依族苗族自治州", "Qianxinan Bouyei and Miao Autonomous Prefecture"),
        ("镇宁布依族苗族自治县", "Zhenning Bouyei and Miao Autonomous County"), ("遵义市", "Zunyi City"),
    ],
    "云南": [
        ("云南省", "Yunnan Province"), ("大理白族自治州", "Dali Bai Autonomous Prefecture"), ("德宏傣族景颇族自治州", "Dehong Dai and Jingpo Autonomous Prefecture"),
        ("西双版纳傣族自治州", "Xishuangbanna Dai Autonomous Prefecture"), ("怒江傈僳族自治州", "Nujiang Lisu Autonomous Prefecture"),
        ("普洱市", "Pu'er City"), ("双江拉祜族佤族布朗族傣族自治县", "Shuangjiang Lahu, Va, Blang and Dai Autonomous County"),
        ("贡山独龙族怒族自治县", "Gongshan Derung and Nu Autonomous County"), ("玉龙纳西族自治县", "Yulong Naxi Autonomous County"),
    ],
    "西藏": [
        ("西藏自治区", "Tibet Autonomous Region"), ("西藏", "Tibet"), ("拉萨市", "Lhasa City"), ("日喀则市", "Shigatse City"),
        ("昌都市", "Qamdo City"), ("林芝市", "Nyingchi City"), ("那曲市", "Nagqu City"), ("阿里地区", "Ngari Prefecture"), ("墨脱县", "Medog County"),
        ("定日县", "Tingri County"), ("江孜县", "Gyangze County"), ("错那县", "Cona County"),
    ],
    "陕西": [
        ("陕西省", "Shaanxi Province"), ("陕西", "Shaanxi"), ("西安市", "Xi'an City"), ("延安市", "Yan'an City"), ("神木市", "Shenmu City"),
        ("榆林市", "Yulin City"), ("华阴市", "Huayin City"),
    ],
    "甘肃": [
        ("甘肃省", "Gansu Province"), ("临夏回族自治州", "Linxia Hui Autonomous Prefecture"), ("甘南藏族自治州", "Gannan Tibetan Autonomous Prefecture"),
        ("积石山保安族东乡族撒拉族自治县", "Jishishan Bonan, Dongxiang and Salar Autonomous County"), ("肃南裕固族自治县", "Sunan Yugur Autonomous County"),
        ("嘉峪关市", "Jiayuguan City"), ("东乡族自治县", "Dongxiang Autonomous County"),
    ],
    "青海": [
        ("青海省", "Qinghai Province"), ("西宁市", "Xining City"), ("果洛藏族自治州", "Golog Tibetan Autonomous Prefecture"),
        ("玉树藏族自治州", "Yushu Tibetan Autonomous Prefecture"), ("海西蒙古族藏族自治州", "Haixi Mongol and Tibetan Autonomous Prefecture"),
        ("格尔木市", "Golmud City"), ("互助土族自治县", "Huzhu Tu Autonomous County"), ("循化撒拉族自治县", "Xunhua Salar Autonomous County"),
        ("玛多县", "Madoi County"), ("海南藏族自治州", "Hainan Tibetan Autonomous Prefecture"),
    ],
    "宁夏": [
        ("宁夏回族自治区", "Ningxia Hui Autonomous Region"), ("宁夏", "Ningxia"), ("银川市", "Yinchuan City"), ("石嘴山市", "Shizuishan City"),
        ("中卫市", "Zhongwei City"), ("固原市", "Guyuan City"),
    ],
    "新疆": [
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"), ("新疆", "Xinjiang"), ("乌鲁木齐市", "Urumqi City"), ("乌鲁木齐", "Urumqi"),
        ("喀什地区", "Kashgar Prefecture"), ("和田地区", "Hotan Prefecture"), ("阿克苏地区", "Aksu Prefecture"), ("吐鲁番市", "Turpan City"),
        ("克拉玛依市", "Karamay City"), ("库尔勒市", "Korla City"), ("阿勒泰地区", "Altay Prefecture"), ("伊犁哈萨克自治州", "Ili Kazak Autonomous Prefecture"),
        ("博尔塔拉蒙古自治州", "Bortala Mongol Autonomous Prefecture"), ("巴音郭楞蒙古自治州", "Bayingolin Mongol Autonomous Prefecture"),
        ("克孜勒苏柯尔克孜自治州", "Kizilsu Kirgiz Autonomous Prefecture"), ("昌吉回族自治州", "Changji Hui Autonomous Prefecture"),
        ("塔什库尔干塔吉克自治县", "Taxkorgan Tajik Autonomous County"), ("察布查尔锡伯自治县", "Qapqal Xibe Autonomous County"),
        ("巴里坤哈萨克自治县", "Barkol Kazak Autonomous County"), ("石河子市", "Shihezi City"), ("霍尔果斯市", "Horgos City"),
        ("特克斯县", "Tekes County"), ("莎车县", "Shache County"), ("伊宁市", "Yining City"),
    ],
    "香港": [("香港特别行政区", "Hong Kong Special Administrative Region"), ("香港", "Hong Kong")],
    "澳门": [("澳门特别行政区", "Macao Special Administrative Region"), ("澳门", "Macao")],
    "台湾": [("台湾省", "Taiwan Province"), ("台湾", "Taiwan"), ("台北市", "Taipei City"), ("高雄市", "Kaohsiung City"), ("台中", "Taichung")],
    "short forms": [  # not in any province list above
        ("娄烦", "Loufan"), ("六安", "Lu'an"), ("呼伦贝尔", "Hulunbuir"), ("锡林郭勒", "Xilingol"), ("延边", "Yanbian"), ("喀什", "Kashgar"),
        ("日喀则", "Shigatse"), ("阿坝", "Ngawa"),
    ],
    "countries, rivers, lakes, mountains": [
        ("美国", "United States"), ("越南", "Vietnam"), ("柬埔寨", "Cambodia"), ("缅甸", "Myanmar"), ("泰国", "Thailand"), ("德国", "Germany"),
        ("长江", "Yangtze River"), ("黄河", "Yellow River"), ("洞庭湖", "Dongting Lake"), ("泰山", "Mount Tai"), ("鄱阳湖", "Poyang Lake"),
        ("珠穆朗玛峰", "Mount Everest"), ("青海湖", "Qinghai Lake"), ("淮河", "Huai River"), ("澜沧江", "Lancang River"), ("雅鲁藏布江", "Yarlung Tsangpo River"),
        # a lake or sea that a division's short form shares is the water (西湖区, 南湖区, 太湖县, 东海县 keep their own rows)
        ("西湖", "West Lake"), ("南湖", "South Lake"), ("太湖", "Taihu Lake"), ("东海", "East China Sea"), ("巴勒斯坦", "Palestine"),
    ],
}

NOT_PROVINCES = {"short forms", "countries, rivers, lakes, mountains"}
CASES = [case for cases in PLACES.values() for case in cases]


def test_the_table_covers_all_34_provincial_level_divisions_with_200_names():
    provinces = [p for p in PLACES if p not in NOT_PROVINCES]
    assert len(provinces) == 34 and len(CASES) >= 200 and len({zh for zh, _ in CASES}) == len(CASES)


@pytest.mark.parametrize("zh, en", CASES, ids=[zh for zh, _ in CASES])
def test_a_place_has_its_english_in_the_reference_data_and_from_romanize_place(zh, en):
    assert {t.zh: t.en for t in reference_terms()}[zh] == en
    assert romanize_place(zh) == en


CAPITALS = [  # (Chinese, the English of its row, the country in its note), written from general knowledge
    ("河内", "Hanoi", "Vietnam"), ("金边", "Phnom Penh", "Cambodia"), ("曼谷", "Bangkok", "Thailand"), ("首尔", "Seoul", "South Korea"),
    ("东京", "Tokyo", "Japan"), ("平壤", "Pyongyang", "North Korea"), ("乌兰巴托", "Ulaanbaatar", "Mongolia"), ("内比都", "Naypyidaw", "Myanmar"),
    ("吉隆坡", "Kuala Lumpur", "Malaysia"), ("雅加达", "Jakarta", "Indonesia"), ("马尼拉", "Manila", "Philippines"), ("新德里", "New Delhi", "India"),
    ("伊斯兰堡", "Islamabad", "Pakistan"), ("加德满都", "Kathmandu", "Nepal"), ("阿斯塔纳", "Astana", "Kazakhstan"), ("塔什干", "Tashkent", "Uzbekistan"),
    ("德黑兰", "Tehran", "Iran"), ("安卡拉", "Ankara", "Türkiye"), ("利雅得", "Riyadh", "Saudi Arabia"), ("开罗", "Cairo", "Egypt"),
    ("亚的斯亚贝巴", "Addis Ababa", "Ethiopia"), ("内罗毕", "Nairobi", "Kenya"), ("比勒陀利亚", "Pretoria", "South Africa"),
    ("伦敦", "London", "United Kingdom"), ("巴黎", "Paris", "France"), ("柏林", "Berlin", "Germany"), ("罗马", "Rome", "Italy"),
    ("马德里", "Madrid", "Spain"), ("莫斯科", "Moscow", "Russia"), ("华沙", "Warsaw", "Poland"), ("布拉格", "Prague", "Czechia"),
    ("伯尔尼", "Bern", "Switzerland"), ("哥本哈根", "Copenhagen", "Denmark"), ("基辅", "Kyiv", "Ukraine"), ("第比利斯", "Tbilisi", "Georgia"),
    ("渥太华", "Ottawa", "Canada"), ("墨西哥城", "Mexico City", "Mexico"), ("巴西利亚", "Brasilia", "Brazil"), ("亚松森", "Asuncion", "Paraguay"),
    ("布宜诺斯艾利斯", "Buenos Aires", "Argentina"), ("利马", "Lima", "Peru"), ("堪培拉", "Canberra", "Australia"), ("惠灵顿", "Wellington", "New Zealand"),
    ("圣多美", "Sao Tome", "São Tomé and Príncipe"), ("巴斯特尔", "Basseterre", "St. Kitts and Nevis"), ("拿骚", "Nassau", "Bahamas"),
    ("帝力", "Dili", "Timor-Leste"),
]


@pytest.mark.parametrize("zh, en, country", CAPITALS, ids=[zh for zh, _, _ in CAPITALS])
def test_a_national_capital_is_a_place_with_cedicts_english_naming_its_country(zh, en, country):
    [row] = [t for t in reference_terms() if t.zh == zh]
    assert (row.en, row.note, row.id.startswith("place-capital-")) == (en, f"CC-CEDICT, capital of {country}", True)
    assert romanize_place(zh) == en


@pytest.mark.parametrize("zh", [
    "杰斐逊城", "亚庇", "仙台", "悉尼", "多伦多",  # capitals of Missouri, Sabah, Miyagi, New South Wales, Ontario
    "仰光", "阿拉木图", "波恩", "西贡", "君士坦丁堡",  # capitals once: Yangon 1948-2006, Almaty, Bonn, Saigon, Constantinople
    "伯恩", "坎培拉", "永珍", "奈洛比",  # Taiwan's Bern, Canberra, Vientiane, Nairobi
    "亚伦",  # Yaren, but first the name Aaron
    "金斯敦", "圣地亚哥",  # Kingstown and Kingston; Santiago and San Diego
    "普里什蒂纳",  # the capital of a country the file does not list (Kosovo)
])
def test_a_capital_of_a_state_a_past_capital_taiwan_usage_an_ordinary_word_or_an_ambiguous_one_is_no_row(zh):
    assert zh not in {t.zh for t in reference_terms()}


@pytest.mark.parametrize("zh, en", [("北京", "Beijing"), ("南京", "Nanjing"), ("凯里市", "Kaili City"), ("拉萨市", "Lhasa City")])
def test_a_chinese_capital_keeps_its_division_row(zh, en):
    [row] = [t for t in reference_terms() if t.zh == zh]
    assert row.en == en and "GB/T 2260" in row.note


def test_every_capital_row_names_a_country_the_file_lists():
    countries = {t.en for t in reference_terms() if t.id.startswith("place-country-")}
    capitals = [t for t in reference_terms() if t.id.startswith("place-capital-")]
    assert len(capitals) >= 150 and {t.note.removeprefix("CC-CEDICT, capital of ") for t in capitals} <= countries


@pytest.mark.parametrize("source, draft", [
    ("他的化石被送往加拿大皇家博物馆。", "His fossil was sent to the Royal Canadian Museum."),
    ("越南共产党代表团访华。", "A Vietnamese Communist Party delegation visited China."),
    ("老挝人民革命党代表出席。", "Representatives of the Lao People's Revolutionary Party attended."),
    ("美国代表发言。", "The American representative spoke."),
    ("美国代表发言。", "The United States representative spoke."),  # the name itself still counts
])
def test_a_countrys_adjective_names_it(source, draft):
    from l10n.quality.qa import check_segment
    from l10n.required import requirements

    matcher = load_glossary(load_config()).matcher()
    assert [f.check for f in check_segment(source, draft, requirements(source, matcher))] == []


def test_every_country_row_with_an_adjective_is_one_the_file_lists_and_no_adjective_is_a_name():
    from l10n.places import DEMONYMS, demonyms

    codes = [line.split("\t")[0] for line in DEMONYMS.read_text(encoding="utf-8").splitlines()[1:]]
    ids = {t.id for t in reference_terms() if t.id.startswith("place-country-")}
    assert len(codes) >= 200 and all(f"place-country-{c.lower()}" in ids for c in codes)
    english = {t.en for t in reference_terms()}
    assert not [w for c in codes for w in demonyms(f"place-country-{c.lower()}") if w in english]


@pytest.mark.parametrize("old, new", [("襄樊市", "襄阳市"), ("盘县", "盘州市"), ("大同县", "云州区"), ("神木县", "神木市"), ("玉环县", "玉环市"),
                                      ("宁乡县", "宁乡市"), ("余江县", "余江区")])
def test_a_renamed_division_is_current_by_its_new_name_and_its_old_name_is_dated(old, new):
    dated = {t.zh: t.valid_to for t in reference_terms()}
    assert new in dated and dated[new] is None and dated[old] is not None  # tests/test_old_places.py has the old names


@pytest.mark.parametrize("zh, en", [("碑林区", "Beilin District"), ("万柏林区", "Wanbailin District"), ("北林区", "Beilin District"),
                                    ("新林区", "Xinlin District"), ("金林区", "Jinlin District"), ("神农架林区", "Shennongjia Forestry District")])
def test_a_district_whose_name_ends_in_lin_is_a_district_and_only_shennongjia_is_a_forestry_district(zh, en):
    assert [t.en for t in reference_terms() if t.zh == zh] == [en]


@pytest.mark.parametrize("word", ["城区", "矿区", "朝阳", "和平", "东方", "和县", "新华"])
def test_ordinary_words_and_unsafe_short_forms_are_not_places(word):
    assert word not in {t.zh for t in reference_terms()}


def test_a_name_shared_by_several_divisions_is_one_row_naming_every_code():
    [gulou] = [t for t in reference_terms() if t.zh == "鼓楼区"]
    assert gulou.en == "Gulou District" and gulou.note.startswith("GB/T 2260 codes ") and len(gulou.note.split(" via ")[0].split()) >= 5


def test_the_committed_file_passes_every_glossary_row_check():
    from l10n.glossary.store import duplicate_ids, find_conflicts, parse_csv

    terms, problems = parse_csv(REFERENCE_PLACES.read_text(encoding="utf-8"), origin="places.csv")
    assert problems == [] and duplicate_ids(terms) == [] and find_conflicts(terms) == []
    assert tuple(terms) == reference_terms()  # the lean reader reads what the full one does


def test_every_row_is_an_approved_place_naming_its_source():
    terms = reference_terms()
    assert len(terms) > 6000 and {t.category for t in terms} == {"place"} and {t.status for t in terms} == {"approved"}
    assert all(("GB/T 2260" in t.note and "jionlp 1.5.31" in t.note) or "CLDR" in t.note or "CEDICT" in t.note or t.note.startswith("house")
               for t in terms)
    assert len({t.updated_at for t in terms}) == 1


def test_a_county_missing_from_the_glossary_keeps_its_level_and_villages_keep_the_pinyin_fallback():
    assert romanize_place("蔚县") == "Yu County" and romanize_place("张家村") == "Zhangjia Village" and romanize_place("娄烦镇") == "Loufan Town"
    assert place_english("乌鲁木齐") == "Urumqi" and place_english("新疆沙雅") == "Shayar, Xinjiang"


def _wheel() -> Path | None:
    for candidate in (os.environ.get("L10N_JIONLP_WHEEL", ""), "/tmp/pk/jionlp-1.5.31-py2.py3-none-any.whl"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    cache = Path.home() / ".cache" / "pip"
    return next(iter(sorted(cache.rglob("jionlp-1.5.31-*.whl"))), None) if cache.is_dir() else None


def test_the_build_reproduces_the_committed_file_byte_for_byte(tmp_path):
    wheel = _wheel()
    if wheel is None:
        pytest.skip("the jionlp 1.5.31 wheel is not on this machine (set L10N_JIONLP_WHEEL); the build needs it offline")
    import subprocess
    import sys

    out = tmp_path / "places.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_places.py"), "--wheel", str(wheel), "--out", str(out)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.read_bytes() == REFERENCE_PLACES.read_bytes()


# --- the layer under a project's glossary ---------------------------------------------------


def _glossary(project: Path):
    return load_glossary(load_config(project / "l10n.toml"))


def _requires(project: Path, text: str) -> list[tuple[str, str, str]]:
    from l10n.required import requirements

    return [(r.kind, r.source, r.target) for r in requirements(text, _glossary(project).matcher())]


def test_every_project_gets_the_reference_places_and_a_project_term_with_the_same_chinese_wins(project):
    assert ("place", "娄烦县", "Loufan County") in _requires(project, "李成明来到娄烦县。")
    (project / "glossary" / "places.csv").write_text(HEADER + "p-loufan,娄烦县,Loufan,place,approved,,,,the county's own,ed,ed,2024-01-01T00:00:00Z\n",
                                                     encoding="utf-8")
    assert ("term", "娄烦县", "Loufan") in _requires(project, "李成明来到娄烦县。")
    assert [t.zh for t in _glossary(project).terms] == ["娄烦县"]  # the project's terms are its own


def test_reference_places_can_be_switched_off(project):
    toml = project / "l10n.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("reference_places = true", "reference_places = false"), encoding="utf-8")
    assert _glossary(project).reference == () and load_config(toml).reference_places is False


def test_developing_countries_do_not_require_china(project):
    required = _requires(project, "中国将继续支持发展中国家。")
    assert ("place", "中国", "China") not in required and all(r[1] != "中国" for r in required)


@pytest.mark.parametrize("args", [
    ("glossary", "propose", "娄烦县", "Loufan", "--file", str(REFERENCE_PLACES)),
    ("glossary", "approve", "place-cn-140123", "--by", "Jing"),
    ("glossary", "deprecate", "place-cn-140123"),
    ("glossary", "edit", "place-cn-140123", "--en", "Loufan"),
])
def test_no_glossary_command_writes_the_reference_data(runner, project_with_glossary, args):
    before = REFERENCE_PLACES.read_bytes()
    assert_refused(runner, project_with_glossary, *args, says="read-only reference data")
    assert REFERENCE_PLACES.read_bytes() == before


def test_import_into_the_reference_data_is_refused(runner, project, tmp_path):
    source = tmp_path / "more.csv"
    source.write_text(HEADER + "p-x,某县,Mou County,place,proposed,,,,,,,\n", encoding="utf-8")
    before = REFERENCE_PLACES.read_bytes()
    assert_refused(runner, project, "glossary", "import", str(source), "--into", str(REFERENCE_PLACES), says="read-only reference data")
    assert REFERENCE_PLACES.read_bytes() == before


def test_a_glossary_write_leaves_every_other_file_byte_identical(runner, project_with_glossary):
    before = snapshot(project_with_glossary)
    reference = REFERENCE_PLACES.read_bytes()
    result = run_cli(runner, "glossary", "propose", "岚县", "Lan County", "--category", "place", "--file", "glossary/places.csv")
    assert result.exit_code == 0, result.stderr
    after = snapshot(project_with_glossary)
    assert {k: v for k, v in after.items() if k != "glossary/places.csv"} == before and REFERENCE_PLACES.read_bytes() == reference


def test_validate_reads_the_reference_data_too(runner, project_with_glossary):
    result = run_cli(runner, "glossary", "validate")
    assert result.exit_code == 0 and result.stdout.strip().endswith("files OK, and 6,732 reference places under them")


@pytest.mark.parametrize("text, place, required", [
    ("欧美国家普遍关注。", "美国", False),  # 欧美 + 国家
    ("中美国际合作取得进展。", "美国", False),  # 中美 + 国际
    ("南美国家领导人出席。", "美国", False),
    ("他前往美国访问。", "美国", True),
    ("中国和越南两国关系良好。", "越南", True),
    ("我省长江流域生态保护取得成效。", "长江", True),
    ("在泰国曼谷举行。", "泰国", True),
])
def test_a_country_inside_a_longer_word_is_not_required(project, text, place, required):
    assert any(r[1] == place and r[0] == "place" for r in _requires(project, text)) is required


@pytest.mark.parametrize("text, name, romanized", [
    ("市长柏林峰出席会议。", "柏林峰", "Bai Linfeng"),  # 柏林 Berlin
    ("主任金边明主持会议。", "金边明", "Jin Bianming"),  # 金边 Phnom Penh
    ("华沙建同志在会上讲话。", "华沙建", "Hua Shajian"),  # 华沙 Warsaw
    ("罗马力副主席出席。", "罗马力", "Luo Mali"),  # 罗马 Rome
    ("马累生书记讲话。", "马累生", "Ma Leisheng"),  # 马累 Male
    ("副主席王明、罗索文出席。", "罗索文", "Luo Suowen"),  # 罗索 Roseau
    ("副市长苏克雷出席。", "苏克雷", "Su Kelei"),  # Sucre, a capital by its whole name
])
def test_a_capital_never_takes_the_place_of_a_person_named_in_context(project, text, name, romanized):
    required = _requires(project, text)
    assert ("name", name, romanized) in required and not any(r[0] == "place" for r in required)


@pytest.mark.parametrize("text, place, en", [
    ("李成明在河内会见越南总理。", "河内", "Hanoi"),
    ("第三次会议在泰国曼谷举行。", "曼谷", "Bangkok"),
    ("代表团赴罗马、巴黎访问。", "巴黎", "Paris"),
    ("中国驻韩国大使在首尔出席活动。", "首尔", "Seoul"),
])
def test_a_capital_in_running_text_is_required_as_a_place(project, text, place, en):
    assert ("place", place, en) in _requires(project, text)


# --- capitals in running text: ordinary words, people, and the capitals CC-CEDICT words otherwise (issue 18) ---


def _places(project: Path, text: str) -> list[tuple[str, str]]:
    return [(r[1], r[2]) for r in _requires(project, text) if r[0] == "place"]


@pytest.mark.parametrize("text, place, en, required", [
    ("她戴着镶金边的眼镜。", "金边", "Phnom Penh", False),  # 镶金 + 边: gold-rimmed
    ("礼品盒镶金边，装帧考究。", "金边", "Phnom Penh", False),
    ("展出的瓷盘镶金边、绘青花。", "金边", "Phnom Penh", False),
    ("柬埔寨首都金边举行庆祝活动。", "金边", "Phnom Penh", True),
    ("代表团抵达金边，开始正式访问。", "金边", "Phnom Penh", True),
    ("代表团离开首尔回国。", "首尔", "Seoul", True),  # 开首 is no reading: 开 belongs to 离开
    ("代表团离开平壤回国。", "平壤", "Pyongyang", True),
    ("他曾在伯拉第斯拉瓦工作。", "伯拉第斯拉瓦", "Bratislava", True),  # 瓦工 "bricklayer" across its end
    ("访问安道尔城期间，双方签署协议。", "安道尔城", "Andorra la Vella", True),
    ("途经基多时，代表团参观了工厂。", "基多", "Quito", True),  # 多时 across its end: the postposition a place takes
])
def test_a_capital_is_no_place_where_an_ordinary_word_reads_into_it(project, text, place, en, required):
    assert ((place, en) in _places(project, text)) is required


@pytest.mark.parametrize("text, capital, name, romanized", [
    ("华沙同志在会上讲话。", "华沙", "华沙", "Hua Sha"),
    ("罗马同志主持会议。", "罗马", "罗马", "Luo Ma"),
    ("市长罗马指出，要抓好安全生产。", "罗马", "罗马", "Luo Ma"),
    ("书记华沙在会上强调，要压实责任。", "华沙", "华沙", "Hua Sha"),
    ("主任柏林主持会议。", "柏林", "柏林", "Bai Lin"),
    ("副市长利马出席会议。", "利马", "利马", "Li Ma"),
    ("罗索文在会上讲话。", "罗索", None, None),  # 罗 + 索文, not Roseau
    ("会上，罗马力介绍了有关情况。", "罗马", None, None),
    ("华沙建在会上发言。", "华沙", None, None),
])
def test_a_capital_borne_by_a_person_is_no_place(project, text, capital, name, romanized):
    required = _requires(project, text)
    assert not any(r[0] == "place" and r[1] == capital for r in required)
    if name is not None:
        assert ("name", name, romanized) in required


@pytest.mark.parametrize("text, place, en", [
    ("会议在罗马举行。", "罗马", "Rome"),
    ("波兰首都华沙举行纪念活动。", "华沙", "Warsaw"),
    ("市长在罗马会见意大利客人。", "罗马", "Rome"),
    ("罗马市长会见代表团。", "罗马", "Rome"),  # 市 starts the title 市长, not a place 罗马市
    ("罗马市民踊跃参加活动。", "罗马", "Rome"),
    ("罗马人民热情欢迎代表团。", "罗马", "Rome"),
    ("企业在柏林建厂。", "柏林", "Berlin"),
    ("代表团抵达华沙后表示满意。", "华沙", "Warsaw"),
    ("书记赴罗马出席会议。", "罗马", "Rome"),
])
def test_a_capital_stays_a_city_beside_titles_and_verbs_that_are_not_about_a_person(project, text, place, en):
    assert (place, en) in _places(project, text)


@pytest.mark.parametrize("zh, en, note", [
    ("华盛顿", "Washington", "CC-CEDICT, capital of United States"),  # CEDICT's fourth definition
    ("华盛顿特区", "Washington, D.C.", "CC-CEDICT, capital of United States"),
    ("金沙萨", "Kinshasa", "CC-CEDICT, capital of Democratic Republic of the Congo"),  # "capital of Zaire"
    ("布拉柴维尔", "Brazzaville", "CC-CEDICT, capital of Republic of the Congo"),
    ("摩加迪沙", "Mogadishu", "CC-CEDICT, capital of Somalia"),  # "Indian ocean seaport and capital of Somalia"
    ("洛美", "Lome", "CC-CEDICT, capital of Togo"),  # after "Lomé"
    ("万象", "Vientiane", "CC-CEDICT, capital of Laos"),  # also an ordinary word: guarded in running text
    ("刚果（金）", "Democratic Republic of the Congo", "CLDR territory CD via Babel 2.19.0"),
    ("刚果（布）", "Republic of the Congo", "CLDR territory CG via Babel 2.19.0"),
])
def test_capitals_cedict_defines_in_other_words_and_the_two_congos_are_rows(zh, en, note):
    [row] = [t for t in reference_terms() if t.zh == zh]
    assert (row.en, row.note) == (en, note)


@pytest.mark.parametrize("text, place, en, required", [
    ("代表团访问华盛顿。", "华盛顿", "Washington", True),
    ("中美双方在华盛顿举行会谈。", "华盛顿", "Washington", True),
    ("会议在华盛顿特区举行。", "华盛顿特区", "Washington, D.C.", True),
    ("刚果（金）首都金沙萨举行招待会。", "金沙萨", "Kinshasa", True),
    ("刚果（金）首都金沙萨举行招待会。", "刚果（金）", "Democratic Republic of the Congo", True),
    ("第二届论坛在布拉柴维尔举行。", "布拉柴维尔", "Brazzaville", True),
    ("中国医疗队抵达索马里首都摩加迪沙。", "摩加迪沙", "Mogadishu", True),
    ("老挝首都万象举行庆祝活动。", "万象", "Vientiane", True),
    ("中国和老挝在万象签署合作文件。", "万象", "Vientiane", True),
    ("新春佳节，万象更新。", "万象", "Vientiane", False),
    ("展览内容包罗万象。", "万象", "Vientiane", False),
    ("全市呈现万象更新的喜人景象。", "万象", "Vientiane", False),
    # China paired with the country by its first character: 中老 (China-Laos), 中柬; not 中老年 "the middle-aged and elderly"
    ("中老铁路万象站正式开通运营。", "万象", "Vientiane", True),
    ("老中边境贸易洽谈会在万象举行。", "万象", "Vientiane", True),
    ("中柬友谊大桥通车，金边市民夹道欢迎。", "金边", "Phnom Penh", True),
    ("中老年人文化生活包罗万象。", "万象", "Vientiane", False),
])
def test_a_new_capital_is_required_in_running_text_and_vientiane_only_beside_laos(project, text, place, en, required):
    assert ((place, en) in _places(project, text)) is required
