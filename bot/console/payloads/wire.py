"""How Slack carries a payload to the app: a signed HTTP request, or a Socket Mode envelope.

``bot.console.payloads`` builds what Slack sends (a slash command's fields, an interaction, an
event); this module wraps one such dict for either transport, so HTTP and Socket Mode tests
share a single source for every payload:

- over HTTP, ``encode``/``signed_request`` give the body Slack posts to ``/slack/events``: slash
  commands form-encoded, interactions as a form-encoded ``payload`` field, events as JSON;
- over Socket Mode, ``socket_mode_envelope`` puts the same dict in the envelope Slack sends on
  the WebSocket (``slash_commands``, ``interactive`` or ``events_api``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

SLASH_COMMAND = "slash_command"
EVENT_CALLBACK = "event_callback"
# Interaction payloads travel form-encoded under a single ``payload`` field.
INTERACTIVE_KINDS = frozenset(
    {
        "block_actions",
        "block_suggestion",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
    }
)
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# Socket Mode's envelope types.
SLASH_COMMANDS = "slash_commands"
INTERACTIVE = "interactive"
EVENTS_API = "events_api"
ENVELOPE_TYPES = frozenset({SLASH_COMMANDS, INTERACTIVE, EVENTS_API})
# The payloads whose ack may carry the answer (a reply, a modal's errors, menu options).
_ANSWERABLE = frozenset({SLASH_COMMAND, "view_submission", "block_suggestion"})


def encode(payload_or_form: Mapping[str, Any], kind: str | None = None) -> tuple[bytes, str]:
    """Body bytes and content type as Slack would send this payload.

    ``kind`` is ``"slash_command"``, an interaction type (``"block_actions"``…) or
    ``"event_callback"``; left out, it is read from the payload itself.
    """
    kind = kind or kind_of(payload_or_form)
    if kind == SLASH_COMMAND:
        return urlencode(dict(payload_or_form)).encode(), FORM
    if kind in INTERACTIVE_KINDS:
        return urlencode({"payload": json.dumps(payload_or_form)}).encode(), FORM
    if kind in (EVENT_CALLBACK, "url_verification"):
        return json.dumps(payload_or_form).encode(), JSON
    raise ValueError(f"unknown Slack request kind: {kind!r}")


def signed_headers(
    body: bytes, signing_secret: str, *, timestamp: int | None = None
) -> dict[str, str]:
    """Slack's v0 signature headers; a ``timestamp`` in the past lets tests replay old requests."""
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    # Over the bytes, as Slack signs them: a test may sign a body that is not UTF-8.
    base = b"v0:" + stamp.encode() + b":" + body
    signature = "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def signed_request(
    payload_or_form: Mapping[str, Any],
    *,
    signing_secret: str,
    kind: str | None = None,
    timestamp: int | None = None,
) -> tuple[bytes, dict[str, str]]:
    """Body and complete headers in one step, for the common case of a well-formed request."""
    body, content_type = encode(payload_or_form, kind)
    headers = signed_headers(body, signing_secret, timestamp=timestamp)
    headers["Content-Type"] = content_type
    return body, headers


def socket_mode_envelope(
    payload_or_form: Mapping[str, Any],
    kind: str | None = None,
    *,
    envelope_id: str | None = None,
    accepts_response_payload: bool | None = None,
) -> dict[str, Any]:
    """The Socket Mode envelope Slack sends for this payload.

    ``kind`` is an envelope type (``"slash_commands"``, ``"interactive"``, ``"events_api"``) or
    a payload kind as ``encode`` takes it; left out, it is read from the payload. Slack lets
    slash commands, view submissions and option requests answer in the ack, and says so in
    ``accepts_response_payload``; events carry their retry count.
    """
    payload_kind = kind_of(payload_or_form)
    envelope_type = envelope_type_of(kind or payload_kind)
    envelope: dict[str, Any] = {
        "envelope_id": envelope_id or str(uuid.uuid4()),
        "type": envelope_type,
        "payload": dict(payload_or_form),
        "accepts_response_payload": (
            accepts_response_payload
            if accepts_response_payload is not None
            else payload_kind in _ANSWERABLE
        ),
    }
    if envelope_type == EVENTS_API:
        envelope.update(retry_attempt=0, retry_reason="")
    return envelope


def envelope_type_of(kind: str) -> str:
    """Socket Mode's envelope type for a payload kind (an envelope type stays as it is)."""
    if kind in ENVELOPE_TYPES:
        return kind
    if kind == SLASH_COMMAND:
        return SLASH_COMMANDS
    if kind in INTERACTIVE_KINDS:
        return INTERACTIVE
    if kind == EVENT_CALLBACK:
        return EVENTS_API
    raise ValueError(f"unknown Slack request kind: {kind!r}")


def kind_of(payload: Mapping[str, Any]) -> str:
    """``"slash_command"`` for a command's fields, otherwise the payload's ``type``."""
    if "command" in payload and "type" not in payload:
        return SLASH_COMMAND
    return str(payload.get("type", ""))
