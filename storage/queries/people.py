"""Organisations and people in the roster. Keyword-only, take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import (
    Organisation,
    Person,
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
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id))
        .where(Person.slack_user_id == slack_user_id)
    )
    row = session.exec(statement).first()
    return None if row is None else (row[0], row[1])


def people_with_organisations(session: Session) -> Sequence[tuple[Person, Organisation]]:
    statement = select(Person, Organisation).join(
        Organisation,
        col(Organisation.id) == col(Person.organisation_id),
    )
    return [(person, organisation) for person, organisation in session.exec(statement).all()]


def people_by_slack_ids(session: Session, *, slack_user_ids: Sequence[str]) -> dict[str, Person]:
    if not slack_user_ids:
        return {}
    rows = session.exec(select(Person).where(col(Person.slack_user_id).in_(slack_user_ids))).all()
    return {person.slack_user_id: person for person in rows}


def all_people(session: Session) -> Sequence[Person]:
    return session.exec(select(Person).order_by(Person.name)).all()


def count_people(session: Session) -> int:

    return session.exec(select(func.count()).select_from(Person)).one()
