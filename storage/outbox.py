"""Outbox queries for the dispatcher: claim due rows, then record what became of each one.

Keyword-only, take a session, never commit: the caller's transaction does (STYLE §6). Every
state change is one ``UPDATE`` guarded by ``claimed_by = worker AND status = 'sending'``, so a
worker whose lease ran out (and whose row another worker has claimed since) changes nothing and
learns so from the ``False`` it gets back.

SQLite: each function's ``UPDATE`` must be the first statement of its transaction. SQLite then
takes the write lock before it reads, waiting out other writers (``busy_timeout``) instead of
failing with "database is locked" when its snapshot is stale.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ClauseElement, Update, and_, bindparam, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.tables import OutboxMessage, table_of

# The same words as ``bot.domain.outbox``; storage does not import the domain (STYLE §1).
PENDING, SENDING, SENT, CANCELLED, FAILED = "pending", "sending", "sent", "cancelled", "failed"
ERROR_LENGTH = 300  # the width of ``outbox.last_error``
CLAIM_LOCK = 0x706F6769  # PostgreSQL's advisory lock that claims take turns on ("pogi")


def claim_due(
    session: Session, *, now: datetime, worker: str, lease: timedelta, limit: int
) -> list[OutboxMessage]:
    """Claim up to ``limit`` rows that are due, or whose worker let its lease run out, oldest
    first, keeping each destination's order: a row is not claimed while an older row to the
    same destination is being sent (by any worker) or waits to be tried again.

    One ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING``: on SQLite the whole statement
    runs under the single write lock; on PostgreSQL the claims of all workers take turns (a
    transaction-scoped advisory lock, held for the one statement), so each sees the rows the
    one before it claimed as being sent. Either way no row is handed to two workers, and no
    row overtakes an older one to its destination. Rows come back oldest first.
    """
    now = _utc(now)
    claimable = or_(
        and_(col(OutboxMessage.status) == PENDING, col(OutboxMessage.due_at) <= now),
        and_(col(OutboxMessage.status) == SENDING, col(OutboxMessage.lease_until) < now),
    )
    older = aliased(OutboxMessage)
    waits_for_older = (
        select(older.id)
        .where(
            col(older.destination) == col(OutboxMessage.destination),
            col(older.id) < col(OutboxMessage.id),
            or_(
                and_(col(older.status) == SENDING, col(older.lease_until) >= now),
                and_(
                    col(older.status) == PENDING,
                    col(older.attempts) > 0,
                    col(older.due_at) > now,
                ),
            ),
        )
        .exists()
    )
    candidates = (
        select(OutboxMessage.id)
        .where(claimable, ~waits_for_older)
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(CLAIM_LOCK)))
        candidates = candidates.with_for_update(skip_locked=True)
    statement = (
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(candidates))
        .values(
            status=SENDING,
            claimed_by=worker,
            lease_until=now + lease,
            attempts=col(OutboxMessage.attempts) + 1,
        )
        .returning(OutboxMessage)
    )
    rows = session.scalars(
        statement,
        execution_options={"synchronize_session": False, "populate_existing": True},
    ).all()
    return sorted(rows, key=lambda row: row.id or 0)


def mark_sent(
    session: Session, *, id: int, worker: str, now: datetime, result: Mapping[str, Any]
) -> bool:
    """Sent: remember where it landed. ``False`` if this worker no longer holds the row."""
    return _finish(
        session,
        id=id,
        worker=worker,
        status=SENT,
        sent_at=_utc(now),
        result=dict(result),
        lease_until=None,
    )


def mark_sent_many(
    session: Session, *, worker: str, now: datetime, results: Mapping[int, Mapping[str, Any]]
) -> int:
    """``mark_sent`` for several rows in one statement; returns how many this worker held.

    Fewer than ``len(results)`` means some lease ran out: the caller rolls back and marks the
    rows one by one to learn which.
    """
    if not results:
        return 0
    now = _utc(now)
    parameters = [
        {
            "guard_id": id,
            "guard_worker": worker,
            "status": SENT,
            "sent_at": now,
            "result": dict(result),
            "lease_until": None,
        }
        for id, result in results.items()
    ]
    statement = _guarded_update(("lease_until", "result", "sent_at", "status"))
    return session.connection().execute(statement, parameters).rowcount


def release(
    session: Session,
    *,
    id: int,
    worker: str,
    due_at: datetime,
    error: str | None,
    attempted: bool = True,
) -> bool:
    """Back to pending, due again at ``due_at``.

    ``attempted=False`` gives back a row that was claimed but never tried (its lease was about
    to run out), so the claim does not count against its attempts.
    """
    values: dict[str, Any] = {
        "status": PENDING,
        "due_at": _utc(due_at),
        "claimed_by": None,
        "lease_until": None,
    }
    if error is not None:
        values["last_error"] = _short(error)
    if not attempted:
        values["attempts"] = col(OutboxMessage.attempts) - 1
    return _finish(session, id=id, worker=worker, **values)


def record_progress(session: Session, *, id: int, worker: str, result: Mapping[str, Any]) -> bool:
    """Remember a step that must not be repeated (the message is posted, the file is not yet)."""
    return _finish(session, id=id, worker=worker, status=SENDING, result=dict(result))


def mark_failed(session: Session, *, id: int, worker: str, error: str) -> bool:
    """Given up for good; ``failed_deliveries`` shows it to the secretariat."""
    return _finish(
        session, id=id, worker=worker, status=FAILED, last_error=_short(error), lease_until=None
    )


def mark_cancelled(session: Session, *, id: int, worker: str, reason: str | None = None) -> bool:
    """Nothing to send any more: the subject is gone or changed so that the row no longer fits."""
    values: dict[str, Any] = {"status": CANCELLED, "lease_until": None}
    if reason is not None:
        values["last_error"] = _short(reason)
    return _finish(session, id=id, worker=worker, **values)


def failed_deliveries(session: Session, *, limit: int = 20) -> list[OutboxMessage]:
    """What could not be delivered, newest first.

    A failed row's ``due_at`` is its last attempt (a retry moves it), so it orders by that.
    """
    statement = (
        select(OutboxMessage)
        .where(OutboxMessage.status == FAILED)
        .order_by(col(OutboxMessage.due_at).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement).all())


def counts_by_status(session: Session) -> dict[str, int]:
    """How many rows are in each status; every status is present, zero or not."""
    statement = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    counts = dict.fromkeys((PENDING, SENDING, SENT, CANCELLED, FAILED), 0)
    for status, count in session.exec(statement).all():
        counts[status] = count
    return counts


def _finish(session: Session, *, id: int, worker: str, **values: Any) -> bool:
    plain = {name: value for name, value in values.items() if not isinstance(value, ClauseElement)}
    statement = _guarded_update(tuple(sorted(plain)))
    if len(plain) < len(values):  # an expression such as attempts - 1: rare, built as needed
        statement = statement.values({n: v for n, v in values.items() if n not in plain})
    parameters = {"guard_id": id, "guard_worker": worker, **plain}
    return session.connection().execute(statement, parameters).rowcount == 1


@functools.cache
def _guarded_update(columns: tuple[str, ...]) -> Update:
    """``UPDATE outbox SET … WHERE id = ? AND claimed_by = ? AND status = 'sending'``.

    Built once per set of columns and run on the session's connection: the dispatcher runs one
    per row sent, and building SQL expressions costs more than running them.
    """
    table = table_of(OutboxMessage)
    statement = update(table).where(
        table.c.id == bindparam("guard_id"),
        table.c.claimed_by == bindparam("guard_worker"),
        table.c.status == SENDING,
    )
    if columns:
        statement = statement.values(
            {name: bindparam(name, type_=table.c[name].type) for name in columns}
        )
    return statement


def _utc(moment: datetime) -> datetime:
    # SQLite compares timestamps as text, so every stored and compared time must be in UTC.
    if moment.tzinfo is None:
        raise ValueError("outbox times must be timezone-aware")
    return moment.astimezone(UTC)


def _short(error: str) -> str:
    return error if len(error) <= ERROR_LENGTH else error[: ERROR_LENGTH - 1] + "…"
