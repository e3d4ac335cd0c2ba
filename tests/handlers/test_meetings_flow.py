"""Meetings over signed HTTP: proposal → Bekræft → announcement + .ics → reminder → move →
cancel, with the outbox sent by the real dispatcher."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import select

from bot.domain import meetings
from storage.tables import OutboxMessage
from tests.support.server import buttons, everything_said


def _group(slack) -> None:
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>")


def _posted(standin, channel: str = "CGROUP") -> list[str]:
    return [
        everything_said(call.args)
        for call in standin.calls_to("chat.postMessage")
        if call.ok and call.args.get("channel") == channel
    ]


def test_a_meeting_is_proposed_confirmed_announced_reminded_moved_and_cancelled(
    slack, standin, app_server, clock, sqlite_db
):
    _group(slack)
    # now: Sunday 22 November 2026, 12.00 in Copenhagen
    asked = slack.command("UANNE", "møde torsdag kl. 13-15 Opstartsmøde")
    assert (
        "Jeg har forstået tidspunktet som *torsdag den 26. november 2026 kl. 13.00–15.00*."
        in asked.text
    )
    assert "Møde 1 i arbejdsgruppen for Rengøring" in asked.text
    assert meetings.coming(sqlite_db, channel_id="CGROUP", now=clock()) == []

    assert slack.click("UANNE", buttons(asked.json)["Bekræft"]).status == 200
    [meeting] = meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())
    assert meeting.starts_at == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    app_server.deliver()
    [announcement] = _posted(standin)
    assert "Møde 1 i arbejdsgruppen for Rengøring" in announcement
    assert (
        "Præsentation af tovholderen og arbejdsgruppens deltagere" in announcement
    )  # the agenda of meeting 1
    [upload] = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok]
    ics = standin.uploaded_file(upload.args["files"][0]["id"]).decode()
    assert f"UID:{meeting.uid}" in ics
    assert "DTSTART;TZID=Europe/Copenhagen:20261126T130000" in ics
    assert "SEQUENCE:0" in ics

    # a second click on the same proposal does not book the meeting twice
    slack.click("UANNE", buttons(asked.json)["Bekræft"])
    assert len(meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())) == 1

    # the day before, the reminder arrives in the channel
    clock.advance(days=3, hours=1, minutes=1)  # Wednesday 13.01
    app_server.deliver()
    reminder = _posted(standin)[-1]
    assert "Påmindelse: Møde 1 i arbejdsgruppen for Rengøring begynder om 1 dag" in reminder

    moved = slack.command("UANNE", "møde flyt 1 fredag kl. 9-11")
    assert "er flyttet til *fredag den 27. november 2026 kl. 9.00–11.00*" in moved.text
    app_server.deliver()
    assert "er flyttet fra torsdag den 26. november 2026 kl. 13.00–15.00" in _posted(standin)[-1]
    ics = standin.uploaded_file(
        [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-1].args["files"][0][
            "id"
        ]
    ).decode()
    assert "SEQUENCE:1" in ics and "DTSTART;TZID=Europe/Copenhagen:20261127T090000" in ics

    cancelled = slack.command("UANNE", "møde aflys 1")
    assert "er aflyst" in cancelled.text
    app_server.deliver()
    assert "er aflyst" in _posted(standin)[-1]
    ics = standin.uploaded_file(
        [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-1].args["files"][0][
            "id"
        ]
    ).decode()
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "SEQUENCE:2" in ics

    # nothing more is sent about the cancelled meeting, however late it gets
    before = len(_posted(standin))
    clock.advance(days=10)
    app_server.deliver()
    assert len(_posted(standin)) == before
    with sqlite_db.reading() as session:
        rows = session.exec(
            select(OutboxMessage).where(OutboxMessage.subject == f"meeting:{meeting.id}")
        ).all()
    assert {row.status for row in rows} <= {"sent", "cancelled"}


def test_the_confirm_button_carries_the_proposal_and_an_unnamed_one_still_books(
    slack, sqlite_db, clock
):
    _group(slack)
    asked = slack.command("UANNE", "møde torsdag kl. 13-15 Opstartsmøde")
    confirm = buttons(asked.json)["Bekræft"]
    value = json.loads(confirm["value"])
    assert (value["c"], datetime.fromisoformat(value["s"]), value["t"]) == (
        "CGROUP",
        datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
        "Opstartsmøde",
    )
    assert len(value["n"]) == 32

    # a button from before proposals were named: booked, under a name of its own
    unnamed = {**confirm, "value": json.dumps({k: v for k, v in value.items() if k != "n"})}
    assert slack.click("UANNE", unnamed).status == 200
    [meeting] = meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())
    assert meeting.title == "Opstartsmøde"
    name, at = meeting.uid.split("@")
    assert (len(name), at) == (32, "pogi") and name != value["n"]


def test_a_meeting_in_the_past_or_clashing_is_refused_and_nothing_is_stored(
    slack, sqlite_db, clock
):
    _group(slack)
    past = slack.command("UANNE", "møde i dag kl. 10")
    assert "fortiden" in past.text

    asked = slack.command("UANNE", "møde torsdag kl. 13-15")
    slack.click("UANNE", buttons(asked.json)["Bekræft"])
    clash = slack.command("UANNE", "møde torsdag kl. 14-16")
    assert "overlapper møde 1" in clash.text
    nonsense = slack.command("UANNE", "møde blah")
    assert "Skriv fx" in nonsense.text
    assert len(meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())) == 1


def test_only_the_coordinator_and_secretariat_call_meetings(slack, sqlite_db, clock):
    _group(slack)
    refused = slack.command("UDITTE", "møde torsdag kl. 13-15")
    assert "Kun gruppens tovholder og sekretariatet" in refused.text


def test_minutes_are_recorded_after_the_meeting(slack, standin, app_server, clock, sqlite_db):
    _group(slack)
    asked = slack.command("UANNE", "møde torsdag kl. 13-15")
    slack.click("UANNE", buttons(asked.json)["Bekræft"])
    clock.advance(days=4, hours=3)  # Thursday 15.00: the meeting has ended
    app_server.deliver()
    prompt = [
        c for c in standin.calls_to("chat.postMessage") if "Referat" in everything_said(c.args)
    ][-1]
    referat = buttons(prompt.args)["Referat"]

    answered = len(standin.calls_to("response_url"))
    refused = slack.click("UEMIL", referat)
    assert refused.status == 200
    refusal = standin.wait_for("response_url", answered + 1)[-1]
    assert "Kun gruppens tovholder" in everything_said(refusal.args)

    slack.click("UANNE", referat)
    view = standin.wait_for("views.open")[0].response["view"]
    values = {
        "minutes_attendance": {
            "attendance": {
                "type": "multi_static_select",
                "selected_options": [
                    {
                        "text": {"type": "plain_text", "text": "Odense Kommune"},
                        "value": "Odense Kommune",
                    },
                    {
                        "text": {"type": "plain_text", "text": "Vejle Kommune"},
                        "value": "Vejle Kommune",
                    },
                ],
            }
        },
        "minutes_decisions": {
            "decisions": {"type": "plain_text_input", "value": "Anne er formand."}
        },
        "minutes_notes": {"notes": {"type": "plain_text_input", "value": ""}},
    }
    saved = slack.submit("UANNE", view, values)
    assert saved.json["response_action"] == "update"
    app_server.deliver()
    minutes = _posted(standin)[-1]
    assert "Referat: Møde 1" in minutes and "Odense Kommune, Vejle Kommune" in minutes
    assert "Anne er formand." in minutes


def test_agendas_follow_the_meetings_held_not_the_meetings_called(
    slack, standin, app_server, sqlite_db
):
    _group(slack)
    for when in ("torsdag kl. 13-15", "fredag kl. 10-12"):
        asked = slack.command("UANNE", f"møde {when}")
        slack.click("UANNE", buttons(asked.json)["Bekræft"])
    slack.command("UANNE", "møde aflys 1")
    app_server.deliver()

    [second] = [said for said in _posted(standin) if "Møde 2 i arbejdsgruppen" in said]
    assert (
        "Præsentation af tovholderen og arbejdsgruppens deltagere" in second
    )  # the first meeting held
    assert "Kortlægning af medlemmernes" not in second

    asked = slack.command("UANNE", "møde 30/11 kl. 10-12")
    slack.click("UANNE", buttons(asked.json)["Bekræft"])
    app_server.deliver()
    third = _posted(standin)[-1]
    assert "Møde 3 i arbejdsgruppen for Rengøring" in third
    assert "Kortlægning af medlemmernes eksisterende grundlag" in third  # the second held


def test_a_title_beginning_with_a_number_is_not_read_as_the_date(slack, standin, clock, sqlite_db):
    _group(slack)
    # now: Sunday 22 November 2026; the Tuesday is the 24th
    asked = slack.command("UANNE", "møde tirsdag kl. 10-12 1. arbejdsgruppemøde")

    assert (
        "Jeg har forstået tidspunktet som *tirsdag den 24. november 2026 kl. 10.00–12.00*."
        in asked.text
    )
    assert "*Møde 1 i arbejdsgruppen for Rengøring*: 1. arbejdsgruppemøde" in asked.text
    assert "Teksten kan også læses sådan" not in asked.text
    assert "Bekræft i stedet" not in buttons(asked.json)

    # the number is the Tuesday's own date: both readings are offered, and either can be booked
    both = slack.command("UANNE", "møde tirsdag kl. 10-12 24. møde")
    assert "*Møde 1 i arbejdsgruppen for Rengøring*: 24. møde" in both.text
    assert (
        "Teksten kan også læses sådan: *tirsdag den 24. november 2026 kl. 10.00–12.00*.\n"
        "*Møde 1 i arbejdsgruppen for Rengøring*: møde"
    ) in both.text
    assert slack.click("UANNE", buttons(both.json)["Bekræft i stedet"]).status == 200
    [meeting] = meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())
    assert (meeting.title, meeting.starts_at) == ("møde", datetime(2026, 11, 24, 9, 0, tzinfo=UTC))


def test_a_meeting_on_a_day_off_is_proposed_with_a_word_naming_the_day(slack):
    _group(slack)
    proposed = slack.command("UANNE", "møde juleaften kl. 10-12 Julemøde")
    assert "torsdag den 24. december 2026 kl. 10.00–12.00" in proposed.text
    assert (
        "Bemærk: torsdag den 24. december 2026 er juleaftensdag og ikke en arbejdsdag."
        in proposed.text
    )
    weekend = slack.command("UANNE", "møde lørdag kl. 10-12 Weekendmøde")
    assert "Bemærk: lørdag den 28. november 2026 er ikke en arbejdsdag." in weekend.text
    workday = slack.command("UANNE", "møde tirsdag kl. 10-12 Arbejdsmøde")
    assert "Bemærk" not in workday.text


def test_an_english_reader_is_told_in_english(slack):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UJOHN|john>")
    proposed = slack.command("UJOHN", "meeting christmas eve 10-12 Julemøde")
    assert "Note: Thursday 24 December 2026 is Christmas Eve, not a working day." in proposed.text
