"""A vote with its tally hidden until it closes, and the short reason a seat adds to its ballot,
over signed HTTP: what the vote message, the receipts, the result and the decision record show,
who may give a reason, and bad input."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.domain import history
from bot.presentation.i18n import Translator
from storage.tables import BallotReason, Vote
from tests.handlers.test_votes import (
    STEERING,
    _audit,
    _click,
    _meeting_begins,
    _posted,
    _steering_group,
    _vote_message,
)
from tests.support.server import buttons, everything_said


def _reason_form(slack, standin, user: str, message: dict[str, Any]) -> dict[str, Any] | str:  # type: ignore[no-untyped-def]
    """Click ``Tilføj begrundelse`` as ``user``: the form that opens, or the refusal's text."""
    opened = len(standin.calls_to("views.open"))
    slack.click(user, buttons(message)["Tilføj begrundelse"], channel=STEERING, message=message)
    answer = slack.answer_to(f"act{slack.serial}", timeout=0.5)
    if answer:
        return everything_said(answer)
    calls = standin.wait_for("views.open", count=opened + 1)
    return calls[-1].args["view"]


def _give(slack, user: str, form: dict[str, Any], text: str):  # type: ignore[no-untyped-def]
    return slack.submit(
        user, form, {"vote_reason": {"reason": {"type": "plain_text_input", "value": text}}}
    )


def test_a_hidden_vote_shows_who_voted_but_not_how_until_it_closes(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    refused = slack.command("UANNE", "afstemning Rengøring skjult", channel=STEERING)
    assert "Kun sekretariatet kan åbne en afstemning." in refused.text
    opened = slack.command("USEK", "afstemning Rengøring skjult", channel=STEERING)
    assert "Stemmerne er skjulte, indtil afstemningen lukker." in opened.text
    with sqlite_db.reading() as session:
        [vote] = session.exec(select(Vote)).all()
    assert vote.hidden and vote.title == "Rengøring"
    app_server.deliver()
    _meeting_begins(app_server)
    message = _vote_message(standin)

    _click(slack, "UANNE", "For", message)
    receipt = _click(slack, "UJOHN", "Imod", message)
    assert "*No*" in everything_said(receipt)  # the voter sees their own ballot, in English
    app_server.deliver()
    shown = everything_said(_vote_message(standin))
    assert "*Har stemt (2 af 2)*\nAalborg Kommune, Aarhus Kommune" in shown
    assert "Stemmerne er skjulte, indtil afstemningen lukker" in shown
    assert "Indtil videre" not in shown and "Imod: 1" not in shown

    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    result = _posted(standin)[-1]
    assert "For: 1 · Imod: 1 · Undlod at stemme: 0" in result
    assert "Aalborg Kommune: Imod (<@UJOHN>)" in result
    assert "Stemmerne var skjulte, indtil afstemningen lukkede." in result
    assert _audit(sqlite_db, "vote.open")[0][2]["hidden"] is True


def test_an_open_vote_shows_its_running_tally_and_a_reason_reaches_the_result_and_record(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    slack.command("USEK", "afstemning Rengøring", channel=STEERING)
    app_server.deliver()
    _meeting_begins(app_server)
    message = _vote_message(standin)

    # a seat gives a reason only for a ballot it has cast, and only a seat
    assert "Stem først." in _reason_form(slack, standin, "UANNE", message)
    outsider = _reason_form(slack, standin, "UDITTE", message)
    assert "Kun styregruppens medlemmer og deres suppleanter kan stemme" in outsider

    _click(slack, "UANNE", "Imod", message)
    _click(slack, "UJOHN", "For", message)
    app_server.deliver()
    assert "Indtil videre: For: 1 · Imod: 1 · Undlad: 0" in everything_said(_vote_message(standin))

    form = _reason_form(slack, standin, "UCARL", message)  # the deputy, for the same seat
    assert isinstance(form, dict)
    assert "Aarhus Kommune har stemt *Imod*" in everything_said(form)
    too_long = _give(slack, "UCARL", form, "x" * 301)
    assert too_long.json["response_action"] == "errors"
    assert "højst være på 300 tegn" in too_long.json["errors"]["vote_reason"]
    with sqlite_db.reading() as session:
        assert session.exec(select(BallotReason)).all() == []

    saved = _give(slack, "UCARL", form, "  Budgettet   rækker ikke i 2027.  ")
    assert saved.status == 200
    assert "Begrundelsen er gemt for Aarhus Kommune." in everything_said(saved.json["view"])
    # the click that votes stays apart: the ballot did not change, and the form shows the reason
    again = _reason_form(slack, standin, "UANNE", message)
    assert isinstance(again, dict)
    assert "Budgettet rækker ikke i 2027." in str(again)
    with sqlite_db.reading() as session:
        [told] = [
            line.sentence.render(Translator("da"))
            for line in history.lines_of(session)
            if line.action == "vote.ballot_reason"
        ]
    assert told == (
        "Carl Berg begrundede stemmen Imod for Aarhus Kommune i afstemningen om Rengøring: "
        "»Budgettet rækker ikke i 2027.«"
    )
    [(actor, before, after)] = _audit(sqlite_db, "vote.ballot_reason")
    assert actor == "UCARL" and before == {"reason": None}
    assert after == {
        "organisation": "Aarhus Kommune",
        "choice": "against",
        "reason": "Budgettet rækker ikke i 2027.",
    }

    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    result = _posted(standin)[-1]
    assert "Aarhus Kommune: Imod (<@UANNE>)\n> Begrundelse: Budgettet rækker ikke i 2027." in result
    closed = _reason_form(slack, standin, "UANNE", message)  # the button of before closing
    assert "er lukket" in closed

    slack.command("USEK", "afstemning protokol", channel=STEERING)
    app_server.deliver()
    upload = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-2]
    record = standin.uploaded_file(upload.args["files"][0]["id"]).decode()
    assert (
        "| Aarhus Kommune | Imod | Anne Lund | medlem | – | Budgettet rækker ikke i 2027. |"
        in record
    )
    assert "| Aalborg Kommune | For | John Smith | medlem | – | – |" in record


def test_a_reason_for_a_ballot_that_was_changed_no_longer_applies(
    slack, standin, app_server, sqlite_db
):
    _steering_group(slack)
    slack.command("USEK", "afstemning Rengøring skjult", channel=STEERING)
    app_server.deliver()
    _meeting_begins(app_server)
    message = _vote_message(standin)
    _click(slack, "UJOHN", "Imod", message)
    form = _reason_form(slack, standin, "UJOHN", message)
    assert isinstance(form, dict)
    _give(slack, "UJOHN", form, "Too expensive.")
    _click(slack, "UJOHN", "For", message)
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    result = _posted(standin)[-1]
    assert "Aalborg Kommune: For (<@UJOHN>)" in result
    assert "Too expensive" not in result
