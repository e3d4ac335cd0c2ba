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


def field_value(values: dict, block: Block) -> dict:
    """The one element's state in ``block``, or ``{}``."""
    return next(iter((values.get(block.value) or {}).values()), {})


def done(context: BoltContext, ack: Ack, title: str, line: str) -> None:
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
    chosen = (field_value(values, Block.HEARING_ORGANISATION).get("selected_option") or {}).get(
        "value"
    )
    text = field_value(values, Block.HEARING_TEXT).get("value") or ""
    if not text.strip():
        raise FieldProblem(Block.HEARING_TEXT, N_("Skriv høringssvaret."))
    answer = hearings.submit_answer(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(hearing_id, N_("Høringen findes ikke.")),
        organisation=organisation or chosen,
        text=text,
        url=field_value(values, Block.HEARING_URL).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    done(
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
    comment = field_value(values, Block.REPLY_COMMENT).get("value") or ""
    no_comments = bool(field_value(values, Block.REPLY_NO_COMMENTS).get("selected_options"))
    if not comment.strip() and not no_comments:
        raise FieldProblem(Block.REPLY_COMMENT, hearings.REMARKS_MISSING)
    decision = (field_value(values, Block.REPLY_DECISION).get("selected_option") or {}).get("value")
    if decision is None and no_comments:
        decision = hearings.NOTED
    if decision not in hearings.DECISIONS:
        raise FieldProblem(Block.REPLY_DECISION, hearings.DECISION_MISSING)
    hearings.reply(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(hearing_id, N_("Høringen findes ikke.")),
        organisation=organisation,
        comment=comment,
        decision=decision,
        reason=field_value(values, Block.REPLY_REASON).get("value") or "",
        change=field_value(values, Block.REPLY_CHANGE).get("value") or "",
        now=now_of(context),
        no_comments=no_comments,
    )
    tr = tr_of(context)
    done(
        context,
        ack,
        N_("Behandl høringssvar"),
        tr(
            N_("Arbejdsgruppens bemærkninger til %(organisation)s er gemt."),
            organisation=organisation,
        ),
    )


def submit_registration(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    party = (field_value(values, Block.HEARING_ORGANISATION).get("selected_option") or {}).get(
        "value"
    )
    if not party:
        raise FieldProblem(Block.HEARING_ORGANISATION, N_("Vælg høringsparten."))
    received = field_value(values, Block.HEARING_RECEIVED).get("selected_date")
    if not received:
        raise FieldProblem(Block.HEARING_RECEIVED, N_("Vælg den dato, svaret blev modtaget."))
    text = field_value(values, Block.HEARING_TEXT).get("value") or ""
    if not text.strip():
        raise FieldProblem(Block.HEARING_TEXT, N_("Skriv høringssvaret."))
    answer = hearings.register_answer(
        pogi.db,
        actor=actor_of(context),
        hearing_id=number_or_refuse(view["private_metadata"], N_("Høringen findes ikke.")),
        organisation=party,
        received_on=date.fromisoformat(received),
        text=text,
        url=field_value(values, Block.HEARING_URL).get("value") or "",
        now=now_of(context),
    )
    tr = tr_of(context)
    done(
        context,
        ack,
        N_("Registrér høringssvar"),
        tr(
            N_("Høringssvaret fra %(organisation)s er registreret."),
            organisation=answer.organisation,
        ),
    )
