"""The manifest matches the app: commands, events and interactivity, and exactly the scopes the
code's Web API calls need."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from slack_bolt import App

from bot.ids import COMMAND, Event
from handlers import register_listeners

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))

# The bot scopes each Web API method needs (api.slack.com/methods). A method the code starts to
# call that is missing here fails the test, so the manifest cannot fall behind.
SCOPES = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.delete": {"chat:write"},
    "views.open": set(),
    "views.update": set(),
    "views.push": set(),
    "views.publish": set(),
    "users.info": {"users:read"},
    "conversations.join": {"channels:join"},
    "conversations.open": {"im:write"},
    "conversations.info": {"channels:read", "groups:read"},
    "files.getUploadURLExternal": {"files:write"},
    "files.completeUploadExternal": {"files:write"},
    "files.upload_v2": {"files:write"},
    "files.list": {"files:read"},
    # with the app-level token (connections:write), as Socket Mode itself does: no bot scope
    "apps.connections_open": set(),
}
CALL = re.compile(r"\b(?:client|lookup_client)\.([a-z]+)_([A-Za-z0-9_]+)\(")


class RecordingApp(App):
    def __init__(self) -> None:
        super().__init__(
            signing_secret="x",
            token_verification_enabled=False,
            token="xoxb-x",
            request_verification_enabled=False,
        )
        self.registered: dict[str, set[str]] = {
            "command": set(),
            "event": set(),
            "action": set(),
            "view": set(),
        }

    def command(self, command, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.registered["command"].add(command)
        return super().command(command, *args, **kwargs)

    def event(self, event, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.registered["event"].add(event)
        return super().event(event, *args, **kwargs)

    def action(self, constraints, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.registered["action"].add(constraints)
        return super().action(constraints, *args, **kwargs)

    def view(self, constraints, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.registered["view"].add(constraints)
        return super().view(constraints, *args, **kwargs)


def registered() -> dict[str, set[str]]:
    app = RecordingApp()
    register_listeners(app)
    return app.registered


def methods_called() -> set[str]:
    found = set()
    for folder in ("bot", "handlers", "storage"):
        for path in (ROOT / folder).rglob("*.py"):
            if "console" in path.relative_to(ROOT).parts:
                continue  # the console talks to its own stand-in, not to Slack
            for group, name in CALL.findall(path.read_text(encoding="utf-8")):
                found.add(f"{group}.{name}")
    return found | {"auth.test"}  # Bolt checks the token


def test_slash_commands_match():
    commands = {c["command"] for c in MANIFEST["features"]["slash_commands"]}
    assert commands == registered()["command"] == {COMMAND}


def test_slash_command_mentions_arrive_escaped():
    assert all(c["should_escape"] is True for c in MANIFEST["features"]["slash_commands"])


def test_events_match():
    assert set(MANIFEST["settings"]["event_subscriptions"]["bot_events"]) == registered()["event"]
    assert Event.APP_HOME_OPENED.value in registered()["event"]


def test_interactivity_and_home_tab_are_on():
    assert registered()["action"] and registered()["view"]
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_socket_mode_is_a_switch_not_a_requirement():
    assert isinstance(MANIFEST["settings"]["socket_mode_enabled"], bool)


def test_scopes_are_exactly_what_the_code_needs():
    called = methods_called()
    unknown = called - set(SCOPES)
    assert not unknown, f"add these methods and their scopes to SCOPES: {sorted(unknown)}"
    needed = {"commands"}.union(*(SCOPES[method] for method in called))
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed
