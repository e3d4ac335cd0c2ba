"""The request bodies Slack posts to the app at ``/slack/events``, and their signatures.

Tests and the console drive the app through the same signed HTTP requests Slack sends, so
Bolt's signature check, body parsing and listener matching run for real. The shapes follow
Slack's interaction-payload and Events API references (and bolt-python's own fixtures): a
listener that works here reads the fields that exist in production.

Everything is deterministic except the clock-based fields Slack itself stamps (``action_ts``,
``event_time``, trigger ids), which callers may pin.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0POGI"
TEAM_DOMAIN = "pogi"
API_APP_ID = "A0POGI"
BOT_USER_ID = "U0POGIBOT"
BOT_ID = "B0POGIBOT"
# The deprecated verification token Slack still sends; Bolt ignores it unless configured.
VERIFICATION_TOKEN = "pogi-verification-token"

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

# Which field of an action (and of a state value) carries the user's choice, per element type.
_SELECTION_FIELDS = {
    "static_select": "selected_option",
    "external_select": "selected_option",
    "overflow": "selected_option",
    "radio_buttons": "selected_option",
    "checkboxes": "selected_options",
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
}


def slash_command(
    *,
    text: str,
    user_id: str,
    user_name: str = "",
    channel_id: str,
    channel_name: str = "",
    team_id: str = TEAM_ID,
    command: str = "/pogi",
    response_url: str,
    trigger_id: str | None = None,
) -> dict[str, str]:
    """The form fields of a slash command; every value is a string, as on the wire."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name or channel_id,
        "user_id": user_id,
        "user_name": user_name or user_id,
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or _trigger_id(user_id, command, text),
    }


def block_actions(
    *,
    user_id: str,
    action_id: str,
    block_id: str,
    value: str | None = None,
    action_type: str = "button",
    channel_id: str | None = None,
    message: Mapping[str, Any] | None = None,
    view: Mapping[str, Any] | None = None,
    container: Mapping[str, Any] | None = None,
    response_url: str | None = None,
    trigger_id: str | None = None,
    selected_option: Mapping[str, Any] | None = None,
    team_id: str = TEAM_ID,
    user_name: str = "",
    channel_name: str = "",
    text: str | None = None,
    selection: Any = None,
    state_values: Mapping[str, Any] | None = None,
    action_ts: str | None = None,
) -> dict[str, Any]:
    """A click or choice in a message, a modal or the Home tab.

    Slack says where the click happened in ``container``: a message carries ``channel``,
    ``message`` and a ``response_url``; a modal or Home tab carries the ``view`` with its state.
    ``selection`` is the choice for elements other than buttons and option menus (a user id for
    ``users_select``, a date for ``datepicker``…), put under the field Slack uses for that type.
    """
    action: dict[str, Any] = {
        "type": action_type,
        "action_id": action_id,
        "block_id": block_id,
        "action_ts": action_ts or _now_ts(),
    }
    if action_type == "button":
        label = text if text is not None else (value or action_id)
        action["text"] = {"type": "plain_text", "text": label, "emoji": True}
    # Menus report the chosen option, not a value of their own.
    if value is not None and selected_option is None:
        action["value"] = value
    if selected_option is not None:
        # Ticking one checkbox still reports the list of ticked options.
        if _SELECTION_FIELDS.get(action_type) == "selected_options":
            action["selected_options"] = [dict(selected_option)]
        else:
            action["selected_option"] = dict(selected_option)
    elif selection is not None and action_type in _SELECTION_FIELDS:
        action[_SELECTION_FIELDS[action_type]] = selection

    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, user_name, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": dict(container) if container else _container(channel_id, message, view),
        "trigger_id": trigger_id or _trigger_id(user_id, action_id, block_id),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if view is not None:
        full_view = dict(view)
        if state_values is not None:
            full_view["state"] = {"values": dict(state_values)}
        full_view.setdefault("state", {"values": {}})
        payload["view"] = full_view
    else:
        payload["state"] = {"values": dict(state_values or {})}
    if channel_id is not None:
        payload["channel"] = {"id": channel_id, "name": channel_name or channel_id}
    if message is not None:
        payload["message"] = dict(message)
    if response_url is not None:
        payload["response_url"] = response_url
    payload["actions"] = [action]
    return payload


