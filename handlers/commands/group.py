"""``/pogi gruppe``, ``gruppe add @a @b …``, ``gruppe remove @a``; ``/pogi tovholder [@x]``."""

from __future__ import annotations

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import mention, split_mentions

ADD = ("add", "tilføj")
REMOVE = ("remove", "fjern")


def group_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    if not sub:
        overview = revisions.group_overview(cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id)
        return cmd.answer("group", group=overview)
    if sub not in ADD + REMOVE:
        raise InvalidInput(
            N_("Brug `/pogi gruppe`, `/pogi gruppe add @navn …` eller `/pogi gruppe remove @navn`.")
        )
    users, rest = split_mentions(cmd.args[1:])
    if not users or rest:
        raise InvalidInput(
            N_("Nævn de personer, det drejer sig om, med @, fx `/pogi gruppe add @anne @bo`.")
        )
    change = revisions.change_group(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        add=users if sub in ADD else [],
        remove=users if sub in REMOVE else [],
        now=cmd.now,
    )
    if change.added or change.removed:
        return cmd.announce("group_changed", change=change, by=cmd.user_id)
    return cmd.answer("group_changed", change=change, by=cmd.user_id)


def coordinator_command(cmd: Command) -> Answer:
    """``tovholder``: the next in turn, to confirm or skip; ``tovholder @x``: appoint x."""
    if not cmd.args:
        proposal = revisions.propose_coordinator(
            cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id
        )
        return cmd.answer("coordinator_proposal", proposal=proposal)
    user = mention(cmd.args[0]) if len(cmd.args) == 1 else None
    if user is None:
        raise InvalidInput(
            N_(
                "Skriv `/pogi tovholder` for at se, hvem der står for tur, eller nævn "
                "tovholderen med @, fx `/pogi tovholder @anne`."
            )
        )
    overview = revisions.appoint_coordinator(
        cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id, user_id=user, now=cmd.now
    )
    return cmd.announce("coordinator_appointed", group=overview, by=cmd.user_id)
