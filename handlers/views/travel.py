"""The travelling team's forms: a kickoff meeting's minutes."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain.travel import kickoff
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def submit_kickoff_minutes(ack: Ack, body: dict, context: BoltContext) -> None:
    """Kept before the modal closes; posted in the round's channel through the outbox."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    chosen = _first(values, Block.TRAVEL_HEAD_PRESENT).get("selected_option") or {}
    minutes = kickoff.record_minutes(
        pogi.db,
        actor=actor_of(context),
        meeting_id=number_or_refuse(view["private_metadata"], N_("Mødet findes ikke længere.")),
        head_present=chosen.get("value") == "yes",
        attendees=_text(values, Block.TRAVEL_ATTENDEES),
        ideas=_text(values, Block.TRAVEL_IDEAS),
        activities=_text(values, Block.TRAVEL_AGREED),
        now=now_of(context),
    )
    tr = tr_of(context)
    line = (
        tr(N_("Referatet er gemt og deles i kanalen."))
        if minutes.head_present
        else tr(
            N_(
                "Referatet er gemt og deles i kanalen. Indkøbschefen deltog ikke, så der skal "
                "holdes et nyt opstartsmøde."
            )
        )
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Referat")), lines=[line]),
    )
    pogi.kick()


def _first(values: dict, block: Block) -> dict:
    actions = values.get(block.value) or {}
    return next(iter(actions.values()), {})


def _text(values: dict, block: Block) -> str:
    return str(_first(values, block).get("value") or "")
