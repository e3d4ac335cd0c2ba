"""A statement for the decision record of a closed vote (protokoltilførsel)."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain import votes
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse
from handlers.views.hearing import FieldProblem, done, field_value


def submit_statement(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    vote_id, _, organisation = str(view.get("private_metadata", "")).partition("|")
    if not organisation:
        chosen = field_value(values, Block.STATEMENT_SEAT).get("selected_option") or {}
        organisation = chosen.get("value") or ""
        if not organisation:
            raise FieldProblem(Block.STATEMENT_SEAT, N_("Vælg organisationen."))
    statement = votes.record_statement(
        pogi.db,
        actor=actor_of(context),
        vote_id=number_or_refuse(vote_id, N_("Afstemningen findes ikke.")),
        organisation=organisation,
        text=field_value(values, Block.STATEMENT_TEXT).get("value") or "",
        now=now_of(context),
        quorum=pogi.settings.pogi_vote_quorum,
    )
    tr = tr_of(context)
    line = (
        tr(
            N_("Bemærkningen fra %(organisation)s er ført til protokollen."),
            organisation=organisation,
        )
        if statement.text
        else tr(
            N_("Bemærkningen fra %(organisation)s er trukket tilbage."), organisation=organisation
        )
    )
    done(context, ack, N_("Protokoltilførsel"), line)
