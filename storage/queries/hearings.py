"""Hearing queries: the rounds of a revision, their answers and replies, the consulted parties.

Keyword-only, take a session, never commit: the service owns the transaction (STYLE §6).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage import locks
from storage.tables import Hearing, HearingAnswer, HearingParty, HearingReply

# The same word as ``bot.domain.hearings.OPEN``; storage does not import the domain (STYLE §1).
OPEN = "open"


def of_revision(session: Session, *, revision_id: int) -> Sequence[Hearing]:
    """The revision's hearings, oldest first."""
    statement = select(Hearing).where(Hearing.revision_id == revision_id)
    return session.exec(statement.order_by(col(Hearing.id))).all()


def latest(session: Session, *, revision_id: int, kind: str) -> Hearing | None:
    """The revision's newest hearing of this kind, open or closed."""
    statement = select(Hearing).where(Hearing.revision_id == revision_id, Hearing.kind == kind)
    return session.exec(statement.order_by(col(Hearing.id).desc())).first()


def still_open(session: Session, *, revision_id: int, kind: str | None = None) -> Sequence[Hearing]:
    """The revision's open hearings (of this kind), oldest first."""
    statement = select(Hearing).where(Hearing.revision_id == revision_id, Hearing.status == OPEN)
    if kind is not None:
        statement = statement.where(Hearing.kind == kind)
    return session.exec(statement.order_by(col(Hearing.id))).all()


def due(session: Session, *, now: datetime) -> Sequence[int]:
    """The open hearings whose deadline has come."""
    statement = select(Hearing.id).where(Hearing.status == OPEN, col(Hearing.deadline) <= now)
    return [hearing_id for hearing_id in session.exec(statement).all() if hearing_id is not None]


def locked(session: Session, *, hearing_id: int) -> Hearing | None:
    """The hearing, locked until the transaction ends (``storage.locks``): of several units of
    work closing it at once, in one process or several, one closes and the others then see it
    closed."""
    return locks.locked(session, Hearing, hearing_id)


# -- answers and replies ---------------------------------------------------------------------


def answers(session: Session, *, hearing_id: int) -> Sequence[HearingAnswer]:
    """Every version of every answer, by organisation and then version."""
    statement = (
        select(HearingAnswer)
        .where(HearingAnswer.hearing_id == hearing_id)
        .order_by(col(HearingAnswer.organisation), col(HearingAnswer.version))
    )
    return session.exec(statement).all()


def latest_version(session: Session, *, hearing_id: int, organisation: str) -> int:
    """The organisation's highest answer version so far; 0 before its first answer."""
    statement = select(func.max(HearingAnswer.version)).where(
        HearingAnswer.hearing_id == hearing_id, HearingAnswer.organisation == organisation
    )
    return session.exec(statement).one() or 0


def has_answered(session: Session, *, hearing_id: int, organisation: str) -> bool:
    statement = select(HearingAnswer.id).where(
        HearingAnswer.hearing_id == hearing_id, HearingAnswer.organisation == organisation
    )
    return session.exec(statement).first() is not None


def replies(session: Session, *, hearing_id: int) -> Sequence[HearingReply]:
    return session.exec(select(HearingReply).where(HearingReply.hearing_id == hearing_id)).all()


def reply_to(session: Session, *, hearing_id: int, organisation: str) -> HearingReply | None:
    statement = select(HearingReply).where(
        HearingReply.hearing_id == hearing_id, HearingReply.organisation == organisation
    )
    return session.exec(statement).first()


# -- the consulted parties -------------------------------------------------------------------


def parties(session: Session, *, revision_id: int) -> Sequence[HearingParty]:
    """The revision's list of parties for the industry hearing, in no particular order."""
    statement = select(HearingParty).where(HearingParty.revision_id == revision_id)
    return session.exec(statement).all()


def party_named(session: Session, *, revision_id: int, organisation: str) -> HearingParty | None:
    """The party on the revision's list with this name, whatever its case."""
    statement = select(HearingParty).where(
        HearingParty.revision_id == revision_id,
        func.lower(HearingParty.organisation) == organisation.lower(),
    )
    return session.exec(statement).first()
