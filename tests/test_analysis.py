"""One reading of a segment (l10n.names.analysis): requirements() has jieba cut a segment once at
most, and the analysis says what lexicon's functions and jieba say.

Every sentence is written for these tables; none is from the benchmark set.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from l10n import lexicon
from l10n.config import load_config
from l10n.names import analysis, analysis_of, readings
from l10n.required import Reading, matcher_on, project_glossary, requirements

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def matcher():
    """The repository's glossary (its terms and the reference places), as drafting would match it."""
    return matcher_on(project_glossary(load_config(ROOT / "l10n.toml")), None)


@pytest.fixture
def cuts(monkeypatch):
    """Every text jieba's tagger is asked to cut, with the per-text caches emptied first."""
    tagger = readings._posseg()
    seen: list[str] = []

    class Spy:
        def cut(self, text):
            seen.append(text)
            return tagger.cut(text)

    readings.tagged.cache_clear()
    analysis._analysis.cache_clear()
    monkeypatch.setattr(readings, "_posseg", lambda: Spy())
    yield seen
    readings.tagged.cache_clear()
    analysis._analysis.cache_clear()


ONCE = [
    # source, the slices read on their own (Analysis.reading_of: 中共 read as 中 + 共 only)
    ("缅甸总统吴温敏会见了中国代表团，缅方愿深化合作。", []),
    ("副县长李国华在会上说，全镇共有农户八百余户。", []),
    ("在本次展览中共展出文物三百余件。", ["在本次展览中", "共展出文物三百余件。"]),
    ("在中共中央领导下，全县人大代表认真履职。", []),
    ("湖北省长王忠林出席开幕式。", []),
    ("村民张大山种植的桃树今年喜获丰收。", []),
    ("马尔代夫总统穆伊兹抵达北京。", []),
    ("越南政府总理范明政表示，越方愿同中方加强合作。", []),
    ("李强就经济工作提出明确要求。", []),
    ("我市长期以来重视职业教育。", []),
    ("老挝首都万象举行庆祝活动。", []),
    ("代表团成员参观了红旗渠纪念馆。", []),
    ("艾尔肯·吐尼亚孜主席会见了来宾。", []),
    ("城市委员会成立以来做了大量工作。", []),
]


@pytest.mark.parametrize("source, slices", ONCE, ids=[s for s, _ in ONCE])
def test_requirements_cut_a_segment_once_at_most(source, slices, cuts, matcher):
    requirements(source, matcher)
    assert cuts.count(source) <= 1
    assert [t for t in cuts if t != source] == slices
    # a caller with the plain string gets the analysis requirements() read: its words cost no second cut
    assert analysis_of(source).words
    requirements(source, matcher)
    assert cuts.count(source) == 1 and [t for t in cuts if t != source] == slices


def test_a_segment_nothing_asks_about_loads_no_tagger(cuts, matcher):
    requirements("会议审议通过了有关文件。", matcher)
    assert cuts == []


def test_a_reading_holds_the_segments_analysis():
    source = "主任李成明同志来到娄烦县。"
    reading = Reading(source, [])
    assert reading.analysis is analysis_of(source) and reading.analysis == source


def test_an_analysis_is_its_text_and_is_made_once():
    a = analysis_of("市长出席。")
    assert a == "市长出席。" and a.text == "市长出席。" and type(a.text) is str and type(a[0:2]) is str
    assert analysis_of(a) is a and analysis_of("市长出席。") is a
    assert copy.deepcopy(a) is a and pickle.loads(pickle.dumps(a)) is a


@pytest.mark.parametrize("text, nouns", [
    ("利比里亚总统维阿表示", [("利比里亚", "ns"), ("总统", "n"), ("维阿", "nr")]),
    ("王毅向记者介绍了会谈情况", [("王毅", "nr"), ("记者", "n"), ("情况", "n")]),
])
def test_words_are_jiebas_reading_of_the_whole_text(text, nouns):
    a = analysis_of(text)
    assert "".join(text[s:e] for s, e, _ in a.words) == text
    assert all(e == s for (_, e, _), (s, _, _) in zip(a.words, a.words[1:]))  # one after another, covering the text
    assert [(text[s:e], tag) for s, e, tag in a.words if tag[:1] == "n"] == nouns


