"""Queries of the travelling advisory team. Keyword-only, take a session, never commit: the
service owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from storage.tables import (
    Meeting,
    TravelActivity,
    TravelEvaluation,
    TravelExample,
    TravelMeeting,
    TravelParticipant,
    TravelPlan,
    TravelRound,
)

ACTIVE, REMOVED = "active", "removed"
"""A participant's status: a removed organisation is kept."""


def round_in_channel(session: Session, *, channel_id: str) -> TravelRound | None:
    return session.exec(select(TravelRound).where(TravelRound.channel_id == channel_id)).first()


def round_named(session: Session, *, name: str) -> TravelRound | None:
    rounds = session.exec(select(TravelRound)).all()
    return next((r for r in rounds if r.name.casefold() == name.casefold()), None)


def participants(session: Session, *, round_id: int) -> Sequence[TravelParticipant]:
    """The round's active participants, in the order they joined."""
    statement = (
        select(TravelParticipant)
        .where(TravelParticipant.round_id == round_id, TravelParticipant.status == ACTIVE)
        .order_by(col(TravelParticipant.id))
    )
    return session.exec(statement).all()


def participant(
    session: Session, *, round_id: int, organisation_id: int
) -> TravelParticipant | None:
    statement = select(TravelParticipant).where(
        TravelParticipant.round_id == round_id,
        TravelParticipant.organisation_id == organisation_id,
    )
    return session.exec(statement).first()


def participations_of(session: Session, *, person_id: int) -> Sequence[TravelParticipant]:
    """Where a person is an organisation's contact or head of procurement."""
    statement = select(TravelParticipant).where(
        TravelParticipant.status == ACTIVE,
        (TravelParticipant.contact_id == person_id) | (TravelParticipant.head_id == person_id),
    )
    return session.exec(statement).all()


def participations_of_organisation(
    session: Session, *, organisation_id: int
) -> Sequence[TravelParticipant]:
    """The rounds an organisation takes part in."""
    statement = select(TravelParticipant).where(
        TravelParticipant.status == ACTIVE, TravelParticipant.organisation_id == organisation_id
    )
    return session.exec(statement).all()


def round_meetings(session: Session, *, round_id: int) -> Sequence[tuple[TravelMeeting, Meeting]]:
    """The round's meetings with their meeting rows, earliest first (cancelled ones too)."""
    statement = (
        select(TravelMeeting, Meeting)
        .join(Meeting, col(Meeting.id) == col(TravelMeeting.meeting_id))
        .where(TravelMeeting.round_id == round_id)
        .order_by(col(Meeting.starts_at))
    )
    return session.exec(statement).all()


def travel_meeting(session: Session, *, meeting_id: int) -> TravelMeeting | None:
    return session.exec(select(TravelMeeting).where(TravelMeeting.meeting_id == meeting_id)).first()


def plans(session: Session, *, participant_id: int) -> Sequence[TravelPlan]:
    """Every version of a participant's plan, the first first."""
    statement = (
        select(TravelPlan)
        .where(TravelPlan.participant_id == participant_id)
        .order_by(col(TravelPlan.version))
    )
    return session.exec(statement).all()


def activities(session: Session, *, participant_id: int) -> Sequence[TravelActivity]:
    statement = (
        select(TravelActivity)
        .where(TravelActivity.participant_id == participant_id)
        .order_by(col(TravelActivity.due_on), col(TravelActivity.id))
    )
    return session.exec(statement).all()


def activities_owned(session: Session, *, owner_id: int) -> Sequence[TravelActivity]:
    statement = (
        select(TravelActivity)
        .where(TravelActivity.owner_id == owner_id, TravelActivity.status == "open")
        .order_by(col(TravelActivity.due_on))
    )
    return session.exec(statement).all()


def evaluations(session: Session, *, round_id: int) -> Sequence[TravelEvaluation]:
    statement = (
        select(TravelEvaluation)
        .where(TravelEvaluation.round_id == round_id)
        .order_by(col(TravelEvaluation.id))
    )
    return session.exec(statement).all()


def evaluation(session: Session, *, round_id: int, organisation_id: int) -> TravelEvaluation | None:
    statement = select(TravelEvaluation).where(
        TravelEvaluation.round_id == round_id,
        TravelEvaluation.organisation_id == organisation_id,
    )
    return session.exec(statement).first()


def examples(session: Session, *, round_id: int | None) -> Sequence[TravelExample]:
    """A round's good examples, or every round's (``None``)."""
    statement = select(TravelExample).order_by(col(TravelExample.id))
    if round_id is not None:
        statement = statement.where(TravelExample.round_id == round_id)
    return session.exec(statement).all()
