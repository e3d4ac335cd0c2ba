"""``/pogi kommentering FRIST`` (``comments DEADLINE``): ask the working group to comment on the
current version of the goal text by a deadline."""

from __future__ import annotations

from bot.domain import goals
from handlers.commands.base import Answer, Command
from handlers.parsing import unescape


def comments_command(cmd: Command) -> Answer:
    settings = cmd.pogi.settings
    opened = goals.comments.open_round(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        text=unescape(" ".join(cmd.args)),
        now=cmd.now,
        zone=settings.timezone,
        reminders=settings.pogi_comment_reminders,
        language=cmd.tr.language,
        working=settings.working_hours,
    )
    cmd.pogi.kick()
    return cmd.answer("comments_opened", round=opened)
