"""A user whose Slack locale is English gets English; the locale is looked up once.

UJOHN's Slack locale is ``en-GB`` (the stand-in answers it to ``users.info``). Most expected
English texts are taken from the catalogue (``bot/locale/en/LC_MESSAGES/messages.po``) so that
rewording a translation does not break them; a few literal ones pin that it is English at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.app.factory import create_app
from bot.app.settings import Settings
from bot.domain import roster
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from bot.presentation.i18n import Translator
from tests.support.server import BOT_TOKEN, SIGNING_SECRET, AppServer, Slack

ENGLISH = Translator("en")


def _lookups(standin, user: str) -> int:  # type: ignore[no-untyped-def]
    return len([call for call in standin.calls_to("users.info") if call.args.get("user") == user])


@pytest.fixture
def second_app(sqlite_db, standin, clock) -> Iterator[Slack]:  # type: ignore[no-untyped-def]
    """Another bot process on the same database: it shares nothing in memory with the first."""
    settings = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=standin.url,
        database_url="sqlite://",
    )
    client = WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=5)
    server = AppServer(create_app(settings, client=client, database=sqlite_db, clock=clock))
    yield Slack(server.url, standin)
    server.stop()


def test_help_for_an_english_user_is_in_english_with_english_command_words(slack):
    said = slack.command("UJOHN", "help").text

    assert "What you can do with pogi" in said
    assert "Det kan du gøre med pogi" not in said
    assert ENGLISH("viser denne oversigt") in said
    assert (
        ENGLISH("Du er registreret som %(name)s, %(organisation)s.")
        % {
            "name": "John Smith",
            "organisation": "Aalborg Kommune",
        }
        in said
    )
    assert "`/pogi help`" in said
    assert "`/pogi phase`" in said
    assert "`/pogi group`" in said
    assert "`/pogi group add @" in said
    assert "`/pogi hjælp`" not in said
    assert "`/pogi fase`" not in said


def test_the_danish_alias_also_answers_an_english_user_in_english(slack):
    said = slack.command("UJOHN", "hjælp").text

    assert "`/pogi help`" in said
    assert "What you can do with pogi" in said


def test_a_danish_user_gets_danish_command_words(slack):
    said = slack.command("UANNE", "help").text

    assert "Det kan du gøre med pogi" in said
    assert "`/pogi hjælp`" in said
    assert "`/pogi help`" not in said


def test_a_refusal_for_an_english_user_is_in_english(slack):
    slack.command("USEK", "revision start Rengøring")

    said = slack.command("UJOHN", "fase næste").text

    assert "Only the secretariat" in said
    assert ENGLISH("Kun sekretariatet kan flytte revisionen til næste fase.") in said


def test_status_for_an_english_user_uses_the_english_catalogue(slack):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UJOHN|john>")

    said = slack.command("UJOHN", "status").text

    assert "*Coordinator*\n<@UJOHN>" in said
    assert "1 of 7" in said
    assert "*" + ENGLISH("Tovholder") + "*\n<@UJOHN>" in said
    assert (
        ENGLISH("%(number)s af %(total)s: %(title)s")
        % {
            "number": 1,
            "total": 7,
            "title": ENGLISH("Forberedelse"),
        }
        in said
    )


def test_the_locale_is_remembered_in_the_roster_and_not_looked_up_again(
    slack, standin, sqlite_db, second_app
):
    assert roster.find_person(sqlite_db, slack_user_id="UJOHN").locale is None

    slack.command("UJOHN", "help")

    assert _lookups(standin, "UJOHN") == 1
    assert roster.find_person(sqlite_db, slack_user_id="UJOHN").locale == "en-GB"

    slack.command("UJOHN", "status", channel="CGENERAL")
    again = second_app.command("UJOHN", "help")

    assert "`/pogi help`" in again.text
    assert _lookups(standin, "UJOHN") == 1


def test_a_danish_locale_is_remembered_too(slack, standin, sqlite_db):
    slack.command("UANNE", "help")
    slack.command("UANNE", "help")

    assert roster.find_person(sqlite_db, slack_user_id="UANNE").locale == "da-DK"
    assert _lookups(standin, "UANNE") == 1


def test_a_user_slack_cannot_describe_gets_the_default_language(slack, sqlite_db):
    """In the roster, but ``users.info`` answers ``user_not_found``: Danish, and no error."""
    ghost = RosterEntry("UGHOST", "Gitte Gran", "Vejle Kommune", frozenset({Role.MEMBER}))
    roster.import_roster(
        sqlite_db, entries=[ghost], actor="test", now=datetime(2026, 11, 1, tzinfo=UTC)
    )

    reply = slack.command("UGHOST", "help")

    assert reply.status == 200
    assert "`/pogi hjælp`" in reply.text
    assert "Du er registreret som Gitte Gran, Vejle Kommune." in reply.text
    assert roster.find_person(sqlite_db, slack_user_id="UGHOST").locale is None


def test_a_rate_limited_locale_lookup_falls_back_to_danish_without_failing(slack, standin):
    standin.rate_limit("users.info", retry_after=30)

    reply = slack.command("UJOHN", "help")

    assert reply.status == 200
    assert "`/pogi hjælp`" in reply.text


def test_a_slow_locale_lookup_does_not_hold_the_answer_past_slacks_three_seconds(slack, standin):
    standin.delay("users.info", seconds=4)

    started = time.monotonic()
    reply = slack.command("UJOHN", "help")
    took = time.monotonic() - started

    assert reply.status == 200
    assert "Det kan du gøre med pogi" in reply.text or "`/pogi help`" in reply.text
    assert took < 3


def test_what_the_whole_channel_reads_stays_in_the_workspace_language(slack):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UJOHN|john>")

    reply = slack.command("UJOHN", "group add <@UDITTE|d>")

    assert reply.json["response_type"] == "in_channel"
    assert "<@UJOHN> har tilføjet <@UDITTE> til arbejdsgruppen." in reply.text
