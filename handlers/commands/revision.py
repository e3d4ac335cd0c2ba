"""``/pogi revision start GOAL`` (secretariat): bind this channel to a new revision."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import unescape


def revision_command(cmd: Command) -> Answer:
    if cmd.sub() != "start":
        raise InvalidInput(
            N_("Brug `/pogi revision start MÅL`, fx `/pogi revision start Rengøring`.")
        )
    revision = revisions.start_revision(
        cmd.pogi.db,
        actor=cmd.actor,
        goal=unescape(" ".join(cmd.args[1:])),
        channel_id=cmd.channel_id,
        now=cmd.now,
    )
    return cmd.announce("revision_started", revision=revision, by=cmd.user_id)
