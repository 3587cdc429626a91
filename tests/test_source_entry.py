"""Issue 44: the Source line is an entry; ingest metadata; ``l10n init --glossary starter``.

The Source line (the issuing office under the date) is the catalog entry ``0.0``: ingest puts the
office there cleaned of the page's hit counter, drafting composes it from the glossary first,
review and QA see it like any entry, and export takes it from its approved translation. No
export of an approved bulletin carries Chinese; date and Source survive a Babel rewrite; the
signature is the reviewers' names.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import assert_refused, run_cli
from l10n.catalog import SEGMENT_CONTEXT, SOURCE_CONTEXT, Entry, read_catalog, write_catalog
from l10n.config import load_config

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = "5月14日,晋中市委党史研究室主任张文华一行赴平遥县调研地方志编纂工作。平遥县委常委、宣传部部长赵丽萍陪同调研。"
TITLE = "晋中市委党史研究室赴平遥县调研"
HEADER = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
OFFICE = "org-mhro,市委党史研究室,Party History Research Office of the Municipal Party Committee,organ,approved,,,,t,ed,ed,2024-01-01\n"
PUBLICITY = "org-pub,宣传部,Publicity Department,organ,approved,,,,t,ed,ed,2024-01-01\n"
COMPOSED = "Party History Research Office of the Jinzhong Municipal Party Committee"


def bulletin(info: str) -> str:
    return f"{TITLE}\n\n发布时间:2024-05-16  {info}\n\n{ARTICLE}\n"


def ingested(project: Path, info: str = "来源:晋中市委党史研究室", name: str = "b.txt"):
    (project / name).write_text(bulletin(info), encoding="utf-8")
    result = run_cli(CliRunner(), "ingest", str(project / name), "--slug", "b")
    assert result.exit_code == 0, result.output
    return read_catalog(project / "locales" / "templates" / "b.pot")


# --- 1. the Source line is an entry ----------------------------------------------------------

@pytest.mark.parametrize("info, office", [
    ("来源:晋中市委党史研究室", "晋中市委党史研究室"),
    ("来源:晋中市委党史研究室浏览次数：2086", "晋中市委党史研究室"),
    ("来源：平遥县融媒体中心 点击量: 35", "平遥县融媒体中心"),
    ("来源：平遥县融媒体中心  阅读 120", "平遥县融媒体中心"),
    ("来源：全民阅读促进会", "全民阅读促进会"),  # 阅读 inside a name is no counter
])
def test_ingest_puts_the_source_office_without_its_counter_into_the_template_as_entry_0_0(project, info, office):
    template = ingested(project, info)
    entry = template.entries[0]
    assert (entry.context, entry.source) == (SOURCE_CONTEXT, office)
    assert SEGMENT_CONTEXT.fullmatch(entry.context)  # the gate's <paragraph>.<sentence>
    assert entry.references == [("b.txt", "3")]  # the info line
    assert [e.context for e in template.entries[1:]] == ["0.1", "1.1", "1.2"]  # no body entry moved or collides
    assert template.header["X-Bulletin-Source"] == office


class _Engine:
    name, model_id, model_sha256 = "scripted", "scripted-1", "f" * 64

    def __init__(self):
        self.sources: list[str] = []

    def translate(self, requests, *, n_best: int = 1):
        from l10n.engines.base import Hypothesis

        self.sources += [r.source for r in requests]
        return [[Hypothesis("Jinzhong office visits Pingyao.", score=-0.1, tokens=5)] for _ in requests]


def test_the_source_entry_is_drafted_from_the_glossary_composition_first(project):
    from l10n.draft import draft_catalog

    (project / "glossary" / "t.csv").write_text(HEADER + OFFICE, encoding="utf-8")
    ingested(project)
    engine = _Engine()
    draft_catalog(load_config(), "b", engine_factory=lambda: engine)
    entry = read_catalog(load_config().catalog_path("b")).find(SOURCE_CONTEXT)
    assert (entry.translation, entry.state) == (COMPOSED, "draft")  # a draft for review, like any
    assert "drafted: composed from the glossary" in entry.notes
    assert "晋中市委党史研究室" not in engine.sources  # the engine never saw it


def _approve_all_but(catalog, *, but: str = "", source_english: str = "Pingyao County Media Center"):
    english = {SOURCE_CONTEXT: source_english, "0.1": "Jinzhong City Party History Office Visits Pingyao County",
               "1.1": "On May 14, Zhang Wenhua, director of the Party History Office of Jinzhong City, led a delegation to "
                      "Pingyao County to study local chronicle compilation.",
               "1.2": "Zhao Liping, member of the Standing Committee of the Pingyao County Party Committee and head of its "
                      "Publicity Department, accompanied the delegation."}
    for entry in catalog.entries:
        entry.translation = english[entry.context]
        entry.fuzzy = entry.context == but
        entry.comment = "" if entry.context == but else "approved-by: Jing 2026-12-01"
    return catalog


def _project_with(project: Path, info: str = "来源：平遥县融媒体中心 浏览次数：2086", *, but: str = "", **kw) -> Path:
    """*project* with the bulletin ingested and approved (but the entry *but*); its office is in no glossary row."""
    (project / "glossary" / "t.csv").write_text(HEADER + PUBLICITY, encoding="utf-8")
    template = ingested(project, info)
    catalog = _approve_all_but(template, but=but, **kw)
    catalog.header["Language"] = "en"
    path = load_config().catalog_path("b")
    write_catalog(catalog, path)
    return path


def test_an_approved_bulletin_whose_source_office_no_glossary_row_knows_is_exported_in_its_reviewed_english(project, runner):
    _project_with(project)
    result = run_cli(runner, "export", "b")
    assert result.exit_code == 0, result.output
    assert "\nSource: Pingyao County Media Center\n" in result.stdout
    assert "平遥" not in result.stdout and "浏览" not in result.stdout


def test_an_approved_bulletin_whose_source_entry_is_not_approved_is_refused_unless_allow_draft(project, runner):
    _project_with(project, but=SOURCE_CONTEXT)
    assert_refused(runner, project, "export", "b", says="The Source line of b (entry 0.0, the issuing office) is not approved")
    result = run_cli(runner, "export", "b", "--allow-draft")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("[MACHINE DRAFT")


def test_qa_checks_the_source_entry_like_any(project, runner):
    _project_with(project, source_english="平遥县融媒体中心")  # approved, but Chinese
    assert_refused(runner, project, "export", "b", says="Entry 0.0 of b has QA errors (chinese-left")
    result = run_cli(runner, "check", "--json")
    assert result.exit_code == 1 and '"0.0"' in result.stdout


@pytest.mark.parametrize("header, value, line", [
    ("X-Bulletin-Source", "平遥县融媒体中心", "'Source: 平遥县融媒体中心'"),  # a catalog ingested before the Source line was an entry
    ("X-Bulletin-Title", "平遥县调研", "Line 1"),  # no title entry: the header's title
])
def test_the_whole_document_check_refuses_chinese_from_outside_the_entries_naming_the_line(project, runner, header, value, line):
    from support import write_template

    path = _project_with(project)
    catalog = read_catalog(path)
    catalog.entries = [e for e in catalog.entries if e.context not in (SOURCE_CONTEXT, "0.1")]
    catalog.header.update({"X-Bulletin-Source": "", "X-Bulletin-Title": "", header: value})
    write_template(project, catalog)
    write_catalog(catalog, path)
    result = assert_refused(runner, project, "export", "b", says="of the English edition of b")
    assert line in result.stderr and "holds Chinese" in result.stderr
    assert run_cli(runner, "export", "b", "--format", "po", "-o", "b.po").exit_code == 0  # the catalog itself is Chinese and English


def test_date_and_source_survive_a_babel_rewrite(project, runner):
    from babel.messages.pofile import read_po, write_po

    path = _project_with(project)
    rewritten = io.BytesIO()
    write_po(rewritten, read_po(io.BytesIO(path.read_bytes())), width=0)  # what `pybabel update` writes
    path.write_bytes(rewritten.getvalue())
    assert "X-Bulletin" not in path.read_text(encoding="utf-8")
    result = run_cli(runner, "export", "b")
    assert result.exit_code == 0, result.output
    assert "\nMay 16, 2024\nSource: Pingyao County Media Center\n" in result.stdout


@pytest.mark.parametrize("approved_by, signature", [
    ("approved-by: Jing 2026-12-01", "Translator: Jing\n"),
    ("", None),  # approved in Poedit or Weblate: no reviewer's line, no signature; never the header's email
])
def test_the_signature_is_the_reviewers_name_never_last_translators_email(project, runner, approved_by, signature):
    path = _project_with(project)
    catalog = read_catalog(path)
    catalog.header["Last-Translator"] = "Jing Li <jing@example.org>"
    for entry in catalog.entries:
        entry.comment = approved_by
    write_catalog(catalog, path)
    result = run_cli(runner, "export", "b")
    assert result.exit_code == 0, result.output
    assert "@" not in result.stdout and "Jing Li" not in result.stdout
    assert (signature in result.stdout) if signature else "Translator:" not in result.stdout


def test_the_repository_example_has_its_source_entry_reviewed_and_passes_check(runner, monkeypatch):
    catalog = read_catalog(ROOT / "locales" / "en" / "LC_MESSAGES" / "example.po")
    entry = catalog.find(SOURCE_CONTEXT)
    assert entry is not None and entry.state == "approved" and entry.approvals
    monkeypatch.chdir(ROOT)
    result = run_cli(runner, "check")
    assert result.exit_code == 0, result.output


# --- 2. ingest metadata ----------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/news">工作动态</a></div>
<div class="info"><span>发布时间：2024-05-16</span>
<span>来源：晋中市委党史研究室</span><span>浏览次数：2086</span></div>
<div class="article"><h1>{TITLE}</h1>
<p>{ARTICLE}</p>
<p>调研组先后参观了平遥县档案馆和县地方志办公室,详细了解了编纂进度。这是一次很有意义的调研活动,双方都表示要继续加强合作。</p>
</div>
<div class="footer"><p>版权所有:平遥县人民政府</p></div>
</body></html>"""


