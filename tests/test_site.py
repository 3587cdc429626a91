"""``l10n export --all --site DIR``: the English edition as a static site (index, pages, Atom feed)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from lxml import etree

from support import assert_refused, run_cli, write_template
from test_export import sample
from l10n.catalog import write_catalog
from l10n.export import DRAFT_MARK

ATOM = "{http://www.w3.org/2005/Atom}"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ORIGINAL = "https://www.loufan.gov.cn/xwzx/2023-12/09/content_1.html"
MEETING = "Loufan County CPPCC Holds Standing Committee Meeting"
#: slug: (English headline, date, approved, the Chinese original's address)
DESK = {
    "unity-meeting": (f"{MEETING} on Unity", "2023-12-09", True, ORIGINAL),
    "work-report": (f"{MEETING} on the Work Report", "2023-12-11", True, ""),
    "overnight-draft": (MEETING, "2023-12-10", False, ""),
}


def put(root: Path, slug: str, title: str, date: str, *, approved: bool = True, url: str = "", comment: str = "") -> None:
    """Bulletin *slug*'s template and catalog (test_export's sample, retitled and redated), as ingest, draft and review leave them."""
    catalog = sample(approved=approved)
    catalog.slug = slug
    catalog.header.update({"Project-Id-Version": slug, "X-Bulletin-Date": date, "PO-Revision-Date": f"{date} 18:00+0800"})
    if url:
        catalog.header["X-Bulletin-URL"] = url
    catalog.find("0.1").translation = title
    if comment:
        catalog.find("0.1").comment += "\n" + comment
    write_template(root, catalog)
    write_catalog(catalog, root / "locales" / "en" / "LC_MESSAGES" / f"{slug}.po")


@pytest.fixture
def desk(project: Path) -> Path:
    """A day's batch: two approved bulletins (one with its Chinese original's address on record) and one machine draft."""
    for slug, (title, date, approved, url) in DESK.items():
        put(project, slug, title, date, approved=approved, url=url)
    return project


def set_site(root: Path, **values: str) -> None:
    """Set keys of ``[site]`` in the project's ``l10n.toml`` (its other lines unchanged)."""
    config = root / "l10n.toml"
    text = config.read_text(encoding="utf-8")
    for key, value in values.items():
        text, done = re.subn(rf"^{key} = .*$", f"{key} = {value!r}".replace("'", '"'), text, count=1, flags=re.M)
        assert done, key
    config.write_text(text, encoding="utf-8")


def export_site(runner, *extra: str, site: str = "public"):
    result = run_cli(runner, "export", "--all", "--site", site, *extra)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def page_tree(path: Path):
    """*path* parsed as XML: every page the site writes is well-formed XML as well as HTML5."""
    return etree.fromstring(path.read_bytes())


def files_of(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir()) if p.is_file()}


def test_the_index_links_every_page_newest_first_in_english(runner, desk):
    result = export_site(runner)
    site = desk / "public"
    assert result.stdout == "Wrote the site in public: 2 bulletins; 4 files written, 0 unchanged.\n"
    assert result.stderr.startswith("Skipped overnight-draft: No entry of overnight-draft is approved yet;")
    assert sorted(p.name for p in site.iterdir()) == [".l10n-site.json", "feed.xml", "index.html", "unity-meeting.html", "work-report.html"]
    index = page_tree(site / "index.html")
    items = index.findall(".//ol/li")
    assert [li.find("a").get("href") for li in items] == ["work-report.html", "unity-meeting.html"]  # December 11 before 9
    assert [li.find("a").text for li in items] == [DESK["work-report"][0], DESK["unity-meeting"][0]]
    assert items[0].find("p/time").get("datetime") == "2023-12-11"
    assert "".join(items[0].find("p").itertext()) == "December 11, 2023 · Source: Loufan County People's Government"
    for page in ("index.html", "unity-meeting.html", "work-report.html"):
        tree = page_tree(site / page)
        assert tree.get("lang") == "en"
        assert not HAN.search("".join(tree.find("body").itertext())), page
    assert page_tree(site / "work-report.html").find(".//nav/a").get("href") == "index.html"


def test_the_chinese_original_is_linked_with_hreflang_where_its_address_is_on_record(runner, desk):
    put(desk, "scripted-link", f"{MEETING} on Safety", "2023-12-08", url="javascript:alert(1)")  # a scraped page's trick: never linked
    export_site(runner)
    site = desk / "public"
    head = page_tree(site / "unity-meeting.html").find("head")
    assert [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in head.findall("link")] == [("alternate", "zh", ORIGINAL)]
    assert page_tree(site / "unity-meeting.html").find(".//p[@class='meta']/a").get("href") == ORIGINAL
    for page in ("work-report.html", "scripted-link.html"):
        assert b"hreflang" not in (site / page).read_bytes() and b"javascript" not in (site / page).read_bytes()


