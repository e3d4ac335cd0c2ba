"""The stand-in's HTTP side: a threaded server on 127.0.0.1:0 and Slack's request formats.

Three kinds of request arrive: Web API calls under ``/api/`` (form-encoded, JSON or multipart,
the token in a Bearer header or a ``token`` field), posts to response URLs under
``/response/``, and file bytes under ``/upload/``. Each is read into an ``Incoming`` for the
stand-in to answer with an ``Outgoing``.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.console.standin.calls import RESPONSE_URL, UPLOAD_URL

logger = logging.getLogger(__name__)

JSON_TYPE = "application/json; charset=utf-8"
# Form posts carry these as JSON text; decoding them lets tests assert on structures.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "metadata", "files"})


@dataclass(frozen=True)
class Incoming:
    """One request as the stand-in answers it: a method name (or webhook) and its args."""

    method: str
    args: dict[str, Any]
    token: str | None
    received: float
    body_error: str | None = None


@dataclass(frozen=True)
class Outgoing:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str]


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # Many senders at once (benches, storm tests): the default backlog of 5 drops connections.
    request_queue_size = 128

    def __init__(self, handle: Callable[[Incoming], Outgoing]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.handle = handle

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Server
    # Like Slack: connections stay open between requests, and answers are not held back.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        incoming = read_request(self)
        if incoming is None:
            _send(self, Outgoing(404, b"not found", "text/plain", {}))
        else:
            _send(self, self.server.handle(incoming))

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("stand-in: " + format, *args)


def read_request(request: BaseHTTPRequestHandler) -> Incoming | None:
    """The request by its path; None for a path Slack does not serve."""
    received = time.time()
    target = urlsplit(request.path)
    raw = request.rfile.read(int(request.headers.get("Content-Length") or 0))
    if target.path.startswith("/api/"):
        return _web_api_call(request, target.path, target.query, raw, received)
    if target.path.startswith("/response/"):
        try:
            args = dict(json.loads(raw or b"{}"))
        except ValueError:
            args = {"_raw": raw.decode("utf-8", "replace")}
        args["_key"] = target.path.removeprefix("/response/")
        return Incoming(RESPONSE_URL, args, None, received)
    if target.path.startswith("/upload/"):
        args = {"file_id": target.path.removeprefix("/upload/"), "_content": raw}
        return Incoming(UPLOAD_URL, args, None, received)
    return None


def _web_api_call(
    request: BaseHTTPRequestHandler, path: str, query: str, raw: bytes, received: float
) -> Incoming:
    body_error = None
    try:
        args = parse_body(request.headers.get("Content-Type", ""), raw)
    except ValueError:
        args, body_error = {}, "invalid_json"
    args.update(parse_qsl(query, keep_blank_values=True))
    form_token = args.pop("token", None)
    header = request.headers.get("Authorization", "")
    bearer = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    token = bearer or form_token or None
    return Incoming(path.removeprefix("/api/"), args, token, received, body_error)


def parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    """A Web API call's arguments from a JSON, multipart or form-encoded body."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        parsed = json.loads(raw or b"{}")
        if not isinstance(parsed, dict):
            raise ValueError("a JSON body must be an object")
        return parsed
    if kind == "multipart/form-data":
        return parse_multipart(content_type, raw)
    args: dict[str, Any] = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    for key in _JSON_FIELDS & args.keys():
        # Undecodable text stays as sent, so the test sees what the bot got wrong.
        with contextlib.suppress(ValueError):
            args[key] = json.loads(args[key])
    return args


def parse_multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    """Fields as text and files as bytes, each by its form name."""
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(envelope)
    args: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        if part.get_filename() is None:
            args[str(name)] = content.decode("utf-8")
        else:
            args[str(name)] = content
    return args


def _send(request: BaseHTTPRequestHandler, answer: Outgoing) -> None:
    try:
        request.send_response(answer.status)
        request.send_header("Content-Type", answer.content_type)
        request.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(answer.body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client timed out while a delay fault held the answer; nobody is listening
