"""Times inside commands, and what people are told: split helpers, ``describe``, messages."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.timephrase import (
    Day,
    Moment,
    Rejection,
    Span,
    describe,
    leading_time_readings,
    parse_time,
    split_leading_time,
    split_trailing_time,
)
from bot.timephrase.messages import rejection_message

ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)


def trailing(text: str) -> tuple[str, str] | str:
    result = split_trailing_time(text, now=NOW, zone=ZONE)
    if isinstance(result, Rejection):
        return f"ERROR:{result.code}"
    task, when = result
    return task, when.iso()


def leading(text: str) -> tuple[str, str] | str:
    result = split_leading_time(text, now=NOW, zone=ZONE)
    if isinstance(result, Rejection):
        return f"ERROR:{result.code}"
    when, title = result
    return when.iso(), title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Send udkast til Anne til fredag kl. 12",
            ("Send udkast til Anne", "2026-11-27T12:00+01:00"),
        ),
        ("Send udkast senest til fredag", ("Send udkast", "2026-11-27")),
        ("Send udkast senest fredag", ("Send udkast", "2026-11-27")),
        ("Kommentér udkastet inden 3. december", ("Kommentér udkastet", "2026-12-03")),
        (
            "Læs notat til fredag fra kl. 9 til 11",
            ("Læs notat", "2026-11-27T09:00+01:00/2026-11-27T11:00+01:00"),
        ),
        ("Skriv på dansk til på fredag", ("Skriv på dansk", "2026-11-27")),
        ("Opgave, frist 3/12 kl. 12", ("Opgave", "2026-12-03T12:00+01:00")),
        ("Send draft to Anne by friday 5pm", ("Send draft to Anne", "2026-11-27T17:00+01:00")),
        ("Review the draft, due tomorrow", ("Review the draft", "2026-11-23")),
        ("Comment on the goal before 3rd December", ("Comment on the goal", "2026-12-03")),
        ("til fredag", ("", "2026-11-27")),
        # no time at the end, or a time that will not do
        ("Send udkast til Anne", "ERROR:missing_time"),
        ("Send udkast fredag", "ERROR:missing_time"),
        ("", "ERROR:missing_time"),
        ("Send udkast til 31. februar", "ERROR:invalid_date"),
        ("Send udkast til Anne til i går", "ERROR:past"),
        ("Send udkast til Anne på fredag kl. 25", "ERROR:invalid_time"),
    ],
)
def test_split_trailing_time(text: str, expected: tuple[str, str] | str) -> None:
    assert trailing(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "torsdag kl. 13-15 Opstartsmøde",
            ("2026-11-26T13:00+01:00/2026-11-26T15:00+01:00", "Opstartsmøde"),
        ),
        ("i morgen kl. 10 Møde om kriterier", ("2026-11-23T10:00+01:00", "Møde om kriterier")),
        (
            "3. december 2026 kl. 9-12: Workshop",
            ("2026-12-03T09:00+01:00/2026-12-03T12:00+01:00", "Workshop"),
        ),
        ("uge 50 Opfølgning", ("2026-12-07", "Opfølgning")),
        ("next tuesday 2pm Kickoff meeting", ("2026-11-24T14:00+01:00", "Kickoff meeting")),
        ("torsdag", ("2026-11-26", "")),
        ("fredag 12 Opstart", ("2026-11-27", "12 Opstart")),
        # a time that is recognised but will not do is refused, not cut down to ``fredag``
        ("fredag kl. 25 Møde", "ERROR:invalid_time"),
        ("i går Opstart", "ERROR:past"),
        ("Opstart fredag", "ERROR:not_understood"),
        ("", "ERROR:empty"),
    ],
)
def test_split_leading_time(text: str, expected: tuple[str, str] | str) -> None:
    assert leading(text) == expected


TUESDAY_10_12 = "2026-11-24T10:00+01:00/2026-11-24T12:00+01:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday named with a time is a complete date: the title begins after it
        ("tirsdag kl. 10-12 1. arbejdsgruppemøde", [(TUESDAY_10_12, "1. arbejdsgruppemøde")]),
        ("tirsdag kl. 10-12 2. møde", [(TUESDAY_10_12, "2. møde")]),
        ("kl. 10-12 tirsdag 1. møde", [(TUESDAY_10_12, "1. møde")]),
        # a date that goes on past the number is a date
        (
            "tirsdag kl. 10-12 1. december Opstart",
            [("2026-12-01T10:00+01:00/2026-12-01T12:00+01:00", "Opstart")],
        ),
        # truly ambiguous: the Tuesday is the 24th, or no day was named
        ("tirsdag kl. 10-12 24. møde", [(TUESDAY_10_12, "24. møde"), (TUESDAY_10_12, "møde")]),
        (
            "kl. 10-12 1. arbejdsgruppemøde",
            [
                ("2026-12-01T10:00+01:00/2026-12-01T12:00+01:00", "arbejdsgruppemøde"),
                ("2026-11-23T10:00+01:00/2026-11-23T12:00+01:00", "1. arbejdsgruppemøde"),
            ],
        ),
        (
            "torsdag kl. 13-15 Opstartsmøde",
            [("2026-11-26T13:00+01:00/2026-11-26T15:00+01:00", "Opstartsmøde")],
        ),
        ("fredag kl. 25 Møde", "ERROR:invalid_time"),
    ],
)
def test_a_title_that_begins_with_a_number_is_not_read_as_the_date(
    text: str, expected: list[tuple[str, str]] | str
) -> None:
    readings = leading_time_readings(text, now=NOW, zone=ZONE)
    if isinstance(readings, Rejection):
        assert f"ERROR:{readings.code}" == expected
    else:
        assert [(when.iso(), title) for when, title in readings] == expected


def test_split_helpers_look_only_at_a_window_of_a_long_text() -> None:
    filler = "ord " * 2500  # 10 kB
    started = time.perf_counter()
    assert trailing(filler + "til fredag kl. 12") == (filler.strip(), "2026-11-27T12:00+01:00")
    assert leading("fredag kl. 12 " + filler) == ("2026-11-27T12:00+01:00", filler.strip())
    assert trailing(filler) == "ERROR:missing_time"
    assert leading(filler) == "ERROR:not_understood"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("result", "danish", "english"),
    [
        (
            Moment(datetime(2026, 11, 24, 10, 0, tzinfo=ZONE)),
            "tirsdag den 24. november 2026 kl. 10.00",
            "Tuesday 24 November 2026 at 10:00",
        ),
        (
            Span(
                datetime(2026, 12, 3, 13, 0, tzinfo=ZONE), datetime(2026, 12, 3, 15, 0, tzinfo=ZONE)
            ),
            "torsdag den 3. december 2026 kl. 13.00–15.00",
            "Thursday 3 December 2026 at 13:00–15:00",
        ),
        (Day(date(2026, 12, 7)), "mandag den 7. december 2026", "Monday 7 December 2026"),
    ],
)
def test_describe(result: Moment | Span | Day, danish: str, english: str) -> None:
    assert describe(result, zone=ZONE) == danish
    assert describe(result, zone=ZONE, language="da") == danish
    assert describe(result, zone=ZONE, language="en") == english


def test_describe_shows_what_was_understood() -> None:
    result = parse_time("tirsdag kl. 10", now=NOW, zone=ZONE)
    assert not isinstance(result, Rejection)
    assert describe(result, zone=ZONE) == "tirsdag den 24. november 2026 kl. 10.00"


def reason(text: str, language: str = "da", now: datetime = NOW) -> str:
    result = parse_time(text, now=now, zone=ZONE)
    assert isinstance(result, Rejection)
    return rejection_message(result, language)


def test_messages_in_danish_and_english() -> None:
    assert reason("i dag kl. 10") == (
        "Tidspunktet ligger i fortiden: søndag den 22. november 2026 kl. 10.00."
    )
    assert reason("i dag kl. 10", "en") == (
        "That time is in the past: Sunday 22 November 2026 at 10:00."
    )
    assert reason("i går") == "Datoen ligger i fortiden: lørdag den 21. november 2026."
    assert reason("31. februar") == "Den 31. februar findes ikke."
    assert reason("31. februar", "en") == "There is no 31 February."
    assert reason("29/2-2027") == "Den 29. februar 2027 findes ikke."
    assert reason("3/13") == "Der er ingen 13. måned; året har 12 måneder."
    assert reason("kl. 25").startswith("Klokkeslættet 25 findes ikke.")
    assert reason("kl. 10.75", "en").startswith("There is no time of day 10.75.")
    assert reason("kl. 13-11") == (
        "Sluttidspunktet (kl. 11.00) ligger før starttidspunktet (kl. 13.00)."
    )
    assert reason("kl. 13-11", "en") == "The end (11:00) is before the start (13:00)."
    mismatch = "tirsdag d. 2. december"
    assert reason(mismatch) == "Den 2. december 2026 er en onsdag, ikke en tirsdag."
    assert reason(mismatch, "en") == "2 December 2026 is a Wednesday, not a Tuesday."
    assert (
        reason("uge 54") == "Uge 54 findes ikke; ugerne er nummereret fra 1 til 52 (i nogle år 53)."
    )
    assert reason("blah").startswith("»blah« kan ikke forstås som et tidspunkt.")
    assert reason("blah", "en").startswith("“blah” could not be understood as a time.")
    assert (
        rejection_message(parse_time("31. februar", now=NOW, zone=ZONE))
        == "Den 31. februar findes ikke."
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 300,
        "blah",
        "fredag torsdag",
        "i går",
        "i dag kl. 10",
        "31. februar",
        "den 32.",
        "3/13",
        "kl. 25",
        "uge 54",
        "uge 53 2027",
        "28. marts 2027 kl. 2.30",
        "kl. 11-9",
        "kl. 10-10",
        "tirsdag d. 2. december",
        "om 5000 år",
    ],
)
def test_every_rejection_has_a_one_line_message_in_both_languages(text: str) -> None:
    danish, english = reason(text, "da"), reason(text, "en")
    assert danish and english and danish != english
    assert "\n" not in danish + english
    assert danish.endswith(".") and english.endswith(".")


def test_missing_time_message() -> None:
    refusal = split_trailing_time("Send udkast til Anne", now=NOW, zone=ZONE)
    assert isinstance(refusal, Rejection)
    assert rejection_message(refusal, "da").startswith("Teksten slutter ikke med et tidspunkt.")
    assert rejection_message(refusal, "en").startswith("The text does not end with a time.")
