"""Issue 41, the openai engine's items, each against a real HTTP server on 127.0.0.1 run by the test.

12. A reply far beyond the output limit is refused (after the retries), read with a byte cap.
16. Each attempt has a wall-clock deadline (a server trickling bytes cannot hold it), and a
    batch stops at its first request to fail for good; ``l10n draft`` then fails within
    ``timeout × (retries + 1)`` (and the backoff) with one ``Error:`` line, keeping the
    batches saved before.
17. A malformed reply (its usage, log-probabilities, choices, JSON) is tolerated or a clear
    error, never a traceback.
"""

from __future__ import annotations

import json
import math
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from l10n.catalog import read_catalog
from l10n.config import load_config
from l10n.engines.base import Request
from l10n.engines.openai import EndpointError, MalformedReplyError, OpenAIEngine
from support import run_cli

#: How long a stalled server trickles before it hangs up (the code as found read all of it).
STALL = 8.0


class Endpoint:
    """A chat endpoint on 127.0.0.1 whose every answer is ``reply(handler, body)``; it counts requests."""

    def __init__(self, reply):
        self.reply = reply
        self.requests = 0
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with owner.lock:
                    owner.requests += 1
                try:
                    owner.reply(self, body)
                except (BrokenPipeError, ConnectionResetError):  # the client hung up: what these tests want
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    """Start an :class:`Endpoint` answering with a given function; all are closed after the test."""
    started = []

    def start(reply) -> Endpoint:
        started.append(Endpoint(reply))
        return started[-1]

    yield start
    for endpoint in started:
        endpoint.close()


def engine(url: str, **kw) -> OpenAIEngine:
    kw.setdefault("backoff", 0.01)
    return OpenAIEngine(url, "scripted", **kw)


def send(handler, data: bytes, *, status: int = 200, content_type: str = "application/json", length: bool = True) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if length:
        handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def completion(content: str = "A notice.", **extra) -> dict:
    return {"id": "c", "object": "chat.completion", **extra,
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}


def answer(data, content_type: str = "application/json"):
    """A reply function sending *data* (bytes, or an object as JSON) with status 200."""
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return lambda handler, body: send(handler, raw, content_type=content_type)


def trickle(interval: float, *, headers_too: bool = False):
    """A reply function that sends a byte every *interval* seconds for :data:`STALL` seconds:
    the body after prompt headers, or the status line and headers themselves."""

    def reply(handler, body):
        if headers_too:
            data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        else:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", "1000")  # within the byte cap
            handler.end_headers()
            data = b" " * 1000  # JSON may begin with any amount of white space
        end = time.monotonic() + STALL
        for byte in data:
            if time.monotonic() > end:
                break
            handler.wfile.write(bytes([byte]))
            time.sleep(interval)

    return reply


# --------------------------------------------------------------------------- 12. reply size

HUGE = 10 * 1024 * 1024
CAP_84 = "409,600"  # reply_cap(84): the output limit of 会议召开。 (4 a character + 64)


def test_a_reply_declared_far_beyond_the_limit_is_refused_after_the_retries(serve):
    endpoint = serve(answer(completion("x" * HUGE)))
    with pytest.raises(EndpointError, match=rf"failed 2 times \(last: answered more than {CAP_84} bytes, far beyond max_tokens = 84\)"):
        engine(endpoint.url, retries=1).translate([Request("会议召开。")])
    assert endpoint.requests == 2


def test_a_reply_without_a_length_is_read_only_up_to_the_cap(serve):
    """A body sent until the connection closes, 64 MB of it: the engine hangs up past the cap."""
    sent = []
    done = threading.Event()

    def flood(handler, body):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()  # no Content-Length: the body ends when the connection does
        total = 0
        try:
            handler.wfile.write(b'{"choices": [{"message": {"content": "')
            while total < 64 * 1024 * 1024:
                handler.wfile.write(b"x" * 65536)
                total += 65536
        finally:
            sent.append(total)
            done.set()

    endpoint = serve(flood)
    with pytest.raises(EndpointError, match=rf"failed once \(last: answered more than {CAP_84} bytes"):
        engine(endpoint.url, retries=0).translate([Request("会议召开。")])
    assert done.wait(10)
    assert sent[0] < 32 * 1024 * 1024  # the engine stopped reading, so the server could not send it all


