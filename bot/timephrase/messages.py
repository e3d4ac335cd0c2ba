"""Words for people: what a result means, and why a phrase was refused.

Every sentence is a Danish message id marked with ``N_`` and translated through gettext
(:class:`bot.presentation.i18n.Translator`); ``python -m bot.presentation.catalog`` collects
them into the English catalogue. Dates, month and weekday names come from Babel
(:mod:`bot.presentation.timeformat`). Babel and the catalogue are imported only when a text is
actually written, so parsing stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from bot.timephrase.results import Day, Moment, Rejection, TimeResult

if TYPE_CHECKING:
    from bot.presentation.i18n import Translator

# Day and month as in the dates of bot.presentation.timeformat, without the weekday:
# 3. december / 3 December.
_DAY_MONTH = {"da": "d. MMMM", "en": "d MMMM"}
_PHRASE_LIMIT = 60


def N_(message: str) -> str:
    """Mark a message for ``python -m bot.presentation.catalog``, as
    :func:`bot.presentation.i18n.N_` does; defined here so that importing this module (every
    ``pogi when``) does not load Babel."""
    return message


def describe(result: TimeResult, *, zone: tzinfo, language: str | None = "da") -> str:
    """``tirsdag den 24. november 2026 kl. 10.00``; a range ``… kl. 13.00–15.00``."""
    from bot.presentation.timeformat import format_day, format_moment, format_span

    if isinstance(result, Day):
        return format_day(result.day, language=language)
    if isinstance(result, Moment):
        return format_moment(result.at, zone=zone, language=language)
    return format_span(result.start, result.end, zone=zone, language=language)


def rejection_message(rejection: Rejection, language: str | None = "da") -> str:
    """One line, ending with a full stop, in Danish or (for ``en…``) English."""
    from bot.presentation.i18n import Translator, language_of

    t = Translator(language_of(language))
    writer = _WRITERS.get(rejection.code, _not_understood)
    return writer(rejection, t)


# Formatting helpers: Babel, in the translator's language.


def _phrase(phrase: str) -> str:
    """The user's words on one line, shortened to fit in a sentence."""
    text = " ".join(phrase.split())
    if len(text) > _PHRASE_LIMIT:
        text = text[: _PHRASE_LIMIT - 3].rstrip() + "…"
    return text


def _date_words(day: int, month: int, year: int | None, language: str) -> str:
    """``31. februar`` / ``31 February`` (``… 2027`` with a year), also for a day the month lacks:
    Babel names the month from its first day, and the day number goes in as literal text."""
    from babel.dates import format_date

    pattern = _DAY_MONTH[language].replace("d", f"'{day}'") + (" y" if year is not None else "")
    return format_date(date(year or 2000, month, 1), pattern, locale=language)


def _date(day: date, language: str) -> str:
    """``2. december 2026`` / ``2 December 2026``."""
    from babel.dates import format_date

    return format_date(day, _DAY_MONTH[language] + " y", locale=language)


def _weekday(day: date, language: str) -> str:
    """``onsdag`` / ``Wednesday``."""
    from babel.dates import format_date

    return format_date(day, "EEEE", locale=language)


def _clock(at: datetime, language: str) -> str:
    """``13.00`` / ``13:00``: the wall clock as it stands, converted to no zone (it may be a time
    the zone skips, or naive)."""
    from bot.presentation.timeformat import format_clock

    return format_clock(at.replace(tzinfo=UTC), zone=UTC, language=language)


def _with_examples(reason: str, t: Translator) -> str:
    """The reason, then a second sentence with examples of what to write."""
    examples = t(N_("Skriv fx »torsdag kl. 13«, »i morgen kl. 10« eller »3. december kl. 10-12«."))
    return f"{reason} {examples}"


# One writer for each rejection code.


def _empty(rejection: Rejection, t: Translator) -> str:
    return _with_examples(t(N_("Der er ikke angivet noget tidspunkt.")), t)


def _too_long(rejection: Rejection, t: Translator) -> str:
    return t(
        N_(
            "Teksten er for lang til at være et tidspunkt. Skriv tidspunktet kort, fx »i morgen "
            "kl. 10«."
        )
    )


def _not_understood(rejection: Rejection, t: Translator) -> str:
    reason = t(
        N_("»%(phrase)s« kan ikke forstås som et tidspunkt."), phrase=_phrase(rejection.phrase)
    )
    return _with_examples(reason, t)


def _conflicting(rejection: Rejection, t: Translator) -> str:
    return t(
        N_("»%(phrase)s« angiver flere tidspunkter, som ikke passer sammen. Skriv ét tidspunkt."),
        phrase=_phrase(rejection.phrase),
    )


def _too_far(rejection: Rejection, t: Translator) -> str:
    return t(
        N_(
            "Tidspunktet ligger for langt ude i fremtiden. Skriv et tidspunkt inden for de næste "
            "100 år."
        )
    )


