"""The vote's buttons: ``For``/``Imod``/``Undlad``, internal approval, ``Tilføj begrundelse``
and ``Åbn alligevel``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import votes
from bot.domain.errors import InvalidInput
from bot.ids import Action
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse, read_vote_request, whole_number

CHOICE = {
    Action.VOTE_FOR.value: votes.FOR,
    Action.VOTE_AGAINST.value: votes.AGAINST,
    Action.VOTE_ABSTAIN.value: votes.ABSTAIN,
}
APPROVAL = {Action.APPROVAL_PENDING.value: votes.PENDING, Action.APPROVAL_GIVEN.value: votes.GIVEN}


@dataclass(frozen=True)
class VoteClick:
    """A click on one of the vote's buttons: a ballot, or a seat's internal approval."""

    vote_id: int
    value: str
    ballot: bool


def read_vote_click(body: dict[str, Any]) -> VoteClick:
    """The button's action id says the choice; its value is the vote's id."""
    action = body["actions"][0]
    action_id = action["action_id"]
    vote_id = whole_number(str(action.get("value", "")))
    if vote_id is None:
        raise InvalidInput(N_("Afstemningen findes ikke."))
    if action_id in CHOICE:
        return VoteClick(vote_id, CHOICE[action_id], ballot=True)
    return VoteClick(vote_id, APPROVAL[action_id], ballot=False)


def vote_button(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """The ballot (or approval) is stored before the click is acknowledged: the vote's own
    transaction checks the voter's seat against the roster as stored. The tally is counted from
    the stored ballots, and the vote message follows shortly (one update for a burst of clicks).
    Then the voter gets a receipt only they see, in their language."""
    pogi = pogi_of(context)
    click = read_vote_click(body)
    voter = context.user_id or ""
    if click.ballot:
        receipt = votes.cast(
            pogi.db, voter=voter, vote_id=click.vote_id, choice=click.value, now=now_of(context)
        )
    else:
        receipt = votes.set_approval(
            pogi.db, voter=voter, vote_id=click.vote_id, state=click.value, now=now_of(context)
        )
    ack()
    pogi.kick()
    message = pogi.render(
        "vote_receipt",
        tr=pogi.translator(receipt.locale) if receipt.locale else tr_of(context),
        receipt=receipt.as_data(),
        kind="ballot" if click.ballot else "approval",
    )
    respond(response_type="ephemeral", replace_original=False, **message)


def open_reason_form(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """``Tilføj begrundelse``: the form for the seat's reason, apart from the click that voted."""
    pogi = pogi_of(context)
    vote_id = number_or_refuse(body["actions"][0].get("value"), N_("Afstemningen findes ikke."))
    form = votes.reason_form(pogi.db, voter=context.user_id or "", vote_id=vote_id)
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "vote_reason_modal",
            tr=pogi.translator(form.locale) if form.locale else tr_of(context),
            form=form,
            limit=votes.REASON_LIMIT,
        ),
    )


def ask_override_reason(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    pogi = pogi_of(context)
    actor_of(context).require_secretariat(votes.OPEN_REFUSAL)
    ack()
    request = body["actions"][0]["value"]
    wanted = read_vote_request(request)
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "vote_override_modal",
            tr=tr_of(context),
            request=request,
            subject=wanted.subject,
            proposal=wanted.proposal,
            hidden=wanted.hidden,
        ),
    )


def confirm_close(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """``Luk alligevel``: the vote is closed before its meeting has begun, as confirmed."""
    pogi = pogi_of(context)
    vote_id = number_or_refuse(body["actions"][0].get("value"), N_("Afstemningen findes ikke."))
    vote = votes.close_early(
        pogi.db,
        actor=actor_of(context),
        vote_id=vote_id,
        now=now_of(context),
        quorum=pogi.settings.pogi_vote_quorum,
    )
    ack()
    pogi.kick()
    respond(replace_original=True, **pogi.render("vote_closed", tr=tr_of(context), vote=vote))


def cancel_close(ack: Ack, context: BoltContext, respond: Respond) -> None:
    ack()
    tr = tr_of(context)
    respond(
        replace_original=True,
        **pogi_of(context).render("notice", tr=tr, lines=[tr(N_("Afstemningen er stadig åben."))]),
    )
