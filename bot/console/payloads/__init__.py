"""The payloads Slack sends the app: slash commands, interactions and events, as dicts.

Tests and the console drive the app with exactly what Slack sends, so Bolt's signature check,
body parsing and listener matching run for real. The shapes follow Slack's interaction-payload
and Events API references (and bolt-python's own fixtures): a listener that works here reads
the fields that exist in production.

Each builder returns one dict, the single source for both transports (``bot.console.wire``):
``signed_request``/``encode`` make it the HTTP request Slack posts to ``/slack/events``, and
``socket_mode_envelope`` the envelope Slack sends over Socket Mode. Both are re-exported here.

The builders live by kind: ``commands`` (slash commands), ``interactions`` (clicks, modals),
``events`` (Events API callbacks); ``slack`` holds the ids every payload shares.

Everything is deterministic except the fields Slack itself stamps on each delivery
(``action_ts``, ``event_time``, trigger ids and event ids, unique to each payload built), which
callers may pin.
"""

from __future__ import annotations

from bot.console.payloads.commands import slash_command
from bot.console.payloads.events import app_home_opened, event_callback
from bot.console.payloads.interactions import block_actions, view_closed, view_submission
from bot.console.payloads.slack import (
    API_APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
)
from bot.console.payloads.wire import (
    EVENT_CALLBACK,
    FORM,
    INTERACTIVE_KINDS,
    JSON,
    SLASH_COMMAND,
    encode,
    signed_headers,
    signed_request,
    socket_mode_envelope,
)

__all__ = [
    "API_APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "EVENT_CALLBACK",
    "FORM",
    "INTERACTIVE_KINDS",
    "JSON",
    "SLASH_COMMAND",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "VERIFICATION_TOKEN",
    "app_home_opened",
    "block_actions",
    "encode",
    "event_callback",
    "signed_headers",
    "signed_request",
    "slash_command",
    "socket_mode_envelope",
    "view_closed",
    "view_submission",
]
