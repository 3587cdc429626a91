"""Foreign and minority names: who is no Chinese person to write in Pinyin, and their English.

A sound-for-sound transliteration (per-character scores), a Tibetan, Mongolian or Uyghur name
(its elements), a foreign person CC-CEDICT lists or a clause ties to a foreign country: the
span becomes a hint with CC-CEDICT's English, or a note for the reviewer (:data:`FOREIGN_NAME`).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from l10n.lexicon import FOREIGN_TITLES
from l10n.names.analysis import analysis_of
from l10n.names.context import NAME_DOTS
from l10n.names.places import capital_country, is_place_name
from l10n.names.readings import _cedict, cedict_reading, is_known_place
from l10n.names.romanize import split_name


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


TRANSLITERATION_SCORES = Path(__file__).resolve().parent.parent / "data" / "transliteration.tsv"
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


MINORITY_NAMES = Path(__file__).resolve().parent.parent / "data" / "minority_names.tsv"
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


def foreign_english(text: str, start: int, end: int) -> str | None:
    """None where the person at ``text[start:end]`` is Chinese; else CC-CEDICT's English
    for them, or :data:`FOREIGN_NAME` where it has none (a clause or the rest of the sentence
    ties them to a foreign country: :meth:`~l10n.names.analysis.Analysis.foreign_context`,
    :meth:`~l10n.names.analysis.Analysis.sentence_country`).
    (:func:`find_names` writes a Vietnamese person in their own spelling instead: :func:`_vietnamese_rendering`.)

    >>> [foreign_english(t, s, e) for t, s, e in [("新加坡总理李显龙表示", 5, 8), ("意大利总理孔特出席", 5, 7), ("主任李成明主持", 2, 5)]]
    ['Lee Hsien Loong', '(foreign name: its own spelling, not Pinyin)', None]
    """
    if any(c in NAME_DOTS for c in text[start:end]):
        return dotted_english(text[start:end])
    a = analysis_of(text)
    kind, english = a.cedict(text[start:end])
    if kind == "foreign":
        return as_named(text[start:end], english)
    if kind == "person":
        return None
    if any(text.startswith(t, end) or text.endswith(t, 0, start) for t in FOREIGN_TITLES):
        return FOREIGN_NAME
    if (reads_as_transliteration(text[start:end]) and not _place_borne(text[start:end])) or (end - start >= 4 and any(a.cedict(text[start:k])[0] == "foreign" for k in range(start + 2, end))):
        # a sound-for-sound rendering (马塞洛, 默克尔), not a place's name borne by a person (罗马力, 苏克雷),
        # or a listed name's foreign ending (安东尼 + 奥)
        return FOREIGN_NAME
    if reads_as_minority_name(text[start:end]):
        return FOREIGN_NAME  # 主任乌力吉: a Mongolian name, Uliji, not a Mr Wu Liji
    return FOREIGN_NAME if a.foreign_context(start) or a.sentence_country(start, end) else None


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


VIETNAMESE_NAME = "(Vietnamese name: its own spelling, not Pinyin)"
"""The reviewer's note for a Vietnamese person whose name has a character without a reading."""
