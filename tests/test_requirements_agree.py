"""Every stage derives the same requirements for a segment (issue 17), and a draft that
drafting verified clean is never failed by ``l10n check`` for a requirement.

Draft (the requirements its job verifies against), review (``--accept-clean``), check,
score and export's QA re-check are run on one project with the repository glossary; each
stage's requirements are caught where it hands them to the QA checks or to term accuracy.
A small version on fixed sentences always runs; the full one runs over the 278 benchmark
lines and the Chinese seed bulletins when ``../shared`` is there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import run_cli, write_template

from l10n.catalog import APPROVED, Catalog, Entry, base_header, read_catalog
from l10n.config import load_config
from l10n.engines.base import Hypothesis

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "prc_gov.dev.zh"
SEEDS = SHARED / "seeds"
HAN = re.compile(r"[\u3400-\u9fff]+")
PUNCT = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "、": ",", "（": "(", "）": ")", "“": '"', "”": '"'})
REQUIREMENT_CHECKS = ("missing-term", "forbidden-term")

FIXED = [
    "我省长沙、株洲等地企业参展。",  # 省长 (Governor) splits 我省 | 长沙: not required (the reproduced disagreement)
    "花垣县长乐乡米迫村贫困建档立卡户女孩周芬收到了南华大学录取通知书。",  # 县长 splits 花垣县 | 长乐乡
    "全国人大常委会副委员长、民进第十二次全国代表大会主席团常务主席严隽琪出席。",  # organ + title: one rendering
    "十二届全国人大常委会第三十次会议闭幕。",  # ordinals
    "新华社北京3月5日电（记者 张三）会议开幕。",  # a dateline: its place and reporter
    "征集史料1.2万余份。",  # a 万 hint
]


class EveryRenderingEngine:
    """A deterministic engine that writes every required rendering where its Chinese was,
    and the rest of the source as pinyin (cf. bench/draft_golden.py)."""

    name = "scripted"
    model_id = "every-rendering-1"
    model_sha256 = "e" * 64

    def translate(self, requests, *, n_best: int = 1):
        return [[Hypothesis(self.reply(r), score=-0.1, tokens=5)] for r in requests]

    @staticmethod
    def reply(request) -> str:
        from pypinyin import lazy_pinyin

        pieces, at = [], 0
        for r in sorted((r for r in request.required if r.end > r.start), key=lambda r: r.start):
            if r.start < at or request.source[r.start : r.end] != r.source:
                continue
            pieces += [request.source[at : r.start], f" {r.target} "]
            at = r.end
        text = "".join([*pieces, request.source[at:]])
        text = HAN.sub(lambda m: " " + " ".join(lazy_pinyin(m.group(0))) + " ", text).translate(PUNCT)
        text = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r" {2,}", " ", text)).strip()
        return text[:1].upper() + text[1:]


def key(renderings) -> list[tuple]:
    return [(r.kind, r.source, r.target, r.start, r.end, r.forbidden, r.variants, r.category) for r in renderings]


def stage_requirements(project: Path, slugs: list[str], runner, monkeypatch) -> dict[str, dict[str, list[list[tuple]]]]:
    """Draft *slugs* with :class:`EveryRenderingEngine`, then run review --accept-clean, check,
    score and export's re-check: per stage, per source, the requirements it used (each time)."""
    import l10n.export
    import l10n.quality.gate
    import l10n.quality.score
    import l10n.review
    from l10n.draft import bulletin_date, draft_catalog, glossary_matcher, job_for
    from l10n.quality.qa import check_segment

    cfg = load_config()
    seen: dict[str, dict[str, list]] = {s: {} for s in ("draft", "review", "check", "score", "export", "notes")}
    for slug in slugs:
        draft_catalog(cfg, slug, engine_factory=EveryRenderingEngine, batch_size=16)
        catalog = read_catalog(cfg.catalog_path(slug))
        _, matcher = glossary_matcher(cfg, bulletin_date(catalog))
        seen.setdefault("translated", {}).update((e.source, True) for e in catalog.entries if e.translation)
        for entry in catalog.entries:
            seen["draft"].setdefault(entry.source, []).append(key(job_for(entry.source, matcher).with_dateline))
            from l10n.required import RENDERING_KINDS, note_renderings

            recorded = note_renderings(entry.notes, RENDERING_KINDS)
            seen["notes"].setdefault(entry.source, []).append([(r.kind, r.source, r.target) for r in recorded])

    def recording(stage):
        def check(source, translation, required):
            seen[stage].setdefault(source, []).append(key(required))
            return [f.note() for f in check_segment(source, translation, required)]
        return lambda disabled=(): check

    monkeypatch.setattr(l10n.review, "load_checker", recording("review"))
    for slug in slugs:
        result = run_cli(runner, "review", slug, "--accept-clean", "--translator", "Jing")
        assert result.exit_code == 0, result.output

    found: dict[str, list] = {}

    def gate_check(source, translation, required=(), disabled=()):
        seen["check"].setdefault(source, []).append(key(required))
        findings = check_segment(source, translation, required)
        found.setdefault(source, []).extend(findings)
        return findings

    monkeypatch.setattr(l10n.quality.gate, "check_segment", gate_check)
    result = run_cli(runner, "check", "--max-draft", "100000", "--min-term-accuracy", "0")
    assert result.exit_code in (0, 1), result.output

    real_accuracy = l10n.quality.score.term_accuracy
    scored: list = []
    monkeypatch.setattr(l10n.quality.score, "term_accuracy", lambda hyps, renderings, *a: scored.append(renderings) or real_accuracy(hyps, renderings, *a))
    for slug in slugs:
        result = run_cli(runner, "score", str(cfg.catalog_path(slug)), "--qe", "--json")
        assert result.exit_code == 0, result.output
        catalog = read_catalog(cfg.catalog_path(slug))
        assert len(scored) == 1, "score takes each catalog's requirements once"
        for entry, renderings in zip(catalog.entries, scored.pop()):
            seen["score"].setdefault(entry.source, []).append(key(renderings))

    def export_check(source, translation, required=(), disabled=()):  # export's re-check is the gate's blocked_entries
        seen["export"].setdefault(source, []).append(key(required))
        return check_segment(source, translation, required)

    monkeypatch.setattr(l10n.quality.gate, "check_segment", export_check)
    from l10n.required import project_glossary

    for slug in slugs:
        catalog = read_catalog(cfg.catalog_path(slug))
        for entry in catalog.entries:
            entry.fuzzy = not entry.translation  # as a reviewer would have approved them
        l10n.export.qa_blocked(catalog, project_glossary(cfg))
    seen["found"] = found
    return seen


