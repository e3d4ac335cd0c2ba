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
from handlers.routes import register_routes

BUTTONS = {
    Action.PHASE_CONFIRM.value: confirm_phase,
    Action.PHASE_CANCEL.value: cancel_phase,
    Action.HOME_REFRESH.value: refresh_home,
    Action.MEETING_CONFIRM.value: confirm_meeting,
    Action.MEETING_DISCARD.value: discard_meeting,
    Action.MINUTES_OPEN.value: open_minutes,
    Action.HOMEWORK_DONE.value: homework_done,
    Action.VOTE_FOR.value: vote_button,
    Action.VOTE_AGAINST.value: vote_button,
    Action.VOTE_ABSTAIN.value: vote_button,
    Action.APPROVAL_PENDING.value: vote_button,
    Action.APPROVAL_GIVEN.value: vote_button,
    Action.VOTE_OVERRIDE.value: ask_override_reason,
    Action.HEARING_CONFIRM.value: confirm_hearing,
    Action.HEARING_DISCARD.value: discard_hearing,
    Action.HEARING_RESPOND.value: open_answer_form,
    Action.HEARING_REPLY.value: open_reply_form,
    Action.HEARING_REGISTER.value: open_register_form,
}


def register(app: App) -> None:
    register_routes(app.action, BUTTONS, id_of=lambda body: body["actions"][0]["action_id"])


QUICK = frozenset(action_id for action_id, listener in BUTTONS.items() if listener is vote_button)
"""Buttons clicked in storms (a vote): answered in the thread that received the click."""


def answers_at_once(payload: dict) -> bool:
    """Whether the request is a click on one of the ``QUICK`` buttons."""
    actions = payload.get("actions")
    return (
        payload.get("type") == "block_actions"
        and isinstance(actions, list)
        and len(actions) == 1
        and isinstance(actions[0], dict)
        and actions[0].get("action_id") in QUICK
    )


def register_quick(app: App) -> None:
    register_routes(
        app.action,
        {action_id: BUTTONS[action_id] for action_id in QUICK},
        id_of=lambda body: body["actions"][0]["action_id"],
    )
