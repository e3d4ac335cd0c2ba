"""Names of Slack users, looked up once when someone joins the roster."""

from __future__ import annotations

import logging
import re

from slack_sdk.errors import SlackApiError

from handlers.deps import Pogi

logger = logging.getLogger(__name__)
_LABEL = re.compile(r"^<@[UW][A-Z0-9]+\|([^>]+)>$")


def display_name(pogi: Pogi, user_id: str, *, fallback: str = "") -> str:
    """The user's real name from Slack, else the name in the mention, else the id."""
    try:
        user = pogi.lookup_client.users_info(user=user_id).get("user") or {}
        profile = user.get("profile") or {}
        name = user.get("real_name") or profile.get("real_name") or user.get("name")
        if name:
            return str(name)
    except (SlackApiError, OSError) as error:
        logger.info("no name for %s: %s", user_id, error)
    label = _LABEL.match(fallback)
    return label.group(1) if label else user_id
