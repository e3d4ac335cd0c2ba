"""Every number a user types, or a button or form carries, is range-checked: a number too large
for the database, or no number at all, is refused in words and changes nothing."""

from __future__ import annotations

import time

import pytest

from bot.console import payloads
from bot.ids import Action, Callback
from storage import queries
from tests.support.server import Slack, everything_said

HUGE = "99999999999999999999999"
LEAKS = ("Traceback", "Error", "Exception", 'File "')


def _audit(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [entry.action for entry in queries.audit_entries(session)]


def _no_trace(caplog) -> None:  # type: ignore[no-untyped-def]
    assert [r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []


def _answer(slack: Slack, key: str) -> str:
    return everything_said(slack.answer_to(key))


@pytest.mark.parametrize("number", [HUGE, "-1", "1e3", "3.5"])
def test_a_meeting_number_out_of_range_is_refused_in_words(slack, sqlite_db, caplog, number):
    slack.command("USEK", "revision start Rengøring")
    before = _audit(sqlite_db)

    for sub in ("flyt", "aflys"):
        reply = slack.command("USEK", f"møde {sub} {number} i morgen kl. 10")

        assert reply.status == 200
        assert "Brug `/pogi møde TID [TITEL]`" in reply.text
        for leak in LEAKS:
            assert leak not in reply.body
    assert _audit(sqlite_db) == before
    _no_trace(caplog)


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (Action.HOMEWORK_DONE, "Opgaven findes ikke længere."),
        (Action.MINUTES_OPEN, "Mødet findes ikke længere."),
        (Action.HEARING_RESPOND, "Høringen findes ikke."),
        (Action.HEARING_REPLY, "Høringen findes ikke."),
        (Action.HEARING_REGISTER, "Høringen findes ikke."),
        (Action.VOTE_FOR, "Afstemningen findes ikke."),
    ],
)
@pytest.mark.parametrize("value", [HUGE, "x", "", f"{HUGE}|DI"])
def test_a_button_whose_number_is_out_of_range_is_refused_in_words(
    slack, standin, sqlite_db, caplog, action, said, value
):
    before = _audit(sqlite_db)
    click = payloads.block_actions(
        user_id="USEK",
        action_id=str(action),
        block_id="b",
        value=value,
        channel_id="CGROUP",
        response_url=standin.response_url("huge"),
    )

    reply = slack.send(click)

    assert reply.status == 200
    assert said in _answer(slack, "huge")
    assert _audit(sqlite_db) == before
    _no_trace(caplog)


@pytest.mark.parametrize(
    "callback",
    [Callback.MINUTES, Callback.HEARING_ANSWER, Callback.HEARING_REPLY, Callback.HEARING_REGISTER],
)
def test_a_form_whose_number_is_out_of_range_is_refused_in_words(
    slack, standin, sqlite_db, caplog, callback
):
    before = _audit(sqlite_db)
    view = {"type": "modal", "callback_id": str(callback), "blocks": []}
    values = {
        "hearing_text": {"v": {"type": "plain_text_input", "value": "Vi har ingen bemærkninger."}},
        "hearing_organisation": {"v": {"type": "static_select", "selected_option": None}},
        "hearing_received": {"v": {"type": "datepicker", "selected_date": "2026-11-30"}},
    }
    submission = payloads.view_submission(
        user_id="USEK", view=view, values=values, private_metadata=f"{HUGE}|DI"
    )

    reply = slack.send(submission)
    time.sleep(0.1)

    assert reply.status == 200
    assert "Traceback" not in reply.body
    assert _audit(sqlite_db) == before
    _no_trace(caplog)
