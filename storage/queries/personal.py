"""What pogi holds about one person, for a subject-access answer. Keyword-only, take a session,
never commit."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlmodel import Session, col, or_, select

from storage.tables import (
    AuditEntry,
    Ballot,
    GoalUptake,
    GroupMember,
    Hearing,
    HearingAnswer,
    HearingReply,
    Homework,
    InternalApproval,
    Meeting,
    Revision,
    Vote,
    VoteStatement,
)


def memberships(session: Session, *, person_id: int) -> Sequence[tuple[GroupMember, Revision]]:
    statement = (
        select(GroupMember, Revision)
        .join(Revision, col(Revision.id) == col(GroupMember.revision_id))
        .where(GroupMember.person_id == person_id)
        .order_by(col(GroupMember.id))
    )
    return session.exec(statement).all()


def coordinating(session: Session, *, person_id: int) -> Sequence[Revision]:
    return session.exec(
        select(Revision).where(Revision.coordinator_id == person_id).order_by(col(Revision.id))
    ).all()


def homework(session: Session, *, person_id: int, user_id: str) -> Sequence[Homework]:
    """Homework given to the person or by them."""
    return session.exec(
        select(Homework)
        .where(or_(Homework.assignee_id == person_id, Homework.created_by == user_id))
        .order_by(col(Homework.id))
    ).all()


def ballots(session: Session, *, user_id: str) -> Sequence[tuple[Ballot, Vote]]:
    return session.exec(
        select(Ballot, Vote)
        .join(Vote, col(Vote.id) == col(Ballot.vote_id))
        .where(Ballot.voter == user_id)
        .order_by(col(Ballot.id))
    ).all()


def approvals(session: Session, *, user_id: str) -> Sequence[tuple[InternalApproval, Vote]]:
    return session.exec(
        select(InternalApproval, Vote)
        .join(Vote, col(Vote.id) == col(InternalApproval.vote_id))
        .where(InternalApproval.by == user_id)
        .order_by(col(InternalApproval.id))
    ).all()


def answers(session: Session, *, user_id: str) -> Sequence[tuple[HearingAnswer, Hearing]]:
    return session.exec(
        select(HearingAnswer, Hearing)
        .join(Hearing, col(Hearing.id) == col(HearingAnswer.hearing_id))
        .where(HearingAnswer.submitted_by == user_id)
        .order_by(col(HearingAnswer.id))
    ).all()


def replies(session: Session, *, user_id: str) -> Sequence[tuple[HearingReply, Hearing]]:
    return session.exec(
        select(HearingReply, Hearing)
        .join(Hearing, col(Hearing.id) == col(HearingReply.hearing_id))
        .where(HearingReply.by == user_id)
        .order_by(col(HearingReply.id))
    ).all()


def statements(session: Session, *, user_id: str) -> Sequence[tuple[VoteStatement, Vote]]:
    """Statements the person had entered in the decision record."""
    return session.exec(
        select(VoteStatement, Vote)
        .join(Vote, col(Vote.id) == col(VoteStatement.vote_id))
        .where(VoteStatement.by == user_id)
        .order_by(col(VoteStatement.id))
    ).all()


def meetings(session: Session, *, user_id: str) -> Sequence[Meeting]:
    """Meetings the person called or wrote the minutes of."""
    return session.exec(
        select(Meeting)
        .where(or_(Meeting.created_by == user_id, Meeting.minutes_by == user_id))
        .order_by(col(Meeting.id))
    ).all()


def votes(session: Session, *, user_id: str) -> Sequence[Vote]:
    """Votes the person opened or closed."""
    return session.exec(
        select(Vote)
        .where(or_(Vote.opened_by == user_id, Vote.closed_by == user_id))
        .order_by(col(Vote.id))
    ).all()


def audit_about(session: Session, *, user_id: str, name: str) -> list[AuditEntry]:
    """Audit rows the person made, about them, or naming them, newest first."""
    found = []
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).all():
        stored = json.dumps([entry.before, entry.after], ensure_ascii=False)
        if (
            entry.actor == user_id
            or entry.entity == f"person:{user_id}"
            or user_id in stored
            or name in stored
        ):
            found.append(entry)
    return found


def uptake_notes(session: Session, *, user_id: str) -> list[str]:
    """Every note the person wrote with an answer on a goal's implementation, the replaced ones
    too (from the audit log)."""
    statement = select(AuditEntry).where(
        AuditEntry.action == "goal.uptake", AuditEntry.actor == user_id
    )
    notes = {str((entry.after or {}).get("note") or "") for entry in session.exec(statement)}
    current = select(GoalUptake).where(GoalUptake.answered_by == user_id)
    notes |= {row.note or "" for row in session.exec(current)}
    return sorted(note for note in notes if note)
