"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from bot.ids import Callback
from handlers.errors import Listener, answering
from handlers.views.coordinator_skip import submit_skip
from handlers.views.goal import submit_comment, submit_goal
from handlers.views.hearing import submit_answer, submit_registration, submit_reply
from handlers.views.hearing_memo import submit_memo_details, submit_theme
from handlers.views.minutes import submit_minutes
from handlers.views.phase_override import submit_phase_override
from handlers.views.roster_add import submit_roster_add
from handlers.views.travel import (
    submit_evaluation,
    submit_kickoff_minutes,
    submit_plan,
    submit_plan_comment,
)
from handlers.views.uptake import submit_answer as submit_uptake
from handlers.views.vote_override import submit_override
from handlers.views.vote_reason import submit_reason
from handlers.views.vote_statement import submit_statement

MODALS: dict[str, Listener] = {
    Callback.ROSTER_ADD.value: submit_roster_add,
    Callback.MINUTES.value: submit_minutes,
    Callback.VOTE_OVERRIDE.value: submit_override,
    Callback.VOTE_REASON.value: submit_reason,
    Callback.COORDINATOR_SKIP.value: submit_skip,
    Callback.PHASE_OVERRIDE.value: submit_phase_override,
    Callback.HEARING_ANSWER.value: submit_answer,
    Callback.HEARING_REPLY.value: submit_reply,
    Callback.HEARING_REGISTER.value: submit_registration,
    Callback.MEMO_DETAILS.value: submit_memo_details,
    Callback.HEARING_THEME.value: submit_theme,
    Callback.VOTE_STATEMENT.value: submit_statement,
    Callback.GOAL_EDIT.value: submit_goal,
    Callback.GOAL_COMMENT.value: submit_comment,
    Callback.TRAVEL_KICKOFF_MINUTES.value: submit_kickoff_minutes,
    Callback.TRAVEL_PLAN.value: submit_plan,
    Callback.TRAVEL_PLAN_COMMENT.value: submit_plan_comment,
    Callback.TRAVEL_EVALUATION.value: submit_evaluation,
    Callback.UPTAKE_ANSWER.value: submit_uptake,
}


def register(app: App) -> None:
    for callback_id, listener in MODALS.items():
        app.view(callback_id)(answering(listener))
