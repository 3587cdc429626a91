"""The openai engine against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from l10n.engines.base import Request
from l10n.engines.openai import EndpointError, MalformedReplyError, OpenAIEngine


class Server:
    """A chat-completions endpoint whose answers a test scripts: a queue of behaviours."""

    def __init__(self):
        self.script: list = []
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with owner.lock:
                    owner.requests.append(body)
                    owner.headers.append(dict(self.headers))
                    behaviour = owner.script.pop(0) if owner.script else "echo"
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                try:
                    owner.respond(self, behaviour, body)
                finally:
                    with owner.lock:
                        owner.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def respond(self, handler, behaviour, body):
        if isinstance(behaviour, int):
            self.send(handler, behaviour, {"error": "busy"})
        elif behaviour == "sleep":
            time.sleep(1.0)
            self.send(handler, 200, completion("too late"))
        elif behaviour == "not-json":
            self.send(handler, 200, "<html>gateway</html>", raw=True)
        elif behaviour == "no-choices":
            self.send(handler, 200, {"id": "x", "object": "chat.completion"})
        elif behaviour == "slow-echo":
            time.sleep(0.2)
            self.send(handler, 200, completion(f"Translation: {source_of(body)}"))
        else:
            self.send(handler, 200, completion(f"Translation: {source_of(body)}", logprobs=[-0.1, -0.3]))

    @staticmethod
    def send(handler, status, payload, raw=False):
        data = payload.encode() if raw else json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html" if raw else "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def source_of(body) -> str:
    user = body["messages"][-1]["content"]
    if "<source>" not in user:  # the plain baseline prompt: instruction line, then the text
        return "EN(" + user.split("\n", 1)[1] + ")"
    return "EN(" + user.split("<source>\n", 1)[1].split("\n</source>", 1)[0] + ")"


def completion(text, logprobs=None):
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    if logprobs is not None:
        choice["logprobs"] = {"content": [{"token": "t", "logprob": lp} for lp in logprobs]}
    return {"id": "c", "object": "chat.completion", "choices": [choice], "usage": {"completion_tokens": 7}}


@pytest.fixture
def server():
    s = Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def engine(server, **kw) -> OpenAIEngine:
    kw.setdefault("backoff", 0.01)
    return OpenAIEngine(server.url, "qwen-test", **kw)


def test_translates_with_the_shared_prompt_and_parses_the_reply(server):
    hyps = engine(server, api_key="k").translate([Request("会议召开。")])
    assert hyps[0][0].text == "EN(会议召开。)"
    assert hyps[0][0].score == pytest.approx(-0.2) and hyps[0][0].tokens == 2
    body = server.requests[0]
    assert body["model"] == "qwen-test" and body["temperature"] == 0.0
    assert body["messages"][0]["role"] == "system"
    assert server.headers[0]["Authorization"] == "Bearer k"


@pytest.mark.parametrize(
    "extra,source,sent",
    [
        (None, "会议召开。", {"max_tokens": 84, "temperature": 0.0}),  # the local engine's output limit: 4 a character + 64
        (None, "字" * 500, {"max_tokens": 512}),
        ({"repeat_penalty": 1.0, "top_k": 0}, "通知。", {"repeat_penalty": 1.0, "top_k": 0, "max_tokens": 76}),
        ({"temperature": 1.5, "model": "other", "max_tokens": 9}, "通知。", {"temperature": 0.0, "model": "qwen-test", "max_tokens": 76}),
    ],
)
def test_each_request_carries_extra_body_and_the_output_limit(server, extra, source, sent):
    engine(server, extra_body=extra).translate([Request(source)])
    body = server.requests[0]
    assert {k: body.get(k) for k in sent} == sent


def test_results_keep_request_order_under_bounded_concurrency(server):
    server.script = ["slow-echo"] * 8
    sources = [f"第{i}条。" for i in range(8)]
    results = engine(server, concurrency=3).translate([Request(s) for s in sources])
    assert [r[0].text for r in results] == [f"EN({s})" for s in sources]
    assert 1 < server.max_in_flight <= 3
    assert all(r[0].score != r[0].score for r in results)  # no logprobs sent → nan


def test_server_errors_and_rate_limits_are_retried(server):
    server.script = [503, 429]
    hyps = engine(server, retries=2).translate([Request("通知。")])
    assert hyps[0][0].text == "EN(通知。)"
    assert len(server.requests) == 3


def test_timeout_is_retried_then_fails_with_one_clear_sentence(server):
    server.script = ["sleep", "sleep"]
    with pytest.raises(EndpointError, match=r"failed 2 times \(last: timed out\); check the server or raise timeout/retries"):
        engine(server, timeout=0.3, retries=1).translate([Request("通知。")])


def test_timeout_then_success(server):
    server.script = ["sleep"]
    assert engine(server, timeout=0.3, retries=1).translate([Request("通知。")])[0][0].text == "EN(通知。)"


def test_client_errors_are_not_retried(server):
    server.script = [401]
    with pytest.raises(EndpointError, match="answered HTTP 401"):
        engine(server).translate([Request("通知。")])
    assert len(server.requests) == 1


@pytest.mark.parametrize("behaviour", ["not-json", "no-choices"])
def test_malformed_reply_is_a_clear_error(server, behaviour):
    server.script = [behaviour]
    with pytest.raises(MalformedReplyError, match="OpenAI-compatible"):
        engine(server).translate([Request("通知。")])


def test_unreachable_endpoint_fails_after_retries():
    eng = OpenAIEngine("http://127.0.0.1:9/v1", "m", retries=1, backoff=0.01, timeout=1)
    with pytest.raises(EndpointError, match="could not connect"):
        eng.translate([Request("通知。")])


def test_load_engine_reads_the_config_table(server, monkeypatch):
    from l10n.config import config_from_dict
    from l10n.engines import load_engine

    monkeypatch.setenv("MY_KEY", "secret")
    cfg = config_from_dict(
        {"engines": {"openai": {"url": server.url, "model": "farm", "api_key_env": "MY_KEY", "concurrency": 2, "timeout": 5, "retries": 1,
                                "extra_body": {"repeat_penalty": 1.0}}}},
        root=__import__("pathlib").Path("."),
    )
    eng = load_engine("openai", cfg)
    assert (eng.name, eng.model_id, eng.concurrency, eng.retries) == ("openai", "farm", 2, 1)
    eng.translate([Request("通知。")])
    assert server.headers[0]["Authorization"] == "Bearer secret"
    assert server.requests[0]["repeat_penalty"] == 1.0
    assert load_engine("openai", cfg, model="other").model_id == "other"


def test_missing_url_says_what_to_add():
    from l10n.config import Config
    from l10n.engines import load_engine

    with pytest.raises(EndpointError, match=r"needs url and model in \[engines.openai\]"):
        load_engine("openai", Config(root=__import__("pathlib").Path(".")))
