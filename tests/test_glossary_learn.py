"""``glossary learn``: corrections reviewers make the same way in several entries become proposals.

Tables of the phrase diff (:func:`l10n.glossary.learn.changed_phrases`), then the whole
learning step on hand-made reviewed entries: a recurring correction of an institution's
English, a reviewer's spelling of a person, and what is not proposed (a one-off change, a
change to a term the glossary already approves, a change to ordinary words).
"""

from __future__ import annotations

import pytest

from l10n.glossary import FIELDS, Glossary
from l10n.glossary.learn import Reviewed, changed_phrases, learn


@pytest.mark.parametrize("machine, approved, changes", [
    ("The County Convergence Media Center held a meeting.", "The County Integrated Media Centre held a meeting.",
     [("County Convergence Media Center", "County Integrated Media Centre")]),
    # the phrase is the name with its title; learn narrows it to what the segment required (the person)
    ("Director Li Chengming chaired it.", "Director Lee Cheng-ming chaired it.", [("Director Li Chengming", "Director Lee Cheng-ming")]),
    # the words of a name reordered
    ("It said the Lüliang Municipal CPPCC met.", "It said the CPPCC Lüliang Municipal Committee met.",
     [("Lüliang Municipal CPPCC", "CPPCC Lüliang Municipal Committee")]),
    # a name's small words stay inside it, a sentence's opening article does not
    ("The Party History Office of the County Committee met.", "The Party History Research Office of the County Committee met.",
     [("Party History Office of the County Committee", "Party History Research Office of the County Committee")]),
    # style, not terms: ordinary words only
    ("The meeting was held today.", "The meeting took place today.", []),
    ("It is a good plan.", "It is a sound plan.", []),
    # unchanged
    ("The CPPCC met.", "The CPPCC met.", []),
])
def test_changed_phrases(machine, approved, changes):
    assert changed_phrases(machine, approved) == changes


MEDIA_CENTRE = [
    ("b", "1.1", "县融媒体中心记者报道，会议召开。", "A reporter from the County Convergence Media Center reported that the meeting was held.",
     "A reporter from the County Integrated Media Centre reported that the meeting was held."),
    ("b", "1.2", "县融媒体中心举办培训班。", "The County Convergence Media Center held a training course.",
     "The County Integrated Media Centre held a training course."),
    ("c", "2.1", "近日，县融媒体中心开展活动。", "Recently, the County Convergence Media Center carried out activities.",
     "Recently, the County Integrated Media Centre carried out activities."),
]
PERSON = [
    ("c", "2.2", "主任李成明出席。", "Director Li Chengming attended.", "Director Lee Cheng-ming attended."),
    ("d", "1.1", "主任李成明讲话。", "Director Li Chengming spoke.", "Director Lee Cheng-ming spoke."),
]


def reviewed(*rows) -> list[Reviewed]:
    return [Reviewed(*row) for row in rows]


def glossary(*rows: str) -> Glossary:
    return Glossary.from_text(",".join(FIELDS) + "\n" + "".join(f"{row}\n" for row in rows))


def test_a_correction_made_in_three_entries_is_proposed_with_its_evidence():
    [proposal] = learn(reviewed(*MEDIA_CENTRE), glossary())
    assert (proposal.zh, proposal.en, proposal.category, proposal.machine) == (
        "县融媒体中心", "County Integrated Media Centre", "organ", "County Convergence Media Center")
    assert [(c.slug, c.context) for c in proposal.evidence] == [("b", "1.1"), ("b", "1.2"), ("c", "2.1")]
    assert "learned from 3 reviewed entries (b 1.1, b 1.2, c 2.1)" in proposal.note()


def test_a_reviewers_spelling_of_a_person_is_a_person_row():
    [proposal] = learn(reviewed(*PERSON), glossary())
    assert (proposal.zh, proposal.en, proposal.category, proposal.machine) == ("李成明", "Lee Cheng-ming", "person", "Li Chengming")


@pytest.mark.parametrize("rows, at_least, expected", [
    (MEDIA_CENTRE, 2, ["县融媒体中心"]),
    (MEDIA_CENTRE, 4, []),  # three entries are not four
    (MEDIA_CENTRE[:1], 2, []),  # a one-off change is a reviewer's choice, not a term
    ([*MEDIA_CENTRE, *PERSON], 2, ["县融媒体中心", "李成明"]),  # most evidence first
])
def test_what_recurs_at_least_so_often_is_proposed(rows, at_least, expected):
    assert [p.zh for p in learn(reviewed(*rows), glossary(), at_least=at_least)] == expected


def test_a_term_the_glossary_approves_is_not_proposed_again():
    approved = "media,县融媒体中心,County Convergence Media Center,organ,approved,,,,,,Jing,"
    assert learn(reviewed(*MEDIA_CENTRE), glossary(approved)) == []
