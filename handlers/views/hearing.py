"""Hearing modals: an answer, the working group's reply, an answer registered from e-mail."""

from __future__ import annotations

from datetime import date

from slack_bolt import Ack, BoltContext

from bot.domain import hearings
from bot.domain.errors import InvalidInput
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


class FieldProblem(InvalidInput):
    """A problem shown at the field, with the user's text kept in the modal."""

    def __init__(self, block: Block, message: str) -> None:
        super().__init__(message)
        self.block = block.value


def _value(values: dict, block: Block) -> dict:
    return next(iter((values.get(block.value) or {}).values()), {})


def _done(context: BoltContext, ack: Ack, title: str, line: str) -> None:
    pogi, tr = pogi_of(context), tr_of(context)
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(title), lines=[line]),
    )


def submit_answer(ack: Ack, body: dict, context: BoltContext) -> None:
    """Stored before the modal closes; a problem keeps the text and shows at its field."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    hearing_id, _, organisation = str(view.get("private_metadata", "")).partition("|")
    chosen = (_value(values, Block.HEARING_ORGANISATION).get("selected_option") or {}).get("value")
    text = _value(values, Block.HEARING_TEXT).get("value") or ""
    if not text.strip():
        raise FieldProblem(Block.HEARING_TEXT, N_("Skriv høringssvaret."))
    answer = hearings.submit_answer(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(hearing_id, N_("Høringen findes ikke.")),
        organisation=organisation or chosen,
        text=text,
        url=_value(values, Block.HEARING_URL).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    _done(
        context,
        ack,
        N_("Høringssvar"),
        tr(
            N_(
                "Tak. Høringssvaret fra %(organisation)s er modtaget (version %(version)s). Du kan "
                "rette det indtil fristen."
            ),
            organisation=answer.organisation,
            version=answer.version,
        ),
    )


def submit_reply(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    hearing_id, _, organisation = str(view.get("private_metadata", "")).partition("|")
    comment = _value(values, Block.REPLY_COMMENT).get("value") or ""
    if not comment.strip():
        raise FieldProblem(Block.REPLY_COMMENT, N_("Skriv arbejdsgruppens bemærkninger."))
    decision = (_value(values, Block.REPLY_DECISION).get("selected_option") or {}).get("value")
    if decision not in hearings.DECISIONS:
        raise FieldProblem(
            Block.REPLY_DECISION, N_("Vælg, om høringssvaret imødekommes helt, delvist eller ikke.")
        )
    hearings.reply(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(hearing_id, N_("Høringen findes ikke.")),
        organisation=organisation,
        comment=comment,
        decision=decision,
        reason=_value(values, Block.REPLY_REASON).get("value") or "",
        change=_value(values, Block.REPLY_CHANGE).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    _done(
        context,
        ack,
        N_("Behandl høringssvar"),
        tr(
            N_("Arbejdsgruppens bemærkning til %(organisation)s er gemt."),
            organisation=organisation,
        ),
    )


def submit_registration(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    party = (_value(values, Block.HEARING_ORGANISATION).get("selected_option") or {}).get("value")
    if not party:
        raise FieldProblem(Block.HEARING_ORGANISATION, N_("Vælg høringsparten."))
    received = _value(values, Block.HEARING_RECEIVED).get("selected_date")
    if not received:
        raise FieldProblem(Block.HEARING_RECEIVED, N_("Vælg den dato, svaret blev modtaget."))
    text = _value(values, Block.HEARING_TEXT).get("value") or ""
    if not text.strip():
        raise FieldProblem(Block.HEARING_TEXT, N_("Skriv høringssvaret."))
    answer = hearings.register_answer(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(view["private_metadata"], N_("Høringen findes ikke.")),
        organisation=party,
        received_on=date.fromisoformat(received),
        text=text,
        url=_value(values, Block.HEARING_URL).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    _done(
        context,
        ack,
        N_("Registrér høringssvar"),
        tr(
            N_("Høringssvaret fra %(organisation)s er registreret."),
            organisation=answer.organisation,
        ),
    )
