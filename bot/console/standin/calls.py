"""The record of every request the stand-in answered, for tests to assert on and wait for."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

# Besides Web API method names, calls are recorded under these.
RESPONSE_URL = "response_url"
UPLOAD_URL = "upload_url"
SOCKET_MODE = "socket_mode"


@dataclass(frozen=True)
class Call:
    """One request the stand-in answered, kept so tests can assert on what the bot sent."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int
    at: float
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether Slack would have done what was asked (faulted calls count as attempts only)."""
        return self.status == 200 and bool(self.response.get("ok"))


class CallLog:
    """Calls in the order they were answered, with waiting and live subscribers."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._calls: list[Call] = []
        self._subscribers: list[Callable[[Call], None]] = []

    def record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(call)
            except Exception:
                logger.exception("a stand-in subscriber failed on %s", call.method)

    @property
    def calls(self) -> list[Call]:
        with self._changed:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self._calls if call.method == method]

    def wait_for(self, method: str, count: int, timeout: float) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                done = [call for call in self._calls if call.method == method and call.ok]
                if len(done) >= count:
                    return done
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = ", ".join(f"{c.method}({c.status})" for c in self._calls) or "none"
                    raise AssertionError(
                        f"expected {count} successful {method} call(s) within {timeout}s, "
                        f"got {len(done)}; calls seen: {seen}"
                    )
                self._changed.wait(remaining)

    def clear(self) -> None:
        with self._changed:
            self._calls.clear()

    def subscribe(self, callback: Callable[[Call], None]) -> Callable[[], None]:
        with self._changed:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._changed:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe
