"""A day's batch: ``ingest PATH…`` (folders, stable distinct slugs, a bad file reported and
skipped) and ``draft --all`` (oldest first, one progress bar, a failure stops it with the work
saved, a SIGKILL mid-batch loses nothing and a rerun drafts only what is left, requests in
flight across bulletins bounded by the engine's concurrency)."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from l10n.catalog import APPROVED, DRAFT, UNTRANSLATED, read_catalog, write_catalog
from l10n.config import load_config
from l10n.draft.batch import draft_all, pending_bulletins
from l10n.draft.catalog import prepare_catalog
from l10n.engines.base import Hypothesis
from l10n.ingest.batch import assign_slugs
from support import assert_refused, run_cli, snapshot
from test_crash import CLI, ChatServer
from test_draft import ScriptedEngine


def items(first: int, last: int) -> str:
    """Sentences the scripted engines answer by their number: 会议讨论了N项工作。"""
    return "".join(f"会议讨论了{n}项工作。" for n in range(first, last + 1))


COUNTY = f"县委召开工作会议\n\n发布时间：2026-12-08\n\n{items(1, 2)}\n\n{items(3, 3)}\n"
CITY = f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>市政协召开会议</title></head>
<body><div class="nav">首页 &gt; 新闻</div><div class="article"><h1>市政协召开会议</h1><p>发布时间：2026-12-09</p>
<p>{items(4, 5)}</p><p>{items(6, 6)}</p></div></body></html>"""
_ITEM = re.compile(r"讨论了(\d+)项工作")


def reply(request, attempt: int = 0) -> str:
    found = _ITEM.findall(request.source)
    return f"The meeting discussed {found[-1]} items of work." if found else "The committee holds a work meeting."


@pytest.fixture
def day(project: Path) -> Path:
    """A day's folder: two bulletins in dated sub-folders, one empty file, and a file that is no bulletin."""
    (project / "in" / "2026-12-09").mkdir(parents=True)
    (project / "in" / "2026-12-08").mkdir()
    (project / "in" / "2026-12-09" / "city.html").write_text(CITY, encoding="utf-8")
    (project / "in" / "2026-12-08" / "county.txt").write_text(COUNTY, encoding="utf-8")
    (project / "in" / "2026-12-09" / "broken.txt").write_bytes(b"")
    (project / "in" / "notes.md").write_text("not a bulletin", encoding="utf-8")
    return project


@pytest.fixture
def scripted(monkeypatch) -> ScriptedEngine:
    """The engine every `l10n draft` of the test gets."""
    import l10n.engines

    engine = ScriptedEngine(reply)
    monkeypatch.setattr(l10n.engines, "load_engine", lambda choice, cfg, **options: engine)
    return engine


def states(project: Path, slug: str) -> dict[str, str]:
    return {e.context: e.state for e in read_catalog(load_config().catalog_path(slug)).entries}


# --------------------------------------------------------------------------- ingest PATH…


def test_a_folder_of_three_ingests_two_and_reports_the_bad_one(day, runner):
    result = run_cli(runner, "ingest", "in")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"Error: {Path('in/2026-12-09/broken.txt')} is empty."]
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]] for line in result.stdout.splitlines() if "│" in line}
    assert rows == {
        "in/2026-12-08/county.txt": ["county", "4", "new"],
        "in/2026-12-09/broken.txt": ["broken", "–", "failed"],
        "in/2026-12-09/city.html": ["city", "4", "new"],
    }  # notes.md is passed over: a folder's files are .txt, .html and .htm
    assert "2 of 3 files ingested, 1 not (below)." in result.stdout
    assert sorted(p.name for p in (day / "locales" / "templates").iterdir()) == ["city.pot", "county.pot"]


