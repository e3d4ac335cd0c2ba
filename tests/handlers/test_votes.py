"""Steering-group votes over signed HTTP against the Slack stand-in: opening in the steering
channel, seats and deputies voting, refusals, closing (by hand and when the meeting ends), the
result, reminders, the override with a reason, the activity plan and the decision record."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.console import payloads
from bot.console.render import state_values
from bot.domain import revisions
from storage import queries
from storage.database import Database
from storage.tables import Ballot, Vote
from tests.support.clock import Clock
from tests.support.factories import audit_log
from tests.support.server import (
    APP_TOKEN,
    AppServer,
    Slack,
    buttons,
    everything_said,
    move_on,
)

STEERING = "CSTYRE"
GROUP = "CGROUP"
# The meeting the votes are tied to: Tuesday 16 March 2027, 13.00–15.00 in Copenhagen.
SPRING_MEETING = "møde 16/3-2027 kl. 13-15 Forårsmøde"
MEETING_ENDS = datetime(2027, 3, 16, 14, 0, tzinfo=UTC)
WHEN = "tirsdag den 16. marts 2027 kl. 13.00–15.00"
NOT_A_SEAT = "Kun styregruppens medlemmer og deres suppleanter kan stemme, én stemme for hver"


# -- helpers ---------------------------------------------------------------------------------------


def _steering_group(slack: Slack, *, meeting: str | None = SPRING_MEETING) -> None:
    """The steering channel, a revision of Rengøring, and (unless None) a confirmed meeting."""
    slack.command("USEK", "styregruppe her", channel=STEERING)
    slack.command("USEK", "revision start Rengøring", channel=GROUP)
    for _ in range(4):  # through development and both hearings to the steering group's decision
        move_on(slack, channel=GROUP, reason="Afstemningen er det, der prøves her")
    if meeting is not None:
        asked = slack.command("USEK", meeting, channel=STEERING)
        assert slack.click("USEK", buttons(asked.json)["Bekræft"], channel=STEERING).status == 200


def _vote_message(standin, title: str = "indkøbsmålet Rengøring") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The vote message as it stands in the channel now (after any updates), with its ts."""
    [posted] = [
        call
        for call in standin.calls_to("chat.postMessage")
        if call.ok and call.args.get("text") == f"Afstemning: {title}"
    ]
    message = standin.message(STEERING, posted.response["ts"])
    assert message is not None
    return message


def _open(slack: Slack, app_server: AppServer, standin, text: str = "Rengøring") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Open the vote, announce it, and let its meeting begin: ballots are taken from then."""
    opened = slack.command("USEK", f"afstemning {text}", channel=STEERING)
    assert "er åbnet og vises i kanalen" in opened.text, opened.text
    app_server.deliver()
    _meeting_begins(app_server)
    return _vote_message(standin)


def _meeting_begins(app_server: AppServer) -> None:
    """The clock moves to the start of the open vote's meeting (if it has one still to come)."""
    clock = app_server.app.clock
    assert isinstance(clock, Clock)
    with app_server.app.db.reading() as session:
        vote = session.exec(select(Vote).where(Vote.status == "open")).first()
    if vote is not None and vote.opens_at is not None and vote.opens_at > clock.now:
        clock.now = vote.opens_at


def _click(slack: Slack, user: str, label: str, message: dict[str, Any]) -> dict[str, Any]:
    """Click ``label`` on the vote message as ``user``; the ephemeral answer they get."""
    reply = slack.click(user, buttons(message)[label], channel=STEERING, message=message)
    assert reply.status == 200 and reply.body == ""
    answer = slack.answer_to(f"act{slack.serial}")
    assert answer, f"{user} got no answer to {label}"
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    return answer


def _said(message: dict[str, Any]) -> str:
    return everything_said(message)


def _posted(standin, channel: str = STEERING) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        everything_said(call.args)
        for call in standin.calls_to("chat.postMessage")
        if call.ok and call.args.get("channel") == channel
    ]


def _ballots(db: Database) -> dict[str, tuple[str, str]]:
    """The stored ballots: organisation → (choice, voter)."""
    with db.reading() as session:
        names = {o.id: o.name for o in queries.organisations_by_id(session).values()}
        return {
            names[b.organisation_id]: (b.choice, b.voter)
            for b in session.exec(select(Ballot)).all()
        }


def _audit(db: Database, action: str) -> list[tuple[str, dict | None, dict | None]]:
    with db.reading() as session:
        return [
            (e.actor, e.before, e.after)
            for e in queries.audit_entries(session)
            if e.action == action
        ]


def _phase(db: Database) -> str:
    revision = revisions.revision_here(db, channel_id=GROUP)
    assert revision is not None
    return revision.phase.key


# -- the whole way, passed -------------------------------------------------------------------------


