"""The consultation memo's forms: its own text (case number, unit, introduction, other changes,
the further course) and a theme with the answers it summarises."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain import hearings
from bot.ids import Block
from bot.presentation.i18n import N_
from bot.presentation.text import plural
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse
from handlers.views.hearing import FieldProblem, done, field_value

GONE = N_("Revisionen findes ikke længere.")


def _text(values: dict, block: Block) -> str:
    return field_value(values, block).get("value") or ""


def submit_memo_details(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    hearings.save_details(
        pogi.db,
        actor=actor_of(context),
        revision_id=number_or_refuse(view.get("private_metadata"), GONE),
        details=hearings.MemoDetails(
            case_number=_text(values, Block.MEMO_CASE_NUMBER),
            unit=_text(values, Block.MEMO_UNIT),
            introduction=_text(values, Block.MEMO_INTRODUCTION),
            other_changes=_text(values, Block.MEMO_OTHER_CHANGES),
            further_course=_text(values, Block.MEMO_FURTHER_COURSE),
        ),
        now=now_of(context),
    )
    tr = tr_of(context)
    done(
        context,
        ack,
        N_("Høringsnotat"),
        tr(
            N_(
                "Oplysningerne til høringsnotatet er gemt. De kommer med, næste gang det "
                "udarbejdes."
            )
        ),
    )


def submit_theme(ack: Ack, body: dict, context: BoltContext) -> None:
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    revision, _, number = str(view.get("private_metadata", "")).partition("|")
    title = _text(values, Block.THEME_TITLE)
    if not title.strip():
        raise FieldProblem(Block.THEME_TITLE, N_("Giv temaet en overskrift."))
    chosen = field_value(values, Block.THEME_ANSWERS).get("selected_options") or []
    answers = []
    for item in chosen:
        hearing_id, _, organisation = str(item.get("value", "")).partition("|")
        answers.append((number_or_refuse(hearing_id, N_("Høringen findes ikke.")), organisation))
    decision = (field_value(values, Block.THEME_DECISION).get("selected_option") or {}).get(
        "value"
    ) or ""
    theme = hearings.save_theme(
        pogi.db,
        actor=actor_of(context),
        revision_id=number_or_refuse(revision, GONE),
        number=number_or_refuse(number, N_("Temaet findes ikke.")) if number else None,
        theme=hearings.ThemeInput(
            title=title,
            summary=_text(values, Block.THEME_SUMMARY),
            remarks=_text(values, Block.THEME_REMARKS),
            decision=decision,
            change=_text(values, Block.THEME_CHANGE),
            answers=tuple(answers),
        ),
        now=now_of(context),
    )
    tr = tr_of(context)
    done(
        context,
        ack,
        N_("Tema i høringsnotatet"),
        plural(
            "Tema %(number)s, %(title)s, er gemt med %(count)s høringssvar.",
            "Tema %(number)s, %(title)s, er gemt med %(count)s høringssvar.",
            number=theme.number,
            title=theme.title,
            count=len(theme.answers),
        ).render(tr),
    )
