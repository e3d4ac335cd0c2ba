"""An organisation's activity plan and cooperation agreement: written by the advisers after a
kickoff meeting the head of procurement attended, sent to the organisation's contact and head
of procurement, commented on, sent again as a new version, and approved. Its activities start
only once a version is approved (``bot.domain.travel.activities``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.travel import activities as activity_steps
from bot.domain.travel.access import organisation_of, require_runner, round_here
from bot.domain.travel.meetings import split_organisation
from bot.domain.travel.plan_lines import PlanProblem, read_activities
from bot.domain.travel.views import (
    APPROVED,
    COMMENTED,
    KICKOFF,
    PLAN_APPROVED,
    PLAN_COMMENTED,
    PLAN_SENT,
    REPLACED,
    SENT,
    slack_id,
)
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.queries.meetings import PLANNED
from storage.tables import TravelParticipant, TravelPlan, TravelRound

AGREEMENT_LIMIT = 3000
WHAT = N_("skrive aktivitetsplaner og samarbejdsaftaler")


@dataclass(frozen=True)
class PlanForm:
    participant_id: int
    organisation: str
    version: int
    """The version the form will send."""
    activities: str
    agreement: str
    comments: list[dict[str, str]]


@dataclass(frozen=True)
class PlanActivity:
    title: str
    owner: str
    owner_name: str
    due: date


@dataclass(frozen=True)
class PlanView:
    id: int
    participant_id: int
    organisation: str
    team: str
    channel_id: str
    version: int
    status: str
    activities: list[PlanActivity]
    agreement: str
    comments: list[dict[str, str]]
    sent_by: str
    sent_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    contact: str
    head: str
    latest: bool


def _kickoff_held(session: Session, participant: TravelParticipant) -> str:
    """The activities agreed at the organisation's kickoff meeting, once one was held with its
    head of procurement; refused before."""
    held = [
        travel
        for travel, meeting in travel_queries.round_meetings(session, round_id=participant.round_id)
        if travel.kind == KICKOFF
        and meeting.status == PLANNED
        and travel.organisation_id == participant.organisation_id
        and travel.head_present
    ]
    if not held:
        raise Conflict(
            N_(
                "Aktivitetsplanen skrives efter opstartsmødet, og %(organisation)s har endnu "
                "ikke holdt et opstartsmøde, som indkøbschefen deltog i."
            ),
            organisation=organisation_of(session, participant).name,
        )
    return held[-1].activities or ""


def _lines(activities: list[dict[str, str]] | None) -> str:
    return "\n".join(
        f"{a['title']}; {a['owner_name']}; {date.fromisoformat(a['due']).strftime('%d/%m-%Y')}"
        for a in activities or []
    )


def plan_form(db: Database, *, actor: Actor, channel_id: str, text_given: str) -> PlanForm:
    """``rejsehold plan ORG``: the form, filled in with the latest version (or the activities
    agreed at the kickoff meeting)."""
    with db.reading() as session:
        require_runner(actor, WHAT)
        team = round_here(session, channel_id)
        participant, name, _ = split_organisation(session, team, text_given)
        agreed = _kickoff_held(session, participant)
        plans = travel_queries.plans(session, participant_id=participant.id)
        latest = plans[-1] if plans else None
        if latest is not None and latest.status == APPROVED:
            raise Conflict(
                N_(
                    "Version %(version)s af aktivitetsplanen for %(organisation)s er godkendt, "
                    "og aktiviteterne er i gang."
                ),
                version=latest.version,
                organisation=name,
            )
        return PlanForm(
            participant_id=participant.id,
            organisation=name,
            version=(latest.version + 1) if latest else 1,
            activities=_lines(latest.activities) if latest else agreed,
            agreement=latest.agreement if latest else "",
            comments=list(latest.comments or []) if latest else [],
        )


def send(
    db: Database,
    *,
    actor: Actor,
    participant_id: int,
    activities: str,
    agreement: str,
    now: datetime,
    zone: ZoneInfo,
    language: str | None = None,
) -> PlanView:
    """Store a new version and send it to the organisation's contact and head of procurement;
    the version before it is replaced."""
    with db.transaction() as session:
        require_runner(actor, WHAT)
        participant = session.get(TravelParticipant, participant_id)
        if participant is None or participant.status != travel_queries.ACTIVE:
            raise NotFound(N_("Organisationen deltager ikke længere i rejseholdet."))
        _kickoff_held(session, participant)
        agreement = agreement.strip()
        if not agreement:
            raise PlanProblem("agreement", N_("Skriv samarbejdsaftalen, eller indsæt et link."))
        if len(agreement) > AGREEMENT_LIMIT:
            raise PlanProblem(
                "agreement",
                N_("Samarbejdsaftalen er for lang (højst %(limit)s tegn). Indsæt et link."),
                limit=AGREEMENT_LIMIT,
            )
        items = read_activities(session, activities, now=now, zone=zone, language=language)
        plans = travel_queries.plans(session, participant_id=participant.id)
        latest = plans[-1] if plans else None
        if latest is not None and latest.status == APPROVED:
            raise Conflict(N_("Aktivitetsplanen er allerede godkendt."))
        if latest is not None:
            latest.status = REPLACED
            session.add(latest)
        plan = TravelPlan(
            participant_id=participant.id,
            version=(latest.version + 1) if latest else 1,
            activities=items,
            agreement=agreement,
            status=SENT,
            comments=[],
            sent_by=actor.user_id,
            sent_at=now,
        )
        session.add(plan)
        session.flush()
        subject = f"travel_plan:{plan.id}"
        for person_id in dict.fromkeys((participant.contact_id, participant.head_id)):
            outbox.schedule(
                session,
                kind=PLAN_SENT,
                subject=subject,
                destination=slack_id(session, person_id),
                due_at=now,
                now=now,
            )
        audit.record(
            session,
            actor=actor,
            action="travel.plan_send",
            entity=subject,
            before=None,
            after={"version": plan.version, "activities": items, "agreement": agreement},
            at=now,
        )
        return view_of(session, plan)


def _deciding(session: Session, actor: Actor, plan_id: int) -> tuple[TravelPlan, TravelParticipant]:
    """The plan, once the actor is its organisation's contact or head of procurement."""
    plan = session.get(TravelPlan, plan_id)
    participant = session.get(TravelParticipant, plan.participant_id) if plan else None
    if plan is None or participant is None:
        raise NotFound(N_("Aktivitetsplanen findes ikke længere."))
    actor.in_roster()
    if actor.user_id not in (
        slack_id(session, participant.contact_id),
        slack_id(session, participant.head_id),
    ):
        raise NotAllowed(
            N_(
                "Kun kontaktpersonen og indkøbschefen hos %(organisation)s kan godkende og "
                "kommentere organisationens aktivitetsplan."
            ),
            organisation=organisation_of(session, participant).name,
        )
    if plan.status == APPROVED:
        raise Conflict(
            N_("Version %(version)s er allerede godkendt af <@%(user)s>."),
            version=plan.version,
            user=plan.approved_by or "",
        )
    if plan.status == REPLACED:
        raise Conflict(
            N_("Der er kommet en nyere version af aktivitetsplanen. Brug den i stedet."),
        )
    return plan, participant


