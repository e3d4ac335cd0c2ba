"""Slack listeners: parse a payload, call one service, render one template, answer."""

from __future__ import annotations

from slack_bolt import App


def register_listeners(app: App) -> None:
    from handlers import actions, commands, events, views

    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)


def register_quick_listeners(app: App) -> None:
    """The listeners of the app that answers in the receiving thread (``bot.app.factory``)."""
    from handlers import actions

    actions.register_quick(app)
