"""What follows a meeting that moves or is cancelled, in the features tied to it: homework due
"til næste møde" and votes that close with the meeting.

Meetings call this in the transaction that moves or cancels the meeting; it is the one place
that knows all three features, so meetings import neither homework nor votes, and homework
reads the next meeting from storage.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import homework, votes
from bot.domain.travel import following as travel
from storage.queries import meetings as meeting_queries
from storage.tables import Meeting


def meeting_moved(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """Homework due at the meeting moves with it, reminders and all; votes that close with it
    close at its new end; a travelling team's evaluations are asked for at its new end."""
    assert meeting.id is not None, "the meeting is not stored yet"
    homework.follow_meeting(session, meeting_id=meeting.id, due_at=meeting.starts_at, now=now)
    votes.follow_meeting(session, meeting, now=now)
    travel.meeting_moved(session, meeting, subject=f"meeting:{meeting.id}", now=now)


def meeting_cancelled(session: Session, meeting: Meeting, *, now: datetime) -> list[dict[str, Any]]:
    """Homework due at the meeting moves to the group's next meeting (or keeps its deadline
    when there is none); a vote tied to the meeting moves to the next meeting, or is closed
    without a decision when none is planned. Returns what became of the votes."""
    assert meeting.id is not None, "the meeting is not stored yet"
    following = meeting_queries.next_in_channel(session, channel_id=meeting.channel_id, now=now)
    homework.follow_meeting(
        session,
        meeting_id=meeting.id,
        due_at=following.starts_at if following else None,
        now=now,
        new_meeting_id=following.id if following else None,
    )
    return votes.follow_meeting(session, meeting, now=now)
