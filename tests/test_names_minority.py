"""A Tibetan, Mongolian or Uyghur name is never romanised as a Han Chinese name (issue 18).

Officials of Inner Mongolia, Tibet, Xinjiang, Qinghai, Gansu, Sichuan and Yunnan carry names
of their own languages written in Chinese characters. Their English is not Han Pinyin (乌力吉
is Uliji, not "Wu Liji"; 洛桑江村 is Losang Jamcan): after a title, before a bulletin's verb or
同志, or in an 、-list, such a name, made wholly of the name elements in
``l10n/data/minority_names.tsv`` (:func:`l10n.names.reads_as_minority_name`), is the reviewer's
foreign-name flag, never split into surname + given name. A Han official whose name holds one such element or one of its
characters (马 + 尼玛, 白 + 建国, 多 of 多吉) stays a Chinese person in Pinyin.

Every sentence is written for this table from general knowledge; none is taken from the
benchmark set.
"""

from __future__ import annotations

import pytest

from l10n.names import MINORITY_NAMES, reads_as_minority_name, romanize_name
from support import people_found
from test_names_transliteration import MATCHER


def people(text: str) -> list[str]:
    return people_found(text, MATCHER)


# (sentence, the minority person's name as written in it)
MINORITY = [
    # Inner Mongolia: after a title
    ("内蒙古自治区副主席乌力吉出席会议。", "乌力吉"),
    ("主任乌力吉主持召开专题会议。", "乌力吉"),
    ("副主席巴特尔在呼和浩特调研。", "巴特尔"),
    ("副主席额尔敦主持会议。", "额尔敦"),
    ("常委额尔敦巴特尔出席开幕式。", "额尔敦巴特尔"),
    ("市长布和介绍了鄂尔多斯的发展情况。", "布和"),
    ("副市长那顺出席签约仪式。", "那顺"),
    ("主任巴雅尔表示，要做好防灾减灾工作。", "巴雅尔"),
    ("副主任其木格介绍了牧区教育情况。", "其木格"),
    ("局长图雅主持召开座谈会。", "图雅"),
    ("院长朝鲁出席研讨会。", "朝鲁"),
    ("副院长宝音在会上发言。", "宝音"),
    ("书记阿拉坦出席。", "阿拉坦"),
    ("副书记敖日格勒主持会议。", "敖日格勒"),
    ("校长毕力格出席毕业典礼。", "毕力格"),
    ("副县长斯琴高娃表示，要保护好草原生态。", "斯琴高娃"),
    ("主任特木尔巴根出席会议。", "特木尔巴根"),
    ("副局长格日勒图介绍了有关情况。", "格日勒图"),
    ("厅长萨仁高娃主持会议。", "萨仁高娃"),
    ("主席那日苏出席表彰大会。", "那日苏"),
    ("副主席其其格在赤峰调研。", "其其格"),
    ("代表道尔吉在会上发言。", "道尔吉"),
    # Inner Mongolia: before a verb, opening a clause
    ("巴特尔表示，要推进牧区现代化。", "巴特尔"),
    ("会上，乌力吉强调，要抓好安全生产。", "乌力吉"),
    ("额尔敦指出，要加强草原保护。", "额尔敦"),
    ("巴图出席了开幕式。", "巴图"),
    # Tibet: after a title
    ("自治区主席洛桑江村表示，要加快发展。", "洛桑江村"),
    ("书记白玛赤林主持会议。", "白玛赤林"),
    ("副主席次仁出席会议。", "次仁"),
    ("主席扎西强调，要做好春耕工作。", "扎西"),
    ("副市长多吉在拉萨调研。", "多吉"),
    ("县长达瓦次仁介绍了当地情况。", "达瓦次仁"),
    ("副县长尼玛出席揭牌仪式。", "尼玛"),
    ("主任平措主持召开会议。", "平措"),
    ("副主任顿珠介绍了项目进展情况。", "顿珠"),
    ("局长卓玛出席会议。", "卓玛"),
    ("副局长央金主持座谈会。", "央金"),
    ("厅长格桑出席开幕式。", "格桑"),
    ("副厅长旺堆表示，要保障群众就医。", "旺堆"),
    ("院长强巴出席研讨会。", "强巴"),
    ("副院长罗布介绍了医院建设情况。", "罗布"),
    ("校长索朗出席开学典礼。", "索朗"),
    ("代表拉巴在会上发言。", "拉巴"),
    ("主任普布次仁主持会议。", "普布次仁"),
    ("副主任边巴出席会议。", "边巴"),
    ("委员德吉卓嘎出席会议。", "德吉卓嘎"),
    ("书记赤列在日喀则调研。", "赤列"),
    ("副主席丹增朗杰出席开幕式。", "丹增朗杰"),
    ("副书记土登出席座谈会。", "土登"),
    # Tibet: before a verb
    ("扎西顿珠表示，要办好民生实事。", "扎西顿珠"),
    ("会上，次仁卓玛表示，要发展乡村旅游。", "次仁卓玛"),
    ("格桑德吉出席了会议。", "格桑德吉"),
    # Qinghai, Gansu, Sichuan (Amdo and Kham spellings)
    ("副省长才让在西宁调研。", "才让"),
    ("县长万玛多杰主持会议。", "万玛多杰"),
    ("县长才旦介绍了玉树的恢复重建情况。", "才旦"),
    ("副县长更登出席会议。", "更登"),
    ("主任仁青加措出席。", "仁青加措"),
    ("副主任桑杰出席签约仪式。", "桑杰"),
    ("书记贡觉主持会议。", "贡觉"),
    # Yunnan (Diqing)
    ("副县长阿旺次仁在香格里拉调研。", "阿旺次仁"),
    ("县长益西拉姆出席开幕式。", "益西拉姆"),
    ("副县长江白出席会议。", "江白"),
    # Xinjiang
    ("副主席买买提表示，要促进就业。", "买买提"),
    ("主任艾买提主持会议。", "艾买提"),
    ("局长吐尔逊出席会议。", "吐尔逊"),
    ("副局长热合曼介绍了有关情况。", "热合曼"),
    ("校长阿布来提出席开学典礼。", "阿布来提"),
    ("副市长艾尔肯在喀什调研。", "艾尔肯"),
    ("代表古丽在会上发言。", "古丽"),
    ("院长依明出席研讨会。", "依明"),
    ("副院长克然木介绍了医院建设情况。", "克然木"),
    ("主任玉素甫出席会议。", "玉素甫"),
    ("吐尔逊表示，要做好棉花收购工作。", "吐尔逊"),
    # before 同志
    ("扎西同志表示，要做好春耕工作。", "扎西"),
    ("会上，乌力吉同志作了讲话。", "乌力吉"),
    ("据悉，次仁卓玛同志将出席会议。", "次仁卓玛"),
    ("会见巴特尔同志一行。", "巴特尔"),
]

