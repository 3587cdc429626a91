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

A person named in a clause about a foreign country (泰国总理巴育), or whose sentence speaks for
one in another clause while China is only its partner (巴育总理表示，泰国愿与中国深化合作:
:func:`sentence_country`), beside a title
only foreign office holders bear (首相, 总统), whom CC-CEDICT lists as a foreign person, or
whose name reads as a sound-for-sound transliteration (代表马塞洛, 萨拉赫先生, 梅洛尼表示:
:func:`reads_as_transliteration`, per-character log-odds built from CC-CEDICT and jieba's
dictionary into ``l10n/data/transliteration.tsv``) is not romanised as Chinese: the span becomes a hint (not enforced) with CC-CEDICT's
English, or :data:`FOREIGN_NAME` for the reviewer where it has none. So is a Tibetan,
Mongolian or Uyghur name written in Chinese characters, one made wholly of the name elements
in ``l10n/data/minority_names.tsv`` (主任乌力吉 is Uliji, not a Mr Wu Liji; 自治区主席洛桑江村:
:func:`reads_as_minority_name`): the reviewer's flag, never split into surname and given name. A Vietnamese person
(the clause or the sentence ties them to Vietnam, or the surname 阮 outside a clause about China, or 氏 in
the middle of a woman's name: :func:`is_vietnamese`) is written in their own spelling, each
character's Sino-Vietnamese reading (:func:`vietnamese_reading`), and that is enforced
like a Chinese name:

>>> [(r.source, r.target, r.kind) for r in find_names("柬埔寨首相洪森、意大利总理孔特出席。")]
[('洪森', 'Hun Sen', 'hint'), ('孔特', '(foreign name: its own spelling, not Pinyin)', 'hint')]
>>> [(r.source, r.target, r.kind) for r in find_names("主任乌力吉出席会议。")]
[('乌力吉', '(foreign name: its own spelling, not Pinyin)', 'hint')]
>>> [(r.source, r.target, r.kind) for r in find_names("阮春福表示，双方要加强合作。")]
[('阮春福', 'Nguyen Xuan Phuc', 'name')]
>>> [(r.source, r.target, r.kind) for r in find_names("范明政总理表示，越南愿与中国加强合作。")]
[('范明政', 'Pham Minh Chinh', 'name')]

The package, one concern a module (each imports only those listed before it):

- :mod:`l10n.names.context`: the words around a name (titles, a bulletin's verbs, the words
  that follow a name, stop characters), read from the vocabularies, and the spans already taken;
- :mod:`l10n.names.romanize`: surnames, and the Pinyin of names and places;
- :mod:`l10n.names.readings`: what jieba's tagger and CC-CEDICT read in a text or call a word;
- :mod:`l10n.names.countries`: the world's countries (CLDR), their parties and the one-character
  sides of diplomatic news (越方), and whether a stretch of text names China or a place abroad;
- :mod:`l10n.names.analysis`: the one reading of a segment every detector reads (:class:`Analysis`:
  its words, sentences, clauses and titles, and the foreign country a clause or a sentence ties a
  name to), made once per segment (:func:`analysis_of`);
- :mod:`l10n.names.places`: places in running text, national capitals;
- :mod:`l10n.names.boundaries`: where the text's own words cut or confirm a glossary match;
- :mod:`l10n.names.foreign`: foreign and minority names (transliteration, CC-CEDICT's English);
- :mod:`l10n.names.vietnamese`: Vietnamese people and their own spelling;
- :mod:`l10n.names.checks`: whether a span can be a person's name, and the second signal's veto;
- :mod:`l10n.names.people`: the signals that find people, a table of them (titles, 同志, the
  glossary's titles, verbs, person nouns, prepositions, lists), and interpuncts;
- :mod:`l10n.names.find`: :func:`find_names`, people and places in a text, rendered.

The words these modules read (titles, surnames, the words that follow a name, stop characters,
person nouns, prepositions …) are vocabularies, one data file a role (:mod:`l10n.vocabulary`).
Every name other modules use is imported from here, ``l10n.names``.
"""

from __future__ import annotations

from l10n.names.analysis import Analysis, analysis_of, country_sides, foreign_context, sentence_country
from l10n.names.boundaries import (
    place_across, place_inside_a_word, splits_a_place, term_across_words, term_split_by_the_text, title_confirmed,
    title_over_place, zhong_gong_apart,
)
from l10n.names.checks import capital_names_a_person
from l10n.names.context import COMRADE, NAME_DOTS, STOP_CHARACTERS
from l10n.names.countries import SIDE_ABBREVIATIONS, is_foreign_city
from l10n.names.find import find_names
from l10n.names.foreign import (
    FOREIGN_NAME, FOREIGN_NAME_CATEGORY, MINORITY_NAMES, TRANSLITERATION_SCORES, VIETNAMESE_NAME, as_named, dotted_english,
    foreign_english, is_foreign_flag, minority_name_elements, reads_as_minority_name, reads_as_transliteration,
    transliteration_score,
)
from l10n.names.people import PERSON_NOUNS
from l10n.names.places import capital_context, capital_country, is_place_name, place_at_an_edge, suffix_starts_a_word
from l10n.names.readings import (
    _common_word, cedict_reading, is_common_english, is_known_place, is_word, place_english,
)
from l10n.names.romanize import (
    COMPOUND_SURNAMES, GIVEN_NAME_READINGS, PLACE_SUFFIXES, SURNAME_READINGS, SURNAMES, join_syllables, pinyin_syllables,
    reference_places, romanize_name, romanize_place, romanize_surname, split_name,
)
from l10n.names.vietnamese import VIETNAMESE_NAME_CATEGORY, is_vietnamese, vietnamese_reading

__all__ = [
    "Analysis", "COMPOUND_SURNAMES", "COMRADE", "FOREIGN_NAME", "FOREIGN_NAME_CATEGORY", "GIVEN_NAME_READINGS", "MINORITY_NAMES",
    "NAME_DOTS", "PERSON_NOUNS", "PLACE_SUFFIXES", "SIDE_ABBREVIATIONS", "STOP_CHARACTERS", "SURNAMES", "SURNAME_READINGS",
    "TRANSLITERATION_SCORES", "VIETNAMESE_NAME", "VIETNAMESE_NAME_CATEGORY", "_common_word", "analysis_of", "as_named",
    "capital_context", "capital_country", "capital_names_a_person", "cedict_reading", "country_sides", "dotted_english", "find_names",
    "foreign_context", "foreign_english", "is_common_english", "is_foreign_city", "is_foreign_flag", "is_known_place",
    "is_place_name", "is_vietnamese", "is_word", "join_syllables", "minority_name_elements", "pinyin_syllables",
    "place_across", "place_at_an_edge", "place_english", "place_inside_a_word", "reads_as_minority_name",
    "reads_as_transliteration", "reference_places", "romanize_name", "romanize_place", "romanize_surname", "sentence_country", "split_name",
    "splits_a_place", "suffix_starts_a_word", "term_across_words", "term_split_by_the_text", "title_confirmed",
    "title_over_place", "transliteration_score", "vietnamese_reading", "zhong_gong_apart",
]
