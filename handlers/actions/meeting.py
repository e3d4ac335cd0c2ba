"""``Bekræft``/``Annullér`` under a proposed meeting, and ``Referat`` after a meeting."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import meetings
from bot.presentation.i18n import N_


def confirm_meeting(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """Stored with its announcement and reminders before the click is acknowledged."""
    pogi = context["pogi"]
    meeting = meetings.confirm(
        pogi.db,
        actor=context["actor"],
        proposal_value=body["actions"][0]["value"],
        now=context["now"],
        reminders=pogi.settings.pogi_meeting_reminders,
    )
    ack()
    pogi.kick()
    tr = context["tr"]
    respond(
        replace_original=True,
        **pogi.render(
            "notice",
            tr=tr,
            lines=[
                tr(
                    N_("Mødet er indkaldt som møde %(number)s og meldes ud i kanalen."),
                    number=meeting.number,
                )
            ],
        ),
    )


def discard_meeting(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = context["tr"]
    respond(
        replace_original=True,
        **context["pogi"].render("notice", tr=tr, lines=[tr(N_("Mødet er ikke indkaldt."))]),
    )


def open_minutes(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = context["pogi"]
    meeting, organisations = meetings.minutes_form(
        pogi.db, actor=context["actor"], meeting_id=int(body["actions"][0]["value"])
    )
    ack()
    view = pogi.render(
        "minutes_modal",
        tr=context["tr"],
        meeting=meeting,
        organisations=organisations,
        minutes=None,
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)