def test_draft_all_drafts_every_bulletin_oldest_first(day, runner, scripted):
    run_cli(runner, "ingest", "in")
    result = run_cli(runner, "draft", "--all")
    assert result.exit_code == 0, result.stderr
    assert [r.source for r in scripted.requests][:2] == ["县委召开工作会议", "会议讨论了1项工作。"]  # 2026-12-08 before 2026-12-09
    for slug in ("county", "city"):
        assert set(states(day, slug).values()) == {DRAFT}
    out = result.stdout.splitlines()
    assert [line.split(":")[0] for line in out[:2]] == ["county", "city"]
    assert re.fullmatch(r"2 bulletins: 8 segments drafted in [\d.]+ s \([\d.]+ seg/s\)", out[-1])
    bar = result.stderr.strip().splitlines()[-1]
    assert "2/2 bulletins" in bar and "8/8" in bar and "seg/s" in bar, bar
    again = run_cli(runner, "draft", "--all")
    assert again.exit_code == 0 and again.stdout.startswith("Nothing to draft")


def test_draft_all_drafts_what_a_reingest_added_and_leaves_approved_entries(day, runner, scripted):
    run_cli(runner, "ingest", "in")
    assert run_cli(runner, "draft", "--all").exit_code == 0
    path = approve(day, "county", "1.1")
    kept = block(path, "1.1")
    page = day / "in" / "2026-12-08" / "county.txt"
    page.write_text(COUNTY.replace(items(3, 3), items(3, 3) + items(7, 7)), encoding="utf-8")
    assert run_cli(runner, "ingest", "in").exit_code == 2  # broken.txt still is
    assert [(p.slug, p.todo) for p in pending_bulletins(load_config())] == [("county", 1)]
    scripted.requests.clear()
    assert run_cli(runner, "draft", "--all").exit_code == 0
    assert [r.source for r in scripted.requests] == ["会议讨论了7项工作。"]
    assert block(path, "1.1") == kept


def test_a_failing_bulletin_stops_the_batch_with_one_error_and_keeps_what_was_drafted(day, runner, monkeypatch):
    import l10n.engines
    from l10n.engines.openai import EndpointError

    def fail_on_five(request, attempt):
        if "5项" in request.source:
            raise EndpointError("http://gpu-1/v1/chat/completions failed 4 times (last: HTTP 503); check the server.")
        return reply(request)

    monkeypatch.setattr(l10n.engines, "load_engine", lambda choice, cfg, **options: ScriptedEngine(fail_on_five))
    run_cli(runner, "ingest", "in")
    result = run_cli(runner, "draft", "--all", "--batch-size", "1")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["Error: http://gpu-1/v1/chat/completions failed 4 times (last: HTTP 503); check the server."]
    assert set(states(day, "county").values()) == {DRAFT}  # the older bulletin, done before
    city = states(day, "city")
    assert city["0.1"] == DRAFT and city["1.1"] == DRAFT and city["1.2"] == UNTRANSLATED  # its batches before the failure, saved


def test_a_bulletin_open_in_a_review_is_passed_over_and_drafted_by_the_rerun(day, runner, scripted):
    from l10n.catalog import catalog_lock

    run_cli(runner, "ingest", "in")
    config = load_config()
    with catalog_lock(config.catalog_path("county")):
        result = run_cli(runner, "draft", "--all")
    assert result.exit_code == 2
    [error] = result.stderr.strip().splitlines()[-1:]
    assert error == f"Error: {config.catalog_path('county')} is open in another `l10n review` or `l10n draft`; try again when it has finished."
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["city", "1 bulletin"]
    assert run_cli(runner, "draft", "--all").exit_code == 0
    assert set(states(day, "county").values()) == {DRAFT}


def approve(project: Path, slug: str, context: str) -> Path:
    """Approve one entry of *slug*'s catalog by hand (what `l10n review` records)."""
    path = load_config().catalog_path(slug)
    catalog = read_catalog(path)
    entry = next(e for e in catalog.entries if e.context == context)
    entry.translation, entry.fuzzy = entry.translation or "Approved by a person.", False
    entry.add_approval("Jing", "2026-12-09")
    write_catalog(catalog, path)
    return path


def block(path: Path, context: str) -> str:
    """The text of the entry with msgctxt *context* in the file at *path*, as written."""
    return next(b for b in path.read_text(encoding="utf-8").split("\n\n") if f'msgctxt "{context}"' in b)


# --------------------------------------------------------------------------- slugs


