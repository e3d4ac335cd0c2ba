"""What votes ask the database. Keyword-only, given a session, never committing.

A click on a vote runs a handful of these in one transaction (``bot.domain.votes.ballots``): lock
the vote against closing and read its state with the voter's seat, write the ballot (reading
back the choice it replaced), move the waiting refresh of the vote message. They are plain Core
statements on purpose: a click costs a few of them and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Table, bindparam, exists, func, literal, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlmodel import Session, SQLModel, col, select

from storage import locks
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


def locked_vote(session: Session, *, vote_id: int) -> Vote | None:
    """The vote, locked until the transaction ends (``storage.locks``): closing takes it alone,
    so a ballot is either in the result or refused (``click_state``)."""
    return locks.locked(session, Vote, vote_id)


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# The statements a click runs, built once: a click costs a few of them and little else. Bound
# values are named ``p_…`` where a column of the same name is written.
_member = _person.alias("member")
_STATE = (_vote.c.status, _vote.c.kind, _vote.c.title, _vote.c.channel_id, _vote.c.opens_at)
_SEAT_COLUMNS = (
    _person.c.organisation_id,
    _person.c.roles,
    _organisation.c.name,
    exists()
    .where(
        _member.c.organisation_id == _person.c.organisation_id,
        (literal(";") + _member.c.roles + literal(";")).contains(bindparam("p_seat_role")),
    )
    .label("seated"),
    _person.c.locale,
)
_PERSON_WITH_ORGANISATION = _person.join(
    _organisation, _organisation.c.id == _person.c.organisation_id
)
_LOCK_STATE_SQLITE = (
    update(_vote).where(_vote.c.id == bindparam("p_vote")).values(id=_vote.c.id).returning(*_STATE)
)
_SEAT_SQLITE = (
    core_select(*_SEAT_COLUMNS)
    .select_from(_PERSON_WITH_ORGANISATION)
    .where(_person.c.slack_user_id == bindparam("p_user"))
)
# PostgreSQL: the vote's state and the voter's seat in one statement, the vote's row locked
# ``FOR KEY SHARE``: clicks share it, closing (``FOR UPDATE``) waits for them and they for it.
_CLICK_POSTGRES = (
    core_select(*_STATE, *_SEAT_COLUMNS)
    .select_from(
        _vote.outerjoin(_PERSON_WITH_ORGANISATION, _person.c.slack_user_id == bindparam("p_user"))
    )
    .where(_vote.c.id == bindparam("p_vote"))
    .with_for_update(read=True, key_share=True, of=_vote)
)


def _put_ballot(insert: Callable[[Table], SqliteInsert | PostgresInsert]) -> Executable:
    statement = insert(_ballot).values(
        vote_id=bindparam("p_vote"),
        organisation_id=bindparam("p_organisation"),
        choice=bindparam("p_choice"),
        voter=bindparam("p_voter"),
        cast_at=bindparam("p_at"),
        changes=0,
        replaced=None,
    )
    return statement.on_conflict_do_update(
        index_elements=["vote_id", "organisation_id"],
        set_={
            "choice": statement.excluded.choice,
            "voter": statement.excluded.voter,
            "cast_at": statement.excluded.cast_at,
            "changes": _ballot.c.changes + 1,
            "replaced": _ballot.c.choice,
        },
    ).returning(_ballot.c.replaced)


_PUT_BALLOT_SQLITE = _put_ballot(sqlite.insert)
_PUT_BALLOT_POSTGRES = _put_ballot(postgresql.insert)
# The oldest refresh still waiting, and only that one: every click moves the same row, so
# clicks that run at once on PostgreSQL lock it in the same order and never each other's.
_HASTEN = (
    update(_outbox)
    .where(
        _outbox.c.id
        == core_select(_outbox.c.id)
        .where(
            _outbox.c.subject == bindparam("p_subject"),
            _outbox.c.kind == bindparam("p_kind"),
            _outbox.c.status == PENDING,
        )
        .order_by(_outbox.c.id)
        .limit(1)
        .scalar_subquery(),
        _outbox.c.status == PENDING,
    )
    .values(due_at=bindparam("p_due"))
)


@dataclass(frozen=True)
class ClickState:
    """What a click on a vote reads, the vote locked against closing for the transaction."""

    status: str
    kind: str
    title: str
    channel_id: str
    opens_at: datetime | None
    """When ballots are taken from (the meeting's start); None: from the vote's opening."""
    seat: tuple[int, str, str, bool, str | None] | None
    """The voter's organisation id, roles (joined by ``;``), organisation name, whether the
    organisation has a seat, and the voter's locale; None if the voter is not in the roster."""


def click_state(
    session: Session, *, vote_id: int, slack_user_id: str, seat_role: str
) -> ClickState | None:
    """The vote's status, kind, title, channel and opening time, and the voter's seat; None if
    there is no
    such vote. Ballots of one vote share its lock and closing takes it
    alone, so a ballot is either in the result or refused: on PostgreSQL ``FOR KEY SHARE`` (one
    statement); on SQLite, which has no row locks, the vote is written first, which takes the
    database's write lock up front, then the seat is read."""
    values = {"p_user": slack_user_id, "p_seat_role": f";{seat_role};", "p_vote": vote_id}
    connection = session.connection()
    if _sqlite(session):
        state = connection.execute(_LOCK_STATE_SQLITE, values).first()
        if state is None:
            return None
        seat = connection.execute(_SEAT_SQLITE, values).first()
        status, kind, title, channel_id, opens_at = state
        return ClickState(
            status, kind, title, channel_id, opens_at, seat=None if seat is None else tuple(seat)
        )
    row = connection.execute(_CLICK_POSTGRES, values).first()
    if row is None:
        return None
    status, kind, title, channel_id, opens_at, *person = row
    return ClickState(
        status, kind, title, channel_id, opens_at, seat=None if person[0] is None else tuple(person)
    )


def put_ballot(
    session: Session,
    *,
    vote_id: int,
    organisation_id: int,
    choice: str,
    voter: str,
    cast_at: datetime,
) -> str | None:
    """The seat's ballot, inserted or overwritten: the latest counts. Returns the choice it
    replaced (None for the seat's first), read by the same statement that wrote it."""
    return (
        session.connection()
        .execute(
            _PUT_BALLOT_SQLITE if _sqlite(session) else _PUT_BALLOT_POSTGRES,
            {
                "p_vote": vote_id,
                "p_organisation": organisation_id,
                "p_choice": choice,
                "p_voter": voter,
                "p_at": cast_at,
            },
        )
        .scalar_one()
    )


def _upsert(
    session: Session, table: Table, values: dict[str, Any]
) -> SqliteInsert | PostgresInsert:
    """``INSERT`` in the dialect that can add ``ON CONFLICT … DO UPDATE`` to it."""
    if _sqlite(session):
        return sqlite.insert(table).values(values)
    return postgresql.insert(table).values(values)


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
    """Move the subject's oldest row of that kind still waiting to be sent to ``due``; returns
    1 if one was waiting, else 0."""
    result = session.connection().execute(
        _HASTEN, {"p_subject": subject, "p_kind": kind, "p_due": due}
    )
    return result.rowcount
