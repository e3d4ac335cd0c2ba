"""``/pogi hjælp``: what you can do here, for your role."""

from __future__ import annotations

from bot.domain import revisions, travel
from handlers.commands.base import Answer, Command


def help_command(cmd: Command, *, unknown: str | None = None) -> Answer:
    here = revisions.revision_here(cmd.pogi.db, channel_id=cmd.channel_id)
    team = travel.round_name_here(cmd.pogi.db, channel_id=cmd.channel_id)
    return cmd.answer(
        "help", person=cmd.actor.person, revision=here, travel_round=team, unknown=unknown
    )
