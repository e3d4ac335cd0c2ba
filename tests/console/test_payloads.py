"""Payload builders checked against Bolt itself: signed requests reach the right listeners."""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from bot.console import payloads
from bot.console.render import render_message, state_values
from bot.console.standin import SlackStandIn

SECRET = "pogi-signing-secret"
MEETING_MODAL = {
    "type": "modal",
    "callback_id": "meeting_propose",
    "private_metadata": '{"group": 7}',
    "title": {"type": "plain_text", "text": "Nyt møde"},
    "submit": {"type": "plain_text", "text": "Gem"},
    "blocks": [
        {
            "type": "input",
            "block_id": "title",
            "label": {"type": "plain_text", "text": "Titel"},
            "element": {"type": "plain_text_input", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "day",
            "label": {"type": "plain_text", "text": "Dato"},
            "element": {"type": "datepicker", "action_id": "value"},
        },
    ],
}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as running:
        yield running


@pytest.fixture
def seen() -> dict[str, Any]:
    return {}


@pytest.fixture
def app(standin: SlackStandIn, seen: dict[str, Any]) -> App:
    bolt = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-pogi", base_url=standin.url, timeout=2),
        token_verification_enabled=False,
        process_before_response=True,
    )

    @bolt.command("/pogi")
    def command(ack: Any, command: dict[str, Any], respond: Any) -> None:
        ack()
        seen["command"] = command
        respond(text=f"Du skrev: {command['text']}")

    @bolt.action("meeting_confirm")
    def confirm(ack: Any, action: dict[str, Any], body: dict[str, Any]) -> None:
        ack()
        seen["action"], seen["action_body"] = action, body

    @bolt.action("meeting_pick")
    def pick(ack: Any, action: dict[str, Any]) -> None:
        ack()
        seen["picked"] = action

    @bolt.view("meeting_propose")
    def submitted(ack: Any, view: dict[str, Any], body: dict[str, Any]) -> None:
        ack()
        seen["view"], seen["view_user"] = view, body["user"]["id"]

    @bolt.view_closed("meeting_propose")
    def closed(ack: Any, view: dict[str, Any]) -> None:
        ack()
        seen["closed"] = view

    @bolt.event("app_home_opened")
    def home(event: dict[str, Any]) -> None:
        seen["home_user"], seen["home_tab"] = event["user"], event["tab"]

    return bolt


def _dispatch(app: App, payload: dict[str, Any], **signing: Any) -> BoltResponse:
    body, headers = payloads.signed_request(payload, signing_secret=SECRET, **signing)
    return app.dispatch(BoltRequest(body=body.decode(), headers=headers))


def test_slash_command_reaches_the_command_listener(
    app: App, standin: SlackStandIn, seen: dict[str, Any]
) -> None:
    form = payloads.slash_command(
        text="møde tirsdag kl. 10",
        user_id="U0ANNA",
        user_name="anna",
        channel_id="C0FOOD",
        channel_name="fødevarer",
        response_url=standin.response_url("cmd-1"),
    )

    response = _dispatch(app, form)

    assert response.status == 200
    assert seen["command"]["text"] == "møde tirsdag kl. 10"
    assert seen["command"]["user_id"] == "U0ANNA"
    assert seen["command"]["channel_name"] == "fødevarer"
    [reply] = standin.wait_for("response_url")
    assert reply.args["text"] == "Du skrev: møde tirsdag kl. 10"
    assert reply.args["_key"] == "cmd-1"


def test_slash_command_form_has_every_field_slack_sends(standin: SlackStandIn) -> None:
    form = payloads.slash_command(
        text="status", user_id="U0ANNA", channel_id="C0FOOD", response_url="https://x/r"
    )

    body, content_type = payloads.encode(form, payloads.SLASH_COMMAND)

    assert content_type == "application/x-www-form-urlencoded"
    assert set(parse_qs(body.decode())) == {
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    }
    assert form["command"] == "/pogi"
    assert form["team_id"] == "T0POGI"


