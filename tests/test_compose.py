"""Issue 42: one composer of place + level + organ English, read from one table of administrative levels.

What drafting, review and check require (:func:`l10n.required.requirements_on`), the issuing body
export and drafting write on the Source line (:func:`l10n.export.compose_body_name`) and the English
``l10n glossary suggest`` proposes (:func:`l10n.glossary.suggest.built_english`) are one string for
every place + level + organ (+ title) below, all made by :mod:`l10n.compose` from a small glossary of
place, organ and title rows. None of these lines is from the dev set.
"""

from __future__ import annotations

import pytest

from l10n.compose import composed
from l10n.export import compose_body_name
from l10n.glossary import Glossary, Term
from l10n.glossary.suggest import built_english
from l10n.places import ADMINISTRATIVE_LEVELS, LEVELS, ORGAN_LEVELS, SUFFIXES_IN_TEXT
from l10n.required import requirements_on
from l10n.vocabulary import VOCABULARY


def _rows(category: str, *rows: tuple[str, str]) -> list[Term]:
    return [Term(f"{category}-{i}", zh, en, category, "approved") for i, (zh, en) in enumerate(rows)]


GLOSSARY = Glossary([
    # places: short forms, and with their level as the reference data writes them (吕梁市 Lüliang City)
    *_rows("place", ("吕梁", "Lüliang"), ("吕梁市", "Lüliang City"), ("平遥县", "Pingyao County"), ("晋中", "Jinzhong"),
           ("如皋", "Rugao"), ("湖南省", "Hunan Province"), ("长沙", "Changsha"), ("江西", "Jiangxi"), ("孝义市", "Xiaoyi City"),
           ("锡林郭勒", "Xilingol"), ("甘孜", "Garze"), ("朝阳", "Chaoyang"), ("山西省", "Shanxi Province"), ("娄烦", "Loufan")),
    *_rows("organ", ("地委宣传部", "Publicity Department of the Prefectural Party Committee"),
           ("盟委宣传部", "Publicity Department of the League Party Committee"),
           ("市委宣传部", "Publicity Department of the Municipal Party Committee"),
           ("市委党史研究室", "Party History Research Office of the Municipal Party Committee"),
           ("乡党委", "Township Party Committee"), ("镇党委", "Town Party Committee"), ("县委", "County Party Committee"),
           ("市委", "Municipal Party Committee"), ("省委", "Provincial Party Committee"), ("区委", "District Party Committee"),
           ("州委", "Prefectural Party Committee"), ("档案局", "Archives Bureau"), ("地方志办公室", "Local Chronicles Office"),
           ("教育厅", "Department of Education"), ("教育局", "Bureau of Education"), ("公安局", "Public Security Bureau"),
           ("文物局", "Cultural Relics Bureau"), ("县政府", "County Government"), ("市政府", "Municipal Government")),
    *_rows("title", ("书记", "Secretary"), ("副书记", "Deputy Secretary"), ("常委", "Member of the Standing Committee"),
           ("副市长", "Vice Mayor")),
])

COMPOSED = [  # (place + level + organ (+ title), the one English every stage gives it)
    ("吕梁地委宣传部", "Publicity Department of the Lüliang Prefectural Party Committee"),
    ("吕梁乡党委书记", "Secretary of the Lüliang Township Party Committee"),
    ("吕梁市档案局", "Lüliang Municipal Archives Bureau"),
    ("平遥县地方志办公室", "Pingyao County Local Chronicles Office"),
    ("晋中市委党史研究室", "Party History Research Office of the Jinzhong Municipal Party Committee"),
    ("如皋市委宣传部", "Publicity Department of the Rugao Municipal Party Committee"),
    ("吕梁市教育局", "Lüliang Municipal Bureau of Education"),
    ("湖南省教育厅", "Hunan Provincial Department of Education"),
    ("山西省文物局", "Shanxi Provincial Cultural Relics Bureau"),
    ("孝义市公安局", "Xiaoyi Municipal Public Security Bureau"),
    ("孝义市档案局", "Xiaoyi Municipal Archives Bureau"),
    ("锡林郭勒盟委宣传部", "Publicity Department of the Xilingol League Party Committee"),
    ("长沙市委常委", "Member of the Standing Committee of the Changsha Municipal Party Committee"),
    ("吕梁镇党委副书记", "Deputy Secretary of the Lüliang Town Party Committee"),
    ("平遥县委书记", "Secretary of the Pingyao County Party Committee"),
    ("江西省委副书记", "Deputy Secretary of the Jiangxi Provincial Party Committee"),
    ("甘孜州委书记", "Secretary of the Garze Prefectural Party Committee"),
    ("朝阳区委常委", "Member of the Standing Committee of the Chaoyang District Party Committee"),
]


