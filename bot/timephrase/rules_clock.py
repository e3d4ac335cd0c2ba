"""Grammar rules for the time of day: ``kl. 10``, ``10.30``, ``2pm``, ``kl. 9-11``, ``i aften``.

Each rule takes a :class:`~bot.timephrase.tokens.Cursor` and a
:class:`~bot.timephrase.reading.Reading`; it either consumes tokens and fills slots and answers
True, or answers False (the caller puts the cursor back).

A bare number is not a time (``fredag 12`` could be the 12th); it becomes one with ``kl.``/``at``,
minutes (``12:00``, ``12.00``), ``am``/``pm``, or as part of a range (``fredag 12-14``).
"""

from __future__ import annotations

from datetime import timedelta

from bot.timephrase.lexicon import (
    CLOCK_PREFIXES,
    MIDNIGHT_WORDS,
    NOON_WORDS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    RANGE_OPENERS,
    RANGE_WORDS,
    TODAY_PARTS,
)
from bot.timephrase.reading import Clock, Reading, RelativeDay
from bot.timephrase.tokens import Cursor

_NAMED_CLOCKS = NOON_WORDS | MIDNIGHT_WORDS
_BETWEEN = frozenset(("mellem", "between"))
_BETWEEN_WORDS = frozenset(("og", "and"))


def read_meridiem(cur: Cursor) -> str | None:
    """``am``, ``pm``, ``a.m.``, ``p.m.``."""
    start = cur.i
    word = cur.take_word(("am", "pm"))
    if word:
        cur.take_dot()
        return word
    letter = cur.take_word(("a", "p"))
    if letter and cur.take_dot() and cur.take_word("m"):
        cur.take_dot()
        return f"{letter}m"
    cur.i = start
    return None


def _read_oclock(cur: Cursor) -> bool:
    start = cur.i
    if cur.take_word("oclock"):
        return True
    if cur.take_word("o") and cur.take_sym("'") and cur.take_word("clock"):
        return True
    cur.i = start
    return False


def _take_hour(cur: Cursor) -> int | None:
    """``10`` or ``ti``/``ten``."""
    digits = cur.take_num(digits=(1, 2))
    if digits is not None:
        return int(digits)
    word = cur.take_word(NUMBER_WORDS)
    return None if word is None or word in ("a", "an") else NUMBER_WORDS[word]


def _read_spoken_clock(cur: Cursor) -> Clock | None:
    """``halv ti`` (9.30), ``kvart over ti``, ``kvart i ti``, ``half past nine``,
    ``quarter to ten``."""
    start = cur.i
    if cur.take_word("halv"):
        before, minute = 1, 30
    elif cur.take_words("kvart", "over") or cur.take_words("quarter", "past"):
        before, minute = 0, 15
    elif cur.take_words("kvart", "i") or cur.take_words("quarter", "to"):
        before, minute = 1, 45
    elif cur.take_words("half", "past"):
        before, minute = 0, 30
    else:
        return None
    hour = _take_hour(cur)
    if hour is None or hour > 24:
        cur.i = start
        return None
    hour = (hour - before) % 24 if hour else 23 if before else 0
    return Clock(hour, minute, text=f"{hour}.{minute}")