def assert_agree(project: Path, slugs: list[str], runner, monkeypatch) -> int:
    """Every stage's requirements equal drafting's, for every segment; no clean draft fails
    check for a requirement. Returns how many clean drafts were checked."""
    seen = stage_requirements(project, slugs, runner, monkeypatch)
    drafted = seen["draft"]
    for stage in ("review", "check", "score", "export"):
        for source, used in seen[stage].items():
            assert source in drafted, f"{stage} checked a segment drafting did not: {source}"
            assert all(u == drafted[source][0] for u in used), f"{stage} disagrees with drafting on {source}"
    for stage in ("review", "check", "score", "export"):
        assert set(seen[stage]) == set(seen["translated"]), f"{stage} did not check every drafted segment"
    for source, recorded in seen["notes"].items():  # the notes record what drafting used
        assert all(r == [(k, s, t) for k, s, t, *_ in drafted[source][0]] for r in recorded), source

    cfg = load_config()
    clean = 0
    for slug in slugs:
        for entry in read_catalog(cfg.catalog_path(slug)).entries:
            if entry.translation and not entry.notes_for("qa"):
                clean += 1
                bad = [f for f in seen["found"].get(entry.source, []) if f.check in REQUIREMENT_CHECKS]
                assert not bad, f"check fails a draft drafting verified clean: {entry.source} {bad}"
                if entry.state == APPROVED:  # accepted by review --accept-clean
                    assert not entry.notes_for("repair")
    return clean


