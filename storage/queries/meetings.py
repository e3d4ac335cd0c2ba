"""Meeting queries. Keyword-only, take a session, never commit: the service owns the transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import Meeting

PLANNED, CANCELLED = "planned", "cancelled"
"""A meeting's status: cancelled meetings are kept."""


def with_uid(session: Session, *, uid: str) -> Meeting | None:
    return session.exec(select(Meeting).where(Meeting.uid == uid)).first()


def planned(session: Session, *, channel_id: str, number: int) -> Meeting | None:
    """The channel's planned meeting with this number."""
    statement = select(Meeting).where(
        Meeting.channel_id == channel_id, Meeting.number == number, Meeting.status == PLANNED
    )
    return session.exec(statement).first()


def first_overlapping(
    session: Session,
    *,
    channel_id: str,
    start: datetime,
    end: datetime,
    other_than: int | None = None,
) -> Meeting | None:
    """The earliest planned meeting in the channel that overlaps ``start``–``end``."""
    statement = select(Meeting).where(
        Meeting.channel_id == channel_id,
        Meeting.status == PLANNED,
        col(Meeting.starts_at) < end,
        col(Meeting.ends_at) > start,
    )
    if other_than is not None:
        statement = statement.where(Meeting.id != other_than)
    return session.exec(statement.order_by(col(Meeting.starts_at))).first()


def highest_planned_number(session: Session, *, channel_id: str) -> int:
    """The highest number among the channel's planned meetings; 0 when there are none."""
    statement = select(func.max(Meeting.number)).where(
        Meeting.channel_id == channel_id, Meeting.status == PLANNED
    )
    return session.exec(statement).one() or 0


def held_before(session: Session, *, meeting: Meeting) -> int:
    """How many of the channel's meetings of the same kind that are not cancelled come before
    this one (by start, then number)."""
    statement = select(func.count()).where(
        Meeting.channel_id == meeting.channel_id,
        Meeting.kind == meeting.kind,
        Meeting.status != CANCELLED,
        Meeting.id != meeting.id,
        (col(Meeting.starts_at) < meeting.starts_at)
        | ((col(Meeting.starts_at) == meeting.starts_at) & (col(Meeting.number) < meeting.number)),
    )
    return session.exec(statement).one()


def coming(
    session: Session, *, now: datetime, channel_ids: Collection[str] | None = None, limit: int
) -> Sequence[Meeting]:
    """Planned meetings that have not ended, the earliest first; in these channels, or
    everywhere when ``channel_ids`` is None."""
    statement = select(Meeting).where(Meeting.status == PLANNED, col(Meeting.ends_at) > now)
    if channel_ids is not None:
        statement = statement.where(col(Meeting.channel_id).in_(list(channel_ids)))
    return session.exec(statement.order_by(col(Meeting.starts_at)).limit(limit)).all()


def next_in_channel(session: Session, *, channel_id: str, now: datetime) -> Meeting | None:
    """The channel's next planned meeting that has not begun."""
    statement = (
        select(Meeting)
        .where(
            Meeting.channel_id == channel_id,
            Meeting.status == PLANNED,
            col(Meeting.starts_at) > now,
        )
        .order_by(col(Meeting.starts_at))
    )
    return session.exec(statement).first()
