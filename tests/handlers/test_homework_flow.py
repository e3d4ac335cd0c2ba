"""Homework over signed HTTP: assignment, the DM, reminders, refusal for others, Færdig."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlmodel import col, select

from bot.app.factory import create_app
from bot.domain import homework
from storage.tables import OutboxMessage
from tests.conftest import load_roster, make_settings
from tests.support.server import BOT_TOKEN, AppServer, Slack, buttons, everything_said

ZONE = ZoneInfo("Europe/Copenhagen")


def _group(slack) -> None:
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>")


def test_homework_is_assigned_reminded_refused_for_others_and_done(
    slack, standin, app_server, clock, sqlite_db
):
    _group(slack)
    given = slack.command(
        "UANNE", "hjemmearbejde <@UDITTE|d> Send udkast til Anne til fredag kl. 12"
    )
    assert "givet til <@UDITTE> med frist fredag den 27. november 2026 kl. 12.00" in given.text
    [task] = homework.open_by_person(sqlite_db, channel_id="CGROUP")["Ditte Krogh"]
    assert task.task == "Send udkast til Anne"
    assert task.due_at == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)

    app_server.deliver()
    posts = [c for c in standin.calls_to("chat.postMessage") if c.ok]
    channel_post = next(c for c in posts if c.args["channel"] == "CGROUP")
    dm = next(c for c in posts if c.args["channel"] == "UDITTE")
    assert "<@UDITTE> har fået hjemmearbejde: *Send udkast til Anne*" in everything_said(
        channel_post.args
    )
    assert "har givet dig hjemmearbejde" in everything_said(dm.args)

    clock.advance(days=3, hours=1)  # Wednesday 13.00: two days before the deadline
    app_server.deliver()
    reminder = [c for c in standin.calls_to("chat.postMessage") if c.ok][-1]
    assert reminder.args["channel"] == "UDITTE"
    assert "Påmindelse: Fristen for dit hjemmearbejde" in everything_said(reminder.args)

    done = buttons(channel_post.args)["Færdig"]
    answered = len(standin.calls_to("response_url"))
    slack.click("UEMIL", done)
    refusal = standin.wait_for("response_url", answered + 1)[-1]
    assert "Kun den, der har fået opgaven" in everything_said(refusal.args)
    assert homework.open_by_person(sqlite_db, channel_id="CGROUP")

    slack.click(
        "UDITTE", done, message={"ts": channel_post.response["ts"], "text": "", "blocks": []}
    )
    assert homework.open_by_person(sqlite_db, channel_id="CGROUP") == {}
    app_server.deliver()
    [update] = [c for c in standin.calls_to("chat.update") if c.ok]
    assert update.args["ts"] == channel_post.response["ts"]
    assert "Hjemmearbejdet for <@UDITTE> er færdigt" in everything_said(update.args)

    # no reminder or overdue nudge after it is done
    before = len(standin.calls_to("chat.postMessage"))
    clock.advance(days=5)
    app_server.deliver()
    assert len(standin.calls_to("chat.postMessage")) == before


def test_homework_until_the_next_meeting(slack, standin, app_server, sqlite_db):
    _group(slack)
    none_yet = slack.command("UANNE", "hjemmearbejde <@UEMIL|e> Læs rapporten til næste møde")
    assert "Gruppen har intet kommende møde" in none_yet.text

    asked = slack.command("UANNE", "møde torsdag kl. 13-15")
    slack.click("UANNE", buttons(asked.json)["Bekræft"])
    given = slack.command("UANNE", "hjemmearbejde <@UEMIL|e> Læs rapporten til næste møde")
    assert "torsdag den 26. november 2026 kl. 13.00" in given.text

    slack.command("UANNE", "møde flyt 1 fredag kl. 10-12")
    [task] = homework.open_by_person(sqlite_db, channel_id="CGROUP")["Emil Dahl"]
    assert task.due_at == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def test_homework_needs_a_deadline_in_the_future(slack):
    _group(slack)
    past = slack.command("UANNE", "hjemmearbejde <@UEMIL|e> Læs rapporten til i går")
    assert "fortiden" in past.text
    missing = slack.command("UANNE", "hjemmearbejde <@UEMIL|e> Læs rapporten")
    assert missing.status == 200 and "Skriv" in missing.text


def test_several_people_named_get_one_homework_each(slack, standin, app_server, sqlite_db):
    _group(slack)
    given = slack.command(
        "UANNE", "hjemmearbejde <@UDITTE|d> <@UEMIL|e> Send udkast til fredag kl. 12"
    )

    assert (
        "Hjemmearbejdet er givet til <@UDITTE>, <@UEMIL> med frist fredag den 27. november 2026 "
        "kl. 12.00. Hver person har sin egen opgave at melde færdig" in given.text
    )
    by_person = homework.open_by_person(sqlite_db, channel_id="CGROUP")
    assert {name: [task.task for task in tasks] for name, tasks in by_person.items()} == {
        "Ditte Krogh": ["Send udkast"],
        "Emil Dahl": ["Send udkast"],
    }
    app_server.deliver()
    told = {c.args["channel"] for c in standin.calls_to("chat.postMessage") if c.ok}
    assert {"UDITTE", "UEMIL"} <= told


def test_someone_outside_the_roster_among_several_stops_them_all(slack, sqlite_db):
    _group(slack)
    refused = slack.command(
        "UANNE", "hjemmearbejde <@UDITTE|d> <@UOUTSIDER|o> Send udkast til fredag kl. 12"
    )

    assert "<@UOUTSIDER> står ikke på brugerlisten" in refused.text
    assert homework.open_by_person(sqlite_db, channel_id="CGROUP") == {}


def test_reminders_and_the_nudge_keep_to_working_hours_over_christmas(sqlite_db, standin, clock):
    """With ``POGI_WORKING_HOURS=9-16`` a task due on Christmas Day is reminded on the last
    working day before it, at 9.00 (not on Christmas Eve, nor at 23.59 two days before), and
    nudged the first working morning after it: Monday 28 December, not Boxing Day."""
    load_roster(sqlite_db)
    settings = make_settings(standin, pogi_working_hours="9-16")
    client = WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=5)
    server = AppServer(create_app(settings, client=client, database=sqlite_db, clock=clock))
    try:
        slack = Slack(server.url, standin)
        _group(slack)
        given = slack.command("UANNE", "hjemmearbejde <@UDITTE|d> Læs rapporten til juledag")
        assert "med frist fredag den 25. december 2026" in given.text
        assert (
            "Bemærk: fredag den 25. december 2026 er juledag og ikke en arbejdsdag." in given.text
        )
    finally:
        server.stop()

    with sqlite_db.reading() as session:
        rows = session.exec(
            select(OutboxMessage.kind, OutboxMessage.due_at).where(
                col(OutboxMessage.kind).in_([homework.REMINDER, homework.OVERDUE])
            )
        ).all()
    assert sorted((kind, due.astimezone(ZONE)) for kind, due in rows) == [
        (homework.OVERDUE, datetime(2026, 12, 28, 9, 0, tzinfo=ZONE)),
        (homework.REMINDER, datetime(2026, 12, 23, 9, 0, tzinfo=ZONE)),
    ]
