"""Days named the way Danish offices name them: holidays, ``primo marts``, ``første tirsdag i
marts``, ``i næste måned``, and the working days around the holidays (``efter påske``).

Working days are those of :mod:`bot.timephrase.workdays`; Easter is computed by
``python-dateutil``. Every function here takes today's date and a test of whether a day is
still ahead, and answers a day or raises :class:`Unplaced`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from dateutil.easter import easter

from bot.timephrase.lexicon import fold
from bot.timephrase.reading import MonthPart, MonthRef, MonthStart, NamedDay, NthWeekday
from bot.timephrase.workdays import is_working_day

Ahead = Callable[[date], bool]
_YEARS_AHEAD = 9  # a fifth Tuesday in March, or a holiday on a weekday, comes within 9 years

# name → (month, day) in the calendar, or days from Easter Sunday
_FIXED: dict[str, tuple[int, int]] = {
    "nytaarsdag": (1, 1),
    "grundlovsdag": (6, 5),
    "sankthansaften": (6, 23),
    "juleaften": (12, 24),
    "juledag": (12, 25),
    "anden_juledag": (12, 26),
    "nytaarsaften": (12, 31),
}
_FROM_EASTER: dict[str, int] = {
    "fastelavn": -49,
    "skaertorsdag": -3,
    "langfredag": -2,
    "paaskedag": 0,
    "anden_paaskedag": 1,
    "kristi_himmelfartsdag": 39,
    "pinsedag": 49,
    "anden_pinsedag": 50,
}
# The holidays a named day belongs to, as days before and after it: ``efter påske`` is after
# 2. påskedag, ``før jul`` before juleaften.
_HOLIDAYS_AROUND: dict[str, tuple[int, int]] = {
    "nytaarsaften": (0, 1),
    "nytaarsdag": (1, 0),
    "skaertorsdag": (0, 4),
    "langfredag": (1, 3),
    "paaskedag": (3, 1),
    "anden_paaskedag": (4, 0),
    "pinsedag": (0, 1),
    "anden_pinsedag": (1, 0),
    "juleaften": (0, 2),
    "juledag": (1, 1),
    "anden_juledag": (2, 0),
}

# How people write them; each spelling is a sequence of folded words (``'`` is left out, so
# ``New Year's Eve`` is new, year, s, eve).
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "nytaarsdag": ("nytårsdag", "nytår", "nytåret", "new year s day", "new years day", "new year"),
    "grundlovsdag": ("grundlovsdag", "grundlovsdagen", "constitution day"),
    "sankthansaften": ("sankthansaften", "sankt hans aften", "sankt hans", "sankthans"),
    "juleaften": (
        "juleaften",
        "juleaftensdag",
        "juleaftenen",
        "jul",
        "julen",
        "christmas eve",
    ),
    "juledag": (
        "juledag",
        "første juledag",
        "juledagen",
        "christmas day",
        "christmas",
        "xmas",
    ),
    "anden_juledag": ("anden juledag", "boxing day"),
    "nytaarsaften": ("nytårsaften", "nytårsaftensdag", "new year s eve", "new years eve"),
    "fastelavn": ("fastelavn", "fastelavnssøndag"),
    "skaertorsdag": ("skærtorsdag", "maundy thursday"),
    "langfredag": ("langfredag", "good friday"),
    "paaskedag": (
        "påskedag",
        "påskesøndag",
        "påske",
        "påsken",
        "første påskedag",
        "easter",
        "easter sunday",
        "easter day",
    ),
    "anden_paaskedag": ("anden påskedag", "easter monday"),
    "kristi_himmelfartsdag": (
        "kristi himmelfartsdag",
        "kristi himmelfart",
        "himmelfartsdag",
        "ascension day",
        "ascension",
    ),
    "pinsedag": (
        "pinsedag",
        "pinse",
        "pinsen",
        "pinsesøndag",
        "første pinsedag",
        "whit sunday",
        "whitsunday",
        "whitsun",
        "pentecost",
    ),
    "anden_pinsedag": ("anden pinsedag", "whit monday", "whitmonday"),
}


def _spelled(words: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in words.split())


SPELLINGS: dict[tuple[str, ...], str] = {}
for _name, _ways in _SPELLINGS.items():
    for _way in _ways:
        SPELLINGS[_spelled(_way)] = _name
        SPELLINGS.setdefault(_spelled(_way.translate(str.maketrans("æøå", "aoa"))), _name)
# ``2. juledag``: the number stands for ``anden`` (and ``1.`` for ``første``)
NUMBERED: dict[tuple[int, str], str] = {
    (1, fold("juledag")): "juledag",
    (2, fold("juledag")): "anden_juledag",
    (1, fold("påskedag")): "paaskedag",
    (2, fold("påskedag")): "anden_paaskedag",
    (1, fold("pinsedag")): "pinsedag",
    (2, fold("pinsedag")): "anden_pinsedag",
}
LONGEST_SPELLING = max(len(words) for words in SPELLINGS)
FIRST_WORDS = frozenset(words[0] for words in SPELLINGS)


class Unplaced(Exception):
    """The phrase names a day that does not exist (``femte tirsdag i februar 2027``) or none
    within the years looked at; ``code`` and ``details`` as a rejection's."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def named_day_in(name: str, year: int) -> date:
    """The named day in ``year``."""
    if name in _FIXED:
        month, day = _FIXED[name]
        return date(year, month, day)
    return easter(year) + timedelta(days=_FROM_EASTER[name])


