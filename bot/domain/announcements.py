"""What outgoing messages read when they are composed, and what they remember once sent.

The composers (``bot.delivery.composers``) work inside the dispatcher's transactions: a
composer reads in the session the dispatcher opened for it, and an ``after_sent`` writes in the
transaction that marks its row sent. So these functions take a ``Session``, not a ``Database``,
and return views; they never commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import hearings, meetings
from storage import queries
from storage.tables import Meeting, Revision

# -- meetings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingMoved:
    """A meeting as it is now, and the time it was moved from."""

    meeting: meetings.MeetingView
    before_start: datetime
    before_end: datetime


def meeting_moved(
    session: Session, *, meeting_id: int, notice: Mapping[str, Any] | None
) -> MeetingMoved | None:
    """The move a ``meetings.MOVED`` row's ``notice`` (its data) tells of, while it still holds:
    ``None`` once the meeting is cancelled or moved again (the later notice says what holds)."""
    meeting = meetings.get(session, meeting_id)
    data = notice or {}
    if meeting is None or meeting.status != meetings.PLANNED:
        return None
    if data.get("sequence") != meeting.sequence:
        return None
    return MeetingMoved(
        meeting=meeting,
        before_start=datetime.fromisoformat(data["from_start"]),
        before_end=datetime.fromisoformat(data["from_end"]),
    )


def remember_announcement(session: Session, *, meeting_id: int, ts: str | None) -> None:
    """The announcement's message, which later notices about the meeting can refer to."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is not None and ts:
        meeting.announced_ts = ts
        session.add(meeting)


def recorded_minutes(session: Session, *, meeting_id: int) -> meetings.Minutes | None:
    """The meeting's minutes, or ``None`` if the meeting is gone or has none recorded."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.minutes_at is None:
        return None
    return meetings.minutes_of(session, meeting)


# -- hearings ------------------------------------------------------------------------------


def consultation_memo(session: Session, *, revision_id: int) -> hearings.Memo | None:
    """What the revision's consultation memo is written from; ``None`` if it is gone."""
    revision = session.get(Revision, revision_id)
    return None if revision is None else hearings.memo_of(session, revision)


# -- people --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Whom a direct message goes to: in the roster or not, and their locale if pogi knows it."""

    slack_user_id: str
    in_roster: bool
    locale: str | None


def recipient(session: Session, *, slack_user_id: str) -> Recipient:
    person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
    return Recipient(
        slack_user_id=slack_user_id,
        in_roster=person is not None,
        locale=person.locale if person is not None else None,
    )


def organisation_name(session: Session, *, organisation_id: int) -> str:
    """The organisation's name; ``KeyError`` if there is no such organisation."""
    return queries.organisations_by_id(session)[organisation_id].name


def names_by_slack_id(session: Session) -> dict[str, str]:
    """Everyone in the roster, by Slack user id."""
    return {person.slack_user_id: person.name for person in queries.all_people(session)}