def _missing_time(rejection: Rejection, t: Translator) -> str:
    return t(
        N_(
            "Teksten slutter ikke med et tidspunkt. Skriv tidspunktet til sidst, fx »Send udkast "
            "til Anne til fredag kl. 12«."
        )
    )


def _invalid_month(rejection: Rejection, t: Translator) -> str:
    return t(
        N_("Der er ingen %(month)s. måned; året har 12 måneder."),
        month=rejection.details.get("month"),
    )


def _past(rejection: Rejection, t: Translator) -> str:
    understood = rejection.details.get("understood")
    if understood is None:
        return t(N_("Tidspunktet ligger i fortiden."))
    if isinstance(understood, Day):
        shown = describe(understood, zone=UTC, language=t.language)
        return t(N_("Datoen ligger i fortiden: %(when)s."), when=shown)
    at = understood.at if isinstance(understood, Moment) else understood.start
    # an aware result has a zone; a naive one is refused by the formatter either way
    shown = describe(understood, zone=at.tzinfo or UTC, language=t.language)
    return t(N_("Tidspunktet ligger i fortiden: %(when)s."), when=shown)


def _invalid_date(rejection: Rejection, t: Translator) -> str:
    details = rejection.details
    day: int = details["day"]
    month: int | None = details.get("month")
    year: int | None = details.get("year")
    if month is None:
        return t(N_("Ingen måned har en %(day)s. dag."), day=day)
    return t(N_("Den %(date)s findes ikke."), date=_date_words(day, month, year, t.language))


def _invalid_time(rejection: Rejection, t: Translator) -> str:
    clock = rejection.details.get("clock")
    return t(
        N_(
            "Klokkeslættet %(clock)s findes ikke. Skriv et klokkeslæt mellem 0.00 og 24.00, fx "
            "kl. 9.30."
        ),
        clock=getattr(clock, "text", "") or "?",
    )


def _invalid_week(rejection: Rejection, t: Translator) -> str:
    week, year = rejection.details.get("week"), rejection.details.get("year")
    if year is None or not 1 <= (week or 0) <= 53:
        return t(
            N_("Uge %(week)s findes ikke; ugerne er nummereret fra 1 til 52 (i nogle år 53)."),
            week=week,
        )
    return t(
        N_("Uge %(week)s findes ikke i %(year)s; det år har kun 52 uger."), week=week, year=year
    )


def _nonexistent_time(rejection: Rejection, t: Translator) -> str:
    from bot.presentation.timeformat import format_day

    wall: datetime = rejection.details["wall"]
    return t(
        N_(
            "Kl. %(clock)s findes ikke %(day)s, fordi uret den nat stilles frem til sommertid. "
            "Vælg et andet klokkeslæt."
        ),
        clock=_clock(wall, t.language),
        day=format_day(wall.date(), language=t.language),
    )


def _range_reversed(rejection: Rejection, t: Translator) -> str:
    start: datetime = rejection.details["start"]
    end: datetime = rejection.details["end"]
    begins, ends = _clock(start, t.language), _clock(end, t.language)
    if start == end:
        return t(
            N_("Sluttidspunktet skal ligge efter starttidspunktet (kl. %(start)s)."), start=begins
        )
    return t(
        N_("Sluttidspunktet (kl. %(end)s) ligger før starttidspunktet (kl. %(start)s)."),
        end=ends,
        start=begins,
    )


def _weekday_mismatch(rejection: Rejection, t: Translator) -> str:
    day: date | None = rejection.details.get("day")
    weekday: int | None = rejection.details.get("weekday")
    if day is None or weekday is None:
        return t(N_("Ingen dato passer både til ugedagen og til dagen i måneden."))
    return t(
        N_("Den %(date)s er en %(actual)s, ikke en %(given)s."),
        date=_date(day, t.language),
        actual=_weekday(day, t.language),
        given=_weekday(day + timedelta(days=weekday - day.weekday()), t.language),
    )


def _no_such_weekday(rejection: Rejection, t: Translator) -> str:
    from babel.dates import format_date

    details = rejection.details
    first = date(details["year"], details["month"], 1)
    weekday = first + timedelta(days=(details["weekday"] - first.weekday()) % 7)
    return t(
        N_("Der er ingen femte %(weekday)s i %(month)s."),
        weekday=_weekday(weekday, t.language),
        month=format_date(first, "MMMM y", locale=t.language),
    )


_WRITERS: dict[str, Callable[[Rejection, Translator], str]] = {
    "empty": _empty,
    "too_long": _too_long,
    "not_understood": _not_understood,
    "conflicting": _conflicting,
    "too_far": _too_far,
    "missing_time": _missing_time,
    "invalid_month": _invalid_month,
    "past": _past,
    "invalid_date": _invalid_date,
    "invalid_time": _invalid_time,
    "invalid_week": _invalid_week,
    "nonexistent_time": _nonexistent_time,
    "range_reversed": _range_reversed,
    "weekday_mismatch": _weekday_mismatch,
    "no_such_weekday": _no_such_weekday,
}
