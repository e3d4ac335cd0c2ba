"""Revisions, working groups and the steering group's channel. Keyword-only, take a session,
never commit: the service owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import GroupMember, Person, Revision, SteeringChannel


def all_revisions(session: Session) -> Sequence[Revision]:
    return session.exec(select(Revision).order_by(col(Revision.started_at), col(Revision.id))).all()


def group_membership(session: Session, *, revision_id: int, person_id: int) -> GroupMember | None:
    statement = select(GroupMember).where(
        GroupMember.revision_id == revision_id, GroupMember.person_id == person_id
    )
    return session.exec(statement).first()


def revisions_with_member(session: Session, *, person_id: int) -> Sequence[Revision]:
    """The revisions whose working group the person is in, the oldest first."""
    statement = (
        select(Revision)
        .join(GroupMember, col(GroupMember.revision_id) == col(Revision.id))
        .where(GroupMember.person_id == person_id)
        .order_by(col(Revision.started_at), col(Revision.id))
    )
    return session.exec(statement).all()


def revision_in_channel(session: Session, *, channel_id: str) -> Revision | None:
    return session.exec(select(Revision).where(Revision.channel_id == channel_id)).first()


def group_people(session: Session, *, revision_id: int) -> Sequence[Person]:
    statement = (
        select(Person)
        .join(GroupMember, col(GroupMember.person_id) == col(Person.id))
        .where(GroupMember.revision_id == revision_id)
        .order_by(Person.name)
    )
    return session.exec(statement).all()


def group_sizes(session: Session) -> dict[int, int]:

    statement = select(GroupMember.revision_id, func.count()).group_by(col(GroupMember.revision_id))
    return {revision_id: count for revision_id, count in session.exec(statement).all()}


def steering_channel(session: Session) -> SteeringChannel | None:
    return session.get(SteeringChannel, 1)


def people_by_ids(session: Session, *, ids: Sequence[int]) -> Sequence[Person]:
    if not ids:
        return []
    return session.exec(select(Person).where(col(Person.id).in_(set(ids)))).all()
