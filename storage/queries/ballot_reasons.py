"""The reasons seats give for their ballots. Keyword-only, given a session, never committing."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.tables import Ballot, BallotReason


def reasons_of(session: Session, *, vote_id: int) -> Sequence[BallotReason]:
    return session.exec(
        select(BallotReason).where(BallotReason.vote_id == vote_id).order_by(col(BallotReason.id))
    ).all()


def reason_of(session: Session, *, vote_id: int, organisation_id: int) -> BallotReason | None:
    return session.exec(
        select(BallotReason).where(
            BallotReason.vote_id == vote_id, BallotReason.organisation_id == organisation_id
        )
    ).first()


def ballot_of(session: Session, *, vote_id: int, organisation_id: int) -> Ballot | None:
    return session.exec(
        select(Ballot).where(Ballot.vote_id == vote_id, Ballot.organisation_id == organisation_id)
    ).first()


def reasons_by(session: Session, *, user_id: str) -> Sequence[BallotReason]:
    """Reasons the person wrote, for their data and its erasure."""
    return session.exec(
        select(BallotReason).where(BallotReason.by == user_id).order_by(col(BallotReason.id))
    ).all()
