"""``Implementeret``, ``I gang``, ``Ikke relevant`` on a launched goal: the form for the
organisation's answer, with an optional note."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.domain import uptake
from bot.ids import Action
from bot.presentation.i18n import N_
from handlers.context import actor_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse

STATUS_OF = {
    Action.UPTAKE_IMPLEMENTED.value: uptake.IMPLEMENTED,
    Action.UPTAKE_IN_PROGRESS.value: uptake.IN_PROGRESS,
    Action.UPTAKE_NOT_RELEVANT.value: uptake.NOT_RELEVANT,
}


def open_answer_form(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    pogi = pogi_of(context)
    clicked = body["actions"][0]
    revision_id = number_or_refuse(clicked.get("value"), N_("Knappen er ikke gyldig længere."))
    form = uptake.answer_form(
        pogi.db,
        actor=actor_of(context),
        revision_id=revision_id,
        status=STATUS_OF.get(clicked.get("action_id", ""), ""),
    )
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render(
            "uptake_modal",
            tr=pogi.translator(form.locale) if form.locale else tr_of(context),
            form=form,
            limit=uptake.NOTE_LIMIT,
        ),
    )
