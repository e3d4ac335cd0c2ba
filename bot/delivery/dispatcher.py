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
  the row goes back to ``pending`` with an exponential backoff (30 s, 1 min, 2 min … at most
  15 min) and ``last_error``; after ``max_attempts`` attempts it is ``failed``. A row whose
  claims keep dying with their worker also fails after ``max_attempts`` claims.
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

Order and pacing: within a batch a destination's rows go out in due order, one at a time, at
least ``pacing`` seconds apart (about one message a second a channel, as Slack asks), and the
next one is composed only after the previous one is marked; different destinations are sent
concurrently. After a retry, and between processes, the order is not guaranteed, and each
process paces on its own (Slack's 429 answers then slow them down).
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import logging
import os
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobEvent
from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.domain.outbox import Composer, Composers, Outgoing, Sent
from storage import outbox as queries
from storage.database import Database
from storage.tables import OutboxMessage

T = TypeVar("T")

# Slack errors that no retry can fix; a row that meets one fails at once.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "user_not_found",
        "account_inactive",
        "cannot_dm_bot",
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        "restricted_action",
        "missing_scope",
        "invalid_auth",
        "not_authed",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)
# No answer, or none that means anything: timeouts, resets, a failed file upload.
NETWORK_ERRORS = (OSError, http.client.HTTPException, SlackClientError)
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=15)
JOB_ID = "pogi.outbox.dispatch"
_LOCK_RETRIES = 5


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


class Pacer:
    """At least ``interval`` seconds between two sends to one destination, across batches.

    Sends reserve their slot under a lock, so concurrent workers never share one.
    """

    def __init__(
        self,
        interval: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.interval = interval
        self.monotonic = monotonic
        self.sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def reserve(self, destination: str, *, not_after: float) -> float | None:
        """The moment this send may start, or ``None`` if that is later than ``not_after``."""
        with self._lock:
            now = self.monotonic()
            slot = max(now, self._next.get(destination, now))
            if slot > not_after:
                return None
            if self.interval > 0:
                self._next[destination] = slot + self.interval
            return slot

    def wait_for(self, slot: float) -> None:
        delay = slot - self.monotonic()
        if delay > 0:
            self.sleep(delay)


@dataclass(eq=False)
class _Mark:
    """A row Slack accepted, waiting for its ``mark_sent``."""

    row: OutboxMessage
    composer: Composer
    sent: Sent

    @property
    def result(self) -> dict[str, Any]:
        return {"channel": self.sent.channel, "ts": self.sent.ts}


class _Lanes:
    """A batch's rows in one lane per destination, handed to the sending threads.

    A destination's next row is handed out only when its previous row is finished, marks
    included, so its rows go out in due order and a composer always sees what the previous
    row's ``after_sent`` wrote. Meanwhile the threads serve the other destinations.
    """

    def __init__(self, rows: list[OutboxMessage]) -> None:
        self._queues: dict[str, deque[OutboxMessage]] = {}
        for row in rows:  # already in due order
            self._queues.setdefault(row.destination, deque()).append(row)
        self._ready = [(q[0].due_at, _id(q[0]), d) for d, q in self._queues.items()]
        heapq.heapify(self._ready)
        self._in_hand = 0
        self._changed = threading.Condition()
        self.outcomes: list[Outcome] = []

    def take(self) -> OutboxMessage | None:
        """The next row of a destination that is free, waiting for one; ``None`` when done."""
        with self._changed:
            while not self._ready:
                if self._in_hand == 0:
                    return None
                self._changed.wait()
            _, _, destination = heapq.heappop(self._ready)
            self._in_hand += 1
            return self._queues[destination].popleft()

    def finish(self, row: OutboxMessage, outcome: Outcome) -> list[OutboxMessage]:
        """Record the row's outcome and free its destination.

        After a retry or a deferral the destination's other rows are handed back to the
        caller instead, to be given back: they must not overtake the row that waits.
        """
        with self._changed:
            self.outcomes.append(outcome)
            self._in_hand -= 1
            queue = self._queues[row.destination]
            rest: list[OutboxMessage] = []
            if outcome in (Outcome.RETRIED, Outcome.DEFERRED):
                rest = list(queue)
                queue.clear()
            elif queue:
                heapq.heappush(self._ready, (queue[0].due_at, _id(queue[0]), row.destination))
            self._changed.notify_all()
            return rest

    def record(self, outcomes: list[Outcome]) -> None:
        with self._changed:
            self.outcomes += outcomes


class _Marker:
    """Marks sent rows from a thread of its own, everything that waits in one transaction.

    The sending threads go on with other destinations meanwhile, so one commit (one disk
    flush) covers the rows that were sent while the previous one was written.
    """

    def __init__(self, commit: Callable[[list[_Mark]], None]) -> None:
        self._commit = commit
        self._changed = threading.Condition()
        self._waiting: list[_Mark] = []
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="pogi-dispatch-marks", daemon=True)
        self._thread.start()

    def submit(self, mark: _Mark) -> None:
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