def test_a_goal_vote_is_opened_cast_updated_closed_and_approved(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    opened = slack.command(
        "USEK", "afstemning Rengøring <https://pogi.dk/forslag-rengoering.pdf>", channel=STEERING
    )
    assert opened.json["response_type"] == "ephemeral"
    assert (
        "Afstemningen om indkøbsmålet Rengøring er åbnet og vises i kanalen. Den lukker "
        "tirsdag den 16. marts 2027 kl. 15.00, når mødet slutter." in opened.text
    )

    app_server.deliver()
    _meeting_begins(app_server)
    message = _vote_message(standin)
    shown = _said(message)
    assert "Forslag: https://pogi.dk/forslag-rengoering.pdf" in shown
    assert f"Styregruppemøde 1, {WHEN}" in shown
    assert "*Har stemt (0 af 2)*\ningen endnu" in shown
    assert "Mangler at stemme: Aalborg Kommune, Aarhus Kommune" in shown
    assert "Ikke beslutningsdygtig endnu: 0 har stemt, og der skal mindst 2 til." in shown
    assert {"For", "Imod", "Undlad"} <= set(buttons(message))

    receipt = _click(slack, "UANNE", "For", message)
    assert (
        "Registreret for Aarhus Kommune: *For* i afstemningen om indkøbsmålet Rengøring."
        in _said(receipt)
    )
    # the ballot is stored before the click is acknowledged, not when the message catches up
    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("for", "UANNE")}

    app_server.deliver()
    shown = _said(_vote_message(standin))
    assert "*Har stemt (1 af 2)*\nAarhus Kommune" in shown
    assert "Mangler at stemme: Aalborg Kommune" in shown
    assert "Mangler at stemme: Aalborg Kommune," not in shown
    [update] = [c for c in standin.calls_to("chat.update") if c.ok]
    assert update.args["ts"] == message["ts"] and update.args["channel"] == STEERING

    receipt = _click(slack, "UJOHN", "For", message)  # he reads Slack in English
    assert (
        "Recorded for Aalborg Kommune: *Yes* in the vote on the procurement goal Rengøring."
        in _said(receipt)
    )
    app_server.deliver()
    shown = _said(_vote_message(standin))
    assert "*Har stemt (2 af 2)*\nAalborg Kommune, Aarhus Kommune" in shown
    assert "Beslutningsdygtig: 2 har stemt, og der skal mindst 2 til." in shown

    closed = slack.command("USEK", "afstemning luk", channel=STEERING)
    assert "Afstemningen om indkøbsmålet Rengøring er lukket; resultatet vises i kanalen." in (
        closed.text
    )
    app_server.deliver()
    result = _posted(standin)[-1]
    assert "Resultat: indkøbsmålet Rengøring" in result
    assert "Godkendt." in result
    assert "For: 2 · Imod: 0 · Undlod at stemme: 0" in result
    assert "Aalborg Kommune: For (<@UJOHN>)\nAarhus Kommune: For (<@UANNE>)" in result
    assert "Indkøbsmålet er godkendt, og ambassadørerne har fået besked." in result
    assert "Sekretariatet kan nu flytte revisionen til lancering med `/pogi fase næste`" in result

    # the vote message loses its buttons and says it is closed
    final = _vote_message(standin)
    assert "For" not in buttons(final)
    assert ":lock: Afstemningen er lukket tirsdag den 16. marts 2027 kl. 13.00." in _said(final)

    # approved: the condition to leave the approval phase is met, and the ambassador hears of it
    assert _phase(sqlite_db) == "godkendelse"
    asked = slack.command("USEK", "fase næste", channel=GROUP)
    assert ":white_check_mark: Styregruppen har godkendt indkøbsmålet ved afstemning." in _said(
        slack.command("UDITTE", "fase", channel=GROUP).json
    )
    assert slack.click("USEK", buttons(asked.json)["Bekræft"], channel=GROUP).status == 200
    assert _phase(sqlite_db) == "lancering"
    [ambassador] = [
        everything_said(c.args)
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"] == "UGUSTAV"
    ]
    assert "Styregruppen har godkendt indkøbsmålet *Rengøring*" in ambassador
    assert "lancere" in ambassador

    # the audit log holds the opening, every ballot, the close with all seats, the new phase
    assert [after["organisation"] for _, _, after in _audit(sqlite_db, "vote.ballot")] == [
        "Aarhus Kommune",
        "Aalborg Kommune",
    ]
    [(actor, before, after)] = _audit(sqlite_db, "vote.close")
    assert actor == "USEK" and before == {"status": "open"}
    assert after["passed"] is True and after["quorum"] is True
    assert after["counts"] == {"for": 2, "against": 0, "abstain": 0}
    assert {(s["organisation"], s["choice"], s["voter"]) for s in after["seats"]} == {
        ("Aarhus Kommune", "for", "UANNE"),
        ("Aalborg Kommune", "for", "UJOHN"),
    }
    assert [e for e in _audit(sqlite_db, "revision.phase") if e[2].get("vote")] == []
    (actor, before, after) = _audit(sqlite_db, "revision.phase")[-1]
    assert (actor, before, after) == ("USEK", {"phase": "godkendelse"}, {"phase": "lancering"})


# -- seats, deputies, double clicks, outsiders -----------------------------------------------------


