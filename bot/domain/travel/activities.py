"""Phase 3: the activities of an approved plan, each with its owner and due date, reminded
before it is due and marked done by its owner or an adviser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.domain.travel.access import organisation_of
from bot.domain.travel.views import ACTIVITY_DONE, ACTIVITY_REMINDER, slack_id
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.tables import Person, TravelActivity, TravelParticipant, TravelPlan, TravelRound

DUE_AT = time(9)
"""An activity is due at the start of its day's work; reminders count back from then."""


@dataclass(frozen=True)
class ActivityView:
    id: int
    title: str
    owner: str
    due_on: date
    status: str
    organisation: str
    channel_id: str
    done_by: str | None = None
    done_at: datetime | None = None


def start(
    session: Session,
    plan: TravelPlan,
    participant: TravelParticipant,
    *,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    working: WorkingHours | None,
) -> None:
    """The approved plan's activities, each with reminders to its owner before it is due."""
    for item in plan.activities or []:
        owner = queries.person_by_slack_id(session, slack_user_id=item["owner"])
        if owner is None:  # erased since the plan was sent: the adviser who sent it owns it
            owner = queries.person_by_slack_id(session, slack_user_id=plan.sent_by)
        assert owner is not None
        activity = TravelActivity(
            participant_id=participant.id,
            plan_id=plan.id,
            title=item["title"],
            owner_id=owner.id,
            due_on=date.fromisoformat(item["due"]),
        )
        session.add(activity)
        session.flush()
        outbox.schedule_at_offsets(
            session,
            kind=ACTIVITY_REMINDER,
            subject=f"travel_activity:{activity.id}",
            destinations=[(owner.slack_user_id, None)],
            event_at=datetime.combine(activity.due_on, DUE_AT, tzinfo=zone),
            offsets=reminders,
            now=now,
            working=working,
        )


def done(db: Database, *, actor: Actor, activity_id: int, now: datetime) -> ActivityView:
    """Marked done by its owner, the secretariat or an adviser."""
    with db.transaction() as session:
        activity = session.get(TravelActivity, activity_id)
        if activity is None:
            raise NotFound(N_("Aktiviteten findes ikke længere."))
        person = actor.in_roster()
        owner = session.get(Person, activity.owner_id)
        is_owner = owner is not None and owner.slack_user_id == actor.user_id
        if not is_owner and not person.has(Role.SECRETARIAT, Role.ADVISOR):
            raise NotAllowed(
                N_(
                    "Kun den ansvarlige for aktiviteten og rejseholdets rådgivere kan melde den "
                    "færdig."
                )
            )
        if activity.status == "done":
            raise Conflict(
                N_("Aktiviteten er allerede meldt færdig af <@%(user)s>."),
                user=activity.done_by or "",
            )
        activity.status, activity.done_by, activity.done_at = "done", actor.user_id, now
        session.add(activity)
        subject = f"travel_activity:{activity.id}"
        outbox.cancel(session, subject=subject, kinds=[ACTIVITY_REMINDER])
        view = view_of(session, activity)
        outbox.schedule(
            session,
            kind=ACTIVITY_DONE,
            subject=subject,
            destination=view.channel_id,
            due_at=now,
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="travel.activity_done",
            entity=subject,
            before={"status": "open"},
            after={"status": "done", "title": activity.title},
            at=now,
        )
        return view


def view_of(session: Session, activity: TravelActivity) -> ActivityView:
    participant = session.get(TravelParticipant, activity.participant_id)
    assert participant is not None
    team = session.get(TravelRound, participant.round_id)
    assert team is not None
    return ActivityView(
        id=activity.id,
        title=activity.title,
        owner=slack_id(session, activity.owner_id),
        due_on=activity.due_on,
        status=activity.status,
        organisation=organisation_of(session, participant).name,
        channel_id=team.channel_id,
        done_by=activity.done_by,
        done_at=activity.done_at,
    )


def get(session: Session, activity_id: int) -> ActivityView | None:
    activity = session.get(TravelActivity, activity_id)
    return None if activity is None else view_of(session, activity)


def of_plan(session: Session, plan_id: int) -> list[ActivityView]:
    plan = session.get(TravelPlan, plan_id)
    if plan is None:
        return []
    return [
        view_of(session, activity)
        for activity in travel_queries.activities(session, participant_id=plan.participant_id)
        if activity.plan_id == plan_id
    ]
