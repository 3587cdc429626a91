"""Whether a span can be a person's name: its shape, its edges, and the second signal that vetoes it.

A name has a surname, two to four characters and no stop character in it; it begins and ends
where a name may (a boundary, a title, a verb); and it is no place, organisation or ordinary
word where jieba's tagger and CC-CEDICT agree it is one (:func:`_not_a_person`). Foreign and
minority names found beside a title or before a verb are checked here too.
"""

from __future__ import annotations

import re

from l10n.lexicon import OFFICE_TITLES, TITLES, is_han
from l10n.names.analysis import analysis_of
from l10n.names.context import (
    _CLAUSE_END, COMRADE, _FOLLOWERS_RE, _FUNCTION_WORDS, STOP_CHARACTERS, _TITLE_ENDS, _Spans, _is_cjk, used_as,
)
from l10n.names.countries import _countries
from l10n.names.foreign import (
    _STRONG, _given_name_foreign, reads_as_minority_name, reads_as_transliteration, transliteration_score,
)
from l10n.names.places import capital_country, is_place_name, place_at_an_edge
from l10n.names.readings import _common_word, is_word, _known
from l10n.names.romanize import COMPOUND_SURNAMES, PLACE_SUFFIXES, SURNAMES, _WEAK_SURNAMES
from l10n.names.vietnamese import NGUYEN, THI, _vietnamese_womans
from l10n.vocabulary import characters, either, table


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
    if NGUYEN in name[1:] or name[-1] == THI:  # 和 + 阮氏…: 阮 opens a Vietnamese name; 陈氏 is "Ms Chen"
        return False
    return True


def _boundary(text: str, i: int, spans: _Spans) -> bool:
    """Whether a name may start (or end) at position *i*."""
    if i <= 0 or i >= len(text):
        return True
    return not _is_cjk(text[i - 1]) or text[i - 1] in STOP_CHARACTERS or i in spans.ends or i in spans.starts


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
            or name[-1] in _PARTICLES):
        return False
    if len(name) == 3 and name[2] in _AFTER_A_CITY and is_place_name(name[:2]):
        return False
    return len(name) == 2 or not (_common_word(name[:2]) or _common_word(name[1:]))


_PARTICLES = frozenset(used_as("name_followers", "particle"))
"""One-character adverbs (则, 也, 已 …) and the plural 们 between a subject and its verb: a name
found only by the verb after it never ends in one (梅则表示)."""

_AFTER_A_CITY = characters("city_followers")
"""What a city may be followed by that is no given name (罗马人 "Romans", 巴黎时 "when in Paris")."""

_SAID = (*used_as("name_followers", "closes"), *used_as("name_followers", "said"))
"""Words after which a name has been said (罗索文 + 在会上讲话)."""


def _verb_at(text: str, i: int) -> bool:
    """Whether a verb, or a word a bulletin writes after a person, starts at *i*."""
    if text.startswith(_SAID, i):
        return True
    word = analysis_of(text).word_at(i)
    return word is not None and word[2].startswith("v")


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
    if text.startswith(COMRADE, end):
        return True
    if any(text.endswith(t, 0, start) for t in TITLES if t != COMRADE) and _verb_at(text, end):
        return True
    words = analysis_of(text).words
    if any(s == start and end < e <= start + 4 and tag.startswith("nr") and _name_ok(text[s:e], weak_ok=False) for s, e, tag in words):
        return True  # jieba reads one person's name over the capital and what follows it
    if end >= len(text) or not is_han(text[end]) or text[end] in STOP_CHARACTERS or text[end] in PLACE_SUFFIXES or text[end] in _AFTER_A_CITY:
        return False
    if not _name_ok(text[start:end + 1], weak_ok=False) or not any((s, e) == (end, end + 1) for s, e, _ in words):
        return False  # jieba joins the character to what follows (在华沙建成): no given name
    return end + 1 == len(text) or text[end + 1] in _CLAUSE_END or _verb_at(text, end + 1)


def _may_not_be_a_person(text: str, start: int, end: int) -> bool:
    """Whether CC-CEDICT knows a word that could make ``text[start:end]`` no name: the span
    itself, a word crossing its start (长江 before 江流域), its first two characters as an
    ordinary word (商讨 in 商讨合), or a word crossing its end where the text after the
    span starts no word of its own (重视 after 高度重, but not 明主 in 李成明主持), or
    a three-character span's last two as an ordinary word (集团 in 长隆集团). Only then is jieba asked (:func:`_not_a_person`).
    """
    a = analysis_of(text)
    if _known(text[start:end]) or (end - start == 3 and "word" in (a.cedict(text[start:start + 2])[0], a.cedict(text[start + 1:end])[0])):
        return True
    if any(_known(text[i:j]) for i in range(max(0, start - 3), start) for j in range(start + 1, min(len(text), i + 4) + 1) if j - i >= 2):
        return True
    if any(is_word(text[end:j]) for j in (end + 2, end + 3) if j <= len(text)):
        return False
    return any(_known(text[i:j]) for i in range(start, end) for j in range(end + 1, min(len(text), i + 4) + 1) if j - i >= 2)


