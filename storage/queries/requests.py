"""Requests from Slack already acted on (``HandledRequest``). Keyword-only, take a session,
never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from storage.tables import HandledRequest, table_of

_TABLE = table_of(HandledRequest)
_FIRST = {
    "postgresql": postgresql_insert(_TABLE)
    .on_conflict_do_nothing(index_elements=["key"])
    .returning(_TABLE.c.key),
    "sqlite": sqlite_insert(_TABLE)
    .on_conflict_do_nothing(index_elements=["key"])
    .returning(_TABLE.c.key),
}


def record_handled(session: Session, *, key: str, at: datetime) -> bool:
    """Record ``key`` as handled; False if it was recorded already (by any process). One
    statement: the primary key decides, with no read before it."""
    connection = session.connection()
    statement = _FIRST[connection.dialect.name]
    return connection.execute(statement, {"key": key, "handled_at": at}).first() is not None


_SELECT = select(_TABLE.c.key).where(_TABLE.c.key == bindparam("key"))


def is_handled(session: Session, *, key: str) -> bool:
    """Whether ``key`` is recorded (one read by the primary key)."""
    return session.connection().execute(_SELECT, {"key": key}).first() is not None


def forget_handled(session: Session, *, before: datetime) -> int:
    """Delete the keys handled before ``before``; how many."""
    result = session.connection().execute(delete(_TABLE).where(_TABLE.c.handled_at < before))
    return int(result.rowcount or 0)
