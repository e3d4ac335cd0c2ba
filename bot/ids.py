"""Every action, callback and block id in one place (STYLE §4)."""

from __future__ import annotations

from enum import StrEnum

COMMAND = "/pogi"


class Action(StrEnum):
    PHASE_CONFIRM = "phase_confirm"
    PHASE_CANCEL = "phase_cancel"
    PHASE_OVERRIDE = "phase_override"
    LAUNCHED = "launched"
    HOME_REFRESH = "home_refresh"
    MEETING_CONFIRM = "meeting_confirm"
    MEETING_DISCARD = "meeting_discard"
    MINUTES_OPEN = "minutes_open"
    HOMEWORK_DONE = "homework_done"
    VOTE_FOR = "vote_for"
    VOTE_AGAINST = "vote_against"
    VOTE_ABSTAIN = "vote_abstain"
    APPROVAL_PENDING = "approval_pending"
    APPROVAL_GIVEN = "approval_given"
    VOTE_OVERRIDE = "vote_override"
    VOTE_CLOSE_CONFIRM = "vote_close_confirm"
    VOTE_CLOSE_CANCEL = "vote_close_cancel"
    COORDINATOR_CONFIRM = "coordinator_confirm"
    COORDINATOR_SKIP = "coordinator_skip"
    HEARING_CONFIRM = "hearing_confirm"
    HEARING_DISCARD = "hearing_discard"
    HEARING_RESPOND = "hearing_respond"
    HEARING_REPLY = "hearing_reply"
    HEARING_REGISTER = "hearing_register"
    ERASE_CONFIRM = "erase_confirm"
    ERASE_CANCEL = "erase_cancel"
    GOAL_SHOW = "goal_show"


class Callback(StrEnum):
    ROSTER_ADD = "roster_add"
    MINUTES = "minutes"
    VOTE_OVERRIDE = "vote_override"
    COORDINATOR_SKIP = "coordinator_skip"
    PHASE_OVERRIDE = "phase_override"
    HEARING_ANSWER = "hearing_answer"
    HEARING_REPLY = "hearing_reply"
    HEARING_REGISTER = "hearing_register"
    GOAL_EDIT = "goal_edit"


class Block(StrEnum):
    ROSTER_USER = "roster_user"
    ROSTER_ORGANISATION = "roster_organisation"
    ROSTER_ROLES = "roster_roles"
    MINUTES_ATTENDANCE = "minutes_attendance"
    MINUTES_DECISIONS = "minutes_decisions"
    MINUTES_NOTES = "minutes_notes"
    OVERRIDE_REASON = "override_reason"
    SKIP_REASON = "skip_reason"
    PHASE_REASON = "phase_reason"
    HEARING_ORGANISATION = "hearing_organisation"
    HEARING_TEXT = "hearing_text"
    HEARING_URL = "hearing_url"
    HEARING_RECEIVED = "hearing_received"
    REPLY_COMMENT = "reply_comment"
    REPLY_DECISION = "reply_decision"
    REPLY_REASON = "reply_reason"
    REPLY_CHANGE = "reply_change"
    GOAL_PART = "goal_part"
    """A prefix: ``goal_part:background:1`` is the second piece of the background."""


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"
