"""The travelling team's forms: a kickoff meeting's minutes, the plan and the comments on it,
the evaluation."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext

from bot.domain.travel import evaluation, kickoff, plans
from bot.ids import Block
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse


def submit_kickoff_minutes(ack: Ack, body: dict, context: BoltContext) -> None:
    """Kept before the modal closes; posted in the round's channel through the outbox."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    chosen = _first(values, Block.TRAVEL_HEAD_PRESENT).get("selected_option") or {}
    minutes = kickoff.record_minutes(
        pogi.db,
        actor=actor_of(context),
        meeting_id=number_or_refuse(view["private_metadata"], N_("Mødet findes ikke længere.")),
        head_present=chosen.get("value") == "yes",
        attendees=_text(values, Block.TRAVEL_ATTENDEES),
        ideas=_text(values, Block.TRAVEL_IDEAS),
        activities=_text(values, Block.TRAVEL_AGREED),
        now=now_of(context),
    )
    tr = tr_of(context)
    line = (
        tr(N_("Referatet er gemt og deles i kanalen."))
        if minutes.head_present
        else tr(
            N_(
                "Referatet er gemt og deles i kanalen. Indkøbschefen deltog ikke, så der skal "
                "holdes et nyt opstartsmøde."
            )
        )
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Referat")), lines=[line]),
    )
    pogi.kick()


def _first(values: dict, block: Block) -> dict:
    actions = values.get(block.value) or {}
    return next(iter(actions.values()), {})


def _text(values: dict, block: Block) -> str:
    return str(_first(values, block).get("value") or "")


PLAN_FIELDS = {"activities": Block.TRAVEL_ACTIVITIES, "agreement": Block.TRAVEL_AGREEMENT}


def submit_plan(ack: Ack, body: dict, context: BoltContext) -> None:
    """A new version of the plan, sent to the organisation before the modal closes; a line
    pogi cannot read is shown under the field it is in."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    tr = tr_of(context)
    try:
        plan = plans.send(
            pogi.db,
            actor=actor_of(context),
            participant_id=number_or_refuse(
                view["private_metadata"], N_("Organisationen deltager ikke længere i rejseholdet.")
            ),
            activities=_text(values, Block.TRAVEL_ACTIVITIES),
            agreement=_text(values, Block.TRAVEL_AGREEMENT),
            now=now_of(context),
            zone=pogi.settings.timezone,
            language=tr.language,
        )
    except plans.PlanProblem as problem:
        problem.block = PLAN_FIELDS[problem.field].value
        raise
    line = tr(
        N_(
            "Version %(version)s af aktivitetsplan og samarbejdsaftale er sendt til "
            "kontaktpersonen og indkøbschefen hos %(organisation)s."
        ),
        version=plan.version,
        organisation=plan.organisation,
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Aktivitetsplan")), lines=[line]),
    )
    pogi.kick()


def submit_plan_comment(ack: Ack, body: dict, context: BoltContext) -> None:
    """The organisation's comments, sent to the advisers in the round's channel."""
    pogi = pogi_of(context)
    view = body["view"]
    plan = plans.comment(
        pogi.db,
        actor=actor_of(context),
        plan_id=number_or_refuse(
            view["private_metadata"], N_("Aktivitetsplanen findes ikke længere.")
        ),
        given=_text(view["state"]["values"], Block.TRAVEL_COMMENT),
        now=now_of(context),
    )
    tr = tr_of(context)
    line = tr(
        N_("Jeres bemærkninger til version %(version)s er sendt til rådgiverne."),
        version=plan.version,
    )
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Bemærkninger")), lines=[line]),
    )
    pogi.kick()


def submit_evaluation(ack: Ack, body: dict, context: BoltContext) -> None:
    """A rating per question (the form's blocks ``travel_rating_KEY``) and free text."""
    pogi = pogi_of(context)
    view = body["view"]
    values = view["state"]["values"]
    prefix = Block.TRAVEL_RATING.value
    ratings = {
        block_id[len(prefix) :]: str((chosen.get("selected_option") or {}).get("value") or "")
        for block_id, actions in values.items()
        if block_id.startswith(prefix)
        for chosen in actions.values()
    }
    form = evaluation.record(
        pogi.db,
        actor=actor_of(context),
        participant_id=number_or_refuse(
            view["private_metadata"], N_("Organisationen deltager ikke længere i rejseholdet.")
        ),
        ratings=ratings,
        comment=_text(values, Block.TRAVEL_EVALUATION_TEXT),
        now=now_of(context),
    )
    tr = tr_of(context)
    line = tr(N_("Tak. Evalueringen fra %(organisation)s er gemt."), organisation=form.organisation)
    ack(
        response_action="update",
        view=pogi.render("modal_done", tr=tr, title=tr(N_("Evaluering")), lines=[line]),
    )
