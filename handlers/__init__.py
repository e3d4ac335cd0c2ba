"""Slack listeners: parse a payload, call one service, render one template, answer."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, events, views


def register_listeners(app: App) -> None:
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)
