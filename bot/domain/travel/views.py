"""What the travelling team looks like from outside: its meeting and outbox kinds, and the
board: every organisation, its phase, what it is waiting for and who."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage import queries
from storage.queries import travel as travel_queries
from storage.queries.meetings import PLANNED
from storage.tables import (
    Meeting,
    Person,
    TravelMeeting,
    TravelParticipant,
    TravelPlan,
    TravelRound,
)

# The round's meetings (``Meeting.kind``): the shared workshops and an organisation's kickoff.
OPENING, CLOSING, KICKOFF = "travel-opening", "travel-closing", "travel-kickoff"
WORKSHOPS = (OPENING, CLOSING)

# Outbox kinds.
CHECKLIST = "travel.checklist"
KICKOFF_PROMPT = "travel.kickoff_prompt"
KICKOFF_MINUTES = "travel.kickoff_minutes"
PLAN_SENT = "travel.plan"
PLAN_COMMENTED = "travel.plan_commented"
PLAN_APPROVED = "travel.plan_approved"
ACTIVITY_REMINDER = "travel.activity_reminder"
ACTIVITY_DONE = "travel.activity_done"
EVALUATION_INVITE = "travel.evaluation"
EVALUATION_EXPORT = "travel.evaluation_export"
OUTBOX_KINDS = (
    CHECKLIST,
    KICKOFF_MINUTES,
    PLAN_SENT,
    PLAN_COMMENTED,
    PLAN_APPROVED,
    ACTIVITY_REMINDER,
    ACTIVITY_DONE,
    EVALUATION_INVITE,
    EVALUATION_EXPORT,
)
"""Every kind the travelling team puts in the outbox (each has its composer)."""

# A plan version's status.
SENT, COMMENTED, APPROVED, REPLACED = "sent", "commented", "approved", "replaced"

# What an organisation is waiting for (the board says it in words).
W_OPENING_UNPLANNED = "opening_unplanned"
W_OPENING = "opening"
W_OPENING_ATTENDANCE = "opening_attendance"
W_KICKOFF_UNPLANNED = "kickoff_unplanned"
W_KICKOFF = "kickoff"
W_KICKOFF_MINUTES = "kickoff_minutes"
W_KICKOFF_AGAIN = "kickoff_again"
W_PLAN = "plan"
W_APPROVAL = "approval"
W_NEW_VERSION = "new_version"
W_ACTIVITIES = "activities"
W_CLOSING_UNPLANNED = "closing_unplanned"
W_CLOSING = "closing"
W_CLOSING_ATTENDANCE = "closing_attendance"
W_EVALUATION = "evaluation"
W_DONE = "done"


@dataclass(frozen=True)
class ParticipantState:
    """One organisation on the board."""

    id: int
    organisation: str
    contact: str
    head: str
    phase: int
    waiting: str
    who: tuple[str, ...] = ()
    """Slack ids of the people it waits for; empty: the advisers."""
    when: tuple[datetime, datetime] | None = None
    version: int | None = None
    done: int = 0
    total: int = 0
    head_absent: bool = False
    absent_closing: bool = False


@dataclass(frozen=True)
class WorkshopView:
    meeting_id: int
    number: int
    kind: str
    place: str
    starts_at: datetime
    ends_at: datetime
    attendance: tuple[str, ...] | None
    """The organisations recorded as present; None until attendance is recorded."""

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)


@dataclass(frozen=True)
class Board:
    id: int
    name: str
    channel_id: str
    opening: WorkshopView | None
    closing: WorkshopView | None
    participants: list[ParticipantState] = field(default_factory=list)


@dataclass(frozen=True)
class _Meetings:
    """The round's meetings that are not cancelled, as read once for the board."""

    rows: Sequence[tuple[TravelMeeting, Meeting]]

    def latest(self, kind: str, organisation_id: int | None = None) -> Meeting | None:
        found = [
            meeting
            for travel, meeting in self.rows
            if travel.kind == kind
            and meeting.status == PLANNED
            and (organisation_id is None or travel.organisation_id == organisation_id)
        ]
        return found[-1] if found else None

    def travel_of(self, meeting: Meeting) -> TravelMeeting:
        return next(travel for travel, row in self.rows if row.id == meeting.id)


