"""Grammar rules for the day: dates, weekdays, weeks, ``i morgen``.

Each rule takes a :class:`~bot.timephrase.tokens.Cursor`, a
:class:`~bot.timephrase.reading.Reading` and whether an ambiguous ``10.11`` should rather be a
clock; it either consumes tokens, fills slots and answers True, or answers False (the caller puts
the cursor back). Dates are day-first: ``3/12`` is 3 December.
"""

from __future__ import annotations

from datetime import timedelta

from bot.timephrase.lexicon import (
    LAST_WORDS,
    MONTHS,
    NEXT_WORDS,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    RELATIVE_DAYS,
    TENS_FOR_ORDINALS,
    THIS_WORDS,
    WEEK_WORDS,
    WEEKDAYS,
)
from bot.timephrase.reading import (
    CalendarDate,
    Clock,
    DayOfMonth,
    Reading,
    RelativeDay,
    WeekRef,
)
from bot.timephrase.tokens import Cursor

_RELATIVE_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _words, _days in sorted(RELATIVE_DAYS.items(), key=lambda item: -len(item[0])):
    _RELATIVE_BY_FIRST_WORD.setdefault(_words[0], []).append((_words, _days))


def _year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _take_date_prefix(cur: Cursor) -> bool:
    """``den``, ``d.``, ``the`` before a date."""
    start = cur.i
    if cur.take_word(("den", "the")):
        return True
    if cur.take_word("d") and cur.take_dot():
        return True
    cur.i = start
    return False


def _take_year(cur: Cursor) -> int | None:
    """An optional four-digit year after a date: ``3. december 2026``, ``December 3, 2026``."""
    start = cur.i
    cur.take_sym(",")
    cur.take_word(("i", "in", "of"))
    digits = cur.take_num(digits=(4,))
    if digits is None or cur.take_sym(":.", glued=True):
        cur.i = start
        return None
    return int(digits)