def test_words_by_position():
    a = analysis_of("王毅向记者介绍了会谈情况")
    assert a.word_at(0) == (0, 2, "nr") and a.word_at(1) is None
    assert a.word_ending_at(2) == (0, 2, "nr") and a.word_ending_at(1) is None
    assert a.words_in(2, 5) == [(2, 3, "p"), (3, 5, "n")]
    assert all(a.word_at(w[0]) == w == a.word_ending_at(w[1]) for w in a.words)


def test_a_slice_is_read_on_its_own_once(cuts):
    a = analysis_of("在本次展览中共展出文物")
    assert (5, 7, "j") in a.words  # the sentence reads 中共 as one word
    assert a.reading_of(0, 6)[-1] == (5, 6, "f") and a.reading_of(6, 11)[:2] == ((0, 1, "d"), (1, 3, "v"))  # 中 closes, 共 begins
    assert a.reading_of(6, 11) is a.reading_of(6, 11)
    assert cuts == ["在本次展览中共展出文物", "在本次展览中", "共展出文物"]


@pytest.mark.parametrize("text, sentences, clauses", [
    ("", (), ()),
    ("会议召开", ((0, 4),), ((0, 4),)),
    ("会上，越南政府表示。习近平出席", ((0, 9), (10, 15)), ((0, 2), (3, 9), (10, 15))),
    ("会议召开。", ((0, 4),), ((0, 4),)),
    ("。！会议，，召开；", ((2, 8),), ((2, 4), (6, 8))),
    ("第一段\n第二段：内容", ((0, 3), (4, 10)), ((0, 3), (4, 7), (8, 10))),
])
def test_sentence_and_clause_spans(text, sentences, clauses):
    a = analysis_of(text)
    assert a.sentences == sentences and a.clauses == clauses
    for s, e in sentences:
        assert a.sentence_of(s, s) == (s, e) == scanned(text, s, e, lexicon.SENTENCE_END)
    for s, e in clauses:
        assert a.clause_of(s, e) == (s, e) == scanned(text, s, e, lexicon.CLAUSE_END)


def scanned(text: str, start: int, end: int, marks: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The bounds read by scanning the text: from after the last of *marks* in ``text[lo:start]``
    (else *lo*) to the first in ``text[end:hi]`` (else *hi*), the reference the analysis is checked on."""
    hi = len(text) if hi is None else hi
    before = max((text.rfind(c, lo, start) for c in marks), default=-1)
    after = [i for i in (text.find(c, end, hi) for c in marks) if i >= 0]
    return (before + 1 if before >= 0 else lo), min(after or [hi])


BOUNDS = ["", "会议召开", "会上，越南政府表示。习近平出席", "会议召开。", "。！会议，，召开；",
          "第一段\n第二段：内容，结束！", "美国国务卿访华。国务院召开会议。"]


@pytest.mark.parametrize("text", BOUNDS)
def test_sentence_of_and_clause_of_say_what_a_scan_of_the_text_says(text):
    a = analysis_of(text)
    n = len(text)
    for start in range(n + 1):
        for end in range(start, n + 1):
            assert a.sentence_of(start, end) == scanned(text, start, end, lexicon.SENTENCE_END), (start, end)
            assert a.clause_of(start, end) == scanned(text, start, end, lexicon.CLAUSE_END), (start, end)
            for lo, hi in ((0, n), (min(start, 3), max(end, n - 2)), (start, end)):
                assert a.clause_of(start, end, lo, hi) == scanned(text, start, end, lexicon.CLAUSE_END, lo, hi), (start, end, lo, hi)


@pytest.mark.parametrize("text, titles", [
    ("越南代表团访华，代表王明出席", ["代表"]),  # 代表团 is a delegation
    ("中央书记处书记出席", ["书记"]),  # 书记处 is a secretariat
    ("萨利赫部长会见记者", ["部长"]),
    ("李成明同志讲话", []),  # 同志 is no built-in title here
])
def test_built_in_titles(text, titles):
    assert [m.group() for m in analysis_of(text).titles] == titles


def test_cedict_is_asked_through_the_analysis():
    a = analysis_of("洪森出席")
    assert a.cedict("洪森") == readings.cedict_reading("洪森") == ("foreign", "Hun Sen")
