"""The App Home tab: published when a user opens it, refreshed with ``Opdatér``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.app.factory import create_app
from bot.app.settings import Settings
from bot.console import payloads
from tests.support.server import BOT_TOKEN, SIGNING_SECRET, AppServer, Slack, everything_said


def _published(standin, count: int = 1) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    call = standin.wait_for("views.publish", count)[-1]
    return call.args


def _staffed_revision(slack: Slack) -> None:
    slack.command("USEK", "revision start Rengøring", channel="CGROUP")
    slack.command("USEK", "tovholder <@UANNE|anne>", channel="CGROUP")
    slack.command("UANNE", "gruppe add <@UDITTE|d>", channel="CGROUP")
    slack.command("USEK", "revision start Møbler", channel="CMOEBLER")


def test_opening_the_home_tab_publishes_the_users_groups(slack, standin):
    _staffed_revision(slack)

    reply = slack.home_opened("UDITTE")

    assert reply.status == 200
    published = _published(standin)
    assert published["user_id"] == "UDITTE"
    view = published["view"]
    assert view["type"] == "home"
    said = everything_said(view)
    assert "Du er registreret som Ditte Krogh, Odense Kommune (medlem)." in said
    assert "*Rengøring* · Forberedelse\n<#CGROUP>" in said
    assert "Møbler" not in said
    assert "Alle revisioner" not in said


def test_the_coordinator_is_told_they_coordinate(slack, standin):
    _staffed_revision(slack)

    slack.home_opened("UANNE")

    said = everything_said(_published(standin)["view"])
    assert "*Rengøring* · Forberedelse\n<#CGROUP> · du er tovholder" in said


def test_a_member_of_no_group_is_told_so(slack, standin):
    _staffed_revision(slack)

    slack.home_opened("UEMIL")

    said = everything_said(_published(standin)["view"])
    assert "Du er ikke med i en arbejdsgruppe endnu." in said


def test_the_secretariat_sees_every_revision(slack, standin):
    _staffed_revision(slack)

    slack.home_opened("USEK")

    said = everything_said(_published(standin)["view"])
    assert "Alle revisioner" in said
    assert "*Rengøring* · Forberedelse · <#CGROUP> · 2 personer" in said
    assert "*Møbler* · Forberedelse · <#CMOEBLER> · 0 personer" in said


def test_someone_outside_the_roster_sees_that_they_are_not_registered(slack, standin):
    _staffed_revision(slack)

    slack.home_opened("UOUTSIDER")

    published = _published(standin)
    said = everything_said(published["view"])
    assert published["user_id"] == "UOUTSIDER"
    assert "Du er ikke registreret i pogi endnu." in said
    assert "Rengøring" not in said


def test_the_messages_tab_publishes_nothing(slack, standin):
    reply = slack.send(
        payloads.event_callback(payloads.app_home_opened(user_id="UDITTE", tab="messages"))
    )

    assert reply.status == 200
    slack.home_opened("UEMIL")
    standin.wait_for("views.publish")
    time.sleep(0.2)  # the messages-tab event was sent first; give it as long again
    assert [call.args["user_id"] for call in standin.calls_to("views.publish")] == ["UEMIL"]


def test_opdater_republishes_the_home_tab_with_what_changed(slack, standin):
    slack.home_opened("UDITTE")
    first = _published(standin)["view"]
    assert "Du er ikke med i en arbejdsgruppe endnu." in everything_said(first)
    stored = standin.calls_to("views.publish")[0].response["view"]
    refresh = next(
        element
        for block in first["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    )
    assert refresh["text"]["text"] == "Opdatér"
    _staffed_revision(slack)

    reply = slack.send(
        payloads.block_actions(
            user_id="UDITTE",
            action_id=refresh["action_id"],
            block_id=refresh.get("block_id", "home"),
            value=refresh.get("value"),
            view=stored,
        )
    )

    assert reply.status == 200
    second = _published(standin, 2)
    assert second["user_id"] == "UDITTE"
    assert "*Rengøring* · Forberedelse" in everything_said(second["view"])


# -- Slack's rate limit --------------------------------------------------------------------


@pytest.fixture
def production_client_slack(app_server, sqlite_db, standin, clock) -> Iterator[Slack]:  # type: ignore[no-untyped-def]
    """The app with the Web API client ``pogi run`` builds, retry handlers included, on the
    database ``app_server`` filled with the roster."""
    settings = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=standin.url,
        database_url="sqlite://",
    )
    server = AppServer(create_app(settings, database=sqlite_db, clock=clock))
    yield Slack(server.url, standin)
    server.stop()


def test_a_rate_limited_publish_is_retried_and_the_home_tab_still_appears(
    production_client_slack, standin
):
    standin.rate_limit("views.publish", retry_after=1)

    reply = production_client_slack.home_opened("UDITTE")

    assert reply.status == 200
    published = standin.wait_for("views.publish", timeout=8)[0]
    assert published.args["user_id"] == "UDITTE"
    attempts = standin.calls_to("views.publish")
    assert [call.status for call in attempts] == [429, 200]
