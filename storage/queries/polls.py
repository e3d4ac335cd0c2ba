"""What time polls ask the database. Keyword-only, given a session, never committing."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage import locks
from storage.tables import MeetingPoll, PollAnswer


def locked_poll(session: Session, *, poll_id: int) -> MeetingPoll | None:
    """The poll, locked until the transaction ends: answers, the pick and closing take their
    turns, so no answer is lost and none arrives after the poll is decided."""
    return locks.locked(session, MeetingPoll, poll_id)


def answers_of(session: Session, *, poll_id: int) -> Sequence[PollAnswer]:
    return session.exec(
        select(PollAnswer).where(PollAnswer.poll_id == poll_id).order_by(col(PollAnswer.id))
    ).all()


def answer_of(session: Session, *, poll_id: int, slack_user_id: str) -> PollAnswer | None:
    return session.exec(
        select(PollAnswer).where(
            PollAnswer.poll_id == poll_id, PollAnswer.slack_user_id == slack_user_id
        )
    ).first()


def answers_by(session: Session, *, slack_user_id: str) -> Sequence[tuple[PollAnswer, MeetingPoll]]:
    """The person's answers to time polls, for their data."""
    return session.exec(
        select(PollAnswer, MeetingPoll)
        .join(MeetingPoll, col(MeetingPoll.id) == col(PollAnswer.poll_id))
        .where(PollAnswer.slack_user_id == slack_user_id)
        .order_by(col(PollAnswer.id))
    ).all()