def _workshop(meetings: _Meetings, kind: str) -> WorkshopView | None:
    meeting = meetings.latest(kind)
    if meeting is None:
        return None
    recorded = meeting.minutes_at is not None
    return WorkshopView(
        meeting_id=meeting.id,
        number=meeting.number,
        kind=kind,
        place=meetings.travel_of(meeting).place,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        attendance=tuple(meeting.minutes_attendance or []) if recorded else None,
    )


def slack_id(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.slack_user_id if person is not None else ""


def board_of(session: Session, team: TravelRound, *, now: datetime) -> Board:
    meetings = _Meetings(travel_queries.round_meetings(session, round_id=team.id))
    opening, closing = _workshop(meetings, OPENING), _workshop(meetings, CLOSING)
    organisations = queries.organisations_by_id(session)
    states = [
        _state(
            session,
            participant,
            organisations[participant.organisation_id].name,
            meetings=meetings,
            opening=opening,
            closing=closing,
            round_id=team.id,
            now=now,
        )
        for participant in travel_queries.participants(session, round_id=team.id)
    ]
    return Board(team.id, team.name, team.channel_id, opening, closing, states)


def _state(
    session: Session,
    participant: TravelParticipant,
    organisation: str,
    *,
    meetings: _Meetings,
    opening: WorkshopView | None,
    closing: WorkshopView | None,
    round_id: int,
    now: datetime,
) -> ParticipantState:
    contact, head = (
        slack_id(session, participant.contact_id),
        slack_id(session, participant.head_id),
    )
    base = ParticipantState(participant.id, organisation, contact, head, 1, W_DONE)
    absent_closing = (
        closing is not None
        and closing.attendance is not None
        and organisation not in closing.attendance
    )

    def at(phase: int, waiting: str, **more: Any) -> ParticipantState:
        return replace(base, phase=phase, waiting=waiting, absent_closing=absent_closing, **more)

    # Phase 1: the opening workshop, held and its attendance recorded
    if opening is None:
        return at(1, W_OPENING_UNPLANNED)
    if opening.attendance is None:
        if opening.ends_at > now:  # each organisation comes to the workshop
            return at(1, W_OPENING, who=(contact,), when=opening.span)
        return at(1, W_OPENING_ATTENDANCE, when=opening.span)
    # Phase 2: the kickoff meeting with the head of procurement, then the approved plan
    kickoff = meetings.latest(KICKOFF, participant.organisation_id)
    if kickoff is None:
        return at(2, W_KICKOFF_UNPLANNED)
    minutes = meetings.travel_of(kickoff)
    if minutes.minutes_at is None:
        if kickoff.ends_at > now:
            return at(2, W_KICKOFF, who=(contact,), when=(kickoff.starts_at, kickoff.ends_at))
        return at(2, W_KICKOFF_MINUTES, when=(kickoff.starts_at, kickoff.ends_at))
    if not minutes.head_present:
        return at(2, W_KICKOFF_AGAIN, head_absent=True)
    plans = travel_queries.plans(session, participant_id=participant.id)
    latest: TravelPlan | None = plans[-1] if plans else None
    if latest is None:
        return at(2, W_PLAN)
    if latest.status == SENT:
        return at(2, W_APPROVAL, who=(contact, head), version=latest.version)
    if latest.status == COMMENTED:
        return at(2, W_NEW_VERSION, version=latest.version)
    # Phase 3: the activities, to done
    activities = travel_queries.activities(session, participant_id=participant.id)
    open_ones = [activity for activity in activities if activity.status == "open"]
    progress = {"done": len(activities) - len(open_ones), "total": len(activities)}
    if open_ones:
        owners = tuple(dict.fromkeys(slack_id(session, a.owner_id) for a in open_ones))
        return at(3, W_ACTIVITIES, who=owners, **progress)
    # Phase 4: the closing workshop and the evaluation
    if closing is None:
        return at(4, W_CLOSING_UNPLANNED, **progress)
    if closing.attendance is None:
        if closing.ends_at > now:
            return at(4, W_CLOSING, who=(contact,), when=closing.span, **progress)
        return at(4, W_CLOSING_ATTENDANCE, when=closing.span, **progress)
    if (
        travel_queries.evaluation(
            session, round_id=round_id, organisation_id=participant.organisation_id
        )
        is None
    ):
        return at(4, W_EVALUATION, who=(contact,), **progress)
    return at(4, W_DONE, **progress)
