"""Written comment rounds on the goal text over signed HTTP: the coordinator asks the working
group to comment by a deadline, members comment in a modal and edit their comment, those who have
not commented are reminded, and at the deadline the round closes with a summary to the
coordinator; and the refusals (wrong role, no goal text, a past deadline, a late comment)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.views import View
from sqlmodel import select

from bot.console.render import state_values
from bot.domain import personal_data
from bot.presentation.i18n import Translator
from bot.presentation.labels import ERASED_TEXT
from storage.tables import GoalComment
from tests.support.server import AppServer, Slack, buttons, everything_said

GOAL = "Kommunen køber kun miljømærkede rengøringsmidler fra 2028."
COMMENT = "Kommentér"
# the clock starts on Sunday 22 November 2026 at 12.00 in Copenhagen; »fredag kl. 12« is the 27th
DEADLINE = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)


def _posts(standin, channel: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [
        c.args
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args.get("channel") == channel
    ]


def _dm_recipients(standin) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(
        c.args["channel"]
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"].startswith("U")
    )


def _modal(slack: Slack, standin, user: str, button: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    before = len([c for c in standin.calls_to("views.open") if c.ok])
    assert slack.click(user, button).status == 200
    return standin.wait_for("views.open", count=before + 1)[before].response["view"]


def _comment(slack: Slack, user: str, view: dict[str, Any], text: str) -> str:
    reply = slack.submit(user, view, state_values(view, {"comment_text": text}))
    assert reply.status == 200
    return reply.body


def _group_with_goal_text(slack: Slack, standin) -> None:  # type: ignore[no-untyped-def]
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f>")
    before = len([c for c in standin.calls_to("views.open") if c.ok])
    slack.command("UANNE", "mål rediger")
    view = standin.wait_for("views.open", count=before + 1)[before].response["view"]
    values = {
        block["block_id"]: {"text": {"type": "plain_text_input", "value": GOAL}}
        if block["block_id"] == "goal_part:goal:0"
        else {"text": {"type": "plain_text_input", "value": None}}
        for block in view["blocks"]
        if block["type"] == "input"
    }
    assert slack.submit("UANNE", view, values).status == 200


def test_a_comment_round_from_asking_to_the_summary(
    slack: Slack, standin, app_server: AppServer, clock, sqlite_db
):
    _group_with_goal_text(slack, standin)
    app_server.deliver()
    standin.clear()
    asked = slack.command("UANNE", "kommentering fredag kl. 12").text
    assert (
        "Arbejdsgruppen er bedt om kommentarer til version 1 af målteksten med frist fredag den "
        "27. november 2026 kl. 12.00. Kanalen har fået besked." in asked
    )
    app_server.deliver()
    [message] = _posts(standin, "CGROUP")
    assert (
        "beder arbejdsgruppen om skriftlige kommentarer til version 1 af målteksten for "
        "Rengøring senest fredag den 27. november 2026 kl. 12.00." in everything_said(message)
    )
    button = buttons(message)[COMMENT]

    view = _modal(slack, standin, "UDITTE", button)
    View(**view).validate_json()
    assert "Kommentar til version 1 af målteksten for Rengøring." in everything_said(view)
    assert "Din kommentar er gemt." in _comment(slack, "UDITTE", view, "Fint, men 2029.")
    view = _modal(slack, standin, "UEMIL", button)
    _comment(slack, "UEMIL", view, "Vejle er enig.")
    # the modal opens with one's own comment, and saving it again edits it
    view = _modal(slack, standin, "UDITTE", button)
    [field] = [b for b in view["blocks"] if b.get("block_id") == "comment_text"]
    assert field["element"]["initial_value"] == "Fint, men 2029."
    assert "Din kommentar er rettet." in _comment(slack, "UDITTE", view, "Fint, men fra 2029.")
    # someone outside the group opens no modal
    before = len(standin.calls_to("views.open"))
    assert slack.click("UJOHN", button).status == 200
    refusal = everything_said(slack.answer_to(f"act{slack.serial}"))
    assert "Only members of the working group can comment on the goal text." in refusal
    assert len(standin.calls_to("views.open")) == before
    standin.clear()

    # two days before the deadline, only the member who has not commented is reminded
    clock.now = datetime(2026, 11, 25, 11, 1, tzinfo=UTC)
    app_server.deliver()
    assert _dm_recipients(standin) == ["UFRIDA"]
    [reminder] = _posts(standin, "UFRIDA")
    assert (
        "Påmindelse: Du har ikke kommenteret version 1 af målteksten for Rengøring. Fristen er "
        "fredag den 27. november 2026 kl. 12.00" in everything_said(reminder)
    )
    late_view = _modal(slack, standin, "UFRIDA", buttons(reminder)[COMMENT])
    standin.clear()

    clock.now = DEADLINE
    app_server.app.run_due_work()
    app_server.deliver()
    assert _dm_recipients(standin) == ["UANNE"]
    [summary] = _posts(standin, "UANNE")
    said = everything_said(summary)
    assert (
        "Kommenteringen af version 1 af målteksten for Rengøring er lukket. "
        "Der kom 2 kommentarer." in said
    )
    assert "Kommenterede: <@UDITTE>, <@UEMIL>" in said
    assert "Kommenterede ikke: <@UFRIDA>" in said
    assert "Fint, men fra 2029." in said and "Vejle er enig." in said

    # a comment after the deadline is refused and nothing is stored
    late = slack.submit("UFRIDA", late_view, state_values(late_view, {"comment_text": "Sent."}))
    assert late.json["response_action"] == "errors"
    assert late.json["errors"]["comment_text"] == (
        "Fristen for kommentarer var fredag den 27. november 2026 kl. 12.00, så kommenteringen "
        "er lukket."
    )
    with sqlite_db.reading() as session:
        stored = sorted(
            (c.author, c.goal_version, c.text) for c in session.exec(select(GoalComment))
        )
    assert stored == [("UDITTE", 1, "Fint, men fra 2029."), ("UEMIL", 1, "Vejle er enig.")]

    versions = slack.command("UANNE", "mål versioner").text
    assert "(7 ord, 2 kommentarer)" in versions
    assert "2 kommentarer til denne version" in slack.command("UANNE", "mål").text
    history = slack.command("USEK", "historik").text
    assert "kommenterede version 1 af målteksten" in history
    assert "rettede sin kommentar til version 1 af målteksten" in history

    # the comment is in the person's data, and erased with them
    tr = Translator("da")
    exported = personal_data.export_person(sqlite_db, slack_user_id="UDITTE", tr=tr)
    assert exported["comments_on_the_goal_text"][0]["text"] == "Fint, men fra 2029."
    personal_data.erase_person(sqlite_db, actor="test", slack_user_id="UEMIL", now=clock.now)
    with sqlite_db.reading() as session:
        texts = sorted(c.text for c in session.exec(select(GoalComment)))
    assert texts == sorted(["Fint, men fra 2029.", ERASED_TEXT])


def test_only_the_lead_asks_for_comments_on_a_text_and_by_a_deadline_to_come(
    slack: Slack, standin, app_server: AppServer
):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    no_text = slack.command("USEK", "kommentering fredag kl. 12").text
    assert "Der er ingen måltekst endnu." in no_text
    _group_with_goal_text_only(slack, standin)
    refused = slack.command("UDITTE", "kommentering fredag kl. 12").text
    assert "Kun gruppens tovholder og sekretariatet kan bede om kommentarer." in refused
    past = slack.command("USEK", "kommentering i dag kl. 9").text
    assert "Tidspunktet ligger i fortiden: søndag den 22. november 2026 kl. 9.00." in past
    english = slack.command("UJOHN", "comments Friday 12:00").text
    assert "Only the group's coordinator and the secretariat can ask for comments." in english
    assert not [c for c in standin.calls_to("chat.postMessage") if "kommentarer" in str(c.args)]
    # a deadline on a Saturday is accepted with a word that it is not a working day
    saturday = slack.command("USEK", "kommentering lørdag kl. 12").text
    assert "frist lørdag den 28. november 2026 kl. 12.00." in saturday
    assert "Bemærk: lørdag den 28. november 2026 er ikke en arbejdsdag." in saturday


def _group_with_goal_text_only(slack: Slack, standin) -> None:  # type: ignore[no-untyped-def]
    before = len([c for c in standin.calls_to("views.open") if c.ok])
    slack.command("UANNE", "mål rediger")
    view = standin.wait_for("views.open", count=before + 1)[before].response["view"]
    values = {
        block["block_id"]: {"text": {"type": "plain_text_input", "value": GOAL}}
        for block in view["blocks"]
        if block["type"] == "input"
    }
    assert slack.submit("UANNE", view, values).status == 200
