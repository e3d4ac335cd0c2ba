"""What Slack delivers again (same ``event_id``, or same body and ``trigger_id``) is acknowledged
and not acted on twice: in one process, in two sharing a database, and after a restart."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.console import payloads
from bot.domain import homework, meetings, requests
from storage.database import Database
from storage.tables import HandledRequest
from tests.conftest import load_roster, serve
from tests.support.server import AppServer, Reply, Slack, buttons, everything_said

TASK = "hjemmearbejde <@UDITTE|d> Send udkast til fredag kl. 12"


def _group(slack: Slack) -> None:
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>")


def _again(slack: Slack, payload: dict[str, Any], retry: int) -> Reply:
    """The same body, signed anew as Slack signs a retry, with ``X-Slack-Retry-Num``."""
    body, headers = payloads.signed_request(payload, signing_secret=slack.secret)
    if retry:
        headers = {**headers, "X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "timeout"}
    return slack.post(body, headers)


def _posts(standin, channel: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        everything_said(c.args)
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"] == channel
    ]


def _assigned_once(slack: Slack, db: Database, server: AppServer) -> None:
    [task] = homework.open_by_person(db, channel_id="CGROUP")["Ditte Krogh"]
    assert task.task == "Send udkast"
    server.deliver()
    assert len([p for p in _posts(slack.standin, "CGROUP") if "Send udkast" in p]) == 1
    assert len([p for p in _posts(slack.standin, "UDITTE") if "Send udkast" in p]) == 1


def test_a_command_delivered_again_is_done_once(slack, standin, app_server, sqlite_db):
    _group(slack)
    form = payloads.slash_command(
        text=TASK, user_id="UANNE", channel_id="CGROUP", response_url=standin.response_url("hw")
    )

    first = _again(slack, form, 0)
    slack.answer_to("hw")
    retries = [_again(slack, form, n) for n in (1, 2)]

    assert [r.status for r in [first, *retries]] == [200, 200, 200]
    app_server.app.finish_listeners()
    assert len([c for c in standin.calls_to("response_url") if c.args["_key"] == "hw"]) == 1
    _assigned_once(slack, sqlite_db, app_server)


def test_a_command_delivered_twice_at_once_is_done_once(slack, standin, app_server, sqlite_db):
    _group(slack)
    form = payloads.slash_command(
        text=TASK, user_id="UANNE", channel_id="CGROUP", response_url=standin.response_url("hw")
    )
    replies: list[Reply] = []
    threads = [
        threading.Thread(target=lambda n=n: replies.append(_again(slack, form, n)))
        for n in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert [r.status for r in replies] == [200, 200, 200]
    app_server.app.finish_listeners()
    _assigned_once(slack, sqlite_db, app_server)


def test_a_meeting_proposal_delivered_again_is_shown_once(slack, standin, app_server):
    _group(slack)
    form = payloads.slash_command(
        text="møde torsdag kl. 13-15 Opstartsmøde",
        user_id="UANNE",
        channel_id="CGROUP",
        response_url=standin.response_url("proposal"),
    )

    _again(slack, form, 0)
    slack.answer_to("proposal")
    _again(slack, form, 1)
    app_server.app.finish_listeners()

    shown = [c for c in standin.calls_to("response_url") if c.args["_key"] == "proposal"]
    assert len(shown) == 1


def test_a_click_delivered_again_is_done_once(slack, standin, app_server, clock, sqlite_db):
    _group(slack)
    asked = slack.command("UANNE", "møde torsdag kl. 13-15 Opstartsmøde")
    confirm = buttons(asked.json)["Bekræft"]
    click = payloads.block_actions(
        user_id="UANNE",
        action_id=confirm["action_id"],
        block_id=confirm["block_id"],
        value=confirm.get("value"),
        channel_id="CGROUP",
        response_url=standin.response_url("confirm"),
    )

    assert [_again(slack, click, n).status for n in (0, 1, 2)] == [200, 200, 200]

    assert len(meetings.coming(sqlite_db, channel_id="CGROUP", now=clock())) == 1
    said = [c for c in standin.calls_to("response_url") if c.args["_key"] == "confirm"]
    assert len(said) == 1
    with sqlite_db.reading() as session:
        assert len(session.exec(select(HandledRequest)).all()) >= 1


def test_an_event_delivered_again_is_handled_once(slack, standin, app_server):
    """Slack delivers an event again when the first delivery was not acknowledged in time;
    by then the first is done (a delivery that comes while the first still runs and changes
    nothing is answered again: it changes nothing either)."""
    event = payloads.event_callback(payloads.app_home_opened(user_id="UDITTE"))

    assert _again(slack, event, 0).status == 200
    standin.wait_for("views.publish")
    time.sleep(0.1)
    assert _again(slack, event, 1).status == 200
    app_server.app.finish_listeners()

    assert len(standin.calls_to("views.publish")) == 1


def test_the_same_body_with_another_trigger_is_a_new_request(slack, standin, app_server):
    for trigger in ("1.1.a", "1.1.b"):
        event = payloads.slash_command(
            text="hjælp",
            user_id="UDITTE",
            channel_id="CGROUP",
            response_url=standin.response_url("help"),
            trigger_id=trigger,
        )
        _again(slack, event, 0)
    app_server.app.finish_listeners()

    assert len([c for c in standin.calls_to("response_url") if c.args["_key"] == "help"]) == 2


@pytest.fixture
def two_processes(any_db: Database, standin, clock) -> Iterator[tuple[Slack, Slack]]:  # type: ignore[no-untyped-def]
    """Two apps on one database, each with its own server, as two ``pogi run`` would be."""
    load_roster(any_db)
    servers = [serve(any_db, standin, clock) for _ in range(2)]
    yield Slack(servers[0].url, standin), Slack(servers[1].url, standin)
    for server in servers:
        server.stop()


def test_two_processes_given_the_same_command_do_it_once(two_processes, standin, any_db):
    one, other = two_processes
    _group(one)
    form = payloads.slash_command(
        text=TASK, user_id="UANNE", channel_id="CGROUP", response_url=standin.response_url("hw")
    )
    replies: list[Reply] = []
    threads = [
        threading.Thread(target=lambda s=s, n=n: replies.append(_again(s, form, n)))
        for n, s in enumerate([one, other, one, other])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    one.answer_to("hw")
    standin.wait_for("response_url", 4)  # the group's three commands and this one

    assert sorted(r.status for r in replies) == [200] * 4
    [task] = homework.open_by_person(any_db, channel_id="CGROUP")["Ditte Krogh"]
    assert task.task == "Send udkast"
    assert len([c for c in standin.calls_to("response_url") if c.args["_key"] == "hw"]) == 1


def test_after_a_restart_a_request_delivered_again_is_not_done_again(sqlite_db, standin, clock):
    load_roster(sqlite_db)
    first = serve(sqlite_db, standin, clock)
    slack = Slack(first.url, standin)
    _group(slack)
    form = payloads.slash_command(
        text=TASK, user_id="UANNE", channel_id="CGROUP", response_url=standin.response_url("hw")
    )
    _again(slack, form, 0)
    slack.answer_to("hw")
    first.stop()

    second = serve(sqlite_db, standin, clock)
    try:
        assert _again(Slack(second.url, standin), form, 1).status == 200
        second.app.finish_listeners()
    finally:
        second.stop()

    assert len(homework.open_by_person(sqlite_db, channel_id="CGROUP")["Ditte Krogh"]) == 1
    assert len([c for c in standin.calls_to("response_url") if c.args["_key"] == "hw"]) == 1


def test_records_older_than_an_hour_are_pruned(slack, app_server, clock, sqlite_db):
    slack.command("UDITTE", "hjælp")
    app_server.app.finish_listeners()  # the command's answer is written after its ack
    with sqlite_db.reading() as session:
        assert session.exec(select(HandledRequest)).all()

    clock.advance(minutes=30)
    app_server.app.run_due_work()
    with sqlite_db.reading() as session:
        assert session.exec(select(HandledRequest)).all()

    clock.advance(minutes=31)
    app_server.app.run_due_work()
    with sqlite_db.reading() as session:
        assert session.exec(select(HandledRequest)).all() == []
    assert timedelta(hours=1) == requests.KEEP