def required_english(source: str) -> str:
    """The target of the one rendering requirements merged *source* into."""
    whole = [r for r in requirements_on(source, GLOSSARY) if (r.start, r.end) == (0, len(source))]
    assert len(whole) == 1, requirements_on(source, GLOSSARY)
    return whole[0].target


@pytest.mark.parametrize("source, english", COMPOSED)
def test_requirements_export_and_suggest_give_one_english(source, english):
    assert required_english(source) == english
    assert compose_body_name(source, requirements_on(source, GLOSSARY)) == english
    assert built_english(source, GLOSSARY.matcher())[0] == english


@pytest.mark.parametrize("source, english", [
    # no level to put the place in or to take from it: two renderings, written side by side
    ("娄烦县政府", "Loufan County Government"),
    ("长沙市政府", "Changsha Municipal Government"),
])
def test_what_does_not_compose_stays_apart_and_is_written_side_by_side(source, english):
    required = requirements_on(source, GLOSSARY)
    assert len(required) == 2 and not any((r.start, r.end) == (0, len(source)) for r in required)
    assert compose_body_name(source, required) == english
    assert built_english(source, GLOSSARY.matcher())[0] == english


def test_a_title_after_a_place_with_its_level_is_no_body():
    # 吕梁市 + 副市长 is a Vice Mayor of Lüliang City, never a "Lüliang Municipal Vice Mayor"
    assert [(r.source, r.target) for r in requirements_on("吕梁市副市长王明出席", GLOSSARY) if r.kind == "term"] == [
        ("吕梁市", "Lüliang City"), ("副市长", "Vice Mayor")]
    assert built_english("吕梁市副市长", GLOSSARY.matcher())[0] == ""


@pytest.mark.parametrize("draft, passes", [
    ("The Lüliang Municipal Archives Bureau held a meeting.", True),
    ("The Lüliang City Archives Bureau held a meeting.", True),  # the two parts side by side, as drafts wrote them before
    ("The Archives Bureau of Lüliang City held a meeting.", True),
    ("The Lüliang Archives Bureau held a meeting.", False),
])
def test_a_composed_requirement_accepts_the_forms_the_parts_accepted(draft, passes):
    from l10n.quality.qa import check_segment

    source = "吕梁市档案局召开会议。"
    findings = [f.check for f in check_segment(source, draft, requirements_on(source, GLOSSARY)) if f.is_error]
    assert (findings == []) is passes, findings


def test_composing_what_is_composed_changes_nothing():
    for source, _ in COMPOSED:
        required = requirements_on(source, GLOSSARY)
        assert composed(required) == required


# --- the one table of administrative levels ------------------------------------------------

@pytest.mark.parametrize("suffix, noun, adjective", [
    ("省", "Province", "Provincial"), ("市", "City", "Municipal"), ("县", "County", "County"), ("区", "District", "District"),
    ("地", "Prefecture", "Prefectural"), ("州", "Prefecture", "Prefectural"), ("乡", "Township", "Township"), ("镇", "Town", "Town"),
    ("村", "Village", "Village"), ("盟", "League", "League"), ("旗", "Banner", "Banner"),
    ("自治州", "Autonomous Prefecture", ""), ("特别行政区", "Special Administrative Region", ""),
])
def test_each_level_has_its_noun_and_adjective_in_one_table(suffix, noun, adjective):
    level = next(level for level in ADMINISTRATIVE_LEVELS if level.suffix == suffix)
    assert (level.noun, level.adjective) == (noun, adjective)
    assert ORGAN_LEVELS.get(suffix, "") == adjective


def test_every_stage_reads_its_levels_from_the_one_table():
    from l10n.names import PLACE_SUFFIXES

    assert PLACE_SUFFIXES == SUFFIXES_IN_TEXT == {"省": "Province", "市": "City", "县": "County", "区": "District", "镇": "Town",
                                                  "乡": "Township", "村": "Village"}
    assert [suffix for suffix, _ in LEVELS] == ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "矿区",
                                                "省", "市", "盟", "县", "旗", "区"]
    assert not (VOCABULARY / "level_adjectives.tsv").exists()  # one table, not one a stage