@pytest.mark.parametrize("characters, refused", [(76 * 4, False), (76 * 16 + 1, True), (HUGE // 100, True)])
def test_a_reply_text_far_beyond_the_limit_is_refused(serve, characters, refused):
    """A body within the byte cap whose text is longer than max_tokens could have made (76 for 通知。)."""
    endpoint = serve(answer(completion("x" * characters)))
    eng = engine(endpoint.url, retries=0)
    if refused:
        with pytest.raises(MalformedReplyError, match=f"answered {characters:,} characters where max_tokens = 76 allows about 1,216; check that the server honours max_tokens"):
            eng.translate([Request("通知。")])
    else:
        assert eng.translate([Request("通知。")])[0][0].text == "x" * characters


# --------------------------------------------------------------------------- 16. deadlines

@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_trickling_server_times_out_at_the_deadline(serve, headers_too):
    endpoint = serve(trickle(0.1, headers_too=headers_too))
    with pytest.raises(EndpointError, match=r"failed 2 times \(last: timed out\); check the server or raise timeout/retries"):
        engine(endpoint.url, timeout=0.5, retries=1).translate([Request("通知。")])
    assert endpoint.requests == 2


def test_a_batch_stops_at_its_first_request_to_fail(serve):
    endpoint = serve(lambda handler, body: send(handler, b'{"error": "busy"}', status=503))
    with pytest.raises(EndpointError, match=r"failed 2 times \(last: HTTP 503\)"):
        engine(endpoint.url, concurrency=1, retries=1).translate([Request(f"第{i}条。") for i in range(6)])
    assert endpoint.requests == 2  # one request's two attempts, not six requests' twelve


@pytest.fixture
def connects(monkeypatch) -> list[float]:
    """When each TCP connection of this process was opened (httpx opens them with socket.create_connection)."""
    times: list[float] = []
    create_connection = socket.create_connection

    def counted(*args, **kw):
        times.append(time.perf_counter())
        return create_connection(*args, **kw)

    monkeypatch.setattr(socket, "create_connection", counted)
    return times


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_dead_endpoint_fails_the_batch_after_one_requests_retries(connects):
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(EndpointError, match=rf"^{re.escape(url)}/chat/completions failed 3 times \(last: could not connect \(.*refused.*\)\); "
                                            r"check that the server is running at that url\.$"):
        engine(url, concurrency=1, retries=2).translate([Request(f"第{i}条。") for i in range(6)])
    assert len(connects) == 3


# --------------------------------------------------------------------------- 16. through `l10n draft`

SENTENCES = 24
BATCH = 12  # the title and items 1-11, then items 12-23, then 24
TIMEOUT, RETRIES, BACKOFF = 1, 1, 0.5
BOUND = TIMEOUT * (RETRIES + 1) + BACKOFF + 1.0  # the batch's attempts, its backoff, a margin
_SOURCE = re.compile(r"<source>\s*(.*?)\s*</source>", re.S | re.I)
_ITEM = re.compile(r"讨论了(\d+)项工作")


class Newsroom:
    """Answers each segment of the test bulletin (with *usage* in each reply, if given), until
    the second batch: from item 12 on, *failure* (a function of the handler and the newsroom)
    answers instead, if given."""

    def __init__(self, serve, failure=None, *, usage=None, timings=None):
        self.failed_at: float | None = None
        self.failure = failure
        self.usage, self.timings = usage, timings
        self.endpoint = serve(self.reply)

    def reply(self, handler, body):
        user = body["messages"][-1]["content"]
        blocks = _SOURCE.findall(user)
        numbers = _ITEM.findall(blocks[-1] if blocks else user)
        if self.failure is not None and numbers and int(numbers[-1]) >= BATCH:
            self.failed_at = self.failed_at or time.perf_counter()
            return self.failure(handler, self)
        text = f"The meeting discussed {numbers[-1]} items of work." if numbers else "The county committee holds a work meeting."
        extra = {"usage": self.usage} if self.usage is not None else {}
        extra |= {"timings": self.timings} if self.timings is not None else {}
        send(handler, json.dumps(completion(text, **extra)).encode())


def die(handler, newsroom):
    """Hang up without an answer, and stop listening: every later connection is refused."""
    threading.Thread(target=newsroom.endpoint.close).start()


#: failure → (its reply, what the error says, the connections made after it: its request's retries, no other request's)
FAILURES = {
    "stalled": (lambda handler, newsroom: trickle(0.5)(handler, None), "timed out", RETRIES),
    "dead": (die, "could not connect", RETRIES),
    "html": (lambda handler, newsroom: send(handler, b"<html>gateway</html>", content_type="text/html"), "did not answer JSON", 0),
    "10 MB": (lambda handler, newsroom: answer(completion("x" * HUGE))(handler, None), "answered more than 507,904 bytes, far beyond max_tokens = 108", RETRIES),  # 会议讨论了12项工作。
}


def bulletin_project(project, url: str) -> None:
    with open(project / "l10n.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[engines.openai]\nurl = "{url}"\nmodel = "scripted"\ntimeout = {TIMEOUT}\nretries = {RETRIES}\n'
                f"backoff = {BACKOFF}\nconcurrency = 1\n")
    lines = ["县委召开工作会议", "", *(f"会议讨论了{n}项工作。" for n in range(1, SENTENCES + 1))]
    (project / "bulletin.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("failure", FAILURES)
def test_draft_fails_within_the_batch_deadline_and_keeps_the_batches_before(project, runner, serve, connects, failure):
    reply, says, reconnects = FAILURES[failure]
    newsroom = Newsroom(serve, reply)
    bulletin_project(project, newsroom.endpoint.url)
    result = run_cli(runner, "draft", "bulletin.txt", "--engine", "openai", "--batch-size", str(BATCH))
    elapsed = time.perf_counter() - newsroom.failed_at
    assert len([t for t in connects if t > newsroom.failed_at]) == reconnects  # the batch's later requests never start
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.exit_code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]  # one line: no progress bar left above it
    assert len(errors) == 1 and errors[0].startswith(f"Error: {newsroom.endpoint.url}/chat/completions") and says in errors[0], result.stderr
    assert elapsed < BOUND, f"{elapsed:.1f} s from the first failure to the error"
    path = load_config(project / "l10n.toml").catalog_path("bulletin")
    drafted = [bool(e.translation) for e in read_catalog(path).entries]
    assert drafted == [True] * BATCH + [False] * (SENTENCES + 1 - BATCH)  # the first batch saved, nothing after
    assert path.stat().st_size < 64 * 1024


@pytest.mark.parametrize("usage", ["lots", {"completion_tokens": "x"}, [9], -9, {"completion_tokens": 1e300}])
def test_draft_takes_replies_with_a_malformed_usage(project, runner, serve, usage):
    newsroom = Newsroom(serve, usage=usage)
    bulletin_project(project, newsroom.endpoint.url)
    result = run_cli(runner, "draft", "bulletin.txt", "--engine", "openai", "--batch-size", str(BATCH))
    assert result.exit_code == 0, result.stderr
    catalog = read_catalog(load_config(project / "l10n.toml").catalog_path("bulletin"))
    assert all(e.translation for e in catalog.entries)


def test_draft_verbose_says_where_the_time_went_from_the_servers_counts(project, runner, serve):
    newsroom = Newsroom(serve, usage={"prompt_tokens": 300, "completion_tokens": 12}, timings={"cache_n": 240})
    bulletin_project(project, newsroom.endpoint.url)
    result = run_cli(runner, "draft", "bulletin.txt", "--engine", "openai", "-v")
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith(("requests:", "prompt tokens:"))]
    assert said == ["requests: 1.00 a segment (draft 1.00)",
                    "prompt tokens: 300 a segment, 240 reused from the cache, 60 prefilled; 12 generated"], result.stderr
    assert re.search(rf"^{SENTENCES + 1} segments in [0-9.]+ s: [0-9.]+ s in the engine", result.stderr, re.M), result.stderr


@pytest.mark.parametrize("timings", [{"cache_n": 999}, {"cache_n": "x"}, "lots", {"cache_n": -1}])
def test_draft_verbose_takes_a_malformed_cache_count_as_none(project, runner, serve, timings):
    newsroom = Newsroom(serve, usage={"prompt_tokens": 300, "completion_tokens": 12}, timings=timings)
    bulletin_project(project, newsroom.endpoint.url)
    result = run_cli(runner, "draft", "bulletin.txt", "--engine", "openai", "--verbose")
    assert result.exit_code == 0, result.stderr
    assert "prompt tokens: 300 a segment, 0 reused from the cache, 300 prefilled; 12 generated" in result.stderr


# --------------------------------------------------------------------------- 17. malformed replies

MALFORMED = "malformed"
OK = completion()


def choice_with(**fields) -> dict:
    return {**OK, "choices": [{**OK["choices"][0], **fields}]}


def raw(text: str) -> bytes:
    return text.encode()


#: (reply body, Content-Type, what the engine makes of it: (tokens, score) or MALFORMED); the
#: usage and log-probabilities are informational, so tolerated however malformed (0 tokens: unknown)
REPLIES = {
    "usage count": ({**OK, "usage": {"completion_tokens": 7}}, "application/json", (7, None)),
    "usage a string": ({**OK, "usage": "lots"}, "application/json", (0, None)),
    "usage count a string": ({**OK, "usage": {"completion_tokens": "x"}}, "application/json", (0, None)),
    "usage null": ({**OK, "usage": None}, "application/json", (0, None)),
    "usage a list": ({**OK, "usage": [7]}, "application/json", (0, None)),
    "usage count null": ({**OK, "usage": {"completion_tokens": None}}, "application/json", (0, None)),
    "usage count negative": ({**OK, "usage": {"completion_tokens": -5}}, "application/json", (0, None)),
    "usage count huge": ({**OK, "usage": {"completion_tokens": 10**30}}, "application/json", (0, None)),
    "usage count a whole float": ({**OK, "usage": {"completion_tokens": 7.0}}, "application/json", (7, None)),
    "usage count a fraction": ({**OK, "usage": {"completion_tokens": 7.5}}, "application/json", (0, None)),
    "usage count overflows": (raw(json.dumps(OK)[:-1] + ', "usage": {"completion_tokens": 1e999}}'), "application/json", (0, None)),
    "usage count NaN": (raw(json.dumps(OK)[:-1] + ', "usage": {"completion_tokens": NaN}}'), "application/json", (0, None)),
    "usage count true": ({**OK, "usage": {"completion_tokens": True}}, "application/json", (0, None)),
    "logprobs a string": (choice_with(logprobs="x"), "application/json", (0, None)),
    "logprob a string": (choice_with(logprobs={"content": [{"logprob": "x"}, {"logprob": -0.5}]}), "application/json", (1, -0.5)),
    "logprob a 400-digit integer": (choice_with(logprobs={"content": [{"logprob": -(10**400)}, {"logprob": -0.5}]}), "application/json", (1, -0.5)),
    "logprob overflows": (raw(json.dumps(choice_with(logprobs={"content": [{"logprob": -0.5}]})).replace("-0.5", "-1e999")), "application/json", (0, None)),
    "logprobs legacy with junk": (choice_with(logprobs={"token_logprobs": [None, -0.25, "x"]}), "application/json", (1, -0.25)),
    "JSON labelled text/plain": (OK, "text/plain", (0, None)),
    "choices empty": ({"choices": []}, "application/json", MALFORMED),
    "choices missing": ({"id": "c"}, "application/json", MALFORMED),
    "choices a string": ({"choices": "x"}, "application/json", MALFORMED),
    "choice a number": ({"choices": [1]}, "application/json", MALFORMED),
    "message a string": ({"choices": [{"message": "hi"}]}, "application/json", MALFORMED),
    "message null": ({"choices": [{"message": None}]}, "application/json", MALFORMED),
    "content a number": ({"choices": [{"message": {"content": 5}}]}, "application/json", MALFORMED),
    "content null": ({"choices": [{"message": {"content": None}}]}, "application/json", MALFORMED),
    "reply a list": ([OK], "application/json", MALFORMED),
    "reply a string": ("A notice.", "application/json", MALFORMED),
    "reply null": (None, "application/json", MALFORMED),
    "invalid JSON": (b'{"choices": [', "application/json", MALFORMED),
    "HTML with 200": (b"<html><body>Bad gateway</body></html>", "text/html", MALFORMED),
    "empty body": (b"", "application/json", MALFORMED),
    "not UTF-8": (b'{"choices": "\xff\xfe"}', "application/json", MALFORMED),
    "JSON nested 100,000 deep": (b"[" * 100_000, "application/json", MALFORMED),
}


@pytest.mark.parametrize("reply, content_type, expected", REPLIES.values(), ids=REPLIES)
def test_a_malformed_reply_is_tolerated_or_a_clear_error(serve, reply, content_type, expected):
    endpoint = serve(answer(reply, content_type))
    eng = engine(endpoint.url, retries=0)
    if expected == MALFORMED:
        with pytest.raises(MalformedReplyError, match="OpenAI-compatible"):
            eng.translate([Request("通知。")])
        return
    ((hyp,),) = eng.translate([Request("通知。")])
    tokens, score = expected
    assert (hyp.text, hyp.tokens) == ("A notice.", tokens)
    assert math.isnan(hyp.score) if score is None else hyp.score == score


def test_the_cap_holds_a_llama_server_reply_with_its_twenty_alternatives_a_token():
    """llama.cpp's llama-server answers logprobs with 20 alternatives a token, each with its bytes
    (recorded from llama-server 0.3.36: 15,187 bytes for 8 tokens): a reply that uses its whole
    output limit must fit under the cap, or drafting a long sentence fails after its retries."""
    import json

    from l10n.engines.openai import reply_cap

    def alternative(i: int) -> dict:
        word = f" Committee{i}"
        return {"id": 40000 + i, "token": word, "bytes": list(word.encode()), "logprob": -3.141592653589793}

    entry = {**alternative(0), "top_logprobs": [alternative(i) for i in range(20)]}
    for limit in (84, 512):
        reply = {"choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "word " * limit},
                              "logprobs": {"content": [entry] * limit}}],
                 "usage": {"completion_tokens": limit, "prompt_tokens": 900, "total_tokens": limit + 900}}
        assert len(json.dumps(reply).encode()) < reply_cap(limit)
