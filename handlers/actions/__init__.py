"""Buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Action
from handlers.actions.home import refresh_home
from handlers.actions.phase import cancel_phase, confirm_phase
from handlers.errors import answering


def register(app: App) -> None:
    app.action(Action.PHASE_CONFIRM.value)(answering(confirm_phase))
    app.action(Action.PHASE_CANCEL.value)(answering(cancel_phase))
    app.action(Action.HOME_REFRESH.value)(answering(refresh_home))
