"""The coordinator rotation (turnus): who was appointed when, and who was passed over. Keyword-only,
take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import CoordinatorSkip, CoordinatorTerm, Organisation, Person, Revision


def people_in_roster_order(session: Session) -> Sequence[tuple[Person, Organisation]]:
    """Everyone with their organisation, in the order they were added to the roster."""
    return session.exec(
        select(Person, Organisation)
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id))
        .order_by(col(Person.id))
    ).all()


def latest_terms(session: Session) -> dict[int, tuple[datetime, str]]:
    """For each organisation that has coordinated: when it was last appointed, and the goal
    of that revision."""
    latest = (
        select(
            CoordinatorTerm.organisation_id,
            func.max(CoordinatorTerm.appointed_at).label("at"),
        )
        .group_by(col(CoordinatorTerm.organisation_id))
        .subquery()
    )
    rows = session.exec(
        select(CoordinatorTerm.organisation_id, CoordinatorTerm.appointed_at, Revision.goal)
        .join(
            latest,
            (latest.c.organisation_id == col(CoordinatorTerm.organisation_id))
            & (latest.c.at == col(CoordinatorTerm.appointed_at)),
        )
        .join(Revision, col(Revision.id) == col(CoordinatorTerm.revision_id))
    ).all()
    return {organisation_id: (at, goal) for organisation_id, at, goal in rows}


def skips_of(session: Session, *, revision_id: int) -> Sequence[CoordinatorSkip]:
    return session.exec(
        select(CoordinatorSkip)
        .where(CoordinatorSkip.revision_id == revision_id)
        .order_by(col(CoordinatorSkip.id))
    ).all()
