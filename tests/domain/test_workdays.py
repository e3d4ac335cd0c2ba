"""Danish working days and hours: the holidays named as a sentence names them, and when a
reminder goes when its time falls outside working hours."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app.settings import Settings
from bot.timephrase.workdays import WorkingHours, day_off, is_working_day, working_days

ZONE = ZoneInfo("Europe/Copenhagen")
HOURS = WorkingHours(8, 17, ZONE)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("day", "danish", "english"),
    [
        (date(2026, 12, 24), "juleaftensdag", "Christmas Eve"),
        (date(2026, 12, 25), "juledag", "Christmas Day"),
        (date(2027, 1, 1), "nytårsdag", "New Year's Day"),
        (date(2027, 5, 6), "Kristi himmelfartsdag", "Ascension Day"),
        (date(2027, 6, 5), "grundlovsdag", "Constitution Day"),
        (date(2026, 12, 5), "lørdag", "Saturday"),
        (date(2026, 12, 6), "søndag", "Sunday"),
        (date(2026, 12, 7), None, None),
        (date(2027, 5, 1), "lørdag", "Saturday"),  # 1 May is no day off in the public sector
    ],
)
def test_a_day_off_is_named_as_a_sentence_names_it(day, danish, english):
    assert day_off(day, "da") == danish
    assert day_off(day, "en") == english
    assert is_working_day(day) == (danish is None)


def test_working_days_are_counted_without_weekends_and_holidays():
    assert working_days(date(2026, 12, 18), date(2026, 12, 21)) == 1  # Friday → Monday
    # 21 December 2026 to 4 January 2027: 22, 23, 28, 29, 30 December, 4 January
    assert working_days(date(2026, 12, 21), date(2027, 1, 4)) == 6


@pytest.mark.parametrize(
    ("due", "event", "sent"),
    [
        # within working hours: as it is
        (at(2026, 12, 2, 10, 0), at(2026, 12, 4, 10, 0), at(2026, 12, 2, 10, 0)),
        # on Christmas Day: the next working morning, Monday 28 December
        (at(2026, 12, 25, 9, 0), at(2026, 12, 30, 12, 0), at(2026, 12, 28, 8, 0)),
        # late in the evening: the next morning
        (at(2026, 12, 1, 21, 59), at(2026, 12, 4, 12, 0), at(2026, 12, 2, 8, 0)),
        # two hours before a deadline at midnight: the morning of the deadline, not after it
        (at(2026, 12, 4, 21, 59), at(2026, 12, 4, 23, 59), at(2026, 12, 4, 8, 0)),
        # on a Saturday before a Monday noon deadline: Monday at 8.00
        (at(2026, 12, 19, 12, 0), at(2026, 12, 21, 12, 0), at(2026, 12, 21, 8, 0)),
    ],
)
def test_a_reminder_outside_working_hours_goes_at_the_start_of_the_next_working_period(
    due, event, sent
):
    assert HOURS.place_reminder(due, before=event) == sent


def test_the_overdue_nudge_goes_the_first_working_morning_after_the_deadline():
    # a deadline on Christmas Eve: not at 9.00 on Christmas Day, but Monday 28 December at 8.00
    assert HOURS.next_working_morning(at(2026, 12, 24, 12, 0)) == at(2026, 12, 28, 8, 0)
    assert HOURS.next_working_morning(at(2026, 12, 31, 12, 0)) == at(2027, 1, 4, 8, 0)


@pytest.mark.parametrize("text", ["17-8", "8", "9-25", "otte-sytten"])
def test_working_hours_that_are_not_hours_are_refused_by_the_setting(monkeypatch, text):
    monkeypatch.setenv("POGI_WORKING_HOURS", text)
    with pytest.raises(ValueError, match=r"(?i)working"):
        Settings()


def test_the_setting_gives_the_hours_in_pogis_time_zone(monkeypatch):
    monkeypatch.setenv("POGI_WORKING_HOURS", "9-16")
    assert Settings().working_hours == WorkingHours(9, 16, ZONE)
