"""The organisation's answer on a launched goal, with its optional note."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain import uptake
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse

EXPIRED = N_("Formularen er ikke gyldig længere.")


def submit_answer(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    revision, _, status = str(view.get("private_metadata", "")).partition(":")
    field = view["state"]["values"].get(Block.UPTAKE_NOTE.value, {})
    element: dict[str, Any] = next(iter(field.values()), {})
    form = uptake.answer(
        pogi.db,
        actor=actor_of(context),
        revision_id=number_or_refuse(revision, EXPIRED),
        status=status,
        note=element.get("value") or "",
        now=now_of(context),
    )
    tr = pogi.translator(form.locale) if form.locale else tr_of(context)
    line = tr(
        N_("Svaret er gemt: %(organisation)s har svaret »%(status)s« om indkøbsmålet %(goal)s."),
        organisation=form.organisation,
        status=tr(form.status_name),
        goal=form.goal,
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Implementering")), lines=[line]),
    )
