"""l10n score: sacrebleu metrics (equal to the sacrebleu command), paired bootstrap, term accuracy, QE."""

import json
import subprocess
import sys

import pytest
from support import run_cli

from l10n.catalog import Catalog, Entry, write_catalog
from l10n.quality.score import corpus_scores, paired_bootstrap, quality_estimate, term_accuracy
from l10n.terms import Rendering

REFS = [
    "The Loufan County People's Congress held its third session on December 6.",
    "Director Li Chengming attended the meeting and gave a speech.",
    "The county invested 350 million yuan in 12 new schools.",
    "Participants discussed poverty alleviation in three townships.",
    "The meeting closed in the afternoon.",
]
HYPS = [
    "Loufan County People's Congress held the third session on 6 December.",
    "Director Li Chengming attended and spoke at the meeting.",
    "The county has invested 350 million yuan in twelve new schools.",
    "Participants talked about poverty relief in three towns.",
    "The meeting ended in the afternoon.",
]
BASE = [
    "Loufan county congress meeting third on December 6.",
    "Li Chengming director attend meeting speak.",
    "County invest 3.5 yuan school.",
    "People discussed poor in three place.",
    "Meeting close afternoon.",
]
SOURCES = ["娄烦县人大召开第三次会议。", "主任李成明出席并讲话。", "全县投资3.5亿元新建12所学校。", "与会人员讨论了三个乡镇的扶贫工作。", "会议于下午结束。"]
GLOSSARY_HEADER = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sacrebleu_cli(ref, hyp):
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "--format", "json", "-w", "4"],
        capture_output=True, text=True, check=True,
    )
    return {r["name"]: (r["score"], r["signature"]) for r in json.loads(out.stdout)}


def test_score_equals_the_sacrebleu_command(tmp_path, runner):
    ref, hyp = write_lines(tmp_path / "ref.txt", REFS), write_lines(tmp_path / "hyp.txt", HYPS)
    result = run_cli(runner, "score", str(hyp), str(ref), "--json")
    assert result.exit_code == 0, result.output
    ours = {m["name"]: (round(m["score"], 4), m["signature"]) for m in json.loads(result.stdout)["metrics"]}
    assert ours == sacrebleu_cli(ref, hyp)


def test_score_text_output_shows_scores_and_signatures(tmp_path, runner):
    ref, hyp = write_lines(tmp_path / "ref.txt", REFS), write_lines(tmp_path / "hyp.txt", HYPS)
    expected = sacrebleu_cli(ref, hyp)
    result = run_cli(runner, "score", str(hyp), str(ref))
    assert result.exit_code == 0, result.output
    for name, (value, signature) in expected.items():
        assert f"{name:<6} {value:6.2f}  {signature}" in result.stdout


def test_score_of_a_catalog_equals_sacrebleu_on_its_msgstrs(tmp_path, runner):
    catalog = Catalog("loufan", {"Language": "en"}, [Entry(f"1.{i}", s, h) for i, (s, h) in enumerate(zip(SOURCES, HYPS), 1)])
    write_catalog(catalog, tmp_path / "loufan.po")
    ref = write_lines(tmp_path / "loufan.en.txt", REFS)
    hyp = write_lines(tmp_path / "msgstr.txt", HYPS)
    result = run_cli(runner, "score", str(tmp_path / "loufan.po"), str(ref), "--json")
    assert result.exit_code == 0, result.output
    ours = {m["name"]: (round(m["score"], 4), m["signature"]) for m in json.loads(result.stdout)["metrics"]}
    assert ours == sacrebleu_cli(ref, hyp)


