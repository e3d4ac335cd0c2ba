"""A time poll's buttons: ``Jeg kan`` under each time (toggles), ``Vælg N`` (the time becomes
a meeting proposal, confirmed as any other) and ``Luk forslaget``."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.domain.errors import InvalidInput
from bot.domain.meetings import polls
from bot.presentation.i18n import N_
from handlers.actions.meeting import confirm_value
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse

GONE = N_("Forslaget til mødetidspunkter findes ikke længere.")
CLOSED = N_("Forslaget er lukket uden et møde, og ingen får flere påmindelser om det.")


def read_option(body: dict[str, Any]) -> tuple[int, int]:
    """The button's value: the poll's id and the time's number, ``12:3``."""
    poll, _, option = str(body["actions"][0].get("value", "")).partition(":")
    if not poll.isdigit() or not option.isdigit():
        raise InvalidInput(GONE)
    return int(poll), int(option)


def answer_poll(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """Stored before the click is acknowledged; the poll message follows shortly."""
    pogi = pogi_of(context)
    poll_id, option = read_option(body)
    receipt = polls.answer(
        pogi.db, actor=actor_of(context), poll_id=poll_id, option=option, now=now_of(context)
    )
    ack()
    pogi.kick()
    message = pogi.render("poll_receipt", tr=tr_of(context), receipt=receipt)
    respond(response_type="ephemeral", replace_original=False, **message)


def pick_poll(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """The usual meeting proposal, shown to the one who picked, with ``Bekræft``."""
    pogi = pogi_of(context)
    poll_id, option = read_option(body)
    proposal = polls.pick(
        pogi.db, actor=actor_of(context), poll_id=poll_id, option=option, now=now_of(context)
    )
    ack()
    message = pogi.render(
        "meeting_proposal",
        tr=tr_of(context),
        proposal=proposal,
        confirm_value=confirm_value(proposal),
        alternative_value="",
    )
    respond(response_type="ephemeral", replace_original=False, **message)


def close_poll(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    pogi = pogi_of(context)
    poll_id = number_or_refuse(body["actions"][0].get("value"), GONE)
    polls.close(pogi.db, actor=actor_of(context), poll_id=poll_id, now=now_of(context))
    ack()
    pogi.kick()
    tr = tr_of(context)
    respond(
        response_type="ephemeral",
        replace_original=False,
        **pogi.render("notice", tr=tr, lines=[tr(CLOSED)]),
    )
