"""The activity plan (aktivitetsplan): each year's goals to revise or develop, each coordinated
with the date of an SKI tender (seeds/003: "koordineret med SKI's udbudsplan"). The steering
group approves a year's plan by vote (``bot.domain.votes``), which freezes the plan as it stood;
a revision of a goal in an approved plan is measured against its tender date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotFound, TimeNotAccepted
from bot.domain.people import Actor
from bot.domain.process import SPRING_MONTHS
from bot.presentation.i18n import N_
from bot.timephrase import Moment, Rejection, Span, parse_time
from storage import queries
from storage.database import Database
from storage.queries import activity_plan as stored
from storage.tables import ActivityPlanItem

VOTE_KIND = "activity_plan"
"""The kind of a vote on a year's plan (``bot.domain.votes.ACTIVITY_PLAN``)."""
REVISION, NEW = "revision", "new"
KIND_WORDS = {"revision": REVISION, "nyt": NEW, "ny": NEW, "new": NEW}
YEARS_AHEAD = 2
GOAL_LIMIT = 200
REFUSAL = N_("Kun sekretariatet kan ændre aktivitetsplanen.")


@dataclass(frozen=True)
class PlanItem:
    goal: str
    kind: str
    ski_tender: date

    def as_data(self) -> dict[str, Any]:
        return {"goal": self.goal, "kind": self.kind, "ski_tender": self.ski_tender.isoformat()}

    @classmethod
    def of_data(cls, data: dict[str, Any]) -> PlanItem:
        return cls(data["goal"], data["kind"], date.fromisoformat(data["ski_tender"]))


@dataclass(frozen=True)
class PlanView:
    year: int
    items: tuple[PlanItem, ...]
    voting: bool
    """The steering group is voting on the plan now."""
    approved_at: datetime | None
    """When the steering group approved the year's plan; None: not (yet)."""
    changed_since_approval: bool = False


@dataclass(frozen=True)
class PlanTie:
    """A revision's goal in an approved plan: its SKI tender, and whether the revision's planned
    approval (the steering group's next spring meeting) falls after it."""

    year: int
    kind: str
    ski_tender: date
    planned_approval: datetime | None
    late: bool


def check_year(year: int, *, now: datetime, zone: tzinfo) -> None:
    """A plan for this year or the next two; earlier or later is refused."""
    this_year = now.astimezone(zone).year
    if not this_year <= year <= this_year + YEARS_AHEAD:
        raise InvalidInput(
            N_(
                "En aktivitetsplan kan kun gælde for i år eller de næste to år, dvs. "
                "%(first)s–%(last)s, ikke %(year)s."
            ),
            first=str(this_year),
            last=str(this_year + YEARS_AHEAD),
            year=str(year),
        )


def _items(rows: list[ActivityPlanItem]) -> tuple[PlanItem, ...]:
    return tuple(PlanItem(row.goal, row.kind, row.ski_tender) for row in rows)


def frozen(session: Session, *, year: int) -> list[dict[str, Any]]:
    """The year's plan as it stands, in plain values: what a vote on it keeps."""
    return [item.as_data() for item in _items(list(stored.items_of(session, year=year)))]


def show(db: Database, *, actor: Actor, year: int) -> PlanView:
    actor.in_roster()
    with db.reading() as session:
        return _view(session, year)


def _view(session: Session, year: int) -> PlanView:
    items = _items(list(stored.items_of(session, year=year)))
    voting = stored.plan_vote_of_year(session, kind=VOTE_KIND, year=year, status="open")
    decided = stored.plan_vote_of_year(session, kind=VOTE_KIND, year=year, status="closed")
    approved = decided if decided and (decided.result or {}).get("passed") else None
    approved_items = tuple(PlanItem.of_data(d) for d in (approved.plan or [])) if approved else ()
    return PlanView(
        year=year,
        items=items,
        voting=voting is not None,
        approved_at=approved.closed_at if approved else None,
        changed_since_approval=approved is not None and set(approved_items) != set(items),
    )


def _unchanging_while_voted(session: Session, year: int) -> None:
    if stored.plan_vote_of_year(session, kind=VOTE_KIND, year=year, status="open"):
        raise Conflict(
            N_(
                "Styregruppen stemmer om aktivitetsplanen for %(year)s lige nu. Planen kan "
                "ændres, når afstemningen er lukket."
            ),
            year=str(year),
        )


