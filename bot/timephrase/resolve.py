"""Place a :class:`~bot.timephrase.reading.Reading` in the calendar (SPEC §5).

The meanings, relative to ``now`` in the user's zone:

- a weekday, and ``næste``/``next`` + weekday: the first such day *after* today (on a Tuesday,
  ``tirsdag`` and ``næste tirsdag`` both mean next week's Tuesday). ``næste`` is accepted as a
  plain word of emphasis: people use it for the coming one, and one rule is easier to trust.
- ``WEEKDAY i næste uge`` / ``next week``: that day in the next ISO week.
- ``uge N`` / ``WEEKDAY i uge N``: ISO week N, the next one not in the past. During week N itself
  ``uge N`` is *this* week (it is not over), so ``uge N`` alone means today, the first day of the
  week that is not past, and ``mandag i uge N`` on a Wednesday of week N is refused as past
  rather than silently moved a year ahead.
- a date without a year, ``den 15.``, a clock without a day: the next occurrence; today counts if
  the time is still ahead (``kl. 10`` at noon is tomorrow at 10; ``i dag kl. 10`` is refused).
- ``kl. 24`` (and ``midnat``) is the end of the day: 00:00 the next day.
- A local time in the spring-forward gap (``28. marts 2027 kl. 2.30`` in Copenhagen) does not
  exist and is refused; in the autumn's repeated hour the first (summer-time) one is meant.
- ``om N timer/minutter`` is elapsed time (``now`` + N hours, also across a change of clocks);
  ``om N dage/uger/måneder/år`` counts calendar days and months (31 January + 1 month is
  28/29 February) and gives a day.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from bot.timephrase.named_days import Unplaced, place_in_month, place_named_day
from bot.timephrase.reading import (
    CalendarDate,
    Clock,
    DayOfMonth,
    NamedDay,
    Reading,
    RelativeDay,
    WeekRef,
)
from bot.timephrase.results import Day, Moment, Rejection, Span, TimeResult

_HORIZON_YEARS = 100
Ahead = Callable[[date], bool]  # is this day (at the phrase's clock, if any) not yet past?


class _Refused(Exception):
    """Internal: unwinds resolution with a rejection; never leaves this module."""

    def __init__(self, rejection: Rejection) -> None:
        self.rejection = rejection


def resolve(
    reading: Reading, *, phrase: str, now: datetime, zone: tzinfo
) -> TimeResult | Rejection:
    try:
        return _resolve(reading, phrase=phrase, now=now.astimezone(zone), zone=zone)
    except _Refused as refused:
        return refused.rejection
    except (OverflowError, ValueError):
        return Rejection("too_far", phrase)


def _refuse(code: str, phrase: str, **details: object) -> _Refused:
    return _Refused(Rejection(code, phrase, details))


def _resolve(reading: Reading, *, phrase: str, now: datetime, zone: tzinfo) -> TimeResult:
    if reading.conflict:
        raise _refuse("conflicting", phrase)
    if reading.too_far:
        raise _refuse("too_far", phrase)
    if reading.is_empty or (reading.start is None and not reading.names_a_day):
        # ``morgen`` or ``eftermiddagen`` alone names neither a day nor a time
        raise _refuse("not_understood", phrase)
    start, end = _clocks(reading, phrase)
    offset = reading.offset
    if offset is not None and offset.exact:
        named_day = reading.weekday is not None or reading.week is not None or reading.date
        if start is not None or (named_day and reading.date != RelativeDay(0)):
            raise _refuse("conflicting", phrase)
        return _checked(
            Moment(_elapsed(now, offset.months, offset.days, offset.seconds, zone)), now, phrase
        )
    # ``10:00 UTC``, ``2026-12-03T10:00+01:00``: the clock is read in that offset
    clock_zone = zone if reading.utc_offset is None else timezone(reading.utc_offset)
    if clock_zone is not zone and start is None:
        raise _refuse("conflicting", phrase)

    def ahead(day: date) -> bool:
        if start is None:
            return day >= now.date()
        return _instant(_wall(day, start, clock_zone, phrase)) >= _instant(now)

    day = _day(reading, now.date(), ahead, phrase)
    if offset is not None:
        day = _add_months(day, offset.months) + timedelta(days=offset.days)
    if day.year > now.year + _HORIZON_YEARS:
        raise _refuse("too_far", phrase)
    if start is None:
        return _checked(Day(day), now, phrase)
    begins = _wall(day, start, clock_zone, phrase).astimezone(zone)
    if end is None:
        return _checked(Moment(begins), now, phrase)
    ends = _wall(day, end, clock_zone, phrase).astimezone(zone)
    if _instant(ends) <= _instant(begins):
        raise _refuse("range_reversed", phrase, start=begins, end=ends)
    return _checked(Span(begins, ends), now, phrase)


def _instant(moment: datetime) -> datetime:
    # aware datetimes sharing a tzinfo compare by wall clock, blind to the repeated autumn hour
    return moment.astimezone(UTC)


def refuse_past(result: TimeResult, *, now: datetime, phrase: str) -> TimeResult | Rejection:
    """``result``, or a ``past`` rejection when it lies before ``now``."""
    try:
        return _checked(result, now, phrase)
    except _Refused as refused:
        return refused.rejection


def _checked(result: TimeResult, now: datetime, phrase: str) -> TimeResult:
    if isinstance(result, Day):
        past = result.day < now.date()
    else:
        at = result.at if isinstance(result, Moment) else result.start
        past = _instant(at) < _instant(now)
    if past:
        raise _refuse("past", phrase, understood=result)
    return result


# --- clocks ----------------------------------------------------------------------------------


def _clocks(
    reading: Reading, phrase: str
) -> tuple[tuple[time, bool] | None, tuple[time, bool] | None]:
    first, last = reading.start, reading.end
    if first is not None and last is not None:
        first, last = _share_meridiem(first, last)
    start = None if first is None else _time_of_day(first, reading.part, phrase)
    end = None if last is None else _time_of_day(last, reading.part, phrase)
    return start, end


def _hour24(clock: Clock, meridiem: str | None) -> int:
    if meridiem is None or not 1 <= clock.hour <= 12:
        return clock.hour
    return clock.hour % 12 + (12 if meridiem == "pm" else 0)


def _share_meridiem(first: Clock, last: Clock) -> tuple[Clock, Clock]:
    """``1-3pm`` is 13-15, ``10-2pm`` is 10-14, ``11am-1`` is 11-13."""
    if first.meridiem is None and last.meridiem and 1 <= first.hour <= 12:
        end = _hour24(last, last.meridiem)
        same = replace(first, meridiem=last.meridiem)
        other = replace(first, meridiem="am" if last.meridiem == "pm" else "pm")
        return (same if _hour24(same, same.meridiem) < end else other), last
    if last.meridiem is None and first.meridiem and 1 <= last.hour <= 12:
        begin = _hour24(first, first.meridiem)
        same = replace(last, meridiem=first.meridiem)
        other = replace(last, meridiem="pm" if first.meridiem == "am" else "am")
        return first, (same if _hour24(same, same.meridiem) > begin else other)
    return first, last


def _time_of_day(clock: Clock, part: str | None, phrase: str) -> tuple[time, bool]:
    """The wall-clock time and whether it is 24:00 (the next day's 00:00)."""
    hour, minute, second = clock.hour, clock.minute, clock.second
    valid = clock.well_formed and minute <= 59 and second <= 59
    if clock.meridiem is not None:
        valid = valid and 1 <= hour <= 12
        hour = _hour24(clock, clock.meridiem)
    elif part == "pm" and 1 <= hour <= 11:
        hour += 12
    if valid and hour == 24 and minute == second == 0:
        return time(0), True
    if not valid or hour > 23:
        raise _refuse("invalid_time", phrase, clock=clock)
    return time(hour, minute, second), False


def _wall(day: date, clock: tuple[time, bool], zone: tzinfo, phrase: str) -> datetime:
    """``day`` at ``clock`` in ``zone``; a time skipped by a change of clocks is refused."""
    at, next_day = clock
    if next_day:
        day += timedelta(days=1)
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)  # fold=0: in a repeated hour, the first one
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise _refuse("nonexistent_time", phrase, wall=naive)
    return aware