class _Permanent(Exception):
    """A send that no retry can fix."""


class _LeaseLost(Exception):
    """Another worker holds a row this worker sent."""


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
        self._stopping = threading.Event()
        # By default a pacing pause ends early when the dispatcher stops.
        self.pacer = Pacer(pacing, monotonic=monotonic, sleep=sleep or self._stopping.wait)
        self._state = threading.Lock()  # guards _running and _again
        self._running = False
        self._again = False
        self._run_lock = threading.Lock()  # one run_once at a time in this dispatcher
        self._scheduler: BaseScheduler | None = None
        self._owns_scheduler = False
        self._job: Job | None = None

    # -- one batch -----------------------------------------------------------------------

    def run_once(self) -> DispatchReport:
        """Claim a batch of due rows and send them; a row's failure never raises."""
        with self._run_lock:
            claimed_at = self.monotonic()
            rows = self._write(
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
            lanes = _Lanes(rows)
            marker = _Marker(lambda marks: self._commit_marks(marks, lanes))
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

    def _serve(self, lanes: _Lanes, marker: _Marker, start_by: float) -> None:
        """One sending thread: rows from free destinations until the batch is done."""
        while (row := lanes.take()) is not None:
            result: Outcome | _Mark = Outcome.LOST
            try:
                result = self._process(row, start_by)
            finally:  # every row taken is finished, or the other threads would wait forever
                if isinstance(result, _Mark):
                    marker.submit(result)  # the marker finishes the row
                elif rest := lanes.finish(row, result):
                    lanes.record(self._give_back(*rest))

    def _process(self, row: OutboxMessage, start_by: float) -> Outcome | _Mark:
        try:
            return self._deliver(row, start_by)
        except Exception:
            # A bug or a database outage: the row stays claimed until its lease runs out.
            self.logger.exception(
                "outbox row %s (%s → %s) could not be handled", row.id, row.kind, row.destination
            )
            return Outcome.LOST

    def _deliver(self, row: OutboxMessage, start_by: float) -> Outcome | _Mark:
        composer = self.composers.by_kind.get(row.kind)
        if composer is None:
            return self._fail(row, f"no composer for kind {row.kind!r}")
        if row.attempts > self.max_attempts:
            return self._fail(row, f"gave up after {row.attempts - 1} attempts: {row.last_error}")
        slot = self.pacer.reserve(row.destination, not_after=start_by)
        if slot is not None and not self._stopping.is_set():
            self.pacer.wait_for(slot)
        if slot is None or self._stopping.is_set():
            [outcome] = self._give_back(row)
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
            return self._fail(row, f"composer failed: {error!r}", logged=True)
        if outgoing is None:
            done = self._write(
                lambda session: queries.mark_cancelled(
                    session, id=_id(row), worker=self.worker, reason="nothing to send any more"
                )
            )
            return Outcome.CANCELLED if done else Outcome.LOST
        try:
            sent = self._send(row, outgoing)
        except _Permanent as error:
            return self._fail(row, str(error))
        except SlackApiError as error:
            return self._retry_later(row, _describe(error))
        except NETWORK_ERRORS as error:
            return self._retry_later(row, f"{type(error).__name__}: {error}")
        return _Mark(row=row, composer=composer, sent=sent)

    # -- Slack -----------------------------------------------------------------------------

    def _send(self, row: OutboxMessage, outgoing: Outgoing) -> Sent:
        """Post (or update) and share the file; join a public channel once if we must."""
        try:
            return self._post(row, outgoing)
        except SlackApiError as error:
            code = _code(error)
            if code != "not_in_channel" or not _can_join(outgoing.channel):
                if code in PERMANENT_ERRORS:
                    raise _Permanent(_describe(error)) from error
                raise
        try:
            self.client.conversations_join(channel=outgoing.channel)
        except SlackApiError as refused:
            if getattr(refused.response, "status_code", 200) != 200:
                raise  # a rate limit or an outage, not a refusal: try again later
            raise _Permanent(f"not_in_channel (joining failed: {_describe(refused)})") from None
        try:
            return self._post(row, outgoing)
        except SlackApiError as error:
            if _code(error) in PERMANENT_ERRORS:
                raise _Permanent(_describe(error)) from error
            raise

    def _post(self, row: OutboxMessage, outgoing: Outgoing) -> Sent:
        done = row.result or {}
        if done.get("posted"):  # an earlier attempt posted; only the file is missing
            sent = Sent(channel=done["channel"], ts=done.get("ts"))
        elif outgoing.update_ts:
            answer = self.client.chat_update(
                channel=outgoing.channel,
                ts=outgoing.update_ts,
                text=outgoing.text,
                blocks=outgoing.blocks,
            )
            sent = Sent(channel=answer["channel"], ts=answer["ts"])
        else:
            answer = self.client.chat_postMessage(
                channel=outgoing.channel,
                text=outgoing.text,
                blocks=outgoing.blocks,
                thread_ts=outgoing.thread_ts,
            )
            sent = Sent(channel=answer["channel"], ts=answer["ts"])
        if outgoing.attachment is None:
            return sent
        if not done.get("posted"):
            progress = {"posted": True, "channel": sent.channel, "ts": sent.ts}
            row.result = progress
            self._write(
                lambda session: queries.record_progress(
                    session, id=_id(row), worker=self.worker, result=progress
                )
            )
        attachment = outgoing.attachment
        # The channel Slack answered with: a DM posted to a user id lands in a D… channel.
        self.client.files_upload_v2(
            channel=sent.channel,
            content=attachment.content,
            filename=attachment.filename,
            title=attachment.title,
        )
        return sent

    # -- marking ---------------------------------------------------------------------------

    def _commit_marks(self, marks: list[_Mark], lanes: _Lanes) -> None:
        """Mark rows sent, each with its ``after_sent``, all in one transaction.

        If that fails (a lease ran out, an ``after_sent`` raised), each row gets a transaction
        of its own, and a row whose ``after_sent`` fails is marked sent without it: the message
        is out, and sending it again would be worse than a missing note of it.
        """
        marked: list[bool | BaseException] = []
        try:
            marked = self._write(lambda session: self._mark_together(session, marks))
        except Exception:
            marked = [self._mark_alone(mark) for mark in marks]
        finally:
            for index, mark in enumerate(marks):
                done = marked[index] if index < len(marked) else False
                lanes.finish(mark.row, self._sent_outcome(mark.row, done))

    def _mark_together(self, session: Session, marks: list[_Mark]) -> list[bool]:
        now = self.clock()
        results = {_id(mark.row): mark.result for mark in marks}
        if queries.mark_sent_many(session, worker=self.worker, now=now, results=results) < len(
            marks
        ):
            raise _LeaseLost  # roll back; one by one tells which
        for mark in marks:
            self._after_mark(session, mark, now=now, after_sent=True)
        return [True] * len(marks)

    def _mark_alone(self, mark: _Mark) -> bool | BaseException:
        def mark_one(session: Session, *, after_sent: bool) -> bool:
            now = self.clock()
            if not queries.mark_sent(
                session, id=_id(mark.row), worker=self.worker, now=now, result=mark.result
            ):
                return False
            self._after_mark(session, mark, now=now, after_sent=after_sent)
            return True

        try:
            return self._write(lambda session: mark_one(session, after_sent=True))
        except Exception:
            self.logger.exception(
                "outbox row %s (%s → %s) was sent, but marking it with its after_sent failed; "
                "marking it sent without",
                mark.row.id,
                mark.row.kind,
                mark.row.destination,
            )
        try:
            return self._write(lambda session: mark_one(session, after_sent=False))
        except Exception as error:
            return error

    def _after_mark(
        self, session: Session, mark: _Mark, *, now: datetime, after_sent: bool
    ) -> None:
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

    def _retry_later(self, row: OutboxMessage, error: str) -> Outcome:
        if row.attempts >= self.max_attempts:
            return self._fail(row, f"gave up after {row.attempts} attempts: {error}")
        delay = min(BACKOFF_FIRST * 2 ** max(row.attempts - 1, 0), BACKOFF_MAX)
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
        done = self._write(
            lambda session: queries.release(
                session, id=_id(row), worker=self.worker, due_at=due_at, error=error
            )
        )
        return Outcome.RETRIED if done else Outcome.LOST

    def _fail(self, row: OutboxMessage, error: str, *, logged: bool = False) -> Outcome:
        if not logged:
            self.logger.warning(
                "outbox row %s (%s → %s) failed for good: %s",
                row.id,
                row.kind,
                row.destination,
                error,
            )
        done = self._write(
            lambda session: queries.mark_failed(
                session, id=_id(row), worker=self.worker, error=error
            )
        )
        return Outcome.FAILED if done else Outcome.LOST

    def _give_back(self, *rows: OutboxMessage) -> list[Outcome]:
        """Back to pending untried, due as before, in one transaction."""

        def release(session: Session) -> list[bool]:
            return [
                queries.release(
                    session,
                    id=_id(row),
                    worker=self.worker,
                    due_at=_aware(row.due_at),
                    error=None,
                    attempted=False,
                )
                for row in rows
            ]

        try:
            done = self._write(release)
        except Exception:
            self.logger.exception("could not give back %s outbox rows", len(rows))
            return [Outcome.LOST] * len(rows)
        return [Outcome.DEFERRED if ok else Outcome.LOST for ok in done]

    def _write(self, work: Callable[[Session], T]) -> T:
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

    # -- on a schedule ---------------------------------------------------------------------

    def start(self, scheduler: BaseScheduler | None = None, *, tick: float = 5.0) -> BaseScheduler:
        """Run a batch every ``tick`` seconds (``POGI_TICK_SECONDS``), the first one now.

        Without a scheduler, a ``BackgroundScheduler`` of our own is started (and ``stop``
        shuts it down); a given scheduler is only added to, and its owner starts it.
        """
        if self._job is not None:
            raise RuntimeError("the dispatcher is already started")
        self._stopping.clear()
        self._running = self._again = False
        self._owns_scheduler = scheduler is None
        self._scheduler = scheduler or BackgroundScheduler(timezone=UTC)
        self._job = self._scheduler.add_job(
            self._tick,
            "interval",
            seconds=tick,
            id=f"{JOB_ID}.{self.worker}",
            name="send due outbox rows",
            max_instances=1,
            coalesce=True,
            # Late is better than never: a tick missed while the process was busy still runs.
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )
        self._scheduler.add_listener(self._job_done, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        if self._owns_scheduler:
            self._scheduler.start()
        return self._scheduler

    def kick(self) -> None:
        """Run a batch now rather than at the next tick, e.g. right after a user's change."""
        with self._state:
            if self._running:
                self._again = True  # the running batch goes round once more when it is done
                return
        self._run_soon()

    def stop(self, *, wait: bool = True) -> None:
        """No new batches; rows not yet started go back to pending at once."""
        self._stopping.set()
        scheduler, job = self._scheduler, self._job
        self._scheduler, self._job = None, None
        if scheduler is None:
            return
        scheduler.remove_listener(self._job_done)
        if self._owns_scheduler:
            scheduler.shutdown(wait=wait)
        elif job is not None:
            job.remove()
        if wait:
            with self._run_lock:
                pass

    def _tick(self) -> None:
        with self._state:
            self._running, self._again = True, False
        full = False
        try:
            full = self.run_once().claimed >= self.batch
        except Exception:
            self.logger.exception("the outbox dispatcher could not run")
        with self._state:
            self._again = self._again or full

    def _job_done(self, event: JobEvent) -> None:
        # The scheduler calls this once the run no longer counts against max_instances, so a
        # run asked for now is not skipped as overlapping the one that just ended.
        job = self._job
        if job is None or event.job_id != job.id:
            return
        with self._state:
            self._running = False
            again, self._again = self._again, False
        if again:
            self._run_soon()

    def _run_soon(self) -> None:
        job = self._job
        if job is None or self._stopping.is_set():
            return
        with contextlib.suppress(LookupError):  # stop() removed the job meanwhile
            job.modify(next_run_time=datetime.now(UTC))


def default_worker_name() -> str:
    """``host:pid:random``: unique per process, and telling where a claim came from."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _id(row: OutboxMessage) -> int:
    if row.id is None:
        raise ValueError("an outbox row without an id cannot be dispatched")
    return row.id


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; the outbox stores UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _code(error: SlackApiError) -> str:
    response: Any = error.response
    try:
        return str(response.get("error") or "unknown_error")
    except (AttributeError, TypeError):
        return "unknown_error"


def _describe(error: SlackApiError) -> str:
    status = getattr(error.response, "status_code", 200)
    code = _code(error)
    return code if status == 200 else f"{code} (HTTP {status})"


def _can_join(channel: str) -> bool:
    # Direct messages (D…) and user ids (U…, W…) have nothing to join.
    return not channel.startswith(("D", "U", "W"))
