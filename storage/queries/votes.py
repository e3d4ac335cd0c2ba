"""What votes ask the database. Keyword-only, given a session, never committing.

A click on a vote runs a handful of these in one transaction (``bot.domain.votes.ballots``): lock
the vote and read its state, find the voter's seat, read the seat's ballot, write the ballot,
move the waiting refresh of the vote message. They are plain Core statements on purpose: a click
costs a few of them and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, exists, func, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlmodel import Session, SQLModel, col, select

from storage.outbox import PENDING
from storage.tables import (
    Ballot,
    InternalApproval,
    Meeting,
    Organisation,
    OutboxMessage,
    Person,
    Revision,
    Vote,
)

_vote = SQLModel.metadata.tables[Vote.__tablename__]
_ballot = SQLModel.metadata.tables[Ballot.__tablename__]
_person = SQLModel.metadata.tables[Person.__tablename__]
_organisation = SQLModel.metadata.tables[Organisation.__tablename__]
_approval = SQLModel.metadata.tables[InternalApproval.__tablename__]
_outbox = SQLModel.metadata.tables[OutboxMessage.__tablename__]


def _lock(session: Session, vote_id: int) -> None:
    """SQLite has no row locks: a write takes the database's write lock up front, so the vote is
    locked by writing to it first. PostgreSQL locks the row as it is read (``FOR UPDATE``)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(_vote).where(_vote.c.id == vote_id).values(id=_vote.c.id))


def _for_update(session: Session) -> bool:
    return session.get_bind().dialect.name != "sqlite"


def locked_vote(session: Session, *, vote_id: int) -> Vote | None:
    """The vote, locked until the transaction ends: ballots, approvals and closing of one vote
    take turns, so a ballot is either in the result or refused."""
    _lock(session, vote_id)
    statement = select(Vote).where(Vote.id == vote_id)
    if _for_update(session):
        statement = statement.with_for_update()
    return session.exec(statement).first()


def locked_vote_state(session: Session, *, vote_id: int) -> Row[str, str, str, str] | None:
    """``locked_vote`` reading only what a click needs: status, kind, title, channel."""
    _lock(session, vote_id)
    statement = select(_vote.c.status, _vote.c.kind, _vote.c.title, _vote.c.channel_id).where(
        _vote.c.id == vote_id
    )
    if _for_update(session):
        statement = statement.with_for_update()
    return session.execute(statement).first()


def person_and_seat(
    session: Session, *, slack_user_id: str, seat_role: str
) -> Row[int, str, str, bool] | None:
    """The person's organisation id, roles and organisation name, and whether the organisation
    has a seat: a member whose roles (joined by ``;``) include ``seat_role``."""
    member = _person.alias("member")
    seated = exists().where(
        member.c.organisation_id == _person.c.organisation_id,
        (literal(";") + member.c.roles + literal(";")).contains(f";{seat_role};"),
    )
    statement = (
        select(
            _person.c.organisation_id,
            _person.c.roles,
            _organisation.c.name,
            seated.label("seated"),
        )
        .join(_organisation, _organisation.c.id == _person.c.organisation_id)
        .where(_person.c.slack_user_id == slack_user_id)
    )
    return session.execute(statement).first()


def seat_choice(session: Session, *, vote_id: int, organisation_id: int) -> str | None:
    """The seat's ballot as stored now, or None."""
    return session.execute(
        select(_ballot.c.choice).where(
            _ballot.c.vote_id == vote_id, _ballot.c.organisation_id == organisation_id
        )
    ).scalar_one_or_none()


def _upsert(
    session: Session, table: Table, values: dict[str, Any]
) -> SqliteInsert | PostgresInsert:
    """``INSERT`` in the dialect that can add ``ON CONFLICT … DO UPDATE`` to it."""
    if session.get_bind().dialect.name == "sqlite":
        return sqlite.insert(table).values(values)
    return postgresql.insert(table).values(values)


def put_ballot(
    session: Session,
    *,
    vote_id: int,
    organisation_id: int,
    choice: str,
    voter: str,
    cast_at: datetime,
) -> None:
    """The seat's ballot, inserted or overwritten: the latest counts."""
    statement = _upsert(
        session,
        _ballot,
        {
            "vote_id": vote_id,
            "organisation_id": organisation_id,
            "choice": choice,
            "voter": voter,
            "cast_at": cast_at,
            "changes": 0,
        },
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["vote_id", "organisation_id"],
            set_={
                "choice": statement.excluded.choice,
                "voter": statement.excluded.voter,
                "cast_at": statement.excluded.cast_at,
                "changes": _ballot.c.changes + 1,
            },
        )
    )


