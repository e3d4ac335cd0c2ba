"""Batches on a schedule: every tick, at once when kicked, again while they come back full."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobEvent
from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

JOB_ID = "pogi.outbox.dispatch"


class Schedule:
    """Runs ``run`` (one batch; true if it was full, so another is due at once) on APScheduler.

    ``stopping`` is set while the schedule is stopped; ``running`` is held by a batch that
    runs, so ``stop`` can wait for it.
    """

    def __init__(
        self,
        run: Callable[[], bool],
        *,
        worker: str,
        stopping: threading.Event,
        running: threading.Lock,
        logger: logging.Logger,
    ) -> None:
        self._run = run
        self._worker = worker
        self._stopping = stopping
        self._run_lock = running
        self.logger = logger
        self._state = threading.Lock()  # guards _running and _again
        self._running = False
        self._again = False
        self._scheduler: BaseScheduler | None = None
        self._owns_scheduler = False
        self._job: Job | None = None

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
            id=f"{JOB_ID}.{self._worker}",
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
        """No new batches; with ``wait``, until the running one is done."""
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
            full = self._run()
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
