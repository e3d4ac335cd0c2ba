"""Slack having a bad day on demand: API errors, rate limits, outages and slow answers."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from bot.console.standin.calls import RESPONSE_URL, UPLOAD_URL


@dataclass
class Fault:
    """One planned misbehaviour; ``method=None`` means any Web API method."""

    method: str | None
    remaining: int
    status: int = 200
    error: str = ""
    retry_after: int | None = None
    every: int | None = None
    seen: int = 0
    seconds: float = 0.0

    def applies_to(self, method: str) -> bool:
        # "Any method" means the Web API; webhooks fail only when named, as they do in Slack.
        if self.method is None:
            return method not in (RESPONSE_URL, UPLOAD_URL)
        return self.method == method

    @property
    def headers(self) -> dict[str, str]:
        """The headers Slack sends with this answer: ``Retry-After`` on a 429."""
        return {"Retry-After": str(self.retry_after)} if self.status == 429 else {}


class Faults:
    """The faults still to happen, taken one call at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._delays: list[Fault] = []

    def fail(self, method: str | None, error: str, times: int) -> None:
        self._add(Fault(method, remaining=times, error=error))

    def rate_limit(
        self, method: str | None, *, times: int, retry_after: int, every: int | None
    ) -> None:
        self._add(
            Fault(
                method,
                remaining=times,
                status=429,
                error="ratelimited",
                retry_after=retry_after,
                every=every,
            )
        )

    def server_error(
        self, method: str | None, *, times: int, status: int, every: int | None = None
    ) -> None:
        self._add(
            Fault(method, remaining=times, status=status, error="internal_error", every=every)
        )

    def delay(self, method: str | None, *, seconds: float, times: int) -> None:
        with self._lock:
            self._delays.append(Fault(method, remaining=times, seconds=seconds))

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()
            self._delays.clear()

    def take_delay(self, method: str) -> float:
        """Seconds to hold this call's answer back (0 for none), using up one planned delay."""
        with self._lock:
            for fault in self._delays:
                if fault.applies_to(method) and fault.remaining > 0:
                    fault.remaining -= 1
                    self._delays = [f for f in self._delays if f.remaining > 0]
                    return fault.seconds
        return 0.0

    def take_fault(self, method: str) -> Fault | None:
        """The fault that answers this call instead of Slack, if any is due."""
        with self._lock:
            chosen: Fault | None = None
            for fault in self._faults:
                if not fault.applies_to(method):
                    continue
                if fault.every:
                    # Every call counts towards the cadence, even when another fault answers it.
                    fault.seen += 1
                    if chosen is None and fault.seen % fault.every == 0:
                        chosen = fault
                elif chosen is None and fault.remaining > 0:
                    fault.remaining -= 1
                    chosen = fault
            self._faults = [f for f in self._faults if f.every or f.remaining > 0]
            return chosen

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)
