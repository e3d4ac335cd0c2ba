"""``Bekræft``/``Annullér`` under a proposed meeting, and ``Referat`` after a meeting."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import meetings
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


@dataclass(frozen=True)
class Booking:
    """What the ``Bekræft`` button under a proposal carries: enough to book it, and its name."""

    channel_id: str
    starts_at: datetime
    ends_at: datetime
    title: str
    nonce: str | None
    poll_id: int | None = None


def confirm_value(proposal: meetings.Proposal) -> str:
    """The ``Bekræft`` button's value for ``proposal`` (read back by :func:`read_booking`)."""
    value: dict[str, object] = {
        "c": proposal.channel_id,
        "s": proposal.starts_at.isoformat(),
        "e": proposal.ends_at.isoformat(),
        "t": proposal.title,
        "n": proposal.nonce,
    }
    if proposal.poll_id is not None:
        value["p"] = proposal.poll_id
    return json.dumps(value, ensure_ascii=False)


def read_booking(value: str) -> Booking:
    """The ``Bekræft`` button's value; a button from before proposals were named has no
    nonce. A value pogi did not write is refused in words."""
    try:
        data = json.loads(value)
        booking = Booking(
            channel_id=str(data["c"]),
            starts_at=datetime.fromisoformat(data["s"]),
            ends_at=datetime.fromisoformat(data["e"]),
            title=str(data["t"]),
            nonce=str(data.get("n") or "") or None,
            poll_id=int(data["p"]) if data.get("p") is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput(N_("Mødet findes ikke længere.")) from None
    if booking.starts_at.tzinfo is None or booking.ends_at.tzinfo is None:
        raise InvalidInput(N_("Mødet findes ikke længere."))
    return booking


def confirm_meeting(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """Stored with its announcement and reminders before the click is acknowledged."""
    pogi = pogi_of(context)
    booking = read_booking(str(body["actions"][0].get("value", "")))
    meeting = meetings.confirm(
        pogi.db,
        actor=actor_of(context),
        channel_id=booking.channel_id,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        title=booking.title,
        nonce=booking.nonce,
        now=now_of(context),
        reminders=pogi.settings.pogi_meeting_reminders,
        working=pogi.settings.working_hours,
        poll_id=booking.poll_id,
    )
    ack()
    pogi.kick()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi.render(
            "notice",
            tr=tr,
            lines=[
                tr(
                    N_("Mødet er indkaldt som møde %(number)s, og indkaldelsen lægges i kanalen."),
                    number=meeting.number,
                )
            ],
        ),
    )


def discard_meeting(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi_of(context).render("notice", tr=tr, lines=[tr(N_("Mødet blev ikke indkaldt."))]),
    )


def open_minutes(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = pogi_of(context)
    meeting, organisations = meetings.minutes_form(
        pogi.db,
        actor=actor_of(context),
        meeting_id=number_or_refuse(
            body["actions"][0].get("value"), N_("Mødet findes ikke længere.")
        ),
    )
    ack()
    view = pogi.render(
        "minutes_modal",
        tr=tr_of(context),
        meeting=meeting,
        organisations=organisations,
        minutes=None,
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)
