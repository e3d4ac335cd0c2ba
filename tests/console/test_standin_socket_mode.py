"""Socket Mode against the stand-in: a real Bolt ``SocketModeHandler`` (slack_sdk's builtin
client) opens its connection through ``apps.connections.open``, is greeted, receives envelopes
and acknowledges them, with no Slack anywhere."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from bot.console import payloads
from bot.console.standin import SOCKET_MODE, SlackStandIn
from storage.database import Database
from tests.conftest import load_roster, serve
from tests.support.clock import Clock
from tests.support.factories import ROSTER
from tests.support.server import BOT_TOKEN, everything_said

APP_TOKEN = "xapp-1-A0POGI-1-pogi"


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(tokens=[BOT_TOKEN, APP_TOKEN]) as running:
        yield running


@pytest.fixture
def seen() -> dict[str, Any]:
    return {}


@pytest.fixture
def app(standin: SlackStandIn, seen: dict[str, Any]) -> App:
    bolt = App(client=WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=2))

    @bolt.command("/pogi")
    def command(ack: Any, command: dict[str, Any]) -> None:
        ack()
        seen["command"] = command

    @bolt.command("/ekko")
    def echo(ack: Any, command: dict[str, Any]) -> None:
        ack(text=f"Du skrev: {command['text']}")

    @bolt.action("meeting_confirm")
    def confirm(ack: Any, action: dict[str, Any], body: dict[str, Any]) -> None:
        ack()
        seen["action"], seen["action_user"] = action, body["user"]["id"]

    @bolt.view("meeting_propose")
    def submitted(ack: Any, view: dict[str, Any]) -> None:
        ack(response_action="errors", errors={"when": "Skriv et tidspunkt"})

    @bolt.event("app_home_opened")
    def home(event: dict[str, Any]) -> None:
        seen["home_user"] = event["user"]

    return bolt


@pytest.fixture
def handler(standin: SlackStandIn, app: App) -> Iterator[SocketModeHandler]:
    connected = SocketModeHandler(app, APP_TOKEN)
    connected.connect()
    yield connected
    # Closing from Slack's end first spares the client's close a wait on its socket's timeout.
    connected.client.auto_reconnect_enabled = False
    standin.socket_disconnect(None)
    connected.close()


def _slash(standin: SlackStandIn, command: str, text: str) -> dict[str, str]:
    return payloads.slash_command(
        text=text,
        user_id="UANNE",
        channel_id="CGRUPPE",
        command=command,
        response_url=standin.response_url("c1"),
    )


def test_the_app_opens_its_socket_with_the_app_token_and_is_greeted(
    standin: SlackStandIn, handler: SocketModeHandler
) -> None:
    (opened,) = standin.wait_for("apps.connections.open")

    assert opened.token == APP_TOKEN
    assert opened.response["url"].startswith("ws://127.0.0.1:")
    assert "/link/?ticket=" in opened.response["url"]
    assert handler.client.is_connected()
    # Answering an envelope proves the connection; the hello came first on it.
    assert standin.socket_send("slash_commands", _slash(standin, "/pogi", "hjælp")) is None
    assert standin.socket_connections == 1


def test_a_slash_command_and_a_click_are_delivered_and_acknowledged(
    standin: SlackStandIn, handler: SocketModeHandler, seen: dict[str, Any]
) -> None:
    command_ack = standin.socket_send("slash_commands", _slash(standin, "/pogi", "møde ny"))
    click = payloads.block_actions(
        user_id="UCARL",
        action_id="meeting_confirm",
        block_id="meeting",
        value="m-17",
        channel_id="CGRUPPE",
        message={"ts": "1732270000.000100", "text": "Møde?"},
        response_url=standin.response_url("a1"),
    )
    click_ack = standin.socket_send("interactive", click)

    assert command_ack is None and click_ack is None
    assert seen["command"]["text"] == "møde ny"
    assert seen["command"]["user_id"] == "UANNE"
    assert seen["action"]["value"] == "m-17"
    assert seen["action_user"] == "UCARL"
    sent = standin.calls_to(SOCKET_MODE)
    assert [call.args["type"] for call in sent] == ["slash_commands", "interactive"]
    assert all(call.ok for call in sent)
    for call in sent:
        assert call.response["ack"]["envelope_id"] == call.args["envelope_id"]
        assert "payload" not in call.response["ack"]
    assert sent[0].args["accepts_response_payload"] is True
    assert sent[1].args["accepts_response_payload"] is False
    assert sent[1].args["payload"] == click


def test_an_ack_with_a_response_payload_comes_back(
    standin: SlackStandIn, handler: SocketModeHandler
) -> None:
    echoed = standin.socket_send(None, _slash(standin, "/ekko", "hej"))
    refused = standin.socket_send(
        None,
        payloads.view_submission(
            user_id="UANNE",
            view={"id": "V1", "callback_id": "meeting_propose", "type": "modal"},
            values={"when": {"when": {"type": "plain_text_input", "value": ""}}},
        ),
    )

    assert echoed == {"text": "Du skrev: hej"}
    assert refused == {"response_action": "errors", "errors": {"when": "Skriv et tidspunkt"}}
    assert standin.calls_to(SOCKET_MODE)[-1].response["ack"]["payload"] == refused


def test_events_arrive_as_events_api_envelopes(
    standin: SlackStandIn, handler: SocketModeHandler, seen: dict[str, Any]
) -> None:
    event = payloads.event_callback(payloads.app_home_opened(user_id="UBO"))

    assert standin.socket_send(None, event) is None

    (call,) = standin.calls_to(SOCKET_MODE)
    assert call.args["type"] == "events_api"
    assert call.args["retry_attempt"] == 0
    assert call.args["accepts_response_payload"] is False
    assert seen["home_user"] == "UBO"


def test_concurrent_envelopes_are_each_matched_to_their_own_ack(
    standin: SlackStandIn, handler: SocketModeHandler
) -> None:
    answers: dict[int, Any] = {}

    def send(number: int) -> None:
        answers[number] = standin.socket_send(None, _slash(standin, "/ekko", str(number)))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert answers == {n: {"text": f"Du skrev: {n}"} for n in range(8)}


def test_after_slack_refreshes_the_connection_the_app_reconnects(
    standin: SlackStandIn, handler: SocketModeHandler, seen: dict[str, Any]
) -> None:
    standin.wait_for("apps.connections.open")

    assert standin.socket_disconnect() == 1

    standin.wait_for("apps.connections.open", count=2)
    deadline = time.monotonic() + 10
    while standin.socket_connections < 1:  # the new socket is being opened
        assert time.monotonic() < deadline, "the app did not reconnect"
        time.sleep(0.01)
    assert standin.socket_send(None, _slash(standin, "/pogi", "igen"), timeout=10) is None
    assert seen["command"]["text"] == "igen"


def test_without_a_connection_socket_send_times_out_and_records_it(
    standin: SlackStandIn,
) -> None:
    with pytest.raises(TimeoutError):
        standin.socket_send("slash_commands", _slash(standin, "/pogi", ""), timeout=0.2)

    (call,) = standin.calls_to(SOCKET_MODE)
    assert not call.ok
    assert call.response == {"ok": False, "error": "no_ack"}


def test_only_the_app_token_opens_a_socket_and_only_with_its_ticket(
    standin: SlackStandIn,
) -> None:
    with pytest.raises(SlackApiError) as refused:
        WebClient(token=BOT_TOKEN, base_url=standin.url).apps_connections_open(app_token=BOT_TOKEN)
    assert refused.value.response["error"] == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as bot_only:
        WebClient(token=APP_TOKEN, base_url=standin.url).auth_test()
    assert bot_only.value.response["error"] == "not_allowed_token_type"

    url = WebClient(base_url=standin.url).apps_connections_open(app_token=APP_TOKEN)["url"]
    with connect(url) as first:
        hello = json.loads(first.recv(timeout=2))
    assert hello["type"] == "hello"
    assert hello["connection_info"] == {"app_id": "A0POGI"}
    with pytest.raises(InvalidStatus) as reused:
        connect(url)
    assert reused.value.response.status_code == 401


def test_the_socket_port_is_not_the_web_api_port(standin: SlackStandIn) -> None:
    url = WebClient(base_url=standin.url).apps_connections_open(app_token=APP_TOKEN)["url"]

    assert not url.startswith(standin.origin.replace("http://", "ws://") + "/")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(standin.origin + "/link/", timeout=2)


def test_pogi_itself_answers_a_command_over_socket_mode(sqlite_db: Database, clock: Clock) -> None:
    with SlackStandIn(tokens=[BOT_TOKEN, APP_TOKEN]) as standin:
        for entry in ROSTER:
            standin.add_user(entry.slack_user_id, name=entry.name)
        load_roster(sqlite_db)
        server = serve(sqlite_db, standin, clock)
        handler = SocketModeHandler(server.app.bolt, APP_TOKEN)
        handler.connect()
        try:
            form = payloads.slash_command(
                text="hjælp",
                user_id="UDITTE",
                channel_id="CGROUP",
                response_url=standin.response_url("help"),
            )
            acked = standin.socket_send("slash_commands", form)
            answers = [
                call for call in standin.wait_for("response_url") if call.args.get("_key") == "help"
            ]
        finally:
            handler.client.auto_reconnect_enabled = False
            standin.socket_disconnect(None)
            handler.close()
            server.stop()

    assert acked is None
    assert "Det kan du gøre med pogi" in everything_said(answers[0].args)
