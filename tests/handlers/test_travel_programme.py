"""A round of the travelling team over signed HTTP, from start to evaluation: three
organisations, the opening workshop with its attendance, kickoff meetings (one without its head
of procurement, held again), plans approved (one on its second version), activities done, the
closing workshop with an absent organisation, and the evaluation."""

from __future__ import annotations

from typing import Any

from tests.handlers.travel_support import (
    ADVISER,
    CONTACTS,
    HEADS,
    ROUND_CHANNEL,
    join_team,
    start_round,
)
from tests.support.server import buttons, everything_said

ODENSE, VEJLE, REGION = "Odense Kommune", "Vejle Kommune", "Region Midtjylland"


def _posted(standin, channel: str = ROUND_CHANNEL) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [
        call.args
        for call in standin.calls_to("chat.postMessage")
        if call.ok and call.args.get("channel") == channel
    ]


def _said(standin, channel: str = ROUND_CHANNEL) -> list[str]:  # type: ignore[no-untyped-def]
    return [everything_said(message) for message in _posted(standin, channel)]


def _button(standin, label: str, channel: str = ROUND_CHANNEL) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The newest button labelled ``label`` in a message posted to ``channel``."""
    for message in reversed(_posted(standin, channel)):
        found = buttons(message).get(label)
        if found is not None:
            return found
    raise AssertionError(f"no {label} button in {channel}")


def _opened_view(standin, count: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return standin.wait_for("views.open", count)[count - 1].response["view"]


def _text(block: str, action: str, value: str) -> dict[str, Any]:
    return {block: {action: {"type": "plain_text_input", "value": value}}}


def _choice(block: str, action: str, value: str) -> dict[str, Any]:
    return {
        block: {
            action: {
                "type": "radio_buttons",
                "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value},
            }
        }
    }


def _attendance(organisations: list[str]) -> dict[str, Any]:
    chosen = [{"text": {"type": "plain_text", "text": o}, "value": o} for o in organisations]
    return {
        "minutes_attendance": {
            "attendance": {"type": "multi_static_select", "selected_options": chosen}
        },
        **_text("minutes_decisions", "decisions", ""),
        **_text("minutes_notes", "notes", ""),
    }


def _kickoff(slack, standin, app_server, clock, organisation: str, *, head: bool) -> None:  # type: ignore[no-untyped-def]
    """Plan the organisation's kickoff meeting for tomorrow, hold it, write its minutes."""
    asked = slack.command(
        ADVISER, f"rejsehold opstartsmøde {organisation} i morgen kl. 9-11", channel=ROUND_CHANNEL
    )
    assert f"Opstartsmøde hos {organisation}" in asked.text
    slack.click(ADVISER, buttons(asked.json)["Bekræft"], channel=ROUND_CHANNEL)
    app_server.deliver()
    checklist = _said(standin, CONTACTS[organisation])[-1]
    assert "Det sørger organisationen for" in checklist and "Forplejning" in checklist
    assert f"Indkøbschefen (<@{HEADS[organisation]}>) deltager" in checklist
    clock.advance(days=1)
    app_server.deliver()
    opened = len(standin.calls_to("views.open"))
    slack.click(ADVISER, _button(standin, "Referat"), channel=ROUND_CHANNEL)
    view = _opened_view(standin, opened + 1)
    values = {
        **_choice("travel_head_present", "head", "yes" if head else "no"),
        **_text("travel_attendees", "attendees", "Indkøbschefen og to indkøbere"),
        **_text("travel_ideas", "ideas", "Rengøring og kantine <b>"),
        **_text("travel_agreed", "activities", "Markedsdialog om rengøring" if head else ""),
    }
    assert slack.submit(ADVISER, view, values).json["response_action"] == "update"
    app_server.deliver()


