"""Configuration (``bot.app.settings``): one validated object read from the environment."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.app.cli import main as pogi
from bot.app.settings import Settings, parse_offsets

DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Only what a test sets: nothing from the machine's own environment."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


# -- reminder offsets ----------------------------------------------------------------------


def test_offsets_are_read_largest_first():
    assert parse_offsets("7d,1d,2h,30m") == (7 * DAY, DAY, 2 * HOUR, 30 * MINUTE)
    assert parse_offsets("30m,7d,2h,1d") == (7 * DAY, DAY, 2 * HOUR, 30 * MINUTE)


def test_offsets_allow_spaces_and_empty_parts():
    assert parse_offsets(" 30m , 2 h,1d ,, 7d ,") == (7 * DAY, DAY, 2 * HOUR, 30 * MINUTE)
    assert parse_offsets("") == ()


def test_the_same_offset_twice_reminds_once():
    assert parse_offsets("1d,2h,1d,24h,120m") == (DAY, 2 * HOUR)


@pytest.mark.parametrize("bad", ["7x", "d", "-1d", "1.5h", "7d;2h", "7 days", "1D", "2t"])
def test_a_bad_offset_is_named_in_the_error(bad):
    with pytest.raises(ValueError) as raised:
        parse_offsets(f"1d,{bad}")

    assert str(raised.value) == f"not a reminder offset: {bad!r} (use e.g. 7d, 2h, 30m)"


def test_offsets_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("POGI_MEETING_REMINDERS", "7d, 1d,2h,30m")
    monkeypatch.setenv("POGI_HOMEWORK_REMINDERS", "1d")
    monkeypatch.setenv("POGI_HEARING_REMINDERS", "")

    settings = Settings()

    assert settings.pogi_meeting_reminders == (7 * DAY, DAY, 2 * HOUR, 30 * MINUTE)
    assert settings.pogi_homework_reminders == (DAY,)
    assert settings.pogi_hearing_reminders == ()


def test_default_offsets():
    settings = Settings()

    assert settings.pogi_meeting_reminders == (7 * DAY, DAY, 2 * HOUR)
    assert settings.pogi_homework_reminders == (2 * DAY, 2 * HOUR)
    assert settings.pogi_hearing_reminders == (7 * DAY, 2 * DAY)


def test_offsets_given_as_values_are_sorted():
    settings = Settings(pogi_meeting_reminders=[HOUR, 3 * DAY])

    assert settings.pogi_meeting_reminders == (3 * DAY, HOUR)


def test_a_bad_offset_in_the_environment_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("POGI_HEARING_REMINDERS", "7d,2x")

    with pytest.raises(ValidationError) as raised:
        Settings()

    (problem,) = raised.value.errors()
    assert problem["loc"] == ("pogi_hearing_reminders",)
    assert "not a reminder offset: '2x' (use e.g. 7d, 2h, 30m)" in problem["msg"]


def test_the_command_line_reports_bad_configuration_and_stops(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("POGI_HEARING_REMINDERS", "7d,2x")
    monkeypatch.setenv("POGI_TIMEZONE", "Europe/Kobenhavn")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'pogi.db'}")

    assert pogi(["db", "upgrade"]) == 2

    errors = capsys.readouterr().err
    assert "pogi: the configuration is not valid:" in errors
    assert "POGI_HEARING_REMINDERS: Value error, not a reminder offset: '2x'" in errors
    assert "POGI_TIMEZONE: Value error, unknown time zone 'Europe/Kobenhavn'" in errors
    assert not (tmp_path / "pogi.db").exists()


# -- time zone, language and the rest ------------------------------------------------------


def test_the_default_time_zone_is_copenhagen():
    settings = Settings()

    assert settings.pogi_timezone == "Europe/Copenhagen"
    assert settings.timezone == ZoneInfo("Europe/Copenhagen")


def test_a_known_time_zone_is_accepted():
    assert Settings(pogi_timezone="America/Nuuk").timezone == ZoneInfo("America/Nuuk")


@pytest.mark.parametrize("zone", ["Europe/Kobenhavn", "Mars/Olympus", "", "../etc/passwd", "CET+"])
def test_an_unknown_time_zone_is_refused(zone):
    with pytest.raises(ValidationError) as raised:
        Settings(pogi_timezone=zone)

    assert f"unknown time zone {zone!r}" in str(raised.value)


@pytest.mark.parametrize(("given", "language"), [("da", "da"), (" EN ", "en"), ("Da", "da")])
def test_the_language_is_danish_or_english(given, language):
    assert Settings(pogi_language=given).pogi_language == language


@pytest.mark.parametrize("given", ["de", "dansk", "en-GB", ""])
def test_another_language_is_refused(given):
    with pytest.raises(ValidationError) as raised:
        Settings(pogi_language=given)

    assert "must be 'da' or 'en'" in str(raised.value)


def test_the_language_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("POGI_LANGUAGE", "en")

    assert Settings().pogi_language == "en"


@pytest.mark.parametrize("tick", [0, -1])
def test_the_tick_must_be_positive(tick):
    with pytest.raises(ValidationError, match="must be positive"):
        Settings(pogi_tick_seconds=tick)


def test_the_slack_api_url_ends_with_a_slash():
    assert Settings(slack_api_url="http://127.0.0.1:9000/api").slack_api_url == (
        "http://127.0.0.1:9000/api/"
    )
    assert Settings().slack_api_url == "https://slack.com/api/"


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
        ({"slack_bot_token": "xoxb-1"}, ["SLACK_SIGNING_SECRET"]),
        ({"slack_signing_secret": "s3cret"}, ["SLACK_BOT_TOKEN"]),
        ({"slack_bot_token": "", "slack_signing_secret": "s3cret"}, ["SLACK_BOT_TOKEN"]),
        ({"slack_bot_token": "xoxb-1", "slack_signing_secret": "s3cret"}, []),
    ],
)
def test_what_slack_still_needs(values, missing):
    assert Settings(**values).missing_for_slack() == missing


def test_the_slack_credentials_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")

    assert Settings().missing_for_slack() == []
