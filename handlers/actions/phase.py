"""The buttons under ``/pogi fase næste``: ``Bekræft``/``Annullér``, and ``Flyt alligevel``,
which asks for the reason in a modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import revisions
from bot.domain.revisions.phases import ONLY_SECRETARIAT as MOVES_ONLY_BY_SECRETARIAT
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of


def confirm_phase(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """Move on (the service refuses a second click, or conditions unmet since); the channel is
    told through the outbox."""
    pogi = pogi_of(context)
    channel_id, from_phase = body["actions"][0]["value"].split("|", 1)
    revisions.advance_phase(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel_id,
        from_phase=from_phase,
        now=now_of(context),
    )
    ack()
    pogi.kick()
    respond(delete_original=True)


def cancel_phase(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi_of(context).render("notice", tr=tr, lines=[tr(N_("Fasen er uændret."))]),
    )


def ask_phase_reason(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """``Flyt alligevel``: the reason, in a modal (the move happens when it is submitted)."""
    pogi = pogi_of(context)
    actor_of(context).require_secretariat(MOVES_ONLY_BY_SECRETARIAT)
    ack()
    value = body["actions"][0]["value"]
    channel_id = value.split("|", 1)[0]
    overview = revisions.phase_overview(
        pogi.db, actor=actor_of(context), channel_id=channel_id, now=now_of(context)
    )
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render("phase_override_modal", tr=tr_of(context), phase=overview, value=value),
    )
