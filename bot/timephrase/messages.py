"""Words for people: what a result means, and why a phrase was refused, in Danish and English.

Dates go through Babel (:mod:`bot.timeformat`), imported only when a text is actually written, so
parsing stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from bot.timephrase.results import Day, Moment, Rejection, TimeResult

_MONTHS = {
    "da": [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_WEEKDAYS = {
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_EXAMPLES = {
    "da": "Skriv for eksempel „torsdag kl. 13“, „i morgen kl. 10“ eller „3. december kl. 10-12“.",
    "en": "Write, for example, “Thursday 1pm”, “tomorrow at 10am” or “3 December 10:00-12:00”.",
}


def _lang(language: str | None) -> str:
    return "en" if (language or "da").lower().startswith("en") else "da"


def describe(result: TimeResult, *, zone: tzinfo, language: str | None = "da") -> str:
    """``tirsdag den 24. november 2026 kl. 10.00``; a range ``… kl. 13.00–15.00``."""
    from bot.timeformat import format_day, format_moment, format_span

    if isinstance(result, Day):
        return format_day(result.day, language=_lang(language))
    if isinstance(result, Moment):
        return format_moment(result.at, zone=zone, language=_lang(language))
    return format_span(result.start, result.end, zone=zone, language=_lang(language))


def _quoted(phrase: str, lang: str) -> str:
    text = " ".join(phrase.split())
    if len(text) > 60:
        text = text[:57].rstrip() + "…"
    return f"„{text}“" if lang == "da" else f"“{text}”"


def _date_words(day: int, month: int, year: int | None, lang: str) -> str:
    name = _MONTHS[lang][month - 1]
    text = f"{day}. {name}" if lang == "da" else f"{day} {name}"
    return f"{text} {year}" if year is not None else text


def _clock_words(at: datetime, lang: str) -> str:
    return at.strftime("%H.%M" if lang == "da" else "%H:%M")


def _past(rejection: Rejection, lang: str) -> str:
    understood = rejection.details.get("understood")
    if understood is None:
        return "Tidspunktet ligger i fortiden." if lang == "da" else "That time is in the past."
    if isinstance(understood, Day):
        zone = None
        what = "Datoen" if lang == "da" else "That date"
    else:
        zone = (understood.at if isinstance(understood, Moment) else understood.start).tzinfo
        what = "Tidspunktet" if lang == "da" else "That time"
    shown = describe(understood, zone=zone, language=lang)  # type: ignore[arg-type]
    return (
        f"{what} ligger i fortiden: {shown}."
        if lang == "da"
        else f"{what} is in the past: {shown}."
    )


def _invalid_date(rejection: Rejection, lang: str) -> str:
    details = rejection.details
    day, month, year = details.get("day"), details.get("month"), details.get("year")
    if month is None:
        if lang == "da":
            return f"Ingen måned har en {day}. dag."
        return f"No month has a day {day}."
    shown = _date_words(day, month, year, lang)
    return f"Den {shown} findes ikke." if lang == "da" else f"There is no {shown}."


def _invalid_time(rejection: Rejection, lang: str) -> str:
    clock = rejection.details.get("clock")
    text = getattr(clock, "text", "") or "?"
    if lang == "da":
        return (
            f"Klokkeslættet kl. {text} findes ikke. Skriv et klokkeslæt mellem kl. 00.00 og "
            "kl. 24.00, for eksempel kl. 9.30."
        )
    return f"There is no time of day {text}. Give a time between 00:00 and 24:00, for example 9:30."


def _invalid_week(rejection: Rejection, lang: str) -> str:
    week, year = rejection.details.get("week"), rejection.details.get("year")
    if year is None or not 1 <= (week or 0) <= 53:
        if lang == "da":
            return f"Uge {week} findes ikke; ugerne er nummereret fra 1 til 52 (i nogle år 53)."
        return f"There is no week {week}; weeks are numbered 1 to 52 (in some years 53)."
    if lang == "da":
        return f"Uge {week} findes ikke i {year}; det år har kun 52 uger."
    return f"There is no week {week} in {year}; that year has only 52 weeks."


def _nonexistent(rejection: Rejection, lang: str) -> str:
    from bot.timeformat import format_day

    wall: datetime = rejection.details["wall"]
    day = format_day(wall.date(), language=lang)
    if lang == "da":
        return (
            f"Kl. {_clock_words(wall, lang)} findes ikke {day}, fordi uret den nat stilles frem "
            "til sommertid. Vælg venligst et andet klokkeslæt."
        )
    return (
        f"{_clock_words(wall, lang)} does not exist on {day}: the clocks go forward that night. "
        "Please choose another time."
    )


def _reversed(rejection: Rejection, lang: str) -> str:
    start: datetime = rejection.details["start"]
    end: datetime = rejection.details["end"]
    begins, ends = _clock_words(start, lang), _clock_words(end, lang)
    if lang == "da":
        if start == end:
            return f"Sluttidspunktet skal ligge efter starttidspunktet (kl. {begins})."
        return f"Sluttidspunktet (kl. {ends}) ligger før starttidspunktet (kl. {begins})."
    if start == end:
        return f"The end must be after the start ({begins})."
    return f"The end ({ends}) is before the start ({begins})."


def _mismatch(rejection: Rejection, lang: str) -> str:
    day: date | None = rejection.details.get("day")
    weekday: int | None = rejection.details.get("weekday")
    if day is None or weekday is None:
        if lang == "da":
            return "Ingen dato passer både til ugedagen og til dagen i måneden."
        return "No date fits both the weekday and the day of the month."
    shown = _date_words(day.day, day.month, day.year, lang)
    actual, given = _WEEKDAYS[lang][day.weekday()], _WEEKDAYS[lang][weekday]
    if lang == "da":
        return f"Den {shown} er en {actual}, ikke en {given}."
    return f"{shown} is a {actual}, not a {given}."


_WRITERS: dict[str, Callable[[Rejection, str], str]] = {
    "empty": lambda r, lang: (
        f"Der er ikke angivet noget tidspunkt. {_EXAMPLES['da']}"
        if lang == "da"
        else f"No time was given. {_EXAMPLES['en']}"
    ),
    "too_long": lambda r, lang: (
        "Teksten er for lang til at være et tidspunkt. Skriv tidspunktet kort, for eksempel "
        "„i morgen kl. 10“."
        if lang == "da"
        else "The text is too long to be a time. Write the time briefly, for example "
        "“tomorrow at 10am”."
    ),
    "not_understood": lambda r, lang: (
        f"{_quoted(r.phrase, lang)} kan ikke forstås som et tidspunkt. {_EXAMPLES['da']}"
        if lang == "da"
        else f"{_quoted(r.phrase, lang)} could not be understood as a time. {_EXAMPLES['en']}"
    ),
    "conflicting": lambda r, lang: (
        f"{_quoted(r.phrase, lang)} angiver flere tidspunkter, som ikke passer sammen. "
        "Skriv venligst ét tidspunkt."
        if lang == "da"
        else f"{_quoted(r.phrase, lang)} names more than one time, and they do not agree. "
        "Please give one time."
    ),
    "too_far": lambda r, lang: (
        "Tidspunktet ligger for langt ude i fremtiden. Skriv et tidspunkt inden for de "
        "næste 100 år."
        if lang == "da"
        else "That time is too far in the future. Give a time within the next 100 years."
    ),
    "missing_time": lambda r, lang: (
        "Teksten slutter ikke med et tidspunkt. Skriv tidspunktet til sidst, for eksempel "
        "„Send udkast til Anne til fredag kl. 12“."
        if lang == "da"
        else "The text does not end with a time. Put the time last, for example "
        "“Send the draft to Anne by Friday 12:00”."
    ),
    "invalid_month": lambda r, lang: (
        f"Måned {r.details.get('month')} findes ikke; året har 12 måneder."
        if lang == "da"
        else f"There is no month {r.details.get('month')}; a year has 12 months."
    ),
    "past": _past,
    "invalid_date": _invalid_date,
    "invalid_time": _invalid_time,
    "invalid_week": _invalid_week,
    "nonexistent_time": _nonexistent,
    "range_reversed": _reversed,
    "weekday_mismatch": _mismatch,
}


def rejection_message(rejection: Rejection, language: str | None = "da") -> str:
    lang = _lang(language)
    writer = _WRITERS.get(rejection.code, _WRITERS["not_understood"])
    return writer(rejection, lang)
