"""Slack's requests, read into Bolt's ``BoltRequest`` once.

A click arrives as a form with one field, ``payload``: the JSON of the click, including the whole
message that was clicked, percent-encoded. Bolt decodes it with ``urllib.parse``, whose loop over
every ``%XX`` in pure Python was a fifth of the interpreter's time in a storm of vote clicks.
``read`` decodes that one field with the interpreter's own C codecs instead, to the same text,
and leaves every other request to Bolt. The raw body is kept, so the signature is checked
against exactly what Slack sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from urllib.parse import unquote_plus

from slack_bolt import BoltContext, BoltRequest
from slack_bolt.request.internals import build_context

FORM = "application/x-www-form-urlencoded"
_FIELD = "payload="

Headers = Mapping[str, str | Sequence[str]]


class Unreadable(ValueError):
    """The body is not what Slack sends: JSON that does not parse, or is not an object."""


def read(body: str, *, query: str | None, headers: Headers) -> BoltRequest:
    """What Bolt's ``BoltRequest(body=…, query=…, headers=…)`` reads, the same in every part;
    ``Unreadable`` where Bolt would fail on the body."""
    payload = _payload(body, headers)
    if payload is None:
        try:
            return BoltRequest(body=body, query=query, headers=dict(headers))
        except (ValueError, AttributeError, TypeError) as error:  # Bolt reads a list or "1"…
            raise Unreadable(str(error)) from error
    request = BoltRequest(body="", query=query, headers=dict(headers))
    request.raw_body = body
    request.body = payload
    request.context = build_context(BoltContext(), payload)
    return request


def _payload(body: str, headers: Headers) -> dict | None:
    """The JSON of a one-field ``payload=…`` form, or None where Bolt should read the body."""
    if not body.startswith(_FIELD) or "&" in body or _content_type(headers) != FORM:
        return None
    try:
        payload = json.loads(form_value(body[len(_FIELD) :]))
    except ValueError as error:
        raise Unreadable(f"the payload is not JSON: {error}") from error
    if not isinstance(payload, dict):
        raise Unreadable("the payload is not a JSON object")
    return payload


def form_value(text: str) -> str:
    """``urllib.parse.unquote_plus(text)``: percent-escapes are decoded as UTF-8, an invalid
    sequence replaced. For the ASCII Slack sends, each ``%XX`` becomes a ``\\xXX`` escape that
    the ``unicode_escape`` codec turns into the byte it stands for; text with a backslash of
    its own, other characters or a broken escape is left to ``urllib``."""
    if "\\" in text or not text.isascii():
        return unquote_plus(text)
    escaped = text.replace("+", " ").replace("%", "\\x").encode("ascii")
    try:
        octets = escaped.decode("unicode_escape").encode("latin-1")
    except UnicodeDecodeError:  # "%" not followed by two hex digits
        return unquote_plus(text)
    return octets.decode("utf-8", errors="replace")


def _content_type(headers: Headers) -> str | None:
    for name, value in headers.items():
        if name.lower() == "content-type":
            first = value if isinstance(value, str) else (value[0] if value else "")
            return first.split(";", 1)[0].strip().lower()
    return None
