"""Answers through response URLs on connections kept open, one for each thread.

Bolt's ``respond`` opens a new connection (against Slack, a new TLS session) for every answer.
Every vote click is answered with a receipt, so in a storm of clicks that was a third of what a
click cost the process (bench/README.md); reusing the thread's connection to the response
URLs' host halved it. ``Respond`` is Bolt's, sending over ``ResponseUrls``; the middleware gives
it to every listener.
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import Respond as BoltRespond
from slack_sdk.models.attachments import Attachment
from slack_sdk.models.blocks import Block
from slack_sdk.webhook import WebhookResponse

_Origin = tuple[str, str, int]
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class ResponseUrls:
    """One kept-open connection for each thread and origin (scheme, host, port)."""

    def __init__(self, *, timeout: float = 10.0) -> None:
        self._timeout = timeout
        self._local = threading.local()
        self._tls: ssl.SSLContext | None = None  # made on the first https answer
        self._tls_made = threading.Lock()

    def post(self, url: str, message: dict[str, Any]) -> WebhookResponse:
        """POST ``message`` as JSON to ``url``. A kept connection the server closed while it
        was idle fails before the answer is read; it is then sent once more on a new one."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not a response URL: {url!r}")
        origin = (
            parts.scheme,
            parts.hostname,
            parts.port or (443 if parts.scheme == "https" else 80),
        )
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        body = json.dumps(message).encode("utf-8")
        kept: dict[_Origin, http.client.HTTPConnection] = self._connections()
        connection = kept.pop(origin, None)
        if connection is not None:
            try:
                answer = self._send(connection, url, path, body)
            except _STALE:  # closed by the server while idle: send it once more, anew
                connection.close()
            except BaseException:
                connection.close()
                raise
            else:
                kept[origin] = connection
                return answer
        connection = self._connect(origin)
        try:
            answer = self._send(connection, url, path, body)
        except BaseException:
            connection.close()
            raise
        kept[origin] = connection
        return answer

    def _connections(self) -> dict[_Origin, http.client.HTTPConnection]:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = {}
        return connections

    def _connect(self, origin: _Origin) -> http.client.HTTPConnection:
        scheme, host, port = origin
        if scheme == "https":
            return http.client.HTTPSConnection(
                host, port, timeout=self._timeout, context=self._tls_context()
            )
        return http.client.HTTPConnection(host, port, timeout=self._timeout)

    def _tls_context(self) -> ssl.SSLContext:
        """Loading the system's certificates takes tens of milliseconds, so it is done once,
        and only by an app that answers over https."""
        with self._tls_made:
            if self._tls is None:
                self._tls = ssl.create_default_context()
            return self._tls

    @staticmethod
    def _send(
        connection: http.client.HTTPConnection, url: str, path: str, body: bytes
    ) -> WebhookResponse:
        connection.request("POST", path, body, {"Content-Type": "application/json;charset=utf-8"})
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", errors="replace")
        return WebhookResponse(
            url=url, status_code=answer.status, body=text, headers=dict(answer.getheaders())
        )


class Respond(BoltRespond):
    """Bolt's ``respond``, sent over ``ResponseUrls``: the same arguments, the same message."""

    def __init__(self, *, response_url: str | None, urls: ResponseUrls) -> None:
        super().__init__(response_url=response_url)
        self._urls = urls

    def __call__(
        self,
        text: str | dict[str, Any] = "",
        blocks: Sequence[dict[str, Any] | Block] | None = None,
        attachments: Sequence[dict[str, Any] | Attachment] | None = None,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        unfurl_links: bool | None = None,
        unfurl_media: bool | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> WebhookResponse:
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        if isinstance(text, dict):  # the whole message, as Bolt's respond takes it too
            return self._urls.post(self.response_url, text)
        given: dict[str, Any] = {
            "text": text,
            "blocks": _plain(blocks),
            "attachments": _plain(attachments),
            "response_type": response_type,
            "replace_original": replace_original,
            "delete_original": delete_original,
            "unfurl_links": unfurl_links,
            "unfurl_media": unfurl_media,
            "thread_ts": thread_ts,
            "metadata": metadata,
        }
        message = {key: value for key, value in given.items() if value is not None}
        return self._urls.post(self.response_url, message)


def _plain(items: Sequence[Any] | None) -> list[Any] | None:
    """Blocks and attachments as JSON values (Slack SDK model objects turned into dicts)."""
    if items is None:
        return None
    return [item.to_dict() if hasattr(item, "to_dict") else item for item in items]