# (sentence, a Han official sharing a character or an element with a minority name)
HAN = [
    ("主任王桑林主持会议。", "王桑林"),
    ("副主任李格非出席会议。", "李格非"),
    ("局长张卓然出席会议。", "张卓然"),
    ("副局长刘央平主持座谈会。", "刘央平"),
    ("院长陈白玛出席研讨会。", "陈白玛"),
    ("书记杨吉林出席会议。", "杨吉林"),
    ("副书记黄拉平出席。", "黄拉平"),
    ("主席赵巴林出席会议。", "赵巴林"),
    ("副主席吴图强出席会议。", "吴图强"),
    ("市长周顿明出席开幕式。", "周顿明"),
    ("副市长徐普生出席会议。", "徐普生"),
    ("校长孙索林出席开学典礼。", "孙索林"),
    ("厅长朱仁青出席会议。", "朱仁青"),
    ("副厅长胡丹增出席。", "胡丹增"),
    ("主任郭才让出席会议。", "郭才"),
    ("局长何旺林出席会议。", "何旺林"),
    ("副院长高朝鲁作了发言。", "高朝鲁"),
    ("主任林斯琴出席会议。", "林斯琴"),
    ("副主任罗桑平出席会议。", "罗桑平"),
    ("书记梁巴图出席会议。", "梁巴图"),
    ("副局长宋萨仁出席会议。", "宋萨仁"),
    ("院长郑吉日出席研讨会。", "郑吉日"),
    ("副主任韩布仁出席会议。", "韩布仁"),
    ("局长唐艾力出席会议。", "唐艾力"),
    ("副市长冯古丽出席会议。", "冯古丽"),
    ("主任于依明出席会议。", "于依明"),
    ("副县长董热合出席会议。", "董热合"),
    ("副主任蔡群培出席会议。", "蔡群培"),
    ("局长余德庆出席会议。", "余德庆"),
    ("主任杜江村出席会议。", "杜江"),
    ("副主任程阿旺出席会议。", "程阿旺"),
    ("副院长苏平措出席会议。", "苏平措"),
    ("主任吕德吉出席会议。", "吕德吉"),
    ("主任丁卓玛出席会议。", "丁卓玛"),
    ("局长沈格桑出席会议。", "沈格桑"),
    ("书记姚扎西出席会议。", "姚扎西"),
    ("副书记卢旺堆出席会议。", "卢旺堆"),
    ("主任姜次仁出席会议。", "姜次仁"),
    ("主任白建国主持会议。", "白建国"),
    ("市长吴乌兰出席开幕式。", "吴乌兰"),
    ("主任周图雅主持会议。", "周图雅"),
    ("副院长徐宝音作了发言。", "徐宝音"),
    ("局长孙古丽出席会议。", "孙古丽"),
    ("副市长胡依明在当地调研。", "胡依明"),
    ("主任郭艾力出席会议。", "郭艾力"),
    ("校长高斯琴出席开学典礼。", "高斯琴"),
    ("厅长林德吉出席会议。", "林德吉"),
    ("副厅长罗建华介绍了有关情况。", "罗建华"),
    ("主任巴建平主持会议。", "巴建平"),
    ("副县长白文明出席会议。", "白文明"),
    ("局长乌兴国出席会议。", "乌兴国"),
    ("局长那志远主持会议。", "那志远"),
    ("主任罗布生出席会议。", "罗布生"),
    ("主任边志明主持会议。", "边志明"),
    ("校长平建伟出席开学典礼。", "平建伟"),
    ("副院长索立新作了发言。", "索立新"),
    ("局长艾建国出席会议。", "艾建国"),
    ("副局长古春生主持座谈会。", "古春生"),
    ("李建平表示，要抓好安全生产。", "李建平 (before a verb)"),
    ("马兴华强调，要加快推进项目建设。", "马兴华 (before a verb)"),
    ("王志强出席了会议。", "王志强 (before a verb)"),
]