def _tender(text: str, *, now: datetime, zone: ZoneInfo, language: str | None) -> date:
    when = parse_time(text, now=now, zone=zone, language=language)
    if isinstance(when, Rejection):
        raise TimeNotAccepted(when)
    if isinstance(when, Moment):
        return when.at.astimezone(zone).date()
    if isinstance(when, Span):
        return when.start.astimezone(zone).date()
    return when.day


def add(
    db: Database,
    *,
    actor: Actor,
    year: int,
    goal: str,
    kind: str,
    tender: str,
    now: datetime,
    zone: ZoneInfo,
    language: str | None = None,
) -> tuple[PlanItem, PlanView]:
    """Add the goal to the year's plan (or change its kind and tender date): the item and the
    plan as it now stands."""
    actor.require_secretariat(REFUSAL)
    check_year(year, now=now, zone=zone)
    goal = " ".join(goal.split())
    if not goal or len(goal) > GOAL_LIMIT:
        raise InvalidInput(N_("Skriv indkøbsmålets navn (højst 200 tegn)."))
    if kind.lower() not in KIND_WORDS:
        raise InvalidInput(
            N_("Skriv, om målet skal revideres eller udvikles: »revision« eller »nyt«.")
        )
    item = PlanItem(
        goal, KIND_WORDS[kind.lower()], _tender(tender, now=now, zone=zone, language=language)
    )
    with db.transaction() as session:
        _unchanging_while_voted(session, year)
        row = stored.item_named(session, year=year, goal=goal)
        before = PlanItem(row.goal, row.kind, row.ski_tender).as_data() if row else None
        if row is None:
            row = ActivityPlanItem(
                year=year,
                goal=goal,
                kind=item.kind,
                ski_tender=item.ski_tender,
                added_by=actor.user_id,
                added_at=now,
            )
        row.kind, row.ski_tender = item.kind, item.ski_tender
        row.added_by, row.added_at = actor.user_id, now
        session.add(row)
        audit.record(
            session,
            actor=actor,
            action="activity_plan.add",
            entity=f"activity_plan:{year}",
            before=before,
            after=PlanItem(row.goal, row.kind, row.ski_tender).as_data(),
            at=now,
        )
        session.flush()
        return PlanItem(row.goal, row.kind, row.ski_tender), _view(session, year)


def remove(
    db: Database, *, actor: Actor, year: int, goal: str, now: datetime, zone: ZoneInfo
) -> tuple[PlanItem, PlanView]:
    actor.require_secretariat(REFUSAL)
    check_year(year, now=now, zone=zone)
    goal = " ".join(goal.split())
    with db.transaction() as session:
        _unchanging_while_voted(session, year)
        row = stored.item_named(session, year=year, goal=goal)
        if row is None:
            raise NotFound(
                N_("%(goal)s står ikke i aktivitetsplanen for %(year)s."), goal=goal, year=str(year)
            )
        item = PlanItem(row.goal, row.kind, row.ski_tender)
        session.delete(row)
        audit.record(
            session,
            actor=actor,
            action="activity_plan.remove",
            entity=f"activity_plan:{year}",
            before=item.as_data(),
            after=None,
            at=now,
        )
        session.flush()
        return item, _view(session, year)


def tie_of(db: Database, *, goal: str, now: datetime, zone: tzinfo) -> PlanTie | None:
    """The goal in the newest approved plan that has it, and whether the steering group's next
    spring meeting (the revision's planned approval) falls after its SKI tender."""
    with db.reading() as session:
        for vote in stored.plan_votes(session, kind=VOTE_KIND, status="closed"):
            if not (vote.result or {}).get("passed"):
                continue
            for data in vote.plan or []:
                if data["goal"].lower() != goal.lower():
                    continue
                item = PlanItem.of_data(data)
                approval = _next_spring_meeting(session, now=now, zone=zone)
                late = approval is not None and approval.astimezone(zone).date() > item.ski_tender
                return PlanTie(int(vote.title), item.kind, item.ski_tender, approval, late)
    return None


def _next_spring_meeting(session: Session, *, now: datetime, zone: tzinfo) -> datetime | None:
    steering = queries.steering_channel(session)
    if steering is None:
        return None
    for meeting in stored.planned_meetings_after(session, channel_id=steering.channel_id, now=now):
        if meeting.starts_at.astimezone(zone).month in SPRING_MONTHS:
            return meeting.starts_at
    return None
