"""A slash command, as the form fields Slack posts (or puts in a Socket Mode envelope)."""

from __future__ import annotations

from bot.console.payloads.slack import (
    API_APP_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
    make_trigger_id,
)


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
        "trigger_id": trigger_id or make_trigger_id(user_id, command, text),
    }