def put_approval(
    session: Session, *, vote_id: int, organisation_id: int, state: str, by: str, at: datetime
) -> None:
    """The seat's internal approval, inserted or overwritten."""
    statement = _upsert(
        session,
        _approval,
        {
            "vote_id": vote_id,
            "organisation_id": organisation_id,
            "state": state,
            "by": by,
            "at": at,
        },
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["vote_id", "organisation_id"],
            set_={"state": state, "by": by, "at": at},
        )
    )


def steering_seats(session: Session, *, seat_role: str) -> dict[int, str]:
    """Every organisation with a member whose roles include ``seat_role``: id → name."""
    rows = session.exec(
        select(Person.organisation_id, Person.roles, Organisation.name)
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id))
        .where(col(Person.roles).contains(seat_role))
    ).all()
    return {
        organisation_id: name
        for organisation_id, roles, name in rows
        if seat_role in roles.split(";")
    }


def ballots_of(session: Session, *, vote_id: int) -> Sequence[Ballot]:
    return session.exec(select(Ballot).where(Ballot.vote_id == vote_id)).all()


def approvals_of(session: Session, *, vote_id: int) -> Sequence[InternalApproval]:
    return session.exec(select(InternalApproval).where(InternalApproval.vote_id == vote_id)).all()


def open_vote_in_channel(session: Session, *, channel_id: str, status: str) -> Vote | None:
    """The newest vote in the channel with that status."""
    return session.exec(
        select(Vote)
        .where(Vote.channel_id == channel_id, Vote.status == status)
        .order_by(col(Vote.id).desc())
    ).first()


def vote_of_revision(session: Session, *, revision_id: int, status: str) -> Vote | None:
    return session.exec(
        select(Vote).where(Vote.revision_id == revision_id, Vote.status == status)
    ).first()


def vote_titled(
    session: Session, *, channel_id: str, status: str, kind: str, title: str
) -> Vote | None:
    return session.exec(
        select(Vote).where(
            Vote.channel_id == channel_id,
            Vote.status == status,
            Vote.kind == kind,
            Vote.title == title,
        )
    ).first()


def current_or_next_meeting(session: Session, *, channel_id: str, now: datetime) -> Meeting | None:
    """The channel's planned meeting going on now, else its next one."""
    return session.exec(
        select(Meeting)
        .where(
            Meeting.channel_id == channel_id,
            Meeting.status == "planned",
            col(Meeting.ends_at) > now,
        )
        .order_by(col(Meeting.starts_at))
    ).first()


def newest_revision_of_goal(session: Session, *, goal: str) -> Revision | None:
    """The newest revision of the goal, its name compared without regard to case."""
    return session.exec(
        select(Revision)
        .where(func.lower(Revision.goal) == goal.lower())
        .order_by(col(Revision.id).desc())
    ).first()


def due_to_close(session: Session, *, status: str, now: datetime) -> Sequence[int]:
    """Ids of the votes with that status whose closing time has come."""
    return session.exec(
        select(col(Vote.id)).where(
            Vote.status == status, col(Vote.closes_at).is_not(None), col(Vote.closes_at) <= now
        )
    ).all()


def votes_of_meeting(session: Session, *, meeting_id: int, status: str) -> Sequence[Vote]:
    return session.exec(
        select(Vote).where(Vote.meeting_id == meeting_id, Vote.status == status)
    ).all()


def seat_has_ballot(session: Session, *, vote_id: int, organisation_id: int) -> bool:
    return (
        session.exec(
            select(Ballot.id).where(
                Ballot.vote_id == vote_id, Ballot.organisation_id == organisation_id
            )
        ).first()
        is not None
    )


def count_with_status(session: Session, *, status: str) -> int:
    return session.exec(select(func.count()).select_from(Vote).where(Vote.status == status)).one()


def votes_with_status(session: Session, *, status: str) -> Sequence[Vote]:
    """In the order they closed."""
    return session.exec(
        select(Vote).where(Vote.status == status).order_by(col(Vote.closed_at), col(Vote.id))
    ).all()


def hasten_waiting(session: Session, *, subject: str, kind: str, due: datetime) -> int:
    """Move the subject's rows of that kind still waiting to be sent to ``due``; returns how
    many were waiting."""
    result = session.connection().execute(
        update(_outbox)
        .where(
            _outbox.c.subject == subject,
            _outbox.c.kind == kind,
            _outbox.c.status == PENDING,
        )
        .values(due_at=due)
    )
    return result.rowcount
