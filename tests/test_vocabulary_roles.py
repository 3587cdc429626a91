"""Issue 42: the vocabularies outside names.py are data, one file per role, read once.

1. The word lists of the lexicon, glossary suggestions, requirements, places, QA, datelines,
   ingest and the prompt are role files under ``l10n/data/vocabulary/``, each opening with what
   the role means, who reads it and where its entries come from; the modules hold what the
   files hold, and few Han string constants are left in them.
2. Sentence and clause ends are two roles (``sentence_ends``, ``clause_ends``) that the lexicon,
   the segmenter and the page cleaner read: a segment's analysis (``Analysis.sentence_of``) stops at ；
   as the segmenter does.
3. The tags a model wraps its reply in are one role (``chatter_tags``) that the reply parser
   and QA's commentary check both read: the parser strips every tag QA would report.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from l10n import dateline, lexicon, places
from l10n.engines.prompt import parse_reply
from l10n.glossary import suggest
from l10n.glossary.match import Matcher
from l10n.ingest.segment import cut_clauses, split_sentences
from l10n.names import analysis_of
from l10n.quality import qa
from l10n.required import requirements
from l10n.terms import Rendering
from l10n.vocabulary import VOCABULARY, characters, table, words

PACKAGE = Path(lexicon.__file__).resolve().parent

# --- 1. the vocabularies are role files -------------------------------------------------

ROLES = ["office_titles", "foreign_titles", "foreign_offices", "comrade_titles", "sentence_ends", "clause_ends", "chatter_tags",
         "institution_suffixes", "institution_breaks", "weak_institution_suffixes", "suffix_continuations", "not_institutions",
         "rank_prefixes", "levels", "state_department_cues", "team_nouns", "youth_league_names",
         "ordinal_counters", "ordinal_prefixes", "ordinal_names", "date_units", "large_units", "news_agencies", "dispatch_words",
         "byline_roles", "relative_years", "dated_holidays", "traditional_forms", "image_placeholders", "footer_words",
         "copyright_notices", "contact_labels", "breadcrumb_starts", "toolbar_buttons", "toolbar_phrases", "metadata_labels",
         "source_end_labels"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_file_says_what_it_is_and_holds_entries(role):
    text = (VOCABULARY / f"{role}.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0].startswith(f"# role: {role.replace('_', ' ')} — "), header[0]
    assert any("read by:" in line for line in header) and any("source:" in line for line in header)
    assert table(role) and all(word and "\t" not in word for word in table(role))


MODULE_CONSTANTS = [  # (the constant, how its role file reads)
    ("lexicon.OFFICE_TITLES", 'words("office_titles")'), ("lexicon.FOREIGN_TITLES", 'words("foreign_titles")'),
    ("lexicon.FOREIGN_OFFICES", 'table("foreign_offices")'),
    ("suggest.INSTITUTION_SUFFIXES", 'words("institution_suffixes")'),
    ("suggest._NOT_TERMS", 'frozenset(words("not_institutions"))'), ("suggest._BREAK", 'characters("institution_breaks")'),
    ("dateline.AGENCIES", 'table("news_agencies")'), ("qa.RELATIVE_YEARS", 'table("relative_years")'),
]


@pytest.mark.parametrize("constant, role", MODULE_CONSTANTS, ids=[c for c, _ in MODULE_CONSTANTS])
def test_the_modules_hold_what_the_role_files_hold(constant, role):
    names = {"lexicon": lexicon, "places": places, "suggest": suggest, "dateline": dateline, "qa": qa, "words": words, "table": table,
             "characters": characters}
    assert eval(constant, names) == eval(role, names)


def test_the_role_files_keep_the_relations_the_code_relies_on():
    assert set(lexicon.OFFICE_TITLES) <= set(lexicon.TITLES) and not set(lexicon.FOREIGN_TITLES) & set(lexicon.TITLES)
    assert lexicon.COMRADE in lexicon.TITLES
    suffixes = [suffix for suffix, _ in places.LEVELS]  # longest first: a name's level is the first suffix it ends in
    assert all(not later.endswith(earlier) for i, earlier in enumerate(suffixes) for later in suffixes[i + 1:])
    offices = list(lexicon.FOREIGN_OFFICES)  # a longer title before one it ends in
    assert all(not earlier.endswith(later) or earlier == later for i, later in enumerate(offices) for earlier in offices[i + 1:])
    assert set(places.SUFFIXES_IN_TEXT) <= set(places.ORGAN_LEVELS)
    assert characters("weak_institution_suffixes") <= set(words("institution_suffixes"))


HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# (module, the Han string constants it may still hold, each left on purpose: see the issue 42 report)
LEFT = [
    ("lexicon.py", 1),  # HAN: the ranges of the ideographs
    ("glossary/suggest.py", 0), ("places.py", 0), ("ingest/segment.py", 0), ("draft/edits.py", 0),
    ("required.py", 2),  # the numerals of _ORDINAL and the _DAY pattern
    ("dateline.py", 3),  # the numerals and 月/日 of the dateline's date
    ("ingest/clean.py", 1),  # _DATE: 年/月/日 as a date's separators
    ("quality/qa.py", 10),  # five check titles with an example; the Chinese of four commentary rows; a date's 月
    ("engines/prompt.py", 4),  # the house examples, which are prompt text, and the names in them
    ("cli/glossary.py", 1),  # the help's example
]


def han_constants(path: Path) -> list[str]:
    """The Han string constants of *path* outside docstrings (issue 42's count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body:
            docs |= {id(s.value) for s in body[:1] if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)}
        if isinstance(node, (ast.Module, ast.ClassDef)):
            docs |= {id(s.value) for s in body[1:] if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
            and HAN.search(n.value)]


