"""Queries. Keyword-only, take a session, never commit: the service owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import (
    AuditEntry,
    GroupMember,
    Organisation,
    Person,
    Revision,
    SteeringChannel,
)


def organisation_named(session: Session, *, name: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.name == name)).first()


def get_or_create_organisation(session: Session, *, name: str) -> Organisation:
    found = organisation_named(session, name=name)
    if found is not None:
        return found
    organisation = Organisation(name=name)
    session.add(organisation)
    session.flush()
    return organisation


def organisations_by_id(session: Session) -> dict[int, Organisation]:
    return {org.id: org for org in session.exec(select(Organisation)).all() if org.id is not None}


def person_by_slack_id(session: Session, *, slack_user_id: str) -> Person | None:
    return session.exec(select(Person).where(Person.slack_user_id == slack_user_id)).first()


def person_with_organisation(
    session: Session, *, slack_user_id: str
) -> tuple[Person, Organisation] | None:
    statement = (
        select(Person, Organisation)
        .join(Organisation, Organisation.id == Person.organisation_id)  # type: ignore[arg-type]
        .where(Person.slack_user_id == slack_user_id)
    )
    row = session.exec(statement).first()
    return None if row is None else (row[0], row[1])


def people_with_organisations(session: Session) -> Sequence[tuple[Person, Organisation]]:
    statement = select(Person, Organisation).join(
        Organisation,
        Organisation.id == Person.organisation_id,  # type: ignore[arg-type]
    )
    return [(person, organisation) for person, organisation in session.exec(statement).all()]


def people_by_slack_ids(session: Session, *, slack_user_ids: Sequence[str]) -> dict[str, Person]:
    if not slack_user_ids:
        return {}
    rows = session.exec(select(Person).where(Person.slack_user_id.in_(slack_user_ids))).all()  # type: ignore[attr-defined]
    return {person.slack_user_id: person for person in rows}


def all_people(session: Session) -> Sequence[Person]:
    return session.exec(select(Person).order_by(Person.name)).all()


def count_people(session: Session) -> int:

    return session.exec(select(func.count()).select_from(Person)).one()


def revision_in_channel(session: Session, *, channel_id: str) -> Revision | None:
    return session.exec(select(Revision).where(Revision.channel_id == channel_id)).first()


def group_people(session: Session, *, revision_id: int) -> Sequence[Person]:
    statement = (
        select(Person)
        .join(GroupMember, GroupMember.person_id == Person.id)  # type: ignore[arg-type]
        .where(GroupMember.revision_id == revision_id)
        .order_by(Person.name)
    )
    return session.exec(statement).all()


def group_sizes(session: Session) -> dict[int, int]:

    statement = select(GroupMember.revision_id, func.count()).group_by(col(GroupMember.revision_id))
    return {revision_id: count for revision_id, count in session.exec(statement).all()}


def steering_channel(session: Session) -> SteeringChannel | None:
    return session.get(SteeringChannel, 1)


def add_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, entity=entity, before=before, after=after, at=at)
    session.add(entry)
    return entry


def audit_entries(session: Session, *, entity: str | None = None) -> Sequence[AuditEntry]:
    statement = select(AuditEntry).order_by(col(AuditEntry.id))
    if entity is not None:
        statement = statement.where(AuditEntry.entity == entity)
    return session.exec(statement).all()
