"""Every travelling-team template renders valid Block Kit within Slack's limits, in Danish and in
English, with hostile user text escaped; the shared meeting templates name the round's
meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.domain.travel.activities import ActivityView
from bot.domain.travel.evaluation import EvaluationForm, QuestionResult, Results
from bot.domain.travel.examples import ExampleView, Step
from bot.domain.travel.home import HomeRound, NextMeeting
from bot.domain.travel.kickoff import KickoffMinutes
from bot.domain.travel.meetings import TravelProposal
from bot.domain.travel.plans import PlanActivity, PlanForm, PlanView
from bot.domain.travel.views import Board, ParticipantState, WorkshopView
from bot.presentation.i18n import Translator
from bot.presentation.render import TEMPLATES, Renderer
from handlers.actions.travel import meeting_value
from tests.support import factories as f
from tests.templates.test_templates import NOW, ZONE, _check_text_limits

NASTY = "Rengøring <b>&</b> *møbler* <!channel>"
START = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
END = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
WAITING = [
    "opening_unplanned",
    "opening",
    "opening_attendance",
    "kickoff_unplanned",
    "kickoff",
    "kickoff_minutes",
    "kickoff_again",
    "plan",
    "approval",
    "new_version",
    "activities",
    "closing_unplanned",
    "closing",
    "closing_attendance",
    "evaluation",
    "done",
]


def _state(waiting: str, number: int = 0) -> ParticipantState:
    return ParticipantState(
        id=number,
        organisation=f"{NASTY} {number}",
        contact="UEMIL",
        head="ULIS",
        phase=1 + WAITING.index(waiting) * 4 // len(WAITING),
        waiting=waiting,
        who=("UEMIL",) if number % 2 else (),
        when=(START, END),
        version=2,
        done=1,
        total=3,
        head_absent=waiting == "kickoff_again",
        absent_closing=number % 3 == 0,
    )


def _board(many: int = len(WAITING)) -> Board:
    workshop = WorkshopView(7, 1, "travel-opening", NASTY, START, END, (NASTY,))
    states = [_state(WAITING[n % len(WAITING)], n) for n in range(many)]
    return Board(1, NASTY, "CREJSE", workshop, None, states)


def _plan(activities: int = 3) -> PlanView:
    return PlanView(
        id=4,
        participant_id=2,
        organisation=NASTY,
        team=NASTY,
        channel_id="CREJSE",
        version=2,
        status="sent",
        activities=[PlanActivity(NASTY * 3, "UOLE", "Ole Rask", date(2027, 3, 1))] * activities,
        agreement=NASTY * 50,
        comments=[{"by": "ULIS", "at": NOW.isoformat(), "text": NASTY}],
        sent_by="UOLE",
        sent_at=NOW,
        approved_by="UEMIL",
        approved_at=NOW,
        contact="UEMIL",
        head="ULIS",
        latest=True,
    )


def _activity(status: str = "open") -> ActivityView:
    return ActivityView(9, NASTY, "UOLE", date(2027, 3, 1), status, NASTY, "CREJSE", "UOLE", NOW)


def _example(stage: str) -> ExampleView:
    steps = tuple(Step(s, "UOLE", NOW) for s in ("candidate", "interview", "case", "published"))
    index = ("candidate", "interview", "case", "published").index(stage)
    return ExampleView(3, NASTY, NASTY, stage, steps[: index + 1], "https://pogi.dk/x", NASTY)


def _results(empty: bool = False) -> Results:
    questions = (
        ()
        if empty
        else tuple(QuestionResult(f"q{n}", 2, 4.5, (0, 0, 0, 1, 1)) for n in range(1, 5))
    )
    return Results(
        team=NASTY,
        channel_id="CREJSE",
        organisations=3,
        answered=() if empty else (NASTY, NASTY),
        missing=(NASTY,),
        questions=questions,
        comments=() if empty else ((NASTY, NASTY * 20),) * 30,
        rows=(),
    )


def _minutes(head: bool) -> KickoffMinutes:
    meeting = f.meeting(kind="travel-kickoff", title=NASTY)
    return KickoffMinutes(meeting, NASTY, "ULIS", head, NASTY, NASTY * 30, NASTY, "UOLE", NOW)


def _proposal(kind: str, assumed: bool) -> TravelProposal:
    return TravelProposal("CREJSE", kind, NASTY, NASTY, 3, NASTY, START, END, assumed, "n" * 32)


def samples() -> dict[str, list[dict[str, Any]]]:
    a = f.secretariat()
    home = HomeRound(
        NASTY,
        "CREJSE",
        NASTY,
        _state("approval", 1),
        NextMeeting("travel-kickoff", NASTY, START, END),
        [_activity()] * 9,
        _plan(),
        5,
    )
    proposals = [_proposal(k, s) for k in ("travel-opening", "travel-kickoff") for s in (1, 0)]
    return {
        "board": [{"actor": a, "board": _board()}, {"actor": a, "board": _board(0)}],
        "started": [{"actor": a, "board": _board(0), "by": "UOLE"}],
        "participant_changed": [
            {"actor": a, "board": _board(1), "organisation": NASTY, "added": added}
            for added in (True, False)
        ],
        "meeting_proposal": [
            {"actor": a, "proposal": p, "confirm_value": meeting_value(p)} for p in proposals
        ],
        "checklist": [
            {"actor": a, "meeting": f.meeting(kind="travel-kickoff", title=NASTY), "head": "ULIS"}
        ],
        "kickoff_minutes_modal": [{"actor": a, "minutes": _minutes(h)} for h in (True, False)],
        "kickoff_minutes": [{"actor": a, "minutes": _minutes(h)} for h in (True, False)],
        "plan_modal": [
            {
                "actor": a,
                "form": PlanForm(2, NASTY, 2, NASTY * 10, NASTY * 10, _plan().comments * 8),
            },
            {"actor": a, "form": PlanForm(2, NASTY, 1, "", "", [])},
        ],
        "plan_message": [{"actor": a, "plan": _plan(20)}],
        "plan_comment_modal": [{"actor": a, "plan": _plan()}],
        "plan_commented": [{"actor": a, "plan": _plan(), "by": "ULIS", "comment": NASTY * 50}],
        "plan_approved": [
            {"actor": a, "plan": _plan(), "activities": [_activity(), _activity("done")] * 25}
        ],
        "activity_reminder": [{"actor": a, "activity": _activity()}],
        "activity_done": [{"actor": a, "activity": _activity("done")}],
        "evaluation_invite": [
            {"actor": a, "team": NASTY, "organisation": NASTY, "participant_id": 2}
        ],
        "evaluation_modal": [
            {"actor": a, "form": EvaluationForm(2, NASTY, NASTY, {"q1": 4, "q2": 1}, NASTY)},
            {"actor": a, "form": EvaluationForm(2, NASTY, NASTY, {}, "")},
        ],
        "evaluation_results": [{"actor": a, "results": _results(e)} for e in (False, True)],
        "example": [
            {"actor": a, "example": _example(s)}
            for s in ("candidate", "interview", "case", "published")
        ],
        "examples": [
            {"actor": a, "examples": [_example("candidate"), _example("published")] * 20},
            {"actor": a, "examples": []},
        ],
        "_home": [{"actor": a, "travel": [home] * 3}],
    }


def test_every_travel_template_has_samples():
    names = {p.stem for p in (TEMPLATES / "slack" / "travel").glob("*.j2")}
    assert {n for n in names if not n.startswith("_")} | {"_home"} == set(samples())


def _mrkdwn(node: Any) -> str:
    """Every mrkdwn text: where Slack would read ``<!channel>`` as a mention."""
    if isinstance(node, dict):
        own = node["text"] if node.get("type") == "mrkdwn" else ""
        return own + "".join(_mrkdwn(value) for value in node.values())
    if isinstance(node, list):
        return "".join(_mrkdwn(value) for value in node)
    return ""


def _render(name: str, language: str, data: dict[str, Any]) -> dict[str, Any]:
    renderer = Renderer()
    if name == "_home":  # the travelling team's part of the App Home tab
        return renderer.slack(
            "home",
            translator=Translator(language),
            zone=ZONE,
            mine=[],
            every=[f.revision(NASTY)] * 60,
            now=NOW,
            meetings=[f.meeting(NASTY)] * 12,
            homework=[f.homework(NASTY)] * 12,
            **data,
        )
    return renderer.slack(f"travel/{name}", translator=Translator(language), zone=ZONE, **data)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", sorted(samples()))
def test_travel_template_renders_valid_block_kit(name: str, language: str):
    from slack_sdk.models.blocks import Block
    from slack_sdk.models.views import View

    for data in samples()[name]:
        rendered = _render(name, language, data)
        if rendered.get("type") in ("modal", "home"):
            assert len(rendered["blocks"]) <= 100
            View(**rendered).validate_json()
        else:
            assert rendered["text"].strip()
            assert len(rendered["blocks"]) <= 50
            for block in rendered["blocks"]:
                parsed = Block.parse(block)
                assert parsed is not None, block
                parsed.validate_json()
        _check_text_limits(rendered)
        said = _mrkdwn(rendered)
        assert "<!channel>" not in said and "<b>" not in said


def test_the_round_meetings_are_named_in_the_shared_meeting_templates():
    renderer = Renderer()
    for kind, name in (
        ("travel-opening", "Rejseholdets opstartsworkshop"),
        ("travel-closing", "Rejseholdets afsluttende workshop"),
        ("travel-kickoff", "Opstartsmøde hos Vejle Kommune"),
        ("travel", "Rejseholdsmøde 1"),
    ):
        meeting = f.meeting(kind=kind, title="Vejle Kommune")
        announced = renderer.slack(
            "meeting_announced", translator=Translator("da"), zone=ZONE, meeting=meeting
        )
        said = str(announced)
        assert name in said
        assert "Sekretariatet og rådgiverne kan flytte mødet" in said
        prompt = renderer.slack(
            "meeting_minutes_prompt", translator=Translator("da"), zone=ZONE, meeting=meeting
        )
        label = "Referat" if kind in ("travel-kickoff", "travel") else "Registrér fremmøde"
        assert label in str(prompt)