def test_two_files_with_one_name_get_two_bulletins_and_keep_them(project, runner):
    for folder, text in (("a", COUNTY), ("b", COUNTY.replace("县委", "市委"))):
        (project / "in" / folder).mkdir(parents=True)
        (project / "in" / folder / "notice.txt").write_text(text, encoding="utf-8")
    first = run_cli(runner, "ingest", "in")
    assert first.exit_code == 0, first.stderr
    assert "│ notice " in first.stdout and "│ b-notice " in first.stdout
    again = run_cli(runner, "ingest", "in/b/notice.txt")  # alone, on another day
    assert again.exit_code == 0 and "unchanged locales/templates/b-notice.pot" in again.stdout
    assert [e.source for e in read_catalog(project / "locales/templates/notice.pot").entries][0] == "县委召开工作会议"
    assert [e.source for e in read_catalog(project / "locales/templates/b-notice.pot").entries][0] == "市委召开工作会议"


@pytest.mark.parametrize(
    ("files", "recorded", "slugs"),
    [
        (["in/a/notice.txt", "in/b/notice.txt"], {}, ["notice", "b-notice"]),
        # a file ingested before keeps its slug, whatever comes before it in the batch
        (["in/a/notice.txt", "in/b/notice.txt"], {"notice": "in/b/notice.txt"}, ["a-notice", "notice"]),
        (["in/b/notice.txt"], {"notice": "in/a/notice.txt", "b-notice": "in/b/notice.txt"}, ["b-notice"]),
        (["in/notice.html"], {"loufan": "in/notice.html"}, ["loufan"]),  # once ingested with --slug loufan
        (["in/x/b.txt", "in/y/x/b.txt"], {}, ["b", "x-b"]),
        (["in/x/b.txt", "in/y/x/b.txt", "in/z/x/b.txt"], {}, ["b", "x-b", "z-x-b"]),
        (["in/b.txt"], {"b": ""}, ["b"]),  # a template recording no file is nobody's: merged as it always was
        (["in/a b.txt", "in/a-b.txt"], {}, ["a-b", "in-a-b"]),  # two names, one slug
    ],
)
def test_slugs_are_distinct_and_stable(project, files, recorded, slugs):
    assert assign_slugs([Path(f) for f in files], root=project, recorded=recorded) == slugs


def test_reingesting_a_folder_changes_only_the_bulletins_whose_files_changed(day, runner, scripted):
    run_cli(runner, "ingest", "in")
    assert run_cli(runner, "draft", "--all").exit_code == 0
    approve(day, "city", "1.1")
    before = snapshot(day / "locales")
    page = day / "in" / "2026-12-08" / "county.txt"
    page.write_text(COUNTY.replace(items(3, 3), items(8, 8)), encoding="utf-8")
    result = run_cli(runner, "ingest", "in")
    rows = {line.split("│")[2].strip(): line.split("│")[4].strip() for line in result.stdout.splitlines() if "│" in line}
    assert rows["city"] == "unchanged" and rows["county"].startswith("merged: 3 unchanged, 1 changed, 0 new, 0 obsolete")
    after = snapshot(day / "locales")
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == ["en/LC_MESSAGES/county.po", "templates/county.pot"]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["ingest", "missing.txt"], "missing.txt does not exist."),
        (["ingest", "empty"], "empty is a directory with no .txt, .html or .htm file in it or its sub-folders"),
        (["ingest", "empty", "empty/sub"], "None of the 2 paths given holds a bulletin file"),
        (["ingest", "in", "--slug", "x"], "--slug names one bulletin, but 3 files were given"),
        (["ingest", "in/2026-12-08/county.txt", "in/2026-12-09/city.html", "--slug", "x"], "but 2 files were given"),
        (["ingest", "in", "--slug", "../x"], "'../x' is not a bulletin slug"),
        (["draft"], "Give a bulletin slug, or --all"),
        (["draft", "county", "--all"], "Give a bulletin slug or --all, not both."),
    ],
)
def test_bad_batch_input_is_one_sentence_and_changes_nothing(day, runner, args, says):
    (day / "empty" / "sub").mkdir(parents=True)
    (day / "empty" / "sub" / "page.pdf").write_bytes(b"%PDF")
    assert_refused(runner, day, *args, says=says)


# --------------------------------------------------------------------------- requests in flight


