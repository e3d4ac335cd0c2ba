"""Only requests signed with the app's secret, and recent, reach a listener (SPEC §6)."""

from __future__ import annotations

import time

from bot.console import payloads
from bot.domain import revisions
from storage import queries
from tests.support.server import Reply, Slack, everything_said


def _start_revision(slack: Slack, *, timestamp: int | None = None) -> Reply:
    form = payloads.slash_command(
        text="revision start Rengøring",
        user_id="USEK",
        channel_id="CGROUP",
        response_url=slack.standin.response_url("forged"),
    )
    return slack.send(form, timestamp=timestamp)


def _nothing_stored(db) -> None:  # type: ignore[no-untyped-def]
    """No revision, and the audit log holds only the roster import the fixture made."""
    assert revisions.all_revisions(db) == []
    with db.reading() as session:
        assert {entry.action for entry in queries.audit_entries(session)} == {"person.create"}


def test_a_request_signed_with_another_secret_is_refused_and_changes_nothing(
    app_server, standin, sqlite_db
):
    forger = Slack(app_server.url, standin, secret="not-the-signing-secret")
    standin.clear()

    reply = _start_revision(forger)

    assert reply.status == 401
    assert "Revisionen af" not in reply.body
    _nothing_stored(sqlite_db)
    assert standin.calls == []


def test_a_request_older_than_five_minutes_is_refused_and_changes_nothing(
    slack, standin, sqlite_db
):
    standin.clear()

    reply = _start_revision(slack, timestamp=int(time.time()) - 6 * 60)

    assert reply.status == 401
    _nothing_stored(sqlite_db)
    assert standin.calls == []


def test_a_request_without_a_signature_is_refused(slack, standin, sqlite_db):
    form = payloads.slash_command(
        text="revision start Rengøring",
        user_id="USEK",
        channel_id="CGROUP",
        response_url=standin.response_url("unsigned"),
    )
    body, content_type = payloads.encode(form)

    reply = slack.post(body, {"Content-Type": content_type})

    assert reply.status == 401
    _nothing_stored(sqlite_db)


def test_a_replayed_button_click_with_a_tampered_body_is_refused(slack, sqlite_db):
    """The signature covers the body: changing one byte after signing is a forgery."""
    slack.command("USEK", "revision start Rengøring")
    click = payloads.block_actions(
        user_id="USEK",
        action_id="phase_confirm",
        block_id="b",
        value="CGROUP|forberedelse",
        channel_id="CGROUP",
        response_url=slack.standin.response_url("tampered"),
    )
    body, headers = payloads.signed_request(click, signing_secret=slack.secret)
    tampered = body.replace(b"USEK", b"UANNE", 1)

    reply = slack.post(tampered, headers)

    assert reply.status == 401
    assert revisions.revision_here(sqlite_db, channel_id="CGROUP").phase.key == "forberedelse"


def test_a_correctly_signed_request_within_five_minutes_is_accepted(slack, sqlite_db):
    reply = _start_revision(slack, timestamp=int(time.time()) - 4 * 60)

    assert reply.status == 200
    answer = slack.standin.wait_for("response_url")[0]
    assert "Revisionen af Rengøring er startet" in everything_said(answer.args)
    assert [r.goal for r in revisions.all_revisions(sqlite_db)] == ["Rengøring"]


def test_a_body_slack_would_never_send_is_refused_without_a_trace(slack, standin, sqlite_db):
    standin.clear()
    broken = b"payload=%7B%22type%22%3A%22block_actions%22"
    unsigned = slack.post(broken, {"Content-Type": "application/x-www-form-urlencoded"})
    signed = slack.post(broken, payloads.signed_headers(broken, slack.secret))

    assert (unsigned.status, unsigned.body) == (401, "Unauthorized")
    assert (signed.status, signed.body) == (400, "Bad Request")
    _nothing_stored(sqlite_db)
    assert standin.calls == []


def _signed_bytes(slack, body: bytes) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        **payloads.signed_headers(body, slack.secret),
        "Content-Type": "application/x-www-form-urlencoded",
    }


NOT_UTF8 = b"command=%2Fpogi&text=hj\xe6lp&user_id=USEK&channel_id=CGROUP\xff"


def test_a_body_that_is_not_utf8_is_refused_401_unsigned_400_signed_and_nothing_logged(
    slack, standin, sqlite_db, caplog
):
    standin.clear()
    unsigned = slack.post(NOT_UTF8, {"Content-Type": "application/x-www-form-urlencoded"})
    signed = slack.post(NOT_UTF8, _signed_bytes(slack, NOT_UTF8))

    assert (unsigned.status, unsigned.body) == (401, "Unauthorized")
    assert (signed.status, signed.body) == (400, "Bad Request")
    _nothing_stored(sqlite_db)
    assert standin.calls == []
    assert [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []


def test_a_signed_command_without_a_response_url_is_refused_as_malformed(
    slack, standin, sqlite_db, caplog
):
    standin.clear()
    form = payloads.slash_command(
        text="revision start Rengøring", user_id="USEK", channel_id="CGROUP", response_url="x"
    )
    del form["response_url"]

    reply = slack.send(form)
    time.sleep(0.2)  # anything run after an acknowledgement would have run by now

    assert reply.status == 400
    _nothing_stored(sqlite_db)
    assert standin.calls == []
    assert [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []
    assert not [r for r in caplog.records if r.exc_info]
