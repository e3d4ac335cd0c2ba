"""Steering-group votes (SPEC §4): one ballot per seat, the latest counts, the tally always from
stored ballots; a quorum of more than half the seats; more For than Imod passes, a tie does not.

``tally`` counts (pure), ``views`` reads, ``opening`` opens, ``ballots`` stores a click,
``closing`` closes and decides, ``protocol`` shares the decision record, ``reasons`` keeps the
short reason a seat gives for its ballot.
"""

from bot.domain.votes.ballots import BALLOT_WAIT, cast, set_approval
from bot.domain.votes.closing import (
    CloseEarly,
    close,
    close_due,
    close_early,
    close_here,
    follow_meeting,
)
from bot.domain.votes.opening import HIDDEN_WORD, OPEN_REFUSAL, SPRING_MONTHS, open_vote
from bot.domain.votes.protocol import protocol
from bot.domain.votes.reasons import REASON_LIMIT, ReasonForm, give_reason, reason_form
from bot.domain.votes.tally import ABSTAIN, AGAINST, CHOICES, FOR, GIVEN, PENDING, Seat, Tally
from bot.domain.votes.views import (
    ACTIVITY_PLAN,
    AMBASSADOR,
    CANCELLED,
    CLOSED,
    GOAL,
    OPEN,
    POSTED,
    PROTOCOL,
    REFRESH,
    REMINDER,
    RESULT,
    OverrideNeeded,
    Receipt,
    VoteTitle,
    VoteView,
    closed_votes,
    get,
    open_for_revision,
    open_in_channel,
    remember_message,
    seat_has_voted,
    subject_of,
)

__all__ = [
    "ABSTAIN",
    "ACTIVITY_PLAN",
    "AGAINST",
    "AMBASSADOR",
    "BALLOT_WAIT",
    "CANCELLED",
    "CHOICES",
    "CLOSED",
    "FOR",
    "GIVEN",
    "GOAL",
    "HIDDEN_WORD",
    "OPEN",
    "OPEN_REFUSAL",
    "PENDING",
    "POSTED",
    "PROTOCOL",
    "REASON_LIMIT",
    "REFRESH",
    "REMINDER",
    "RESULT",
    "SPRING_MONTHS",
    "CloseEarly",
    "OverrideNeeded",
    "ReasonForm",
    "Receipt",
    "Seat",
    "Tally",
    "VoteTitle",
    "VoteView",
    "cast",
    "close",
    "close_due",
    "close_early",
    "close_here",
    "closed_votes",
    "follow_meeting",
    "get",
    "give_reason",
    "open_for_revision",
    "open_in_channel",
    "open_vote",
    "protocol",
    "reason_form",
    "remember_message",
    "seat_has_voted",
    "set_approval",
    "subject_of",
]
