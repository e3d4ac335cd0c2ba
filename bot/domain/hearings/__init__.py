"""Hearing rounds on a revision's draft (seeds/003): first a broad internal hearing among all
members, then an industry hearing; the working group's replies; the consultation memo.

Every answer is stored before the modal that carries it is acknowledged; an organisation's latest
answer counts, and earlier versions are kept.

By concept: ``views`` (the words, the frozen views and how they are read), ``opening``,
``answers``, ``replies``, ``parties``, ``closing`` and ``memo``. The names other modules use are
here.
"""

from __future__ import annotations

from bot.domain.hearings.answers import answer_form, register_answer, register_form, submit_answer
from bot.domain.hearings.closing import close, close_due, close_here, organisation_has_answered
from bot.domain.hearings.memo import DetailsForm, details_form, memo, memo_of, save_details
from bot.domain.hearings.opening import open_confirmed, open_hearing, propose
from bot.domain.hearings.parties import add_party, parties, remove_party
from bot.domain.hearings.replies import DECISION_MISSING, REMARKS_MISSING, reply, reply_form
from bot.domain.hearings.themes import (
    AnswerChoice,
    ThemeForm,
    ThemeInput,
    ThemeList,
    listing,
    remove_theme,
    save_theme,
    theme_form,
)
from bot.domain.hearings.views import (
    ACCEPTED,
    ANNOUNCED,
    ANSWER_LIMIT,
    CLOSED,
    CLOSED_NOTICE,
    CUSTOMARY,
    DECISIONS,
    INDUSTRY,
    INTERNAL,
    INVITED,
    MEMO,
    MEMO_WORD,
    NOTED,
    OPEN,
    PARTLY,
    REJECTED,
    REMINDER,
    AnswerView,
    HearingView,
    Memo,
    MemoDetails,
    PartyView,
    ReplyView,
    ShortNotice,
    ThemeView,
    get,
    overview,
    subject_of,
)

__all__ = [
    "ACCEPTED",
    "ANNOUNCED",
    "ANSWER_LIMIT",
    "CLOSED",
    "CLOSED_NOTICE",
    "CUSTOMARY",
    "DECISIONS",
    "DECISION_MISSING",
    "INDUSTRY",
    "INTERNAL",
    "INVITED",
    "MEMO",
    "MEMO_WORD",
    "NOTED",
    "OPEN",
    "PARTLY",
    "REJECTED",
    "REMARKS_MISSING",
    "REMINDER",
    "AnswerChoice",
    "AnswerView",
    "DetailsForm",
    "HearingView",
    "Memo",
    "MemoDetails",
    "PartyView",
    "ReplyView",
    "ShortNotice",
    "ThemeForm",
    "ThemeInput",
    "ThemeList",
    "ThemeView",
    "add_party",
    "answer_form",
    "close",
    "close_due",
    "close_here",
    "details_form",
    "get",
    "listing",
    "memo",
    "memo_of",
    "open_confirmed",
    "open_hearing",
    "organisation_has_answered",
    "overview",
    "parties",
    "propose",
    "register_answer",
    "register_form",
    "remove_party",
    "remove_theme",
    "reply",
    "reply_form",
    "save_details",
    "save_theme",
    "subject_of",
    "submit_answer",
    "theme_form",
]