# (sentence, the people found in it): an 、-list holding minority names, or a person found already
LISTS = [
    ("扎西、次仁、巴特尔出席会议。", ["扎西~?", "次仁~?", "巴特尔~?"]),
    ("主席扎西、次仁、巴特尔出席。", ["扎西~?", "次仁~?", "巴特尔~?"]),
    ("出席会议的有扎西、次仁、巴特尔等。", ["扎西~?", "次仁~?", "巴特尔~?"]),
    ("主席洛桑江村、白玛赤林出席。", ["洛桑江村~?", "白玛赤林~?"]),
    ("主任李成明、张伟、次仁出席会议。", ["李成明→Li Chengming", "张伟→Zhang Wei", "次仁~?"]),
    ("主任李成明、王建国、张伟出席会议。", ["李成明→Li Chengming", "王建国→Wang Jianguo", "张伟→Zhang Wei"]),
    ("乌兰、德庆、贡觉等县加快发展。", []),  # places CC-CEDICT knows, not people
]


@pytest.mark.parametrize("text, found", LISTS, ids=[t for t, _ in LISTS])
def test_a_list_holding_minority_names_or_a_person_found_already_is_a_list_of_people(text, found):
    assert people(text) == found


@pytest.mark.parametrize("text, name", MINORITY, ids=[t for t, _ in MINORITY])
def test_a_minority_name_is_the_foreign_name_flag_never_pinyin(text, name):
    assert people(text) == [f"{name}~?"]


@pytest.mark.parametrize("text, name", HAN, ids=[n for _, n in HAN])
def test_a_han_official_sharing_a_character_with_one_stays_pinyin(text, name):
    name = name.split()[0]
    assert people(text) == [f"{name}→{romanize_name(name)}"]


@pytest.mark.parametrize("name, minority", [
    ("乌力吉", True), ("洛桑江村", True), ("额尔敦巴特尔", True), ("次仁", True), ("斯琴高娃", True),
    ("马尼玛", False), ("王扎西", False), ("乌", False), ("扎西明", False), ("白建国", False), ("扎西扎西扎西扎西扎西", False),
])
def test_reads_as_minority_name_wants_the_whole_span_made_of_name_elements(name, minority):
    assert reads_as_minority_name(name) is minority


def test_the_tables_are_large_and_have_no_duplicates():
    assert len(MINORITY) >= 60 and len(HAN) >= 40
    assert len({t for t, _ in MINORITY + HAN}) == len(MINORITY) + len(HAN)


def test_every_name_element_has_a_language_an_english_form_and_a_source():
    rows = [line.split("\t") for line in MINORITY_NAMES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 100
    assert all(len(r) == 4 and len(r[0]) >= 2 and r[1] in ("bo", "mn", "ug") and r[2] and r[3] in ("brief", "wp-bo", "xinhua") for r in rows)
    assert len({r[0] for r in rows}) == len(rows)
