"""Calendar semantics: summer time, the missing hour, year ends, ISO weeks, today's weekday."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.timephrase import Moment, Rejection, parse_time
from bot.timephrase.messages import rejection_message

ZONE = ZoneInfo("Europe/Copenhagen")


def when(text: str, now: datetime, zone: ZoneInfo = ZONE) -> str:
    result = parse_time(text, now=now, zone=zone)
    if isinstance(result, Rejection):
        return f"ERROR:{result.code}"
    return result.iso()


AUTUMN = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("29. marts 2027 kl. 10", "2027-03-29T10:00+02:00"),
        ("1. juli kl. 12", "2027-07-01T12:00+02:00"),
        ("28. marts 2027 kl. 1.59", "2027-03-28T01:59+01:00"),
        ("28. marts 2027 kl. 3", "2027-03-28T03:00+02:00"),
        # the clocks go from 02:00 to 03:00: 02:30 does not exist that night
        ("28. marts 2027 kl. 2.30", "ERROR:nonexistent_time"),
        ("28/3-2027 kl. 2", "ERROR:nonexistent_time"),
        # a range across the change lasts two real hours
        ("28. marts 2027 kl. 1-4", "2027-03-28T01:00+01:00/2027-03-28T04:00+02:00"),
        # 02:30 happens twice on 31 October 2027: the first (summer time) is meant
        ("31. oktober 2027 kl. 2.30", "2027-10-31T02:30+02:00"),
        ("31. oktober 2027 kl. 3", "2027-10-31T03:00+01:00"),
    ],
)
def test_summer_time(phrase: str, expected: str) -> None:
    assert when(phrase, AUTUMN) == expected


def test_elapsed_hours_count_real_time_across_the_change_of_clocks() -> None:
    night = datetime(2027, 3, 28, 1, 30, tzinfo=ZONE)
    assert when("om 1 time", night) == "2027-03-28T03:30+02:00"
    assert when("om 30 minutter", night) == "2027-03-28T03:00+02:00"
    assert when("om 1 dag", night) == "2027-03-29"


def test_a_clock_alone_that_falls_in_the_missing_hour_is_refused() -> None:
    saturday = datetime(2027, 3, 27, 12, 0, tzinfo=ZONE)
    assert when("kl. 2.30", saturday) == "ERROR:nonexistent_time"
    message = parse_time("kl. 2.30", now=saturday, zone=ZONE)
    assert isinstance(message, Rejection)
    assert rejection_message(message, "da") == (
        "Kl. 2.30 findes ikke søndag den 28. marts 2027, fordi uret den nat stilles frem til "
        "sommertid. Vælg et andet klokkeslæt."
    )


@pytest.mark.parametrize(
    ("now", "phrase", "expected"),
    [
        (datetime(2027, 1, 31, 10, 0), "om 1 måned", "2027-02-28"),
        (datetime(2028, 1, 31, 10, 0), "om 1 måned", "2028-02-29"),
        (datetime(2027, 1, 31, 10, 0), "om 13 måneder", "2028-02-29"),
        (datetime(2027, 3, 31, 10, 0), "in 1 month", "2027-04-30"),
        (datetime(2028, 2, 29, 10, 0), "om 1 år", "2029-02-28"),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(
    now: datetime, phrase: str, expected: str
) -> None:
    assert when(phrase, now.replace(tzinfo=ZONE)) == expected


# Wednesday 30 December 2026, in ISO week 53 of 2026
NEW_YEAR = datetime(2026, 12, 30, 12, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("3. januar", "2027-01-03"),
        ("2. januar kl. 10", "2027-01-02T10:00+01:00"),
        ("3/1", "2027-01-03"),
        ("uge 2", "2027-01-11"),
        ("uge 1", "2027-01-04"),
        ("mandag", "2027-01-04"),
        ("i næste uge", "2027-01-04"),
        ("torsdag i næste uge", "2027-01-07"),
        ("uge 53", "2026-12-30"),  # this week: it is not over
        ("31. december kl. 23.59", "2026-12-31T23:59+01:00"),
        ("om 2 dage", "2027-01-01"),
    ],
)
def test_year_rollover(phrase: str, expected: str) -> None:
    assert when(phrase, NEW_YEAR) == expected


def test_late_november_rolls_january_dates_and_early_weeks_into_next_year() -> None:
    assert when("3. januar", AUTUMN) == "2027-01-03"
    assert when("uge 2", AUTUMN) == "2027-01-11"
    assert when("uge 46", AUTUMN) == "2027-11-15"
    assert when("uge 48", AUTUMN) == "2026-11-23"


def test_week_n_during_week_n_is_this_week() -> None:
    # Decision: during week N, ``uge N`` is the current week (it is not over), so on its own it
    # means today, the first day of it that is not past; a weekday of it that has passed is
    # refused as past rather than moved a year ahead.
    wednesday = datetime(2026, 11, 18, 12, 0, tzinfo=ZONE)  # week 47
    assert when("uge 47", wednesday) == "2026-11-18"
    assert when("fredag i uge 47", wednesday) == "2026-11-20"
    assert when("onsdag i uge 47 kl. 15", wednesday) == "2026-11-18T15:00+01:00"
    assert when("mandag i uge 47", wednesday) == "ERROR:past"
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=ZONE)
    assert when("uge 47", monday) == "2026-11-16"


def test_on_the_weekday_itself_the_weekday_means_next_week() -> None:
    tuesday = datetime(2026, 11, 24, 9, 0, tzinfo=ZONE)
    assert when("tirsdag", tuesday) == "2026-12-01"
    assert when("tirsdag kl. 10", tuesday) == "2026-12-01T10:00+01:00"
    assert when("næste tirsdag", tuesday) == "2026-12-01"
    assert when("next tuesday", tuesday) == "2026-12-01"
    assert when("onsdag", tuesday) == "2026-11-25"
    assert when("mandag", tuesday) == "2026-11-30"
    assert when("i dag kl. 10", tuesday) == "2026-11-24T10:00+01:00"
    assert when("tirsdag i denne uge kl. 10", tuesday) == "2026-11-24T10:00+01:00"
    assert when("tirsdag i næste uge", tuesday) == "2026-12-01"
    assert when("mandag i denne uge", tuesday) == "ERROR:past"


def test_results_are_in_the_given_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    now = datetime(2026, 11, 22, 12, 0, tzinfo=new_york)
    assert when("i morgen kl. 10", now, new_york) == "2026-11-23T10:00-05:00"
    # ``now`` given in another zone is the same instant
    assert when("om 1 time", AUTUMN, new_york) == "2026-11-22T07:00-05:00"
    result = parse_time("i morgen kl. 10", now=now, zone=new_york)
    assert isinstance(result, Moment)
    assert result.at.tzinfo == new_york


def test_in_the_repeated_autumn_hour_the_past_is_judged_by_real_time() -> None:
    # 02:45 the second time round (+01:00): 02:50 the first time round (+02:00) has passed
    second_pass = datetime(2027, 10, 31, 2, 45, fold=1, tzinfo=ZONE)
    assert when("kl. 2.50", second_pass) == "2027-11-01T02:50+01:00"
    assert when("kl. 3", second_pass) == "2027-10-31T03:00+01:00"
    assert when("om 10 minutter", second_pass) == "2027-10-31T02:55+01:00"
    first_pass = datetime(2027, 10, 31, 2, 45, tzinfo=ZONE)
    assert when("kl. 2.50", first_pass) == "2027-10-31T02:50+02:00"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("sidste fredag", "ERROR:past"),
        ("last friday", "ERROR:past"),
        ("i sidste uge", "ERROR:past"),
        ("last week", "ERROR:past"),
        ("i denne uge", "2026-11-22"),
        ("this week", "2026-11-22"),
    ],
)
def test_last_and_this(phrase: str, expected: str) -> None:
    assert when(phrase, AUTUMN) == expected


def test_a_past_weekday_is_named_in_the_refusal() -> None:
    refusal = parse_time("sidste fredag", now=AUTUMN, zone=ZONE)
    assert isinstance(refusal, Rejection)
    assert (
        rejection_message(refusal, "da")
        == "Datoen ligger i fortiden: fredag den 20. november 2026."
    )
