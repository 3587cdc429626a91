"""SIGKILL at random points: `glossary import`, `review` and `draft` lose nothing a person approved.

Each test runs the real command in a subprocess (the openai engine against a scripted chat
server on 127.0.0.1 for `draft`, a pseudo-terminal for `review`), kills it at a moment drawn
from a fixed seed over the command's own measured run time, and then checks that every file
parses, every approved entry or term is still there unchanged, and that running the command
again finishes the work. 36 kills in all (12 per command).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from l10n.catalog import APPROVED, read_catalog
from l10n.config import load_config
from l10n.glossary import Glossary

pytestmark = pytest.mark.slow

KILLS = 12
CLI = [sys.executable, "-c", "from l10n.cli import main; main()"]
SENTENCES = 24
HEADER = "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\n"


def l10n(project: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=project, capture_output=True, text=True, timeout=120, **kw)


def start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_after(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def timed(run) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


# --- a chat server that answers each segment after a short delay ----------------------------

_SOURCE = re.compile(r"<source>\s*(.*?)\s*</source>", re.S | re.I)
_ITEM = re.compile(r"讨论了(\d+)项工作")


class ChatServer:
    def __init__(self, delay: float = 0.03):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                user = body["messages"][-1]["content"]
                blocks = _SOURCE.findall(user)
                numbers = _ITEM.findall(blocks[-1] if blocks else user)
                text = f"The meeting discussed {numbers[-1]} items of work." if numbers else "The county committee holds a work meeting."
                time.sleep(delay)
                data = json.dumps({"id": "c", "object": "chat.completion", "usage": {"completion_tokens": 9},
                                   "choices": [{"index": 0, "finish_reason": "stop",
                                                "message": {"role": "assistant", "content": text}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def bulletin_project(project: Path):
    """A project with a 24-sentence bulletin ingested and an openai engine on 127.0.0.1."""
    server = ChatServer()
    with open(project / "l10n.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[engines.openai]\nurl = "{server.url}"\nmodel = "scripted"\nbackoff = 0.01\nconcurrency = 2\n')
    lines = ["县委召开工作会议", ""]
    lines += [f"会议讨论了{n}项工作。" for n in range(1, SENTENCES + 1)]
    (project / "bulletin.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = l10n(project, "ingest", "bulletin.txt", "--slug", "crash", "--date", "2023-12-09")
    assert done.returncode == 0, done.stderr
    yield project
    server.close()


def approved(project: Path) -> dict[str, str]:
    """The approved entries of the crash catalog (context → English); the file must parse."""
    path = load_config(project / "l10n.toml").catalog_path("crash")
    if not path.exists():
        return {}
    return {e.context: e.translation for e in read_catalog(path).entries if e.state == APPROVED}


def assert_kept(before: dict[str, str], after: dict[str, str]) -> None:
    lost = {k: v for k, v in before.items() if after.get(k) != v}
    assert not lost, f"approved entries lost or changed: {lost}"


def test_killed_draft_keeps_approvals_and_resumes(bulletin_project):
    project = bulletin_project
    rng = random.Random(16)
    full = timed(lambda: l10n(project, "draft", "crash", "--engine", "openai", "--batch-size", "2"))
    for kill in range(KILLS):
        # a reviewer approves what is clean between runs, so each kill has approvals to lose
        accepted = l10n(project, "review", "crash", "--accept-clean", "--translator", "Jing")
        assert accepted.returncode == 0, accepted.stderr
        before = approved(project)
        assert len(before) >= min(kill, 1)
        kill_after(start(project, "draft", "crash", "--engine", "openai", "--force", "--batch-size", "2"), rng.uniform(0.05, full))
        assert_kept(before, approved(project))
    done = l10n(project, "draft", "crash", "--engine", "openai", "--batch-size", "2")
    assert done.returncode == 0, done.stderr
    catalog = read_catalog(load_config(project / "l10n.toml").catalog_path("crash"))
    assert all(e.translation for e in catalog.entries)
    assert_kept(before, approved(project))


def test_killed_review_keeps_every_approval(bulletin_project):
    pexpect = pytest.importorskip("pexpect")
    project = bulletin_project
    assert l10n(project, "draft", "crash", "--engine", "openai").returncode == 0
    rng = random.Random(17)
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("VISUAL", None), env.pop("EDITOR", None)

    def review_run(seconds: float | None):
        child = pexpect.spawn(CLI[0], [*CLI[1:], "review", "crash", "--translator", "Jing"], cwd=str(project),
                              env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))
        began = time.perf_counter()
        while child.isalive() and (seconds is None or time.perf_counter() - began < seconds):
            try:
                child.send("a")
                child.expect([r"\[\?\]help > ", pexpect.EOF], timeout=5)
            except (pexpect.TIMEOUT, OSError):
                break
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)

    total = len(read_catalog(load_config(project / "l10n.toml").catalog_path("crash")).entries)
    per_entry = timed(lambda: review_run(None)) / total
    assert len(approved(project)) == total
    # back to all drafts, so each kill lands amid approvals
    load_config(project / "l10n.toml").catalog_path("crash").unlink()
    assert l10n(project, "draft", "crash", "--engine", "openai").returncode == 0
    kept: dict[str, str] = {}
    for _ in range(KILLS):
        review_run(rng.uniform(0.0, per_entry * 6))
        now = approved(project)
        assert_kept(kept, now)
        kept = now
    review_run(None)
    assert len(approved(project)) == total
    assert_kept(kept, approved(project))


def test_killed_glossary_import_loses_no_term(project_with_glossary):
    project = project_with_glossary
    cfg = load_config(project / "l10n.toml")
    originals = {p.name: p.read_bytes() for p in cfg.glossary_files()}
    approved_before = {t.id: t for t in Glossary.from_files(cfg.glossary_files()) if t.status == "approved"}
    rows = [f"partner-{n},伙伴单位{n}号,Partner Unit {n},organ,proposed,,,,,,," for n in range(3000)]
    (project / "partner.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    rng = random.Random(18)
    target = Path("glossary") / "partner.csv"

    def once():
        return l10n(project, "glossary", "import", "partner.csv", "--into", str(target))

    full = timed(once)
    (project / target).unlink()
    for _ in range(KILLS):
        kill_after(start(project, "glossary", "import", "partner.csv", "--into", str(target)), rng.uniform(0.05, full))
        glossary = Glossary.from_files(cfg.glossary_files())  # every file parses
        assert {p.name: p.read_bytes() for p in cfg.glossary_files() if p.name in originals} == originals
        imported = [t for t in glossary if t.id.startswith("partner-")]
        assert len(imported) in (0, 3000), "an import is all or nothing"
        assert {t.id: t for t in glossary if t.id in approved_before} == approved_before
        if imported:
            (project / target).unlink()
    assert once().returncode == 0
    assert len([t for t in Glossary.from_files(cfg.glossary_files()) if t.id.startswith("partner-")]) == 3000
