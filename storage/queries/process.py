"""What a revision's phase conditions are checked against, read in one statement for one
revision or for all: a row of counts and states per revision (correlated subqueries), never one
query per condition. Plus preparation documents and phase overrides.

Keyword-only, take a session, never commit: the service owns the transaction (STYLE §6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import String, bindparam, cast, func, literal, not_
from sqlalchemy import select as select_columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.tables import (
    GoalVersion,
    GroupMember,
    Hearing,
    HearingAnswer,
    HearingReply,
    Meeting,
    OutboxMessage,
    Person,
    PhaseOverride,
    Revision,
    RevisionDocument,
    UTCDateTime,
    Vote,
)

# The same words as the domain's (``bot.domain``); storage does not import it (STYLE §1).
DOCUMENT_KINDS = ("background-report", "terms-of-reference", "supplier-dialogue")
GROUP_MEETING, CANCELLED = "group", "cancelled"
INTERNAL, INDUSTRY, CLOSED = "internal", "industry", "closed"
GOAL_VOTE = "goal"
MEMO = "hearing.memo"


@dataclass(frozen=True)
class Facts:
    """What the conditions read, for one revision."""

    revision_id: int
    coordinator_roles: str | None
    """The coordinator's roles (``;``-joined), None without a coordinator."""
    coordinator_in_group: bool
    organisations: int
    documents: dict[str, int]
    """Per kind, how many documents (not versions) are registered."""
    no_supplier_dialogue: str | None
    meetings_held: int
    hearing_status: dict[str, str | None]
    """Per hearing kind, the newest round's status (None: never held)."""
    unreplied: dict[str, int]
    """Per hearing kind, answers in the newest round without the working group's reply."""
    industry_closed_at: datetime | None
    memo_at: datetime | None
    vote_result: dict[str, Any] | None
    """The newest closed goal vote's result."""
    launched_at: datetime | None
    goal_version: int | None = None
    """The goal text's current version (None: no text yet)."""
    voted_version: int | None = None
    """The goal text's version the newest closed goal vote was on."""


def _scalar(statement: Any) -> Any:
    return statement.correlate(Revision).scalar_subquery()


def _newest_hearing(kind: str) -> Any:
    return (
        select(Hearing.id)
        .where(Hearing.revision_id == Revision.id, Hearing.kind == kind)
        .order_by(col(Hearing.id).desc())
        .limit(1)
    )


def _hearing_columns(kind: str) -> list[Any]:
    newest = _newest_hearing(kind).correlate(Revision).scalar_subquery()
    status = _scalar(
        select(Hearing.status)
        .where(Hearing.revision_id == Revision.id, Hearing.kind == kind)
        .order_by(col(Hearing.id).desc())
        .limit(1)
    )
    replied = select(HearingReply.id).where(
        HearingReply.hearing_id == HearingAnswer.hearing_id,
        HearingReply.organisation == HearingAnswer.organisation,
    )
    unreplied = _scalar(
        select(func.count(func.distinct(HearingAnswer.organisation))).where(
            HearingAnswer.hearing_id == newest, not_(replied.exists())
        )
    )
    return [status.label(f"{kind}_status"), unreplied.label(f"{kind}_unreplied")]


