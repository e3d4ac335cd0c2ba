"""Minutes of a meeting: who attended, what was decided, notes; posted in the channel."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.meetings.place import place_of, require_caller
from bot.domain.meetings.views import (
    MINUTES,
    MINUTES_PROMPT,
    MeetingView,
    Minutes,
    id_of,
    minutes_of,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.queries.meetings import PLANNED
from storage.tables import Meeting

_STEERING_SEATS = {Role.STEERING.value, Role.STEERING_DEPUTY.value}


def minutes_form(db: Database, *, actor: Actor, meeting_id: int) -> tuple[MeetingView, list[str]]:
    """The meeting and the organisations to tick for attendance."""
    with db.reading() as session:
        meeting = _meeting(session, meeting_id)
        require_caller(session, actor, place_of(session, meeting.channel_id))
        return view_of(session, meeting), _organisations(session, meeting)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != PLANNED:
        raise NotFound(N_("Mødet findes ikke længere."))
    return meeting


def _organisations(session: Session, meeting: Meeting) -> list[str]:
    """The group's member organisations, a travelling team's participants, or the steering
    group's organisations."""
    names: set[str] = set()
    organisations = queries.organisations_by_id(session)
    team = travel_queries.round_in_channel(session, channel_id=meeting.channel_id)
    if team is not None:
        for participant in travel_queries.participants(session, round_id=team.id):
            names.add(organisations[participant.organisation_id].name)
    elif meeting.revision_id is not None:
        for person in queries.group_people(session, revision_id=meeting.revision_id):
            names.add(organisations[person.organisation_id].name)
    else:
        for person in queries.all_people(session):
            if _STEERING_SEATS & set(person.roles.split(";")):
                names.add(organisations[person.organisation_id].name)
    return sorted(names, key=str.lower)


def _kept(meeting: Meeting) -> dict[str, object]:
    return {
        "attendance": meeting.minutes_attendance,
        "decisions": meeting.minutes_decisions,
        "notes": meeting.minutes_notes,
    }


def record_minutes(
    db: Database,
    *,
    actor: Actor,
    meeting_id: int,
    attendance: list[str],
    decisions: str,
    notes: str,
    now: datetime,
) -> Minutes:
    """Keep the minutes and post them in the channel; recording again replaces them."""
    with db.transaction() as session:
        meeting = _meeting(session, meeting_id)
        require_caller(session, actor, place_of(session, meeting.channel_id))
        if meeting.starts_at > now:
            raise InvalidInput(N_("Referatet kan først skrives, når mødet er begyndt."))
        before = _kept(meeting)
        meeting.minutes_attendance = sorted(set(attendance), key=str.lower)
        meeting.minutes_decisions = decisions.strip()
        meeting.minutes_notes = notes.strip()
        meeting.minutes_by = actor.user_id
        meeting.minutes_at = now
        session.add(meeting)
        subject = subject_of(id_of(meeting))
        outbox.cancel(session, subject=subject, kinds=[MINUTES_PROMPT])
        outbox.schedule(
            session,
            kind=MINUTES,
            subject=subject,
            destination=meeting.channel_id,
            due_at=now,
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="meeting.minutes",
            entity=subject,
            before=before,
            after=_kept(meeting),
            at=now,
        )
        return minutes_of(session, meeting)
