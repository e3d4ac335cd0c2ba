"""Events API callbacks: the envelope with its ``authorizations``, and the events the bot uses."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from bot.console.payloads.slack import (
    API_APP_ID,
    BOT_USER_ID,
    TEAM_ID,
    VERIFICATION_TOKEN,
    digest,
    now_ts,
    serial,
)
from bot.console.payloads.wire import EVENT_CALLBACK


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
    hashed = digest(json.dumps(event, sort_keys=True), str(stamp), serial())
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": EVENT_CALLBACK,
        "event_id": f"Ev{hashed[:10].upper()}",
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
        "event_context": f"4-{hashed[10:40]}",
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
        "event_ts": event_ts or now_ts(),
    }
    if view is not None:
        event["view"] = dict(view)
    return event
