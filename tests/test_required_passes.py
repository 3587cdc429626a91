"""What a segment requires, pass by pass: each of l10n.required.PASSES on its own table of cases.

Each case runs the passes up to and including the one under test on a fresh glossary written for
it, and looks at what that pass left in the Reading. The sentences are written for this table;
none is from the benchmark set.
"""

from __future__ import annotations

import pytest

from l10n.glossary import FIELDS, Glossary
from l10n.glossary.files import reference_terms
from l10n.required import PASSES, Reading, arbitrate, glossary_terms, requirements

HEADER = ",".join(FIELDS) + "\n"
ROWS = [
    ("o1", "县委", "County Party Committee", "organ"),
    ("o2", "宣传部", "Publicity Department", "organ"),
    ("o3", "市委宣传部", "Publicity Department of the Municipal Party Committee", "organ"),
    ("t1", "书记", "Secretary", "title"),
    ("t2", "副书记", "Deputy Secretary", "title"),
    ("t3", "总理", "Premier", "title"),
    ("t4", "总工程师", "Chief Engineer", "title"),
    ("t5", "县委常委", "Member of the Standing Committee of the County Party Committee", "title"),
    ("p1", "凤鸣", "Fengming", "place"),
    ("w1", "高新技术", "high-tech", "not-a-name"),
]
ROWS_ONLY = Glossary.from_text(HEADER + "".join(f"{i},{zh},{en},{c},approved,,,,,,Jing,\n" for i, zh, en, c in ROWS))
MATCHER = Glossary(ROWS_ONLY.terms, reference=reference_terms()).matcher(on=None)  # l10n's reference places under the rows
NAMES = [step.__name__ for step in PASSES]


def through(name: str, source: str) -> Reading:
    """The Reading of *source* after the passes up to and including *name*."""
    reading = Reading(source, glossary_terms(source, MATCHER))
    for step in PASSES[: NAMES.index(name) + 1]:
        step(reading)
    return reading


def shown(renderings) -> list[tuple[str, str, str]]:
    return [(r.kind, r.source, r.target) for r in renderings]


def test_the_passes_and_their_order():
    assert NAMES == ["not_a_name_rows", "places_that_hold", "titles_and_offices", "teams", "composed_bodies", "sides",
                     "places_that_split_no_name", "people", "ordinals", "places_past_their_date"]
    assert all(step.__doc__ for step in PASSES)  # each pass says what it does


def test_requirements_is_the_passes_then_the_arbiter():
    for source in ("县委书记王明出席会议。", "越方代表高新技术企业发言。", "十二届全国人大一次会议开幕。"):
        assert requirements(source, MATCHER) == arbitrate(through(NAMES[-1], source))


@pytest.mark.parametrize("source, not_names, terms", [
    ("他代表高新技术企业发言。", [("hint", "高新技术", "high-tech")], []),
    ("县委书记出席。", [], ["县委"]),  # nothing to set aside
])
def test_not_a_name_rows(source, not_names, terms):
    r = through("not_a_name_rows", source)
    assert shown(r.not_names) == not_names
    assert not any(t.category == "not-a-name" for t in r.terms)
    assert [t.source for t in r.terms if t.category == "organ"] == terms


@pytest.mark.parametrize("source, kept, dropped", [
    ("花垣县长乐乡米迫村召开会议。", [], ["长乐"]),  # 长乐 runs on into 长乐乡, a township the data does not list
    ("市长罗马指出，要抓好生产。", [], ["罗马"]),  # a capital that names a person: Mayor Luo Ma
    ("代表团抵达罗马访问。", ["罗马"], []),
])
def test_places_that_hold(source, kept, dropped):
    places = [t.source for t in through("places_that_hold", source).terms if t.kind == "place"]
    assert all(p in places for p in kept) and not any(p in places for p in dropped)


@pytest.mark.parametrize("source, target, kind", [
    ("越南政府总理范明政出席。", "Prime Minister", "hint"),  # a foreign state's office
    ("国务院总理李强出席。", "Premier", "term"),
])
def test_titles_and_offices(source, target, kind):
    [premier] = [t for t in through("titles_and_offices", source).terms if t.source == "总理"]
    assert (premier.target, premier.kind) == (target, kind)


@pytest.mark.parametrize("source, target, category", [
    ("县委常委班子召开会议。", "Standing Committee of the County Party Committee", "organ"),  # the body its members make up
    ("县委常委王明出席。", "Member of the Standing Committee of the County Party Committee", "title"),
])
def test_teams(source, target, category):
    [title] = [t for t in through("teams", source).terms if t.source == "县委常委"]
    assert (title.target, title.category) == (target, category)


@pytest.mark.parametrize("source, composed", [
    ("县委副书记王明出席。", ("县委副书记", "Deputy Secretary of the County Party Committee")),
    ("吕梁市委宣传部召开会议。", ("吕梁市委宣传部", "Publicity Department of the Lüliang Municipal Party Committee")),
])
def test_composed_bodies(source, composed):
    assert composed in [(t.source, t.target) for t in through("composed_bodies", source).terms]


@pytest.mark.parametrize("source, sides", [
    ("越方表示愿加强合作。", ["越方"]),
    ("执法方面要加强。", []),  # 执法方面 holds no side
])
def test_sides(source, sides):
    assert [s.source for s in through("sides", source).sides] == sides


def test_places_that_split_no_name():
    # 欧阳明 is one person: the reference place 阳明 (if any) or any place inside the name goes
    terms = through("places_that_split_no_name", "主任欧阳明出席会议。").terms
    assert not any(t.kind == "place" and 2 <= t.start < 5 for t in terms)


@pytest.mark.parametrize("source, people", [
    ("总工程师王建国介绍了新书。", ["王建国"]),  # a glossary title anchors the name
    ("凤鸣镇王明表示，要抓好秋收。", ["王明"]),  # an approved place is a place, its 镇 too
    ("他代表高新技术企业发言。", []),  # a not-a-name row is no person
])
def test_people(source, people):
    assert [n.source for n in through("people", source).names if n.kind == "name"] == people


@pytest.mark.parametrize("source, ordinals", [
    ("十二届全国人大一次会议开幕。", [("ordinal", "十二届", "12th")]),
    ("第三次会议开幕。", [("ordinal", "第三次", "third")]),  # below 10 the word
    ("三次会议开幕。", []),  # no 第: "three meetings"
])
def test_ordinals(source, ordinals):
    assert shown(through("ordinals", source).ordinals) == ordinals


def test_places_past_their_date():
    r = through("places_past_their_date", "县委书记王明出席。")
    assert all(t.target for t in r.terms)