def test_html_ingest_keeps_the_source_from_the_info_line_outside_the_article(tmp_path):
    from l10n.ingest import read_bulletin

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    bulletin = read_bulletin(path)
    assert "来源" not in " ".join(s.text for s in bulletin.segments)  # the info line is not in the article
    assert (bulletin.source, bulletin.source_line) == ("晋中市委党史研究室", 4)


@pytest.mark.parametrize("info, office", [
    ("<span>来源：</span><span>晋中市委党史研究室</span><span>浏览次数：2086</span>", "晋中市委党史研究室"),  # the office in a span of its own
    ("<span>来源：\x1b]0;owned\x07::error::晋中\u202e市委</span>", None),  # controls and marks: never raw on the terminal
    ("<span>来源：</span>", ""),  # a key with no office: no Source line, no crash
])
def test_hostile_or_empty_info_lines_outside_the_article(project, runner, info, office):
    page = PAGE.replace("<span>来源：晋中市委党史研究室</span><span>浏览次数：2086</span>", info)
    (project / "page.html").write_text(page, encoding="utf-8")
    result = run_cli(runner, "ingest", "page.html", "--slug", "b")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\n::" not in result.stdout
    template = read_catalog(project / "locales" / "templates" / "b.pot")
    entry = template.find(SOURCE_CONTEXT)
    if office is None:
        from l10n.textsafe import unsafe_characters

        assert entry is not None and not unsafe_characters(entry.source) and "\x1b" not in entry.source
    elif office:
        assert entry.source == office
    else:
        assert entry is None or entry.source != "来源："


