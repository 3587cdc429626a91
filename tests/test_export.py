"""``l10n export``: the reviewed bulletin as txt/md/html, and its catalog as .po/.mo."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from support import assert_refused, disable_checks, run_cli, write_template
from l10n.catalog import Catalog, Entry, base_header, read_catalog, write_catalog
from l10n.export import DRAFT_MARK, NotApprovedError, assemble, english_date, join_names, render

SLUG = "loufan"
HAVE_MSGFMT = shutil.which("msgfmt") is not None
HAVE_MSGUNFMT = shutil.which("msgunfmt") is not None

TITLE = "Loufan County CPPCC Holds Standing Committee Meeting"


SOURCE_EN = "Loufan County People's Government"


def sample(*, approved: bool = True, translators=("Jing",), source_entry: bool = True) -> Catalog:
    """An ingested bulletin (its Source line an entry, 0.0), approved; *source_entry* False: one
    ingested before the Source line was an entry."""
    header = base_header(SLUG, language="en")
    header.update({"X-Bulletin-Title": "娄烦县政协召开常委会议", "X-Bulletin-Date": "2023-12-09",
                   "X-Bulletin-Source": "娄烦县人民政府", "Last-Translator": translators[-1]})
    signed = "\n".join(f"approved-by: {t} 2026-12-01" for t in translators)
    rows = [  # deliberately out of order: export sorts by paragraph and sentence
        ("2.1", "与会人员进行了讨论。", "Participants held discussions."),
        ("0.1", "娄烦县政协召开常委会议", TITLE),
        ("1.2", "会议听取了工作报告。", "The meeting heard the work report."),
        ("1.1", "12月9日，县政协主席李成明主持会议。", "On December 9, Li Chengming, chairman of the county CPPCC, presided over the meeting."),
        ("10.1", "会议强调要加强团结。", "The meeting stressed unity."),
        *([("0.0", "娄烦县人民政府", SOURCE_EN)] if source_entry else []),
    ]
    entries = [Entry(c, zh, en, fuzzy=not approved, notes=["term: 政协 → CPPCC"] if "政协" in zh else [], comment=signed if approved else "")
               for c, zh, en in rows]
    return Catalog(SLUG, header, entries)


@pytest.fixture(autouse=True)
def template(request) -> None:
    """Every project here holds the template of :func:`sample`, as ingest would write it."""
    if "config" in request.fixturenames:
        write_template(request.getfixturevalue("config").root, sample())


@pytest.fixture
def po(config) -> Path:
    path = config.catalog_path(SLUG)
    write_catalog(sample(), path)
    return path


def test_english_dates():
    assert english_date("2023-12-09") == "December 9, 2023"
    assert english_date("2021-01-31") == "January 31, 2021"


@pytest.mark.parametrize("names, expected", [
    (["Jing"], "Jing"),
    (["Jing", "Wei"], "Jing and Wei"),
    (["Jing", "Wei", "Li Na"], "Jing, Wei and Li Na"),
])
def test_translator_names_join_as_prose(names, expected):
    assert join_names(names) == expected


def test_txt_has_title_date_source_paragraphs_in_order_and_translator(runner, po):
    result = run_cli(runner, "export", SLUG, "--format", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{TITLE}\n\n"
        f"December 9, 2023\nSource: {SOURCE_EN}\n\n"
        "On December 9, Li Chengming, chairman of the county CPPCC, presided over the meeting. The meeting heard the work report.\n\n"
        "Participants held discussions.\n\n"
        "The meeting stressed unity.\n\n"
        "Translator: Jing\n"
    )
    assert result.stdout.rstrip().endswith("Translator: Jing")


def test_every_translator_who_approved_is_named(config):
    write_catalog(sample(translators=("Jing", "Wei")), config.catalog_path(SLUG))
    text = render(assemble(read_catalog(config.catalog_path(SLUG))), "txt")
    assert text.endswith("Translator: Jing and Wei\n")


def test_source_is_given_in_english_when_the_glossary_has_it():
    catalog = sample(source_entry=False)
    catalog.entries[0].notes.append("term: 娄烦县人民政府 → Loufan County People's Government")
    assert "Source: Loufan County People's Government\n" in render(assemble(catalog), "txt")


def test_source_is_composed_from_the_glossary_place_and_organ_valid_on_the_bulletin_date(runner, config, project):
    header = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
    (project / "glossary" / "t.csv").write_text(header + (
        "org-mhro,市委党史研究室,Party History Research Office of the Municipal Party Committee,organ,approved,,,,t,ed,ed,2024-01-01\n"
        "org-cg,县政府,County Government,organ,approved,2024-01-01,,,t,ed,ed,2024-01-01\n"), encoding="utf-8")
    catalog = sample(source_entry=False)  # ingested before the Source line was an entry: composed from the header
    write_template(project, catalog)
    catalog.header["X-Bulletin-Source"] = "晋中市委党史研究室"
    write_catalog(catalog, config.catalog_path(SLUG))
    assert "Source: Party History Research Office of the Jinzhong Municipal Party Committee\n" in run_cli(runner, "export", SLUG).stdout
    catalog.header["X-Bulletin-Source"] = "娄烦县政府"  # 县政府 is approved from 2024 on; the bulletin is of 2023
    write_catalog(catalog, config.catalog_path(SLUG))
    assert_refused(runner, project, "export", SLUG, says="Line 4 of the English edition of loufan, 'Source: 娄烦县政府', holds Chinese")


def test_markdown_has_a_heading_and_escapes_markup(runner, config):
    catalog = sample()
    catalog.find("2.1").translation = "Participants discussed *all* items [1]."
    write_catalog(catalog, config.catalog_path(SLUG))
    result = run_cli(runner, "export", SLUG, "--format", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {TITLE}"
    assert "Participants discussed \\*all\\* items \\[1\\]." in lines
    assert lines[-1] == "Translator: Jing"


def test_html_is_escaped_with_h1_and_paragraphs(runner, config, project):
    catalog = sample()
    catalog.find("0.1").translation = "R&D <Loufan> \"CPPCC\""
    # "Loufan County" (娄烦县, a place the title requires) is shortened too: approved despite both
    catalog.find("0.1").comment = "approved-despite: commentary, missing-term — the brackets are the county's own"
    write_catalog(catalog, config.catalog_path(SLUG))
    out = project / "out" / "loufan.html"
    result = run_cli(runner, "export", SLUG, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out} (6 entries)\n"
    page = out.read_text(encoding="utf-8")
    assert "<h1>R&amp;D &lt;Loufan&gt; &quot;CPPCC&quot;</h1>" in page
    assert "<title>R&amp;D &lt;Loufan&gt; &quot;CPPCC&quot;</title>" in page
    assert '<time datetime="2023-12-09">December 9, 2023</time>' in page
    assert page.index("<p>On December 9") < page.index("<p>Participants") < page.index("<p>The meeting stressed")
    assert '<p class="translator">Translator: Jing</p>' in page
    assert "<script" not in page


def test_unreviewed_entries_block_the_export(runner, config, project):
    catalog = sample()
    for ctx in ("1.1", "2.1"):
        catalog.find(ctx).fuzzy = True
    catalog.find("10.1").translation = ""
    write_catalog(catalog, config.catalog_path(SLUG))
    for fmt in ("txt", "html", "po", "mo"):
        result = run_cli(runner, "export", SLUG, "--format", fmt, "-o", str(project / f"x.{fmt}"))
        assert result.exit_code == 2
        assert result.stderr == "Error: 3 of 6 entries are not approved; review them or pass --allow-draft.\n"
        assert not (project / f"x.{fmt}").exists()


def test_a_bulletin_nobody_approved_is_refused(runner, config):
    write_catalog(sample(approved=False), config.catalog_path(SLUG))
    result = run_cli(runner, "export", SLUG)
    assert result.exit_code == 2
    assert result.stderr == "Error: No entry of loufan is approved yet; review it with `l10n review loufan` or pass --allow-draft.\n"
    with pytest.raises(NotApprovedError):
        assemble(sample(approved=False))


def test_allow_draft_marks_the_output_and_shows_untranslated_chinese(runner, config):
    catalog = sample(approved=False)
    catalog.find("10.1").translation = ""
    write_catalog(catalog, config.catalog_path(SLUG))
    result = run_cli(runner, "export", SLUG, "--allow-draft")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == DRAFT_MARK == "[MACHINE DRAFT — not reviewed]"
    assert lines[2] == TITLE
    assert "[会议强调要加强团结。]" in lines
    assert not any(line.startswith("Translator:") for line in lines)
    assert "machine draft" in result.stderr


def test_allow_draft_in_html_and_md_is_marked_too():
    catalog = sample(approved=False)
    assert render(assemble(catalog, allow_draft=True), "html").count(DRAFT_MARK) == 1
    assert render(assemble(catalog, allow_draft=True), "md").startswith(f"> **{DRAFT_MARK}**")


def test_po_export_is_the_catalog_and_msgfmt_accepts_it(runner, po, project):
    result = run_cli(runner, "export", SLUG, "--format", "po")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote loufan.po (6 entries)\n"
    exported = project / "loufan.po"
    assert read_catalog(exported).entries == read_catalog(po).entries
    if not HAVE_MSGFMT:
        pytest.skip("msgfmt is not installed")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(exported)], check=True, capture_output=True)


def test_mo_export_holds_the_approved_entries(runner, config, project):
    catalog = sample()
    catalog.find("10.1").fuzzy = True
    write_catalog(catalog, config.catalog_path(SLUG))
    result = run_cli(runner, "export", SLUG, "--format", "mo", "--allow-draft", "-o", "build/loufan.mo")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote build/loufan.mo (5 approved entries)\n"
    mo = project / "build" / "loufan.mo"
    with mo.open("rb") as f:
        translations = gettext.GNUTranslations(f)
    assert translations.pgettext("0.1", "娄烦县政协召开常委会议") == TITLE
    assert translations.pgettext("2.1", "与会人员进行了讨论。") == "Participants held discussions."
    assert translations.pgettext("10.1", "会议强调要加强团结。") == "会议强调要加强团结。"  # a draft is not shipped
    if not HAVE_MSGUNFMT:
        pytest.skip("msgunfmt is not installed")
    text = subprocess.run(["msgunfmt", str(mo)], check=True, capture_output=True, text=True).stdout
    assert 'msgctxt "1.2"' in text and "The meeting heard the work report." in text


def test_a_reviewed_catalog_still_passes_msgfmt_check(config, po):
    if not HAVE_MSGFMT:
        pytest.skip("msgfmt is not installed")
    from l10n.review import ReviewSession

    catalog = sample(approved=False)
    write_catalog(catalog, po)
    session = ReviewSession(read_catalog(po), po, "Jing")
    session.accept()
    session.edit("On December 9, Li Chengming presided over the meeting.")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True, capture_output=True)


def broken_but_approved(config, comment: str = "") -> Path:
    catalog = sample()
    entry = catalog.find("1.1")
    entry.translation = "On December 9, 县政协 chairman presided over the meeting."  # no qa: note: export checks afresh
    entry.comment = comment
    write_catalog(catalog, config.catalog_path(SLUG))
    return config.catalog_path(SLUG)


@pytest.mark.parametrize("fmt", ["txt", "html", "po", "mo"])
def test_an_approved_entry_with_qa_errors_is_not_published(runner, config, project, fmt):
    broken_but_approved(config)
    assert_refused(runner, project, "export", SLUG, "--format", fmt, "-o", str(project / f"x.{fmt}"),
                   says="Entry 1.1 of loufan has QA errors (chinese-left, missing-term); fix it with `l10n review loufan`")


def test_allow_draft_publishes_an_entry_with_qa_errors_marked_as_a_draft(runner, config):
    broken_but_approved(config)
    result = run_cli(runner, "export", SLUG, "--allow-draft")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == DRAFT_MARK
    assert "县政协 chairman" in result.stdout


def test_an_entry_approved_despite_its_errors_with_a_reason_is_published(runner, config):
    broken_but_approved(config, "approved-despite: chinese-left, missing-term — the office keeps the Chinese name")
    result = run_cli(runner, "export", SLUG)
    assert result.exit_code == 0, result.output
    assert DRAFT_MARK not in result.stdout
    assert "县政协 chairman" in result.stdout


def test_a_reason_covers_only_the_checks_it_names(runner, config, project):
    broken_but_approved(config, "approved-despite: missing-term — a different decision")
    assert_refused(runner, project, "export", SLUG, says="Entry 1.1 of loufan has QA errors (chinese-left)")


@pytest.mark.parametrize(("disabled", "says"), [(("chinese-left", "missing-term"), None), (("chinese-left",), "(missing-term)")])
def test_a_disabled_check_does_not_stop_an_export(runner, config, project, disabled, says):
    broken_but_approved(config)
    disable_checks(project, *disabled)
    if says is None:
        result = run_cli(runner, "export", SLUG)
        assert result.exit_code == 0, result.output
        assert "县政协 chairman" in result.stdout
    else:
        assert_refused(runner, project, "export", SLUG, says=f"Entry 1.1 of loufan has QA errors {says}")


def test_export_of_an_unknown_slug(runner, project):
    result = run_cli(runner, "export", "nosuch")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: No catalog for slug nosuch in ")
    assert result.stderr.endswith("; run `l10n draft nosuch` first.\n")


def test_export_of_a_hand_broken_catalog_names_the_line(runner, po):
    text = po.read_text(encoding="utf-8").replace('msgid "与会人员进行了讨论。"', 'msgid "与会人员进行了讨论。"\nmsgid "twice"')
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgid "twice"') + 1
    result = run_cli(runner, "export", SLUG)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {po} is not a valid PO file at line {line};")


def test_unknown_format_is_rejected_by_the_parser(runner, po):
    result = run_cli(runner, "export", SLUG, "--format", "docx")
    assert result.exit_code == 2
    assert "docx" in result.stderr


# --- exports a newsroom can post ------------------------------------------------------------


def signed(title: str, source: str = "娄烦县人民政府") -> Catalog:
    catalog = sample(source_entry=False)
    catalog.find("0.1").translation = title
    catalog.header["X-Bulletin-Source"] = source
    return catalog


@pytest.mark.parametrize("title, headline", [
    ("Loufan County CPPCC Holds Standing Committee Meeting.", "Loufan County CPPCC Holds Standing Committee Meeting"),
    ("Loufan County CPPCC Holds Standing Committee Meeting", "Loufan County CPPCC Holds Standing Committee Meeting"),
    ("Delegation Visits the U.S.", "Delegation Visits the U.S."),
    ("Work Continues...", "Work Continues..."),
    ("Is the Plan Ready?", "Is the Plan Ready?"),
])
@pytest.mark.parametrize("fmt, first_line", [("txt", "{}"), ("md", "# {}")])
def test_the_headline_has_no_full_stop(title, headline, fmt, first_line):
    text = render(assemble(signed(title)), fmt)
    assert text.splitlines()[0] == first_line.format(headline)


@pytest.mark.parametrize("title, headline", [("Meeting Held.", "Meeting Held"), ("Delegation Visits the U.S.", "Delegation Visits the U.S.")])
def test_the_html_headline_and_page_title_have_no_full_stop(title, headline):
    page = render(assemble(signed(title)), "html")
    assert f"<h1>{headline}</h1>" in page and f"<title>{headline}</title>" in page


def test_the_html_page_is_well_formed_with_a_viewport_and_a_stylesheet():
    from lxml import etree

    catalog = signed("R&D <Loufan> \"CPPCC\".")
    page = render(assemble(catalog, allow_draft=True), "html")
    root = etree.fromstring(page.encode("utf-8"))  # strict XML: every element closed, every entity escaped
    assert root.tag == "html" and root.get("lang") == "en"
    head = root.find("head")
    assert head.find("meta[@charset='utf-8']") is not None
    assert head.find("meta[@name='viewport']").get("content") == "width=device-width, initial-scale=1"
    style = head.find("style").text
    assert "max-width" in style and "font" in style and "<" not in style and "&" not in style
    assert root.find("body/article/h1").text == "R&D <Loufan> \"CPPCC\""
    assert page.startswith("<!DOCTYPE html>\n")


def test_the_source_line_names_the_office_as_the_headline_does(runner, config, project):
    header = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
    (project / "glossary" / "t.csv").write_text(header + (
        "org-mhro,市委党史研究室,Party History Research Office of the Municipal Party Committee,organ,approved,,,,t,ed,ed,2024-01-01\n"), encoding="utf-8")
    as_headline = "Jinzhong Party History Research Office of the Municipal Party Committee"
    for title, source in [
        (f"{as_headline} Visits Loufan County CPPCC.", as_headline),  # the headline's form of the same parts
        ("Party History Research Office of the Jinzhong Municipal Party Committee Visits Loufan County CPPCC",
         "Party History Research Office of the Jinzhong Municipal Party Committee"),
        ("Loufan County CPPCC Meets", "Party History Research Office of the Jinzhong Municipal Party Committee"),  # no form in it: composed
    ]:
        write_template(project, signed(title, "晋中市委党史研究室"))  # ingested before the Source line was an entry
        write_catalog(signed(title, "晋中市委党史研究室"), config.catalog_path(SLUG))
        result = run_cli(runner, "export", SLUG)
        assert result.exit_code == 0, result.stderr
        assert f"\nSource: {source}\n" in result.stdout, title