def _elapsed(now: datetime, months: int, days: int, seconds: int, zone: tzinfo) -> datetime:
    base = now
    if months or days:
        moved = _add_months(now.date(), months) + timedelta(days=days)
        base = datetime.combine(moved, now.time().replace(tzinfo=None), tzinfo=zone)
    return (base.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)


# --- days ------------------------------------------------------------------------------------


def _day(reading: Reading, today: date, ahead: Ahead, phrase: str) -> date:
    spec, weekday, week = reading.date, reading.weekday, reading.week
    if isinstance(spec, DayOfMonth):
        return _day_of_month(spec.day, weekday, today, ahead, phrase)
    if spec is not None:
        if isinstance(spec, RelativeDay):
            day = today + timedelta(days=spec.days)
        elif isinstance(spec, CalendarDate):
            day = _calendar_date(spec, today, ahead, phrase)
        else:
            try:
                if isinstance(spec, NamedDay):
                    day = place_named_day(spec, today, ahead)
                else:
                    day = place_in_month(spec, today, ahead)
            except Unplaced as unplaced:
                raise _refuse(unplaced.code, phrase, **unplaced.details) from None
        if week is not None and not _in_week(day, week, today):
            raise _refuse("conflicting", phrase)
        if weekday is not None and day.weekday() != weekday:
            raise _refuse("weekday_mismatch", phrase, day=day, weekday=weekday)
        return day
    if week is not None:
        return _week_day(week, weekday, today, phrase)
    if weekday is not None:
        step = (weekday - today.weekday() - 1) % 7 + 1
        if reading.weekday_back:
            step = -((today.weekday() - weekday - 1) % 7 + 1)
        return today + timedelta(days=step)
    if reading.offset is not None:
        return today
    return today if ahead(today) else today + timedelta(days=1)


