"""A message Slack rate-limits is sent again when Slack's ``Retry-After`` says, not after pogi's
own backoff; 5xx answers keep the backoff."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from storage.tables import OutboxMessage


def _homework(slack) -> None:  # type: ignore[no-untyped-def]
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>")
    slack.command("UANNE", "hjemmearbejde <@UDITTE|d> Send udkast til fredag kl. 12")


def _posted(standin) -> list:  # type: ignore[no-untyped-def]
    return [c for c in standin.calls_to("chat.postMessage") if c.ok]


def _pending(db) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.status == "pending")))


def test_a_rate_limited_message_is_sent_when_retry_after_says(
    slack, standin, app_server, clock, sqlite_db
):
    _homework(slack)
    dispatcher = app_server.app.dispatcher
    while dispatcher.run_once().claimed:
        pass
    standin.clear()
    slack.command("UANNE", "hjemmearbejde <@UEMIL|e> Læs høringssvarene til fredag kl. 12")
    standin.rate_limit("chat.postMessage", times=10, retry_after=1)

    dispatcher.run_once()

    assert _posted(standin) == []
    waiting = [row for row in _pending(sqlite_db) if row.last_error]
    assert len(waiting) == 2
    assert all(row.due_at <= clock.now + timedelta(seconds=1) for row in waiting)
    assert all("ratelimited" in (row.last_error or "") for row in waiting)

    standin.reset_faults()
    clock.advance(seconds=1)
    while dispatcher.run_once().claimed:
        pass
    channels = sorted(c.args["channel"] for c in _posted(standin))
    assert channels == ["CGROUP", "UEMIL"]  # each once: the post and the assignee's DM


def test_a_server_error_keeps_the_backoff(slack, standin, app_server, clock, sqlite_db):
    _homework(slack)
    standin.server_error("chat.postMessage", times=100)

    app_server.app.dispatcher.run_once()

    waiting = [row for row in _pending(sqlite_db) if row.last_error]
    assert waiting
    assert all(row.due_at >= clock.now + timedelta(seconds=30) for row in waiting)
