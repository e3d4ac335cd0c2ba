"""Denmark's working days and working hours.

A working day is Monday to Friday and not a public holiday (from the ``holidays`` package) nor
one of the days the public sector has off besides them: Christmas Eve, New Year's Eve and
Constitution Day. Working hours are ``POGI_WORKING_HOURS`` (default 8–17, Danish time): a nudge
or a reminder that would fall outside them goes at the start of the next working period instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

DAYS_OFF = ((12, 24), (12, 31), (6, 5))
"""Days off in the public sector that are not public holidays: 24 and 31 December, 5 June."""
_WEEKEND = {"da": ("lørdag", "søndag"), "en": ("Saturday", "Sunday")}
_LANGUAGES = {"da": "da", "en": "en_US"}
DANISH_TIME: tzinfo = ZoneInfo("Europe/Copenhagen")


@lru_cache(maxsize=64)
def _public(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


@lru_cache(maxsize=64)
def _names(year: int, language: str) -> dict[date, str]:
    named = holidays.country_holidays(
        "DK", years=year, language=_LANGUAGES[language], categories=("public", "optional")
    )
    return {
        day: name
        for day, name in named.items()
        if day in _public(year) or (day.month, day.day) in DAYS_OFF
    }


def is_working_day(day: date) -> bool:
    return (
        day.weekday() < 5 and day not in _public(day.year) and (day.month, day.day) not in DAYS_OFF
    )


def holiday_name(day: date, language: str = "da") -> str | None:
    """The holiday or public-sector day off that ``day`` is, as a sentence names it:
    ``juledag``, ``Kristi himmelfartsdag``, ``Christmas Day``; None for any other day."""
    language = language if language in _LANGUAGES else "da"
    name = _names(day.year, language).get(day)
    if name is not None and language == "da" and not name.startswith("Kristi"):
        return name[0].lower() + name[1:]
    return name


def day_off(day: date, language: str = "da") -> str | None:
    """Why ``day`` is not a working day: its holiday's name, or ``lørdag``/``søndag``; None on
    a working day."""
    name = holiday_name(day, language)
    if name is None and day.weekday() >= 5:
        return _WEEKEND[language if language in _LANGUAGES else "da"][day.weekday() - 5]
    return name


def working_days(after: date, through: date) -> int:
    """How many working days there are after ``after`` up to and including ``through``."""
    count, day = 0, after + timedelta(days=1)
    while day <= through:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


@dataclass(frozen=True)
class WorkingHours:
    """The hours of a working day when pogi may nudge people: ``start`` to ``end`` o'clock in
    ``zone``."""

    start: int = 8
    end: int = 17
    zone: tzinfo = DANISH_TIME

    @classmethod
    def parse(cls, text: str, zone: tzinfo | None = None) -> WorkingHours:
        """``8-17`` → 8 to 17; anything else is refused with ValueError."""
        first, _, last = text.replace("–", "-").partition("-")
        start, end = int(first.strip()), int(last.strip())
        if not 0 <= start < end <= 24:
            raise ValueError(f"working hours must be like 8-17, not {text!r}")
        return cls(start, end, zone or DANISH_TIME)

    def _opening(self, day: date) -> datetime:
        return datetime.combine(day, time(self.start), tzinfo=self.zone)

    def within(self, at: datetime) -> bool:
        local = at.astimezone(self.zone)
        return is_working_day(local.date()) and self.start <= local.hour < self.end

    def next_start(self, at: datetime) -> datetime:
        """``at`` if it is within working hours, else the start of the next working period."""
        if self.within(at):
            return at
        local = at.astimezone(self.zone)
        day = local.date()
        if not (is_working_day(day) and local.hour < self.start):
            day += timedelta(days=1)
            while not is_working_day(day):
                day += timedelta(days=1)
        return self._opening(day)

    def next_working_morning(self, after: datetime) -> datetime:
        """The start of the first working day after the day of ``after``."""
        day = after.astimezone(self.zone).date() + timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
        return self._opening(day)

    def last_start_before(self, at: datetime) -> datetime:
        """The start of the latest working period that begins before ``at``."""
        day = at.astimezone(self.zone).date()
        while not is_working_day(day) or self._opening(day) >= at:
            day -= timedelta(days=1)
        return self._opening(day)

    def place_reminder(self, due: datetime, *, before: datetime) -> datetime:
        """When a reminder meant for ``due``, ahead of an event at ``before``, goes: at ``due``
        within working hours; else at the start of the next working period if that is still
        before the event, or else of the latest one before it (a reminder on the morning of a
        deadline at midnight rather than after it)."""
        later = self.next_start(due)
        return later if later < before else self.last_start_before(before)
