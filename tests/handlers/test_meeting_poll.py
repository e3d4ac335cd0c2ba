"""Finding a meeting time over signed HTTP: ``møde forslag TID; TID; TID [TITEL]`` posts the
times, people mark those that suit them (toggling), the message shows who can, those who have
not answered are reminded, and the coordinator's pick becomes an ordinary meeting proposal that
decides the poll once confirmed; closing without a meeting; wrong role and bad input."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.domain import history, meetings
from bot.presentation.i18n import Translator
from storage.tables import MeetingPoll, OutboxMessage, PollAnswer
from tests.handlers.test_votes import _audit
from tests.support.server import buttons, everything_said

GROUP = "CGROUP"
TIMES = "torsdag kl. 13-15; fredag kl. 9-11; 25/12 kl. 10-12 Opstartsmøde"


def _group(slack) -> None:  # type: ignore[no-untyped-def]
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>")


def _poll_message(standin) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The poll message as it stands in the channel now, with its ts."""
    [posted] = [
        call
        for call in standin.calls_to("chat.postMessage")
        if call.ok and "mødes?" in call.args.get("text", "")
    ]
    message = standin.message(GROUP, posted.response["ts"])
    assert message is not None
    return message


def _nth(message: dict[str, Any], label: str, number: int) -> dict[str, Any]:
    """The ``number``-th button labelled ``label`` (``Jeg kan`` stands under every time)."""
    found = [
        {**element, "block_id": block.get("block_id", "b")}
        for block in message.get("blocks") or []
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]
        if element.get("type") == "button" and element["text"]["text"] == label
    ]
    return found[number - 1]


def _click(slack, user: str, button: dict[str, Any], message: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    """Click as ``user``; what they are told (only they see it)."""
    assert slack.click(user, button, channel=GROUP, message=message).status == 200
    answer = slack.answer_to(f"act{slack.serial}")
    assert answer.get("response_type") == "ephemeral", answer
    return everything_said(answer)


def test_a_time_poll_is_answered_reminded_picked_and_confirmed_as_a_meeting(
    slack, standin, app_server, sqlite_db, clock
):
    _group(slack)
    # now: Sunday 22 November 2026, 12.00 in Copenhagen
    started = slack.command("UANNE", f"møde forslag {TIMES}")
    assert "Forslaget med 3 tidspunkter vises i kanalen." in started.text
    assert "1. torsdag den 26. november 2026 kl. 13.00–15.00" in started.text
    app_server.deliver()
    message = _poll_message(standin)
    shown = everything_said(message)
    assert "Hvornår skal arbejdsgruppen for Rengøring mødes?" in shown
    assert "*Opstartsmøde*" in shown
    assert "*2. fredag den 27. november 2026 kl. 9.00–11.00*" in shown
    assert "*3. fredag den 25. december 2026 kl. 10.00–12.00*" in shown
    assert "Bemærk: fredag den 25. december 2026 er juledag og ikke en arbejdsdag." in shown
    assert "Ingen har svaret endnu." in shown

    said = _click(slack, "UDITTE", _nth(message, "Jeg kan", 1), message)
    assert "1. torsdag den 26. november 2026" in said
    said = _click(slack, "UDITTE", _nth(message, "Jeg kan", 3), message)
    assert "1. torsdag" in said and "3. fredag den 25. december" in said
    said = _click(slack, "UDITTE", _nth(message, "Jeg kan", 3), message)  # changes her mind
    assert "3. fredag" not in said
    _click(slack, "UEMIL", _nth(message, "Jeg kan", 1), message)
    english = _click(slack, "UJOHN", _nth(message, "Jeg kan", 2), message)
    assert "You have marked these times as suiting you:" in english
    with sqlite_db.reading() as session:
        answers = {a.slack_user_id: a.options for a in session.exec(select(PollAnswer)).all()}
    assert answers == {"UDITTE": [1], "UEMIL": [1], "UJOHN": [2]}

    app_server.deliver()
    shown = everything_said(_poll_message(standin))
    assert "2 kan: <@UDITTE>, <@UEMIL>" in shown
    assert "1 kan: <@UJOHN>" in shown
    assert "Ingen har markeret tidspunktet endnu." in shown
    assert "3 personer har svaret." in shown

    # three days before the first time, those asked who have not answered hear of it
    clock.advance(days=1, hours=1)  # Monday 23 November, 13.00
    app_server.deliver()
    reminded = {
        call.args["channel"]
        for call in standin.calls_to("chat.postMessage")
        if call.ok and call.args["channel"].startswith("U")
    }
    assert reminded == {"UANNE", "UFRIDA", "UGUSTAV"}
    dm = [c for c in standin.calls_to("chat.postMessage") if c.args["channel"] == "UFRIDA"][-1]
    assert "Du har ikke svaret på, hvilke tidspunkter der passer dig" in everything_said(dm.args)

    # only the coordinator or the secretariat picks, and the pick is an ordinary proposal
    refused = _click(slack, "UDITTE", _nth(message, "Vælg 1", 1), message)
    assert "Kun gruppens tovholder og sekretariatet" in refused
    assert slack.click("UANNE", _nth(message, "Vælg 1", 1), channel=GROUP).status == 200
    proposal = slack.answer_to(f"act{slack.serial}")
    assert "Jeg har forstået tidspunktet som *torsdag den 26. november 2026 kl. 13.00–15.00*." in (
        everything_said(proposal)
    )
    assert "Møde 1 i arbejdsgruppen for Rengøring*: Opstartsmøde" in everything_said(proposal)
    assert meetings.coming(sqlite_db, channel_id=GROUP, now=clock()) == []
    assert slack.click("UANNE", buttons(proposal)["Bekræft"], channel=GROUP).status == 200
    [meeting] = meetings.coming(sqlite_db, channel_id=GROUP, now=clock())
    assert meeting.title == "Opstartsmøde" and meeting.number == 1

    with sqlite_db.reading() as session:
        [poll] = session.exec(select(MeetingPoll)).all()
        reminders = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "poll.reminder")
        ).all()
    assert (poll.status, poll.meeting_id, poll.decided_by) == ("decided", meeting.id, "UANNE")
    assert {r.status for r in reminders} == {"sent", "cancelled"}

    app_server.deliver()
    final = _poll_message(standin)
    assert "Tidspunktet er valgt, og mødet er indkaldt som møde 1." in everything_said(final)
    assert "Jeg kan" not in buttons(final)
    late = _click(slack, "UEMIL", _nth(message, "Jeg kan", 2), message)
    assert "Der er allerede taget stilling til forslaget" in late
    assert [a for a, _, _ in _audit(sqlite_db, "meeting_poll.decide")] == ["UANNE"]
    assert len(_audit(sqlite_db, "meeting_poll.answer")) == 5
    with sqlite_db.reading() as session:
        revision_id = session.exec(select(MeetingPoll)).one().revision_id
        assert revision_id is not None
        told = [
            line.sentence.render(Translator("da"))
            for line in history.lines_of(session, revision_ids=[revision_id])
            if line.action.startswith("meeting_poll")
        ]
    assert told[-1] == (
        "Anne Lund foreslog 3 tidspunkter til et møde: torsdag den 26. november 2026 kl. 13.00, "
        "fredag den 27. november 2026 kl. 9.00, fredag den 25. december 2026 kl. 10.00"
    )
    assert (
        "Ditte Krogh markerede, at tidspunkterne 1, 3 passer, i forslaget til "
        "mødetidspunkter »Opstartsmøde«" in told
    )
    assert told[0] == (
        "Anne Lund valgte et tidspunkt fra forslaget til mødetidspunkter »Opstartsmøde« og "
        "indkaldte til mødet"
    )


def test_bad_input_and_the_wrong_role_change_nothing_and_a_poll_can_be_closed(
    slack, standin, app_server, sqlite_db
):
    _group(slack)
    member = slack.command("UDITTE", f"møde forslag {TIMES}")
    assert "Kun gruppens tovholder og sekretariatet kan indkalde til og ændre møder." in member.text
    one = slack.command("UANNE", "møde forslag torsdag kl. 13-15")
    assert "Skriv mindst to tidspunkter adskilt af semikolon" in one.text
    nonsense = slack.command("UANNE", "møde forslag torsdag kl. 13-15; blabla")
    assert "Tidspunkt 2, »blabla«:" in nonsense.text
    no_clock = slack.command("UANNE", "møde forslag torsdag kl. 13-15; fredag")
    assert "Tidspunkt 2, »fredag«: Skriv også et klokkeslæt" in no_clock.text
    past = slack.command("UANNE", "møde forslag i dag kl. 9-10; fredag kl. 9-11")
    assert "Tidspunkt 1" in past.text and "fortiden" in past.text
    twice = slack.command("UANNE", "møde forslag fredag kl. 9-11; fredag kl. 9-11")
    assert "Tidspunkt 2 er det samme som et af de tidligere." in twice.text
    many = "; ".join(f"{day}/12 kl. 10-12" for day in range(1, 10))
    assert "højst 8 tidspunkter; der er 9" in slack.command("UANNE", f"møde forslag {many}").text
    outside = slack.command("USEK", f"møde forslag {TIMES}", channel="CELSEWHERE")
    assert "Møder indkaldes i en arbejdsgruppes kanal" in outside.text
    with sqlite_db.reading() as session:
        assert session.exec(select(MeetingPoll)).all() == []

    english = slack.command("USEK", "meeting poll Thursday 13-15; Friday 9-11")
    assert "Forslaget med 2 tidspunkter vises i kanalen." in english.text
    app_server.deliver()
    message = _poll_message(standin)
    outsider = _click(slack, "UOUTSIDER", _nth(message, "Jeg kan", 1), message)
    assert "Du er ikke registreret i pogi endnu" in outsider
    refused = _click(slack, "UEMIL", _nth(message, "Luk forslaget", 1), message)
    assert "Kun gruppens tovholder og sekretariatet" in refused
    closed = _click(slack, "UANNE", _nth(message, "Luk forslaget", 1), message)
    assert "Forslaget er lukket uden et møde" in closed
    again = _click(slack, "UANNE", _nth(message, "Luk forslaget", 1), message)
    assert "Der er allerede taget stilling til forslaget" in again
    app_server.deliver()
    assert "Forslaget er lukket uden et møde." in everything_said(_poll_message(standin))
    with sqlite_db.reading() as session:
        [poll] = session.exec(select(MeetingPoll)).all()
        pending = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.kind == "poll.reminder", OutboxMessage.status == "pending"
            )
        ).all()
    assert poll.status == "closed" and pending == []
    with sqlite_db.reading() as session:
        assert session.exec(select(PollAnswer)).all() == []
    [(actor, before, after)] = _audit(sqlite_db, "meeting_poll.close")
    assert actor == "UANNE" and before["status"] == "open" and after["status"] == "closed"
