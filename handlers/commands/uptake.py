"""``/pogi implementering`` (``implementation``): a launched goal's uptake here, or every launched
goal's outside a revision's channel."""

from __future__ import annotations

from bot.domain import uptake
from handlers.commands.base import Answer, Command


def uptake_command(cmd: Command) -> Answer:
    here = uptake.uptake_here(cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id)
    return cmd.answer("uptake", uptakes=here)
