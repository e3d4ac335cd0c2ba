"""A revision's goal text, version by version."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, func, select

from storage.tables import GoalVersion


def versions(session: Session, *, revision_id: int) -> Sequence[GoalVersion]:
    """Every version of the revision's goal text, the first first."""
    statement = select(GoalVersion).where(GoalVersion.revision_id == revision_id)
    return session.exec(statement.order_by(col(GoalVersion.number))).all()


def version(session: Session, *, revision_id: int, number: int) -> GoalVersion | None:
    statement = select(GoalVersion).where(
        GoalVersion.revision_id == revision_id, GoalVersion.number == number
    )
    return session.exec(statement).first()


def latest(session: Session, *, revision_id: int) -> GoalVersion | None:
    """The current version: the one saved last (None: no text yet)."""
    statement = select(GoalVersion).where(GoalVersion.revision_id == revision_id)
    return session.exec(statement.order_by(col(GoalVersion.number).desc())).first()


def latest_number(session: Session, *, revision_id: int) -> int:
    """The number of the current version (0: none yet)."""
    statement = select(func.max(GoalVersion.number)).where(GoalVersion.revision_id == revision_id)
    return session.exec(statement).one() or 0
