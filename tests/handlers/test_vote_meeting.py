"""Votes tied to their meeting, over signed HTTP: ballots are taken from the meeting's start,
closing before it asks first, and a cancelled meeting moves its vote or closes it undecided."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from storage.database import Database
from storage.tables import Vote
from tests.handlers.test_votes import (  # the same steering group, helpers and app
    STEERING,
    _audit,
    _ballots,
    _phase,
    _posted,
    _said,
    _steering_group,
    _vote_message,
)
from tests.support.server import Slack, buttons

MEETING_STARTS = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # 13.00 in Copenhagen
OPENS_DA = "tirsdag den 16. marts 2027 kl. 13.00"


def _announce(slack: Slack, app_server, standin) -> dict:  # type: ignore[no-untyped-def]
    """The vote opened weeks before its meeting, and its message in the channel."""
    slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    app_server.deliver()
    return _vote_message(standin)


def _click_answer(slack: Slack, user: str, label: str, message: dict) -> str:
    reply = slack.click(user, buttons(message)[label], channel=STEERING, message=message)
    assert reply.status == 200
    answer = slack.answer_to(f"act{slack.serial}")
    assert answer["response_type"] == "ephemeral"
    return _said(answer)


def _vote(db: Database) -> Vote:
    with db.reading() as session:
        [vote] = session.exec(select(Vote)).all()
        return vote


# -- ballots from the meeting's start ----------------------------------------------------------


def test_a_vote_announced_early_says_when_it_opens_and_refuses_ballots_until_then(
    slack, standin, app_server, sqlite_db, clock
):
    _steering_group(slack)
    opened = slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    assert f"Der kan stemmes fra mødets start, {OPENS_DA}." in opened.text
    app_server.deliver()
    message = _vote_message(standin)
    assert f"Der kan stemmes fra mødets start, {OPENS_DA}." in _said(message)

    too_early = _click_answer(slack, "UANNE", "For", message)
    assert (
        f"Afstemningen om Rengøring åbner først, når mødet begynder {OPENS_DA}. Din stemme er "
        "ikke registreret. Stem igen, når mødet er begyndt." in too_early
    )
    in_english = _click_answer(slack, "UJOHN", "Imod", message)
    assert "The vote on Rengøring opens only when the meeting begins, Tuesday 16 March 2027" in (
        in_english
    )
    approval = _click_answer(slack, "UCARL", "Intern godkendelse foreligger", message)
    assert "åbner først, når mødet begynder" in approval
    # nothing stored, nothing in the audit log, nothing to update
    assert _ballots(sqlite_db) == {}
    assert _audit(sqlite_db, "vote.ballot") == [] == _audit(sqlite_db, "vote.internal_approval")
    app_server.deliver()
    assert standin.calls_to("chat.update") == []

    clock.now = MEETING_STARTS  # the meeting begins: the same button counts
    assert "Registreret for Aarhus Kommune: *For*" in _click_answer(slack, "UANNE", "For", message)
    assert _ballots(sqlite_db) == {"Aarhus Kommune": ("for", "UANNE")}


def test_someone_without_a_seat_is_told_so_before_the_meeting_too(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _announce(slack, app_server, standin)

    answer = _click_answer(slack, "UDITTE", "For", message)

    assert "Kun styregruppens medlemmer og deres suppleanter kan stemme" in answer
    assert _ballots(sqlite_db) == {}


# -- closing before the meeting asks first ------------------------------------------------------


def test_closing_before_the_meeting_has_begun_asks_and_cancelling_changes_nothing(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    _announce(slack, app_server, standin)

    asked = slack.command("USEK", "afstemning luk", channel=STEERING)
    assert asked.json["response_type"] == "ephemeral"
    assert (
        "Mødet, som afstemningen om indkøbsmålet Rengøring hører til, er ikke begyndt, og der "
        f"kan først stemmes fra {OPENS_DA}. Skal afstemningen lukkes alligevel?" in asked.text
    )
    assert {"Luk alligevel", "Annullér"} <= set(buttons(asked.json))
    assert _vote(sqlite_db).status == "open"

    kept = slack.click("USEK", buttons(asked.json)["Annullér"], channel=STEERING)
    assert kept.status == 200
    assert "Afstemningen er stadig åben." in _said(slack.answer_to(f"act{slack.serial}"))
    assert _vote(sqlite_db).status == "open"

    # a steering member cannot use the button
    slack.click("UANNE", buttons(asked.json)["Luk alligevel"], channel=STEERING)
    assert "Kun sekretariatet kan lukke en afstemning." in _said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert _vote(sqlite_db).status == "open"
    assert _audit(sqlite_db, "vote.close") == []


def test_closing_before_the_meeting_is_done_once_confirmed_and_recorded_as_such(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    _announce(slack, app_server, standin)
    asked = slack.command("USEK", "afstemning luk", channel=STEERING)

    slack.click("USEK", buttons(asked.json)["Luk alligevel"], channel=STEERING)
    answer = _said(slack.answer_to(f"act{slack.serial}"))
    assert "Afstemningen om indkøbsmålet Rengøring er lukket; resultatet vises i kanalen." in answer
    vote = _vote(sqlite_db)
    assert vote.status == "closed" and vote.closed_by == "USEK"
    [(actor, before, after)] = _audit(sqlite_db, "vote.close")
    assert actor == "USEK" and before == {"status": "open"}
    assert after["before_meeting"] is True and after["passed"] is False
    app_server.deliver()
    assert "Resultat: indkøbsmålet Rengøring" in _posted(standin)[-1]
    # the second click on the same button finds it closed
    slack.click("USEK", buttons(asked.json)["Luk alligevel"], channel=STEERING)
    assert "Afstemningen er allerede lukket." in _said(slack.answer_to(f"act{slack.serial}"))


# -- a cancelled meeting -------------------------------------------------------------------------


def test_a_cancelled_meeting_moves_its_vote_to_the_next_meeting_and_says_so(
    slack, standin, app_server, sqlite_db, clock
):
    _steering_group(slack)
    later = slack.command("USEK", "møde 13/4-2027 kl. 9-11 Ekstra møde", channel=STEERING)
    slack.click("USEK", buttons(later.json)["Bekræft"], channel=STEERING)
    message = _announce(slack, app_server, standin)

    slack.command("USEK", "møde aflys 1", channel=STEERING)
    app_server.deliver()

    notice = [text for text in _posted(standin) if "er aflyst" in text][-1]
    assert (
        "Afstemningen om indkøbsmålet Rengøring er flyttet til møde 2, tirsdag den 13. april "
        "2027 kl. 9.00–11.00. Der kan stemmes fra mødets start." in notice
    )
    vote = _vote(sqlite_db)
    assert vote.status == "open"
    assert vote.opens_at == datetime(2027, 4, 13, 7, 0, tzinfo=UTC)
    assert vote.closes_at == datetime(2027, 4, 13, 9, 0, tzinfo=UTC)
    shown = _said(_vote_message(standin))
    assert "Styregruppemøde 2, tirsdag den 13. april 2027 kl. 9.00–11.00" in shown
    assert "Der kan stemmes fra mødets start, tirsdag den 13. april 2027 kl. 9.00." in shown
    [(actor, before, after)] = _audit(sqlite_db, "vote.follow_cancelled_meeting")
    assert actor == "pogi" and before["status"] == after["status"] == "open"
    assert before["meeting_id"] != after["meeting_id"]

    clock.now = MEETING_STARTS  # the cancelled meeting's time no longer opens the vote
    assert "åbner først, når mødet begynder tirsdag den 13. april" in _click_answer(
        slack, "UANNE", "For", message
    )


def test_a_cancelled_meeting_with_none_after_it_closes_its_vote_without_a_decision(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    message = _announce(slack, app_server, standin)

    slack.command("USEK", "møde aflys 1", channel=STEERING)
    app_server.deliver()

    notice = [text for text in _posted(standin) if "er aflyst" in text][-1]
    assert (
        "Afstemningen om indkøbsmålet Rengøring er lukket uden afgørelse, fordi der ikke er "
        "planlagt et andet styregruppemøde." in notice
    )
    vote = _vote(sqlite_db)
    assert (vote.status, vote.result) == ("cancelled", None)
    shown = _said(_vote_message(standin))
    assert "Afstemningen er lukket uden afgørelse søndag den 22. november 2026 kl. 12.00" in shown
    assert "For" not in buttons(_vote_message(standin))
    # undecided: the revision still waits for the steering group, and a new vote may open
    assert _phase(sqlite_db) == "godkendelse"
    assert not [p for p in _posted(standin) if p.startswith("Resultat")]
    assert _audit(sqlite_db, "vote.close") == []
    assert "er lukket" in _click_answer(slack, "UANNE", "For", message)
    again = slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    assert "Styregruppen har intet kommende møde" in again.text