def comment_form(db: Database, *, actor: Actor, plan_id: int) -> PlanView:
    """``Kommentér``: the plan the comments are about, once the actor may comment on it."""
    with db.reading() as session:
        plan, _ = _deciding(session, actor, plan_id)
        return view_of(session, plan)


def comment(db: Database, *, actor: Actor, plan_id: int, given: str, now: datetime) -> PlanView:
    """The organisation's comments go back to the advisers, who send a new version."""
    given = given.strip()
    if not given:
        raise InvalidInput(N_("Skriv jeres bemærkninger."))
    if len(given) > AGREEMENT_LIMIT:
        raise InvalidInput(N_("Teksten er for lang (højst %(limit)s tegn)."), limit=AGREEMENT_LIMIT)
    with db.transaction() as session:
        plan, participant = _deciding(session, actor, plan_id)
        plan.comments = [
            *(plan.comments or []),
            {"by": actor.user_id, "at": now.isoformat(), "text": given},
        ]
        plan.status = COMMENTED
        session.add(plan)
        subject = f"travel_plan:{plan.id}"
        team = round_of(session, participant)
        outbox.schedule(
            session,
            kind=PLAN_COMMENTED,
            subject=subject,
            destination=team.channel_id,
            due_at=now,
            data={"by": actor.user_id, "text": given},
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="travel.plan_comment",
            entity=subject,
            before={"status": SENT},
            after={"status": COMMENTED, "comment": given},
            at=now,
        )
        return view_of(session, plan)


def approve(
    db: Database,
    *,
    actor: Actor,
    plan_id: int,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None = None,
) -> PlanView:
    """Approval of a version, with who and when; its activities start."""
    with db.transaction() as session:
        plan, participant = _deciding(session, actor, plan_id)
        if plan.status == COMMENTED:
            raise Conflict(
                N_(
                    "Der er bemærkninger til version %(version)s, så rådgiverne sender en ny "
                    "version, som I kan godkende."
                ),
                version=plan.version,
            )
        plan.status = APPROVED
        plan.approved_by, plan.approved_at = actor.user_id, now
        session.add(plan)
        activity_steps.start(
            session, plan, participant, now=now, zone=zone, reminders=reminders, working=working
        )
        subject = f"travel_plan:{plan.id}"
        outbox.schedule(
            session,
            kind=PLAN_APPROVED,
            subject=subject,
            destination=round_of(session, participant).channel_id,
            due_at=now,
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="travel.plan_approve",
            entity=subject,
            before={"status": SENT, "version": plan.version},
            after={"status": APPROVED, "version": plan.version},
            at=now,
        )
        return view_of(session, plan)


def round_of(session: Session, participant: TravelParticipant) -> TravelRound:
    team = session.get(TravelRound, participant.round_id)
    assert team is not None
    return team


def view_of(session: Session, plan: TravelPlan) -> PlanView:
    participant = session.get(TravelParticipant, plan.participant_id)
    assert participant is not None
    team = round_of(session, participant)
    latest = travel_queries.plans(session, participant_id=participant.id)[-1]
    return PlanView(
        id=plan.id,
        participant_id=participant.id,
        organisation=organisation_of(session, participant).name,
        team=team.name,
        channel_id=team.channel_id,
        version=plan.version,
        status=plan.status,
        activities=[
            PlanActivity(a["title"], a["owner"], a["owner_name"], date.fromisoformat(a["due"]))
            for a in plan.activities or []
        ],
        agreement=plan.agreement,
        comments=list(plan.comments or []),
        sent_by=plan.sent_by,
        sent_at=plan.sent_at,
        approved_by=plan.approved_by,
        approved_at=plan.approved_at,
        contact=slack_id(session, participant.contact_id),
        head=slack_id(session, participant.head_id),
        latest=latest.id == plan.id,
    )


def get(session: Session, plan_id: int) -> PlanView | None:
    plan = session.get(TravelPlan, plan_id)
    return None if plan is None else view_of(session, plan)