@cache
def _statement(one: bool) -> Any:
    """The facts' statement, built once (building it costs more than running it): for the
    revision bound as ``revision_id`` (``one``) or for all, with ``now`` bound."""
    now = bindparam("now", type_=UTCDateTime())
    coordinator = aliased(Person)
    documents = [
        _scalar(
            select(func.count(func.distinct(RevisionDocument.name))).where(
                RevisionDocument.revision_id == Revision.id, RevisionDocument.kind == kind
            )
        ).label(kind)
        for kind in DOCUMENT_KINDS
    ]
    subject = literal("revision:", String).concat(cast(Revision.id, String))
    statement = select_columns(
        col(Revision.id),
        _scalar(select(coordinator.roles).where(coordinator.id == Revision.coordinator_id)),
        _scalar(
            select(func.count(col(GroupMember.id))).where(
                GroupMember.revision_id == Revision.id,
                GroupMember.person_id == Revision.coordinator_id,
            )
        ),
        _scalar(
            select(func.count(func.distinct(Person.organisation_id)))
            .join(GroupMember, col(GroupMember.person_id) == col(Person.id))
            .where(GroupMember.revision_id == Revision.id)
        ),
        col(Revision.no_supplier_dialogue),
        _scalar(
            select(func.count(col(Meeting.id))).where(
                Meeting.revision_id == Revision.id,
                Meeting.kind == GROUP_MEETING,
                Meeting.status != CANCELLED,
                col(Meeting.ends_at) <= now,
            )
        ),
        *_hearing_columns(INTERNAL),
        *_hearing_columns(INDUSTRY),
        _scalar(
            select(Hearing.closed_at)
            .where(Hearing.revision_id == Revision.id, Hearing.kind == INDUSTRY)
            .order_by(col(Hearing.id).desc())
            .limit(1)
        ),
        _scalar(
            select(func.max(OutboxMessage.created_at)).where(
                col(OutboxMessage.kind) == MEMO, col(OutboxMessage.subject) == subject
            )
        ),
        _scalar(
            select(Vote.result)
            .where(Vote.revision_id == Revision.id, Vote.kind == GOAL_VOTE, Vote.status == CLOSED)
            .order_by(col(Vote.closed_at).desc(), col(Vote.id).desc())
            .limit(1)
        ),
        col(Revision.launched_at),
        _scalar(select(func.max(GoalVersion.number)).where(GoalVersion.revision_id == Revision.id)),
        _scalar(
            select(Vote.goal_version)
            .where(Vote.revision_id == Revision.id, Vote.kind == GOAL_VOTE, Vote.status == CLOSED)
            .order_by(col(Vote.closed_at).desc(), col(Vote.id).desc())
            .limit(1)
        ),
        *documents,
    )
    if one:
        statement = statement.where(col(Revision.id) == bindparam("revision_id"))
    return statement


def facts(session: Session, *, now: datetime, revision_id: int | None = None) -> dict[int, Facts]:
    """The facts of one revision (``revision_id``) or of every revision, by revision id."""
    params: dict[str, Any] = {"now": now}
    if revision_id is not None:
        params["revision_id"] = revision_id
    found: dict[int, Facts] = {}
    for row in session.execute(_statement(revision_id is not None), params).all():
        (
            rid,
            roles,
            in_group,
            organisations,
            no_dialogue,
            held,
            internal_status,
            internal_unreplied,
            industry_status,
            industry_unreplied,
            industry_closed_at,
            memo_at,
            vote_result,
            launched_at,
            goal_version,
            voted_version,
            *counts,
        ) = row
        found[rid] = Facts(
            revision_id=rid,
            coordinator_roles=roles,
            coordinator_in_group=bool(in_group),
            organisations=organisations or 0,
            documents=dict(zip(DOCUMENT_KINDS, (count or 0 for count in counts), strict=True)),
            no_supplier_dialogue=no_dialogue,
            meetings_held=held or 0,
            hearing_status={INTERNAL: internal_status, INDUSTRY: industry_status},
            unreplied={INTERNAL: internal_unreplied or 0, INDUSTRY: industry_unreplied or 0},
            industry_closed_at=_aware(industry_closed_at),
            memo_at=_aware(memo_at),
            vote_result=vote_result if isinstance(vote_result, dict) else None,
            launched_at=_aware(launched_at),
            goal_version=goal_version,
            voted_version=voted_version,
        )
    return found


def _aware(value: datetime | None) -> datetime | None:
    """A time read through a subquery, in UTC (SQLite gives it back without its zone)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# -- documents ---------------------------------------------------------------------------------


def documents(session: Session, *, revision_id: int) -> Sequence[RevisionDocument]:
    """Every version of the revision's documents, by kind and name, newest version first."""
    statement = select(RevisionDocument).where(RevisionDocument.revision_id == revision_id)
    return session.exec(
        statement.order_by(
            col(RevisionDocument.kind),
            col(RevisionDocument.name),
            col(RevisionDocument.version).desc(),
        )
    ).all()


def latest_version(session: Session, *, revision_id: int, kind: str, name: str) -> int:
    """The highest version of this document so far (0: none)."""
    statement = select(func.max(RevisionDocument.version)).where(
        RevisionDocument.revision_id == revision_id,
        RevisionDocument.kind == kind,
        RevisionDocument.name == name,
    )
    return session.exec(statement).one() or 0


# -- overrides and revisions of a goal ---------------------------------------------------------


def overrides(session: Session, *, revision_id: int) -> Sequence[PhaseOverride]:
    statement = select(PhaseOverride).where(PhaseOverride.revision_id == revision_id)
    return session.exec(statement.order_by(col(PhaseOverride.at), col(PhaseOverride.id))).all()
