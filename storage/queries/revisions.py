"""Revision and working-group queries. Keyword-only, take a session, never commit: the service
owns the transaction. (``revision_in_channel``, ``group_people``, ``group_sizes`` and
``steering_channel`` are in ``storage.queries``, which other features read too.)"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.tables import GroupMember, Revision


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
