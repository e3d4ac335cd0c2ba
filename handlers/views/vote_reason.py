"""The short reason a voter gives for their seat's ballot."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain import votes
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def submit_reason(ack: Ack, body: dict, context: BoltContext) -> None:
    """Stored (or removed, when the field is left empty) before the modal closes."""
    pogi = pogi_of(context)
    view = body["view"]
    field = view["state"]["values"].get(Block.VOTE_REASON.value, {})
    element: dict[str, Any] = next(iter(field.values()), {})
    form = votes.give_reason(
        pogi.db,
        voter=context.user_id or "",
        vote_id=number_or_refuse(view["private_metadata"], N_("Afstemningen findes ikke.")),
        reason=element.get("value") or "",
        now=now_of(context),
    )
    tr = pogi.translator(form.locale) if form.locale else tr_of(context)
    line = (
        tr(N_("Begrundelsen er gemt for %(organisation)s."), organisation=form.organisation)
        if form.reason
        else tr(
            N_("Der er ingen begrundelse for %(organisation)s."), organisation=form.organisation
        )
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Begrundelse")), lines=[line]),
    )