def test_the_atom_feed_parses_and_has_what_atom_requires(runner, desk):
    export_site(runner)
    feed = etree.fromstring((desk / "public" / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.findtext(ATOM + required), required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [DESK["work-report"][0], DESK["unity-meeting"][0]]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)
    for entry in entries:
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated.tzinfo is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(".html")
        assert entry.findtext(f"{ATOM}summary").startswith("On December 9, Li Chengming")
        assert "<p>The meeting stressed unity.</p>" in entry.findtext(f"{ATOM}content")
    assert entries[0].findtext(f"{ATOM}updated") == "2023-12-11T18:00:00+08:00"  # PO-Revision-Date, not the time of the export
    assert feed.findtext(f"{ATOM}updated") == "2023-12-11T18:00:00+08:00"
    related = entries[1].find(f"{ATOM}link[@rel='related']")
    assert (related.get("hreflang"), related.get("href")) == ("zh", ORIGINAL)


def test_feed_ids_are_the_same_in_a_fresh_folder_and_follow_the_site_address(runner, desk):
    export_site(runner, site="one")
    export_site(runner, site="two")
    ids = lambda folder: [e.text for e in etree.parse(str(desk / folder / "feed.xml")).iter(f"{ATOM}id")]
    assert ids("one") == ids("two")
    set_site(desk, title="Loufan County in English", base_url="https://en.loufan.gov.cn/news")
    export_site(runner, site="three")
    feed = etree.parse(str(desk / "three" / "feed.xml")).getroot()
    assert ids("three") != ids("one")
    assert feed.findtext(f"{ATOM}title") == "Loufan County in English"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://en.loufan.gov.cn/news/feed.xml"
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://en.loufan.gov.cn/news/work-report.html"
    assert page_tree(desk / "three" / "index.html").findtext(".//h1") == "Loufan County in English"
    canonical = page_tree(desk / "three" / "work-report.html").find("head/link[@rel='canonical']")
    assert canonical.get("href") == "https://en.loufan.gov.cn/news/work-report.html"


def test_allow_draft_publishes_machine_drafts_marked_on_the_page_the_index_and_the_feed(runner, desk):
    result = export_site(runner, "--allow-draft")
    assert result.stderr == ""
    assert "3 bulletins, 1 machine draft;" in result.stdout
    site = desk / "public"
    labels = {li.find("a").get("href"): li.findtext("span[@class='label']") for li in page_tree(site / "index.html").findall(".//ol/li")}
    assert labels == {"work-report.html": None, "overnight-draft.html": "machine draft", "unity-meeting.html": None}
    assert page_tree(site / "overnight-draft.html").findtext(".//p[@class='draft']/strong") == DRAFT_MARK
    assert DRAFT_MARK.encode() not in (site / "work-report.html").read_bytes()
    feed = etree.parse(str(site / "feed.xml")).getroot()
    drafts = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}category[@term='machine-draft']") is not None]
    assert drafts == [f"{DRAFT_MARK} {MEETING}"]


def test_text_from_the_catalogs_is_escaped_on_every_page_and_in_the_feed(runner, desk):
    title = 'R&D <script>alert("x")</script> Loufan County CPPCC'
    put(desk, "work-report", title, "2023-12-11", comment="approved-despite: commentary, missing-term — as the county wrote it")
    export_site(runner)
    site = desk / "public"
    for page in ("index.html", "work-report.html", "feed.xml"):
        raw = (site / page).read_text(encoding="utf-8")
        assert "<script>" not in raw and "&lt;script&gt;" in raw, page
    assert page_tree(site / "work-report.html").findtext(".//h1") == title
    assert page_tree(site / "index.html").find(".//ol/li/a").text == title
    assert etree.parse(str(site / "feed.xml")).getroot().find(f"{ATOM}entry").findtext(f"{ATOM}title") == title


def test_a_control_character_in_a_draft_leaves_the_feed_well_formed(runner, desk):
    put(desk, "overnight-draft", f"{MEETING}\x1b[2J", "2023-12-10", approved=False)
    export_site(runner, "--allow-draft")
    feed = etree.parse(str(desk / "public" / "feed.xml")).getroot()
    assert f"{MEETING}\ufffd[2J" in [e.findtext(f"{ATOM}title").removeprefix(f"{DRAFT_MARK} ") for e in feed.iter(f"{ATOM}entry")]


