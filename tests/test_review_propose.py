"""Review's ``t`` key: a reviewer proposes a glossary term from the entry on screen, the entry as evidence."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from support import snapshot
from l10n.catalog import Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.glossary import load_glossary
from l10n.required import requirements_on
from l10n.review import ReviewError, ReviewSession, load_checker

SLUG = "media"
SOURCE = "县融媒体中心主任李成明出席会议。"
GLOSSARY = ("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
            "place-beijing,北京,Beijing,place,approved,,,,,,Wei,2026-01-01T00:00:00Z\n")


@pytest.fixture
def po(config):
    (config.root / "glossary" / "places.csv").write_text(GLOSSARY, encoding="utf-8")
    header = base_header(SLUG, language="en")
    path = config.catalog_path(SLUG)
    write_catalog(Catalog(SLUG, header, [
        Entry("1.1", SOURCE, "Li Chengming, director of the County Convergence Media Center, attended the meeting.", True,
              comment="machine-draft: Li Chengming, director of the County Convergence Media Center, attended the meeting."),
        Entry("1.2", "会议结束。", "The meeting ended.", True),
    ]), path)
    return path


def review(po, config, answers: list[str]) -> tuple[ReviewSession, str]:
    from l10n.cli.review import interactive_review

    keys = iter(answers)
    session = ReviewSession(read_catalog(po), po, "Jing", config=config, check=load_checker())
    out = Console(file=io.StringIO(), width=120, color_system=None)
    interactive_review(session, out, slug=SLUG, key=lambda prompt: next(keys), ask=lambda prompt: next(keys))
    return session, out.file.getvalue()


def proposed(config) -> list:
    return [t for t in load_glossary(config).terms if t.status == "proposed"]


def test_t_proposes_a_span_with_english_picked_from_the_draft(po, config):
    catalog_before = po.read_bytes()
    glossary_before = (config.root / "glossary" / "places.csv").read_bytes()
    _, shown = review(po, config, ["t", "县融媒体中心", "2", "", "q"])  # 1 Li Chengming, 2 County Convergence Media Center
    assert "  2  County Convergence Media Center" in shown
    [term] = proposed(config)
    assert (term.zh, term.en, term.category, term.proposed_by) == ("县融媒体中心", "County Convergence Media Center", "organ", "Jing")
    assert term.note == (f"proposed in review of {SLUG} 1.1: the machine wrote "
                         "'Li Chengming, director of the County Convergence Media Center, attended the meeting.'")
    assert f"Proposed 县融媒体中心 → County Convergence Media Center as {term.id} (organ)" in shown
    assert f"l10n glossary approve {term.id}" in shown
    assert po.read_bytes() == catalog_before  # proposing changes no entry
    assert (config.root / "glossary" / "places.csv").read_bytes() == glossary_before  # another category's file, untouched


def test_typed_english_and_category_and_the_proposal_stays_a_hint(po, config):
    review(po, config, ["t", "县融媒体中心", "County Integrated Media Centre", "institution", "q"])
    [term] = proposed(config)
    assert (term.en, term.category) == ("County Integrated Media Centre", "institution")
    [hint] = [r for r in requirements_on(SOURCE, load_glossary(config)) if r.source == "县融媒体中心"]
    assert (hint.kind, hint.enforced) == ("hint", False)  # no draft has to carry it until an editor approves it


@pytest.mark.parametrize("answers, says", [
    (["t", "", "q"], "No term proposed."),
    (["t", "县融媒体中心", "", "q"], "No term proposed."),
    (["t", "市融媒体中心", "Media Centre", "", "q"], "Error: '市融媒体中心' is not in entry 1.1's Chinese; type a span of it."),
    (["t", "县融媒体中心", "Media\x1b[2J Centre", "", "q"], "Error:"),  # a control character: refused by the glossary's row check
])
def test_nothing_is_written_when_cancelled_or_refused(po, config, answers, says):
    before = snapshot(config.root)
    _, shown = review(po, config, answers)
    assert says in shown
    assert "\x1b" not in shown
    assert snapshot(config.root) == before


def test_a_second_proposal_of_the_same_term_is_refused(po, config):
    review(po, config, ["t", "县融媒体中心", "County Convergence Media Center", "", "q"])
    before = snapshot(config.root)
    _, shown = review(po, config, ["t", "县融媒体中心", "County Convergence Media Center", "", "q"])
    assert "is already in the glossary" in shown
    assert snapshot(config.root) == before


def test_the_session_needs_a_project(po, config):
    session = ReviewSession(read_catalog(po), po, "Jing", check=load_checker())
    with pytest.raises(ReviewError, match="needs the project configuration"):
        session.propose_term("县融媒体中心", "Media Centre")
