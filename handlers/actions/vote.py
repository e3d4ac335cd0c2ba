"""The vote's buttons: ``For``/``Imod``/``Undlad``, internal approval, and ``Åbn alligevel``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.app.afterwards import later
from bot.app.webhooks import Respond
from bot.domain import votes
from bot.ids import Action

CHOICE = {
    Action.VOTE_FOR.value: votes.FOR,
    Action.VOTE_AGAINST.value: votes.AGAINST,
    Action.VOTE_ABSTAIN.value: votes.ABSTAIN,
}
APPROVAL = {Action.APPROVAL_PENDING.value: votes.PENDING, Action.APPROVAL_GIVEN.value: votes.GIVEN}


def vote_button(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """A ballot (``For``/``Imod``/``Undlad``) or a seat's internal approval: stored before the
    click is acknowledged; the tally is counted from the stored ballots, and the vote message
    follows shortly (one update for a burst of clicks). The voter's receipt is handed to the
    courier after the acknowledgement (``bot.app.afterwards``, ``bot.app.courier``)."""
    pogi = context["pogi"]
    action = body["actions"][0]
    ballot = action["action_id"] in CHOICE
    record = votes.cast if ballot else votes.set_approval
    value = CHOICE[action["action_id"]] if ballot else APPROVAL[action["action_id"]]
    receipt = record(
        pogi.db,
        actor=context["actor"],
        vote_id=int(action["value"]),
        now=context["now"],
        quorum=pogi.settings.pogi_vote_quorum,
        **({"choice": value} if ballot else {"state": value}),
    )
    ack()
    pogi.kick()
    data = {"receipt": receipt.as_data(), "kind": "ballot" if ballot else "approval"}
    later(
        lambda: respond.soon(
            "vote_receipt",
            tr=context["tr"],
            data=data,
            response_type="ephemeral",
            replace_original=False,
        )
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