def test_a_second_export_rewrites_nothing_and_a_changed_bulletin_only_its_page_the_index_and_the_feed(runner, desk):
    site = desk / "public"
    export_site(runner)
    for path in site.iterdir():  # an hour ago: a rewrite, even of the same bytes, would show in the mtime
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 3600 * 10**9))
    before = files_of(site)
    assert export_site(runner).stdout == "Wrote the site in public: 2 bulletins; 0 files written, 4 unchanged.\n"
    assert files_of(site) == before
    put(desk, "work-report", f"{MEETING} on the Annual Work Report", "2023-12-11")
    export_site(runner)
    after = files_of(site)
    assert sorted(name for name in after if after[name] != before[name]) == [".l10n-site.json", "feed.xml", "index.html", "work-report.html"]


def test_files_of_the_desk_are_kept_and_pages_no_longer_published_are_removed(runner, desk):
    site = desk / "public"
    site.mkdir()
    (site / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    (site / "about.html").write_text("<p>About us</p>\n", encoding="utf-8")
    export_site(runner, "--allow-draft")
    assert (site / "overnight-draft.html").is_file()
    result = export_site(runner)  # the draft is no longer published: its page goes, the desk's files stay
    assert result.stdout.endswith("; 2 files written, 2 unchanged, 1 removed.\n")
    assert not (site / "overnight-draft.html").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\n"
    assert (site / "about.html").read_text(encoding="utf-8") == "<p>About us</p>\n"
    put(desk, "work-report", DESK["work-report"][0], "2023-12-11", approved=False)
    (site / "work-report.html").write_text("<p>Corrected by hand</p>\n", encoding="utf-8")
    result = export_site(runner)  # a stale page someone changed is kept, and said so
    assert "Kept public/work-report.html: its bulletin is no longer published, but it was changed since l10n wrote it;" in result.stderr
    assert (site / "work-report.html").read_text(encoding="utf-8") == "<p>Corrected by hand</p>\n"


def test_a_file_of_the_desk_where_the_site_would_write_stops_the_export_before_anything_is_written(runner, desk):
    site = desk / "public"
    site.mkdir()
    (site / "index.html").write_text("<p>Our own front page</p>\n", encoding="utf-8")
    assert_refused(runner, desk, "export", "--all", "--site", "public", says="public/index.html was not written by l10n; move it out")
    export_site(runner, site="other")  # and a page of the site changed by hand is not overwritten either
    (desk / "other" / "work-report.html").write_text("<p>Corrected by hand</p>\n", encoding="utf-8")
    put(desk, "work-report", f"{MEETING} on the Annual Work Report", "2023-12-11")
    assert_refused(runner, desk, "export", "--all", "--site", "other", says="other/work-report.html was changed since l10n wrote it")


def test_an_export_killed_half_way_is_finished_by_the_next(runner, desk, monkeypatch):
    import l10n.site

    export_site(runner)
    put(desk, "work-report", f"{MEETING} on the Annual Work Report", "2023-12-11")
    written = []

    def dies_after_the_first_page(path, data):
        if written:
            raise OSError(28, "No space left on device", str(path))
        written.append(path)
        real(path, data)

    real = l10n.site.atomic_write_bytes
    monkeypatch.setattr(l10n.site, "atomic_write_bytes", lambda path, data: real(path, data) if Path(path).name.startswith(".") else dies_after_the_first_page(path, data))
    result = run_cli(runner, "export", "--all", "--site", "public")
    assert result.exit_code == 2 and result.stderr.startswith("Error: Cannot write the site in public: No space left on device")
    monkeypatch.setattr(l10n.site, "atomic_write_bytes", real)
    export_site(runner)
    assert page_tree(desk / "public" / "index.html").find(".//ol/li/a").text == f"{MEETING} on the Annual Work Report"


@pytest.mark.parametrize("args, says", [
    (["--all", "--site", "afile"], "afile is a file, not a folder"),
    (["--all", "--site", "locales/en/site"], "is inside the project's catalogs folder"),
    (["--all", "--site", "glossary"], "is inside the project's glossary folder"),
    (["--site", "public"], "--site DIR writes every bulletin; add --all"),
    (["--all"], "--all writes the English site of every bulletin; say where with --site DIR."),
    (["--all", "--site", "public", "--format", "html"], "--format and --output are for one bulletin"),
    (["--all", "--site", "public", "-o", "x.html"], "--format and --output are for one bulletin"),
    (["unity-meeting", "--all", "--site", "public"], "Give a bulletin slug or --all --site DIR, not both"),
    ([], "Give a bulletin slug (l10n export SLUG), or --all --site DIR"),
])
def test_bad_input_is_one_error_line_and_changes_nothing(runner, desk, args, says):
    (desk / "afile").write_text("not a folder\n", encoding="utf-8")
    assert_refused(runner, desk, "export", *args, says=says)


def test_a_bad_site_address_in_the_config_is_refused(runner, desk):
    set_site(desk, base_url="javascript:alert(1)")
    assert_refused(runner, desk, "export", "--all", "--site", "public", says="[site] base_url 'javascript:alert(1)' is not an http or https address")


def test_a_bulletin_whose_page_would_be_the_index_is_skipped_and_a_foreign_manifest_stops_the_export(runner, desk):
    put(desk, "index", f"{MEETING} on Safety", "2023-12-12")
    result = export_site(runner)
    assert "Skipped index: its page would be the site's index.html; ingest the bulletin again with another --slug." in result.stderr
    assert page_tree(desk / "public" / "index.html").findtext(".//h1") == "English edition"
    (desk / "public" / ".l10n-site.json").write_text('["not", "ours"]\n', encoding="utf-8")
    assert_refused(runner, desk, "export", "--all", "--site", "public", says="is not the manifest of a site l10n wrote; move it away")


def test_nothing_publishable_lists_every_bulletin_and_writes_nothing(runner, project):
    assert_refused(runner, project, "export", "--all", "--site", "public", says="No catalogs in")
    put(project, "overnight-draft", MEETING, "2023-12-10", approved=False)
    result = run_cli(runner, "export", "--all", "--site", "public")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Skipped overnight-draft: No entry of overnight-draft is approved yet; review it with `l10n review overnight-draft` or pass --allow-draft.",
        "Error: The project's one bulletin cannot be published yet; review it with `l10n review SLUG`, or pass --allow-draft to publish it as a machine draft.",
    ]
    assert not (project / "public").exists()