def view_submission(
    *,
    user_id: str,
    view: Mapping[str, Any],
    values: Mapping[str, Any],
    callback_id: str | None = None,
    private_metadata: str | None = None,
    view_id: str | None = None,
    team_id: str = TEAM_ID,
    user_name: str = "",
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A modal submitted with ``values`` shaped like ``state.values`` (``render.state_values``).

    ``view`` may be what the bot sent to ``views.open`` or what Slack answered; fields it
    already has (id, callback id, private metadata) win unless given here explicitly.
    """
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or _trigger_id(user_id, "view_submission", str(callback_id)),
        "view": _full_view(
            view,
            team_id=team_id,
            values=values,
            callback_id=callback_id,
            private_metadata=private_metadata,
            view_id=view_id,
        ),
        "response_urls": [],
        "enterprise": None,
        "is_enterprise_install": False,
    }


def view_closed(
    *,
    user_id: str,
    view: Mapping[str, Any],
    callback_id: str | None = None,
    private_metadata: str | None = None,
    view_id: str | None = None,
    team_id: str = TEAM_ID,
    user_name: str = "",
    is_cleared: bool = False,
) -> dict[str, Any]:
    """A modal dismissed with Cancel; Slack sends it only for views with ``notify_on_close``."""
    return {
        "type": "view_closed",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "view": _full_view(
            view,
            team_id=team_id,
            values=(view.get("state") or {}).get("values", {}),
            callback_id=callback_id,
            private_metadata=private_metadata,
            view_id=view_id,
        ),
        "is_cleared": is_cleared,
        "enterprise": None,
        "is_enterprise_install": False,
    }


def event_callback(
    event: Mapping[str, Any],
    *,
    team_id: str = TEAM_ID,
    api_app_id: str = API_APP_ID,
    bot_user_id: str = BOT_USER_ID,
    event_time: int | None = None,
) -> dict[str, Any]:
    """The Events API envelope around one event, with the ``authorizations`` Slack adds."""
    stamp = event_time if event_time is not None else int(time.time())
    digest = _digest(json.dumps(event, sort_keys=True), str(stamp))
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": EVENT_CALLBACK,
        "event_id": f"Ev{digest[:10].upper()}",
        "event_time": stamp,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{digest[10:40]}",
    }


def app_home_opened(
    *,
    user_id: str,
    tab: str = "home",
    view: Mapping[str, Any] | None = None,
    channel_id: str | None = None,
    event_ts: str | None = None,
) -> dict[str, Any]:
    """The event (not the envelope) for a user opening the app; wrap it with ``event_callback``.

    Slack includes ``view`` only once a Home tab has been published for that user.
    """
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user_id,
        # The stand-in derives the same DM id, so both sides agree without registration.
        "channel": channel_id or "D" + user_id[1:],
        "tab": tab,
        "event_ts": event_ts or _now_ts(),
    }
    if view is not None:
        event["view"] = dict(view)
    return event


def encode(payload_or_form: Mapping[str, Any], kind: str | None = None) -> tuple[bytes, str]:
    """Body bytes and content type as Slack would send this payload.

    ``kind`` is ``"slash_command"``, an interaction type (``"block_actions"``…) or
    ``"event_callback"``; left out, it is read from the payload itself.
    """
    kind = kind or _kind_of(payload_or_form)
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
    signature = SignatureVerifier(signing_secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature or ""}


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


def _kind_of(payload: Mapping[str, Any]) -> str:
    if "command" in payload and "type" not in payload:
        return SLASH_COMMAND
    return str(payload.get("type", ""))


def _user(user_id: str, user_name: str, team_id: str) -> dict[str, str]:
    name = user_name or user_id
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _container(
    channel_id: str | None,
    message: Mapping[str, Any] | None,
    view: Mapping[str, Any] | None,
) -> dict[str, Any]:
    if view is not None:
        return {"type": "view", "view_id": view.get("id", "")}
    # Slack omits ``message`` for clicks in ephemeral messages; that is how the two differ.
    return {
        "type": "message",
        "message_ts": (message or {}).get("ts", ""),
        "channel_id": channel_id or "",
        "is_ephemeral": message is None,
    }


def _full_view(
    view: Mapping[str, Any],
    *,
    team_id: str,
    values: Mapping[str, Any],
    callback_id: str | None,
    private_metadata: str | None,
    view_id: str | None,
) -> dict[str, Any]:
    the_id = view_id or view.get("id") or "V0000000001"
    full: dict[str, Any] = {
        "id": the_id,
        "team_id": team_id,
        "type": "modal",
        "blocks": [],
        "private_metadata": "",
        "callback_id": "",
        "hash": f"1732270000.{_digest(the_id)[:8]}",
        "title": {"type": "plain_text", "text": "pogi"},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": None,
        "root_view_id": the_id,
        "app_id": API_APP_ID,
        "external_id": "",
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }
    full.update({key: value for key, value in view.items() if key in full})
    full["id"] = the_id
    if callback_id is not None:
        full["callback_id"] = callback_id
    if private_metadata is not None:
        full["private_metadata"] = private_metadata
    full["state"] = {"values": dict(values)}
    return full


def _trigger_id(*parts: str) -> str:
    digest = _digest(*parts)
    return f"{int(time.time())}.{int(digest[:8], 16) % 10**10}.{digest[8:40]}"


def _now_ts() -> str:
    return f"{time.time():.6f}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
