"""Work that waits until Slack has its acknowledgement.

A vote click is answered in the thread that received it: the ballot is stored, the click is
acknowledged, and the voter's receipt is composed and sent apart from that. ``later`` hands such
work to whoever is answering the request (``bot.app.factory``'s WSGI adapter gives it to other
threads when the response is done); where nobody collects it (Socket Mode, the console, a listener
on Bolt's own threads) it runs at once, which is after the acknowledgement there too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)
_local = threading.local()


def later(work: Callable[[], None]) -> None:
    """Run ``work`` after the acknowledgement has been sent."""
    pending: list[Callable[[], None]] | None = getattr(_local, "pending", None)
    if pending is None:
        work()
    else:
        pending.append(work)


@contextmanager
def collected() -> Iterator[list[Callable[[], None]]]:
    """Collect what ``later`` is given in this thread, for the caller to run when it is done."""
    _local.pending = pending = []
    try:
        yield pending
    finally:
        _local.pending = None


def run(pending: list[Callable[[], None]]) -> None:
    """Run collected work; a failure is logged and the rest still runs."""
    for work in pending:
        try:
            work()
        except Exception:
            logger.exception("work after the acknowledgement failed")
