"""The reason for skipping the coordinator proposed by rotation."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain import revisions
from bot.domain.errors import InvalidInput
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of


class SkipReasonMissing(InvalidInput):
    block = Block.SKIP_REASON.value


def submit_skip(ack: Ack, body: dict, context: BoltContext) -> None:
    """The skip is stored with its reason; the proposal is replaced by the next in turn."""
    pogi = pogi_of(context)
    view = body["view"]
    field = view["state"]["values"].get(Block.SKIP_REASON.value, {})
    element: dict[str, Any] = next(iter(field.values()), {})
    reason = (element.get("value") or "").strip()
    if not reason:
        raise SkipReasonMissing(N_("Skriv en begrundelse."))
    metadata = json.loads(view["private_metadata"])
    following = revisions.skip_in_rotation(
        pogi.db,
        actor=actor_of(context),
        channel_id=metadata["c"],
        user_id=metadata["u"],
        reason=reason,
        now=now_of(context),
    )
    ack()
    message = pogi.render("coordinator_proposal", tr=tr_of(context), proposal=following)
    if metadata.get("r"):
        pogi.responses.post(metadata["r"], {"replace_original": True, **message})
