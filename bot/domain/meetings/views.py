"""What a meeting looks like from outside: its views, kinds, statuses and outbox kinds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from storage.queries import meetings as meeting_queries
from storage.tables import Meeting, Revision

GROUP, STEERING, TRAVEL = "group", "steering", "travel"
TRAVEL_KINDS = ("travel", "travel-opening", "travel-closing", "travel-kickoff")
"""A travelling team's round meets in its channel: its workshops, an organisation's kickoff
meeting (``bot.domain.travel``), or any other meeting called there."""
DEFAULT_LENGTH = timedelta(hours=2)
ANNOUNCE, MOVED, CANCELLED_NOTICE = "meeting.announce", "meeting.moved", "meeting.cancelled"
REMINDER, MINUTES_PROMPT, MINUTES = "meeting.reminder", "meeting.minutes_prompt", "meeting.minutes"
TITLE_LIMIT = 150


@dataclass(frozen=True)
class MeetingView:
    id: int
    channel_id: str
    kind: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    sequence: int
    uid: str
    goal: str | None
    announced_ts: str | None = None
    has_minutes: bool = False
    agenda_number: int = 1
    """Which of the group's meetings this is among those not cancelled: its agenda follows the
    meetings held, not the numbers given when they were called."""

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)

    @property
    def subject(self) -> str:
        return subject_of(self.id)


@dataclass(frozen=True)
class Proposal:
    """What pogi understood before anything is stored; the confirm button carries what
    ``confirm`` needs to book it (the handler encodes it)."""

    channel_id: str
    kind: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    goal: str | None
    assumed_length: bool = False
    nonce: str = ""
    """Names this proposal: the meeting it becomes carries it in its UID, so a second click on
    the same Bekræft, even after the meeting was cancelled, books nothing."""
    poll_id: int | None = None
    """The time poll it was picked from: confirming it decides the poll."""
    alternative: Proposal | None = None
    """Where the time and the title can be split in two ways (``tirsdag kl. 10-12 8. møde``
    on Tuesday the 8th), the other reading, offered beside this one."""

    @property
    def span(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)


@dataclass(frozen=True)
class Minutes:
    meeting: MeetingView
    attendance: list[str]
    decisions: str
    notes: str
    by: str | None
    at: datetime | None


def subject_of(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def id_of(meeting: Meeting) -> int:
    """The id of a meeting that is stored (read, or added and flushed)."""
    assert meeting.id is not None, "the meeting is not stored yet"
    return meeting.id


def view_of(session: Session, meeting: Meeting) -> MeetingView:
    goal = None
    if meeting.revision_id is not None:
        revision = session.get(Revision, meeting.revision_id)
        goal = revision.goal if revision else None
    return MeetingView(
        id=id_of(meeting),
        channel_id=meeting.channel_id,
        kind=meeting.kind,
        number=meeting.number,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        status=meeting.status,
        sequence=meeting.sequence,
        uid=meeting.uid,
        goal=goal,
        announced_ts=meeting.announced_ts,
        has_minutes=meeting.minutes_at is not None,
        agenda_number=meeting_queries.held_before(session, meeting=meeting) + 1,
    )


def snapshot(meeting: Meeting) -> dict[str, object]:
    """What the audit log keeps of a meeting before and after a change."""
    return {
        "number": meeting.number,
        "title": meeting.title,
        "status": meeting.status,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "sequence": meeting.sequence,
    }


def get(session: Session, meeting_id: int) -> MeetingView | None:
    meeting = session.get(Meeting, meeting_id)
    return None if meeting is None else view_of(session, meeting)


def minutes_of(session: Session, meeting: Meeting) -> Minutes:
    return Minutes(
        view_of(session, meeting),
        list(meeting.minutes_attendance or []),
        meeting.minutes_decisions or "",
        meeting.minutes_notes or "",
        meeting.minutes_by,
        meeting.minutes_at,
    )
