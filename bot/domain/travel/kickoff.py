"""The minutes of an organisation's kickoff meeting: whether its head of procurement was there,
who attended, ideas and decisions, and the activities agreed. Without the head of procurement
the meeting does not count as held, and the organisation stays in phase 2 until a new one is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, meetings, outbox
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.people import Actor
from bot.domain.travel.access import require_runner
from bot.domain.travel.views import KICKOFF, KICKOFF_MINUTES, slack_id
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.queries.meetings import PLANNED
from storage.tables import Meeting, TravelMeeting

TEXT_LIMIT = 3000
WHAT = N_("skrive referat af opstartsmøderne")


@dataclass(frozen=True)
class KickoffMinutes:
    meeting: meetings.MeetingView
    organisation: str
    head: str
    head_present: bool | None
    attendees: str
    ideas: str
    activities: str
    by: str | None
    at: datetime | None


def _kickoff(session: Session, meeting_id: int) -> tuple[Meeting, TravelMeeting]:
    meeting = session.get(Meeting, meeting_id)
    travel = travel_queries.travel_meeting(session, meeting_id=meeting_id)
    if meeting is None or meeting.status != PLANNED or travel is None or travel.kind != KICKOFF:
        raise NotFound(N_("Mødet findes ikke længere."))
    return meeting, travel


def _minutes(session: Session, meeting: Meeting, travel: TravelMeeting) -> KickoffMinutes:
    assert travel.organisation_id is not None
    participant = travel_queries.participant(
        session, round_id=travel.round_id, organisation_id=travel.organisation_id
    )
    organisation = queries.organisations_by_id(session)[travel.organisation_id].name
    view = meetings.get(session, meeting.id)
    assert view is not None
    return KickoffMinutes(
        meeting=view,
        organisation=organisation,
        head=slack_id(session, participant.head_id) if participant else "",
        head_present=travel.head_present,
        attendees=travel.attendees or "",
        ideas=travel.ideas or "",
        activities=travel.activities or "",
        by=travel.minutes_by,
        at=travel.minutes_at,
    )


def minutes_form(db: Database, *, actor: Actor, meeting_id: int) -> KickoffMinutes:
    """The kickoff meeting and its minutes so far, for the form."""
    with db.reading() as session:
        require_runner(actor, WHAT)
        meeting, travel = _kickoff(session, meeting_id)
        return _minutes(session, meeting, travel)


def record_minutes(
    db: Database,
    *,
    actor: Actor,
    meeting_id: int,
    head_present: bool,
    attendees: str,
    ideas: str,
    activities: str,
    now: datetime,
) -> KickoffMinutes:
    """Keep the minutes (recording again replaces them) and post them in the round's channel."""
    with db.transaction() as session:
        require_runner(actor, WHAT)
        meeting, travel = _kickoff(session, meeting_id)
        if meeting.starts_at > now:
            raise InvalidInput(N_("Referatet kan først skrives, når mødet er begyndt."))
        for value in (attendees, ideas, activities):
            if len(value) > TEXT_LIMIT:
                raise InvalidInput(
                    N_("Teksten er for lang (højst %(limit)s tegn)."), limit=TEXT_LIMIT
                )
        if head_present and not activities.strip():
            raise InvalidInput(N_("Skriv de aktiviteter, der blev aftalt på mødet."))
        before = _kept(travel)
        travel.head_present = head_present
        travel.attendees = attendees.strip()
        travel.ideas = ideas.strip()
        travel.activities = activities.strip()
        travel.minutes_by = actor.user_id
        travel.minutes_at = now
        meeting.minutes_by, meeting.minutes_at = actor.user_id, now
        session.add(travel)
        session.add(meeting)
        subject = meetings.subject_of(meeting.id)
        outbox.cancel(session, subject=subject, kinds=[meetings.MINUTES_PROMPT])
        outbox.schedule(
            session,
            kind=KICKOFF_MINUTES,
            subject=subject,
            destination=meeting.channel_id,
            due_at=now,
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="travel.kickoff_minutes",
            entity=subject,
            before=before,
            after=_kept(travel),
            at=now,
        )
        return _minutes(session, meeting, travel)


def recorded(session: Session, *, meeting_id: int) -> KickoffMinutes | None:
    meeting = session.get(Meeting, meeting_id)
    travel = travel_queries.travel_meeting(session, meeting_id=meeting_id)
    if meeting is None or travel is None or travel.minutes_at is None:
        return None
    return _minutes(session, meeting, travel)


def _kept(travel: TravelMeeting) -> dict[str, object]:
    return {
        "head_present": travel.head_present,
        "attendees": travel.attendees,
        "ideas": travel.ideas,
        "activities": travel.activities,
    }
