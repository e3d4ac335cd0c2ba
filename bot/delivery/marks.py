"""What the dispatcher writes about the rows it holds: sent, cancelled, retried, failed, given back.

Every mark is guarded by the claim (``storage.outbox``): it changes a row only while this worker
still holds it, and says whether it did. A row another worker holds now is ``LOST`` here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.delivery.rows import Outcome, aware, row_id
from bot.domain.outbox import Composer, Sent
from storage import outbox as queries
from storage.database import Database
from storage.tables import OutboxMessage

T = TypeVar("T")

BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=15)
_LOCK_RETRIES = 5


@dataclass(eq=False)
class Mark:
    """A row Slack accepted, waiting for its ``mark_sent``."""

    row: OutboxMessage
    composer: Composer
    sent: Sent

    @property
    def result(self) -> dict[str, Any]:
        return {"channel": self.sent.channel, "ts": self.sent.ts}


class Marker:
    """Marks sent rows from a thread of its own, everything that waits in one transaction.

    The sending threads go on with other destinations meanwhile, so one commit (one disk
    flush) covers the rows that were sent while the previous one was written.
    """

    def __init__(self, commit: Callable[[list[Mark]], None]) -> None:
        self._commit = commit
        self._changed = threading.Condition()
        self._waiting: list[Mark] = []
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="pogi-dispatch-marks", daemon=True)
        self._thread.start()

    def submit(self, mark: Mark) -> None:
        with self._changed:
            self._waiting.append(mark)
            self._changed.notify()

    def close(self) -> None:
        """Mark what is waiting, then end the thread."""
        with self._changed:
            self._closed = True
            self._changed.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._closed:
                    self._changed.wait()
                if not self._waiting:
                    return
                batch, self._waiting = self._waiting, []
            try:
                self._commit(batch)
            except Exception:  # the commit finishes its rows itself; keep marking the others
                logging.getLogger("pogi.dispatcher").exception("marking sent rows failed")


class _LeaseLost(Exception):
    """Another worker holds a row this worker sent."""


class Marks:
    """One worker's writes to the outbox, each in a transaction of its own."""

    def __init__(
        self,
        db: Database,
        *,
        worker: str,
        clock: Callable[[], datetime],
        max_attempts: int,
        logger: logging.Logger,
    ) -> None:
        self.db = db
        self.worker = worker
        self.clock = clock
        self.max_attempts = max_attempts
        self.logger = logger

    def write(self, work: Callable[[Session], T]) -> T:
        """One transaction; on SQLite, "database is locked" is waited out a few times more."""
        for attempt in range(_LOCK_RETRIES):
            try:
                with self.db.transaction() as session:
                    return work(session)
            except OperationalError as error:
                if "database is locked" not in str(error) or attempt == _LOCK_RETRIES - 1:
                    raise
                self.logger.info("the database is locked; trying again")
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def record_progress(self, row: OutboxMessage, progress: Mapping[str, Any]) -> bool:
        """The message is posted and its file is still to come."""
        return self.write(
            lambda session: queries.record_progress(
                session, id=row_id(row), worker=self.worker, result=progress
            )
        )

    # -- sent ------------------------------------------------------------------------------

    def sent(
        self, marks: list[Mark], *, finish: Callable[[OutboxMessage, Outcome], object]
    ) -> None:
        """Mark rows sent, each with its ``after_sent``, all in one transaction; ``finish``
        hears each row's outcome, whatever happens.

        If that fails (a lease ran out, an ``after_sent`` raised), each row gets a transaction
        of its own, and a row whose ``after_sent`` fails is marked sent without it: the message
        is out, and sending it again would be worse than a missing note of it.
        """
        marked: Sequence[bool | BaseException] = []
        try:
            marked = self.write(lambda session: self._mark_together(session, marks))
        except Exception:
            marked = [self._mark_alone(mark) for mark in marks]
        finally:
            for index, mark in enumerate(marks):
                done = marked[index] if index < len(marked) else False
                finish(mark.row, self._sent_outcome(mark.row, done))

    def _mark_together(self, session: Session, marks: list[Mark]) -> list[bool]:
        now = self.clock()
        results = {row_id(mark.row): mark.result for mark in marks}
        if queries.mark_sent_many(session, worker=self.worker, now=now, results=results) < len(
            marks
        ):
            raise _LeaseLost  # roll back; one by one tells which
        for mark in marks:
            self._after_mark(session, mark, now=now, after_sent=True)
        return [True] * len(marks)

    def _mark_alone(self, mark: Mark) -> bool | BaseException:
        """With its ``after_sent`` if that works, else without; the error if neither does."""
        for after_sent in (True, False):
            try:
                return self.write(partial(self._mark_one, mark=mark, after_sent=after_sent))
            except Exception as error:
                if not after_sent:
                    return error
                self.logger.exception(
                    "outbox row %s (%s → %s) was sent, but marking it with its after_sent "
                    "failed; marking it sent without",
                    mark.row.id,
                    mark.row.kind,
                    mark.row.destination,
                )
        raise AssertionError("unreachable")

    def _mark_one(self, session: Session, *, mark: Mark, after_sent: bool) -> bool:
        now = self.clock()
        if not queries.mark_sent(
            session, id=row_id(mark.row), worker=self.worker, now=now, result=mark.result
        ):
            return False
        self._after_mark(session, mark, now=now, after_sent=after_sent)
        return True

    def _after_mark(self, session: Session, mark: Mark, *, now: datetime, after_sent: bool) -> None:
        row = mark.row
        row.status, row.sent_at, row.result, row.lease_until = queries.SENT, now, mark.result, None
        if after_sent and mark.composer.after_sent is not None:
            mark.composer.after_sent(session, row, mark.sent)

    def _sent_outcome(self, row: OutboxMessage, marked: bool | BaseException) -> Outcome:
        if marked is True:
            return Outcome.SENT
        if marked is False:
            self.logger.warning(
                "outbox row %s (%s → %s) was sent after its lease ran out; another worker "
                "holds it now and may send it again",
                row.id,
                row.kind,
                row.destination,
            )
        else:
            self.logger.error(
                "outbox row %s (%s → %s) was sent but could not be marked; it will be sent "
                "again when its lease runs out: %r",
                row.id,
                row.kind,
                row.destination,
                marked,
            )
        return Outcome.LOST

    # -- not sent --------------------------------------------------------------------------

    def cancel(self, row: OutboxMessage) -> Outcome:
        """The composer found nothing to send any more."""
        done = self.write(
            lambda session: queries.mark_cancelled(
                session, id=row_id(row), worker=self.worker, reason="nothing to send any more"
            )
        )
        return Outcome.CANCELLED if done else Outcome.LOST

    def retry_later(
        self, row: OutboxMessage, error: str, *, after: timedelta | None = None
    ) -> Outcome:
        """Back to pending after ``after`` (what Slack's ``Retry-After`` asked), else after a
        backoff that doubles with each attempt; or failed at last."""
        if row.attempts >= self.max_attempts:
            return self.fail(row, f"gave up after {row.attempts} attempts: {error}")
        backoff = BACKOFF_FIRST * 2 ** max(row.attempts - 1, 0)
        delay = min(after if after is not None else backoff, BACKOFF_MAX)
        due_at = self.clock() + delay
        self.logger.warning(
            "outbox row %s (%s → %s) failed: %s; attempt %s of %s, next at %s",
            row.id,
            row.kind,
            row.destination,
            error,
            row.attempts,
            self.max_attempts,
            due_at.isoformat(timespec="seconds"),
        )
        done = self.write(
            lambda session: queries.release(
                session, id=row_id(row), worker=self.worker, due_at=due_at, error=error
            )
        )
        return Outcome.RETRIED if done else Outcome.LOST

    def fail(self, row: OutboxMessage, error: str, *, logged: bool = False) -> Outcome:
        if not logged:
            self.logger.warning(
                "outbox row %s (%s → %s) failed for good: %s",
                row.id,
                row.kind,
                row.destination,
                error,
            )
        done = self.write(
            lambda session: queries.mark_failed(
                session, id=row_id(row), worker=self.worker, error=error
            )
        )
        return Outcome.FAILED if done else Outcome.LOST

    def give_back(self, *rows: OutboxMessage) -> list[Outcome]:
        """Back to pending untried, due as before, in one transaction."""

        def release(session: Session) -> list[bool]:
            return [
                queries.release(
                    session,
                    id=row_id(row),
                    worker=self.worker,
                    due_at=aware(row.due_at),
                    error=None,
                    attempted=False,
                )
                for row in rows
            ]

        try:
            done = self.write(release)
        except Exception:
            self.logger.exception("could not give back %s outbox rows", len(rows))
            return [Outcome.LOST] * len(rows)
        return [Outcome.DEFERRED if ok else Outcome.LOST for ok in done]
