"""The minutes modal: attendance, decisions and notes."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain import meetings
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def submit_minutes(ack: Ack, body: dict, context: BoltContext) -> None:
    """Kept before the modal closes; posted in the channel through the outbox."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    chosen = _first(values, Block.MINUTES_ATTENDANCE).get("selected_options") or []
    minutes = meetings.record_minutes(
        pogi.db,
        actor=actor_of(context),
        meeting_id=number_or_refuse(view["private_metadata"], N_("Mødet findes ikke længere.")),
        attendance=[option["value"] for option in chosen],
        decisions=_first(values, Block.MINUTES_DECISIONS).get("value") or "",
        notes=_first(values, Block.MINUTES_NOTES).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    ack(
        response_action="update",
        view=pogi.render(
            "modal_done",
            tr=tr,
            title=tr(N_("Referat")),
            lines=[
                tr(
                    N_("Referatet af møde %(number)s er gemt og deles i kanalen."),
                    number=minutes.meeting.number,
                )
            ],
        ),
    )
    pogi.kick()


def _first(values: dict, block: Block) -> dict:
    actions = values.get(block.value) or {}
    return next(iter(actions.values()), {})
