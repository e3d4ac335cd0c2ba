"""The working group's replies: the coordinator's or the secretariat's comment on an answer,
whether the point is taken, why, and what changes in the draft. The latest reply counts."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, permissions
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.hearings.views import (
    DECISIONS,
    NO_SUCH_HEARING,
    AnswerView,
    HearingView,
    ReplyView,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import hearings as stored
from storage.tables import Hearing, HearingReply, Revision

ONLY_COORDINATOR_OR_SECRETARIAT = N_(
    "Kun gruppens tovholder og sekretariatet kan behandle høringssvar."
)


def _to_reply(session: Session, actor: Actor, hearing_id: int) -> Hearing:
    """The hearing, if the actor may reply to its answers."""
    hearing = session.get(Hearing, hearing_id)
    if hearing is None:
        raise NotFound(NO_SUCH_HEARING)
    revision = session.get(Revision, hearing.revision_id)
    permissions.require_coordinator_or_secretariat(
        session, actor, revision, ONLY_COORDINATOR_OR_SECRETARIAT
    )
    return hearing


def reply(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str,
    comment: str,
    decision: str,
    reason: str,
    change: str,
    now: datetime,
) -> ReplyView:
    """The working group's comment on an answer and whether the point is taken."""
    if decision not in DECISIONS:
        raise InvalidInput(N_("Vælg, om høringssvaret imødekommes helt, delvist eller ikke."))
    if not comment.strip():
        raise InvalidInput(N_("Skriv arbejdsgruppens bemærkninger."))
    with db.transaction() as session:
        _to_reply(session, actor, hearing_id)
        existing = stored.reply_to(session, hearing_id=hearing_id, organisation=organisation)
        before = None
        if existing is None:
            existing = HearingReply(
                hearing_id=hearing_id,
                organisation=organisation,
                comment="",
                decision=decision,
                by=actor.user_id,
                at=now,
            )
        else:
            before = {"comment": existing.comment, "decision": existing.decision}
        existing.comment, existing.decision = comment.strip(), decision
        existing.reason, existing.change = reason.strip(), change.strip()
        existing.by, existing.at = actor.user_id, now
        session.add(existing)
        audit.record(
            session,
            actor=actor,
            action="hearing.reply",
            entity=subject_of(hearing_id),
            before=before,
            after={"organisation": organisation, "decision": decision},
            at=now,
        )
        return ReplyView(
            existing.comment, decision, existing.reason, existing.change, actor.user_id
        )


def reply_form(
    db: Database,
    *,
    actor: Actor,
    hearing_id: int,
    organisation: str,
) -> tuple[HearingView, AnswerView]:
    """The hearing and the organisation's answer, for the form to reply to it."""
    with db.reading() as session:
        view = view_of(session, _to_reply(session, actor, hearing_id))
        answer = next((a for a in view.answers if a.organisation == organisation), None)
        if answer is None:
            raise NotFound(
                N_("%(organisation)s har ikke afgivet høringssvar."), organisation=organisation
            )
        return view, answer
