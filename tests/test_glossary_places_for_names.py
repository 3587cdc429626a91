"""Places and organs are no names (issue 42).

An approved glossary ``place`` is a place for name detection, as a reference place is: no name
starts inside it (凤阳王明、李强: 王明, not 阳王明), and a level suffix right after it is the
place's (凤鸣 + 镇 + 李强), so the name after it is found. Unapproved, the row holds its span as a
hint and the suffix is read as today. And an organ's name (宣传部, 卫健委, 住建局) is no person's
name, even where jieba tags it one, with no glossary at all.

Every sentence is written for this table; none is from the benchmark set. The places are made
up (凤鸣, 凤阳 as a township's name) or ones the reference data does not list whole (乌兰察布 + a
name), so only the glossary's row makes them places.
"""

from __future__ import annotations

import pytest

from l10n.glossary import FIELDS, Glossary
from l10n.required import requirements_on

HEADER = ",".join(FIELDS) + "\n"
PLACES = [("凤鸣", "Fengming"), ("凤阳", "Fengyang"), ("乌兰察布", "Ulanqab")]


def glossary(status: str | None) -> Glossary:
    """A fresh glossary holding :data:`PLACES` as ``place`` rows of *status*; None: an empty one."""
    rows = [] if status is None else [
        f"p{i},{zh},{en},place,{status},,,,,,{'Jing' if status == 'approved' else ''}," for i, (zh, en) in enumerate(PLACES)]
    return Glossary.from_text(HEADER + "".join(row + "\n" for row in rows))


def names(source: str, terms: Glossary) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in requirements_on(source, terms) if r.kind == "name"]


# (sentence, the names with the places approved, the names with them only proposed, with no row)
PLACE_CASES = [
    ("乌兰察布王建国副市长出席。", [("王建国", "Wang Jianguo")], [("王建国", "Wang Jianguo")], []),
    ("凤鸣镇长李强出席。", [("李强", "Li Qiang")], [("李强", "Li Qiang")], [("李强", "Li Qiang")]),
    ("凤阳王明、李强出席会议。", [("王明", "Wang Ming"), ("李强", "Li Qiang")], [("王明", "Wang Ming"), ("李强", "Li Qiang")],
     [("李强", "Li Qiang")]),
    ("凤阳镇王明、李强出席会议。", [("王明", "Wang Ming"), ("李强", "Li Qiang")], [("李强", "Li Qiang")], [("李强", "Li Qiang")]),
    ("凤鸣镇王明表示，要抓好秋收。", [("王明", "Wang Ming")], [], []),
    ("凤鸣乡李强表示，要抓好秋收。", [("李强", "Li Qiang")], [], []),
    ("乌兰察布市李强表示，要抓好秋收。", [("李强", "Li Qiang")], [], []),
    ("凤鸣镇村民王大明说，今年收成好。", [("王大明", "Wang Daming")], [("王大明", "Wang Daming")], [("王大明", "Wang Daming")]),
    ("凤鸣江华副市长出席。", [("江华", "Jiang Hua")], [("江华", "Jiang Hua")], []),
]


@pytest.mark.parametrize("source, approved, proposed, without", PLACE_CASES)
def test_an_approved_place_is_a_place_for_name_detection(source, approved, proposed, without):
    assert names(source, glossary("approved")) == approved
    assert names(source, glossary("proposed")) == proposed
    assert names(source, glossary(None)) == without


@pytest.mark.parametrize("source", [s for s, *_ in PLACE_CASES])
def test_no_name_runs_over_an_approved_place(source):
    spans = [(r.start, r.end) for r in requirements_on(source, glossary("approved")) if r.kind == "term"]
    people = [r for r in requirements_on(source, glossary("approved")) if r.kind == "name"]
    assert all(p.end <= s or p.start >= e for p in people for s, e in spans)


# (sentence with an empty glossary, the one person in it): organ + title + name
ORGAN_CASES = [
    ("平遥县委常委、宣传部部长赵丽萍陪同调研。", ("赵丽萍", "Zhao Liping")),
    ("县委常委、宣传部副部长陈晓东在会上讲话。", ("陈晓东", "Chen Xiaodong")),
    ("市委常委、宣传部部长何丽娟致辞。", ("何丽娟", "He Lijuan")),
    ("县委委员、卫健委主任孙立军陪同检查。", ("孙立军", "Sun Lijun")),
    ("县委常委、武装部部长魏东升出席会议。", ("魏东升", "Wei Dongsheng")),
    ("市委常委、组织部部长王建华出席会议。", ("王建华", "Wang Jianhua")),
    ("县委常委、统战部部长李春梅主持会议。", ("李春梅", "Li Chunmei")),
    ("副县长、财政局局长张志刚介绍了有关情况。", ("张志刚", "Zhang Zhigang")),
    ("县委常委、政法委书记周国平出席。", ("周国平", "Zhou Guoping")),
    ("县住建局局长黄志强出席会议。", ("黄志强", "Huang Zhiqiang")),
    ("区文明办主任郑晓燕介绍经验。", ("郑晓燕", "Zheng Xiaoyan")),
    ("县委常委、办公室主任马文斌参加会议。", ("马文斌", "Ma Wenbin")),
]


@pytest.mark.parametrize("source, person", ORGAN_CASES)
def test_an_organ_is_no_name_with_an_empty_glossary(source, person):
    assert names(source, glossary(None)) == [person]