def _named(spec: NamedDay, year: int) -> date:
    day = named_day_in(spec.name, year) + timedelta(days=spec.shift)
    if not spec.around:
        return day
    before, after = _HOLIDAYS_AROUND.get(spec.name, (0, 0))
    step = timedelta(days=spec.around)
    day += timedelta(days=-before - 1) if spec.around < 0 else timedelta(days=after + 1)
    while not is_working_day(day):
        day += step
    return day


def place_named_day(spec: NamedDay, today: date, ahead: Ahead) -> date:
    if spec.year is not None:
        return _named(spec, spec.year)
    for year in range(today.year, today.year + _YEARS_AHEAD):
        day = _named(spec, year)
        if ahead(day):
            return day
    raise Unplaced("too_far")  # pragma: no cover - every named day comes once a year


def _months(ref: MonthRef, today: date) -> Iterator[tuple[int, int]]:
    """The months ``ref`` may mean, the nearest first."""
    if ref.relative is not None:
        index = today.year * 12 + today.month - 1 + ref.relative
        yield index // 12, index % 12 + 1
        return
    month = ref.month or today.month
    if ref.year is not None:
        yield ref.year, month
        return
    for year in range(today.year, today.year + _YEARS_AHEAD):
        yield year, month


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    days = [
        date(year, month, number)
        for number in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, number).weekday() == weekday
    ]
    if nth < 0:
        return days[nth] if -nth <= len(days) else None
    return days[nth - 1] if nth <= len(days) else None


def place_in_month(spec: MonthPart | NthWeekday | MonthStart, today: date, ahead: Ahead) -> date:
    """The first day ``spec`` names, of the months its month may mean, that is still ahead."""
    ref = spec.month
    if ref.month is not None and not 1 <= ref.month <= 12:
        raise Unplaced("invalid_month", month=ref.month)
    found_any = False
    for year, month in _months(ref, today):
        day: date | None
        if isinstance(spec, MonthStart):
            day = today if (year, month) == (today.year, today.month) else date(year, month, 1)
        elif isinstance(spec, MonthPart):
            number = {"primo": 1, "medio": 15}.get(spec.part)
            day = date(year, month, number or calendar.monthrange(year, month)[1])
        else:
            day = _nth_weekday(year, month, spec.nth, spec.weekday)
        if day is None:
            continue
        found_any = True
        if ahead(day) or ref.relative is not None or ref.year is not None:
            return day
    if not found_any and isinstance(spec, NthWeekday):
        year, month = next(_months(ref, today))
        raise Unplaced("no_such_weekday", weekday=spec.weekday, month=month, year=year)
    raise Unplaced("too_far")
