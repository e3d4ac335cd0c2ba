"""``/pogi styregruppe her`` (secretariat) and ``/pogi styregruppe`` (anyone)."""

from __future__ import annotations

import pytest

from bot.domain import revisions
from storage import queries


def _steering_audit(db) -> list[tuple[str, dict, dict]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [
            (e.actor, e.before, e.after) for e in queries.audit_entries(session, entity="steering")
        ]


@pytest.mark.parametrize("text", ["styregruppe her", "steering here", "Styregruppe HER"])
def test_the_secretariat_makes_this_the_steering_channel_publicly(slack, sqlite_db, text):
    reply = slack.command("USEK", text, channel="CSTYRE")

    assert reply.json["response_type"] == "in_channel"
    assert "Denne kanal er nu styregruppens kanal." in reply.text
    assert "afstemninger om indkøbsmål foregår her" in reply.text
    assert revisions.steering_channel(sqlite_db) == "CSTYRE"
    assert _steering_audit(sqlite_db) == [("USEK", {"channel_id": None}, {"channel_id": "CSTYRE"})]


def test_elsewhere_styregruppe_names_the_channel(slack):
    slack.command("USEK", "styregruppe her", channel="CSTYRE")

    reply = slack.command("UDITTE", "styregruppe", channel="CGENERAL")

    assert reply.json["response_type"] == "ephemeral"
    assert "Styregruppens kanal er <#CSTYRE>." in reply.text


def test_before_any_channel_is_chosen_styregruppe_says_how(slack):
    reply = slack.command("UANNE", "styregruppe", channel="CGENERAL")

    assert "Styregruppen har ingen kanal endnu." in reply.text
    assert "`/pogi styregruppe her`" in reply.text


def test_moving_the_steering_channel_names_the_previous_one(slack, sqlite_db):
    slack.command("USEK", "styregruppe her", channel="CSTYRE")

    reply = slack.command("USEK", "styregruppe her", channel="CSTYRE2")

    assert "Tidligere var det <#CSTYRE>." in reply.text
    assert revisions.steering_channel(sqlite_db) == "CSTYRE2"
    assert _steering_audit(sqlite_db)[-1] == (
        "USEK",
        {"channel_id": "CSTYRE"},
        {"channel_id": "CSTYRE2"},
    )


def test_saying_her_twice_in_the_same_channel_does_not_claim_a_move(slack, sqlite_db):
    slack.command("USEK", "styregruppe her", channel="CSTYRE")

    reply = slack.command("USEK", "styregruppe her", channel="CSTYRE")

    assert "Tidligere var det" not in reply.text
    assert revisions.steering_channel(sqlite_db) == "CSTYRE"


@pytest.mark.parametrize("user", ["UANNE", "UDITTE"])
def test_only_the_secretariat_chooses_the_steering_channel(slack, sqlite_db, user):
    reply = slack.command(user, "styregruppe her", channel="CSTYRE")

    assert reply.json.get("response_type") in (None, "ephemeral")
    assert "Kun sekretariatet kan vælge styregruppens kanal." in reply.text
    assert revisions.steering_channel(sqlite_db) is None
    assert _steering_audit(sqlite_db) == []


def test_someone_outside_the_roster_may_not_choose_it_either(slack, sqlite_db):
    reply = slack.command("UOUTSIDER", "styregruppe her", channel="CSTYRE")

    assert "Du er ikke registreret i pogi endnu" in reply.text
    assert revisions.steering_channel(sqlite_db) is None


def test_a_working_groups_channel_cannot_be_the_steering_channel(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring", channel="CGROUP")

    reply = slack.command("USEK", "styregruppe her", channel="CGROUP")

    assert "Denne kanal er en arbejdsgruppes kanal og kan ikke også være styregruppens." in (
        reply.text
    )
    assert revisions.steering_channel(sqlite_db) is None


def test_a_revision_cannot_start_in_the_steering_channel(slack, sqlite_db):
    slack.command("USEK", "styregruppe her", channel="CSTYRE")

    reply = slack.command("USEK", "revision start Rengøring", channel="CSTYRE")

    assert "Dette er styregruppens kanal." in reply.text
    assert revisions.all_revisions(sqlite_db) == []


def test_other_words_after_styregruppe_explain_the_usage(slack, sqlite_db):
    reply = slack.command("USEK", "styregruppe der", channel="CSTYRE")

    assert "Brug `/pogi styregruppe her` i styregruppens kanal." in reply.text
    assert revisions.steering_channel(sqlite_db) is None
