"""Answers through response URLs on kept-open connections (``handlers.responses``), against a
small HTTP/1.1 server on port 0 that counts connections and can drop the idle ones."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from handlers.responses import Respond, ResponseUrls


class _Hooks(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.posted: list[dict[str, Any]] = []
        self.connections = 0
        self.open: list[Any] = []

    def drop_idle(self) -> None:
        """Close every connection, as a server does with connections left idle."""
        for connection in self.open:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Hooks

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1
        self.server.open.append(self.connection)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.posted.append(json.loads(body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hooks() -> Iterator[_Hooks]:
    server = _Hooks()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(hooks: _Hooks, key: str) -> str:
    return f"http://127.0.0.1:{hooks.server_address[1]}/actions/{key}"


def test_answers_from_one_thread_share_one_connection_and_keep_bolts_message_shape(hooks):
    urls = ResponseUrls()
    first = Respond(response_url=_url(hooks, "a"), urls=urls)
    second = Respond(response_url=_url(hooks, "b"), urls=urls)

    answered = first(text="Registreret", response_type="ephemeral", replace_original=False)
    second(text="Igen", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}])

    assert (answered.status_code, answered.body) == (200, "ok")
    assert hooks.posted == [
        {"text": "Registreret", "response_type": "ephemeral", "replace_original": False},
        {"text": "Igen", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}]},
    ]
    assert hooks.connections == 1


def test_an_answer_after_the_server_dropped_the_idle_connection_arrives_once(hooks):
    urls = ResponseUrls()
    respond = Respond(response_url=_url(hooks, "a"), urls=urls)
    respond(text="Første")
    hooks.drop_idle()

    answered = respond(text="Anden")

    assert answered.status_code == 200
    assert [message["text"] for message in hooks.posted] == ["Første", "Anden"]
    assert hooks.connections == 2


def test_each_thread_has_its_own_connection(hooks):
    urls = ResponseUrls()
    done = [
        threading.Thread(target=lambda n=n: urls.post(_url(hooks, str(n)), {"text": str(n)}))
        for n in range(3)
    ]
    for thread in done:
        thread.start()
    for thread in done:
        thread.join(5)

    assert sorted(message["text"] for message in hooks.posted) == ["0", "1", "2"]
    assert hooks.connections == 3


def test_a_url_that_is_not_a_response_url_is_refused():
    with pytest.raises(ValueError, match="not a response URL"):
        ResponseUrls().post("ftp://example.org/x", {"text": "x"})
