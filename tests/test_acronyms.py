"""Acronyms in full at their first mention in a bulletin, from the glossary's own full forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.catalog import read_catalog, write_catalog
from l10n.config import load_config
from l10n.draft import draft_catalog
from l10n.quality.qa import check_segment

from test_draft import GLOSSARY, ScriptedEngine, with_bulletin

TERMS = GLOSSARY + """org-cppcc-full,中国人民政治协商会议,Chinese People's Political Consultative Conference,organ,approved,,,,test,ed,ed,2024-01-01
org-cppcc-national,全国政协,CPPCC National Committee,organ,approved,,,,test,ed,ed,2024-01-01
"""

BULLETIN = """全国政协召开会议

全国政协召开常委会会议，审议有关报告。政协委员参加会议。
"""

REPLIES = {
    "全国政协召开会议": "CPPCC National Committee holds meeting",
    "全国政协召开常委会会议，审议有关报告。": "The CPPCC National Committee held a Standing Committee meeting to review the reports.",
    "政协委员参加会议。": "CPPCC members attended the meeting.",
}
FULL = "National Committee of the Chinese People's Political Consultative Conference (CPPCC)"


@pytest.fixture
def cppcc_project(project: Path) -> Path:
    return with_bulletin(project, TERMS, BULLETIN)


def draft(**kwargs):
    cfg = load_config()
    engine = ScriptedEngine(lambda r, a: REPLIES[r.source])
    draft_catalog(cfg, "b", engine_factory=lambda: engine, **kwargs)
    return read_catalog(cfg.catalog_path("b"))


def test_the_first_mention_in_the_body_is_spelled_out_and_the_rest_and_the_headline_keep_the_acronym(cppcc_project):
    catalog = draft()
    texts = [e.translation for e in catalog.entries]
    assert texts == ["CPPCC National Committee holds meeting", f"The {FULL} held a Standing Committee meeting to review the reports.",
                     "CPPCC members attended the meeting."]
    assert f"repair: replaced CPPCC National Committee → {FULL} (first mention)" in catalog.entries[1].notes
    assert [e.notes_for("qa") for e in catalog.entries] == [[], [], []]  # the full form counts as the term


def test_an_acronym_spelled_out_in_an_earlier_entry_is_not_spelled_out_again(cppcc_project):
    cfg = load_config()
    catalog = draft()
    assert FULL in catalog.entries[1].translation
    catalog.entries[2].translation = ""
    write_catalog(catalog, cfg.catalog_path("b"))
    catalog = draft()  # resumes: only the emptied entry is drafted
    assert catalog.entries[2].translation == "CPPCC members attended the meeting."
    catalog.entries[1].translation = ""
    write_catalog(catalog, cfg.catalog_path("b"))
    assert FULL in draft().entries[1].translation  # drafted again, it is again the first mention


ONCE = """全国政协召开会议

