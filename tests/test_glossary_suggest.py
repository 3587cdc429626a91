"""``glossary suggest``'s candidates: only what the approved glossary does not cover, English built from its parts."""

from __future__ import annotations

import pytest

from l10n.glossary import Glossary, Term
from l10n.glossary.suggest import candidates

GLOSSARY = Glossary([
    Term("org-archives", "档案局", "Archives Bureau", "organ", "approved"),
    Term("org-national-archives", "国家档案局", "National Archives Administration", "organ", "approved"),
    Term("org-mpc", "市委", "Municipal Party Committee", "organ", "approved"),
    Term("org-cpc-county", "县委", "County Party Committee", "organ", "approved"),
    Term("org-mphro", "市委党史研究室", "Party History Research Office of the Municipal Party Committee", "organ", "approved"),
    Term("org-lco", "地方志办公室", "Local Chronicles Office", "organ", "approved"),
    Term("title-sc", "常委", "Member of the Standing Committee", "title", "approved"),
    Term("title-dd", "副局长", "Deputy Director", "title", "approved"),
    Term("place-lvliang", "吕梁", "Lüliang", "place", "approved"),
    Term("org-health", "卫生局", "Health Bureau", "organ", "proposed"),
    Term("org-old", "文化局", "Culture Bureau", "organ", "rejected"),
])

CASES = {
    # covered whole, by the term itself or a longer one: nothing to suggest
    "a term the glossary has": ("档案局召开会议", []),
    "inside a longer approved term": ("国家档案局召开会议", []),
    "a proposed or rejected term is known too": ("卫生局和文化局召开会议", []),
    "covered by two approved terms": ("县委常委讲话", []),
    "the glossary's place and organ": ("吕梁档案局召开会议", []),
    # what is left gets its English from the parts
    "level + organ": ("县地方志办公室召开会议", [("县地方志办公室", "County Local Chronicles Office", "organ", "org-lco")]),
    "glossary place + level + organ": ("吕梁市档案局召开会议", [("吕梁市档案局", "Lüliang Municipal Archives Bureau", "organ", "place-lvliang+org-archives")]),
    "place into the organ's level": ("晋中市委党史研究室召开会议", [
        ("晋中市委党史研究室", "Party History Research Office of the Jinzhong Municipal Party Committee", "organ", "org-mphro"),
        ("晋中市委", "Jinzhong Municipal Party Committee", "organ", "org-mpc"),
    ]),
    "place + organ + title": ("平遥县委常委讲话", [
        ("平遥县委", "Pingyao County Party Committee", "organ", "org-cpc-county"),
        ("平遥县委常委", "Member of the Standing Committee of the Pingyao County Party Committee", "title", "org-cpc-county+title-sc"),
    ]),
    "unknown: no English": ("县卫生局召开会议", [("县卫生局", "", "organ", "")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_candidates_are_only_what_the_approved_glossary_does_not_cover(name):
    text, expected = CASES[name]
    assert [(c.zh, c.en, c.category, c.origin) for c in candidates(text, GLOSSARY)] == expected


def test_cc_cedict_gives_the_english_the_glossary_cannot_build():
    from l10n.glossary.suggest import load_dictionary

    (c,) = candidates("外交部召开会议", GLOSSARY, dictionary=load_dictionary())
    assert (c.zh, c.en, c.origin) == ("外交部", "Ministry of Foreign Affairs", "CC-CEDICT")


@pytest.mark.parametrize("text,expected", [
    # the reference data's 晋中市 and 平遥县 end in a level the organ after them takes (市委, 县委):
    # drafting reads 晋中 + 市委党史研究室, so the glossary covers them in parts
    ("晋中市委党史研究室主任张文华", []),
    ("平遥县委常委、宣传部部长赵丽萍陪同调研。", []),
    ("调研组参观了县地方志办公室", [("县地方志办公室", "County Local Chronicles Office")]),
    ("吕梁市档案局召开会议", [("吕梁市档案局", "Lüliang Municipal Archives Bureau")]),
])
def test_the_repository_glossary_and_its_reference_places_are_read_as_drafting_reads_them(text, expected):
    from pathlib import Path

    from l10n.places import REFERENCE_PLACES

    root = Path(__file__).resolve().parent.parent
    glossary = Glossary.from_files(sorted((root / "glossary").glob("*.csv")), reference=[REFERENCE_PLACES])
    assert [(c.zh, c.en) for c in candidates(text, glossary)] == expected
