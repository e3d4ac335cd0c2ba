"""What a time phrase means: a moment, a day, a span, or a reasoned rejection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


def iso_moment(moment: datetime) -> str:
    """``2026-11-23T10:00+01:00``; seconds only when they are not zero."""
    text = moment.isoformat(timespec="seconds" if moment.second else "minutes")
    return text


@dataclass(frozen=True, slots=True)
class Moment:
    """A point in time, aware, in the user's time zone."""

    at: datetime

    def iso(self) -> str:
        return iso_moment(self.at)


@dataclass(frozen=True, slots=True)
class Day:
    """A whole day: the phrase named no time (``i morgen``, ``uge 50``, ``om 3 dage``)."""

    day: date

    def iso(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True, slots=True)
class Span:
    """From ``start`` to ``end`` (``kl. 9-11``); both aware, end after start."""

    start: datetime
    end: datetime

    def iso(self) -> str:
        return f"{iso_moment(self.start)}/{iso_moment(self.end)}"


TimeResult = Moment | Day | Span


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a phrase is not an acceptable time. ``code`` is stable; :meth:`message` is for people.

    Codes: ``empty``, ``too_long``, ``not_understood``, ``conflicting``, ``past``,
    ``invalid_date``, ``invalid_month``, ``invalid_time``, ``invalid_week``,
    ``nonexistent_time``, ``range_reversed``, ``weekday_mismatch``, ``too_far``, and from
    :func:`~bot.timephrase.split_trailing_time` ``missing_time``.
    """

    code: str
    phrase: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