def test_button_in_a_message_reaches_the_action_listener(
    app: App, standin: SlackStandIn, seen: dict[str, Any]
) -> None:
    message = {"type": "message", "ts": "1732270000.000100", "text": "Møde foreslået"}
    payload = payloads.block_actions(
        user_id="U0ANNA",
        action_id="meeting_confirm",
        block_id="meeting_actions",
        value="meeting:7",
        text="Bekræft",
        channel_id="C0FOOD",
        message=message,
        response_url=standin.response_url("act-1"),
    )

    response = _dispatch(app, payload)

    assert response.status == 200
    assert seen["action"]["value"] == "meeting:7"
    assert seen["action"]["text"]["text"] == "Bekræft"
    body = seen["action_body"]
    assert body["container"] == {
        "type": "message",
        "message_ts": "1732270000.000100",
        "channel_id": "C0FOOD",
        "is_ephemeral": False,
    }
    assert body["user"] == {
        "id": "U0ANNA",
        "username": "U0ANNA",
        "name": "U0ANNA",
        "team_id": "T0POGI",
    }
    assert body["channel"]["id"] == "C0FOOD"
    assert body["message"]["ts"] == "1732270000.000100"


def test_choice_in_a_home_tab_carries_the_view_and_selected_option(
    app: App, seen: dict[str, Any]
) -> None:
    option = {"text": {"type": "plain_text", "text": "Mandag"}, "value": "2026-11-23"}
    home = {"id": "V0HOME", "type": "home", "blocks": []}
    payload = payloads.block_actions(
        user_id="U0ANNA",
        action_id="meeting_pick",
        block_id="days",
        action_type="static_select",
        selected_option=option,
        view=home,
    )

    assert _dispatch(app, payload).status == 200
    assert seen["picked"]["selected_option"] == option
    assert payload["container"] == {"type": "view", "view_id": "V0HOME"}
    assert "response_url" not in payload


def test_view_submission_reaches_the_view_listener_with_state_values(
    app: App, seen: dict[str, Any]
) -> None:
    values = state_values(MEETING_MODAL, {"title": "Møde 2", "day": "2026-11-24"})
    payload = payloads.view_submission(
        user_id="U0ANNA", view=MEETING_MODAL, values=values, view_id="V0MODAL"
    )

    assert _dispatch(app, payload).status == 200
    assert seen["view_user"] == "U0ANNA"
    view = seen["view"]
    assert view["id"] == "V0MODAL"
    assert view["callback_id"] == "meeting_propose"
    assert json.loads(view["private_metadata"]) == {"group": 7}
    assert view["state"]["values"] == {
        "title": {"value": {"type": "plain_text_input", "value": "Møde 2"}},
        "day": {"value": {"type": "datepicker", "selected_date": "2026-11-24"}},
    }


def test_view_closed_reaches_the_closed_listener(app: App, seen: dict[str, Any]) -> None:
    payload = payloads.view_closed(user_id="U0ANNA", view={**MEETING_MODAL, "id": "V0MODAL"})

    assert _dispatch(app, payload).status == 200
    assert seen["closed"]["id"] == "V0MODAL"


def test_app_home_opened_event_reaches_the_event_listener(app: App, seen: dict[str, Any]) -> None:
    envelope = payloads.event_callback(payloads.app_home_opened(user_id="U0ANNA"))

    assert _dispatch(app, envelope).status == 200
    assert seen == {"home_user": "U0ANNA", "home_tab": "home"}
    assert envelope["event"]["channel"] == "D0ANNA"
    assert envelope["authorizations"][0]["user_id"] == "U0POGIBOT"


def test_events_are_json_and_interactions_a_payload_form_field() -> None:
    event_body, event_type = payloads.encode(payloads.event_callback({"type": "app_mention"}))
    action = payloads.block_actions(user_id="U1", action_id="a", block_id="b", value="v")
    action_body, action_type = payloads.encode(action)

    assert event_type == "application/json"
    assert json.loads(event_body)["event"] == {"type": "app_mention"}
    assert action_type == "application/x-www-form-urlencoded"
    assert json.loads(parse_qs(action_body.decode())["payload"][0]) == action