def test_the_deputy_replaces_the_seats_ballot_and_the_latest_ballot_counts(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)

    _click(slack, "UANNE", "For", message)
    replaced = _click(slack, "UCARL", "Imod", message)
    assert (
        "Registreret for Aarhus Kommune: *Imod* (tidligere: for). Den senest afgivne stemme tæller."
        in _said(replaced)
    )
    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("against", "UCARL")}

    _click(slack, "UJOHN", "Undlad", message)
    _click(slack, "UANNE", "Undlad", message)  # the member changes the seat's ballot once more
    _click(slack, "UCARL", "For", message)  # and the deputy has the last word
    assert _ballots(sqlite_db) == {
        "Aarhus Kommune": ("for", "UCARL"),
        "Aalborg Kommune": ("abstain", "UJOHN"),
    }

    app_server.deliver()
    shown = _said(_vote_message(standin))
    assert "*Har stemt (2 af 2)*" in shown  # Aarhus Kommune is one seat, however many clicks

    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    result = _posted(standin)[-1]
    assert "For: 1 · Imod: 0 · Undlod at stemme: 1" in result
    assert "Aarhus Kommune: For (<@UCARL>)" in result
    assert "Godkendt." in result
    # every ballot is in the audit log, with what it replaced
    assert [
        (actor, before["choice"], after["choice"])
        for actor, before, after in _audit(sqlite_db, "vote.ballot")
    ] == [
        ("UANNE", None, "for"),
        ("UCARL", "for", "against"),
        ("UJOHN", None, "abstain"),
        ("UANNE", "against", "abstain"),
        ("UCARL", "abstain", "for"),
    ]


def test_a_double_click_records_one_ballot_and_says_so_twice(slack, standin, app_server, sqlite_db):
    _steering_group(slack)
    message = _open(slack, app_server, standin)

    first = _click(slack, "UJOHN", "Imod", message)
    second = _click(slack, "UJOHN", "Imod", message)

    assert _said(first) == _said(second)
    assert (
        "Recorded for Aalborg Kommune: *No* in the vote on the procurement goal Rengøring."
        in _said(second)
    )
    assert "previously" not in _said(second)
    assert _ballots(sqlite_db) == {"Aalborg Kommune": ("against", "UJOHN")}
    with sqlite_db.reading() as session:
        [ballot] = session.exec(select(Ballot)).all()
    assert ballot.changes == 1
    assert len(_audit(sqlite_db, "vote.ballot")) == 2
    # and changing his mind is acknowledged in his language too
    changed = _click(slack, "UJOHN", "For", message)
    assert (
        "Recorded for Aalborg Kommune: *Yes* (previously: no). The latest vote cast counts."
        in _said(changed)
    )


@pytest.mark.parametrize(
    ("user", "refusal"),
    [
        ("UDITTE", NOT_A_SEAT),  # a working-group member
        ("UGUSTAV", NOT_A_SEAT),  # an ambassador
        ("USEK", NOT_A_SEAT),  # the secretariat runs the vote but has no seat
        ("UOUTSIDER", "Du er ikke registreret i pogi endnu"),
    ],
)
def test_a_click_from_someone_without_a_seat_is_refused_and_changes_nothing(
    slack, standin, app_server, sqlite_db, user, refusal
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    _click(slack, "UANNE", "For", message)
    app_server.deliver()
    updates = len(standin.calls_to("chat.update"))

    for label in ("For", "Imod", "Intern godkendelse foreligger"):
        answer = _click(slack, user, label, message)
        assert refusal in _said(answer)
        assert "Registreret" not in _said(answer)

    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("for", "UANNE")}
    assert [actor for actor, _, _ in _audit(sqlite_db, "vote.ballot")] == ["UANNE"]
    assert _audit(sqlite_db, "vote.internal_approval") == []
    app_server.deliver()
    assert len(standin.calls_to("chat.update")) == updates  # nothing to show


def test_a_click_after_closing_is_refused_and_the_result_stands(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)  # the message as the voters still see it
    _click(slack, "UANNE", "For", message)
    _click(slack, "UJOHN", "For", message)
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()

    refusals = {
        "UCARL": "Afstemningen om Rengøring er lukket, og der kan ikke længere afgives stemmer.",
        "UANNE": "Afstemningen om Rengøring er lukket, og der kan ikke længere afgives stemmer.",
        "UJOHN": "The vote on Rengøring has closed, and no more votes can be cast.",
    }
    for user, label in (
        ("UJOHN", "Imod"),
        ("UCARL", "Imod"),
        ("UANNE", "Intern godkendelse foreligger"),
    ):
        assert refusals[user] in _said(_click(slack, user, label, message))

    assert _ballots(sqlite_db) == {
        "Aarhus Kommune": ("for", "UANNE"),
        "Aalborg Kommune": ("for", "UJOHN"),
    }
    assert len(_audit(sqlite_db, "vote.ballot")) == 2
    with sqlite_db.reading() as session:
        [vote] = session.exec(select(Vote)).all()
    assert vote.result["counts"] == {"for": 2, "against": 0, "abstain": 0}
    assert vote.result["passed"] is True
    again = slack.command("USEK", "afstemning luk", channel=STEERING)
    assert "Der er ingen åben afstemning i denne kanal." in again.text