@pytest.mark.parametrize("module, most", LEFT, ids=[m for m, _ in LEFT])
def test_the_vocabularies_are_data_not_code(module, most):
    left = han_constants(PACKAGE / module)
    assert len(left) <= most, left


# --- 2. sentence and clause ends, once ---------------------------------------------------

@pytest.mark.parametrize("mark", list("。！？；…!?;"))
def test_a_segments_sentence_stops_where_the_segmenter_splits(mark):
    text = f"美国国务卿访华{mark}国务院召开会议。"
    assert split_sentences(text) == [f"美国国务卿访华{mark}", "国务院召开会议。"]
    assert analysis_of(text).sentence_of(8, 11) == (8, 15)


def test_a_secretary_of_state_in_the_sentence_before_the_semicolon_leaves_the_state_council_its_own():
    matcher = Matcher([Rendering("国务院", "State Council", category="organ")])
    assert [(r.source, r.target) for r in requirements("美国国务卿访华；国务院召开常务会议。", matcher)] == [("国务院", "State Council")]
    assert requirements("前国务卿在国务院任职期间写了一本书。", matcher) == []  # the State Department: no requirement


def test_clause_ends_are_the_sentence_ends_and_the_commas_and_colons():
    assert set(lexicon.SENTENCE_END) < set(lexicon.CLAUSE_END) and set("，：,:") <= set(lexicon.CLAUSE_END)
    assert "、" not in lexicon.CLAUSE_END and "." not in lexicon.CLAUSE_END
    assert cut_clauses("一是加强领导：二是落实责任，三是强化考核。", limit=14) == ["一是加强领导：二是落实责任，", "三是强化考核。"]
    assert cut_clauses("共1,000人，时间10:30，合计2,000元。", limit=8) == ["共1,000人，", "时间10:30，", "合计2,000元。"]


# --- 3. the model's chatter tags, once -----------------------------------------------------

@pytest.mark.parametrize("tag", ["source", "target", "translation", "english", "zh", "en", "text", "segment"])
def test_the_parser_strips_every_tag_qa_would_report(tag):
    reply = f"<{tag}>The meeting was held in Beijing.</{tag}>"
    assert parse_reply(reply) == "The meeting was held in Beijing."
    assert [f for f in qa.check_segment("会议在北京召开。", parse_reply(reply)) if f.check == "commentary"] == []
    left = [f.message for f in qa.check_segment("会议在北京召开。", f"The meeting <{tag}> was held in Beijing.") if f.check == "commentary"]
    assert f'leftover tag "<{tag}>" is not part of a translation' in left


def test_a_reply_wrapped_in_text_tags_is_its_content_and_qa_finds_no_commentary():
    reply = '<text lang="en">\nThe General Office of the State Council issued a notice.\n</text>'
    assert parse_reply(reply) == "The General Office of the State Council issued a notice."
    assert qa.check_segment("国务院办公厅印发通知。", parse_reply(reply)) == []