def test_a_round_runs_from_start_to_evaluation(slack, standin, app_server, clock, sqlite_db):
    join_team(sqlite_db, standin)
    start_round(slack)

    # Phase 1: the opening workshop, proposed, confirmed, announced with its calendar file
    asked = slack.command(
        ADVISER,
        "rejsehold workshop opstart torsdag kl. 9 Force Technology, Vejen",
        channel=ROUND_CHANNEL,
    )
    assert "*torsdag den 26. november 2026 kl. 9.00–16.00*" in asked.text
    assert "sat til en hel dag" in asked.text
    refused = slack.click("UDITTE", buttons(asked.json)["Bekræft"], channel=ROUND_CHANNEL)
    assert refused.status == 200
    slack.click(ADVISER, buttons(asked.json)["Bekræft"], channel=ROUND_CHANNEL)
    app_server.deliver()
    announcement = _said(standin)[-1]
    assert "Rejseholdets opstartsworkshop" in announcement
    assert "Mulighederne for at stille miljøkrav efter udbudsloven" in announcement
    [upload] = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok]
    ics = standin.uploaded_file(upload.args["files"][0]["id"]).decode()
    assert "DTSTART;TZID=Europe/Copenhagen:20261126T090000" in ics
    board = slack.command(CONTACTS[ODENSE], "rejsehold", channel=ROUND_CHANNEL).text
    assert "Afventer: Opstartsworkshoppen torsdag den 26. november 2026" in board

    clock.advance(days=4, hours=6)  # Thursday 18.00
    app_server.deliver()
    assert "Rejseholdets opstartsworkshop er slut" in _said(standin)[-1]
    slack.click(ADVISER, _button(standin, "Registrér fremmøde"), channel=ROUND_CHANNEL)
    view = _opened_view(standin, 1)
    slack.submit(ADVISER, view, _attendance([ODENSE, VEJLE, REGION]))
    app_server.deliver()
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("fase 2 af 4") == 3
    assert "Afventer: Opstartsmødet er ikke planlagt" in board

    # Phase 2: Vejle's head of procurement misses the kickoff meeting; it is held again
    _kickoff(slack, standin, app_server, clock, VEJLE, head=False)
    assert "deltog ikke, så mødet tæller ikke som holdt" in _said(standin)[-1]
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert "Indkøbschefen (<@ULIS>) var ikke til stede ved opstartsmødet" in board
    assert "Planlæg et nyt med `/pogi rejsehold opstartsmøde Vejle Kommune TID`" in board
    _kickoff(slack, standin, app_server, clock, VEJLE, head=True)
    minutes = _said(standin)[-1]
    assert "Indkøbschefen (<@ULIS>) deltog." in minutes
    assert "Rengøring og kantine &lt;b&gt;" in minutes
    _kickoff(slack, standin, app_server, clock, ODENSE, head=True)
    _kickoff(slack, standin, app_server, clock, REGION, head=True)
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("Afventer: Aktivitetsplan og samarbejdsaftale · hos rådgiverne") == 3
    assert "var ikke til stede" not in board

    # The plans: Odense and the region approve version 1; Vejle comments, then approves version 2
    too_early = slack.command(ADVISER, "rejsehold plan Aarhus Kommune", channel=ROUND_CHANNEL)
    assert "Begynd med navnet på en af rejseholdets organisationer" in too_early.text
    for organisation in (ODENSE, REGION, VEJLE):
        _send_plan(slack, standin, app_server, organisation, due="1/3")
    vejle_v1 = _said(standin, CONTACTS[VEJLE])[-1]
    assert "Vejle Kommune, version 1, til jeres godkendelse" in vejle_v1
    assert "Markedsdialog om rengøring – <@UOLE>, frist mandag den 1. marts 2027" in vejle_v1
    assert "https://pogi.dk/aftale.pdf" in vejle_v1

    # someone from another organisation may not approve Vejle's plan
    answered = len(standin.calls_to("response_url"))
    slack.click(CONTACTS[ODENSE], _button(standin, "Godkend", CONTACTS[VEJLE]))
    refusal = everything_said(standin.wait_for("response_url", answered + 1)[-1].args)
    assert "Kun kontaktpersonen og indkøbschefen hos Vejle Kommune" in refusal

    opened = len(standin.calls_to("views.open"))
    slack.click(HEADS[VEJLE], _button(standin, "Kommentér", HEADS[VEJLE]))
    comment_view = _opened_view(standin, opened + 1)
    slack.submit(
        HEADS[VEJLE], comment_view, _text("travel_comment", "comment", "Fristen er for kort.")
    )
    app_server.deliver()
    assert (
        "<@ULIS> har bemærkninger til aktivitetsplanen for Vejle Kommune, version 1"
        in (_said(standin)[-1])
    )
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert "Afventer: En ny version efter bemærkninger til version 1 · hos rådgiverne" in board
    # the first version can no longer be approved
    answered = len(standin.calls_to("response_url"))
    slack.click(CONTACTS[VEJLE], _button(standin, "Godkend", CONTACTS[VEJLE]))
    assert "Der er bemærkninger til version 1" in everything_said(
        standin.wait_for("response_url", answered + 1)[-1].args
    )

    _send_plan(slack, standin, app_server, VEJLE, due="1/4", version=2)
    assert "Fristen er for kort." in everything_said(
        standin.calls_to("views.open")[-1].response["view"]
    )
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert (
        "Godkendelse af aktivitetsplan og samarbejdsaftale, version 2 · hos <@UEMIL>, <@ULIS>"
        in (board)
    )
    # the head of procurement sees it waiting on the App Home too
    slack.home_opened(HEADS[VEJLE])
    home = everything_said(standin.wait_for("views.publish")[-1].args["view"])
    assert "Vejle Kommune · fase 2 af 4" in home
    assert "Aktivitetsplan og samarbejdsaftale, version 2, venter på jeres godkendelse." in home
    for organisation in (ODENSE, REGION, VEJLE):
        slack.click(CONTACTS[organisation], _button(standin, "Godkend", CONTACTS[organisation]))
    app_server.deliver()
    approved = _said(standin)[-1]
    assert (
        "<@UEMIL> har godkendt aktivitetsplan og samarbejdsaftale for Vejle Kommune, version 2"
        in (approved)
    )
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("fase 3 af 4: Aktiviteter") == 3
    assert "Afventer: 0 af 1 aktivitet er gennemført · hos <@UOLE>" in board

    # Phase 3: a reminder before the due date; the owner marks Odense's and the region's done
    clock.advance(days=96)  # Monday 1 March 2027 has come closer: the 2-day reminder is due
    app_server.deliver()
    reminder = _said(standin, ADVISER)[-1]
    assert "Påmindelse: Aktiviteten *Markedsdialog om rengøring* for" in reminder
    answered = len(standin.calls_to("response_url"))
    slack.click(CONTACTS[ODENSE], _button(standin, "Færdig", ADVISER))
    assert "Kun den ansvarlige for aktiviteten og rejseholdets rådgivere" in everything_said(
        standin.wait_for("response_url", answered + 1)[-1].args
    )
    reminders = [buttons(m)["Færdig"] for m in _posted(standin, ADVISER) if "Færdig" in buttons(m)]
    assert len(reminders) == 2  # Odense's and the region's, due on 1 March
    for done in reminders:
        slack.click(ADVISER, done)
    answered = len(standin.calls_to("response_url"))
    slack.click(ADVISER, reminders[0])
    assert "Aktiviteten er allerede meldt færdig af <@UOLE>." in everything_said(
        standin.wait_for("response_url", answered + 1)[-1].args
    )
    app_server.deliver()
    assert "har meldt aktiviteten *Markedsdialog om rengøring* for" in _said(standin)[-1]
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("fase 4 af 4") == 2
    assert "Afventer: 0 af 1 aktivitet er gennemført" in board  # Vejle's is due in April
    vejle_done = [b for b in (buttons(m).get("Færdig") for m in _posted(standin)) if b][-1]
    slack.click(ADVISER, vejle_done)  # Vejle's, from the approval message in the channel

    # Phase 4: the closing workshop; the region does not come
    asked = slack.command(
        ADVISER, "rejsehold workshop afslutning fredag kl. 9-15", channel=ROUND_CHANNEL
    )
    slack.click(ADVISER, buttons(asked.json)["Bekræft"], channel=ROUND_CHANNEL)
    app_server.deliver()
    assert "Rejseholdets afsluttende workshop" in _said(standin)[-1]
    assert "Erfaringsudveksling om grønne indkøb" in _said(standin)[-1]
    clock.advance(days=7)  # Friday 12 March, after the workshop
    app_server.deliver()
    invite = _said(standin, CONTACTS[VEJLE])[-1]
    assert "Vil I evaluere, hvad Vejle Kommune har fået ud af forløbet?" in invite
    opened = len(standin.calls_to("views.open"))
    slack.click(ADVISER, _button(standin, "Registrér fremmøde"), channel=ROUND_CHANNEL)
    slack.submit(ADVISER, _opened_view(standin, opened + 1), _attendance([ODENSE, VEJLE]))
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("Deltog ikke i den afsluttende workshop") == 1
    assert board.count("Afventer: Evaluering af rejseholdet") == 3

    # the evaluation: Vejle and Odense answer, one of them twice; the region does not
    for organisation, scores, comment in (
        (VEJLE, "5", "Godt forløb."),
        (ODENSE, "2", ""),
        (ODENSE, "4", "Mere tid til markedsdialog."),
    ):
        opened = len(standin.calls_to("views.open"))
        slack.click(CONTACTS[organisation], _button(standin, "Evaluér", CONTACTS[organisation]))
        view = _opened_view(standin, opened + 1)
        assert "Hvor nyttig var opstartsworkshoppen for jer?" in everything_said(view)
        ratings: dict[str, Any] = {}
        for key in ("q1", "q2", "q3", "q4"):
            ratings.update(_choice(f"travel_rating_{key}", "rating", scores))
        ratings.update(_text("travel_evaluation_text", "comment", comment))
        assert slack.submit(CONTACTS[organisation], view, ratings).json["response_action"] == (
            "update"
        )
    results = slack.command(ADVISER, "rejsehold evaluering", channel=ROUND_CHANNEL).text
    assert "2 af 3 organisationer har evalueret." in results
    assert "Gennemsnit 4,5 · 2 svar · 1: 0, 2: 0, 3: 0, 4: 1, 5: 1" in results
    assert "*Odense Kommune*: Mere tid til markedsdialog." in results
    assert "Mangler svar fra: Region Midtjylland" in results
    app_server.deliver()
    export = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-1]
    assert export.args["files"][0]["title"] == "Evaluering af rejseholdet Jylland/Fyn"
    csv = standin.uploaded_file(export.args["files"][0]["id"]).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Organisation,Hvor nyttig var opstartsworkshoppen")
    assert "Odense Kommune,4,4,4,4,Mere tid til markedsdialog.,UDITTE" in csv
    board = slack.command(ADVISER, "rejsehold", channel=ROUND_CHANNEL).text
    assert board.count("Forløbet er gennemført") == 2


def _send_plan(
    slack, standin, app_server, organisation: str, *, due: str, version: int = 1
) -> None:  # type: ignore[no-untyped-def]
    opened = len(standin.calls_to("views.open"))
    slack.command(ADVISER, f"rejsehold plan {organisation}", channel=ROUND_CHANNEL)
    view = _opened_view(standin, opened + 1)
    assert f"version {version}" in everything_said(view)
    bad = {
        **_text("travel_activities", "activities", "Markedsdialog om rengøring; Ukendt; 1/3"),
        **_text("travel_agreement", "agreement", "Se https://pogi.dk/aftale.pdf"),
    }
    refused = slack.submit(ADVISER, view, bad).json
    assert refused["errors"]["travel_activities"].startswith("Linje 1: Ukendt er ikke på")
    values = {
        **_text("travel_activities", "activities", f"Markedsdialog om rengøring; Ole Rask; {due}"),
        **_text("travel_agreement", "agreement", "Se https://pogi.dk/aftale.pdf"),
    }
    assert slack.submit(ADVISER, view, values).json["response_action"] == "update"
    app_server.deliver()
