"""The outbox dispatcher: claims due rows, composes them from the current state, sends, marks.

Delivery guarantee: at least once
---------------------------------
Every outbox row that falls due is sent at least once, and normally exactly once.

* Claiming a row is one committed statement that sets ``status='sending'``, ``claimed_by`` and
  a lease (``lease_until``, two minutes by default). No two workers hold the same row at once:
  PostgreSQL's ``FOR UPDATE SKIP LOCKED`` passes rows another worker is claiming by, and SQLite
  runs the statement under its single write lock.
* If the process dies between the claim and the send, nothing was sent. Once the lease has run
  out, any worker (another ``pogi run`` sharing the database, or this one after a restart)
  claims the row again and sends it: late by at most the lease and one tick, but sent.
* If the process dies, or loses the database, after Slack accepted the message but before
  ``mark_sent`` committed, the row is still ``sending``; when its lease runs out it is sent a
  second time. This is the only window for a duplicate. It lasts from Slack's answer until the
  mark is committed, normally a few milliseconds (marks are committed in the background, one
  transaction for the rows sent meanwhile). A request Slack accepted but whose answer never
  arrived (a timeout, a reset connection) is the same window seen from the other side: pogi
  cannot tell it from a failed request, so it tries again.
* Rate limits (HTTP 429) and server errors (5xx) do not duplicate: Slack did not accept the
  message. The Web API client waits and retries (slack-sdk's retry handlers); when they give up
  the row goes back to ``pending`` and ``last_error`` is set; it is due again when a rate
  limit's ``Retry-After`` says (at least a second), or, for 5xx answers and no answer at all,
  after an exponential backoff (30 s, 1 min, 2 min … at most 15 min); after ``max_attempts``
  attempts it is ``failed``. A row whose claims keep dying with their worker also fails after
  ``max_attempts`` claims.
* A worker starts no send after half of its lease has passed and gives what is left back, so
  its sends end within the lease unless one send, with its retries, takes longer than half the
  lease. ``mark_sent`` checks that the row is still this worker's claim; it is, unless another
  worker has claimed it since, and then the send is logged as a possible duplicate.
* A permanent error (``channel_not_found``, ``is_archived``, a private channel pogi is not in,
  …) fails the row at once; ``storage.outbox.failed_deliveries`` lists such rows for the
  secretariat.
* The composer reads the current state just before the send: a reminder for something that no
  longer exists (a cancelled meeting) is ``cancelled``, never sent. Its ``after_sent`` commits
  in the same transaction as ``mark_sent``; if it raises, the row is still marked sent (and the
  error logged) rather than sent again.
* A message with a file is posted first and that step is recorded, so a retry after a failed
  upload shares the file without posting the text again.

Order and pacing: a destination's rows go out in the order they were written (oldest first),
one at a time, at least ``pacing`` seconds apart (about one message a second a channel, as
Slack asks), and the next one is composed only after the previous one is marked; different
destinations are sent concurrently. The order holds after a retry and between processes: a row
is not claimed while an older row to its destination is being sent or waits for its retry
(``storage.outbox.claim_due``), and a batch gives back a destination's other rows when one of
them is to be retried. Each process paces on its own (Slack's 429 answers then slow them down).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.delivery.marks import BACKOFF_FIRST, BACKOFF_MAX, Mark, Marker, Marks
from bot.delivery.pacing import Lanes, Pacer
from bot.delivery.rows import DispatchReport, Outcome
from bot.delivery.schedule import JOB_ID, Schedule
from bot.delivery.slack_send import (
    NETWORK_ERRORS,
    PERMANENT_ERRORS,
    Permanent,
    SlackSender,
    describe,
    retry_after,
)
from bot.domain.outbox import Composers
from storage import outbox as queries
from storage.database import Database
from storage.tables import OutboxMessage

__all__ = [
    "BACKOFF_FIRST",
    "BACKOFF_MAX",
    "JOB_ID",
    "NETWORK_ERRORS",
    "PERMANENT_ERRORS",
    "DispatchReport",
    "Dispatcher",
    "Outcome",
    "Pacer",
    "default_worker_name",
]


class Dispatcher:
    """Sends the outbox: ``run_once`` for one batch, ``start`` to do it on a schedule."""

    def __init__(
        self,
        db: Database,
        client: WebClient,
        composers: Composers,
        *,
        clock: Callable[[], datetime],
        worker: str | None = None,
        lease: timedelta = timedelta(minutes=2),
        batch: int = 100,
        pacing: float = 1.0,
        max_attempts: int = 8,
        concurrency: int = 4,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        self.db = db
        self.client = client
        self.composers = composers
        self.clock = clock
        self.worker = worker or default_worker_name()
        self.lease = lease
        self.batch = batch
        self.max_attempts = max_attempts
        self.concurrency = concurrency
        self.monotonic = monotonic
        self.logger = logger or logging.getLogger("pogi.dispatcher")
        self.marks = Marks(
            db, worker=self.worker, clock=clock, max_attempts=max_attempts, logger=self.logger
        )
        self.sender = SlackSender(client, record_progress=self.marks.record_progress)
        self._stopping = threading.Event()
        # By default a pacing pause ends early when the dispatcher stops.
        self.pacer = Pacer(pacing, monotonic=monotonic, sleep=sleep or self._stopping.wait)
        self._run_lock = threading.Lock()  # one run_once at a time in this dispatcher
        self._schedule = Schedule(
            lambda: self.run_once().claimed >= self.batch,
            worker=self.worker,
            stopping=self._stopping,
            running=self._run_lock,
            logger=self.logger,
        )

    # -- one batch -----------------------------------------------------------------------

    def run_once(self) -> DispatchReport:
        """Claim a batch of due rows and send them; a row's failure never raises."""
        with self._run_lock:
            claimed_at = self.monotonic()
            rows = self.marks.write(
                lambda session: queries.claim_due(
                    session,
                    now=self.clock(),
                    worker=self.worker,
                    lease=self.lease,
                    limit=self.batch,
                )
            )
            report = DispatchReport(claimed=len(rows))
            if not rows:
                return report
            # Half the lease is left for the last send, whatever retries it meets.
            start_by = claimed_at + self.lease.total_seconds() / 2
            lanes = Lanes(rows)
            marker = Marker(lambda marks: self.marks.sent(marks, finish=lanes.finish))
            threads = max(1, min(self.concurrency, len({row.destination for row in rows})))
            try:
                with ThreadPoolExecutor(threads, thread_name_prefix="pogi-dispatch") as pool:
                    serving = [
                        pool.submit(self._serve, lanes, marker, start_by) for _ in range(threads)
                    ]
            finally:
                marker.close()
            for thread in serving:
                thread.result()  # a bug in a sending thread surfaces here
            for outcome in lanes.outcomes:
                report.count(outcome)
            return report

    def _serve(self, lanes: Lanes, marker: Marker, start_by: float) -> None:
        """One sending thread: rows from free destinations until the batch is done."""
        while (row := lanes.take()) is not None:
            result: Outcome | Mark = Outcome.LOST
            try:
                result = self._process(row, start_by)
            finally:  # every row taken is finished, or the other threads would wait forever
                if isinstance(result, Mark):
                    marker.submit(result)  # the marker finishes the row
                elif rest := lanes.finish(row, result):
                    lanes.record(self.marks.give_back(*rest))

    def _process(self, row: OutboxMessage, start_by: float) -> Outcome | Mark:
        try:
            return self._deliver(row, start_by)
        except Exception:
            # A bug or a database outage: the row stays claimed until its lease runs out.
            self.logger.exception(
                "outbox row %s (%s → %s) could not be handled", row.id, row.kind, row.destination
            )
            return Outcome.LOST

    def _deliver(self, row: OutboxMessage, start_by: float) -> Outcome | Mark:
        """Compose the row now, send it when its turn comes; a ``Mark`` once Slack took it."""
        composer = self.composers.by_kind.get(row.kind)
        if composer is None:
            return self.marks.fail(row, f"no composer for kind {row.kind!r}")
        if row.attempts > self.max_attempts:
            return self.marks.fail(
                row, f"gave up after {row.attempts - 1} attempts: {row.last_error}"
            )
        slot = self.pacer.reserve(row.destination, not_after=start_by)
        if slot is not None and not self._stopping.is_set():
            self.pacer.wait_for(slot)
        if slot is None or self._stopping.is_set():
            [outcome] = self.marks.give_back(row)
            return outcome
        try:
            with self.db.reading() as session:
                outgoing = composer.compose(session, row)
        except Exception as error:
            self.logger.exception(
                "outbox row %s (%s → %s) failed: its composer raised %r",
                row.id,
                row.kind,
                row.destination,
                error,
            )
            return self.marks.fail(row, f"composer failed: {error!r}", logged=True)
        if outgoing is None:
            return self.marks.cancel(row)
        try:
            sent = self.sender.send(row, outgoing)
        except Permanent as error:
            return self.marks.fail(row, str(error))
        except SlackApiError as error:
            return self.marks.retry_later(row, describe(error), after=retry_after(error))
        except NETWORK_ERRORS as error:
            return self.marks.retry_later(row, f"{type(error).__name__}: {error}")
        return Mark(row=row, composer=composer, sent=sent)

    # -- on a schedule ---------------------------------------------------------------------

    def start(self, scheduler: BaseScheduler | None = None, *, tick: float = 5.0) -> BaseScheduler:
        """Run a batch every ``tick`` seconds (``POGI_TICK_SECONDS``), the first one now.

        Without a scheduler, a ``BackgroundScheduler`` of our own is started (and ``stop``
        shuts it down); a given scheduler is only added to, and its owner starts it.
        """
        return self._schedule.start(scheduler, tick=tick)

    def kick(self) -> None:
        """Run a batch now rather than at the next tick, e.g. right after a user's change."""
        self._schedule.kick()

    def stop(self, *, wait: bool = True) -> None:
        """No new batches; rows not yet started go back to pending at once."""
        self._schedule.stop(wait=wait)


def default_worker_name() -> str:
    """``host:pid:random``: unique per process, and telling where a claim came from."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