class InFlight:
    """A scripted engine that counts the requests it is answering at once."""

    name, model_id, model_sha256 = "scripted", "scripted-1", ""

    def __init__(self, delay: float = 0.05):
        self.delay = delay
        self.now = self.most = self.calls = 0
        self.lock = threading.Lock()

    def translate(self, requests, *, n_best: int = 1):
        with self.lock:
            self.now += len(requests)
            self.most = max(self.most, self.now)
            self.calls += len(requests)
        time.sleep(self.delay)
        with self.lock:
            self.now -= len(requests)
        return [[Hypothesis(reply(r), score=-0.1, tokens=5)] for r in requests]


def many(project: Path, n: int, sentences: int = 4) -> None:
    for i in range(n):
        text = f"第{i + 1}号通报\n\n发布时间：2026-12-{i + 1:02d}\n\n{items(10 * i + 1, 10 * i + sentences)}\n"
        (project / "in" / f"b{i}.txt").parent.mkdir(exist_ok=True)
        (project / "in" / f"b{i}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("slots", "batch_size"), [(3, 1), (2, 8)])
def test_concurrency_spans_bulletins_and_never_exceeds_the_engines(project, runner, slots, batch_size):
    many(project, 4)
    assert run_cli(runner, "ingest", "in").exit_code == 0
    engine = InFlight()
    config = load_config()
    done = draft_all(config, pending_bulletins(config), engine_factory=lambda: engine, slots=slots, batch_size=batch_size)
    assert [s.slug for s in done] == ["b0", "b1", "b2", "b3"]
    assert all(set(states(project, s.slug).values()) == {DRAFT} for s in done)
    assert engine.most == slots  # one bulletin at batch size 1 has one request in flight: the others come from other bulletins
    assert all(read_catalog(config.catalog_path(s.slug)).header["X-Engine"] == "scripted" for s in done)


# --------------------------------------------------------------------------- SIGKILL mid-batch

SENTENCES = 8


@pytest.fixture
def served(day: Path):
    """The day's bulletins (10 sentences more each), ingested, and an openai engine on 127.0.0.1
    answering each request after 0.15 s, two at a time."""
    server = ChatServer(delay=0.15)
    with open(day / "l10n.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[engines.openai]\nurl = "{server.url}"\nmodel = "scripted"\nbackoff = 0.01\nconcurrency = 2\n')
    (day / "in" / "2026-12-09" / "broken.txt").unlink()
    many(day, 2, SENTENCES)
    done = subprocess.run([*CLI, "ingest", "in"], cwd=day, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    yield day
    server.close()


def drafted(project: Path) -> dict[str, dict[str, object]]:
    config = load_config(project / "l10n.toml")
    out = {}
    for path in sorted(config.catalog_path("x").parent.glob("*.po")):
        out[path.stem] = {e.context: e for e in read_catalog(path).entries}
    return out


@pytest.mark.slow
def test_a_killed_batch_loses_nothing_and_a_rerun_drafts_only_what_is_left(served):
    project = served
    config = load_config(project / "l10n.toml")
    every = sum(len(prepare_catalog(config, p.stem).entries) for p in config.template_path("x").parent.glob("*.pot"))
    write_catalog(prepare_catalog(config, "county"), config.catalog_path("county"))
    approved_block = block(approve(project, "county", "0.1"), "0.1")
    with open(project / "draft.err", "w+b") as err:
        proc = subprocess.Popen([*CLI, "draft", "--all", "--engine", "openai", "--batch-size", "2"], cwd=project,
                                stdout=subprocess.DEVNULL, stderr=err)
        began = time.monotonic()
        while time.monotonic() - began < 60 and proc.poll() is None:
            time.sleep(0.05)
            if sum(e.state != UNTRANSLATED for entries in drafted(project).values() for e in entries.values()) >= 6:
                break
        running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        err.seek(0)
        assert running, f"draft --all ended before it was killed: {err.read().decode(errors='replace')[-2000:]}"
    before = drafted(project)  # every file parses
    left = every - sum(e.state != UNTRANSLATED for entries in before.values() for e in entries.values())
    assert 0 < left < every - 6, "the kill should land mid-batch"
    assert block(config.catalog_path("county"), "0.1") == approved_block
    rerun = subprocess.run([*CLI, "draft", "--all", "--engine", "openai", "--batch-size", "2"], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    counted = [re.match(r"\S+: (\d+) drafted, (\d+) from memory, (\d+) repeated", line) for line in rerun.stdout.splitlines()]
    assert sum(int(n) for m in counted if m for n in m.groups()) == left  # only what was left
    after = drafted(project)
    assert all(e.state != UNTRANSLATED for entries in after.values() for e in entries.values())
    kept = {(slug, c): e for slug, entries in before.items() for c, e in entries.items() if e.state != UNTRANSLATED}
    assert {k: after[k[0]][k[1]] for k in kept} == kept  # drafts and approvals made before the kill: untouched
    assert block(config.catalog_path("county"), "0.1") == approved_block
    assert after["county"]["0.1"].state == APPROVED


def test_bulletins_drafted_together_are_drafted_as_one_at_a_time(project_with_glossary, runner):
    """Threads change when a bulletin is drafted, never what: the same drafts, notes and findings."""
    project = project_with_glossary
    sentences = ["市政协主席李成明主持会议。", "娄烦县委书记讲话。", "会议讨论了12项工作。", "国务院办公厅印发通知。"]
    for i in range(5):
        text = f"第{i + 1}号通报\n\n发布时间：2026-12-{i + 1:02d}\n\n" + "".join(sentences[i % 4:] + sentences[: i % 4]) + "\n"
        (project / "in").mkdir(exist_ok=True)
        (project / "in" / f"b{i}.txt").write_text(text, encoding="utf-8")
    assert run_cli(runner, "ingest", "in").exit_code == 0
    config = load_config()
    from l10n.draft.catalog import draft_catalog

    def one_at_a_time(slots):
        for item in pending_bulletins(config):
            draft_catalog(config, item.slug, engine_factory=lambda: InFlight(0.01), batch_size=2)  # each reads all afresh

    def batch(slots):
        draft_all(config, pending_bulletins(config), engine_factory=lambda: InFlight(0.01), slots=slots, batch_size=2)

    results = []
    for run, slots in ((one_at_a_time, 1), (batch, 1), (batch, 3)):
        for path in config.catalog_path("x").parent.glob("*.po"):
            path.unlink()
        write_catalog(prepare_catalog(config, "b4"), config.catalog_path("b4"))
        approve(project, "b4", "1.2")  # its approved sentence is every other bulletin's, from memory
        run(slots)
        results.append({p.stem: [(e.context, e.translation, e.fuzzy, e.notes, e.comment) for e in read_catalog(p).entries]
                        for p in sorted(config.catalog_path("x").parent.glob("*.po"))})
    assert len(results[0]) == 5 and results[0] == results[1] == results[2]
    assert sum("Approved by a person." in str(entries) for entries in results[0].values()) == 5


def test_a_batch_reads_the_glossary_and_memory_once_and_again_when_they_change(project_with_glossary, runner):
    from l10n.draft.batch import SharedResources
    from l10n.draft.catalog import Resources

    project = project_with_glossary
    many(project, 3)
    assert run_cli(runner, "ingest", "in").exit_code == 0
    config = load_config()
    for slug in ("b0", "b1"):
        write_catalog(prepare_catalog(config, slug), config.catalog_path(slug))
    approve(project, "b0", "1.1")
    shared, fresh = SharedResources(), Resources()
    directory = config.catalog_path("x").parent

    def same(exclude: str) -> dict:
        got = shared.memory(directory, exclude=exclude).pairs
        assert got == fresh.memory(directory, exclude=exclude).pairs
        return got

    assert list(same("b2").values())[0].origin == "b0:1.1" and same("b0") == {}
    approve(project, "b1", "1.2")  # a reviewer elsewhere, mid-batch
    assert {m.origin for m in same("b2").values()} == {"b0:1.1", "b1:1.2"}
    first = shared.glossary_matcher(config, None)
    assert shared.glossary_matcher(config, None) == first  # kept
    with open(project / "glossary" / "extra.csv", "w", encoding="utf-8") as f:
        f.write("id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"
                "x-1,通报,Circular,term,approved,,,,,,,\n")
    glossary, matcher = shared.glossary_matcher(config, None)
    assert glossary is not first[0] and [r.target for r in matcher.find("第1号通报")] == ["Circular"]
