"""The app served over real HTTP (waitress on port 0), and a sender that signs like Slack."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from waitress import create_server

from bot.app.factory import PogiApp
from bot.console import payloads
from bot.console.standin import SlackStandIn

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-1-test"
"""The app-level token that opens Socket Mode connections."""


class AppServer:
    """``PogiApp.wsgi()`` behind waitress on 127.0.0.1:0, as ``pogi run --http`` serves it."""

    def __init__(self, app: PogiApp) -> None:
        self.app = app
        self.server = create_server(app.wsgi(), host="127.0.0.1", port=0, threads=8)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def deliver(self) -> None:
        """Send everything the outbox has due now, as the dispatcher does when kicked."""
        while self.app.dispatcher.run_once().claimed:
            pass

    def stop(self) -> None:
        # Closed from the server's own loop, so it is never polling a socket closed under it;
        # the loop ends once nothing is left open.
        def close_everything() -> None:
            for dispatcher in list(self.server._map.values()):
                dispatcher.close()

        # The loop may take the thunk before the write below, woken by a pull of its own (a
        # response just sent); it then closes the trigger first and the write fails.
        with contextlib.suppress(OSError):
            self.server.trigger.pull_trigger(close_everything)
        self.thread.join(10)
        self.app.finish_listeners()


@dataclass
class Reply:
    status: int
    body: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def text(self) -> str:
        """What the user reads: the fallback text and every text in the blocks."""
        return everything_said(self.json)


def everything_said(message: dict[str, Any]) -> str:
    parts: list[str] = [message.get("text") or ""]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str) and node.get("type") in ("mrkdwn", "plain_text"):
                parts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks") or [])
    return "\n".join(parts)


class Slack:
    """Sends what Slack sends, signed, to the app's ``/slack/events``."""

    def __init__(self, url: str, standin: SlackStandIn, *, secret: str = SIGNING_SECRET) -> None:
        self.url = url
        self.standin = standin
        self.secret = secret
        self.serial = 0

    def post(self, body: bytes, headers: dict[str, str], *, path: str = "/slack/events") -> Reply:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode())

    def send(self, payload: dict[str, Any], *, timestamp: int | None = None) -> Reply:
        body, headers = payloads.signed_request(
            payload, signing_secret=self.secret, timestamp=timestamp
        )
        return self.post(body, headers)

    def command(self, user: str, text: str, *, channel: str = "CGROUP") -> Reply:
        """The command's answer as the user sees it: pogi acknowledges at once and answers
        through the response URL, so this waits for that answer (or takes the
        acknowledgement's own body when it has one)."""
        self.serial += 1
        key = f"cmd{self.serial}"
        form = payloads.slash_command(
            text=text,
            user_id=user,
            channel_id=channel,
            response_url=self.standin.response_url(key),
        )
        acked = self.send(form)
        if acked.status != 200 or acked.body:
            return acked
        return Reply(200, json.dumps(self.answer_to(key, trigger_id=form["trigger_id"])))

    def answer_to(
        self, key: str, *, trigger_id: str | None = None, timeout: float = 5.0
    ) -> dict[str, Any]:
        """The first post to the response URL ``key`` (a command's answer), or ``{}`` once the
        command has opened a modal instead (``views.open`` with its ``trigger_id``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in self.standin.calls:
                if call.method == "response_url" and call.args.get("_key") == key:
                    return {k: v for k, v in call.args.items() if not k.startswith("_")}
                if (
                    trigger_id
                    and call.method == "views.open"
                    and (call.args.get("trigger_id") == trigger_id)
                ):
                    return {}
            time.sleep(0.005)
        return {}

    def click(
        self,
        user: str,
        action: dict[str, Any],
        *,
        channel: str = "CGROUP",
        message: dict[str, Any] | None = None,
    ) -> Reply:
        """Click a button element as found in a message the bot sent."""
        self.serial += 1
        return self.send(
            payloads.block_actions(
                user_id=user,
                action_id=action["action_id"],
                block_id=action.get("block_id", "b"),
                value=action.get("value"),
                channel_id=channel,
                message=message or {"ts": "1.000100", "text": "", "blocks": []},
                response_url=self.standin.response_url(f"act{self.serial}"),
            )
        )

    def submit(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> Reply:
        return self.send(payloads.view_submission(user_id=user, view=view, values=values))

    def home_opened(self, user: str) -> Reply:
        return self.send(payloads.event_callback(payloads.app_home_opened(user_id=user)))

    def get(self, path: str) -> Reply:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode())


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons in a message by their label, with their block id."""
    found: dict[str, dict[str, Any]] = {}
    for block in message.get("blocks") or []:
        elements = block.get("elements") or []
        if block.get("accessory"):
            elements = [*elements, block["accessory"]]
        for element in elements:
            if element.get("type") == "button":
                found[element["text"]["text"]] = {**element, "block_id": block.get("block_id", "b")}
    return found


def move_on(
    slack: Slack,
    *,
    reason: str = "Testens forudsætning",
    channel: str = "CGROUP",
    user: str = "USEK",
) -> Reply:
    """``/pogi fase næste`` as the secretariat: ``Bekræft`` when every condition is met,
    otherwise ``Flyt alligevel`` with ``reason`` in its modal."""
    asked = slack.command(user, "fase næste", channel=channel)
    offered = buttons(asked.json)
    if "Bekræft" in offered:
        return slack.click(user, offered["Bekræft"], channel=channel)
    opened = len(slack.standin.calls_to("views.open"))
    assert slack.click(user, offered["Flyt alligevel"], channel=channel).status == 200
    view = slack.standin.wait_for("views.open", opened + 1)[-1].response["view"]
    value = {"type": "plain_text_input", "value": reason}
    return slack.submit(user, view, {"phase_reason": {"reason": value}})


def prepare(slack: Slack, *, channel: str = "CGROUP") -> None:
    """Meet the conditions to leave preparation: a coordinator, the background report, the terms
    of reference and the reason there was no supplier dialogue."""
    for text in (
        "tovholder <@UANNE|anne>",
        "dokument add baggrundsrapport https://pogi.dk/baggrund.pdf",
        "dokument add kommissorium https://pogi.dk/kommissorium.docx",
        "dokument ingen-leverandørdialog Markedet er afdækket i SKI's udbud",
    ):
        assert slack.command("USEK", text, channel=channel).status == 200
