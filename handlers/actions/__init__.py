"""Buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Action
from handlers.actions.coordinator import ask_skip_reason, confirm_coordinator
from handlers.actions.goal import open_comment_form, show_version
from handlers.actions.hearing import (
    confirm_hearing,
    discard_hearing,
    open_answer_form,
    open_register_form,
    open_reply_form,
)
from handlers.actions.home import refresh_home
from handlers.actions.homework import homework_done
from handlers.actions.launch import launched
from handlers.actions.meeting import confirm_meeting, discard_meeting, open_minutes
from handlers.actions.phase import ask_phase_reason, cancel_phase, confirm_phase
from handlers.actions.poll import answer_poll, close_poll, pick_poll
from handlers.actions.roster import cancel_erase, confirm_erase
from handlers.actions.travel import (
    activity_done,
    approve_plan,
    confirm_travel_meeting,
    example_step,
    open_evaluation,
    open_kickoff_minutes,
    open_plan_comment,
)
from handlers.actions.uptake import open_answer_form as open_uptake_form
from handlers.actions.vote import (
    ask_override_reason,
    cancel_close,
    confirm_close,
    open_reason_form,
    vote_button,
)
from handlers.errors import Listener, answering

BUTTONS: dict[str, Listener] = {
    Action.PHASE_CONFIRM.value: confirm_phase,
    Action.PHASE_CANCEL.value: cancel_phase,
    Action.PHASE_OVERRIDE.value: ask_phase_reason,
    Action.LAUNCHED.value: launched,
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
    Action.VOTE_REASON.value: open_reason_form,
    Action.VOTE_CLOSE_CONFIRM.value: confirm_close,
    Action.VOTE_CLOSE_CANCEL.value: cancel_close,
    Action.COORDINATOR_CONFIRM.value: confirm_coordinator,
    Action.COORDINATOR_SKIP.value: ask_skip_reason,
    Action.HEARING_CONFIRM.value: confirm_hearing,
    Action.HEARING_DISCARD.value: discard_hearing,
    Action.HEARING_RESPOND.value: open_answer_form,
    Action.HEARING_REPLY.value: open_reply_form,
    Action.HEARING_REGISTER.value: open_register_form,
    Action.ERASE_CONFIRM.value: confirm_erase,
    Action.ERASE_CANCEL.value: cancel_erase,
    Action.POLL_ANSWER.value: answer_poll,
    Action.POLL_PICK.value: pick_poll,
    Action.POLL_CLOSE.value: close_poll,
    Action.GOAL_SHOW.value: show_version,
    Action.GOAL_COMMENT.value: open_comment_form,
    Action.TRAVEL_MEETING_CONFIRM.value: confirm_travel_meeting,
    Action.TRAVEL_KICKOFF_MINUTES.value: open_kickoff_minutes,
    Action.TRAVEL_PLAN_APPROVE.value: approve_plan,
    Action.TRAVEL_PLAN_COMMENT.value: open_plan_comment,
    Action.TRAVEL_ACTIVITY_DONE.value: activity_done,
    Action.TRAVEL_EVALUATE.value: open_evaluation,
    Action.TRAVEL_EXAMPLE_STEP.value: example_step,
    Action.UPTAKE_IMPLEMENTED.value: open_uptake_form,
    Action.UPTAKE_IN_PROGRESS.value: open_uptake_form,
    Action.UPTAKE_NOT_RELEVANT.value: open_uptake_form,
}


def register(app: App) -> None:
    for action_id, listener in BUTTONS.items():
        # a vote click's first act is its ballot's transaction (handlers.errors.answering)
        app.action(action_id)(answering(listener, look_first=listener is not vote_button))
