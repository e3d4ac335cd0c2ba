"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Callback
from handlers.errors import answering
from handlers.views.roster_add import submit_roster_add


def register(app: App) -> None:
    app.view(Callback.ROSTER_ADD.value)(answering(submit_roster_add))
