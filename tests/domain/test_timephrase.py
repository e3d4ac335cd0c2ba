"""The time-phrase parser: the shared sample, then every rule in Danish and English.

``now`` is Sunday 22 November 2026 12:00 in Copenhagen (ISO week 47), as in the sample.
Results are compared as ``pogi when`` prints them; a rejection as ``ERROR:<code>``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.timephrase import Day, Moment, Rejection, Span, parse_time

ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "dates" / "sample.tsv"
OFFICE = SAMPLE.with_name("office.tsv")


def when(text: str, now: datetime = NOW) -> str:
    result = parse_time(text, now=now, zone=ZONE)
    if isinstance(result, Rejection):
        return f"ERROR:{result.code}"
    return result.iso()


def _sample_rows() -> list[tuple[str, str]]:
    rows = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, expected = line.split("\t")[:2]
            rows.append((phrase, expected))
    return rows


def test_every_line_of_the_shared_sample() -> None:
    rows = _sample_rows()
    assert len(rows) >= 34
    wrong = []
    for phrase, expected in rows:
        result = parse_time(phrase, now=NOW, zone=ZONE)
        if expected == "ERROR":
            if not isinstance(result, Rejection):
                wrong.append((phrase, expected, result.iso()))
        elif isinstance(result, Rejection) or result.iso() != expected:
            wrong.append((phrase, expected, result))
    assert wrong == []


def test_every_line_of_the_phrases_danish_offices_write() -> None:
    """``primo marts``, ``første tirsdag i marts``, holidays and the days around them: each
    line of ``office.tsv`` as ``pogi when`` prints it, a refusal by its reason."""
    rows = [
        line.split("\t")[:2]
        for line in OFFICE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) >= 60
    wrong = [(phrase, expected, when(phrase)) for phrase, expected in rows]
    assert [row for row in wrong if row[1] != row[2]] == []


def test_result_types() -> None:
    assert parse_time("i morgen kl. 10", now=NOW, zone=ZONE) == Moment(
        datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
    )
    assert parse_time("uge 50", now=NOW, zone=ZONE) == Day(date(2026, 12, 7))
    assert parse_time("fredag kl. 12-14", now=NOW, zone=ZONE) == Span(
        datetime(2026, 11, 27, 12, 0, tzinfo=ZONE), datetime(2026, 11, 27, 14, 0, tzinfo=ZONE)
    )
    rejection = parse_time("blah", now=NOW, zone=ZONE)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "not_understood"


def test_naive_now_is_taken_in_the_zone() -> None:
    assert parse_time("om 2 timer", now=datetime(2026, 11, 22, 12, 0), zone=ZONE) == Moment(
        datetime(2026, 11, 22, 14, 0, tzinfo=ZONE)
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # kl./kl/klokken, dots and colons, ``kl. 24`` is the end of the day
        ("kl. 14", "2026-11-22T14:00+01:00"),
        ("kl 14", "2026-11-22T14:00+01:00"),
        ("klokken 14", "2026-11-22T14:00+01:00"),
        ("kl. 14.30", "2026-11-22T14:30+01:00"),
        ("14:30", "2026-11-22T14:30+01:00"),
        ("14.30", "2026-11-22T14:30+01:00"),
        ("kl. 1430", "2026-11-22T14:30+01:00"),
        ("kl. 09.05", "2026-11-23T09:05+01:00"),
        ("kl. 10:00:30", "2026-11-23T10:00:30+01:00"),
        ("kl. 10", "2026-11-23T10:00+01:00"),  # a clock alone: its next occurrence
        ("kl. 12", "2026-11-22T12:00+01:00"),  # now itself is not the past
        ("kl. 0", "2026-11-23T00:00+01:00"),
        ("kl. 24", "2026-11-23T00:00+01:00"),
        ("i dag kl. 24", "2026-11-23T00:00+01:00"),
        ("i morgen kl. 24", "2026-11-24T00:00+01:00"),
        ("midnat", "2026-11-23T00:00+01:00"),
        ("kl. halv ti i morgen", "2026-11-23T09:30+01:00"),
        ("kvart over ti i morgen", "2026-11-23T10:15+01:00"),
        ("kvart i ti i morgen", "2026-11-23T09:45+01:00"),
        ("i morgen kl. ti", "2026-11-23T10:00+01:00"),
        ("ca. kl. 15", "2026-11-22T15:00+01:00"),
        # parts of the day
        ("i morgen eftermiddag kl. 3", "2026-11-23T15:00+01:00"),
        ("kl. 3 om eftermiddagen", "2026-11-22T15:00+01:00"),
        ("kl. 8 i aften", "2026-11-22T20:00+01:00"),
        ("i aften", "2026-11-22"),
        ("fredag formiddag kl. 10", "2026-11-27T10:00+01:00"),
    ],
)
def test_danish_clocks(phrase: str, expected: str) -> None:
    assert when(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("kl. 9-11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("fra kl. 9 til 11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("fra kl. 9 til kl. 11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("mellem kl. 9 og 11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("kl. 9 - 11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("kl. 9–11", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("13-15.30", "2026-11-22T13:00+01:00/2026-11-22T15:30+01:00"),
        ("12:00-14:00", "2026-11-22T12:00+01:00/2026-11-22T14:00+01:00"),
        ("9.00-11.00", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        ("torsdag kl. 11-13", "2026-11-26T11:00+01:00/2026-11-26T13:00+01:00"),  # across noon
        ("fredag 12-14", "2026-11-27T12:00+01:00/2026-11-27T14:00+01:00"),
        ("i dag kl. 22-24", "2026-11-22T22:00+01:00/2026-11-23T00:00+01:00"),
        ("3. december fra kl. 13 til 15", "2026-12-03T13:00+01:00/2026-12-03T15:00+01:00"),
        ("kl. 9-11 i morgen", "2026-11-23T09:00+01:00/2026-11-23T11:00+01:00"),
        # a range that ends before it starts, or where it starts
        ("kl. 11-9", "ERROR:range_reversed"),
        ("kl. 23-1", "ERROR:range_reversed"),
        ("fredag kl. 14-14", "ERROR:range_reversed"),
        ("fredag 15.30-13", "ERROR:range_reversed"),
    ],
)
def test_ranges(phrase: str, expected: str) -> None:
    assert when(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("3/12", "2026-12-03"),
        ("3/12-2026", "2026-12-03"),
        ("3/12/2026", "2026-12-03"),
        ("3/12 2026", "2026-12-03"),
        ("3.12.2026", "2026-12-03"),
        ("3.12.26", "2026-12-03"),
        ("03-12-2026", "2026-12-03"),
        ("03.12.2026 kl. 10", "2026-12-03T10:00+01:00"),
        ("3.12.", "2026-12-03"),
        ("d. 3/12 kl. 13", "2026-12-03T13:00+01:00"),
        ("den 3.12 kl. 13", "2026-12-03T13:00+01:00"),
        ("torsdag 3.12", "2026-12-03"),  # day-first: 3 December, not 03:12
        ("fredag 9.30", "2026-11-27T09:30+01:00"),  # no month 30: a clock
        ("2026-12-03", "2026-12-03"),
        ("2026-12-03 10:00", "2026-12-03T10:00+01:00"),
        ("2026-12-03T10:00", "2026-12-03T10:00+01:00"),
        ("2026-12-03T10:00:00+00:00", "2026-12-03T11:00+01:00"),
        ("2026-12-03T10:00Z", "2026-12-03T11:00+01:00"),
        ("3. december", "2026-12-03"),
        ("d. 3. december", "2026-12-03"),
        ("den 3. december 2026", "2026-12-03"),
        ("3. dec.", "2026-12-03"),
        ("3. DEC. KL. 13", "2026-12-03T13:00+01:00"),
        ("onsdag d. 2. december", "2026-12-02"),
        ("onsdag den 2. december 2026, kl. 9.30", "2026-12-02T09:30+01:00"),
        ("15. januar 2027", "2027-01-15"),
        ("15. jan. 2027 kl. 9", "2027-01-15T09:00+01:00"),
        ("den første december", "2026-12-01"),
        ("den 15.", "2026-12-15"),
        ("fredag den 13.", "2027-08-13"),  # the next Friday the 13th
        # a date without a year: the next occurrence; today counts while the time is ahead
        ("3. januar", "2027-01-03"),
        ("5. marts", "2027-03-05"),
        ("22. november", "2026-11-22"),
        ("22. november kl. 14", "2026-11-22T14:00+01:00"),
        ("22. november kl. 10", "2027-11-22T10:00+01:00"),
        ("21. november", "2027-11-21"),
        ("29. februar", "2028-02-29"),
        ("3/1", "2027-01-03"),
    ],
)
def test_danish_dates(phrase: str, expected: str) -> None:
    assert when(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a weekday, also with næste: the first such day after today
        ("mandag", "2026-11-23"),
        ("tirsdag kl. 14", "2026-11-24T14:00+01:00"),
        ("næste tirsdag", "2026-11-24"),
        ("søndag", "2026-11-29"),  # today is Sunday: next week's
        ("næste søndag kl. 10", "2026-11-29T10:00+01:00"),
        ("på fredag kl. 10", "2026-11-27T10:00+01:00"),
        ("førstkommende fredag", "2026-11-27"),
        # abbreviations, case, spaces, æøå as ae/oe/aa
        ("tirs. kl. 10", "2026-11-24T10:00+01:00"),
        ("tors. 14.00", "2026-11-26T14:00+01:00"),
        ("man. kl. 9-10", "2026-11-23T09:00+01:00/2026-11-23T10:00+01:00"),
        ("fre kl 8", "2026-11-27T08:00+01:00"),
        ("lør.", "2026-11-28"),
        ("TORSDAG   KL.   13", "2026-11-26T13:00+01:00"),
        ("  I Morgen  kl  10  ", "2026-11-23T10:00+01:00"),
        ("naeste tirsdag", "2026-11-24"),
        ("loerdag kl. 9", "2026-11-28T09:00+01:00"),
        ("lordag", "2026-11-28"),
        ("soendag", "2026-11-29"),
        ("i gaar", "ERROR:past"),
        # weeks
        ("onsdag i næste uge", "2026-11-25"),
        ("onsdag næste uge kl. 9", "2026-11-25T09:00+01:00"),
        ("i næste uge", "2026-11-23"),
        ("fredag i overnæste uge", "2026-12-04"),
        ("uge 49", "2026-11-30"),
        ("uge49", "2026-11-30"),
        ("i uge 49", "2026-11-30"),
        ("mandag i uge 49 kl. 10", "2026-11-30T10:00+01:00"),
        ("fredag i uge 50", "2026-12-11"),
        ("uge 2", "2027-01-11"),  # week 2 is over this year: next year's
        ("tirsdag i uge 2", "2027-01-12"),
        ("uge 1 2027", "2027-01-04"),
        ("uge 53", "2026-12-28"),  # 2026 has 53 weeks
        # today, tomorrow and the day after
        ("i dag", "2026-11-22"),
        ("idag", "2026-11-22"),
        ("i dag kl. 14", "2026-11-22T14:00+01:00"),
        ("i morgen", "2026-11-23"),
        ("imorgen kl. 10:30", "2026-11-23T10:30+01:00"),
        ("i overmorgen", "2026-11-24"),
        ("overmorgen kl. 8", "2026-11-24T08:00+01:00"),
        ("i morgen mandag", "2026-11-23"),
        # om N …
        ("om 3 dage", "2026-11-25"),
        ("om 2 uger", "2026-12-06"),
        ("om 14 dage", "2026-12-06"),
        ("om en uge", "2026-11-29"),
        ("om to uger", "2026-12-06"),
        ("om 3 måneder", "2027-02-22"),
        ("om 1 år", "2027-11-22"),
        ("om et døgn", "2026-11-23"),
        ("om 2 timer", "2026-11-22T14:00+01:00"),
        ("om 1 time", "2026-11-22T13:00+01:00"),
        ("om 30 minutter", "2026-11-22T12:30+01:00"),
        ("om 10 min.", "2026-11-22T12:10+01:00"),
        ("om et kvarter", "2026-11-22T12:15+01:00"),
        ("om tre kvarter", "2026-11-22T12:45+01:00"),
        ("om en halv time", "2026-11-22T12:30+01:00"),
        ("om halvanden time", "2026-11-22T13:30+01:00"),
        ("om 1,5 time", "2026-11-22T13:30+01:00"),
        ("om 2 timer og 30 minutter", "2026-11-22T14:30+01:00"),
        ("om 0 minutter", "2026-11-22T12:00+01:00"),
        ("om 3 dage kl. 14", "2026-11-25T14:00+01:00"),
        ("tirsdag om en uge", "2026-12-01"),
        ("i dag om en uge", "2026-11-29"),
        ("for 2 dage siden", "ERROR:past"),
    ],
)
def test_danish_days(phrase: str, expected: str) -> None:
    assert when(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("tomorrow at 10am", "2026-11-23T10:00+01:00"),
        ("Tomorrow at 10 a.m.", "2026-11-23T10:00+01:00"),
        ("tomorrow at 10 p.m.", "2026-11-23T22:00+01:00"),
        ("10am tomorrow", "2026-11-23T10:00+01:00"),
        ("ten o'clock tomorrow", "2026-11-23T10:00+01:00"),
        ("tomorrow 12am", "2026-11-23T00:00+01:00"),
        ("tomorrow 12pm", "2026-11-23T12:00+01:00"),
        ("tomorrow at noon", "2026-11-23T12:00+01:00"),
        ("noon", "2026-11-22T12:00+01:00"),
        ("midnight", "2026-11-23T00:00+01:00"),
        ("3pm", "2026-11-22T15:00+01:00"),
        ("3 in the afternoon", "2026-11-22T15:00+01:00"),
        ("tonight at 8", "2026-11-22T20:00+01:00"),
        ("half past nine tomorrow", "2026-11-23T09:30+01:00"),
        ("quarter to ten tomorrow", "2026-11-23T09:45+01:00"),
        ("next tuesday 2pm", "2026-11-24T14:00+01:00"),
        ("Tue 2pm", "2026-11-24T14:00+01:00"),
        ("thu 10:30am", "2026-11-26T10:30+01:00"),
        ("on friday at 10am", "2026-11-27T10:00+01:00"),
        ("this tuesday", "2026-11-24"),
        ("friday 12:00-14:00", "2026-11-27T12:00+01:00/2026-11-27T14:00+01:00"),
        ("friday 11am-1pm", "2026-11-27T11:00+01:00/2026-11-27T13:00+01:00"),
        ("friday 1-3pm", "2026-11-27T13:00+01:00/2026-11-27T15:00+01:00"),
        ("friday 10-2pm", "2026-11-27T10:00+01:00/2026-11-27T14:00+01:00"),
        ("friday from 9am to 11am", "2026-11-27T09:00+01:00/2026-11-27T11:00+01:00"),
        ("friday between 9 and 11am", "2026-11-27T09:00+01:00/2026-11-27T11:00+01:00"),
        ("December 3 at 1pm", "2026-12-03T13:00+01:00"),
        ("December 3rd, 2026", "2026-12-03"),
        ("Dec 3", "2026-12-03"),
        ("Dec. 3 2026 13:00", "2026-12-03T13:00+01:00"),
        ("3rd December", "2026-12-03"),
        ("3rd of December", "2026-12-03"),
        ("the 3rd of December at 1:30 pm", "2026-12-03T13:30+01:00"),
        ("Thursday, December 3 at 1pm", "2026-12-03T13:00+01:00"),
        ("December first", "2026-12-01"),
        ("the twenty-first of December", "2026-12-21"),
        ("January 15, 2027 9am", "2027-01-15T09:00+01:00"),
        ("the 15th", "2026-12-15"),
        ("today", "2026-11-22"),
        ("tomorrow", "2026-11-23"),
        ("the day after tomorrow", "2026-11-24"),
        ("day after tomorrow at 9", "2026-11-24T09:00+01:00"),
        ("wednesday next week", "2026-11-25"),
        ("next week wednesday", "2026-11-25"),
        ("next week", "2026-11-23"),
        ("week 49", "2026-11-30"),
        ("monday of week 49", "2026-11-30"),
        ("in 2 weeks", "2026-12-06"),
        ("in two weeks", "2026-12-06"),
        ("in a week", "2026-11-29"),
        ("in 3 days", "2026-11-25"),
        ("2 days from now", "2026-11-24"),
        ("in 2 months", "2027-01-22"),
        ("in 2 hours", "2026-11-22T14:00+01:00"),
        ("in 90 minutes", "2026-11-22T13:30+01:00"),
        ("in half an hour", "2026-11-22T12:30+01:00"),
        ("in an hour and a half", "2026-11-22T13:30+01:00"),
        ("in a quarter of an hour", "2026-11-22T12:15+01:00"),
        ("in 2h", "2026-11-22T14:00+01:00"),
        ("by friday 5pm", "2026-11-27T17:00+01:00"),
        ("yesterday", "ERROR:past"),
        ("3 days ago", "ERROR:past"),
        ("10:00 UTC", "2026-11-23T11:00+01:00"),
        ("1 December 2026 10:00 AM CET", "2026-12-01T10:00+01:00"),
    ],
)
def test_english(phrase: str, expected: str) -> None:
    assert when(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("blah", "not_understood"),
        ("møde", "not_understood"),
        ("kl.", "not_understood"),
        ("i morgen kl. 10 blah", "not_understood"),
        ("fredag 12", "not_understood"),  # a bare number: the 12th or 12 o'clock?
        ("uge", "not_understood"),
        ("2", "not_understood"),
        ("x" * 300, "too_long"),
        ("i går", "past"),
        ("i forgårs", "past"),
        ("i dag kl. 10", "past"),
        ("i dag kl. 11.59", "past"),
        ("mandag i uge 47", "past"),
        ("3/12-2025", "past"),
        ("uge 49 2025", "past"),
        ("31. februar", "invalid_date"),
        ("30/2", "invalid_date"),
        ("31. april", "invalid_date"),
        ("29. februar 2027", "invalid_date"),
        ("32. december", "invalid_date"),
        ("den 32.", "invalid_date"),
        ("3/13", "invalid_month"),
        ("kl. 25", "invalid_time"),
        ("kl. 10.75", "invalid_time"),
        ("kl. 10.5", "invalid_time"),
        ("kl. 24.30", "invalid_time"),
        ("10:60", "invalid_time"),
        ("13pm", "invalid_time"),
        ("0am", "invalid_time"),
        ("uge 54", "invalid_week"),
        ("uge 0", "invalid_week"),
        ("uge 53 2027", "invalid_week"),
        ("tirsdag d. 2. december", "weekday_mismatch"),
        ("i morgen fredag", "weekday_mismatch"),
        ("fredag torsdag", "conflicting"),
        ("kl. 10 kl. 11", "conflicting"),
        ("om 2 timer kl. 10", "conflicting"),
        ("om 5000 år", "too_far"),
        ("1. januar 3000", "too_far"),
    ],
)
def test_rejections(phrase: str, code: str) -> None:
    assert when(phrase) == f"ERROR:{code}"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # full dates the rules do not know, answered by dateparser and checked
        ("Thu Dec 3 13:00:00 2026", "2026-12-03T13:00+01:00"),
        ("03-Dec-2026", "2026-12-03"),
        ("2026 december 1", "2026-12-01"),
        ("3 December, 2026 13h00", "2026-12-03T13:00+01:00"),
        ("1 Dec 2020 10:00 blah", "ERROR:not_understood"),
        # dateparser is not asked, or not believed, about anything less
        ("3. december 2026 kl.", "ERROR:not_understood"),
        ("december 2026", "ERROR:not_understood"),
        ("03-Dec-2025", "ERROR:past"),
        ("Thu, 03 Dec 2026 13:00:00 +0100", "ERROR:not_understood"),
    ],
)
def test_dateparser_as_the_last_resort_for_full_dates(phrase: str, expected: str) -> None:
    assert when(phrase) == expected
