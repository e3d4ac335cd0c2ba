"""Requests from Slack that were acted on: the same request delivered again (Slack retries an
event, a command or a click it thinks was lost) is acknowledged and not acted on twice.

What was handled is a row with a unique key in the database (``handled_request``), written in
the same transaction as the change the request makes, so it holds across processes sharing one
database and across restarts: of two deliveries racing in two processes, one commits its
change with the key and the other's change is rolled back (``AlreadyHandled``). A request that
changes nothing is recorded once it is done. Rows older than ``KEEP`` are pruned: Slack
retries within minutes, and refuses anything signed more than five minutes ago.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from storage.database import Database
from storage.queries.requests import forget_handled, is_handled, record_handled

KEEP = timedelta(hours=1)


class AlreadyHandled(Exception):
    """The request was acted on before; what this delivery did is rolled back."""


def handled(db: Database, *, key: str) -> bool:
    """Whether ``key`` was acted on already (one read by the primary key)."""
    with db.reading() as session:
        return is_handled(session, key=key)


def begin(db: Database, *, key: str, now: datetime) -> None:
    """Record ``key`` with the next change this thread makes; that change raises
    ``AlreadyHandled`` (and is rolled back) if another delivery recorded it first."""

    def record(session: Session) -> None:
        if not record_handled(session, key=key, at=now):
            raise AlreadyHandled(key)

    db.with_next_change(record)


def end(db: Database, *, key: str, now: datetime) -> None:
    """Done with the request: if it changed nothing, record it now (a later delivery of it is
    then not acted on)."""
    if not db.waiting_for_change():
        return
    db.with_next_change(None)
    with db.transaction(housekeeping=True) as session:
        record_handled(session, key=key, at=now)


def forget_old(db: Database, *, now: datetime) -> int:
    """Prune the records older than ``KEEP``; how many went."""
    with db.transaction(housekeeping=True) as session:
        return forget_handled(session, before=now - KEEP)
