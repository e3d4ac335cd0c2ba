"""Homework queries. Keyword-only, take a session, never commit: the service owns the
transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage import locks
from storage.tables import Homework

OPEN, DONE = "open", "done"
"""A task's status."""


def locked(session: Session, *, homework_id: int) -> Homework | None:
    """The homework, locked until the transaction ends (``storage.locks``): of two clicks on
    its ``Færdig`` at once, one marks it done and the other then sees it done."""
    return locks.locked(session, Homework, homework_id)


def open_for_meeting(session: Session, *, meeting_id: int) -> Sequence[Homework]:
    """Open homework due at this meeting (``til næste møde``)."""
    statement = select(Homework).where(Homework.meeting_id == meeting_id, Homework.status == OPEN)
    return session.exec(statement).all()


def open_homework(session: Session, *, channel_id: str | None = None) -> Sequence[Homework]:
    """Open homework, the earliest deadline first; in one channel, or everywhere."""
    statement = select(Homework).where(Homework.status == OPEN)
    if channel_id is not None:
        statement = statement.where(Homework.channel_id == channel_id)
    return session.exec(statement.order_by(col(Homework.due_at))).all()


def open_for_person(session: Session, *, person_id: int, limit: int) -> Sequence[Homework]:
    """The person's open homework, the earliest deadline first."""
    statement = (
        select(Homework)
        .where(Homework.assignee_id == person_id, Homework.status == OPEN)
        .order_by(col(Homework.due_at))
        .limit(limit)
    )
    return session.exec(statement).all()