全国政协召开常委会会议，审议有关报告。委员们参加会议。
"""


def test_an_acronym_the_bulletin_does_not_use_again_is_spelled_out_without_brackets(project):
    with_bulletin(project, TERMS, ONCE)
    replies = REPLIES | {"委员们参加会议。": "Members attended the meeting."}
    cfg = load_config()
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(lambda r, a: replies[r.source]))
    catalog = read_catalog(cfg.catalog_path("b"))
    bare = FULL.removesuffix(" (CPPCC)")
    assert catalog.entries[1].translation == f"The {bare} held a Standing Committee meeting to review the reports."
    assert f"repair: replaced CPPCC National Committee → {bare} (first mention)" in catalog.entries[1].notes
    assert [e.notes_for("qa") for e in catalog.entries] == [[], [], []]  # the full form alone counts as the term


def test_an_acronym_a_later_translation_uses_keeps_its_brackets(project):
    """An entry after the first mention whose approved English writes the acronym (no glossary
    term of its source says so) keeps the brackets where the acronym is spelled out."""
    with_bulletin(project, TERMS, ONCE)
    from l10n.draft.catalog import prepare_catalog

    cfg = load_config()
    catalog = prepare_catalog(cfg, "b")
    catalog.entries[2].translation = "CPPCC members attended the meeting."
    write_catalog(catalog, cfg.catalog_path("b"))
    draft_catalog(cfg, "b", engine_factory=lambda: ScriptedEngine(lambda r, a: REPLIES[r.source]))
    assert FULL in read_catalog(cfg.catalog_path("b")).entries[1].translation


@pytest.mark.parametrize("texts, bracketed", [
    (["全国政协召开常委会会议，审议有关报告。"], False),
    (["全国政协召开常委会会议，审议有关报告。", "政协委员参加会议。"], True),  # the next sentence's CPPCC
])
def test_translate_keeps_the_brackets_only_for_an_acronym_a_later_sentence_uses(project_with_glossary, texts, bracketed):
    from l10n.draft import translate_texts
    from l10n.glossary import load_glossary

    (project_with_glossary / "glossary" / "test.csv").write_text(TERMS, encoding="utf-8")
    matcher = load_glossary(load_config(project_with_glossary / "l10n.toml")).matcher(on=None)
    engine = ScriptedEngine(lambda r, a: REPLIES[r.source])
    first = next(iter(translate_texts(texts, engine=engine, matcher=matcher, spell_out_acronyms=True))).text
    assert (FULL in first, FULL.removesuffix(" (CPPCC)") in first) == (bracketed, True)


def test_spelling_out_can_be_switched_off(cppcc_project):
    toml = cppcc_project / "l10n.toml"
    text = toml.read_text()
    assert "spell_out_acronyms = true" in text  # l10n init writes the setting
    toml.write_text(text.replace("spell_out_acronyms = true", "spell_out_acronyms = false"), encoding="utf-8")
    catalog = draft()
    assert catalog.entries[1].translation == "The CPPCC National Committee held a Standing Committee meeting to review the reports."


def test_qa_accepts_any_acronym_spelled_out_in_brackets_and_a_forbidden_form_inside_it():
    from l10n.terms import Rendering

    hk = Rendering("香港特区政府", "HKSAR Government", forbidden=("Government of the Hong Kong Special Administrative Region",))
    assert check_segment("香港特区政府宣布。", "The Government of the Hong Kong Special Administrative Region (HKSAR) announced.", [hk]) == []
    checks = [f.check for f in check_segment("香港特区政府宣布。", "The Government of the Hong Kong Special Administrative Region announced.", [hk])]
    assert checks == ["forbidden-term", "missing-term"]


def test_the_repository_glossary_spells_out_its_acronyms(project_with_glossary):
    from l10n.draft import required_renderings
    from l10n.glossary import load_glossary

    matcher = load_glossary(load_config(project_with_glossary / "l10n.toml")).matcher(on=None)
    found = {r.source: r.first_mention for r in required_renderings("全国人大常委会副委员长、中共中央委员、香港特区政府、吕梁市政协", matcher)}
    assert found == {
        "全国人大常委会副委员长": "Vice Chairman of the Standing Committee of the National People's Congress (NPC)",
        "中共中央委员": "Member of the Central Committee of the Communist Party of China (CPC)",  # the committee's member, one title
        "香港特区政府": "Government of the Hong Kong Special Administrative Region (HKSAR)",
        "吕梁市政协": "",  # "Lüliang Municipal CPPCC Committee" is not spelled out
    }


@pytest.mark.parametrize("target, full", [
    ("19th CPC National Congress", "19th National Congress of the Communist Party of China (CPC)"),
    ("CPC Central Committee", "Central Committee of the Communist Party of China (CPC)"),
    # of two bodies joined by "and", the acronym is the first's
    ("CPC Central Committee and the State Council", "Central Committee of the Communist Party of China (CPC) and the State Council"),
    ("CPC", "Communist Party of China (CPC)"),
    ("CPC member", ""),
])
def test_the_first_mention_spells_out_the_acronyms_own_body(target, full):
    from l10n.acronyms import first_mention

    assert first_mention(target, {"CPC": "Communist Party of China"}) == full


@pytest.mark.parametrize("draft", [
    "Members of the Political Bureau of the CPC Central Committee Wang Ming and Li Hua attended.",
    "Members of the Political Bureau of the Central Committee of the Communist Party of China (CPC) Wang Ming and Li Hua attended.",
])
def test_a_plural_title_is_found_as_drafted_and_spelled_out(draft):
    from l10n.terms import Rendering

    title = Rendering("中共中央政治局委员", "Member of the Political Bureau of the CPC Central Committee", category="title")
    assert check_segment("中共中央政治局委员王明、李华出席。", draft, [title]) == []


@pytest.mark.parametrize("target, full", [
    ("First CPC National Congress", "First National Congress of the Communist Party of China (CPC)"),
    ("Site of the First CPC National Congress", "Site of the First National Congress of the Communist Party of China (CPC)"),
    ("Member of the 19th CPC Central Committee", "Member of the 19th Central Committee of the Communist Party of China (CPC)"),
])
def test_an_acronym_after_an_ordinal_in_words_or_figures_is_spelled_out(target, full):
    from l10n.acronyms import first_mention

    assert first_mention(target, {"CPC": "Communist Party of China"}) == full


@pytest.mark.parametrize("draft, checks", [
    ("The 19th National Congress of the Communist Party of China (CPC) opened.", []),
    ("The 19th National Congress of the Communist Party of China opened.", []),  # in full, no acronym: AP and UN style when it is not used again
    ("The 19th CPC National Congress opened.", []),
    ("The 19th National Congress of the Chinese Communist Party opened.", ["missing-term"]),  # not the glossary's full form
    ("The 19th National Congress opened.", ["missing-term"]),
])
def test_qa_accepts_the_renderings_own_first_mention_without_its_brackets(draft, checks):
    from l10n.terms import Rendering

    congress = Rendering("中共十九大", "19th CPC National Congress",
                         first_mention="19th National Congress of the Communist Party of China (CPC)")
    assert [f.check for f in check_segment("中共十九大开幕。", draft, [congress])] == checks
