"""``/pogi``, ``/pogi hjælp``, unknown words, people outside the roster, and ``/pogi status``."""

from __future__ import annotations

import pytest

from bot.domain import revisions
from storage import queries

NOT_REGISTERED = "Du er ikke registreret i pogi endnu. Bed sekretariatet om at føje dig"


def _audit_log(db) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [(entry.action, entry.entity) for entry in queries.audit_entries(session)]


# -- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "hjælp", "help", "HJÆLP"])
def test_help_is_shown_privately_for_no_text_and_both_words(slack, text):
    reply = slack.command("UDITTE", text)

    assert reply.status == 200
    assert reply.json["response_type"] == "ephemeral"
    assert "Det kan du gøre med pogi" in reply.text
    assert "`/pogi status`" in reply.text
    assert "Du er registreret som Ditte Krogh, Odense Kommune." in reply.text


def test_a_member_sees_what_everyone_may_do_but_not_the_secretariat_section(slack):
    said = slack.command("UDITTE", "hjælp").text

    assert "*Alle på brugerlisten*" in said
    assert "`/pogi fase`" in said
    assert "*Sekretariatet*" not in said
    assert "/pogi revision start" not in said
    assert "/pogi roster" not in said
    assert "*Tovholdere og sekretariatet*" not in said


def test_a_steering_member_also_sees_what_coordinators_may_do(slack):
    said = slack.command("UANNE", "hjælp").text

    assert "*Tovholdere og sekretariatet*" in said
    assert "`/pogi gruppe add @navn …`" in said
    assert "*Sekretariatet*" not in said


def test_a_deputy_sees_how_to_vote_and_record_internal_approval(slack):
    said = slack.command("UCARL", "hjælp").text

    assert "*Styregruppens medlemmer og suppleanter*" in said
    assert "»For« · »Imod« · »Undlad« – afgiver din organisations stemme" in said
    assert "»Afventer intern godkendelse« · »Intern godkendelse foreligger« – melder" in said
    assert "*Ambassadører*" not in said
    assert "kan du blive udpeget som tovholder" not in said  # a deputy is not appointed


def test_a_steering_member_reads_the_same_in_english(slack):
    said = slack.command("UJOHN", "help").text

    assert "*Steering group members and deputies*" in said
    assert "“Yes” · “No” · “Abstain” – casts your organisation's vote" in said
    assert "you may be appointed coordinator of a working group by rotation" in said


def test_an_ambassador_sees_how_to_confirm_a_launch_and_a_member_how_to_answer(slack):
    ambassador = slack.command("UGUSTAV", "hjælp").text
    member = slack.command("UDITTE", "hjælp").text

    assert "*Ambassadører*\n»Lanceret« – du får en direkte besked" in ambassador
    assert "*Medlemmer*\n»Afgiv høringssvar« – afgiver din organisations høringssvar" in member
    assert "»Færdig« – melder dit hjemmearbejde færdigt" in member
    assert "*Ambassadører*" not in member
    assert "*Styregruppens medlemmer og suppleanter*" not in member


def test_the_secretariat_sees_its_own_section(slack):
    said = slack.command("USEK", "hjælp").text

    assert "*Sekretariatet*" in said
    assert "`/pogi revision start MÅL`" in said
    assert "`/pogi roster add @navn ORGANISATION ROLLE …`" in said
    assert "`/pogi styregruppe her`" in said
    assert "`/pogi fase næste`" in said


def test_help_in_a_group_channel_names_the_revision(slack):
    slack.command("USEK", "revision start Rengøring")

    said = slack.command("UDITTE", "hjælp").text

    assert "Denne kanal er arbejdsgruppens kanal for revisionen af *Rengøring*." in said


def test_an_unknown_subcommand_is_named_and_followed_by_the_help(slack, sqlite_db):
    before = _audit_log(sqlite_db)

    reply = slack.command("UDITTE", "blabla noget mere")

    assert reply.json["response_type"] == "ephemeral"
    assert "Jeg kender ikke kommandoen `blabla`. Her kan du se, hvad du kan gøre:" in reply.text
    assert "Det kan du gøre med pogi" in reply.text
    assert _audit_log(sqlite_db) == before