def test_a_click_that_waits_for_the_database_is_acknowledged_in_time_or_not_recorded(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    _click(slack, "UANNE", "Afventer intern godkendelse", message)  # known to pogi by now
    # another writer holds SQLite's write lock a little longer than Slack waits for an ack
    locked, released = threading.Event(), threading.Event()

    def writer() -> None:
        connection = sqlite3.connect(sqlite_db.engine.url.database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        released.wait(3.3)
        connection.execute("ROLLBACK")
        connection.close()

    holder = threading.Thread(target=writer, daemon=True)
    holder.start()
    assert locked.wait(5)
    reply = slack.click("UANNE", buttons(message)["For"], channel=STEERING, message=message)
    holder.join(10)
    answer = slack.answer_to(f"act{slack.serial}")

    recorded = "Aarhus Kommune" in _ballots(sqlite_db)
    assert reply.status == 200, (
        f"HTTP {reply.status} {reply.body!r}; ballot recorded anyway: {recorded}; "
        f"the user was told: {_said(answer)!r}"
    )
    assert recorded == ("Registreret" in _said(answer))


# -- results that do not pass ----------------------------------------------------------------------


def test_a_tie_does_not_pass_and_the_goal_goes_back_to_the_working_group(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    _click(slack, "UANNE", "For", message)
    _click(slack, "UJOHN", "Imod", message)

    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()

    result = _posted(standin)[-1]
    assert "Ikke godkendt: Stemmerne stod lige." in result
    assert "For: 1 · Imod: 1 · Undlod at stemme: 0" in result
    assert "Indkøbsmålet går tilbage til arbejdsgruppen." in result
    assert _phase(sqlite_db) == "udvikling"
    assert not [c for c in standin.calls_to("chat.postMessage") if c.args["channel"] == "UGUSTAV"]
    [(_, _, after)] = _audit(sqlite_db, "vote.close")
    assert after["passed"] is False and after["quorum"] is True


def test_without_a_quorum_even_a_unanimous_vote_fails(slack, standin, app_server, sqlite_db):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    _click(slack, "UCARL", "For", message)  # one seat of two: not more than half

    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()

    result = _posted(standin)[-1]
    assert (
        "Ikke godkendt: Styregruppen var ikke beslutningsdygtig (kun 1 af 2 stemte, og der skal "
        "mindst 2 til)." in result
    )
    assert "For: 1 · Imod: 0 · Undlod at stemme: 0" in result
    assert "Aalborg Kommune: Stemte ikke" in result
    assert _phase(sqlite_db) == "udvikling"
    [(_, _, after)] = _audit(sqlite_db, "vote.close")
    assert after["quorum"] is False and after["passed"] is False
    assert after["voted"] == 1 and after["seats_total"] == 2 and after["quorum_needed"] == 2


# -- reminders and closing at the meeting's end ----------------------------------------------------


def test_seats_that_have_not_voted_are_reminded_and_the_vote_closes_when_the_meeting_ends(
    slack, standin, app_server, sqlite_db, clock
):
    _steering_group(slack)
    slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    app_server.deliver()
    message = _vote_message(standin)

    clock.now = datetime(2027, 3, 15, 14, 1, tzinfo=UTC)  # a day before the meeting ends
    app_server.deliver()
    reminded = {
        c.args["channel"]: everything_said(c.args)
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"].startswith("U")
    }
    # everyone who may cast a seat's vote: the members and Aarhus Kommune's deputy
    assert set(reminded) == {"UANNE", "UCARL", "UJOHN"}
    assert (
        "Påmindelse: Aarhus Kommune har ikke stemt om indkøbsmålet Rengøring endnu. "
        "Afstemningen lukker tirsdag den 16. marts 2027 kl. 15.00 i <#CSTYRE>. Der kan stemmes "
        "fra mødets start, tirsdag den 16. marts 2027 kl. 13.00."
    ) in reminded["UANNE"]

    # the meeting begins and both seats vote: no reminder an hour before the end for anyone
    clock.now = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)
    _click(slack, "UJOHN", "For", message)
    _click(slack, "UCARL", "Imod", message)
    clock.now = datetime(2027, 3, 16, 13, 1, tzinfo=UTC)
    sent = len(standin.calls_to("chat.postMessage"))
    app_server.deliver()
    assert not [
        c for c in standin.calls_to("chat.postMessage")[sent:] if c.args["channel"].startswith("U")
    ]

    # the meeting is still going on: nothing closes yet
    clock.now = MEETING_ENDS - timedelta(minutes=1)
    app_server.app.run_due_work()
    assert _audit(sqlite_db, "vote.close") == []

    clock.now = datetime(2027, 3, 16, 14, 0, 30, tzinfo=UTC)  # the meeting has ended
    app_server.app.run_due_work()
    app_server.deliver()
    [(actor, _, after)] = _audit(sqlite_db, "vote.close")
    assert actor == "pogi"
    assert after["counts"] == {"for": 1, "against": 1, "abstain": 0}
    assert "Ikke godkendt: Stemmerne stod lige." in _posted(standin)[-1]
    assert "Afstemningen er lukket tirsdag den 16. marts 2027 kl. 15.00." in _said(
        _vote_message(standin)
    )
    late = _click(slack, "UANNE", "For", message)
    assert "er lukket" in _said(late)


# -- internal approval -----------------------------------------------------------------------------


def test_each_seat_marks_its_own_internal_approval(slack, standin, app_server, sqlite_db):
    _steering_group(slack)
    message = _open(slack, app_server, standin)

    pending = _click(slack, "UCARL", "Afventer intern godkendelse", message)
    assert "Registreret for Aarhus Kommune: Intern godkendelse afventes." in _said(pending)
    _click(slack, "UJOHN", "Afventer intern godkendelse", message)
    app_server.deliver()
    assert "Afventer intern godkendelse: Aalborg Kommune, Aarhus Kommune" in _said(
        _vote_message(standin)
    )

    given = _click(slack, "UANNE", "Intern godkendelse foreligger", message)
    assert "Registreret for Aarhus Kommune: Intern godkendelse foreligger." in _said(given)
    app_server.deliver()
    shown = _said(_vote_message(standin))
    assert "Afventer intern godkendelse: Aalborg Kommune\n" in shown
    assert _ballots(sqlite_db) == {}  # marking an approval is not a vote
    assert [(actor, after) for actor, _, after in _audit(sqlite_db, "vote.internal_approval")] == [
        ("UCARL", {"organisation": "Aarhus Kommune", "state": "pending"}),
        ("UJOHN", {"organisation": "Aalborg Kommune", "state": "pending"}),
        ("UANNE", {"organisation": "Aarhus Kommune", "state": "given"}),
    ]


# -- the override: no (spring) meeting -------------------------------------------------------------


def _override(slack: Slack, standin, needed: dict[str, Any], reason: str | None) -> Any:  # type: ignore[no-untyped-def]
    """Åbn alligevel → the modal → submit it with ``reason``."""
    opened = len(standin.calls_to("views.open"))
    reply = slack.click("USEK", buttons(needed)["Åbn alligevel"], channel=STEERING)
    assert reply.status == 200
    view = standin.wait_for("views.open", opened + 1)[-1].response["view"]
    value = {"type": "plain_text_input", "value": reason}
    return slack.submit("USEK", view, {"override_reason": {"reason": value}})


def test_without_a_meeting_the_secretariat_opens_the_vote_with_a_stated_reason(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack, meeting=None)

    needed = slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    assert "Styregruppen har intet kommende møde" in needed.text
    assert "åbn alligevel afstemningen med en begrundelse" in needed.text
    with sqlite_db.reading() as session:
        assert session.exec(select(Vote)).all() == []  # nothing opens without the reason

    # someone else cannot use the button
    modals = len(standin.calls_to("views.open"))  # the phases' Flyt alligevel opened some
    refused = slack.click("UANNE", buttons(needed.json)["Åbn alligevel"], channel=STEERING)
    assert refused.status == 200
    assert "Kun sekretariatet kan åbne en afstemning." in _said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert len(standin.calls_to("views.open")) == modals

    # the modal insists on a reason
    empty = _override(slack, standin, needed.json, "   ")
    assert empty.json == {
        "response_action": "errors",
        "errors": {"override_reason": "Skriv en begrundelse."},
    }
    reason = "Ekstraordinært møde aflyst; beslutningen haster af hensyn til SKI's udbud."
    done = _override(slack, standin, needed.json, reason)
    assert done.json["response_action"] == "update"
    assert "Afstemningen om indkøbsmålet Rengøring er åbnet" in everything_said(done.json["view"])
    assert "Luk den med `/pogi afstemning luk`." in everything_said(done.json["view"])

    app_server.deliver()
    message = _vote_message(standin)
    assert (
        "Åbnet uden et styregruppemøde med denne begrundelse: Ekstraordinært møde aflyst; "
        "beslutningen haster af hensyn til SKI's udbud."
    ) in _said(message)
    assert "Styregruppemøde" not in _said(message)
    [(actor, _, after)] = _audit(sqlite_db, "vote.open")
    assert actor == "USEK"
    assert after["override_reason"] == reason and after["meeting_id"] is None

    _click(slack, "UANNE", "For", message)
    _click(slack, "UJOHN", "For", message)
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    assert f"Åbnet uden et styregruppemøde med denne begrundelse: {reason}" in _posted(standin)[-1]


def test_a_meeting_outside_the_spring_needs_the_override_too(slack, standin, app_server, sqlite_db):
    _steering_group(slack, meeting="møde 10/12 kl. 10-12 Vintermøde")

    needed = slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    assert (
        "Styregruppens næste møde, torsdag den 10. december 2026 kl. 10.00–12.00, er ikke "
        "forårsmødet" in needed.text
    )
    _override(slack, standin, needed.json, "Forslaget kan ikke vente til foråret.")
    app_server.deliver()

    shown = _said(_vote_message(standin))
    assert "Styregruppemøde 1, torsdag den 10. december 2026 kl. 10.00–12.00" in shown
    assert "Åbnet uden for forårsmødet med denne begrundelse: Forslaget kan ikke vente" in shown
    with sqlite_db.reading() as session:
        [vote] = session.exec(select(Vote)).all()
    assert vote.closes_at == datetime(2026, 12, 10, 11, 0, tzinfo=UTC)
    assert vote.override_reason == "Forslaget kan ikke vente til foråret."


def test_the_reason_form_shows_the_goal_and_the_proposal_apart(slack, standin, app_server):
    _steering_group(slack, meeting=None)
    needed = slack.command(
        "USEK", "afstemning Rengøring <https://pogi.dk/forslag.pdf>", channel=STEERING
    )

    opened = len([c for c in standin.calls_to("views.open") if c.ok])
    slack.click("USEK", buttons(needed.json)["Åbn alligevel"], channel=STEERING)
    view = standin.wait_for("views.open", count=opened + 1)[opened].response["view"]
    shown = everything_said(view)
    assert "Afstemning om *Rengøring*. Begrundelsen bliver vist" in shown
    assert "\nForslag: https://pogi.dk/forslag.pdf" in shown


# -- who may open and where ------------------------------------------------------------------------


def test_opening_is_for_the_secretariat_in_the_steering_channel_once_per_goal(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)

    member = slack.command("UANNE", "afstemning Rengøring", channel=STEERING)
    assert "Kun sekretariatet kan åbne en afstemning." in member.text
    elsewhere = slack.command("USEK", "afstemning Rengøring", channel=GROUP)
    assert "Afstemninger foregår i styregruppens kanal." in elsewhere.text
    unknown = slack.command("USEK", "afstemning Møbler", channel=STEERING)
    assert "Der er ingen revision af et indkøbsmål, der hedder Møbler." in unknown.text
    bare = slack.command("USEK", "afstemning", channel=STEERING)
    assert "Brug `/pogi afstemning MÅL [skjult] [LINK]`" in bare.text
    nothing_open = slack.command("USEK", "afstemning luk", channel=STEERING)
    assert "Der er ingen åben afstemning i denne kanal." in nothing_open.text
    with sqlite_db.reading() as session:
        assert session.exec(select(Vote)).all() == []

    _open(slack, app_server, standin, "rengøring")  # the goal's name in any case
    twice = slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    assert "Der er allerede en åben afstemning om Rengøring." in twice.text
    closing = slack.command("UANNE", "afstemning luk", channel=STEERING)
    assert "Kun sekretariatet kan lukke en afstemning." in closing.text
    with sqlite_db.reading() as session:
        [vote] = session.exec(select(Vote)).all()
    assert vote.status == "open"


# -- the activity plan and the decision record -----------------------------------------------------


def test_the_activity_plan_is_approved_the_same_way(slack, standin, app_server, sqlite_db):
    _steering_group(slack)
    no_year = slack.command("USEK", "afstemning aktivitetsplan", channel=STEERING)
    assert "Skriv årstallet, fx `/pogi afstemning aktivitetsplan 2027`." in no_year.text

    opened = slack.command("USEK", "afstemning aktivitetsplan 2027", channel=STEERING)
    assert "Afstemningen om aktivitetsplanen for 2027 er åbnet" in opened.text
    app_server.deliver()
    _meeting_begins(app_server)
    message = _vote_message(standin, "aktivitetsplanen for 2027")
    _click(slack, "UANNE", "For", message)
    _click(slack, "UJOHN", "Undlad", message)
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()

    result = _posted(standin)[-1]
    assert "Resultat: aktivitetsplanen for 2027" in result and "Godkendt." in result
    assert "Indkøbsmålet" not in result
    assert _phase(sqlite_db) == "godkendelse"  # no goal's revision is touched
    assert not [c for c in standin.calls_to("chat.postMessage") if c.args["channel"] == "UGUSTAV"]


def test_the_decision_record_lists_every_closed_vote_with_its_ballots_and_reasons(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack, meeting=None)
    empty = slack.command("USEK", "afstemning protokol", channel=STEERING)
    assert "Der er endnu ingen lukkede afstemninger; protokollen deles alligevel" in empty.text
    refused = slack.command("UANNE", "afstemning tilførsel", channel=STEERING)
    assert "Der er ingen lukket afstemning i denne kanal" in refused.text

    # a goal voted on without a meeting, with the reason recorded; the vote is tied
    needed = slack.command(
        "USEK", "afstemning Rengøring <https://pogi.dk/forslag.pdf>", channel=STEERING
    )
    _override(slack, standin, needed.json, "Beslutningen haster.")
    app_server.deliver()
    message = _vote_message(standin)
    _click(slack, "UANNE", "For", message)
    _click(slack, "UCARL", "Intern godkendelse foreligger", message)
    _click(slack, "UJOHN", "Imod", message)
    slack.command("USEK", "afstemning luk", channel=STEERING)

    # Aarhus has its view recorded; a member organisation without a seat may not
    form = _statement_form(slack, standin, "UANNE")
    assert "For Aarhus Kommune." in everything_said(form)
    saved = slack.submit(
        "UANNE",
        form,
        state_values(form, {"statement_text": "Aarhus Kommune finder, at målet bør godkendes."}),
    ).json
    assert "Bemærkningen fra Aarhus Kommune er ført til protokollen." in everything_said(
        saved["view"]
    )
    assert "Kun styregruppens medlemmer, deres suppleanter og sekretariatet" in (
        slack.command("UDITTE", "afstemning tilførsel", channel=STEERING).text
    )
    # the secretariat records for a seat it chooses; the seat withdraws it with an empty text
    form = _statement_form(slack, standin, "USEK")
    slack.submit(
        "USEK",
        form,
        state_values(
            form,
            {"statement_seat": "Aalborg Kommune", "statement_text": "Aalborg tager forbehold."},
        ),
    )
    form = _statement_form(slack, standin, "UJOHN")
    assert _element(form, "statement_text")["initial_value"] == "Aalborg tager forbehold."
    emptied = state_values(form, {})
    emptied["statement_text"]["text"]["value"] = None  # the field cleared, as Slack sends it
    withdrawn = slack.submit("UJOHN", form, emptied).json
    assert "The statement from Aalborg Kommune has been withdrawn." in everything_said(
        withdrawn["view"]
    )

    # then the activity plan at the spring meeting: Aarhus's deputy casts its seat's ballot
    asked = slack.command("USEK", SPRING_MEETING, channel=STEERING)
    slack.click("USEK", buttons(asked.json)["Bekræft"], channel=STEERING)
    slack.command("USEK", "afstemning aktivitetsplan 2027", channel=STEERING)
    app_server.deliver()
    _meeting_begins(app_server)
    plan = _vote_message(standin, "aktivitetsplanen for 2027")
    _click(slack, "UJOHN", "For", plan)
    _click(slack, "UCARL", "For", plan)
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()

    asked = slack.command("USEK", "afstemning protokol", channel=STEERING)
    assert (
        "Protokollen over 2 lukkede afstemninger deles i kanalen som Markdown- og Word-fil."
        in asked.text
    )
    refused = slack.command("UANNE", "afstemning protokol", channel=STEERING)
    assert "Kun sekretariatet kan lave afstemningsprotokollen." in refused.text
    app_server.deliver()

    upload, word = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-2:]
    assert word.args["files"][0]["title"] == "Afstemningsprotokol"
    assert standin.uploaded_file(word.args["files"][0]["id"]).startswith(b"PK")  # a .docx
    record = standin.uploaded_file(upload.args["files"][0]["id"]).decode()
    assert record.startswith("# Afstemningsprotokol for styregruppen")
    first, second = record.split("## 1. ", 1)[1].split("## 2. ")
    assert first.startswith("Indkøbsmålet for Rengøring")
    assert (
        "Styregruppen blev bedt om at tage stilling til, om indkøbsmålet for Rengøring kan "
        "godkendes. Forslaget, der blev stemt om: https://pogi.dk/forslag.pdf" in first
    )
    assert (
        "Styregruppen godkendte ikke indkøbsmålet for Rengøring, da der ikke var flere "
        "stemmer for end imod: 1 stemme for og 1 imod." in first
    )
    assert "Styregruppen er beslutningsdygtig, når mindst 2 af de 2 pladser stemmer." in first
    assert "- Møde: ingen, afstemningen foregik uden et styregruppemøde" in first
    assert "- Åbnet søndag den 22. november 2026 kl. 12.00 af Sofie Holm" in first
    assert "- Lukket søndag den 22. november 2026 kl. 12.00 af Sofie Holm" in first
    assert "- Begrundelse for afstemning uden styregruppemøde: Beslutningen haster." in first
    assert "Der er ikke skrevet referat med deltagere" in first
    assert "| Aarhus Kommune | For | Anne Lund | medlem | givet |" in first
    assert "| Aalborg Kommune | Imod | John Smith | medlem | – |" in first
    assert (
        "- Aarhus Kommune ønskede følgende ført til protokollen: Aarhus Kommune finder, at "
        "målet bør godkendes." in first
    )
    assert "Aalborg tager forbehold" not in record
    assert second.startswith("Aktivitetsplan 2027")
    assert f"- Møde: styregruppemødet {WHEN}" in second
    assert "Begrundelse for afstemning" not in second
    assert "Styregruppen godkendte aktivitetsplanen for 2027 med 2 stemmer for og 0 imod." in second
    assert "| Aarhus Kommune | For | Carl Berg | suppleant | – |" in second
    assert "| Aalborg Kommune | For | John Smith | medlem | – |" in second
    assert "**Protokoltilførsler**\n\nIngen." in second


def _element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    [block] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return block["element"]


def _statement_form(slack: Slack, standin, user: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """``/pogi afstemning tilførsel`` as ``user``: the modal it opened."""
    before = len(standin.calls_to("views.open"))
    assert slack.command(user, "afstemning tilførsel", channel=STEERING).status == 200
    return standin.wait_for("views.open", count=before + 1)[before].response["view"]


# -- the click itself: signed, acknowledged first, the receipt after ----------------------------


def test_a_forged_or_tampered_vote_click_is_refused_and_records_nothing(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    forger = Slack(app_server.url, standin, secret="not-the-signing-secret")
    standin.clear()

    forged = forger.click("UANNE", buttons(message)["For"], channel=STEERING, message=message)
    click = payloads.block_actions(
        user_id="UJOHN",
        action_id=buttons(message)["For"]["action_id"],
        block_id="vote",
        value=buttons(message)["For"]["value"],
        channel_id=STEERING,
        message=message,
        response_url=standin.response_url("tampered"),
    )
    body, headers = payloads.signed_request(click, signing_secret=slack.secret)
    tampered = slack.post(body.replace(b"UJOHN", b"UANNE", 1), headers)

    assert (forged.status, tampered.status) == (401, 401)
    assert _ballots(sqlite_db) == {}
    assert _audit(sqlite_db, "vote.ballot") == []
    assert standin.calls_to("response_url") == []


def test_a_click_is_acknowledged_before_its_receipt_is_sent(slack, standin, app_server, sqlite_db):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    standin.delay("response_url", seconds=2.5)

    started = time.monotonic()
    reply = slack.click("UANNE", buttons(message)["For"], channel=STEERING, message=message)
    acknowledged = time.monotonic() - started

    assert reply.status == 200 and reply.body == ""
    assert acknowledged < 1.5  # the receipt, held back 2.5 s, is not waited for
    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("for", "UANNE")}
    receipt = slack.answer_to(f"act{slack.serial}", timeout=10)
    assert "Registreret for Aarhus Kommune: *For*" in everything_said(receipt)


def test_a_receipt_slack_refuses_leaves_the_ballot_stored_and_the_next_click_answered(
    slack, standin, app_server, sqlite_db, caplog
):
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    standin.server_error("response_url")

    first = slack.click("UANNE", buttons(message)["For"], channel=STEERING, message=message)
    second = _click(slack, "UJOHN", "Imod", message)

    assert first.status == 200
    assert "Recorded for Aalborg Kommune: *No*" in _said(second)
    assert _ballots(sqlite_db) == {
        "Aarhus Kommune": ("for", "UANNE"),
        "Aalborg Kommune": ("against", "UJOHN"),
    }
    assert "Traceback" not in "".join(
        everything_said(call.args) for call in standin.calls_to("response_url")
    )


# -- the same click over Socket Mode -----------------------------------------------------------


def test_a_click_over_socket_mode_takes_the_same_path_stored_acknowledged_and_receipted(
    slack: Slack,
    app_server: AppServer,
    standin,
    sqlite_db: Database,  # type: ignore[no-untyped-def]
) -> None:
    """Socket Mode (the manifest's default) delivers the click as an envelope; pogi stores the
    ballot, acknowledges on the socket, and sends the receipt to the response URL."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    _steering_group(slack)
    message = _open(slack, app_server, standin)
    handler = SocketModeHandler(app_server.app.bolt, APP_TOKEN)
    handler.connect()
    try:
        action = buttons(message)["Imod"]
        click = payloads.block_actions(
            user_id="UANNE",
            action_id=action["action_id"],
            block_id=action.get("block_id", "b"),
            value=action.get("value"),
            channel_id=STEERING,
            message=message,
            response_url=standin.response_url("socket-click"),
        )
        acked = standin.socket_send("interactive", click)
        receipt = slack.answer_to("socket-click")
    finally:
        handler.client.auto_reconnect_enabled = False
        standin.socket_disconnect(None)
        handler.close()

    assert acked is None  # a click's acknowledgement carries nothing
    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("against", "UANNE")}
    assert receipt["response_type"] == "ephemeral"
    assert "Registreret for Aarhus Kommune: *Imod*" in everything_said(receipt)
    app_server.deliver()
    assert "*Har stemt (1 af 2)*\nAarhus Kommune" in _said(_vote_message(standin))


def test_a_click_slack_delivers_again_is_one_ballot_and_one_receipt(
    slack, standin, app_server, sqlite_db
):
    """A vote click does not look the request up before its ballot's transaction: the key
    written in that transaction refuses the second delivery (acknowledged, nothing stored,
    no second receipt)."""
    _steering_group(slack)
    message = _open(slack, app_server, standin)
    button = buttons(message)["For"]
    click = payloads.block_actions(
        user_id="UANNE",
        action_id=button["action_id"],
        block_id=button["block_id"],
        value=button.get("value"),
        channel_id=STEERING,
        message=message,
        response_url=standin.response_url("again"),
    )
    for retry in (0, 1, 2):
        body, headers = payloads.signed_request(click, signing_secret=slack.secret)
        if retry:
            headers = {**headers, "X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "x"}
        assert slack.post(body, headers).status == 200

    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("for", "UANNE")}
    with sqlite_db.reading() as session:
        assert session.exec(select(Ballot.changes)).all() == [0]
    assert [e["action"] for e in audit_log(sqlite_db)].count("vote.ballot") == 1
    app_server.app.finish_listeners()  # receipts are sent after the ack
    receipts = [c for c in standin.calls_to("response_url") if c.args["_key"] == "again"]
    assert len(receipts) == 1