def read_iso_date(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``2026-12-03``, ``2026-12-03T10:00``, ``2026-12-03T10:00:00+01:00``."""
    year = cur.take_num(digits=(4,))
    if year is None or not cur.take_sym("-/", glued=True):
        return False
    month = cur.take_num(digits=(1, 2), glued=True)
    if month is None or not cur.take_sym("-/", glued=True):
        return False
    day = cur.take_num(digits=(1, 2), glued=True)
    if day is None:
        return False
    reading.put("date", CalendarDate(int(day), int(month), int(year)))
    mark = cur.i
    token = cur.peek()
    if token is not None and token.kind == "word" and token.glued and token.text == "t":
        _read_iso_time(cur, reading, mark)
    return True


def _read_iso_time(cur: Cursor, reading: Reading, mark: int) -> None:
    """``T10:00[:00][.000][Z|+01:00]`` glued to an ISO date; anything else is left alone."""
    cur.i += 1  # the ``T``
    hour = cur.take_num(digits=(2,), glued=True)
    if hour is None or not cur.take_sym(":", glued=True):
        cur.i = mark
        return
    minute = cur.take_num(digits=(2,), glued=True)
    if minute is None:
        cur.i = mark
        return
    second = "00"
    seconds_mark = cur.i
    if cur.take_sym(":", glued=True):
        second = cur.take_num(digits=(2,), glued=True) or ""
        if not second:
            cur.i, second = seconds_mark, "00"
        elif cur.take_sym(".", glued=True):
            cur.take_num(glued=True)  # fractions of a second do not matter here
    text = f"{hour}:{minute}"
    reading.put("start", Clock(int(hour), int(minute), int(second), text=text))
    if cur.take_word("z"):
        reading.put("utc_offset", timedelta(0))
        return
    sign_mark = cur.i
    sign = cur.take_sym("+-", glued=True)
    if sign is None:
        return
    hours = cur.take_num(digits=(2, 4), glued=True)
    if hours is None:
        cur.i = sign_mark
        return
    minutes = hours[2:] or "00"
    if len(hours) == 2 and cur.take_sym(":", glued=True):
        minutes = cur.take_num(digits=(2,), glued=True) or "00"
    offset = timedelta(hours=int(hours[:2]), minutes=int(minutes))
    reading.put("utc_offset", -offset if sign == "-" else offset)


def read_numeric_date(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``3/12``, ``3/12-2026``, ``3.12.2026``, ``03-12-2026``, ``3.12.``, ``d. 3.12``."""
    prefixed = _take_date_prefix(cur)
    day = cur.take_num(digits=(1, 2))
    if day is None:
        return False
    separator = cur.take_sym("/.-", glued=True)
    if separator is None:
        return False
    month = cur.take_num(digits=(1, 2), glued=True)
    if month is None:
        return False
    year = None
    mark = cur.i
    if cur.take_sym("/.-" if separator == "/" else separator, glued=True):
        digits = cur.take_num(digits=(2, 4), glued=True)
        if digits is not None:
            year = _year(digits)
        elif separator == ".":
            cur.i = mark + 1  # ``3.12.`` with its closing dot
        else:
            return False
    elif separator == "-":
        return False  # ``9-11`` is a range of hours
    elif separator == "." and not prefixed:
        if not _dotted_is_date(cur, day, month, reading, prefer_time):
            return False
        reading.guessed_dotted_date = True
    if year is None and separator == "/":
        year = _take_year(cur)
    reading.put("date", CalendarDate(int(day), int(month), year))
    return True


def _dotted_is_date(cur: Cursor, day: str, month: str, reading: Reading, prefer: bool) -> bool:
    """``10.11``: 10 November or 10:11? Day-first dates win; only ``N.05`` and ``N.10`` are
    clocks, and only after a day (``fredag 9.10``) or when the date reading made no sense."""
    following = cur.peek()
    if following is not None and following.glued and following.text in "-:":
        return False  # ``9.30-11``
    as_date = 1 <= int(day) <= 31 and 1 <= int(month) <= 12
    as_clock = len(month) == 2 and int(day) <= 24 and int(month) < 60
    if prefer:
        return as_date and not as_clock
    # meetings start on the five minutes: ``3.12`` is 3 December, ``10.05`` may be a clock
    if not as_clock or int(month) % 5:
        return as_date
    return as_date and not reading.names_a_day


def _take_ordinal_word(cur: Cursor) -> int | None:
    """``første``, ``third``, ``twenty-first``."""
    start = cur.i
    tens = cur.take_word(TENS_FOR_ORDINALS)
    if tens is not None:
        cur.take_sym("-", glued=True)
    word = cur.take_word(ORDINAL_WORDS)
    if word is None:
        cur.i = start
        return None
    day = ORDINAL_WORDS[word]
    if tens is not None:
        if day > 9:
            cur.i = start
            return None
        day += TENS_FOR_ORDINALS[tens]
    return day


def read_named_date(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``3. december``, ``d. 3. dec.``, ``3rd of December``, ``December 3rd, 2027``,
    ``den første december``, ``December first``."""
    _take_date_prefix(cur)
    day = cur.take_num(digits=(1, 2))
    if day is None:
        ordinal = _take_ordinal_word(cur)
        day = None if ordinal is None else str(ordinal)
    elif not cur.take_dot():
        cur.take_word(ORDINAL_SUFFIXES)
    if day is not None:
        cur.take_word("of")
        month = cur.take_word(MONTHS)
        if month is None:
            return False
        cur.take_dot()
    else:
        month = cur.take_word(MONTHS)
        if month is None:
            return False
        cur.take_dot()
        cur.take_word("the")
        day = cur.take_num(digits=(1, 2))
        if day is None:
            ordinal = _take_ordinal_word(cur)
            if ordinal is None:
                return False
            day = str(ordinal)
        following = cur.peek()
        if following is not None and following.glued and following.text in ":.":
            after = cur.peek(1)
            if following.text == ":" or (after is not None and after.kind == "num"):
                return False  # ``december 10:00``: the number is a clock
            cur.take_dot()
        cur.take_word(ORDINAL_SUFFIXES)
    reading.put("date", CalendarDate(int(day), MONTHS[month], _take_year(cur)))
    return True


def read_day_of_month(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``den 15.``, ``the 15th``, ``on the 3rd``."""
    prefixed = _take_date_prefix(cur)
    day = cur.take_num(digits=(1, 2))
    if day is None:
        ordinal_day = _take_ordinal_word(cur) if prefixed else None
        if ordinal_day is None:
            return False
        reading.put("date", DayOfMonth(ordinal_day))
        return True
    ordinal = cur.take_dot() or cur.take_word(ORDINAL_SUFFIXES) is not None
    if not (ordinal or prefixed):
        return False
    following = cur.peek()
    if following is not None and following.kind == "num" and following.glued:
        return False  # ``d. 10.30``
    reading.put("date", DayOfMonth(int(day)))
    return True


def read_relative_day(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``i dag``, ``i morgen``, ``i overmorgen``, ``tomorrow``, ``i går``."""
    first = cur.peek()
    if first is None or first.kind != "word":
        return False
    for words, days in _RELATIVE_BY_FIRST_WORD.get(first.text, ()):
        if cur.take_words(*words):
            reading.put("date", RelativeDay(days))
            return True
    return False


def read_week(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``i næste uge``, ``next week``, ``denne uge``, ``uge 49``, ``week 1 2027``, ``uge49``."""
    cur.take_word(("i", "in", "during", "on"))
    cur.take_word("the")
    relative = None
    if cur.take_word(NEXT_WORDS) or cur.take_word("following"):
        relative = 1
    elif cur.take_word(THIS_WORDS):
        relative = 0
    elif cur.take_word(("overnaeste", "overnaste")):
        relative = 2
    elif cur.take_word(LAST_WORDS):
        relative = -1
    if relative is not None:
        if cur.take_word(WEEK_WORDS) is None:
            return False
        reading.put("week", WeekRef(relative=relative))
        return True
    if cur.take_words("week", "after", "next"):
        reading.put("week", WeekRef(relative=2))
        return True
    if cur.take_word(WEEK_WORDS) is None:
        following = cur.peek(1)
        if following is None or not following.glued or not cur.take_word("w"):
            return False  # ``w49``, but not a lone ``w``
    number = cur.take_num(digits=(1, 2))
    if number is None:
        return False
    cur.take_dot()
    year: int | None = None
    mark = cur.i
    if cur.take_sym("/"):
        digits = cur.take_num(digits=(4,))
        year = int(digits) if digits else None
    if year is None:
        cur.i = mark
        year = _take_year(cur)
    reading.put("week", WeekRef(number=int(number), year=year))
    return True


def read_weekday(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``tirsdag``, ``næste tirsdag``, ``tors.``, ``Tue``, ``førstkommende fredag``,
    ``sidste fredag``."""
    backwards = cur.take_word(LAST_WORDS) is not None
    if not backwards and cur.take_word(NEXT_WORDS) is None and cur.take_word(THIS_WORDS) is None:
        cur.take_word(("foerstkommende", "forstkommende"))
    name = cur.take_word(WEEKDAYS)
    if name is None:
        return False
    cur.take_dot()
    reading.put("weekday", WEEKDAYS[name])
    if backwards:  # ``sidste fredag``: understood, and refused as past
        reading.put("weekday_back", True)
    return True
