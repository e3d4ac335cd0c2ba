"""The activity plan: a year's goals, and the plans the steering group has voted on. Keyword-only,
take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import ActivityPlanItem, Meeting, Vote


def items_of(session: Session, *, year: int) -> Sequence[ActivityPlanItem]:
    """The year's goals by the date of their SKI tender."""
    return session.exec(
        select(ActivityPlanItem)
        .where(ActivityPlanItem.year == year)
        .order_by(col(ActivityPlanItem.ski_tender), col(ActivityPlanItem.goal))
    ).all()


def item_named(session: Session, *, year: int, goal: str) -> ActivityPlanItem | None:
    """The year's entry for the goal, its name compared without regard to case."""
    return session.exec(
        select(ActivityPlanItem).where(
            ActivityPlanItem.year == year, func.lower(ActivityPlanItem.goal) == goal.lower()
        )
    ).first()


def plan_votes(session: Session, *, kind: str, status: str) -> Sequence[Vote]:
    """The activity plans' votes with that status, the newest closed first."""
    return session.exec(
        select(Vote)
        .where(Vote.kind == kind, Vote.status == status)
        .order_by(col(Vote.closed_at).desc(), col(Vote.id).desc())
    ).all()


def plan_vote_of_year(session: Session, *, kind: str, year: int, status: str) -> Vote | None:
    """The year's newest plan vote with that status."""
    return session.exec(
        select(Vote)
        .where(Vote.kind == kind, Vote.title == str(year), Vote.status == status)
        .order_by(col(Vote.id).desc())
    ).first()


def planned_meetings_after(
    session: Session, *, channel_id: str, now: datetime
) -> Sequence[Meeting]:
    """The channel's planned meetings still to begin, the first first."""
    return session.exec(
        select(Meeting)
        .where(
            Meeting.channel_id == channel_id,
            Meeting.status == "planned",
            col(Meeting.starts_at) > now,
        )
        .order_by(col(Meeting.starts_at))
    ).all()
