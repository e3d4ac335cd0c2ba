"""An ``Outgoing`` as Web API calls: post or update, join a public channel, share the file.

Slack's answers are sorted here: an error no retry can fix raises ``Permanent``; a rate limit,
a server error or no answer at all raises the ``SlackApiError`` or one of ``NETWORK_ERRORS``
for the dispatcher to try again later.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.domain.outbox import Outgoing, Sent
from storage.tables import OutboxMessage

# Slack errors that no retry can fix; a row that meets one fails at once.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "user_not_found",
        "account_inactive",
        "cannot_dm_bot",
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        "restricted_action",
        "missing_scope",
        "invalid_auth",
        "not_authed",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)
# No answer, or none that means anything: timeouts, resets, a failed file upload.
NETWORK_ERRORS = (OSError, http.client.HTTPException, SlackClientError)


class Permanent(Exception):
    """A send that no retry can fix."""


class SlackSender:
    """Sends one row's message; ``record_progress`` keeps the step "posted, file to come"."""

    def __init__(
        self,
        client: WebClient,
        *,
        record_progress: Callable[[OutboxMessage, dict[str, Any]], object],
    ) -> None:
        self.client = client
        self.record_progress = record_progress

    def send(self, row: OutboxMessage, outgoing: Outgoing) -> Sent:
        """Post (or update) and share the file; join a public channel once if we must."""
        try:
            return self._post(row, outgoing)
        except SlackApiError as error:
            code = error_code(error)
            if code != "not_in_channel" or not _can_join(outgoing.channel):
                if code in PERMANENT_ERRORS:
                    raise Permanent(describe(error)) from error
                raise
        try:
            self.client.conversations_join(channel=outgoing.channel)
        except SlackApiError as refused:
            if getattr(refused.response, "status_code", 200) != 200:
                raise  # a rate limit or an outage, not a refusal: try again later
            raise Permanent(f"not_in_channel (joining failed: {describe(refused)})") from None
        try:
            return self._post(row, outgoing)
        except SlackApiError as error:
            if error_code(error) in PERMANENT_ERRORS:
                raise Permanent(describe(error)) from error
            raise

    def _post(self, row: OutboxMessage, outgoing: Outgoing) -> Sent:
        done = row.result or {}
        if done.get("posted"):  # an earlier attempt posted; only the file is missing
            sent = Sent(channel=done["channel"], ts=done.get("ts"))
        elif outgoing.update_ts:
            answer = self.client.chat_update(
                channel=outgoing.channel,
                ts=outgoing.update_ts,
                text=outgoing.text,
                blocks=outgoing.blocks,
            )
            sent = Sent(channel=answer["channel"], ts=answer["ts"])
        else:
            answer = self.client.chat_postMessage(
                channel=outgoing.channel,
                text=outgoing.text,
                blocks=outgoing.blocks,
                thread_ts=outgoing.thread_ts,
            )
            sent = Sent(channel=answer["channel"], ts=answer["ts"])
        if outgoing.attachment is None:
            return sent
        if not done.get("posted"):
            progress = {"posted": True, "channel": sent.channel, "ts": sent.ts}
            row.result = progress
            self.record_progress(row, progress)
        attachment = outgoing.attachment
        # The channel Slack answered with: a DM posted to a user id lands in a D… channel.
        self.client.files_upload_v2(
            channel=sent.channel,
            content=attachment.content,
            filename=attachment.filename,
            title=attachment.title,
        )
        return sent


def error_code(error: SlackApiError) -> str:
    response: Any = error.response
    try:
        return str(response.get("error") or "unknown_error")
    except (AttributeError, TypeError):
        return "unknown_error"


def retry_after(error: SlackApiError) -> timedelta | None:
    """How long a rate limit (HTTP 429) asks to wait, by its ``Retry-After`` header: at least a
    second; None for any other answer, or a header that is not a number of seconds."""
    response: Any = error.response
    if getattr(response, "status_code", 200) != 429:
        return None
    headers = getattr(response, "headers", None) or {}
    values = [v for k, v in headers.items() if str(k).lower() == "retry-after"]
    value = values[0] if values else None
    if isinstance(value, list):  # slack-sdk keeps each header's values as a list
        value = value[0] if value else None
    try:
        seconds = int(str(value).strip())
    except ValueError:
        return None
    return timedelta(seconds=max(1, seconds))


def describe(error: SlackApiError) -> str:
    """The error code, with the HTTP status when it was not 200 (``internal_error (HTTP 500)``)."""
    status = getattr(error.response, "status_code", 200)
    code = error_code(error)
    return code if status == 200 else f"{code} (HTTP {status})"


def _can_join(channel: str) -> bool:
    # Direct messages (D…) and user ids (U…, W…) have nothing to join.
    return not channel.startswith(("D", "U", "W"))