@pytest.mark.parametrize("where, reference", [
    ("inside/deeper/b.txt", "inside/deeper/b.txt"),  # relative to the project root, whatever the cwd
    ("../outside/b.txt", "b.txt"),  # outside the project: its name only
])
def test_the_template_records_the_bulletin_relative_to_the_project_never_absolute(project, runner, monkeypatch, where, reference):
    path = (project / where).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bulletin("来源:晋中市委党史研究室"), encoding="utf-8")
    (project / "inside").mkdir(exist_ok=True)
    monkeypatch.chdir(project / "inside")
    result = run_cli(runner, "ingest", str(path), "--slug", "b", "--config", str(project / "l10n.toml"))
    assert result.exit_code == 0, result.output
    text = (project / "locales" / "templates" / "b.pot").read_text(encoding="utf-8")
    assert f"X-Bulletin-File: {reference}\\n" in text and f"#: {reference}:" in text
    assert str(project) not in text and str(path.parent) not in text


# --- 3. init --glossary starter --------------------------------------------------------------

def test_init_with_the_starter_glossary_copies_the_shipped_one(tmp_path, runner):
    result = run_cli(runner, "init", str(tmp_path / "new"), "--glossary", "starter")
    assert result.exit_code == 0, result.output
    shipped = sorted(p.name for p in (ROOT / "glossary").glob("*.csv"))
    copied = sorted(p.name for p in (tmp_path / "new" / "glossary").glob("*.csv"))
    assert copied == shipped and shipped
    for name in shipped:
        assert (tmp_path / "new" / "glossary" / name).read_bytes() == (ROOT / "glossary" / name).read_bytes()
    result = run_cli(runner, "glossary", "validate", "--config", str(tmp_path / "new" / "l10n.toml"))
    assert result.exit_code == 0, result.output


