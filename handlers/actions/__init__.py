"""Buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Action
from handlers.actions.hearing import (
    confirm_hearing,
    discard_hearing,
    open_answer_form,
    open_register_form,
    open_reply_form,
)
from handlers.actions.home import refresh_home
from handlers.actions.homework import homework_done
from handlers.actions.meeting import confirm_meeting, discard_meeting, open_minutes
from handlers.actions.phase import cancel_phase, confirm_phase
from handlers.actions.vote import ask_override_reason, vote_button
from handlers.errors import answering


def register(app: App) -> None:
    app.action(Action.PHASE_CONFIRM.value)(answering(confirm_phase))
    app.action(Action.PHASE_CANCEL.value)(answering(cancel_phase))
    app.action(Action.HOME_REFRESH.value)(answering(refresh_home))
    app.action(Action.MEETING_CONFIRM.value)(answering(confirm_meeting))
    app.action(Action.MEETING_DISCARD.value)(answering(discard_meeting))
    app.action(Action.MINUTES_OPEN.value)(answering(open_minutes))
    app.action(Action.HOMEWORK_DONE.value)(answering(homework_done))
    for button in (
        Action.VOTE_FOR,
        Action.VOTE_AGAINST,
        Action.VOTE_ABSTAIN,
        Action.APPROVAL_PENDING,
        Action.APPROVAL_GIVEN,
    ):
        app.action(button.value)(answering(vote_button))
    app.action(Action.VOTE_OVERRIDE.value)(answering(ask_override_reason))
    app.action(Action.HEARING_CONFIRM.value)(answering(confirm_hearing))
    app.action(Action.HEARING_DISCARD.value)(answering(discard_hearing))
    app.action(Action.HEARING_RESPOND.value)(answering(open_answer_form))
    app.action(Action.HEARING_REPLY.value)(answering(open_reply_form))
    app.action(Action.HEARING_REGISTER.value)(answering(open_register_form))
