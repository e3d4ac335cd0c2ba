"""The reason for opening a vote outside the spring meeting."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain import revisions, votes
from bot.domain.errors import InvalidInput
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import read_vote_request


class ReasonMissing(InvalidInput):
    block = Block.OVERRIDE_REASON.value


def submit_override(ack: Ack, body: dict, context: BoltContext) -> None:
    """Opened (with the reason recorded and shown) before the modal closes."""
    pogi = pogi_of(context)
    view = body["view"]
    field = view["state"]["values"].get(Block.OVERRIDE_REASON.value, {})
    element: dict[str, Any] = next(iter(field.values()), {})
    reason = (element.get("value") or "").strip()
    if not reason:
        raise ReasonMissing(N_("Skriv en begrundelse."))
    channel = revisions.steering_channel(pogi.db) or ""
    wanted = read_vote_request(view["private_metadata"])
    opened = votes.open_vote(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel,
        subject=wanted.subject,
        proposal=wanted.proposal,
        hidden=wanted.hidden,
        now=now_of(context),
        override_reason=reason,
        quorum=pogi.settings.pogi_vote_quorum,
        zone=pogi.settings.timezone,
    )
    tr = tr_of(context)
    confirmation = pogi.render("vote_opened", tr=tr, vote=opened)
    ack(
        response_action="update",
        view=pogi.render(
            "modal_done", tr=tr, title=tr(N_("Åbn afstemning")), lines=[confirmation["text"]]
        ),
    )
    pogi.kick()
