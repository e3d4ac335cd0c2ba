"""The travelling team's buttons: ``Bekræft`` under a proposed workshop or kickoff meeting,
``Referat`` after a kickoff meeting, ``Godkend`` and ``Kommentér`` under a plan, ``Færdig``
beside an activity, ``Evaluér`` after the closing workshop, the next step of a good example."""

from __future__ import annotations

import json
from datetime import datetime

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.errors import InvalidInput
from bot.domain.travel import activities, evaluation, examples, kickoff, plans
from bot.domain.travel import meetings as travel_meetings
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.events.home import publish_home
from handlers.parsing import number_or_refuse

GONE = N_("Mødet findes ikke længere.")
PLAN_GONE = N_("Aktivitetsplanen findes ikke længere.")


def meeting_value(proposal: travel_meetings.TravelProposal) -> str:
    """The ``Bekræft`` button's value: enough to book the proposal, and its name."""
    return json.dumps(
        {
            "c": proposal.channel_id,
            "k": proposal.kind,
            "o": proposal.organisation_id,
            "p": proposal.place,
            "s": proposal.starts_at.isoformat(),
            "e": proposal.ends_at.isoformat(),
            "n": proposal.nonce,
        },
        ensure_ascii=False,
    )


def confirm_travel_meeting(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    pogi = pogi_of(context)
    try:
        data = json.loads(str(body["actions"][0].get("value", "")))
        starts_at = datetime.fromisoformat(data["s"])
        ends_at = datetime.fromisoformat(data["e"])
        organisation = data.get("o")
        fields = (str(data["c"]), str(data["k"]), str(data.get("p") or ""), str(data["n"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput(GONE) from None
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidInput(GONE)
    channel_id, kind, place, nonce = fields
    meeting = travel_meetings.confirm(
        pogi.db,
        actor=actor_of(context),
        channel_id=channel_id,
        kind=kind,
        organisation_id=organisation if isinstance(organisation, int) else None,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        nonce=nonce,
        now=now_of(context),
        reminders=pogi.settings.pogi_meeting_reminders,
        working=pogi.settings.working_hours,
    )
    ack()
    pogi.kick()
    tr = tr_of(context)
    line = tr(
        N_("Mødet er indkaldt som møde %(number)s, og indkaldelsen lægges i kanalen."),
        number=meeting.number,
    )
    respond(replace_original=True, **pogi.render("notice", tr=tr, lines=[line]))


def open_kickoff_minutes(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """``Referat`` after a kickoff meeting: the minutes form."""
    pogi = pogi_of(context)
    minutes = kickoff.minutes_form(
        pogi.db,
        actor=actor_of(context),
        meeting_id=number_or_refuse(body["actions"][0].get("value"), GONE),
    )
    ack()
    view = pogi.render("travel/kickoff_minutes_modal", tr=tr_of(context), minutes=minutes)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _answer(
    body: dict,
    context: BoltContext,
    client: WebClient,
    respond: Respond,
    line: str,
    *,
    replace: bool,
) -> None:
    """Beside the message clicked, or by direct message and a fresh App Home when the click
    came from the Home tab (which has no response URL)."""
    pogi = pogi_of(context)
    notice = pogi.render("notice", tr=tr_of(context), lines=[line])
    if body.get("response_url"):
        respond(replace_original=replace, **notice)
    else:
        client.chat_postMessage(channel=actor_of(context).user_id, **notice)
    if body.get("view", {}).get("type") == "home":
        publish_home(context, client)


def approve_plan(
    ack: Ack, body: dict, context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """``Godkend`` under a plan sent to the organisation: recorded before the acknowledgement."""
    pogi = pogi_of(context)
    plan = plans.approve(
        pogi.db,
        actor=actor_of(context),
        plan_id=number_or_refuse(body["actions"][0].get("value"), PLAN_GONE),
        now=now_of(context),
        zone=pogi.settings.timezone,
        reminders=pogi.settings.pogi_homework_reminders,
        working=pogi.settings.working_hours,
    )
    ack()
    pogi.kick()
    tr = tr_of(context)
    line = tr(
        N_(
            "Du har godkendt aktivitetsplan og samarbejdsaftale for %(organisation)s, version "
            "%(version)s. Aktiviteterne går i gang."
        ),
        organisation=plan.organisation,
        version=plan.version,
    )
    _answer(body, context, client, respond, line, replace=True)


def open_plan_comment(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """``Kommentér`` under a plan: the form for the organisation's comments."""
    pogi = pogi_of(context)
    plan = plans.comment_form(
        pogi.db,
        actor=actor_of(context),
        plan_id=number_or_refuse(body["actions"][0].get("value"), PLAN_GONE),
    )
    ack()
    view = pogi.render("travel/plan_comment_modal", tr=tr_of(context), plan=plan)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def activity_done(
    ack: Ack, body: dict, context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """``Færdig`` beside an activity: by its owner or an adviser."""
    pogi = pogi_of(context)
    activity = activities.done(
        pogi.db,
        actor=actor_of(context),
        activity_id=number_or_refuse(
            body["actions"][0].get("value"), N_("Aktiviteten findes ikke længere.")
        ),
        now=now_of(context),
    )
    ack()
    pogi.kick()
    tr = tr_of(context)
    line = tr(N_("Aktiviteten *%(title)s* er meldt færdig."), title=activity.title)
    _answer(body, context, client, respond, line, replace=False)


def open_evaluation(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """``Evaluér`` after the closing workshop: the evaluation form."""
    pogi = pogi_of(context)
    form = evaluation.form(
        pogi.db,
        actor=actor_of(context),
        participant_id=number_or_refuse(
            body["actions"][0].get("value"),
            N_("Organisationen deltager ikke længere i rejseholdet."),
        ),
    )
    ack()
    view = pogi.render("travel/evaluation_modal", tr=tr_of(context), form=form)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def example_step(ack: Ack, body: dict, context: BoltContext, respond: Respond) -> None:
    """``Næste: …`` under a good example: moved on, and the message shows where it stands."""
    pogi = pogi_of(context)
    refusal = N_("Eksemplet findes ikke længere.")
    number, _, stage = str(body["actions"][0].get("value", "")).partition(":")
    example = examples.step(
        pogi.db,
        actor=actor_of(context),
        example_id=number_or_refuse(number, refusal),
        stage=stage,
        now=now_of(context),
    )
    ack()
    respond(
        replace_original=True,
        **pogi.render("travel/example", tr=pogi.public_tr, example=example),
    )