def write_texts(project: Path, slug: str, texts: list[str], date: str | None = None) -> None:
    header = base_header(slug)
    if date:
        header["X-Bulletin-Date"] = date
    catalog = Catalog(slug, header, [Entry(f"{i + 1}.1", text) for i, text in enumerate(texts)])
    path = write_template(project, catalog)
    if date:  # write_template writes the plain header; the bulletin's date goes in the template
        from l10n.catalog import write_catalog

        write_catalog(Catalog(slug, header, [Entry(e.context, e.source) for e in catalog.entries]), path)


@pytest.mark.parametrize("date", [None, "2018-04-01"])
def test_stages_agree_on_fixed_sentences(project_with_glossary, runner, monkeypatch, date):
    write_texts(project_with_glossary, "fixed", FIXED, date)
    clean = assert_agree(project_with_glossary, ["fixed"], runner, monkeypatch)
    assert clean >= 3


def test_the_reproduced_disagreement_is_gone(project_with_glossary, runner):
    """我省长沙…: drafting finds no error, review accepts it, and check now passes it."""
    write_texts(project_with_glossary, "hunan", ["我省长沙、株洲等地企业参展。"], "2023-12-09")
    from l10n.draft import draft_catalog

    draft_catalog(load_config(), "hunan", engine_factory=EveryRenderingEngine)
    assert run_cli(runner, "review", "hunan", "--accept-clean", "--translator", "Jing").exit_code == 0
    assert read_catalog(load_config().catalog_path("hunan")).entries[0].state == APPROVED
    result = run_cli(runner, "check")
    assert result.exit_code == 0, result.stdout
    assert "省长" not in result.stdout


@pytest.mark.skipif(not DEV.is_file() or not SEEDS.is_dir(), reason=f"the benchmark lines {DEV} or seeds {SEEDS} are not here")
def test_stages_agree_on_the_benchmark_lines_and_the_seeds(project_with_glossary, runner, monkeypatch):
    from l10n.errors import L10nError
    from l10n.ingest import ingest

    lines = DEV.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 278
    write_texts(project_with_glossary, "dev", lines)
    cfg = load_config()
    slugs = ["dev"]
    for k, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        try:
            ingest(path, template_path_for=cfg.template_path, slug=f"seed{k}")
        except L10nError:
            continue  # an English page: no Chinese sentences
        slugs.append(f"seed{k}")
    assert len(slugs) > 1, "no Chinese seed was ingested"
    clean = assert_agree(project_with_glossary, slugs, runner, monkeypatch)
    assert clean >= 50


@pytest.mark.parametrize(("notes", "expected"), [
    (["term: 政协 → CPPCC", "confidence: 0.8"], [("term", "政协", "CPPCC", 3, 5, ())]),
    (["ordinal: 十二届 → 12th"], [("ordinal", "十二届", "12th", 0, 3, ("twelfth",))]),  # its words count, as when drafting
    (["place: 北京 → Beijing", "hint: 86万 → 860,000"], [("place", "北京", "Beijing", 0, 0, ()), ("hint", "86万", "860,000", 0, 0, ())]),
    (["missing: 政协 → CPPCC", "qa: missing-term: 政协 → CPPCC not found"], []),
])
def test_without_a_glossary_an_entry_requires_what_its_notes_record(notes, expected):
    from l10n.required import entry_requirements

    entry = Entry("1.1", "十二届政协开会", notes=notes)
    assert [(r.kind, r.source, r.target, r.start, r.end, r.variants) for r in entry_requirements(entry, None)] == expected


def test_a_glossary_matcher_is_built_once_per_date_and_again_after_an_edit():
    import datetime as dt

    from l10n.glossary import Glossary, Term
    from l10n.required import matcher_on, requirements_on

    glossary = Glossary([Term("cppcc", "政协", "CPPCC", "organ", "approved")])
    day = dt.date(2023, 12, 9)
    assert matcher_on(glossary, day) is matcher_on(glossary, day)
    assert matcher_on(glossary, day) is not matcher_on(glossary, None)
    glossary.terms.append(Term("npc", "人大", "People's Congress", "organ", "approved"))
    assert [r.target for r in requirements_on("政协和人大", glossary, day)] == ["CPPCC", "People's Congress"]
