"""Interactions: clicks and choices (``block_actions``), modals submitted and closed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.console.payloads.slack import (
    API_APP_ID,
    BOT_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
    digest,
    make_trigger_id,
    now_ts,
    user_object,
)

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
    action = _action(
        action_type,
        action_id=action_id,
        block_id=block_id,
        value=value,
        text=text,
        selected_option=selected_option,
        selection=selection,
        action_ts=action_ts,
    )
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": user_object(user_id, user_name, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": dict(container) if container else _container(channel_id, message, view),
        "trigger_id": trigger_id or make_trigger_id(user_id, action_id, block_id),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if view is not None:
        payload["view"] = _view_with_state(view, state_values)
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


def _action(
    action_type: str,
    *,
    action_id: str,
    block_id: str,
    value: str | None,
    text: str | None,
    selected_option: Mapping[str, Any] | None,
    selection: Any,
    action_ts: str | None,
) -> dict[str, Any]:
    """The one entry of ``actions``: what was clicked and the choice, in Slack's field for it."""
    action: dict[str, Any] = {
        "type": action_type,
        "action_id": action_id,
        "block_id": block_id,
        "action_ts": action_ts or now_ts(),
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
    return action


def _view_with_state(
    view: Mapping[str, Any], state_values: Mapping[str, Any] | None
) -> dict[str, Any]:
    full_view = dict(view)
    if state_values is not None:
        full_view["state"] = {"values": dict(state_values)}
    full_view.setdefault("state", {"values": {}})
    return full_view


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
        "user": user_object(user_id, user_name, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or make_trigger_id(user_id, "view_submission", str(callback_id)),
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
        "user": user_object(user_id, user_name, team_id),
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
        "hash": f"1732270000.{digest(the_id)[:8]}",
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
