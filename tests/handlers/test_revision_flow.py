"""The foundation's flow over signed HTTP: start a revision, staff its group, move a phase."""

from __future__ import annotations

from bot.domain import revisions
from storage import queries
from tests.support.server import buttons, everything_said, prepare


def test_secretariat_starts_a_revision_bound_to_the_channel(slack, sqlite_db):
    reply = slack.command("USEK", "revision start Rengøring", channel="CGROUP")

    assert reply.status == 200
    assert reply.json["response_type"] == "in_channel"
    assert "Revisionen af Rengøring er startet" in reply.text
    here = revisions.revision_here(sqlite_db, channel_id="CGROUP")
    assert here is not None and here.goal == "Rengøring" and here.phase.key == "forberedelse"
    with sqlite_db.reading() as session:
        entries = queries.audit_entries(session, entity=f"revision:{here.id}")
    assert [entry.action for entry in entries] == ["revision.start"]
    assert entries[0].actor == "USEK" and entries[0].after["goal"] == "Rengøring"


def test_a_member_may_not_start_a_revision_and_nothing_changes(slack, sqlite_db):
    reply = slack.command("UDITTE", "revision start Rengøring")

    assert reply.status == 200
    assert reply.json.get("response_type") in (None, "ephemeral")
    assert "Kun sekretariatet kan starte en revision." in reply.text
    assert revisions.all_revisions(sqlite_db) == []


def test_a_channel_holds_one_revision(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    reply = slack.command("USEK", "revision start Møbler")

    assert "allerede arbejdsgruppens kanal for revisionen af Rengøring" in reply.text
    assert [r.goal for r in revisions.all_revisions(sqlite_db)] == ["Rengøring"]


def test_group_meets_the_rule_with_five_organisations_and_a_steering_coordinator(slack):
    slack.command("USEK", "revision start Rengøring")
    appointed = slack.command("USEK", "tovholder <@UANNE|anne>")
    assert appointed.json["response_type"] == "in_channel"
    assert "<@UANNE> (Aarhus Kommune) som tovholder" in appointed.text

    short = slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f>")
    assert "4 medlemsorganisationer; der skal være mindst 5" in short.text

    enough = slack.command("UANNE", "gruppe add <@UGUSTAV|g>")
    assert "Gruppen opfylder kravene: 5 medlemsorganisationer" in enough.text

    shown = slack.command("UDITTE", "gruppe")
    said = shown.text
    assert shown.json.get("response_type") != "in_channel"
    for organisation in (
        "Aarhus Kommune",
        "Odense Kommune",
        "Vejle Kommune",
        "Københavns Kommune",
        "Region Midtjylland",
    ):
        assert organisation in said
    assert "<@UANNE> (tovholder)" in said


def test_coordinator_must_sit_on_the_steering_group(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    reply = slack.command("USEK", "tovholder <@UDITTE|ditte>")

    assert "Tovholderen skal sidde i styregruppen, og det gør Ditte Krogh ikke." in reply.text
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").coordinator is None


def test_only_the_coordinator_and_secretariat_change_the_group(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    reply = slack.command("UDITTE", "gruppe add <@UEMIL|e>")

    assert "Kun gruppens tovholder og sekretariatet kan ændre arbejdsgruppen." in reply.text
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").group_size == 1


def test_people_outside_the_roster_are_named_not_added(slack):
    slack.command("USEK", "revision start Rengøring")
    reply = slack.command("USEK", "gruppe add <@UEMIL|e> <@UOUTSIDER|u>")

    assert "<@UEMIL>" in reply.text
    assert "Ikke tilføjet, fordi de ikke står på brugerlisten: <@UOUTSIDER>" in reply.text


def test_removing_someone_outside_the_group_says_so_and_changes_nothing(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("USEK", "gruppe add <@UDITTE|d>")
    reply = slack.command("USEK", "gruppe remove <@UEMIL|e>")

    assert reply.json.get("response_type") != "in_channel"
    said = "Ikke med i arbejdsgruppen, så de er ikke fjernet: <@UEMIL>."
    assert reply.json["text"] == said
    assert reply.json["blocks"][0]["text"]["text"] == said
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").group_size == 2


def test_phase_next_asks_first_and_moves_once(slack, sqlite_db, standin, app_server):
    slack.command("USEK", "revision start Rengøring")
    prepare(slack)
    asked = slack.command("USEK", "fase næste")
    assert "flyttes fra *Forberedelse* til *Udvikling i arbejdsgruppen*" in asked.text
    assert "Alle betingelser for at forlade fasen er opfyldt." in asked.text
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").phase.key == "forberedelse"

    confirm = buttons(asked.json)["Bekræft"]
    answered = len(standin.calls_to("response_url"))
    assert slack.click("USEK", confirm).status == 200
    # the confirmation is removed, and the move is announced to the channel
    [removed] = standin.wait_for("response_url", answered + 1)[answered:]
    assert removed.args.get("delete_original") is True
    app_server.deliver()
    [announced] = standin.calls_to("chat.postMessage")
    assert announced.args["channel"] == "CGROUP"
    assert "til fasen *Udvikling i arbejdsgruppen* (2 af 7)" in everything_said(announced.args)
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").phase.key == "udvikling"

    again = slack.click("USEK", confirm)
    assert again.status == 200
    refusal = standin.wait_for("response_url", answered + 2)[-1]
    assert "allerede flyttet videre" in everything_said(refusal.args)
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").phase.key == "udvikling"


def test_phase_next_is_for_the_secretariat(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    reply = slack.command("UANNE", "fase næste")

    assert "Kun sekretariatet kan flytte revisionen til næste fase." in reply.text


def test_phase_shows_where_the_revision_stands(slack):
    slack.command("USEK", "revision start Rengøring")
    reply = slack.command("UEMIL", "fase")

    assert "*Forberedelse* ← her står revisionen" in reply.text
    assert "Implementering" in reply.text
