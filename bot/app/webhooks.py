"""Answers through response URLs, on connections kept open between answers.

Bolt's ``respond`` opens a new connection (and, against Slack, a new TLS session) for every
answer. A storm of vote clicks sends one receipt per click, so pogi keeps the connections to
Slack's hooks host open and reuses them: ``Respond`` is a drop-in for Bolt's, given to every
listener by the middleware.
"""

from __future__ import annotations

import http.client
import json
import logging
import ssl
import threading
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slack_bolt.context.respond import Respond as BoltRespond
from slack_bolt.context.respond.internals import _build_message
from slack_sdk.webhook import WebhookResponse

if TYPE_CHECKING:
    from bot.app.courier import Courier  # which sends through Connections
    from bot.presentation.i18n import Translator

logger = logging.getLogger(__name__)

IDLE_FOR = 30.0
"""Seconds an idle connection is kept; servers close theirs after a while, too."""

_Origin = tuple[str, str, int]


class Connections:
    """Open HTTP(S) connections by origin, each used by one answer at a time."""

    def __init__(self, *, timeout: float = 10.0, keep: int = 8) -> None:
        self._timeout = timeout
        self._keep = keep
        self._idle: dict[_Origin, list[tuple[http.client.HTTPConnection, float]]] = defaultdict(
            list
        )
        self._lock = threading.Lock()
        self._closed = False
        self._tls: ssl.SSLContext | None = None

    def post(self, url: str, message: dict[str, Any]) -> WebhookResponse:
        """POST ``message`` as JSON to ``url``. A kept connection the server has closed in the
        meantime fails before anything is sent; the answer is then sent once on a new one."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not a response URL: {url!r}")
        origin = (
            parts.scheme,
            parts.hostname,
            parts.port or (443 if parts.scheme == "https" else 80),
        )
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        body = json.dumps(message).encode()
        headers = {"Content-Type": "application/json;charset=utf-8"}
        connection, reused = self._take(origin)
        try:
            try:
                connection.request("POST", target, body=body, headers=headers)
                response = connection.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                connection.close()
                if not reused:
                    raise
                connection = self._open(origin)
                connection.request("POST", target, body=body, headers=headers)
                response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        except BaseException:
            connection.close()
            raise
        if response.will_close:
            connection.close()
        else:
            self._give_back(origin, connection)
        return WebhookResponse(
            url=url, status_code=response.status, body=text, headers=dict(response.getheaders())
        )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = [connection for kept in self._idle.values() for connection, _ in kept]
            self._idle.clear()
        for connection in idle:
            connection.close()

    def _take(self, origin: _Origin) -> tuple[http.client.HTTPConnection, bool]:
        now = time.monotonic()
        stale = []
        found = None
        with self._lock:
            kept = self._idle[origin]
            while kept:
                connection, since = kept.pop()
                if now - since < IDLE_FOR:
                    found = connection
                    break
                stale.append(connection)
        for connection in stale:
            connection.close()
        return (found, True) if found is not None else (self._open(origin), False)

    def _open(self, origin: _Origin) -> http.client.HTTPConnection:
        scheme, host, port = origin
        if scheme == "http":
            return http.client.HTTPConnection(host, port, timeout=self._timeout)
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return http.client.HTTPSConnection(host, port, timeout=self._timeout, context=self._tls)

    def _give_back(self, origin: _Origin, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            kept = self._idle[origin]
            if not self._closed and len(kept) < self._keep:
                kept.append((connection, time.monotonic()))
                return
        connection.close()


class Respond(BoltRespond):
    """Bolt's ``respond`` (same arguments, same answer), sent through ``Connections``."""

    def __init__(
        self,
        *,
        response_url: str | None,
        connections: Connections,
        courier: Courier | None = None,
    ) -> None:
        super().__init__(response_url=response_url)
        self._connections = connections
        self._courier = courier

    def __call__(  # type: ignore[override]
        self, text: str | dict = "", **fields: Any
    ) -> WebhookResponse:
        return self._connections.post(self._url(), _message(text, fields))

    def soon(self, template: str, *, tr: Translator, data: dict[str, Any], **fields: Any) -> None:
        """Answer with a Slack template, without waiting for Slack: composed and sent by the
        courier (``bot.app.courier``), from ``data`` in plain JSON values."""
        if self._courier is None:
            raise ValueError("respond.soon needs a courier")
        self._courier.send(self._url(), template, tr=tr, data=data, **fields)

    def _url(self) -> str:
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        return self.response_url


def _message(text: str | dict, fields: dict[str, Any]) -> dict[str, Any]:
    return _build_message(**text) if isinstance(text, dict) else _build_message(text=text, **fields)