# --- the site in a real browser ---------------------------------------------------------------

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and the RGB pixels of an 8-bit truecolour PNG (what Chromium writes), read with zlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.setdefault(kind, []).append(data[at + 8:at + 8 + size])
        at += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    assert (depth, colour in (2, 6), interlace) == (8, True, 0), (depth, colour, interlace)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks[b"IDAT"])), width * step
    pixels, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind:  # sub, average, Paeth: byte by byte
            for i in range(stride):
                left, up = (line[i - step] if i >= step else 0), previous[i]
                if kind == 1:
                    line[i] = (line[i] + left) & 255
                elif kind == 3:
                    line[i] = (line[i] + (left + up) // 2) & 255
                else:
                    corner = previous[i - step] if i >= step else 0
                    guess = left + up - corner
                    near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))[2]
                    line[i] = (line[i] + near) & 255
        pixels += zip(line[0::step], line[1::step], line[2::step])
        previous = line
    return width, height, pixels


def screenshot(page: Path, png: Path, home: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Chromium's picture of *page* in a 1024×768 window, as pixels; *home*: a folder for its profile."""
    command = [CHROMIUM, "--headless", "--disable-gpu", "--hide-scrollbars", f"--screenshot={png}", "--window-size=1024,768", page.as_uri()]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    subprocess.run(command, capture_output=True, timeout=120, check=True, env={**os.environ, "HOME": str(home)})
    return png_pixels(png.read_bytes())


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_the_index_and_a_page_render_in_headless_chromium(runner, desk, tmp_path):
    export_site(runner, "--allow-draft")
    shots = Path(os.environ.get("L10N_SCREENSHOTS", tmp_path))  # set it to keep the PNGs and look at them
    shots.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "overnight-draft.html"):
        width, height, pixels = screenshot(desk / "public" / name, shots / f"{name}.png", tmp_path / "chromium")
        assert (width, height, len(pixels)) == (1024, 768, 1024 * 768)
        dark = sum(1 for pixel in pixels if sum(pixel) < 3 * 128)  # text
        tinted = pixels.count((0xFF, 0xF3, 0xCD))  # the draft's yellow (.draft, .label)
        assert dark > 2000, (name, dark)
        assert tinted > 500, (name, tinted)  # the index's "machine draft" label, the page's banner
