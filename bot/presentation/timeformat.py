"""Dates and times for people: Babel, the user's time zone and language, 24-hour clock.

Danish: ``tirsdag den 24. november 2026 kl. 10.00``;
English: ``Tuesday 24 November 2026 at 10:00``.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time

_DATE_PATTERN = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}
_DOCUMENT_DATE_PATTERN = {"da": "d. MMMM y", "en": "d MMMM y"}
_SHORT_DATE_PATTERN = {"da": "EEEE 'den' d. MMMM", "en": "EEEE d MMMM"}
_TIME_PATTERN = {"da": "H.mm", "en": "HH:mm"}
_AT = {"da": "kl.", "en": "at"}


def _lang(language: str | None) -> str:
    return "en" if (language or "da").lower().startswith("en") else "da"


def _local(moment: datetime, zone: tzinfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: store and pass aware datetimes")
    return moment.astimezone(zone)


def format_day(day: date, *, language: str | None = "da", with_year: bool = True) -> str:
    """``torsdag den 3. december 2026`` / ``Thursday 3 December 2026``."""
    lang = _lang(language)
    pattern = (_DATE_PATTERN if with_year else _SHORT_DATE_PATTERN)[lang]
    return babel_format_date(day, pattern, locale=lang)


def format_document_day(day: date, *, language: str | None = "da") -> str:
    """A date as a formal document writes it, without the weekday: ``3. december 2026`` /
    ``3 December 2026``."""
    lang = _lang(language)
    return babel_format_date(day, _DOCUMENT_DATE_PATTERN[lang], locale=lang)


def format_clock(moment: datetime, *, zone: tzinfo, language: str | None = "da") -> str:
    """``10.00`` / ``10:00`` in the given zone; Danish prose writes ``9.00``, not ``09.00``."""
    lang = _lang(language)
    return babel_format_time(_local(moment, zone), _TIME_PATTERN[lang], locale=lang)


def format_moment(moment: datetime, *, zone: tzinfo, language: str | None = "da") -> str:
    """``tirsdag den 24. november 2026 kl. 10.00`` in the given zone."""
    lang = _lang(language)
    local = _local(moment, zone)
    return (
        f"{format_day(local.date(), language=lang)} {_AT[lang]} "
        f"{format_clock(local, zone=zone, language=lang)}"
    )


def format_span(
    start: datetime, end: datetime, *, zone: tzinfo, language: str | None = "da"
) -> str:
    """``torsdag den 3. december 2026 kl. 13.00–15.00``; a span over midnight names both days."""
    lang = _lang(language)
    local_start, local_end = _local(start, zone), _local(end, zone)
    if local_start.date() == local_end.date():
        return (
            f"{format_moment(start, zone=zone, language=lang)}"
            f"–{format_clock(end, zone=zone, language=lang)}"
        )
    return (
        f"{format_moment(start, zone=zone, language=lang)} – "
        f"{format_moment(end, zone=zone, language=lang)}"
    )
