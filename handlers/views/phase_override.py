"""The reason for moving a revision on past unmet conditions (``Flyt alligevel``)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of


class ReasonMissing(InvalidInput):
    block = Block.PHASE_REASON.value


def submit_phase_override(ack: Ack, body: dict, context: BoltContext) -> None:
    """Moved (with the unmet conditions and the reason recorded) before the modal closes; the
    channel is told through the outbox."""
    pogi = pogi_of(context)
    view = body["view"]
    field = view["state"]["values"].get(Block.PHASE_REASON.value, {})
    element: dict[str, Any] = next(iter(field.values()), {})
    reason = (element.get("value") or "").strip()
    if not reason:
        raise ReasonMissing(N_("Skriv en begrundelse."))
    channel_id, from_phase = view["private_metadata"].split("|", 1)
    revisions.advance_phase(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel_id,
        from_phase=from_phase,
        now=now_of(context),
        reason=reason,
    )
    tr = tr_of(context)
    ack(
        response_action="update",
        view=pogi.render(
            "modal_done",
            tr=tr,
            title=tr(N_("Flyt alligevel")),
            lines=[tr(N_("Revisionen er flyttet, og begrundelsen er registreret."))],
        ),
    )
    pogi.kick()
