"""Wire-service datelines: ``新华社南昌7月26日电（郭冬明、熊亮）`` → ``Nanchang, July 26 (Xinhua, Guo Dongming, Xiong Liang) --``.

A news bulletin often opens with the agency, the place, the date and the reporters. The
small model drops or garbles this opening (13 of the 278 prc_gov.dev lines start with one;
none of the 9 drafted in the last benchmark run kept it intact: "The Chinese government's
Hong Kong News Service reported …", "Xinhua Beijing 2 Yue 10 Ridian …"), yet it is fully
predictable. So drafting
renders it here, by rule, and sends only the body to the engine.

The agency's English comes from the glossary when the segment's renderings carry it (an
editor's choice wins), else from :data:`AGENCIES`. The place comes from a glossary or
name rendering of the same span, else from :func:`l10n.names.place_english` (CC-CEDICT); a
place neither knows leaves the whole segment to the engine. Reporters' names are romanised
with the name rules.

>>> d = find_dateline("新华社南昌7月26日电（郭冬明、熊亮）江西省征兵办公室近日明确。")
>>> d.english, d.source[d.end:]
('Nanchang, July 26 (Xinhua, Guo Dongming, Xiong Liang) --', '江西省征兵办公室近日明确。')
>>> find_dateline("中新社北京九月二十七日电 国务院新闻办公室发布白皮书。").english
'Beijing, September 27 (China News Service) --'
>>> find_dateline("记者从新华社了解到。") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from l10n.lexicon import HAN, MONTHS
from l10n.terms import Rendering
from l10n.vocabulary import alternation, table

AGENCIES = table("news_agencies")
"""Agencies whose datelines are recognised, with their English names when the glossary has none
(``news_agencies.tsv``)."""


_NUMERAL = r"\d{1,2}|[〇一二三四五六七八九十]{1,3}"
_DATELINE = re.compile(
    rf"^\s*(?P<agency>{alternation('news_agencies')})"
    rf"(?P<place>[{HAN}]{{2,8}}?)?"
    rf"(?P<month>{_NUMERAL})月(?P<day>{_NUMERAL})日(?:{alternation('dispatch_words')})"
    r"(?:\s*[（(](?P<byline>[^）)]{2,40})[）)])?\s*"
)
_ROLE = re.compile(rf"^(?:{alternation('byline_roles')})\s*")
_PERSON = re.compile(f"^[{HAN}]{{2,4}}$")


@dataclass(frozen=True)
class Dateline:
    source: str
    english: str
    end: int  # where the body starts in source
    renderings: tuple[Rendering, ...]  # the place and the reporters, for the notes


def find_dateline(source: str, required: Sequence[Rendering] = ()) -> Dateline | None:
    """The dateline *source* opens with, rendered in English; ``None`` when it has none.

    *required* are the segment's renderings: a glossary entry for the agency or the
    place is used as written.
    """
    from l10n.names import place_english, romanize_name
    from l10n.numbers import chinese_numeral_value

    m = _DATELINE.match(source)
    if not m:
        return None
    month, day = (_number(m[g], chinese_numeral_value) for g in ("month", "day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None

    def rendered(group: str) -> Rendering | None:
        return next((r for r in required if (r.start, r.end) == m.span(group) and r.source == m[group]), None)

    agency = rendered("agency")
    place = rendered("place") if m["place"] else None
    if m["place"] and place is None:
        english = place_english(m["place"])
        if english is None:
            return None  # an unknown place: leave the whole segment to the engine rather than guess
        place = Rendering(m["place"], english, kind="place", start=m.start("place"), end=m.end("place"))
    credits = [agency.target if agency else AGENCIES[m["agency"]]]
    reporters: list[Rendering] = []
    if m["byline"]:
        at = m.start("byline")
        for piece in re.split(r"[、，,\s]+", m["byline"]):
            person = _ROLE.sub("", piece)
            if _PERSON.match(person):
                start = source.index(person, at)
                reporters.append(Rendering(person, romanize_name(person), kind="name", start=start, end=start + len(person)))
                at = start + len(person)
            elif person:
                return None  # not a byline we understand: leave the whole segment to the engine
    credits += [r.target for r in reporters]
    english = f"{place.target + ', ' if place else ''}{MONTHS[month - 1]} {day} ({', '.join(credits)}) --"
    return Dateline(source, english, m.end(), tuple(r for r in (place, *reporters) if r))


def _number(text: str, chinese_numeral_value) -> int:
    value = int(text) if text.isdigit() else chinese_numeral_value(text)
    return int(value) if value is not None else 0


def body_renderings(required: Sequence[Rendering], dateline: Dateline) -> list[Rendering]:
    """The renderings that fall in the body, with their spans moved to the body's offsets.

    Renderings inside the dateline are satisfied by its English and dropped.
    """
    return [replace(r, start=r.start - dateline.end, end=r.end - dateline.end) if r.end > r.start else r
            for r in required if r.start >= dateline.end or r.end <= r.start]
