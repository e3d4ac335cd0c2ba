"""The ``Bekræft``/``Annullér`` buttons under ``/pogi fase næste``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond

from bot.domain import revisions
from bot.presentation.i18n import N_


def confirm_phase(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """Move on (the service refuses a second click), then tell the channel."""
    pogi = context["pogi"]
    channel_id, from_phase = body["actions"][0]["value"].split("|", 1)
    overview = revisions.advance_phase(
        pogi.db,
        actor=context["actor"],
        channel_id=channel_id,
        from_phase=from_phase,
        now=context["now"],
    )
    ack()
    respond(delete_original=True)
    announcement = pogi.render("phase_moved", tr=pogi.public_tr, phase=overview, by=context.user_id)
    respond(response_type="in_channel", replace_original=False, **announcement)


def cancel_phase(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = context["tr"]
    respond(
        replace_original=True,
        **context["pogi"].render("notice", tr=tr, lines=[tr(N_("Fasen er uændret."))]),
    )
