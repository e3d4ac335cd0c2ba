"""``Bekræft`` and ``Spring over`` under the coordinator proposed by rotation."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import revisions
from bot.domain.revisions.rotation import REFUSAL
from handlers.context import actor_of, now_of, pogi_of, tr_of


def confirm_coordinator(
    ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond
) -> None:
    """Appointed as the next in turn, then told to the channel."""
    pogi = pogi_of(context)
    channel_id, user_id = body["actions"][0]["value"].split("|", 1)
    overview = revisions.appoint_coordinator(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel_id,
        user_id=user_id,
        now=now_of(context),
        by_rotation=True,
    )
    ack()
    respond(delete_original=True)
    announcement = pogi.render(
        "coordinator_appointed",
        tr=pogi.public_tr,
        group=overview,
        by=context.user_id,
        by_rotation=True,
    )
    respond(response_type="in_channel", replace_original=False, **announcement)


def ask_skip_reason(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """The reason for passing over the one proposed, in a modal; the next in turn is then shown
    where the proposal was."""
    pogi = pogi_of(context)
    actor_of(context).require_secretariat(REFUSAL)
    ack()
    channel_id, user_id = body["actions"][0]["value"].split("|", 1)
    metadata = {"c": channel_id, "u": user_id, "r": body.get("response_url") or ""}
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "coordinator_skip_modal",
            tr=tr_of(context),
            metadata=json.dumps(metadata),
            user_id=user_id,
        ),
    )