def _calendar_date(spec: CalendarDate, today: date, ahead: Ahead, phrase: str) -> date:
    if not 1 <= spec.month <= 12:
        raise _refuse("invalid_month", phrase, month=spec.month)
    if spec.year is not None:
        if spec.year < 1:
            raise _refuse("past", phrase)
        try:
            return date(spec.year, spec.month, spec.day)
        except ValueError:
            if 1 <= spec.year <= 9999:
                raise _refuse(
                    "invalid_date", phrase, day=spec.day, month=spec.month, year=spec.year
                ) from None
            raise
    if not 1 <= spec.day <= (29 if spec.month == 2 else calendar.monthrange(2001, spec.month)[1]):
        raise _refuse("invalid_date", phrase, day=spec.day, month=spec.month, year=None)
    for year in range(today.year, today.year + 9):  # 29 February waits for a leap year
        if spec.month == 2 and spec.day == 29 and not calendar.isleap(year):
            continue
        day = date(year, spec.month, spec.day)
        if ahead(day):
            return day
    raise _refuse("too_far", phrase)  # pragma: no cover - a leap year comes within 8 years


def _day_of_month(day: int, weekday: int | None, today: date, ahead: Ahead, phrase: str) -> date:
    if not 1 <= day <= 31:
        raise _refuse("invalid_date", phrase, day=day, month=None, year=None)
    year, month = today.year, today.month
    for _ in range(12 * 28):  # a weekday and a day of the month meet within 28 years
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if ahead(candidate) and (weekday is None or candidate.weekday() == weekday):
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise _refuse("weekday_mismatch", phrase, day=None, weekday=weekday)


def _weeks_in(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


def _in_week(day: date, week: WeekRef, today: date) -> bool:
    iso = day.isocalendar()
    if week.relative is not None:
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week.relative)
        return monday <= day < monday + timedelta(days=7)
    return iso.week == week.number and (week.year is None or iso.year == week.year)


def _week_day(week: WeekRef, weekday: int | None, today: date, phrase: str) -> date:
    if week.relative is not None:
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week.relative)
        if weekday is not None:
            return monday + timedelta(days=weekday)
        return max(monday, today) if week.relative == 0 else monday
    number = week.number or 0
    this_year, this_week, _ = today.isocalendar()
    if week.year is not None:
        year = week.year
        if not 1 <= number <= _weeks_in(year):
            raise _refuse("invalid_week", phrase, week=number, year=year)
    else:
        if not 1 <= number <= 53:
            raise _refuse("invalid_week", phrase, week=number, year=None)
        year = this_year if number >= this_week else this_year + 1
        while number > _weeks_in(year):  # week 53 comes every five or six years
            year += 1
    if weekday is not None:
        return date.fromisocalendar(year, number, weekday + 1)
    monday = date.fromisocalendar(year, number, 1)
    return today if (year, number) == (this_year, this_week) else monday


def _add_months(day: date, months: int) -> date:
    if not months:
        return day
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
