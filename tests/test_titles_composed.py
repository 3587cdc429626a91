"""Titles composed by rule: a committee's organ and the title after it are one title, held of it.

The glossary lists each organ (省委, 市政协, 县人大常委会 …) and each title (副书记, 秘书长, 常委 …)
once; 省委 + 副书记 is then required as the "Deputy Secretary of the Provincial Party Committee",
in the glossary's own wording, as its row 省委书记 is — not as the two parts side by side
("Provincial Party Committee Deputy Secretary"), which a small model writes from them. A place
before the organ goes inside it. None of these combinations is a row of the shipped glossary.
"""

from __future__ import annotations

import pytest

from l10n.required import requirements_on

COMPOSED = [
    ("省委副书记", "Deputy Secretary of the Provincial Party Committee"),
    ("市委副书记", "Deputy Secretary of the Municipal Party Committee"),
    ("县委副书记", "Deputy Secretary of the County Party Committee"),
    ("区委副书记", "Deputy Secretary of the District Party Committee"),
    ("镇党委副书记", "Deputy Secretary of the Town Party Committee"),
    ("乡党委副书记", "Deputy Secretary of the Township Party Committee"),
    ("党委副书记", "Deputy Secretary of the Party Committee"),
    ("镇党委书记", "Secretary of the Town Party Committee"),
    ("乡党委书记", "Secretary of the Township Party Committee"),
    ("省委秘书长", "Secretary-General of the Provincial Party Committee"),
    ("市委秘书长", "Secretary-General of the Municipal Party Committee"),
    ("县委副秘书长", "Deputy Secretary-General of the County Party Committee"),
    ("省委委员", "Member of the Provincial Party Committee"),
    ("镇党委委员", "Member of the Town Party Committee"),
    ("乡党委常委", "Member of the Standing Committee of the Township Party Committee"),
    ("省政协副主席", "Vice Chairman of the Provincial CPPCC Committee"),
    ("市政协副主席", "Vice Chairman of the Municipal CPPCC Committee"),
    ("县政协主席", "Chairman of the County CPPCC Committee"),
    ("市政协常委", "Member of the Standing Committee of the Municipal CPPCC Committee"),
    ("省政协秘书长", "Secretary-General of the Provincial CPPCC Committee"),
    ("省人大常委会副主任", "Deputy Director of the Standing Committee of the Provincial People's Congress"),
    ("市人大常委会主任", "Director of the Standing Committee of the Municipal People's Congress"),
    ("县人大常委会副主任", "Deputy Director of the Standing Committee of the County People's Congress"),
    ("市人大常委会秘书长", "Secretary-General of the Standing Committee of the Municipal People's Congress"),
    ("市人大常委会委员", "Member of the Standing Committee of the Municipal People's Congress"),
    ("区人大常委会常委", "Member of the Standing Committee of the District People's Congress"),  # "Standing Committee" said once
    ("中央军委副主席", "Vice Chairman of the Central Military Commission"),
    ("团市委副书记", "Deputy Secretary of the Municipal Committee of the Communist Youth League"),
    ("团县委书记", "Secretary of the County Committee of the Communist Youth League"),
]


def terms(source: str, glossary) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in requirements_on(source, glossary) if r.kind == "term"]


@pytest.fixture(scope="module")
def shipped():
    """The repository's glossary, with the reference places under it, as drafting reads it."""
    from pathlib import Path

    from l10n.config import load_config
    from l10n.required import project_glossary

    return project_glossary(load_config(Path(__file__).resolve().parent.parent / "l10n.toml"))


@pytest.mark.parametrize("zh, english", COMPOSED)
def test_a_committee_and_its_title_are_required_as_one_title(shipped, zh, english):
    assert zh not in {t.zh for t in shipped.terms}  # composed, not listed
    assert terms(f"{zh}王建国出席会议。", shipped) == [(zh, english)]


@pytest.mark.parametrize("source, zh, english", [
    ("江西省委副书记李炳军参加了调研。", "江西省委副书记", "Deputy Secretary of the Jiangxi Provincial Party Committee"),
    ("吕梁市委副书记王明出席。", "吕梁市委副书记", "Deputy Secretary of the Lüliang Municipal Party Committee"),
    ("共青团长沙市委副书记王明出席。", "共青团长沙市委副书记", "Deputy Secretary of the Changsha Municipal Committee of the Communist Youth League"),
])
def test_the_place_before_goes_inside_the_composed_title(shipped, source, zh, english):
    assert (zh, english) in terms(source, shipped)


def test_the_parts_side_by_side_do_not_pass(shipped):
    from l10n.quality.qa import check_segment

    source = "省委副书记王明出席会议。"
    required = requirements_on(source, shipped)
    errors = lambda draft: [f.check for f in check_segment(source, draft, required) if f.is_error]
    assert errors("Deputy Secretary of the Provincial Party Committee Wang Ming attended the meeting.") == []
    assert errors("Wang Ming, deputy secretary of the provincial Party committee, attended the meeting.") == []
    assert errors("Provincial Party Committee Deputy Secretary Wang Ming attended the meeting.") == ["missing-term"]


@pytest.mark.parametrize("source, parts", [
    # a department's head is its own row (宣传部部长 "Head of the Publicity Department"), not composed
    ("省委宣传部部长王明出席。", ["省委宣传部", "部长"]),
    # a foreign party's committee is no Chinese organ: the title stays alone
    ("老挝人革党中央总书记本扬出席。", ["总书记"]),
])
def test_what_is_not_composed(shipped, source, parts):
    assert [zh for zh, _ in terms(source, shipped)] == parts
