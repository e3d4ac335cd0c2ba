"""Outgoing work as data (STYLE §8).

Everything pogi sends later is an ``OutboxMessage`` row, written with ``schedule`` in the same
transaction as the change that caused it. The dispatcher (``bot.delivery.dispatcher``) claims
due rows and asks the composer registered for the row's ``kind`` what to send *now*, from the
current state: a composer that returns ``None`` means the subject is gone (a cancelled meeting,
finished homework), and the row is dropped unsent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.tables import OutboxMessage

PENDING, SENDING, SENT, CANCELLED, FAILED = "pending", "sending", "sent", "cancelled", "failed"


@dataclass(frozen=True)
class Attachment:
    """A file shared with the message, e.g. a meeting's ``.ics``."""

    filename: str
    title: str
    content: bytes


@dataclass(frozen=True)
class Outgoing:
    """One message for Slack, in plain values: the dispatcher turns it into Web API calls.

    ``channel`` is a channel id or, for a direct message, a user id. ``update_ts`` edits an
    earlier message instead of posting a new one.
    """

    channel: str
    text: str
    blocks: list[dict[str, Any]] | None = None
    attachment: Attachment | None = None
    update_ts: str | None = None
    thread_ts: str | None = None


@dataclass(frozen=True)
class Sent:
    """What Slack answered: where the message landed."""

    channel: str
    ts: str | None


@dataclass
class Composer:
    """How one kind of row becomes a message, and what to remember once it is sent."""

    compose: Callable[[Session, OutboxMessage], Outgoing | None]
    after_sent: Callable[[Session, OutboxMessage, Sent], None] | None = None


@dataclass
class Composers:
    by_kind: dict[str, Composer] = field(default_factory=dict)

    def register(self, kind: str, composer: Composer) -> None:
        self.by_kind[kind] = composer

    def __getitem__(self, kind: str) -> Composer:
        return self.by_kind[kind]


def schedule(
    session: Session,
    *,
    kind: str,
    subject: str,
    destination: str,
    due_at: datetime,
    data: dict[str, Any] | None = None,
    now: datetime,
) -> OutboxMessage:
    """Add a row; the caller's transaction commits it together with the change itself."""
    row = OutboxMessage(
        kind=kind,
        subject=subject,
        destination=destination,
        due_at=due_at,
        data=data,
        created_at=now,
    )
    session.add(row)
    return row


SHORTLY_BEFORE_A_MEETING = timedelta(days=1)
"""Reminders closer than this to a meeting go when they say, working hours or not."""


def schedule_at_offsets(
    session: Session,
    *,
    kind: str,
    subject: str,
    destinations: Iterable[tuple[str, dict[str, Any] | None]],
    event_at: datetime,
    offsets: Iterable[timedelta],
    now: datetime,
    working: WorkingHours | None = None,
    keep_within: timedelta = timedelta(0),
) -> int:
    """A row for each destination at each offset before ``event_at`` that is still to come
    (reminders at ``7d,1d,2h`` before a meeting); a time already past is left out. Each
    destination comes with its row's data (``None`` for none); ``{"offset": seconds}`` is added
    to it. Returns how many rows were added.

    With ``working`` hours, a reminder that would fall outside them goes at the start of the
    next working period instead (``WorkingHours.place_reminder``), except one less than
    ``keep_within`` before the event (a reminder shortly before a meeting goes when it says);
    two reminders moved to the same time are sent once."""
    targets = list(destinations)
    added = 0
    placed: set[datetime] = set()
    for offset in offsets:
        due = event_at - offset
        if working is not None and offset >= keep_within:
            due = working.place_reminder(due, before=event_at)
        if due <= now or due in placed:
            continue
        placed.add(due)
        for destination, data in targets:
            schedule(
                session,
                kind=kind,
                subject=subject,
                destination=destination,
                due_at=due,
                data={**(data or {}), "offset": int(offset.total_seconds())},
                now=now,
            )
            added += 1
    return added


def cancel(session: Session, *, subject: str, kinds: Iterable[str] | None = None) -> int:
    """Drop the subject's rows that are not sent yet; returns how many."""
    statement = select(OutboxMessage).where(
        OutboxMessage.subject == subject, col(OutboxMessage.status).in_([PENDING, FAILED])
    )
    if kinds is not None:
        statement = statement.where(col(OutboxMessage.kind).in_(list(kinds)))
    rows = session.exec(statement).all()
    for row in rows:
        row.status = CANCELLED
        session.add(row)
    return len(rows)


def pending(session: Session, *, subject: str) -> list[OutboxMessage]:
    statement = (
        select(OutboxMessage)
        .where(OutboxMessage.subject == subject, OutboxMessage.status == PENDING)
        .order_by(col(OutboxMessage.due_at))
    )
    return list(session.exec(statement).all())


@dataclass(frozen=True)
class Undelivered:
    kind: str
    destination: str
    due_at: datetime
    error: str


def undelivered(db: Database, *, limit: int = 10) -> list[Undelivered]:
    """What could not be delivered (a deleted or archived channel…), newest first, for the
    secretariat's overview."""
    from storage.outbox import failed_deliveries

    with db.reading() as session:
        return [
            Undelivered(row.kind, row.destination, row.due_at, row.last_error or "")
            for row in failed_deliveries(session, limit=limit)
        ]
