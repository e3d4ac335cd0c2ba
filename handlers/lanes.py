"""Work run in the order it came, per channel and per user; different ones in parallel.

A command is acknowledged at once and its work runs later on a few workers of pogi's own. Two
commands typed one after the other in a channel (``revision start``, then ``tovholder @x``)
must not run side by side, or the second may not see what the first did. Each piece of work
names its keys (the channel, the user); it starts only when every piece with one of its keys
that came before it has finished. Work that shares no key with earlier work starts on the next
free worker.

The order is the order places are taken in: a command takes its place (``reserve``) before it
is acknowledged and is given its work (``Place.start``) after, so one that Slack sends after the
acknowledgement of another always comes after it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("pogi")


@dataclass(eq=False)
class _Work:
    keys: tuple[str, ...]
    run: Callable[[], Any] | None = None
    """None while the place is reserved and its work not yet given."""
    started: bool = field(default=False)


class Place:
    """A place in the lanes of some keys, taken before the work to run there is known."""

    def __init__(self, lanes: Lanes, work: _Work) -> None:
        self._lanes = lanes
        self._work = work

    def start(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(*args)`` here once the work before it is done (at once if none is)."""
        self._lanes._fill(self._work, lambda: fn(*args))


class Lanes:
    """``submit(keys, fn, *args)``: run ``fn`` after the earlier work sharing a key with it."""

    def __init__(self, workers: int, *, name: str = "pogi-command") -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._queues: dict[str, deque[_Work]] = {}
        """Per key, the work not yet finished, in the order it came; the head may be running."""
        self._closed = False

    def submit(self, keys: Iterable[str], fn: Callable[..., Any], *args: Any) -> None:
        self.reserve(keys).start(fn, *args)

    def reserve(self, keys: Iterable[str]) -> Place:
        """A place after all work given or reserved so far under any of ``keys``. Work after
        it waits until it is started and done: start it, even with nothing to do."""
        work = _Work(tuple(dict.fromkeys(keys)))
        with self._lock:
            if self._closed:
                raise RuntimeError("no new work after shutdown")
            for key in work.keys:
                self._queues.setdefault(key, deque()).append(work)
        return Place(self, work)

    def _fill(self, work: _Work, run: Callable[[], Any]) -> None:
        with self._lock:
            if work.run is not None:
                raise RuntimeError("this place was started already")
            work.run = run
            ready = self._take_if_ready(work)
        if ready:
            self._pool.submit(self._run, work)

    def waiting(self) -> int:
        """How many pieces of work are queued or running."""
        with self._lock:
            return len({id(work) for queue in self._queues.values() for work in queue})

    def shutdown(self, *, wait: bool = True) -> None:
        """Take no new work; with ``wait``, return once all that was given has run."""
        with self._lock:
            self._closed = True
            if wait:
                self._idle.wait_for(lambda: not self._queues)
        self._pool.shutdown(wait=wait)

    def _take_if_ready(self, work: _Work) -> bool:
        """Whether ``work`` is first in all its queues and not yet started (then it is)."""
        if work.run is None or work.started:
            return False
        if any(self._queues[key][0] is not work for key in work.keys):
            return False
        work.started = True
        return True

    def _run(self, work: _Work) -> None:
        try:
            if work.run is not None:
                work.run()
        except Exception:  # the work answers its own errors; this is the last resort
            logger.exception("work queued for %s failed", ", ".join(work.keys))
        finally:
            following: list[_Work] = []
            with self._lock:
                for key in work.keys:
                    queue = self._queues[key]
                    queue.popleft()
                    if not queue:
                        del self._queues[key]
                    elif self._take_if_ready(queue[0]):
                        following.append(queue[0])
                if not self._queues:
                    self._idle.notify_all()
            for ready in following:
                self._pool.submit(self._run, ready)
