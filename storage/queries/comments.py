"""Written comment rounds on the goal text and their comments.

Keyword-only, take a session, never commit: the service owns the transaction (STYLE §6).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage import locks
from storage.tables import CommentRound, GoalComment

# The same word as the domain's ``OPEN``; storage does not import the domain (STYLE §1).
OPEN = "open"


def open_round(session: Session, *, revision_id: int) -> CommentRound | None:
    statement = select(CommentRound).where(
        CommentRound.revision_id == revision_id, CommentRound.status == OPEN
    )
    return session.exec(statement.order_by(col(CommentRound.id))).first()


def due(session: Session, *, now: datetime) -> Sequence[int]:
    """The open rounds whose deadline has come."""
    statement = select(CommentRound.id).where(
        CommentRound.status == OPEN, col(CommentRound.deadline) <= now
    )
    return [round_id for round_id in session.exec(statement).all() if round_id is not None]


def locked(session: Session, *, round_id: int) -> CommentRound | None:
    """The round, locked until the transaction ends (``storage.locks``)."""
    return locks.locked(session, CommentRound, round_id)


def comments(session: Session, *, round_id: int) -> Sequence[GoalComment]:
    statement = select(GoalComment).where(GoalComment.round_id == round_id)
    return session.exec(statement.order_by(col(GoalComment.created_at), col(GoalComment.id))).all()


def comment_by(session: Session, *, round_id: int, author: str) -> GoalComment | None:
    statement = select(GoalComment).where(
        GoalComment.round_id == round_id, GoalComment.author == author
    )
    return session.exec(statement).first()


def counts_by_version(session: Session, *, revision_id: int) -> dict[int, int]:
    """How many comments each version of the goal text got."""
    statement = (
        select(GoalComment.goal_version, func.count())
        .where(GoalComment.revision_id == revision_id)
        .group_by(col(GoalComment.goal_version))
    )
    return {version: count for version, count in session.exec(statement).all()}


def written_by(session: Session, *, author: str) -> Sequence[tuple[GoalComment, CommentRound]]:
    """A person's comments, for their data export."""
    statement = (
        select(GoalComment, CommentRound)
        .join(CommentRound, col(CommentRound.id) == col(GoalComment.round_id))
        .where(GoalComment.author == author)
        .order_by(col(GoalComment.id))
    )
    return session.exec(statement).all()
