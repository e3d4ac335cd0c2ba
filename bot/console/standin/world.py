"""The small Slack workspace the stand-in keeps: users, channels, messages, views and files.

Channels and users that a test registered follow Slack's rules (``not_in_channel``,
``user_not_found``…); anything a test did not register is accepted, so tests that do not care
about channels stay short. Web API methods (``methods/``) read and change this world under its
lock, one call at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.console.standin.checks import SlackError, required


@dataclass(frozen=True)
class Workspace:
    """Who the bot is and where: the ids Slack puts in every answer."""

    team_id: str = "T0POGI"
    team_domain: str = "pogi"
    team_name: str = "POGI"
    bot_user_id: str = "U0POGIBOT"
    bot_id: str = "B0POGIBOT"
    bot_name: str = "pogi"
    app_id: str = "A0POGI"


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool
    members: list[str]
    bot_is_member: bool
    is_archived: bool
    created: int


@dataclass
class File:
    id: str
    name: str
    length: int
    title: str = ""
    content: bytes | None = None
    channels: list[str] = field(default_factory=list)
    user: str = ""
    """Who shared it; the bot when empty."""
    created: int = 0


class World:
    """The workspace's state; ``lock`` guards it, and every method call runs under it."""

    def __init__(self, workspace: Workspace, *, ts_start: int) -> None:
        self.workspace = workspace
        self.lock = threading.RLock()
        # Real ts values follow the clock; starting from now keeps (channel, ts) unique across
        # console sessions that share a database.
        self.ts_micros = ts_start * 1_000_000
        self.serial = 0
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, Channel] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, str] = {}
        self.files: dict[str, File] = {}

    # -- set-up by tests -------------------------------------------------------------------

    def add_user(
        self, user_id: str, *, name: str, real_name: str | None, locale: str, tz: str, is_bot: bool
    ) -> None:
        with self.lock:
            self.users[user_id] = {
                "name": name,
                "real_name": real_name or name,
                "locale": locale,
                "tz": tz,
                "is_bot": is_bot,
            }

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_private: bool,
        members: Iterable[str],
        bot_is_member: bool,
        is_archived: bool,
    ) -> None:
        with self.lock:
            self.channels[channel_id] = Channel(
                id=channel_id,
                name=name,
                is_private=is_private,
                members=list(members),
                bot_is_member=bot_is_member,
                is_archived=is_archived,
                created=self.now(),
            )

    # -- reading by tests and the console --------------------------------------------------

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        with self.lock:
            message = self.messages.get((channel, ts))
            return dict(message) if message is not None else None

    def view(self, view_id: str) -> dict[str, Any] | None:
        with self.lock:
            view = self.views.get(view_id)
            return dict(view) if view is not None else None

    def uploaded_file(self, file_id: str) -> bytes:
        with self.lock:
            content = self.files[file_id].content
        if content is None:
            raise KeyError(f"{file_id} was announced but its bytes were never uploaded")
        return content

    def receive_upload(self, file_id: str, content: bytes) -> dict[str, Any]:
        """The bytes posted to an upload URL that ``files.getUploadURLExternal`` handed out."""
        with self.lock:
            upload = self.files.get(file_id)
            if upload is None:
                return {"ok": False, "error": "file_not_found"}
            upload.content = content
        return {"ok": True}

    # -- rules the methods share -----------------------------------------------------------

    @staticmethod
    def dm_channel_id(user_id: str) -> str:
        """The bot's DM with a user; derived from the user id so tests can predict it."""
        return "D" + user_id[1:]

    def now(self) -> int:
        """Seconds on the stand-in's clock, for ``created`` and ``updated`` stamps."""
        return self.ts_micros // 1_000_000

    def next_ts(self) -> str:
        self.ts_micros += 100
        return f"{self.ts_micros // 1_000_000}.{self.ts_micros % 1_000_000:06d}"

    def next_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial:010d}"

    def postable_channel(self, args: dict[str, Any]) -> str:
        """Where a post lands, refusing archived channels and those the bot is not in."""
        channel_id = required(args, "channel", "channel_not_found")
        if channel_id[0] in "UW":  # posting to a user id lands in the bot's DM with them
            return self.dm_channel_id(channel_id)
        channel = self.channels.get(channel_id)
        if channel is not None:
            if channel.is_archived:
                raise SlackError("is_archived")
            if not channel.bot_is_member:
                raise SlackError("not_in_channel")
        return channel_id

    def visible_channel(self, channel_id: str) -> Channel:
        """A registered channel the bot may see: private ones only as a member."""
        channel = self.channels.get(channel_id)
        if channel is None or (channel.is_private and not channel.bot_is_member):
            raise SlackError("channel_not_found")
        return channel

    def members_of(self, channel: Channel) -> list[str]:
        members = list(channel.members)
        bot = self.workspace.bot_user_id
        if channel.bot_is_member and bot not in members:
            members.append(bot)
        return members