_FUNCTION_SURNAMES = characters("function_surnames")
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
    words = [(s, e, tag) for s, e, tag in analysis_of(text).words if e > start]
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
    word = analysis_of(text).word_at(start)
    return word is not None and word[1] > end and not word[2].startswith("nr")


_COURTESY = tuple(table("courtesy_forms"))
"""Courtesy titles that follow a surname alone (李先生 "Mr Li"), so what precedes that surname is no given name."""


ORGAN_ENDINGS = characters("organ_endings")
"""Last characters of an organ's name (县委, 外交部, 公安局): no given name ends in one."""

_HEAD_OF_AN_OFFICE = re.compile(either(t for t in TITLES if t.endswith(OFFICE_TITLES)))
"""The titles of an office's head and deputy head (部长, 副局长, 主任), as they follow the office's name (宣传部部长)."""


def _names_an_organ(text: str, start: int, end: int, spans: _Spans | None = None) -> bool:
    """Whether ``text[start:end]`` is an organ's name, not a person's: it ends in an organ's
    last character (:data:`ORGAN_ENDINGS`: 部, 局, 委, 办 …) and CC-CEDICT knows it or what
    comes before that character (宣传 + 部, 财政 + 局), or the title of an office's head follows it
    (卫健委 + 主任, 住建局 + 局长) or a glossary match starts there. jieba tags some of these a
    person (宣传部/nr, 宣传处/nr), so its reading cannot veto them, and list items, titles and
    verbs all propose them.

    >>> [_names_an_organ(t, 0, 3) for t in ("宣传部部长", "财政局的", "卫健委主任", "住建局副局长", "王建国部长", "李国华主任")]
    [True, True, True, True, False, False]
    """
    if text[end - 1] not in ORGAN_ENDINGS:
        return False
    stem = text[start:end - 1]
    return (_known(text[start:end]) or (len(stem) >= 2 and _known(stem)) or bool(_HEAD_OF_AN_OFFICE.match(text, end))
            or (spans is not None and end in spans.starts))


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
    if _names_an_organ(text, start, end, spans):
        return True  # 宣传部 + 部长, 卫健委 + 主任: an organ, whatever jieba tags it (宣传部/nr)
    if text[start] in _FUNCTION_SURNAMES and _function_word_first(text, start, end) and (
            is_word(text[start + 1:end]) or _word_runs_past(text, start + 1, end)):
        return True  # 书记 + 和/c + 党员: "and"; 委员 + 和/c + 省部级: "and", its word running past the span
    if end - start >= 3 and is_place_name(text[start:end]) and not capital_names_a_person(text, start, end):
        return True  # 阿富汗 + 总统, 在 + 石家庄: a place, whatever jieba tags it (nr here)
    if place_at_an_edge(text, start, end) and not _TITLE_ENDS.search(text[max(0, start - 8):start]):
        return True  # 阿尔及 + 利亚总统: a place's characters are no part of a name (外交部长 + 沙祖康 is one)
    if not _may_not_be_a_person(text, start, end):
        return False  # nothing CC-CEDICT knows here: jieba need not be asked
    analysis = analysis_of(text)
    words = analysis.words
    if end - start == 3 and text.startswith(_COURTESY, end) and _common_word(text[start:start + 2]) and any(
            (s, e) == (start, start + 2) and tag[:1] == "n" and not tag.startswith("nr") for s, e, tag in words):
        return True  # 游客/n + 李先生 "Mr Li, a tourist": a noun jieba reads whole, then a surname and its courtesy title
    for s, e, tag in words:
        if e <= start or s >= end or (start <= s and e <= end and (s, e) != (start, end)) or tag.startswith("nr"):
            continue
        if capital_names_a_person(text, s, e):
            continue  # 华沙同志, 市长罗马指出: a capital's name borne by a person
        if (spans is not None and not all(spans.free(a, b) for a, b in ((s, min(start, e)), (max(end, s), e)) if a < b)
                and not (tag[:2] in ("ns", "nt") and _known(text[s:e]) and analysis.cedict(text[s:e])[0] != "word")):
            continue
        if s < start < e < end and tag[:2] in ("ns", "nt") and (e, end, "n") in words:
            return True  # 长隆/ns + 集团/n 董事长: a place's or a firm's name runs into the span, an ordinary noun ends it
        stretches = [text[i:j] for i in range(s, e) for j in range(i + 2, min(e, i + 4) + 1)
                     if i < end and j > start and not (start <= i and j <= end and (i, j) != (start, end))]
        if any(_known(w) for w in [text[s:e], *stretches]):
            return True
    return False


def _right_boundary(text: str, i: int, spans: _Spans) -> bool:
    """Whether a name may end at position *i*: the text ends, a stop character, a glossary
    match, a title, a bulletin's verb, a word that follows names or an ordinary word starts there."""
    return (i >= len(text) or not _is_cjk(text[i]) or text[i] in STOP_CHARACTERS or i in spans.starts
            or bool(_FOLLOWERS_RE.match(text, i)) or _common_word(text[i:i + 2]))


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
    word = analysis_of(text).word_at(start)
    return not (word is not None and word[1] < stop and word[2][:2] == "ns" and is_place_name(text[start:word[1]]))


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
