"""Answers through response URLs on kept-open connections (``bot.app.webhooks``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.app.webhooks import Connections, Respond


class _Hooks(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, close_after_each: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Hook)
        self.close_after_each = close_after_each
        self.connections = 0
        self.posts: list[dict] = []


class _Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Hooks

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.posts.append(json.loads(body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
        if self.server.close_after_each:
            # Gone without saying so, as a server does with a connection idle too long.
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hooks(request: pytest.FixtureRequest) -> Iterator[_Hooks]:
    server = _Hooks(close_after_each=getattr(request, "param", False))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(hooks: _Hooks, key: str) -> str:
    return f"http://127.0.0.1:{hooks.server_address[1]}/hooks/{key}"


def test_answers_to_one_host_share_one_connection(hooks: _Hooks) -> None:
    connections = Connections()
    try:
        for key in ("a", "b", "c"):
            sent = connections.post(_url(hooks, key), {"text": key})
            assert (sent.status_code, sent.body) == (200, "ok")
    finally:
        connections.close()

    assert [post["text"] for post in hooks.posts] == ["a", "b", "c"]
    assert hooks.connections == 1


@pytest.mark.parametrize("hooks", [True], indirect=True)
def test_a_connection_the_server_has_closed_is_replaced_and_the_answer_sent_once(
    hooks: _Hooks,
) -> None:
    connections = Connections()
    try:
        for key in ("a", "b"):
            assert connections.post(_url(hooks, key), {"text": key}).status_code == 200
    finally:
        connections.close()

    assert [post["text"] for post in hooks.posts] == ["a", "b"]
    assert hooks.connections == 2


def test_respond_sends_what_bolts_respond_sends(hooks: _Hooks) -> None:
    connections = Connections()
    try:
        respond = Respond(response_url=_url(hooks, "r"), connections=connections)
        respond(text="Registreret", response_type="ephemeral", replace_original=False)
        respond({"text": "Hele svaret", "blocks": []})
    finally:
        connections.close()

    assert hooks.posts == [
        {"text": "Registreret", "response_type": "ephemeral", "replace_original": False},
        {"text": "Hele svaret"},
    ]


def test_respond_without_a_response_url_says_so() -> None:
    with pytest.raises(ValueError, match="no response_url"):
        Respond(response_url=None, connections=Connections())(text="x")
