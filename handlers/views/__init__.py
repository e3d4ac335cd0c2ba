"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Callback
from handlers.errors import answering
from handlers.views.hearing import submit_answer, submit_registration, submit_reply
from handlers.views.minutes import submit_minutes
from handlers.views.roster_add import submit_roster_add
from handlers.views.vote_override import submit_override


def register(app: App) -> None:
    app.view(Callback.ROSTER_ADD.value)(answering(submit_roster_add))
    app.view(Callback.MINUTES.value)(answering(submit_minutes))
    app.view(Callback.VOTE_OVERRIDE.value)(answering(submit_override))
    app.view(Callback.HEARING_ANSWER.value)(answering(submit_answer))
    app.view(Callback.HEARING_REPLY.value)(answering(submit_reply))
    app.view(Callback.HEARING_REGISTER.value)(answering(submit_registration))