def test_forged_signature_is_rejected(app: App, seen: dict[str, Any]) -> None:
    form = payloads.slash_command(
        text="status", user_id="U0ANNA", channel_id="C0FOOD", response_url="https://x/r"
    )
    body, content_type = payloads.encode(form)
    headers = payloads.signed_headers(body, "not-the-secret")
    headers["Content-Type"] = content_type

    response = app.dispatch(BoltRequest(body=body.decode(), headers=headers))

    assert response.status == 401
    assert seen == {}


def test_request_older_than_five_minutes_is_rejected(app: App, seen: dict[str, Any]) -> None:
    form = payloads.slash_command(
        text="status", user_id="U0ANNA", channel_id="C0FOOD", response_url="https://x/r"
    )

    response = _dispatch(app, form, timestamp=int(time.time()) - 6 * 60)

    assert response.status == 401
    assert seen == {}


def test_signed_headers_match_slacks_v0_scheme() -> None:
    headers = payloads.signed_headers(b"token=x", "8f742231b10e8888abcd99yyyzzz85a5", timestamp=1)

    assert headers["X-Slack-Request-Timestamp"] == "1"
    expected = hmac.new(b"8f742231b10e8888abcd99yyyzzz85a5", b"v0:1:token=x", "sha256")
    assert headers["X-Slack-Signature"] == "v0=" + expected.hexdigest()


def test_listener_work_after_ack_is_visible_through_wait_for(standin: SlackStandIn) -> None:
    # Without process_before_response Bolt acks first and runs the listener on a thread, the
    # way the bot runs in production; tests then wait for the Web API call it makes.
    bolt = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-pogi", base_url=standin.url, timeout=2),
        token_verification_enabled=False,
    )

    @bolt.command("/pogi")
    def command(ack: Any, say: Any) -> None:
        ack()
        say("Status: fase 2")

    form = payloads.slash_command(
        text="status", user_id="U0ANNA", channel_id="C0FOOD", response_url="https://x/r"
    )
    assert _dispatch(bolt, form).status == 200

    [posted] = standin.wait_for("chat.postMessage")
    # Bolt adds the team id to every call it makes on behalf of a request.
    assert posted.args == {"channel": "C0FOOD", "text": "Status: fase 2", "team_id": "T0POGI"}


def test_a_rendered_overflow_choice_becomes_the_payload_bolt_routes(
    app: App, seen: dict[str, Any]
) -> None:
    overflow = {
        "type": "overflow",
        "action_id": "meeting_pick",
        "options": [
            {"text": {"type": "plain_text", "text": "Flyt"}, "value": "move:7"},
            {"text": {"type": "plain_text", "text": "Aflys"}, "value": "cancel:7"},
        ],
    }
    blocks = [
        {
            "type": "section",
            "block_id": "meeting-7",
            "text": {"type": "mrkdwn", "text": "*Møde 2*"},
            "accessory": overflow,
        }
    ]
    chosen = render_message(text="Møde 2", blocks=blocks).action(2)

    payload = payloads.block_actions(
        user_id="U0ANNA",
        action_id=chosen.action_id,
        block_id=chosen.block_id,
        value=chosen.value,
        action_type=chosen.kind,
        selected_option=chosen.selected_option,
        channel_id="C0FOOD",
        message={"ts": "1732270000.000100", "text": "Møde 2", "blocks": blocks},
    )

    assert _dispatch(app, payload).status == 200
    assert seen["picked"]["type"] == "overflow"
    assert seen["picked"]["block_id"] == "meeting-7"
    assert seen["picked"]["selected_option"]["value"] == "cancel:7"
    assert "value" not in seen["picked"]  # Slack reports menus by their option only


def test_checkbox_and_picker_choices_use_slacks_field_names() -> None:
    ticked = {"text": {"type": "plain_text", "text": "Kommuner"}, "value": "municipal"}

    checkbox = payloads.block_actions(
        user_id="U1", action_id="a", block_id="b", action_type="checkboxes", selected_option=ticked
    )
    picker = payloads.block_actions(
        user_id="U1", action_id="a", block_id="b", action_type="users_select", selection="U0BO"
    )

    assert checkbox["actions"][0]["selected_options"] == [ticked]
    assert picker["actions"][0]["selected_user"] == "U0BO"
    assert checkbox["container"]["is_ephemeral"] is True  # no message: an ephemeral click
