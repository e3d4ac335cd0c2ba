"""``/pogi styregruppe her`` (secretariat): this is the steering group's channel."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command


def steering_command(cmd: Command) -> Answer:
    if cmd.sub() not in ("here", "her"):
        current = revisions.steering_channel(cmd.pogi.db)
        if cmd.args:
            raise InvalidInput(N_("Brug `/pogi styregruppe her` i styregruppens kanal."))
        return cmd.answer("steering", current=current, changed=False, previous=None)
    previous = revisions.set_steering_channel(
        cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now
    )
    return cmd.announce("steering", current=cmd.channel_id, changed=True, previous=previous)
