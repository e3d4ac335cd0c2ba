"""When something breaks, the user gets an apology, never a stack trace (SPEC §6)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from sqlalchemy import text

from bot.console import payloads
from bot.console.render import state_values
from bot.domain import revisions, roster
from bot.presentation.i18n import Translator
from handlers import errors
from tests.support.server import Reply, buttons, everything_said, prepare

APOLOGY = "Beklager, noget gik galt hos pogi"
# After an acknowledgement the app apologises with a second text that says the request was saved.
APOLOGIES = re.compile(r"Beklager, noget gik galt hos pogi|Det, du bad om, er gemt")
SAVED_BUG = (
    "BUG handlers/errors.py: a listener that fails after its ack is answered with "
    "'Det, du bad om, er gemt …' even when it saved nothing: {what}"
)
LEAKS = ("Traceback", "Error", "Exception", "no such table", 'File "', "sqlalchemy", "slack_sdk")


def _said_to_slack(replies: list[Reply], standin) -> str:  # type: ignore[no-untyped-def]
    """Every byte the app sent towards Slack: HTTP answers and every recorded Web API call."""
    bodies = [reply.body for reply in replies]
    calls = [json.dumps(call.args, ensure_ascii=False) for call in standin.calls]
    return "\n".join(bodies + calls)


def _assert_no_leak(said: str) -> None:
    for leak in LEAKS:
        assert leak not in said, f"{leak!r} reached Slack: {said[:500]}"


def _drop(db, table: str) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.execute(text(f'DROP TABLE "{table}"'))


def _answers(standin, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What was posted to the response URLs whose key starts with ``prefix``."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        posted = [c for c in standin.calls_to("response_url") if c.args["_key"].startswith(prefix)]
        if posted:
            return [everything_said(call.args) for call in posted]
        time.sleep(0.01)
    raise AssertionError(f"nothing was posted to a response URL {prefix}…")


def test_a_failing_views_open_ends_in_an_apology_not_a_trace(slack, standin):
    standin.fail("views.open", "internal_error")
    form = payloads.slash_command(
        text="roster add",
        user_id="USEK",
        channel_id="CGROUP",
        response_url=standin.response_url("form"),
    )

    reply = slack.send(form)

    assert reply.status == 200
    answer = standin.wait_for("response_url")[0]
    assert answer.args["_key"] == "form"
    assert answer.args["response_type"] == "ephemeral"
    said = everything_said(answer.args)
    assert APOLOGY in said
    assert "Det, du bad om, er gemt" not in said  # the form never opened: nothing was saved
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_broken_database_in_a_command_ends_in_an_apology(slack, standin, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    _drop(sqlite_db, "group_member")

    reply = slack.command("UDITTE", "status", channel="CGENERAL")

    assert reply.status == 200
    assert APOLOGY in reply.text
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_database_that_cannot_find_people_still_answers_with_an_apology(
    slack, standin, sqlite_db
):
    """The roster lookup happens before any listener runs; it must not fail silently either."""
    _drop(sqlite_db, "person")

    reply = slack.command("USEK", "hjælp")

    assert reply.status == 200
    assert APOLOGY in reply.text
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_failing_change_is_rolled_back_and_the_user_told(slack, standin, sqlite_db):
    """The audit log is written in the same transaction; without it nothing may be half-done."""
    _drop(sqlite_db, "audit_entry")

    reply = slack.command("USEK", "revision start Rengøring")

    assert APOLOGY in reply.text
    assert reply.json.get("response_type") in (None, "ephemeral")
    assert revisions.all_revisions(sqlite_db) == []
    _assert_no_leak(_said_to_slack([reply], standin))


def test_an_english_user_gets_the_apology_in_english(slack, standin, sqlite_db):
    slack.command("UJOHN", "help")  # remembers John's locale
    _drop(sqlite_db, "revision")

    reply = slack.command("UJOHN", "status", channel="CGENERAL")

    # Every apology the app has, as the English catalogue renders it.
    english = [Translator("en")(getattr(errors, n)) for n in dir(errors) if n.startswith("APOLOGY")]
    assert any(apology in reply.text for apology in english), reply.text
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_failing_button_ends_in_an_apology_to_the_clicker(slack, standin, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    prepare(slack)
    asked = slack.command("USEK", "fase næste")
    _drop(sqlite_db, "audit_entry")

    reply = slack.click("USEK", buttons(asked.json)["Bekræft"])

    assert reply.status == 200
    assert any(APOLOGY in answer for answer in _answers(standin, "act"))
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").phase.key == "forberedelse"
    _assert_no_leak(_said_to_slack([asked, reply], standin))


def test_a_failing_home_tab_apologises_by_direct_message(slack, standin):
    standin.fail("views.publish", "internal_error")

    reply = slack.home_opened("UDITTE")

    assert reply.status == 200
    dm = standin.wait_for("chat.postMessage")[0]
    assert dm.args["channel"] == "UDITTE"
    assert APOLOGIES.search(everything_said(dm.args))
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_home_tab_that_could_not_be_shown_is_not_reported_as_saved(slack, standin):
    standin.fail("views.publish", "internal_error")

    slack.home_opened("UDITTE")

    said = everything_said(standin.wait_for("chat.postMessage")[0].args)
    assert APOLOGY in said
    assert "er gemt" not in said


def test_a_failing_modal_submission_is_shown_at_the_form(slack, standin, sqlite_db):
    view, values = _submission_ready(slack, standin)
    _drop(sqlite_db, "audit_entry")

    reply = slack.submit("USEK", view, values)

    assert reply.json["response_action"] == "errors"
    assert list(reply.json["errors"]) == ["roster_user"]
    message = reply.json["errors"]["roster_user"]
    assert message.startswith(APOLOGY)
    assert len(message) <= 150
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None
    _assert_no_leak(_said_to_slack([reply], standin))


def _submission_ready(slack, standin) -> tuple[dict[str, Any], dict[str, Any]]:  # type: ignore[no-untyped-def]
    form = payloads.slash_command(
        text="roster add",
        user_id="USEK",
        channel_id="CGROUP",
        response_url=standin.response_url("f"),
    )
    slack.send(form)
    view = standin.wait_for("views.open")[0].response["view"]
    values = state_values(
        view,
        {"roster_user": "UNEW", "roster_organisation": "Aalborg Kommune", "roster_roles": "medlem"},
    )
    return view, values


def test_a_modal_submitted_while_the_roster_cannot_be_read_stays_open_with_an_apology(
    slack, standin, sqlite_db
):
    view, values = _submission_ready(slack, standin)
    _drop(sqlite_db, "person")

    reply = slack.submit("USEK", view, values)

    assert reply.json.get("response_action") == "errors"
    assert APOLOGY in " ".join(reply.json["errors"].values())
    _assert_no_leak(_said_to_slack([reply], standin))


def test_a_click_while_the_roster_cannot_be_read_gets_an_apology(slack, standin, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    prepare(slack)
    asked = slack.command("USEK", "fase næste")
    _drop(sqlite_db, "person")

    slack.click("USEK", buttons(asked.json)["Bekræft"])

    assert any(APOLOGY in answer for answer in _answers(standin, "act"))