def test_an_unknown_word_is_escaped_before_it_is_shown(slack):
    reply = slack.command("UDITTE", "<!channel>")

    assert "`&lt;!channel&gt;`" in reply.text
    assert "<!channel>" not in reply.text


def test_someone_outside_the_roster_gets_help_telling_them_to_ask_the_secretariat(slack):
    said = slack.command("UOUTSIDER", "hjælp").text

    assert NOT_REGISTERED in said
    assert "*Alle på brugerlisten*" not in said


@pytest.mark.parametrize("text", ["status", "gruppe", "fase", "group", "phase"])
def test_someone_outside_the_roster_is_told_to_ask_the_secretariat(slack, sqlite_db, text):
    slack.command("USEK", "revision start Rengøring")
    before = _audit_log(sqlite_db)

    in_group = slack.command("UOUTSIDER", text, channel="CGROUP")
    elsewhere = slack.command("UOUTSIDER", text, channel="CGENERAL")

    for reply in (in_group, elsewhere):
        assert reply.status == 200
        assert reply.json.get("response_type") in (None, "ephemeral")
        assert NOT_REGISTERED in reply.text
        assert "Rengøring" not in reply.text
    assert _audit_log(sqlite_db) == before
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").group_size == 0


# -- status --------------------------------------------------------------------------------


def test_status_outside_a_group_channel_lists_every_revision(slack):
    slack.command("USEK", "revision start Rengøring", channel="CGROUP")
    slack.command("USEK", "revision start Møbler & inventar", channel="CMOEBLER")
    slack.command("USEK", "tovholder <@UANNE|anne>", channel="CMOEBLER")

    reply = slack.command("UDITTE", "status", channel="CGENERAL")

    said = reply.text
    assert reply.json["response_type"] == "ephemeral"
    assert "Revisioner af indkøbsmål" in said
    assert "*Rengøring* · Forberedelse" in said
    assert "Kanal: <#CGROUP> · Tovholder: ingen tovholder endnu · 0 i gruppen" in said
    assert "*Møbler &amp; inventar* · Forberedelse" in said
    assert "Kanal: <#CMOEBLER> · Tovholder: <@UANNE> · 1 i gruppen" in said


def test_status_with_no_revisions_says_how_to_start_one(slack):
    said = slack.command("UDITTE", "status", channel="CGENERAL").text

    assert "Der er ingen revisioner endnu." in said
    assert "`/pogi revision start MÅL`" in said


def test_status_in_the_steering_channel_says_so(slack):
    slack.command("USEK", "styregruppe her", channel="CSTYRE")

    said = slack.command("UANNE", "status", channel="CSTYRE").text

    assert "Dette er styregruppens kanal." in said


def test_status_in_a_group_channel_shows_phase_coordinator_group_and_rules(slack):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")

    said = slack.command("UDITTE", "status").text

    assert "Revision af Rengøring" in said
    assert "*Fase*\n1 af 7: Forberedelse" in said
    assert "*Tovholder*\n<@UANNE>" in said
    assert "*Arbejdsgruppe*\n1 person, 1 organisation" in said
    assert "*Krav til sammensætning*\nikke opfyldt" in said
    assert "*Åbent hjemmearbejde*\ningen" in said
    assert "Revisioner af indkøbsmål" not in said


def test_status_shows_the_rules_met_once_the_group_is_complete(slack):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g> <@UCARL|c>")

    said = slack.command("UEMIL", "status").text

    assert "*Arbejdsgruppe*\n6 personer, 5 organisationer" in said
    assert "*Krav til sammensætning*\nopfyldt" in said


def test_status_without_a_coordinator_says_so(slack):
    slack.command("USEK", "revision start Rengøring")

    said = slack.command("UDITTE", "status").text

    assert "*Tovholder*\nikke udpeget" in said
    assert ":x: Der er udpeget en tovholder." in said
    assert "Sekretariatet udpeger tovholderen med `/pogi tovholder @navn`." in said
