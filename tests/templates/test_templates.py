"""Every template renders, in Danish and English, into Block Kit that Slack accepts."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.domain import goals, uptake
from bot.domain.activity_plan import PlanItem, PlanTie, PlanView
from bot.domain.goals import GoalText
from bot.domain.hearings import (
    AnswerChoice,
    DetailsForm,
    MemoDetails,
    PartyView,
    ShortNotice,
    ThemeForm,
    ThemeList,
    ThemeView,
)
from bot.domain.history import HistoryLine, HistoryPage
from bot.domain.meetings.polls import AnswerReceipt
from bot.domain.outbox import Undelivered
from bot.domain.revisions import RotationProposal, Skipped
from bot.domain.roles import Role
from bot.domain.votes import OverrideNeeded, ReasonForm, Receipt, StatementForm, VoteTitle
from bot.presentation.i18n import Translator
from bot.presentation.render import TEMPLATES, Renderer
from bot.presentation.text import text
from handlers.actions.meeting import confirm_value
from tests.support import factories as f


def _reason_form(organisation: str, reason: str) -> ReasonForm:
    return ReasonForm(4, VoteTitle("goal", organisation), 1, organisation, "against", reason)


NASTY = "Rengøring <b>&</b> *møbler* <!channel>"
ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
THEME = ThemeView(3, NASTY, NASTY, NASTY, "partly", NASTY, ((1, NASTY), (2, "Dansk Industri")))
PLAN = (
    PlanItem(NASTY, "revision", date(2027, 3, 1)),
    PlanItem("Møbler", "new", date(2027, 9, 15)),
)


def _history(goal: str, *, lines: int, page: int, pages: int) -> HistoryPage:
    said = text(
        "%(who)s gav %(assignee)s hjemmearbejdet »%(task)s« med frist %(due)s",
        who="Sofie Holm",
        assignee="Ditte Krogh",
        task=NASTY * 30,
        due=NOW,
    )
    return HistoryPage(
        goal,
        [
            HistoryLine(
                n, NOW, "USEK", "Sofie Holm", "homework.assign", "homework:1", said, None, {}
            )
            for n in range(lines)
        ],
        page,
        pages,
        lines * pages,
    )


def samples() -> dict[str, list[dict[str, Any]]]:
    """Sample data per template: the ordinary case, the long case and hostile text."""
    many = f.group(NASTY, organisations=60)
    a = f.secretariat()
    return {
        "notice": [
            {"lines": ["Kun sekretariatet kan starte en revision."]},
            {"lines": ["x" * 5000, NASTY]},
        ],
        "help": [
            {
                "actor": f.secretariat(),
                "person": f.secretariat().person,
                "revision": None,
                "unknown": None,
            },
            {
                "actor": f.secretariat(),
                "person": f.person_view(),
                "revision": f.revision(NASTY),
                "unknown": NASTY,
            },
            {"actor": f.secretariat(), "person": None, "revision": None, "unknown": None},
        ],
        "status_all": [
            {
                "actor": f.secretariat(),
                "revisions": [f.phase()],
                "steering_here": True,
                "undelivered": [],
            },
            {
                "actor": f.secretariat(),
                "revisions": [f.phase(NASTY, current=6)] * 80,
                "steering_here": False,
                "uptake": {1: _uptake(NASTY, 120)},
                "undelivered": [Undelivered("meeting.reminder", "CGONE", NOW, "channel_not_found")]
                * 12,
            },
            {"actor": f.secretariat(), "revisions": [], "steering_here": False, "undelivered": []},
        ],
        "status_revision": [
            {
                "actor": f.secretariat(),
                "phase": f.phase(),
                "group": f.group(),
                "next_meeting": f.meeting(),
                "open_homework": 1,
                "hearing": None,
                "vote": None,
                "plan": None,
            },
            {
                "actor": f.secretariat(),
                "phase": f.phase(),
                "group": f.group(),
                "next_meeting": None,
                "open_homework": 0,
                "hearing": f.hearing(),
                "vote": f.vote(),
                "plan": PlanTie(2027, "revision", date(2027, 3, 1), NOW, True),
            },
            {
                "actor": f.secretariat(),
                "phase": f.phase(NASTY, current=6, missing=False, overrides=1),
                "group": f.group(NASTY, organisations=1, ok=False),
                "next_meeting": None,
                "open_homework": 0,
                "hearing": None,
                "vote": None,
                "plan": PlanTie(2027, "new", date(2027, 3, 1), None, False),
            },
        ],
        "activity_plan": [
            {"actor": a, "plan": PlanView(2027, PLAN, False, None), "change": None},
            {
                "actor": a,
                "plan": PlanView(2027, PLAN * 20, False, NOW, changed_since_approval=True),
                "change": {"added": PLAN[0]},
            },
            {
                "actor": f.secretariat().__class__("UOUT"),
                "plan": PlanView(2028, (), True, None),
                "change": {"removed": PLAN[1]},
            },
        ],
        "history": [
            {"actor": a, "history": _history(NASTY, lines=20, page=1, pages=3)},
            {"actor": a, "history": _history("Rengøring", lines=0, page=1, pages=1)},
            {"actor": a, "history": _history("x" * 3000, lines=3, page=3, pages=3)},
        ],
        "roster_erase_confirm": [
            {"actor": a, "person": f.person_view()},
            {"actor": a, "person": f.person_view("UX", NASTY * 40, NASTY)},
        ],
        "roster": [
            {
                "actor": f.secretariat(),
                "organisations": {
                    "Aarhus Kommune": [
                        f.person_view(),
                        f.person_view("UCARL", "Carl", "Aarhus Kommune", Role.STEERING_DEPUTY),
                    ]
                },
            },
            {
                "actor": f.secretariat(),
                "organisations": {f"{NASTY} {n}": [f.person_view()] * 30 for n in range(70)},
            },
            {"actor": f.secretariat(), "organisations": {}},
        ],
        "roster_added": [
            {"actor": f.secretariat(), "person": f.person_view(), "created": True},
            {
                "actor": f.secretariat(),
                "person": f.person_view("UX", NASTY, NASTY, *Role),
                "created": False,
            },
        ],
        "roster_add_modal": [{"actor": f.secretariat(), "roles": list(Role)}],
        "revision_started": [
            {"actor": f.secretariat(), "revision": f.revision(NASTY), "by": "USEK"}
        ],
        "group": [
            {"actor": f.secretariat(), "group": f.group()},
            {"actor": f.secretariat(), "group": many},
            {"actor": f.secretariat(), "group": f.group(organisations=1, ok=False)},
        ],
        "group_changed": [{"actor": f.secretariat(), "change": f.change(NASTY), "by": "USEK"}],
        "coordinator_appointed": [
            {"actor": f.secretariat(), "group": f.group(NASTY), "by": "USEK"},
            {"actor": a, "group": f.group(), "by": "USEK", "by_rotation": True},
        ],
        "coordinator_proposal": [
            {
                "actor": a,
                "proposal": RotationProposal(
                    "CGROUP", NASTY, f.person_view(), (NOW, NASTY), (Skipped(NASTY, NASTY),) * 30
                ),
            },
            {
                "actor": a,
                "proposal": RotationProposal("CGROUP", "Møbler", f.person_view(), None, ()),
            },
            {"actor": a, "proposal": None},
        ],
        "coordinator_skip_modal": [{"actor": a, "metadata": "{}", "user_id": "UANNE"}],
        "steering": [
            {"actor": f.secretariat(), "current": "CSTEER", "changed": True, "previous": "COLD"},
            {"actor": f.secretariat(), "current": "CSTEER", "changed": False, "previous": None},
            {"actor": f.secretariat(), "current": None, "changed": False, "previous": None},
        ],
        "phase": [
            {"actor": f.secretariat(), "phase": f.phase(NASTY)},
            {"actor": f.secretariat(), "phase": f.phase(current=3, missing=False)},
            {"actor": f.secretariat(), "phase": f.phase(NASTY, current=2, overrides=8)},
        ],
        "phase_refused": [
            {
                "actor": f.secretariat(),
                "phase": f.phase(NASTY),
                "upcoming": f.phase(current=1).revision.phase,
            }
        ],
        "phase_override_modal": [
            {"actor": f.secretariat(), "phase": f.phase(NASTY), "value": "CGROUP|forberedelse"}
        ],
        "documents": [
            {"actor": f.secretariat(), "documents": f.documents()},
            {"actor": f.secretariat(), "documents": f.documents(NASTY, many=60)},
            {"actor": f.secretariat(), "documents": f.documents(empty=True)},
        ],
        "document_added": [
            {"actor": f.secretariat(), "document": f.documents().documents[0], "by": "USEK"},
            {"actor": f.secretariat(), "document": f.documents(NASTY).documents[1], "by": "USEK"},
        ],
        "document_no_dialogue": [{"actor": f.secretariat(), "reason": NASTY, "by": "USEK"}],
        "launch_confirmed": [{"actor": f.secretariat(), "revision": f.revision(NASTY), "by": "U1"}],
        "phase_confirm": [
            {
                "actor": f.secretariat(),
                "phase": f.phase(NASTY),
                "upcoming": f.phase(current=1).revision.phase,
            }
        ],
        "phase_moved": [{"actor": f.secretariat(), "move": f.moved(NASTY)}],
        "home": [
            {
                "actor": f.secretariat(),
                "mine": [f.revision()],
                "every": [f.revision(NASTY)] * 60,
                "now": NOW,
                "meetings": [f.meeting(NASTY)] * 12,
                "homework": [f.homework(NASTY)] * 12,
                "uptake_open": [(_uptake(NASTY, 3), _uptake(NASTY, 3).organisations[1])] * 12,
            },
            {
                "actor": f.secretariat().__class__("UOUT"),
                "mine": [],
                "every": [],
                "now": NOW,
                "meetings": [],
                "homework": [],
            },
        ],
        "meeting_proposal": [
            {"actor": a, "proposal": p, "confirm_value": confirm_value(p), "alternative_value": ""}
            for p in (f.proposal(NASTY, assumed=True), f.proposal())
        ]
        + [
            {
                "actor": a,
                "proposal": replace(f.proposal(), alternative=f.proposal(NASTY)),
                "confirm_value": confirm_value(f.proposal()),
                "alternative_value": confirm_value(f.proposal(NASTY)),
            }
        ],
        "meeting_announced": [
            {"actor": a, "meeting": f.meeting(NASTY, number=n)} for n in (1, 2, 3, 4, 5)
        ]
        + [{"actor": a, "meeting": f.meeting(kind="steering", title="")}],
        "meeting_moved": [
            {"actor": a, "meeting": f.meeting(NASTY), "before_start": NOW, "before_end": NOW}
        ],
        "meeting_cancelled": [
            {"actor": a, "meeting": f.meeting(NASTY, status="cancelled"), "votes": []},
            {
                "actor": a,
                "meeting": f.meeting(kind="steering", status="cancelled"),
                "votes": [
                    {"title": NASTY, "kind": "goal", "moved_to": 2, "span": (NOW, NOW)},
                    {"title": "2027", "kind": "activity_plan", "moved_to": None, "span": None},
                ],
            },
        ],
        "meeting_reminder": [
            {"actor": a, "meeting": f.meeting(NASTY), "now": NOW},
            {"actor": a, "meeting": f.meeting(title=""), "now": NOW},
        ],
        "meeting_minutes_prompt": [{"actor": a, "meeting": f.meeting(NASTY)}],
        "minutes_modal": [
            {
                "actor": a,
                "meeting": f.meeting(NASTY),
                "organisations": [NASTY, "Odense Kommune"],
                "minutes": f.minutes(),
            },
            {
                "actor": a,
                "meeting": f.meeting(),
                "organisations": [f"Org {n}" for n in range(150)],
                "minutes": None,
            },
            {"actor": a, "meeting": f.meeting(), "organisations": [], "minutes": None},
        ],
        "meeting_minutes": [
            {"actor": a, "minutes": f.minutes(NASTY)},
            {"actor": a, "minutes": f.minutes(empty=True)},
        ],
        "meetings_list": [
            {"actor": a, "meetings": [f.meeting(NASTY)] * 50, "everywhere": True},
            {"actor": a, "meetings": [], "everywhere": False},
        ],
        "meeting_changed": [
            {"actor": a, "meeting": f.meeting(), "cancelled": True},
            {"actor": a, "meeting": f.meeting(NASTY), "cancelled": False},
        ],
        "homework_posted": [
            {"actor": a, "homework": f.homework(NASTY)},
            {"actor": a, "homework": f.homework(whole_day=True)},
        ],
        "homework_done": [{"actor": a, "homework": f.homework(NASTY, done=True)}],
        "homework_assigned": [{"actor": a, "homework": f.homework(NASTY)}],
        "homework_reminder": [{"actor": a, "homework": f.homework(NASTY), "now": NOW}],
        "homework_overdue": [{"actor": a, "homework": f.homework(NASTY, whole_day=True)}],
        "homework_given": [
            {"actor": a, "given": [f.homework(NASTY)]},
            {"actor": a, "given": [f.homework(NASTY), f.homework()]},
        ],
        "homework_list": [
            {
                "actor": a,
                "by_person": {NASTY: [f.homework(NASTY)] * 20, "Bo": [f.homework()]},
                "everywhere": True,
            },
            {"actor": a, "by_person": {}, "everywhere": False},
        ],
        "homework_completed": [
            {"actor": a, "homework": f.homework(NASTY), "already": True},
            {"actor": a, "homework": f.homework(), "already": False},
        ],
        "modal_done": [{"actor": a, "title": "Referat", "lines": ["Gemt.", NASTY]}],
        "vote_message": [
            {"actor": a, "vote": f.vote(NASTY, override=NASTY)},
            {"actor": a, "vote": f.vote(kind="activity_plan", title="2027", seats=60)},
            {"actor": a, "vote": f.vote(closed=True)},
            {"actor": a, "vote": f.vote(opens=True)},
            {"actor": a, "vote": f.vote(hidden=True)},
            {"actor": a, "vote": f.vote(kind="activity_plan", title="2027", plan=PLAN * 30)},
            {"actor": a, "vote": f.vote(kind="activity_plan", title="2028", plan=())},
            {"actor": a, "vote": f.vote(cancelled=True)},
        ],
        "vote_close_confirm": [{"actor": a, "vote": f.vote(NASTY, opens=True)}],
        "vote_receipt": [
            {"actor": a, "receipt": Receipt(f.vote(NASTY), NASTY, "for", None), "kind": "ballot"},
            {
                "actor": a,
                "receipt": Receipt(f.vote(), "Aarhus", "against", "for"),
                "kind": "ballot",
            },
            {"actor": a, "receipt": Receipt(f.vote(), "Aarhus", "given", None), "kind": "approval"},
        ],
        "vote_result": [
            {"actor": a, "vote": f.vote(NASTY, closed=True, override=NASTY)},
            {"actor": a, "vote": f.vote(closed=True, seats=45, reason="x" * 300, hidden=True)},
            {"actor": a, "vote": f.vote(kind="activity_plan", title="2027", closed=True, seats=1)},
        ],
        "vote_override_needed": [
            {"actor": a, "need": OverrideNeeded("no_meeting", None, NASTY)},
            {"actor": a, "need": OverrideNeeded("not_spring", (NOW, NOW), "x" * 3000)},
        ],
        "vote_override_modal": [
            {"actor": a, "request": NASTY, "subject": NASTY, "proposal": "", "hidden": True},
            {"actor": a, "request": "x" * 1900, "subject": "x" * 1900, "proposal": NASTY},
        ],
        "vote_reminder": [
            {"actor": a, "vote": f.vote(NASTY), "organisation": NASTY},
            {"actor": a, "vote": f.vote(opens=True), "organisation": NASTY, "now": NOW},
        ],
        "vote_ambassador": [{"actor": a, "vote": f.vote(NASTY)}],
        "vote_opened": [
            {"actor": a, "vote": f.vote()},
            {"actor": a, "vote": f.vote(kind="activity_plan", title="2027", opens=True)},
        ],
        "vote_closed": [{"actor": a, "vote": f.vote(closed=True)}],
        "poll_message": [
            {"actor": a, "poll": f.poll(NASTY, title=NASTY, options=8, answered=60)},
            {"actor": a, "poll": f.poll(kind="steering", title="", answered=0)},
            {"actor": a, "poll": f.poll(status="decided")},
            {"actor": a, "poll": f.poll(status="closed")},
        ],
        "poll_started": [{"actor": a, "poll": f.poll(options=8)}],
        "poll_receipt": [
            {"actor": a, "receipt": AnswerReceipt(f.poll(), (1, 3))},
            {"actor": a, "receipt": AnswerReceipt(f.poll(), ())},
        ],
        "poll_reminder": [{"actor": a, "poll": f.poll(NASTY, options=8)}],
        "vote_reason_modal": [
            {"actor": a, "form": _reason_form(NASTY, ""), "limit": 300},
            {"actor": a, "form": _reason_form("Aarhus", "x" * 300), "limit": 300},
        ],
        "hearing_short_notice": [
            {
                "actor": a,
                "notice": ShortNotice("internal", NOW, NASTY, 9, 7),
                "value": f"internal|{NOW.isoformat()}|{NASTY}",
            }
        ],
        "hearing_opened": [
            {"actor": a, "hearing": f.hearing(NASTY)},
            {"actor": a, "hearing": f.hearing(kind="industry", answers=0)},
        ],
        "hearing_announced": [
            {"actor": a, "hearing": f.hearing(NASTY)},
            {"actor": a, "hearing": f.hearing(kind="industry")},
        ],
        "hearing_invited": [{"actor": a, "hearing": f.hearing(NASTY)}],
        "hearing_reminder": [
            {"actor": a, "hearing": f.hearing(NASTY), "organisation": NASTY, "now": NOW}
        ],
        "hearing_closed": [{"actor": a, "hearing": f.hearing(NASTY, closed=True)}],
        "hearing_status": [
            {
                "actor": a,
                "hearings": [f.hearing(NASTY, kind="industry", answers=30), f.hearing(closed=True)],
                "now": NOW,
            },
            {"actor": a, "hearings": [], "now": NOW},
        ],
        "hearing_answer_modal": [
            {
                "actor": a,
                "hearing": f.hearing(NASTY),
                "organisation": NASTY,
                "current": f.hearing().answers[1],
                "choices": [],
            },
            {
                "actor": a,
                "hearing": f.hearing(kind="industry"),
                "organisation": None,
                "current": None,
                "choices": [f"Part {n}" for n in range(120)],
            },
            {
                "actor": a,
                "hearing": f.hearing(kind="industry"),
                "organisation": None,
                "current": f.hearing().answers[1],
                "choices": f.hearing().consulted,
            },
        ],
        "hearing_reply_modal": [
            {"actor": a, "hearing": f.hearing(), "answer": f.hearing(answers=4).answers[3]},
            {"actor": a, "hearing": f.hearing(), "answer": f.hearing(answers=4).answers[0]},
        ],
        "hearing_register_modal": [
            {"actor": a, "hearing": f.hearing(kind="industry"), "today": "2026-11-22"},
            {"actor": a, "hearing": f.hearing(kind="industry", answers=0), "today": "2026-11-22"},
        ],
        "hearing_parties": [
            {"actor": a, "parties": [PartyView(NASTY, "Jens", "jh@di.dk")] * 70, "note": NASTY},
            {"actor": a, "parties": [], "note": None},
        ],
        "memo_details_modal": [
            {"actor": a, "form": DetailsForm(1, NASTY, MemoDetails())},
            {
                "actor": a,
                "form": DetailsForm(
                    1, NASTY, MemoDetails("2026-1", NASTY, NASTY * 80, NASTY, NASTY)
                ),
            },
        ],
        "hearing_theme_modal": [
            {"actor": a, "form": ThemeForm(1, NASTY, None, [])},
            {
                "actor": a,
                "form": ThemeForm(
                    1,
                    NASTY,
                    THEME,
                    [AnswerChoice(n, "internal", f"{NASTY} {n}" * 4) for n in range(120)],
                ),
            },
        ],
        "hearing_themes": [
            {"actor": a, "themes": ThemeList(NASTY, [], []), "note": None},
            {
                "actor": a,
                "themes": ThemeList(
                    NASTY,
                    [THEME] * 45,
                    [AnswerChoice(1, "industry", NASTY)] * 40,
                ),
                "note": NASTY,
            },
        ],
        "vote_statement_modal": [
            {"actor": a, "form": StatementForm(f.vote(NASTY, closed=True), [NASTY], {NASTY: "x"})},
            {
                "actor": a,
                "form": StatementForm(
                    f.vote(kind="activity_plan", title="2027", closed=True),
                    [f"{NASTY} {n}" for n in range(120)],
                    {},
                ),
            },
        ],
        **_goal_samples(),
        **_uptake_samples(),
    }


def _uptake(goal: str, organisations: int) -> uptake.Uptake:
    statuses = [*uptake.STATUSES, None]
    answers = tuple(
        uptake.OrganisationAnswer(
            f"{NASTY} {n}",
            statuses[n % 4],
            NASTY * 20 if statuses[n % 4] else None,
            "UANNE" if statuses[n % 4] else None,
            NOW if statuses[n % 4] else None,
        )
        for n in range(organisations)
    )
    return uptake.Uptake(1, goal, "CGROUP", NOW, 3, answers)


def _uptake_samples() -> dict[str, list[dict[str, Any]]]:
    a = f.secretariat()
    small, large, none = _uptake(NASTY, 3), _uptake(NASTY, 120), _uptake("Rengøring", 0)
    long = "\n\n".join([(NASTY + " ") * 60] * 60)
    form = uptake.AnswerForm(1, NASTY, NASTY, uptake.NOT_RELEVANT, NASTY * 50, None)
    return {
        "uptake": [
            {"actor": a, "uptakes": []},
            {"actor": a, "uptakes": [small, none]},
            {"actor": a, "uptakes": [large] * 12},
        ],
        "uptake_ask": [
            {"actor": a, "view": goals.GoalView(1, NASTY, None), "text": None, "reminder": True},
            {
                "actor": a,
                "view": goals.GoalView(1, NASTY, None),
                "text": _goal_text(3, long),
                "reminder": False,
            },
        ],
        "uptake_modal": [
            {"actor": a, "form": form, "limit": uptake.NOTE_LIMIT},
            {"actor": a, "form": replace(form, note=None), "limit": uptake.NOTE_LIMIT},
        ],
    }


def _goal_text(number: int, words: str) -> GoalText:
    parts = tuple((key, (words if key != "cases" else "")) for key in goals.PARTS)
    return GoalText(number, parts, "UANNE", NOW)


@functools.cache
def _goal_samples() -> dict[str, list[dict[str, Any]]]:
    """The goal text short, with hostile text, and far longer than a message holds (made once:
    the long diff takes a tenth of a second)."""
    a = f.secretariat()
    long = "\n\n".join([(NASTY + " ") * 60] * 60)
    short, hostile = _goal_text(1, "Kun miljømærkede midler."), _goal_text(2, NASTY)
    huge, huger = _goal_text(3, long), _goal_text(4, long.replace("møbler", "stole"))
    views = [
        goals.GoalView(1, NASTY, None),
        goals.GoalView(1, NASTY, hostile, (hostile, short)),
        goals.GoalView(
            1,
            "Rengøring",
            huge,
            tuple(_goal_text(n, "x") for n in range(300)),
            ((1, 1), (2, 40), (3, 1)),
        ),
    ]
    return {
        **_comment_samples(),
        "goal": [{"actor": a, "view": view} for view in views],
        "goal_versions": [{"actor": a, "view": view} for view in views],
        "goal_edit_modal": [{"actor": a, "view": view} for view in views[:2]]
        + [{"actor": a, "view": goals.GoalView(1, NASTY, _goal_text(3, long[:19_000]))}],
        "goal_diff": [
            {"actor": a, "diff": goals.diff_between(NASTY, short, hostile)},
            {"actor": a, "diff": goals.diff_between(NASTY, short, short)},
            {"actor": a, "diff": goals.diff_between(NASTY, huge, huger)},
        ],
        "goal_version_modal": [{"actor": a, "view": view} for view in views[1:]],
        "goal_saved": [
            {"actor": a, "text": short, "goal": NASTY},
            {"actor": a, "text": hostile, "goal": NASTY},
        ],
    }


def _round(comments: int, *, text: str = NASTY, members: int = 3) -> goals.comments.RoundView:
    people = tuple(f"U{n:04d}" for n in range(members))
    return goals.comments.RoundView(
        id=1,
        revision_id=1,
        goal=NASTY,
        channel_id="CGROUP",
        goal_version=2,
        deadline=datetime(2026, 11, 28, 11, 0, tzinfo=UTC),  # a Saturday
        status=goals.comments.OPEN,
        opened_by="USEK",
        opened_at=NOW,
        coordinator="UANNE",
        members=people,
        comments=tuple(
            goals.comments.CommentView(people[n], text, 2, NOW, n % 2 == 1) for n in range(comments)
        ),
    )


def _comment_samples() -> dict[str, list[dict[str, Any]]]:
    a = f.secretariat()
    long = (NASTY + " ") * 80
    rounds = [_round(0), _round(2), _round(45, text=long[:3000], members=60)]
    return {
        "comments_announced": [{"actor": a, "round": r} for r in rounds[:2]],
        "comments_opened": [{"actor": a, "round": r} for r in (*rounds, _round(0, members=0))],
        "comments_modal": [
            {"actor": a, "round": r, "user": user}
            for r, user in ((rounds[0], "U0000"), (rounds[2], "U0001"))
        ],
        "comments_reminder": [{"actor": a, "round": rounds[1], "now": NOW}],
        "comments_summary": [{"actor": a, "round": r} for r in rounds],
    }


def template_names() -> set[str]:
    return {p.stem for p in (TEMPLATES / "slack").glob("*.j2") if not p.name.startswith("_")}


def test_every_template_has_samples():
    assert template_names() == set(samples())


def _check_text_limits(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "section" and isinstance(node.get("text"), dict):
            assert len(node["text"]["text"]) <= 3000
        if node.get("type") == "header":
            assert len(node["text"]["text"]) <= 150
        if node.get("type") == "button":
            assert len(node["text"]["text"]) <= 75
            assert len(node.get("value", "")) <= 2000
        for value in node.values():
            _check_text_limits(value)
    elif isinstance(node, list):
        for value in node:
            _check_text_limits(value)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", sorted(samples()))
def test_template_renders_valid_block_kit(name: str, language: str):
    renderer = Renderer()
    for data in samples()[name]:
        rendered = renderer.slack(name, translator=Translator(language), zone=ZONE, **data)
        if rendered.get("type") in ("modal", "home"):
            assert len(rendered["blocks"]) <= 100
            View(**rendered).validate_json()
        else:
            assert rendered["text"].strip(), "every message needs a plain-text fallback"
            assert len(rendered["blocks"]) <= 50
            for block in rendered["blocks"]:
                parsed = Block.parse(block)
                assert parsed is not None, block
                parsed.validate_json()
        _check_text_limits(rendered)


def test_user_text_is_escaped_for_slack():
    rendered = Renderer().slack(
        "revision_started",
        translator=Translator("da"),
        zone=ZONE,
        actor=f.secretariat(),
        revision=f.revision(NASTY),
        by="USEK",
    )
    section = rendered["blocks"][1]["text"]["text"]
    assert "Rengøring &lt;b&gt;&amp;&lt;/b&gt; *møbler* &lt;!channel&gt;" in section
    assert "<!channel>" not in section


def test_times_are_shown_in_danish_in_the_users_zone():
    rendered = Renderer().slack(
        "home",
        translator=Translator("da"),
        zone=ZONE,
        actor=f.secretariat(),
        mine=[],
        every=[],
        now=NOW,
        meetings=[],
        homework=[],
    )
    assert "tirsdag den 24. november 2026 kl. 10.00" in str(rendered)


def test_templates_directory_is_where_the_renderer_looks():
    assert Path(TEMPLATES, "slack", "help.j2").exists()


def test_the_calendar_text_names_the_meeting_and_its_agenda():
    import json

    text = json.loads(
        Renderer().document(
            "meeting_calendar",
            translator=Translator("da"),
            zone=ZONE,
            meeting=f.meeting("Rengøring & co"),
        )
    )
    assert text["summary"] == "Møde 1 i arbejdsgruppen for Rengøring & co: Opstartsmøde"
    assert text["description"].startswith("Dagsorden\n1. Præsentation af tovholderen")


def test_the_memo_opens_in_word_with_headings_lists_and_bold():
    from io import BytesIO

    from docx import Document

    from bot.domain.hearings import Memo
    from bot.presentation.wordfile import markdown_to_docx

    markdown = Renderer().document(
        "hearing_memo.md",
        translator=Translator("da"),
        zone=ZONE,
        memo=Memo([f.hearing(answers=3, closed=True)], "Rengøring"),
        now=NOW,
    )
    document = Document(BytesIO(markdown_to_docx(markdown, title="Høringsnotat")))
    styles = ("Heading", "Title")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(styles)]
    assert headings[:3] == [
        "Høringsnotat",
        "1. Indledning",
        "2. Høringen og de modtagne høringssvar",
    ]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Kommune 0 – har afgivet høringssvar" in bullets
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "vedrørende udkast til revideret indkøbsmål for Rengøring" in bold
    assert document.core_properties.title == "Høringsnotat"
