"""What a vote click asks the database, compiled once for its dialect (``storage.prepared``).

Every click on a vote asks the same few things: lock the vote and read its state, find the
voters' seats, read the seats' ballots, write the ballots and their audit entries, move the
waiting refresh of the vote message. ``bot.domain.votes`` decides; these are only the statements.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, exists, insert, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlmodel import Session, select

from storage.prepared import Prepared
from storage.tables import AuditEntry, Ballot, Organisation, OutboxMessage, Person, Vote

BALLOT_COLUMNS = ("vote_id", "organisation_id", "choice", "voter", "cast_at", "changes")
AUDIT_COLUMNS = ("at", "actor", "action", "entity", "before", "after")


@dataclass(frozen=True)
class BallotStatements:
    lock: Prepared | None
    """``vote_id``. SQLite has no row locks: a write takes the database's write lock up front;
    elsewhere ``vote`` locks the row. None where ``vote`` does it."""
    vote: Prepared
    """``vote_id`` → (status, kind, title, channel_id)."""
    ballots: Prepared
    """``vote_id`` → (organisation_id, choice) of each seat's ballot."""
    ballot: Prepared
    """``BALLOT_COLUMNS``: the seat's ballot, inserted or overwritten (the latest counts)."""
    audit: Prepared
    """``AUDIT_COLUMNS``: an audit entry."""
    refresh: Prepared
    """``subject``, ``kind``, ``status``, ``due``: move the outbox rows of that subject, kind
    and status to ``due``; the count is how many were waiting."""
    voters: Callable[[int], Prepared]
    """For that many users ``user_0``…: (slack_user_id, organisation_id, roles, organisation
    name, whether the organisation has a member whose roles, joined by ";" and wrapped in
    ";", contain ``seat_role``)."""


_KNOWN: dict[tuple[str, str], BallotStatements] = {}
_KNOWN_LOCK = threading.Lock()


def statements_for(session: Session) -> BallotStatements:
    dialect = session.get_bind().dialect
    key = (dialect.name, dialect.driver)
    known = _KNOWN.get(key)
    if known is None:
        with _KNOWN_LOCK:
            known = _KNOWN.get(key) or _KNOWN.setdefault(key, _compile(dialect))
    return known


def _compile(dialect: Dialect) -> BallotStatements:
    vote, person, organisation = Vote.__table__, Person.__table__, Organisation.__table__
    member = person.alias("member")
    ballot, audit, outbox = Ballot.__table__, AuditEntry.__table__, OutboxMessage.__table__
    on_sqlite = dialect.name == "sqlite"
    upsert = (sqlite.insert if on_sqlite else postgresql.insert)(ballot).values(
        {name: bindparam(name) for name in BALLOT_COLUMNS}
    )
    read_vote = select(vote.c.status, vote.c.kind, vote.c.title, vote.c.channel_id).where(
        vote.c.id == bindparam("vote_id")
    )

    @cache
    def voters(count: int) -> Prepared:
        seated = exists().where(
            member.c.organisation_id == person.c.organisation_id,
            (literal(";") + member.c.roles + literal(";")).contains(bindparam("seat_role")),
        )
        statement = (
            select(
                person.c.slack_user_id,
                person.c.organisation_id,
                person.c.roles,
                organisation.c.name,
                seated.label("seated"),
            )
            .join(organisation, organisation.c.id == person.c.organisation_id)
            .where(person.c.slack_user_id.in_([bindparam(f"user_{i}") for i in range(count)]))
        )
        return Prepared(statement, dialect)

    return BallotStatements(
        lock=(
            Prepared(
                update(vote).where(vote.c.id == bindparam("vote_id")).values(id=vote.c.id),
                dialect,
            )
            if on_sqlite
            else None
        ),
        vote=Prepared(read_vote if on_sqlite else read_vote.with_for_update(), dialect),
        ballots=Prepared(
            select(ballot.c.organisation_id, ballot.c.choice).where(
                ballot.c.vote_id == bindparam("vote_id")
            ),
            dialect,
        ),
        ballot=Prepared(
            upsert.on_conflict_do_update(
                index_elements=["vote_id", "organisation_id"],
                set_={
                    "choice": upsert.excluded.choice,
                    "voter": upsert.excluded.voter,
                    "cast_at": upsert.excluded.cast_at,
                    "changes": ballot.c.changes + 1,
                },
            ),
            dialect,
        ),
        audit=Prepared(
            insert(audit).values({name: bindparam(name) for name in AUDIT_COLUMNS}), dialect
        ),
        refresh=Prepared(
            update(outbox)
            .where(
                outbox.c.subject == bindparam("subject"),
                outbox.c.kind == bindparam("kind"),
                outbox.c.status == bindparam("status"),
            )
            .values(due_at=bindparam("due")),
            dialect,
        ),
        voters=voters,
    )