def test_init_without_glossary_leaves_it_empty_and_an_unknown_one_is_refused(tmp_path, runner):
    assert run_cli(runner, "init", str(tmp_path / "a")).exit_code == 0
    assert not list((tmp_path / "a" / "glossary").iterdir())
    (tmp_path / "b").mkdir()
    assert_refused(runner, tmp_path / "b", "init", str(tmp_path / "b"), "--glossary", "nosuch", says="nosuch")


def test_init_refuses_an_existing_project_before_copying_any_glossary(tmp_path, runner):
    (tmp_path / "l10n.toml").write_text("[project]\n", encoding="utf-8")
    assert_refused(runner, tmp_path, "init", str(tmp_path), "--glossary", "starter", says="already exists; pass --force")


def test_init_never_overwrites_a_glossary_file_already_there(tmp_path, runner):
    target = tmp_path / "p" / "glossary"
    target.mkdir(parents=True)
    name = sorted((ROOT / "glossary").glob("*.csv"))[0].name
    (target / name).write_text("mine\n", encoding="utf-8")
    assert_refused(runner, tmp_path / "p", "init", str(tmp_path / "p"), "--glossary", "starter", says=name)


def test_the_starter_glossary_is_found_in_the_source_tree_and_mapped_into_the_wheel():
    import tomllib

    from l10n.starter import starter_files

    assert sorted(p.name for p in starter_files()) == sorted(p.name for p in (ROOT / "glossary").glob("*.csv"))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["glossary"] == "l10n/data/starter_glossary"


def test_the_same_html_page_ingested_twice_in_one_process_keeps_its_article(tmp_path):
    from l10n.ingest import read_bulletin

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    first, second = read_bulletin(path), read_bulletin(path)  # trafilatura's deduplication remembers the first
    assert [s.text for s in second.segments] == [s.text for s in first.segments] and len(first.segments) > 2
