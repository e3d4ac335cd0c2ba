"""``Lanceret`` on the message that tells the ambassadors a goal was approved."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond

from bot.domain import revisions
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def launched(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    pogi = pogi_of(context)
    vote_id = number_or_refuse(
        body["actions"][0].get("value"), N_("Knappen er ikke gyldig længere.")
    )
    revision = revisions.confirm_launch(
        pogi.db,
        actor=actor_of(context),
        vote_id=vote_id,
        now=now_of(context),
        working=pogi.settings.working_hours,
    )
    pogi.kick()
    ack()
    respond(
        replace_original=True,
        **pogi.render("launch_confirmed", tr=tr_of(context), revision=revision, by=context.user_id),
    )
