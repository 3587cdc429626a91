"""A transliterated foreign name is never romanised as a Chinese person (issue 18).

A sound-for-sound rendering of a foreign name (马塞洛 Marcelo, 费尔南多 Fernando) written
after a title or before a bulletin's verb, with no foreign country in the clause to tell
:func:`~l10n.names.foreign_context` who they are, is a foreign person: a hint with CC-CEDICT's
English where it lists them, else the reviewer's flag, never Chinese Pinyin
(:func:`l10n.names.reads_as_transliteration`). A Chinese official whose given name holds a
character both worlds use (丽, 娜, 莎, 安, 尼) stays a Chinese person in Pinyin.

Every sentence is written for this table from general knowledge; none is taken from the
benchmark set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.glossary.match import Matcher
from l10n.glossary.store import Term
from l10n.names import TRANSLITERATION_SCORES, cedict_reading, romanize_name
from support import people_found

TITLES = {
    "主席": "Chairman", "副主席": "Vice Chairman", "秘书长": "Secretary-General", "副秘书长": "Deputy Secretary-General",
    "部长": "Minister", "副部长": "Vice Minister", "市长": "Mayor", "副市长": "Vice Mayor", "主任": "Director",
    "副主任": "Deputy Director", "教授": "Professor", "院长": "President", "董事长": "Chairman of the Board",
    "代表": "Representative", "书记": "Secretary", "副书记": "Deputy Secretary", "省长": "Governor",
    "副省长": "Vice Governor", "局长": "Director-General", "厅长": "Director", "县长": "County Magistrate",
    "副总理": "Vice Premier", "总理": "Premier",
}
ORGANS = {"国际足联": "FIFA", "国际奥委会": "International Olympic Committee", "联合国": "United Nations",
          "世界卫生组织": "World Health Organization", "省委": "Provincial Party Committee", "市委": "Municipal Party Committee",
          "国务院": "State Council", "省政府": "Provincial Government", "市政府": "Municipal Government"}
MATCHER = Matcher.from_terms([Term(f"{category}-{i}", zh, en, category=category, status="approved")
                              for table, category in ((TITLES, "title"), (ORGANS, "organ")) for i, (zh, en) in enumerate(table.items())])


def people(text: str) -> list[str]:
    return people_found(text, MATCHER)


# (sentence, the foreign person's name as written in it)
FOREIGN = [
    # Latin American
    ("国际足联代表马塞洛表示，愿同各方加强合作。", "马塞洛"),
    ("主任费尔南多介绍了项目进展情况。", "费尔南多"),
    ("董事长罗纳尔多出席签约仪式。", "罗纳尔多"),
    ("代表安东尼奥在会上发言。", "安东尼奥"),
    ("部长卡洛斯表示，双方合作前景广阔。", "卡洛斯"),
    ("马里奥教授出席研讨会并致辞。", "马里奥"),
    ("秘书长罗德里戈指出，要深化务实合作。", "罗德里戈"),
    ("古斯塔沃先生表示，感谢中方的支持。", "古斯塔沃"),
    ("巴勃罗主任介绍了当地的农业发展情况。", "巴勃罗"),
    ("副部长罗伯托表示，期待进一步扩大贸易。", "罗伯托"),
    ("市长桑切斯出席开幕式。", "桑切斯"),
    ("戈麦斯院长致辞。", "戈麦斯"),
    ("罗哈斯部长表示，将继续推进合作。", "罗哈斯"),
    ("马丁内斯代表发言。", "马丁内斯"),
    ("雷纳托教授出席论坛。", "雷纳托"),
    ("费利佩主席会见了代表团。", "费利佩"),
    # European
    ("马泰奥代表出席会议并讲话。", "马泰奥"),
    ("梅洛尼表示，愿深化双方友好关系。", "梅洛尼"),
    ("斯特凡教授介绍了研究成果。", "斯特凡"),
    ("乔瓦尼院长出席揭牌仪式。", "乔瓦尼"),
    ("主席马尔科表示，双方合作成果丰硕。", "马尔科"),
    ("卢西亚诺先生出席招待会。", "卢西亚诺"),
    ("伊莎贝尔女士致辞。", "伊莎贝尔"),
    ("纳迪娅女士出席招待会并致辞。", "纳迪娅"),
    # African
    ("穆萨部长表示，感谢中方长期以来的帮助。", "穆萨"),
    ("阿马杜代表出席签字仪式。", "阿马杜"),
    ("易卜拉欣主任介绍了项目情况。", "易卜拉欣"),
    ("代表卡加梅出席开幕式。", "卡加梅"),
    ("拉马福萨出席论坛开幕式。", "拉马福萨"),
    ("萨利赫部长会见了中国企业代表。", "萨利赫"),
    # Middle Eastern
    ("萨拉赫先生表示，愿同中方加强交流。", "萨拉赫"),
    ("穆斯塔法代表在会上发言。", "穆斯塔法"),
    ("卡里姆主任表示，项目进展顺利。", "卡里姆"),
    ("代表阿卜杜勒表示，愿同中方深化合作。", "阿卜杜勒"),
    ("塔里克教授介绍了合作成果。", "塔里克"),
    # Russian and Central Asian
    ("伊万诺夫部长表示，双方合作潜力巨大。", "伊万诺夫"),
    ("彼得罗夫教授出席研讨会。", "彼得罗夫"),
    ("米哈伊尔院长致辞。", "米哈伊尔"),
    ("鲍里斯主任出席会议。", "鲍里斯"),
    ("德米特里代表表示，感谢主办方的周到安排。", "德米特里"),
    ("主席奥尔加出席论坛并致辞。", "奥尔加"),
    ("谢尔盖部长表示，将加强人文交流。", "谢尔盖"),
]

# (sentence, the Chinese official's name): given names with characters both worlds use
CHINESE = [
    ("副市长李娜出席活动。", "李娜"),
    ("主任王丽莎介绍了有关情况。", "王丽莎"),
    ("副主任张伟主持会议。", "张伟"),
    ("局长刘诗诗出席会议。", "刘诗诗"),
    ("副县长马丽调研脱贫攻坚工作。", "马丽"),
    ("主任杨幂介绍了情况。", "杨幂"),
    ("副局长赵丽颖主持会议。", "赵丽颖"),
    ("吴亦凡副主任出席会议。", "吴亦凡"),
    ("省长马兴瑞主持召开省政府常务会议。", "马兴瑞"),
    ("书记罗保铭出席会议并讲话。", "罗保铭"),
    ("副总理马凯出席会议。", "马凯"),
    ("副省长孙丽娜调研农业生产。", "孙丽娜"),
    ("主任李莎莎主持座谈会。", "李莎莎"),
    ("副主任陈安娜出席活动。", "陈安娜"),
    ("局长周莎出席会议。", "周莎"),
    ("副局长林娜主持会议。", "林娜"),
    ("市长马东介绍了城市规划。", "马东"),
    ("副厅长安平主持会议。", "安平"),
    ("主任王娜娜介绍了情况。", "王娜娜"),
    ("副主任刘安娜出席座谈会。", "刘安娜"),
    ("书记马建堂出席会议。", "马建堂"),
    ("副县长罗志军调研工作。", "罗志军"),
    ("局长马飚出席会议。", "马飚"),
    ("副主任马朝旭主持发布会。", "马朝旭"),
    ("主任罗照辉出席会议。", "罗照辉"),
    ("院长卢丽安出席会议。", "卢丽安"),
    ("副市长黄莉莎主持会议。", "黄莉莎"),
    ("副局长伊丽出席会议。", "伊丽"),
    ("厅长马晓伟出席会议。", "马晓伟"),
    ("主任米丽出席活动。", "米丽"),
    ("院长李德生出席会议。", "李德生"),
    ("副省长赵克志调研安全生产。", "赵克志"),
    ("副书记鲁斯文出席会议。", "鲁斯文"),
    ("主任吴莎莉主持会议。", "吴莎莉"),
    ("副县长张丽尼调研工作。", "张丽尼"),
    ("局长卢克明主持会议。", "卢克明"),
    ("副局长马利民出席会议。", "马利民"),
    ("副主任黄娜出席会议。", "黄娜"),
    ("主任孙安东出席会议。", "孙安东"),
    ("副局长卢丽出席会议。", "卢丽"),
    ("主任罗立斌主持会议。", "罗立斌"),
    ("院长马莉出席会议。", "马莉"),
    ("副主任李丽娜出席座谈会。", "李丽娜"),
    ("王丽莎表示，要抓好各项工作落实。", "王丽莎 (before a verb)"),
    ("马兴瑞强调，要加快推进重点项目建设。", "马兴瑞 (before a verb)"),
]


@pytest.mark.parametrize("text, name", FOREIGN, ids=[n for _, n in FOREIGN])
def test_a_transliterated_foreign_name_is_a_hint_never_pinyin(text, name):
    kind, english = cedict_reading(name)
    assert people(text) == [f"{name}~{english if kind == 'foreign' else '?'}"]


@pytest.mark.parametrize("text, name", CHINESE, ids=[n for _, n in CHINESE])
def test_a_chinese_official_with_characters_both_worlds_use_stays_pinyin(text, name):
    name = name.split()[0]
    assert people(text) == [f"{name}→{romanize_name(name)}"]


def test_the_tables_are_large_and_have_no_duplicates():
    assert len(FOREIGN) >= 40 and len(CHINESE) >= 40
    assert len({t for t, _ in FOREIGN + CHINESE}) == len(FOREIGN) + len(CHINESE)


def test_the_committed_scores_are_what_the_script_builds(tmp_path):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "transliteration.tsv"
    subprocess.run([sys.executable, str(root / "scripts" / "build_transliteration.py"), "--out", str(out)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert out.read_bytes() == TRANSLITERATION_SCORES.read_bytes()
