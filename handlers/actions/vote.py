"""The vote's buttons: ``For``/``Imod``/``Undlad``, internal approval, and ``Åbn alligevel``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot import votes
from bot.ids import Action

CHOICE = {
    Action.VOTE_FOR.value: votes.FOR,
    Action.VOTE_AGAINST.value: votes.AGAINST,
    Action.VOTE_ABSTAIN.value: votes.ABSTAIN,
}
APPROVAL = {Action.APPROVAL_PENDING.value: votes.PENDING, Action.APPROVAL_GIVEN.value: votes.GIVEN}


def cast_ballot(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """The ballot is stored before the click is acknowledged; the tally is counted from the
    stored ballots, and the vote message follows shortly (one update for a burst of clicks)."""
    pogi = context["pogi"]
    action = body["actions"][0]
    receipt = votes.cast(
        pogi.db,
        actor=context["actor"],
        vote_id=int(action["value"]),
        choice=CHOICE[action["action_id"]],
        now=context["now"],
        quorum=pogi.settings.pogi_vote_quorum,
    )
    ack()
    pogi.kick()
    respond(
        response_type="ephemeral",
        replace_original=False,
        **pogi.render("vote_receipt", tr=context["tr"], receipt=receipt, kind="ballot"),
    )


def mark_approval(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    pogi = context["pogi"]
    action = body["actions"][0]
    receipt = votes.set_approval(
        pogi.db,
        actor=context["actor"],
        vote_id=int(action["value"]),
        state=APPROVAL[action["action_id"]],
        now=context["now"],
        quorum=pogi.settings.pogi_vote_quorum,
    )
    ack()
    pogi.kick()
    respond(
        response_type="ephemeral",
        replace_original=False,
        **pogi.render("vote_receipt", tr=context["tr"], receipt=receipt, kind="approval"),
    )


def ask_override_reason(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = context["pogi"]
    context["actor"].require_secretariat(votes.OPEN_REFUSAL)
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "vote_override_modal", tr=context["tr"], request=body["actions"][0]["value"]
        ),
    )
