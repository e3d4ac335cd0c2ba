"""Slack's Socket Mode end: the WebSocket an app opens after ``apps.connections.open``.

Slack answers ``apps.connections.open`` with a ``wss://`` URL carrying a one-time ticket; the
app connects, Slack says ``hello``, then sends envelopes (``slash_commands``, ``interactive``,
``events_api``) and waits for the app to acknowledge each by its ``envelope_id``, optionally with
a response payload. This server does the same on ``ws://127.0.0.1`` and its own port 0
(slack_sdk's builtin client speaks plain ``ws://`` to any port but 443), using the
``websockets`` library's threaded server.
"""

from __future__ import annotations

import contextlib
import http
import json
import logging
import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

logger = logging.getLogger(__name__)


class _Pending:
    """An envelope sent and not yet acknowledged."""

    def __init__(self) -> None:
        self.answered = threading.Event()
        self.ack: dict[str, Any] = {}


class SocketModeServer:
    """Hands out connection URLs, greets connections and matches acks to envelopes."""

    def __init__(self, *, app_id: str) -> None:
        self.app_id = app_id
        self._changed = threading.Condition()
        self._tickets: set[str] = set()
        self._open: list[ServerConnection] = []
        self._pending: dict[str, _Pending] = {}
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._server = serve(
            self._converse,
            "127.0.0.1",
            0,
            process_request=self._admit,
            compression=None,
            # Slack pings too, but a busy test machine must not drop the connection for it.
            ping_interval=None,
            close_timeout=1,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="slack-stand-in-socket-mode", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self.disconnect(None)
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server, self._thread = None, None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the stand-in is not running; call start() first")
        return int(self._server.socket.getsockname()[1])

    def open_url(self) -> str:
        """A URL for one connection, as ``apps.connections.open`` answers it."""
        ticket = secrets.token_hex(8)
        with self._changed:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    @property
    def connections(self) -> int:
        """How many apps are connected (and greeted) now."""
        with self._changed:
            return len(self._open)

    def send(self, envelope: Mapping[str, Any], timeout: float) -> dict[str, Any]:
        """Send one envelope on the newest connection and wait for its ack message.

        Raises TimeoutError when no app is connected in time or the app does not acknowledge.
        """
        deadline = time.monotonic() + timeout
        envelope_id = str(envelope["envelope_id"])
        pending = _Pending()
        with self._changed:
            if not self._changed.wait_for(lambda: self._open, timeout):
                raise TimeoutError(f"no Socket Mode connection within {timeout}s")
            connection = self._open[-1]
            self._pending[envelope_id] = pending
        try:
            connection.send(json.dumps(envelope))
            if not pending.answered.wait(max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"envelope {envelope_id} was not acknowledged in {timeout}s")
        except ConnectionClosed as closed:
            raise TimeoutError(f"the connection closed before envelope {envelope_id}") from closed
        finally:
            with self._changed:
                self._pending.pop(envelope_id, None)
        return pending.ack

    def disconnect(self, reason: str | None) -> int:
        """Close every connection; with a ``reason``, Slack's ``disconnect`` message first."""
        with self._changed:
            connections, self._open = list(self._open), []
        for connection in connections:
            if reason is not None:
                with contextlib.suppress(ConnectionClosed):
                    connection.send(json.dumps(self._disconnect(reason)))
            connection.close()
        return len(connections)

    # -- the server's side of a connection -------------------------------------------------

    def _admit(self, connection: ServerConnection, request: Request) -> Response | None:
        """Only a ticket from ``open_url`` opens a connection, and only once."""
        target = urlsplit(request.path)
        ticket = (parse_qs(target.query).get("ticket") or [""])[0]
        with self._changed:
            known = target.path.rstrip("/") == "/link" and ticket in self._tickets
            self._tickets.discard(ticket)
        if not known:
            return connection.respond(http.HTTPStatus.UNAUTHORIZED, "invalid ticket\n")
        return None

    def _converse(self, connection: ServerConnection) -> None:
        try:
            # Envelopes go only to greeted connections, so hello is always the first message.
            connection.send(json.dumps(self._hello(self.connections + 1)))
            with self._changed:
                self._open.append(connection)
                self._changed.notify_all()
            for message in connection:
                self._acknowledged(message)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                if connection in self._open:
                    self._open.remove(connection)

    def _acknowledged(self, message: str | bytes) -> None:
        try:
            ack = json.loads(message)
        except ValueError:
            logger.warning("the stand-in got a Socket Mode message that is not JSON: %r", message)
            return
        envelope_id = ack.get("envelope_id") if isinstance(ack, dict) else None
        with self._changed:
            pending = self._pending.get(str(envelope_id))
        if pending is None:
            logger.warning("the stand-in got an ack for no envelope it is waiting for: %r", ack)
            return
        pending.ack = ack
        pending.answered.set()

    def _disconnect(self, reason: str) -> dict[str, Any]:
        return {
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": "slack-stand-in"},
        }

    def _hello(self, count: int) -> dict[str, Any]:
        return {
            "type": "hello",
            "num_connections": count,
            "debug_info": {"host": "slack-stand-in", "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }
