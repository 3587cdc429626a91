"""Where the text's own words cut or confirm a glossary match (:mod:`l10n.required` asks).

A match may end inside a place (我省长沙 is 省 + 长沙, not 省长), start inside a place that a
title shares (长沙市长), straddle two ordinary words (个人 + 大事 holds no 人大), or read 中共
where the text has 中 + 共; these helpers say so from CC-CEDICT and the segment's words (its
:class:`~l10n.names.analysis.Analysis`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from l10n.names.analysis import analysis_of
from l10n.names.places import capital_context, capital_country, is_place_name
from l10n.names.readings import _common_word, is_word
from l10n.names.romanize import SURNAMES


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
    word = analysis_of(text).word_at(end)
    return word is not None and word[2].startswith("nr")


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
    if analysis_of(text).cedict(text[place_end:run_on])[0] != "word":
        return False
    return text[end:end + 1] in SURNAMES or any(is_word(text[end:j]) for j in range(run_on + 1, min(len(text), end + 4) + 1))


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
    words = analysis_of(text).words
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
    a = analysis_of(text)
    for s, e, _ in a.words:
        if s < start < e < end and _common_word(text[s:e]):
            nxt = a.word_at(e)
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
    words = analysis_of(text).words
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
    a = analysis_of(text)
    clause = a.clause_of(start, start)[0]
    if start == clause:
        return False
    closing = a.word_ending_at(start + 1)
    if closing is None:  # jieba reads 中共 (or 中共党员) as one word
        return end - start == 2 and _postposition_and_total(a, clause, start)
    if closing[0] < clause:
        return False
    if closing[1] - closing[0] >= 2:  # 其中, 当中, 高中
        return True
    before = a.word_ending_at(start)
    return closing[0] > clause and (before is None or before[2][:1] not in ("p", "c"))


def _postposition_and_total(text: str, clause: int, start: int) -> bool:
    """Whether ``text[clause:start + 1]`` ends in a noun phrase closed by 中 (no date) and
    the 共 at ``start + 1`` is "in total": before a verb, a count, or in 共有/共计. Each side is read
    on its own (:meth:`~l10n.names.analysis.Analysis.reading_of`): the sentence's words join 中共."""
    head = text[clause:start + 1]
    if _DATE_BEFORE.search(head[:-1]):
        return False
    before = analysis_of(text).reading_of(clause, start + 1)
    if len(before) < 2 or before[-1][:2] != (len(head) - 1, len(head)):
        return False
    tag = before[-2][2]
    nounish = (tag[:1] in ("n", "s", "l", "i") and tag[:2] not in ("nr", "ns", "nt")) or tag in ("vn", "m")
    if not nounish and not (tag.startswith("v") and len(before) >= 3 and before[-3][2].startswith("r")):
        return False
    rest = text[start + 1:]
    after = analysis_of(text).reading_of(start + 1, len(text))
    if rest[after[0][0]:after[0][1]] in ("共有", "共计"):
        return True
    if after[0][1] != 1 or len(after) < 2:
        return False
    s, e, tag = after[1]
    if tag.startswith("v"):
        return True
    return tag == "m" and rest[e:e + 1] not in ("大", "届")
