"""Ingest: cleaning rules, segmentation, encodings, HTML, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from l10n.catalog import read_catalog
from l10n.errors import InputError, NoChineseTextError, NotTextError
from l10n.ingest import parse_bulletin, read_bulletin
from l10n.ingest.segment import split_sentences

from support import run_cli

SEED_001 = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_ee222a08b0796608.txt"

ARTICLE = "12月6日,市政协副主席强建生一行来我室考察交流。会议由市委史志研究室主任李成明主持。"
PAGE = f"""Image

太原市娄烦县政协来我室考察交流

编辑:2023-12-09 00:00:00

1168369

{ARTICLE}

748782

最后,双方形成合作意向。

版权所有:中共吕梁市委党史研究室
备案号:
晋ICP备14007065号-1
技术支持:龙采科技集团
监督电话:0358-8222182
"""


def texts(bulletin):
    return [s.text for s in bulletin.segments]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("1168369", "number-only"),
        ("Image", "image"),
        ("banner_01.jpg", "image"),
        ("版权所有:中共吕梁市委党史研究室", "footer"),
        ("晋ICP备14007065号-1", "footer"),
        ("技术支持:龙采科技集团", "footer"),
        ("监督电话:0358-8222182", "footer"),
        ("地址:山西省吕梁市离石区永宁中路9号", "footer"),
        ("Sponsored by 吕梁市人民政府", "footer"),
        ("首页 > 工作动态 > 市县动态", "navigation"),
        ("当前位置:首页 > 新闻", "navigation"),
        ("【打印本页】【关闭窗口】", "navigation"),
        ("编辑:2023-12-09 00:00:00", "metadata"),
        ("发布时间:2024-05-16  来源:晋中市委党史研究室", "metadata"),
    ],
)
def test_furniture_line_is_removed_with_its_reason(line, reason):
    bulletin = parse_bulletin(f"市政协召开会议\n\n{line}\n\n{ARTICLE}", slug="t")
    assert (line, reason) in [(r.text, r.reason) for r in bulletin.removed]
    assert all(line != s.text for s in bulletin.segments)


def test_menu_of_short_lines_is_navigation_but_title_is_kept():
    page = "首页\n新闻中心\n工作动态\n通知公告\n\n市政协召开会议\n\n" + ARTICLE
    bulletin = parse_bulletin(page, slug="t")
    assert bulletin.title == "市政协召开会议"
    assert [r.text for r in bulletin.removed if r.reason == "navigation"] == ["首页", "新闻中心", "工作动态", "通知公告"]


def test_scraped_page_yields_title_date_source_and_article_once():
    bulletin = parse_bulletin(PAGE + "\n" + PAGE, slug="t")
    assert bulletin.title == "太原市娄烦县政协来我室考察交流"
    assert bulletin.date == dt.date(2023, 12, 9)
    assert bulletin.source == "中共吕梁市委党史研究室"
    assert texts(bulletin) == [
        "太原市娄烦县政协来我室考察交流",
        "12月6日,市政协副主席强建生一行来我室考察交流。",
        "会议由市委史志研究室主任李成明主持。",
        "最后,双方形成合作意向。",
    ]
    assert [s.context for s in bulletin.segments] == ["0.1", "1.1", "1.2", "2.1"]
    duplicates = [r.text for r in bulletin.removed if r.reason == "duplicate"]
    assert ARTICLE in duplicates and "最后,双方形成合作意向。" in duplicates


@pytest.mark.skipif(not SEED_001.exists(), reason="shared seeds not present")
def test_seed_001_ingests_to_its_article_once(project, runner):
    result = run_cli(runner, "ingest", str(SEED_001))
    assert result.exit_code == 0, result.output
    assert "太原市娄烦县政协来我室考察交流" in result.stdout
    assert "date: 2023-12-09" in result.stdout
    catalog = read_catalog(project / "locales/templates/001_ee222a08b0796608.pot")
    assert catalog.find("0.0").source == "中共吕梁市委党史研究室"  # the Source line is an entry of its own
    sources = [e.source for e in catalog.entries if e.context != "0.0"]
    assert sources[0] == "太原市娄烦县政协来我室考察交流"
    assert sources[1].startswith("12月6日,太原市娄烦县政协副主席强建生一行")
    assert sources[-1] == "zui后,双方进行了史志成果交流,形成合作意向和备忘录。"
    assert len(sources) == len(set(sources)) == 17
    assert not any("ICP" in s or "版权所有" in s or s.isdigit() for s in sources)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("会议召开。大家发言。", ["会议召开。", "大家发言。"]),
        ("他说：“要加强合作。”大家同意。", ["他说：“要加强合作。”", "大家同意。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        ("一是加强领导；二是落实责任；", ["一是加强领导；", "二是落实责任；"]),
        ("增长3.5%。完成86万字。", ["增长3.5%。", "完成86万字。"]),
        ("印发《关于做好工作的通知。附件》。下一句。", ["印发《关于做好工作的通知。附件》。", "下一句。"]),
        ("会议指出……要继续努力。", ["会议指出……", "要继续努力。"]),
        ("结束了(完)。", ["结束了(完)。"]),
        ("Is it? Yes! 好的。", ["Is it?", "Yes!", "好的。"]),
        ("没有句号的段落", ["没有句号的段落"]),
        ("括号结尾。）", ["括号结尾。）"]),
    ],
)
def test_split_sentences(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-8", "utf-8-sig"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "市政協召開會議\n\n發布時間:2024-05-16\n\n會議由市委書記主持，各部門負責同志參加。會議強調要加強合作。\n" if encoding == "big5" else "市政协召开会议\n\n发布时间:2024-05-16\n\n会议由市委书记主持，各部门负责同志参加。会议强调要加强合作。\n"
    path = tmp_path / "b.txt"
    path.write_bytes(text.encode(encoding))
    bulletin = read_bulletin(path)
    assert bulletin.title in ("市政协召开会议", "市政協召開會議")
    assert len(bulletin.segments) == 3
    assert bulletin.date == dt.date(2024, 5, 16)


def test_fullwidth_digits_and_spaces_are_normalised():
    bulletin = parse_bulletin("市政协召开会议\n\n２０２３年全 方位合作，增长１２％。", slug="t")
    assert texts(bulletin)[1] == "2023年全方位合作，增长12%。"


def test_html_page_goes_through_main_text_extraction(tmp_path):
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>太原市娄烦县政协来我室考察交流</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/news">工作动态</a></div>
<div class="article"><h1>太原市娄烦县政协来我室考察交流</h1>
<p>编辑:2023-12-09 00:00:00</p>
<p>{ARTICLE}</p>
<p>最后,双方进行了史志成果交流,形成合作意向和备忘录。这是一次很有意义的交流活动,双方都表示要继续加强合作。</p>
</div>
<div class="footer"><p>版权所有:中共吕梁市委党史研究室</p><p>晋ICP备14007065号-1</p></div>
</body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    bulletin = read_bulletin(path)
    assert bulletin.title == "太原市娄烦县政协来我室考察交流"
    assert bulletin.date == dt.date(2023, 12, 9)
    body = texts(bulletin)[1:]
    assert body[:2] == ["12月6日,市政协副主席强建生一行来我室考察交流。", "会议由市委史志研究室主任李成明主持。"]
    assert not any("ICP" in s or "首页" in s for s in body)
    assert all(s.line > 0 for s in bulletin.segments[1:])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt does not exist."),
        (lambda d: d, "is a directory with no .txt, .html or .htm file in it or its sub-folders"),
        (lambda d: _write(d / "empty.txt", b"  \n\n"), "empty.txt is empty."),
        (lambda d: _write(d / "b.bin", bytes(range(256)) * 4), "b.bin is a binary file, not a text or HTML bulletin."),
        (lambda d: _write(d / "en.txt", b"HOME > News\n\nThe meeting was held.\n\nIt was a good meeting, said the director.\n"), "holds no Chinese article text"),
        (lambda d: _write(d / "latin.txt", "Comité réuni à Genève. Über alles.".encode("latin-1")), "is not text in UTF-8, GB18030/GBK or Big5"),
    ],
)
def test_bad_input_is_one_sentence_and_nothing_written(project, runner, make, message):
    path = make(project)
    result = run_cli(runner, "ingest", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert list((project / "locales/templates").iterdir()) == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_english_bulletin_raises_no_chinese():
    with pytest.raises(NoChineseTextError):
        parse_bulletin("From:衡阳市政府门户网址 | Date Add in:2023-03-26\n\nRecently, a delegation came to Hengyang to research red cultural resources.", slug="t")


def test_not_text_error_is_an_input_error():
    assert issubclass(NotTextError, InputError)


def test_reingest_unchanged_bulletin_keeps_template(project, runner):
    page = project / "b.txt"
    page.write_text(PAGE, encoding="utf-8")
    first = run_cli(runner, "ingest", str(page))
    assert first.exit_code == 0
    template = project / "locales/templates/b.pot"
    before = template.read_text(encoding="utf-8")
    again = run_cli(runner, "ingest", str(page))
    assert "unchanged" in again.stdout
    assert template.read_text(encoding="utf-8") == before
    page.write_text(PAGE.replace("最后,双方形成合作意向。", "最后,双方形成合作意向。会议结束。"), encoding="utf-8")
    assert "wrote" in run_cli(runner, "ingest", str(page)).stdout
    sources = [e.source for e in read_catalog(template).entries]
    assert sources.count("最后,双方形成合作意向。") == 1 and sources[-1] == "会议结束。"


def test_show_removed_lists_each_dropped_line(project, runner):
    page = project / "b.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = run_cli(runner, "ingest", str(page), "--show-removed", "--slug", "loufan", "--date", "2023-12-10")
    assert result.exit_code == 0
    assert "number-only  1168369" in result.stdout
    assert "footer       晋ICP备14007065号-1" in result.stdout
    assert "date: 2023-12-10" in result.stdout
    assert (project / "locales/templates/loufan.pot").exists()


def test_template_passes_msgfmt_check(project, runner):
    import shutil
    import subprocess

    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt not installed")
    page = project / "b.txt"
    page.write_text(PAGE, encoding="utf-8")
    run_cli(runner, "ingest", str(page))
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "locales/templates/b.pot"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("head, url", [
    ('<link rel="canonical" href="https://www.loufan.gov.cn/a/1.html">', "https://www.loufan.gov.cn/a/1.html"),
    ('<meta property="og:url" content="http://www.sxll.gov.cn/news/2.html">', "http://www.sxll.gov.cn/news/2.html"),
    ('<link rel="canonical" href="javascript:alert(1)">', ""),  # only an http(s) address is ever linked
    ("", ""),
])
def test_a_page_that_names_its_address_records_it_for_the_site(tmp_path, head, url):
    """The Chinese original's address (its canonical link or og:url) goes into the template as
    X-Bulletin-URL, which the site links with hreflang=zh; a page naming none gets no such header."""
    from l10n.catalog import read_catalog
    from l10n.ingest import ingest

    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}<title>市政协召开会议</title></head>'
            f'<body><div class="article"><h1>市政协召开会议</h1><p>{ARTICLE}</p></div></body></html>')
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    result = ingest(tmp_path / "page.html", template_path_for=lambda slug: tmp_path / f"{slug}.pot")
    assert read_bulletin(tmp_path / "page.html").url == url
    assert read_catalog(result.template).header.get("X-Bulletin-URL", "") == url
