"""A claimed outbox row as the dispatcher sees it: its id, its due time, what became of it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import Enum

from storage.tables import OutboxMessage


class Outcome(Enum):
    SENT = "sent"
    CANCELLED = "cancelled"
    FAILED = "failed"
    RETRIED = "retried"  # released with a backoff after a failed attempt
    DEFERRED = "deferred"  # given back untried: the lease was running out, or we are stopping
    LOST = "lost"  # the lease ran out meanwhile and another worker holds the row now


@dataclass
class DispatchReport:
    """What one ``run_once`` did with the rows it claimed."""

    claimed: int = 0
    sent: int = 0
    cancelled: int = 0
    failed: int = 0
    retried: int = 0
    deferred: int = 0
    lost: int = 0

    def __add__(self, other: DispatchReport) -> DispatchReport:
        return DispatchReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


def row_id(row: OutboxMessage) -> int:
    if row.id is None:
        raise ValueError("an outbox row without an id cannot be dispatched")
    return row.id


def aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; the outbox stores UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
