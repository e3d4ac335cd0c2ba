"""Order and pace within a batch: one lane per destination, one send a second to each."""

from __future__ import annotations

import heapq
import threading
import time
from collections import deque
from collections.abc import Callable

from bot.delivery.rows import Outcome, row_id
from storage.tables import OutboxMessage


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


class Lanes:
    """A batch's rows in one lane per destination, handed to the sending threads.

    A destination's next row is handed out only when its previous row is finished, marks
    included, so its rows go out in due order and a composer always sees what the previous
    row's ``after_sent`` wrote. Meanwhile the threads serve the other destinations.
    """

    def __init__(self, rows: list[OutboxMessage]) -> None:
        self._queues: dict[str, deque[OutboxMessage]] = {}
        for row in rows:  # already in due order
            self._queues.setdefault(row.destination, deque()).append(row)
        self._ready = [(q[0].due_at, row_id(q[0]), d) for d, q in self._queues.items()]
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
                heapq.heappush(self._ready, (queue[0].due_at, row_id(queue[0]), row.destination))
            self._changed.notify_all()
            return rest

    def record(self, outcomes: list[Outcome]) -> None:
        with self._changed:
            self.outcomes += outcomes