def test_score_of_a_directory_reports_each_catalog_and_the_total(tmp_path, runner):
    cats, refs = tmp_path / "po", tmp_path / "refs"
    cats.mkdir(), refs.mkdir()
    for slug, part in (("a", slice(0, 2)), ("b", slice(2, 5))):
        entries = [Entry(f"1.{i}", s, h) for i, (s, h) in enumerate(zip(SOURCES[part], HYPS[part]), 1)]
        write_catalog(Catalog(slug, {"Language": "en"}, entries), cats / f"{slug}.po")
        write_lines(refs / f"{slug}.en.txt", REFS[part])
    result = run_cli(runner, "score", str(cats), str(refs), "--json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["name"] for r in reports] == ["a", "b", "total"]
    total = {m["name"]: round(m["score"], 4) for m in reports[2]["metrics"]}
    expected = sacrebleu_cli(write_lines(tmp_path / "r.txt", REFS), write_lines(tmp_path / "h.txt", HYPS))
    assert total == {k: v for k, (v, _) in expected.items()}


def test_score_with_baseline_reports_p_values(tmp_path, runner):
    ref, hyp, base = (write_lines(tmp_path / n, lines) for n, lines in (("ref.txt", REFS), ("hyp.txt", HYPS), ("base.txt", BASE)))
    result = run_cli(runner, "score", str(hyp), str(ref), "--baseline", str(base), "--json")
    assert result.exit_code == 0, result.output
    compared = {c["name"]: c for c in json.loads(result.stdout)["baseline"]}
    assert set(compared) == {"BLEU", "chrF2", "TER"}
    assert compared["BLEU"]["score"] > compared["BLEU"]["baseline"]
    assert 0 < compared["BLEU"]["p_value"] <= 1
    assert "bs:1000" in compared["BLEU"]["signature"]


def test_paired_bootstrap_matches_sacrebleu_paired_bs(tmp_path):
    ref, hyp, base = (write_lines(tmp_path / n, lines) for n, lines in (("ref.txt", REFS), ("hyp.txt", HYPS), ("base.txt", BASE)))
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(base), str(hyp), "-m", "bleu", "--paired-bs", "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    base_row, system_row = json.loads(out.stdout)  # baseline first, then the system
    (ours,) = [c for c in paired_bootstrap(HYPS, BASE, REFS) if c.name == "BLEU"]
    assert system_row["system"] == str(hyp)
    assert ours.score == pytest.approx(system_row["BLEU"]["score"])
    assert ours.baseline == pytest.approx(base_row["BLEU"]["score"])
    assert ours.p_value == pytest.approx(system_row["BLEU"]["p_value"])


def test_mismatched_lengths_are_an_error(tmp_path, runner):
    ref, hyp = write_lines(tmp_path / "ref.txt", REFS), write_lines(tmp_path / "hyp.txt", HYPS[:3])
    result = run_cli(runner, "score", str(hyp), str(ref))
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: The hypothesis has 3 segments but the reference has 5 lines; they must match one to one."


def test_score_needs_a_reference_or_qe(tmp_path, runner):
    result = run_cli(runner, "score", str(write_lines(tmp_path / "hyp.txt", HYPS)))
    assert result.exit_code == 2
    assert "Error: Give a reference" in result.stderr


@pytest.mark.parametrize(
    ("hyps", "renderings", "kinds", "found", "total"),
    [
        (["the CPPCC met"], [[Rendering("政协", "CPPCC")]], ("term",), 1, 1),
        (["the committee met"], [[Rendering("政协", "CPPCC")]], ("term",), 0, 1),
        # term accuracy counts glossary terms: names, places and ordinals are QA's missing-term
        (["director Li Chengming spoke"], [[Rendering("主任", "Director"), Rendering("李成明", "Li Chengming", "name")]], ("term",), 1, 1),
        (["director Li Chengmin spoke"], [[Rendering("主任", "Director"), Rendering("李成明", "Li Chengming", "name")]], ("name",), 0, 1),
        (["the 12th NPC"], [[Rendering("十二届", "12th", "ordinal"), Rendering("北京", "Beijing", "place")]], ("term",), 0, 0),
        (["work on poverty"], [[Rendering("扶贫", "poverty alleviation", "hint")]], ("term", "hint"), 0, 0),  # hints never counted
        (["the CPPCC met", "no term here"], [[Rendering("政协", "CPPCC"), Rendering("政协", "CPPCC")], []], ("term",), 1, 1),
        ([], [], ("term",), 0, 0),
    ],
)
def test_term_accuracy(hyps, renderings, kinds, found, total):
    accuracy = term_accuracy(hyps, renderings, kinds)
    assert (accuracy.found, accuracy.total) == (found, total)
    assert accuracy.value == (found / total if total else None)


def test_term_accuracy_needs_renderings_per_sentence():
    with pytest.raises(ValueError):
        term_accuracy(["a", "b"], [[]])


def test_corpus_scores_carry_signatures():
    names = [(m.name, m.signature.split("|")[0]) for m in corpus_scores(HYPS, REFS)]
    assert names == [("BLEU", "nrefs:1"), ("chrF2", "nrefs:1"), ("TER", "nrefs:1")]


def test_quality_estimate_lists_lowest_confidence_first():
    catalog = Catalog("x", entries=[
        Entry("1.1", "甲", "A", fuzzy=True, notes=["confidence: 0.82"]),
        Entry("1.2", "乙", "B", fuzzy=True, notes=["confidence: 0.41"]),
        Entry("1.3", "丙", "C"),
        Entry("1.4", "丁"),
    ])
    qe = quality_estimate(catalog)
    assert qe.entries == (("1.2", 0.41), ("1.1", 0.82))
    assert qe.mean == pytest.approx(0.615)
    assert qe.without == 1


def test_score_qe_without_reference(tmp_path, runner):
    catalog = Catalog("x", {"Language": "en"}, [
        Entry("1.1", "甲", "A", fuzzy=True, notes=["confidence: 0.82"]),
        Entry("1.2", "乙", "B", fuzzy=True, notes=["confidence: 0.41"]),
    ])
    write_catalog(catalog, tmp_path / "x.po")
    result = run_cli(runner, "score", str(tmp_path / "x.po"), "--qe")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  confidence mean 0.615 over 2 entries" in lines
    assert lines.index("    0.410  1.2") < lines.index("    0.820  1.1")


def test_score_term_accuracy_with_glossary_and_src(tmp_path, runner):
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        GLOSSARY_HEADER
        + "loufan,娄烦县,Loufan County,place,approved,,,,,Jing,Jing,2026-11-01\n"
        + "director,主任,Director,title,approved,,,,,Jing,Jing,2026-11-01\n"
        + "township,乡镇,township,general,approved,,,,,Jing,Jing,2026-11-01\n",
        encoding="utf-8",
    )
    ref, hyp, src = write_lines(tmp_path / "ref.txt", REFS), write_lines(tmp_path / "hyp.txt", HYPS), write_lines(tmp_path / "src.txt", SOURCES)
    result = run_cli(runner, "score", str(hyp), str(ref), "--src", str(src), "--glossary", str(glossary), "--json")
    assert result.exit_code == 0, result.output
    terms = json.loads(result.stdout)["term_accuracy"]
    # 娄烦县 and 主任 rendered; 乡镇 became "towns"
    assert (terms["found"], terms["total"]) == (2, 3)
    assert terms["missing"] == [{"segment": 4, "zh": "乡镇", "en": "township"}]


