"""Member organisations' answers on how far they have come with a launched goal."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.tables import GoalUptake, Organisation, Person, Revision, Vote


def answers(session: Session, *, revision_id: int) -> Sequence[GoalUptake]:
    statement = select(GoalUptake).where(GoalUptake.revision_id == revision_id)
    return session.exec(statement.order_by(col(GoalUptake.id))).all()


def answer_of(session: Session, *, revision_id: int, organisation_id: int) -> GoalUptake | None:
    statement = select(GoalUptake).where(
        GoalUptake.revision_id == revision_id, GoalUptake.organisation_id == organisation_id
    )
    return session.exec(statement).first()


def answers_by(session: Session, *, user_id: str) -> Sequence[tuple[GoalUptake, Revision]]:
    """The answers the person gave that still stand (a later answer from their organisation
    replaces theirs)."""
    statement = (
        select(GoalUptake, Revision)
        .join(Revision, col(Revision.id) == GoalUptake.revision_id)
        .where(GoalUptake.answered_by == user_id)
        .order_by(col(GoalUptake.id))
    )
    return session.exec(statement).all()


def launched(session: Session) -> Sequence[Revision]:
    """Every revision whose goal an ambassador has confirmed launched, the first first."""
    statement = select(Revision).where(col(Revision.launched_at).is_not(None))
    return session.exec(statement.order_by(col(Revision.launched_at), col(Revision.id))).all()


def member_people(session: Session) -> Sequence[tuple[Person, Organisation]]:
    """Everyone in the roster with the member role, with their organisation."""
    statement = (
        select(Person, Organisation)
        .join(Organisation, col(Organisation.id) == Person.organisation_id)
        .where(col(Person.roles).contains("member"))
        .order_by(col(Organisation.name), col(Person.name))
    )
    return [
        (person, organisation)
        for person, organisation in session.exec(statement).all()
        if "member" in person.roles.split(";")
    ]


def approved_version(session: Session, *, revision_id: int) -> int | None:
    """The goal text's version the steering group approved: the one frozen into the latest
    passed vote on the revision (None: no text was frozen)."""
    statement = (
        select(Vote)
        .where(Vote.revision_id == revision_id, Vote.status == "closed")
        .order_by(col(Vote.closed_at).desc(), col(Vote.id).desc())
    )
    for vote in session.exec(statement).all():
        if (vote.result or {}).get("passed"):
            return vote.goal_version
    return None


def organisation_of(session: Session, *, slack_user_id: str) -> tuple[Person, Organisation] | None:
    statement = (
        select(Person, Organisation)
        .join(Organisation, col(Organisation.id) == Person.organisation_id)
        .where(Person.slack_user_id == slack_user_id)
    )
    row = session.exec(statement).first()
    return None if row is None else (row[0], row[1])
