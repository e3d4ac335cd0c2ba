"""What the grammar read from a phrase, before it is placed in the calendar.

A :class:`Reading` holds one slot per kind of information (a date, a weekday, a week, an offset,
a clock or a clock range, a part of the day). The grammar fills slots; filling one twice with
different values is a conflict. :mod:`bot.timephrase.resolve` then places the slots in the
calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """``3. december``, ``3/12-2026``, ``2026-12-03``: a day and month, perhaps a year."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class RelativeDay:
    """``i dag`` (0), ``i morgen`` (1), ``i går`` (-1)."""

    days: int


@dataclass(frozen=True, slots=True)
class DayOfMonth:
    """``den 15.``, ``the 15th``: the next 15th."""

    day: int


@dataclass(frozen=True, slots=True)
class WeekRef:
    """``i næste uge`` (relative=1), ``i denne uge`` (relative=0), ``uge 49 [2027]`` (number)."""

    relative: int | None = None
    number: int | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Offset:
    """``om 2 uger``, ``in 90 minutes``: calendar months and days, then elapsed seconds."""

    months: int = 0
    days: int = 0
    seconds: int = 0
    exact: bool = False  # hours or minutes were named: the result is a moment, not a day


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day as written; checked only when resolved, so ``kl. 25`` can be refused."""

    hour: int
    minute: int = 0
    second: int = 0
    meridiem: str | None = None  # "am" | "pm"
    well_formed: bool = True  # False for ``kl. 10.5``: minutes have two digits
    explicit: bool = True  # False for a bare number (``12`` in ``fredag 12-14``)
    text: str = ""  # as written, for messages


@dataclass(frozen=True, slots=True)
class MonthRef:
    """``marts [2027]`` (month, perhaps year), ``næste måned`` (relative=1), ``måneden`` (0)."""

    month: int | None = None
    year: int | None = None
    relative: int | None = None


@dataclass(frozen=True, slots=True)
class MonthPart:
    """``primo marts`` (1st), ``medio marts`` (15th), ``ultimo marts`` (its last day)."""

    part: str  # "primo" | "medio" | "ultimo"
    month: MonthRef


@dataclass(frozen=True, slots=True)
class NthWeekday:
    """``første tirsdag i marts`` (nth=1), ``sidste fredag i måneden`` (nth=-1)."""

    nth: int
    weekday: int
    month: MonthRef


@dataclass(frozen=True, slots=True)
class MonthStart:
    """``i næste måned``, ``i marts``: the first day of the month that is not past."""

    month: MonthRef


@dataclass(frozen=True, slots=True)
class NamedDay:
    """``juleaften``, ``2. påskedag [2027]``; ``dagen før …`` (shift=-1), ``dagen efter …`` (+1);
    ``før påske`` / ``efter påske``: the last working day before, or the first after, the
    holidays the day belongs to (``around`` = -1 / +1)."""

    name: str
    year: int | None = None
    shift: int = 0
    around: int = 0


DateSpec = CalendarDate | RelativeDay | DayOfMonth | MonthPart | NthWeekday | MonthStart | NamedDay


@dataclass(slots=True)
class Reading:
    date: DateSpec | None = None
    weekday: int | None = None
    weekday_back: bool | None = None  # ``sidste fredag``: the latest one before today
    week: WeekRef | None = None
    offset: Offset | None = None
    start: Clock | None = None
    end: Clock | None = None
    part: str | None = None  # "am" | "pm"
    utc_offset: timedelta | None = None
    conflict: bool = False
    guessed_dotted_date: bool = False  # ``10.11`` read as 10 November, not 10:11
    too_far: bool = False

    def put(self, name: str, value: object) -> None:
        """Fill one slot; a slot filled twice with different values is a conflict."""
        current = getattr(self, name)
        if current is not None and current != value:
            self.conflict = True
        setattr(self, name, value)

    @property
    def names_a_day(self) -> bool:
        return (
            self.date is not None
            or self.weekday is not None
            or self.week is not None
            or self.offset is not None
        )

    @property
    def is_empty(self) -> bool:
        return not self.names_a_day and self.start is None and self.part is None