def test_importing_the_cli_does_not_import_sacrebleu():
    code = "import sys, l10n.cli; print('sacrebleu' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_score_help_ends_with_an_example(runner):
    result = run_cli(runner, "score", "--help")
    assert result.exit_code == 0
    description = result.stdout.split("Arguments:")[0].split("Options:")[0].rstrip()
    lines = description.splitlines()
    assert lines[lines.index("  Example:"):][:2] == ["  Example:", "    l10n score system.en.txt ref.en.txt --baseline baseline.en.txt"]


def _culture_glossary():
    import datetime as dt

    from l10n.glossary import Glossary, Term

    return Glossary([Term("culture", "文化部", "Ministry of Culture", "organ", "approved", valid_to=dt.date(2018, 3, 17))])


# score takes what a segment requires from l10n.required on the bulletin's date, as drafting does:
# --date, else a catalog's X-Bulletin-Date, else (a dateless catalog) any day; a text HYP: today.
@pytest.mark.parametrize(("bulletin_date", "date", "total"), [
    ("2017-06-01", None, 1),
    ("2019-06-01", None, 0),  # the ministry was renamed in 2018
    (None, None, 1),  # no bulletin date: terms of any day, as drafting
    ("2017-06-01", "2019-06-01", 0),
    ("2019-06-01", "2017-06-01", 1),
])
def test_score_requirements_on_the_bulletin_date(tmp_path, bulletin_date, date, total):
    import datetime as dt

    from l10n.quality.score import score_files

    header = {"Language": "en", **({"X-Bulletin-Date": bulletin_date} if bulletin_date else {})}
    write_catalog(Catalog("x", header, [Entry("1.1", "文化部召开会议。", "The Ministry of Culture met.")]), tmp_path / "x.po")
    on = dt.date.fromisoformat(date) if date else None
    [report] = score_files(tmp_path / "x.po", qe=True, glossary=_culture_glossary(), date=on)
    assert report.terms.total == total


@pytest.mark.parametrize(("date", "total"), [(None, 0), ("2017-06-01", 1)])  # a text HYP is scored on today, or --date
def test_score_text_requirements_on_today_or_the_date(tmp_path, date, total):
    import datetime as dt

    from l10n.quality.score import score_files

    hyp, src = write_lines(tmp_path / "hyp.txt", ["The Ministry of Culture met."]), write_lines(tmp_path / "src.txt", ["文化部召开会议。"])
    [report] = score_files(hyp, hyp, src=src, glossary=_culture_glossary(), date=dt.date.fromisoformat(date) if date else None)
    assert report.terms.total == total


@pytest.mark.parametrize(("systems", "baselines", "error"), [
    (["a"], ["b"], None),  # one system, one baseline: paired whatever their names
    (["a", "b"], ["b", "a"], None),  # catalogs are paired by name
    (["a", "b"], ["a"], "has no catalog for b"),
])
def test_score_pairs_systems_with_baselines_by_name(tmp_path, systems, baselines, error):
    from l10n.errors import InputError
    from l10n.quality.score import score_files

    for folder, names in (("hyp", systems), ("base", baselines)):
        (tmp_path / folder).mkdir()
        for name in names:
            write_catalog(Catalog(name, {"Language": "en"}, [Entry("1.1", "甲", f"{name} {folder} one"), Entry("1.2", "乙", "two")]),
                          tmp_path / folder / f"{name}.po")
    (tmp_path / "refs").mkdir()
    for name in systems:
        write_lines(tmp_path / "refs" / f"{name}.en.txt", [f"{name} base one", "two"])
    hyp = tmp_path / "hyp" if len(systems) > 1 else tmp_path / "hyp" / f"{systems[0]}.po"
    ref = tmp_path / "refs" if len(systems) > 1 else tmp_path / "refs" / f"{systems[0]}.en.txt"
    base = tmp_path / "base" if len(baselines) > 1 or len(systems) > 1 else tmp_path / "base" / f"{baselines[0]}.po"
    if error:
        with pytest.raises(InputError, match=error):
            score_files(hyp, ref, baseline=base, n_bootstrap=10)
        return
    reports = score_files(hyp, ref, baseline=base, n_bootstrap=10)
    assert [r.name for r in reports] == systems + (["total"] if len(systems) > 1 else [])
    assert all(r.comparisons for r in reports)
