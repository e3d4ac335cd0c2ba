"""Events."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Event
from handlers.errors import answering
from handlers.events.home import home_opened


def register(app: App) -> None:
    app.event(Event.APP_HOME_OPENED.value)(answering(home_opened))
