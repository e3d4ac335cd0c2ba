"""Last resort: ask :mod:`dateparser` about a full date the rules did not understand.

dateparser is wrong about Danish often and silently (``tirsdag kl 14`` becomes the 14th,
``3. december kl. 13`` the year 2113, ``i morgen kl. 10`` noon), and it cannot tell a day from a
moment. So it is asked only about phrases that name a month *and* a four-digit year, in strict
mode (day, month and year all required), and its answer is kept only if it agrees with the month
and year the phrase names and accounts for every number in the phrase. That covers complete
dates written in ways the rules do not know (``Tuesday 1st December 2026, 10.00 a.m. CET``), and
nothing else. It is imported lazily, so that ``pogi when`` and the rules stay fast.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.timephrase.lexicon import MONTHS, fold
from bot.timephrase.results import Day, Moment, TimeResult

_MAX_LENGTH = 80
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_CLOCK = re.compile(r"\d[:.]\d\d(?!\d)|\d\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_DANGLING = re.compile(r"\b(kl|klokken|at|til|to|fra|from)\W*$", re.IGNORECASE)


def _named_month_and_year(phrase: str) -> tuple[int, int] | None:
    months = {MONTHS[word] for word in map(fold, _WORD.findall(phrase)) if word in MONTHS}
    years = {int(year) for year in _YEAR.findall(phrase)}
    if len(months) != 1 or len(years) != 1:
        return None
    return next(iter(months)), next(iter(years))


def _explains_numbers(phrase: str, found: datetime) -> bool:
    """Every number in the phrase is a part of the answer: nothing was silently dropped."""
    parts = {found.day, found.month, found.year, found.hour, found.hour % 12 or 12, found.minute}
    return all(int(number) in parts for number in _NUMBER.findall(phrase))


def parse_with_dateparser(
    phrase: str, *, now: datetime, zone: ZoneInfo, language: str | None
) -> TimeResult | None:
    """A :class:`Moment` or :class:`Day`, or None when dateparser should not be trusted here."""
    if len(phrase) > _MAX_LENGTH:
        return None
    named = _named_month_and_year(phrase)
    zone_name = getattr(zone, "key", None)
    if named is None or zone_name is None or _DANGLING.search(phrase):
        return None
    from dateparser.date import DateDataParser

    languages = ["en", "da"] if (language or "").lower().startswith("en") else ["da", "en"]
    parser = DateDataParser(
        languages=languages,
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "STRICT_PARSING": True,
            "TIMEZONE": zone_name,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
        },
    )
    try:
        found = parser.get_date_data(phrase).date_obj
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):
        return None
    if found is None:
        return None
    local = found.astimezone(zone)
    if (found.month, found.year) != named or not _explains_numbers(phrase, local):
        return None
    if _CLOCK.search(phrase) or (local.hour, local.minute) != (0, 0):
        return Moment(local)
    return Day(local.date())
