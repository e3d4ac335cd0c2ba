"""The formal records' own rows: a revision's consultation-memo text and themes, and the
statements recorded on a vote. Keyword-only, take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import HearingTheme, MemoDetails, Vote, VoteStatement


def memo_details(session: Session, *, revision_id: int) -> MemoDetails | None:
    statement = select(MemoDetails).where(MemoDetails.revision_id == revision_id)
    return session.exec(statement).first()


def themes(session: Session, *, revision_id: int) -> Sequence[HearingTheme]:
    """The revision's themes, by number."""
    statement = select(HearingTheme).where(HearingTheme.revision_id == revision_id)
    return session.exec(statement.order_by(col(HearingTheme.number))).all()


def theme(session: Session, *, revision_id: int, number: int) -> HearingTheme | None:
    statement = select(HearingTheme).where(
        HearingTheme.revision_id == revision_id, HearingTheme.number == number
    )
    return session.exec(statement).first()


def next_theme_number(session: Session, *, revision_id: int) -> int:
    statement = select(func.max(HearingTheme.number)).where(HearingTheme.revision_id == revision_id)
    return (session.exec(statement).one() or 0) + 1


def statements(session: Session, *, vote_id: int) -> Sequence[VoteStatement]:
    """The vote's statements, one per seat (the latest), oldest first."""
    statement = select(VoteStatement).where(VoteStatement.vote_id == vote_id)
    return session.exec(statement.order_by(col(VoteStatement.at), col(VoteStatement.id))).all()


def statement_of(session: Session, *, vote_id: int, organisation: str) -> VoteStatement | None:
    statement = select(VoteStatement).where(
        VoteStatement.vote_id == vote_id, VoteStatement.organisation == organisation
    )
    return session.exec(statement).first()


def latest_vote_in_channel(session: Session, *, channel_id: str, status: str) -> Vote | None:
    """The channel's newest vote with this status."""
    statement = select(Vote).where(Vote.channel_id == channel_id, Vote.status == status)
    return session.exec(statement.order_by(col(Vote.id).desc())).first()