def read_clock(cur: Cursor) -> Clock | None:
    """One time of day, with or without ``kl.``; ``explicit`` says whether it is surely a time."""
    start = cur.i
    prefixed = bool(cur.take_word(CLOCK_PREFIXES) or cur.take_sym("@"))
    if prefixed:
        cur.take_dot()
    named = cur.take_word(_NAMED_CLOCKS)
    if named:
        return Clock(12 if named in NOON_WORDS else 24, text=named)
    spoken = _read_spoken_clock(cur)
    if spoken is not None:
        return spoken
    digits = cur.take_num()
    if digits is None:
        word = cur.take_word(NUMBER_WORDS)
        if word is not None and word not in ("a", "an", "en", "et"):
            # ``kl. ti``, ``ten am``, ``ten o'clock``: a number word is a clock only when marked
            hour = NUMBER_WORDS[word]
            meridiem = read_meridiem(cur)
            if prefixed or meridiem or _read_oclock(cur):
                return Clock(hour, meridiem=meridiem, text=word)
        cur.i = start
        return None
    minute = second = 0
    explicit = prefixed
    well_formed = True
    text = digits
    if len(digits) <= 2:
        hour = int(digits)
        mark = cur.i
        separator = cur.take_sym(":.", glued=True)
        minutes = cur.take_num(glued=True) if separator else None
        if minutes is None or (separator == "." and len(minutes) != 2 and not prefixed):
            # ``kl. 10.`` ends a sentence; ``10.5`` without ``kl.`` is a date, not 10:05
            cur.i = mark
        else:
            text += f"{separator}{minutes}"
            explicit = True
            well_formed = len(minutes) == 2
            minute = int(minutes[:4])
            seconds_mark = cur.i
            if separator == ":" and cur.take_sym(":", glued=True):
                seconds = cur.take_num(glued=True, digits=(2,))
                if seconds is None:
                    cur.i = seconds_mark
                else:
                    second = int(seconds)
                    text += f":{seconds}"
    elif len(digits) in (3, 4) and prefixed:  # ``kl. 1030``
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        cur.i = start
        return None
    meridiem = read_meridiem(cur)
    if meridiem or _read_oclock(cur):
        explicit = True
    if meridiem:
        text += f" {meridiem}"
    return Clock(hour, minute, second, meridiem, well_formed, explicit, text)


def read_time(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """A clock or a range: ``kl. 10``, ``kl. 9-11``, ``fra kl. 9 til 11``, ``10am-2pm``."""
    opener = cur.take_word(RANGE_OPENERS)
    first = read_clock(cur)
    if first is None:
        return False
    mark = cur.i
    end = None
    connectors = RANGE_WORDS | _BETWEEN_WORDS if opener in _BETWEEN else RANGE_WORDS
    if cur.take_sym("-") or cur.take_word(connectors):
        end = read_clock(cur)
        if end is None:
            cur.i = mark
    if end is None and (opener in _BETWEEN or not (first.explicit or opener or _part_follows(cur))):
        return False
    reading.put("start", first)
    if end is not None:
        reading.put("end", end)
    return True


_ZONE_NAMES = {"utc": 0, "gmt": 0, "cet": 1, "cest": 2}


def read_zone_name(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``UTC``, ``CET``, ``CEST``, ``GMT+2``: the clock is in that offset, not the user's zone."""
    name = cur.take_word(_ZONE_NAMES)
    if name is None:
        return False
    hours = _ZONE_NAMES[name]
    mark = cur.i
    sign = cur.take_sym("+-", glued=True)
    if sign is not None:
        digits = cur.take_num(digits=(1, 2), glued=True)
        if digits is None or int(digits) > 14:
            cur.i = mark
        else:
            hours += int(digits) if sign == "+" else -int(digits)
    reading.put("utc_offset", timedelta(hours=hours))
    return True


def _part_follows(cur: Cursor) -> bool:
    """``3 in the afternoon``, ``8 i aften``: a part of the day makes a bare number a clock."""
    mark = cur.i
    follows = read_part_of_day(cur, Reading(), False)
    cur.i = mark
    return follows


def read_part_of_day(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``om eftermiddagen``, ``in the morning``, ``fredag aften``; ``i aften`` and ``tonight``
    also name today."""
    if cur.take_word("tonight"):
        reading.put("date", RelativeDay(0))
        reading.put("part", "pm")
        return True
    if cur.take_word(("i", "this")):
        part = cur.take_word(TODAY_PARTS)
        if part is None:
            return False
        reading.put("date", RelativeDay(0))
        reading.put("part", TODAY_PARTS[part])
        return True
    if cur.take_word("om") or cur.take_words("in", "the"):
        part = cur.take_word(PARTS_OF_DAY)
    elif cur.take_words("at", "night"):
        reading.put("part", "pm")
        return True
    else:
        part = cur.take_word(PARTS_OF_DAY)
    if part is None:
        return False
    reading.put("part", PARTS_OF_DAY[part])
    return True
