"""A short reason a voter adds to their seat's ballot, kept apart from the click itself (which
stays one small transaction, ``ballots``): shown in the result and the decision record. A
reason applies while the seat's ballot is still the choice it was given for."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.roles import Role
from bot.domain.votes.ballots import CLOSED_ALREADY, named, seat_of
from bot.domain.votes.views import OPEN, VoteTitle, subject_of
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import ballot_reasons as stored_reasons
from storage.queries import votes as stored
from storage.tables import BallotReason

REASON_LIMIT = 300
"""Characters a reason may have: a sentence or two, not a statement."""
VOTE_FIRST = N_("Stem først. Derefter kan du tilføje en kort begrundelse for stemmen.")


@dataclass(frozen=True)
class ReasonForm:
    """What the reason's form shows: the vote, the seat, its choice and its reason so far."""

    vote_id: int
    vote: VoteTitle
    organisation_id: int
    organisation: str
    choice: str
    reason: str
    locale: str | None = None


def reason_form(db: Database, *, voter: str, vote_id: int) -> ReasonForm:
    """The form for the reason of the voter's seat's ballot; refused before the seat has
    voted, or once the vote is closed."""
    with db.transaction() as session:
        return _form(session, voter=voter, vote_id=vote_id)


def give_reason(
    db: Database, *, voter: str, vote_id: int, reason: str, now: datetime
) -> ReasonForm:
    """Store (or, given an empty text, remove) the reason for the seat's ballot. The vote is
    locked against closing as a click locks it, so the reason is in the result or refused."""
    text = " ".join(reason.split())
    if len(text) > REASON_LIMIT:
        raise InvalidInput(
            N_("Begrundelsen må højst være på %(limit)s tegn; den er på %(length)s."),
            limit=REASON_LIMIT,
            length=len(text),
        )
    with db.transaction() as session:
        form = _form(session, voter=voter, vote_id=vote_id)
        organisation_id = form.organisation_id
        row = stored_reasons.reason_of(session, vote_id=vote_id, organisation_id=organisation_id)
        before = row.reason if row is not None and row.choice == form.choice else None
        if not text and row is not None:
            session.delete(row)
        elif text and row is not None:
            row.choice, row.reason, row.by, row.at = form.choice, text, voter, now
            session.add(row)
        elif text:
            session.add(
                BallotReason(
                    vote_id=vote_id,
                    organisation_id=organisation_id,
                    choice=form.choice,
                    reason=text,
                    by=voter,
                    at=now,
                )
            )
        audit.record(
            session,
            actor=voter,
            action="vote.ballot_reason",
            entity=subject_of(vote_id),
            before={"reason": before},
            after={
                "organisation": form.organisation,
                "choice": form.choice,
                "reason": text or None,
            },
            at=now,
        )
        return replace(form, reason=text)


def _form(session: Session, *, voter: str, vote_id: int) -> ReasonForm:
    found = stored.click_state(
        session, vote_id=vote_id, slack_user_id=voter, seat_role=Role.STEERING.value
    )
    if found is None:
        raise NotFound(N_("Afstemningen findes ikke."))
    if found.status != OPEN:
        raise Conflict(CLOSED_ALREADY, title=named(found.kind, found.title))
    seat = seat_of(found.seat)
    ballot = stored_reasons.ballot_of(
        session, vote_id=vote_id, organisation_id=seat.organisation_id
    )
    if ballot is None:
        raise Conflict(VOTE_FIRST)
    row = stored_reasons.reason_of(session, vote_id=vote_id, organisation_id=seat.organisation_id)
    current = row.reason if row is not None and row.choice == ballot.choice else ""
    return ReasonForm(
        vote_id=vote_id,
        vote=VoteTitle(found.kind, found.title),
        organisation_id=seat.organisation_id,
        organisation=seat.organisation,
        choice=ballot.choice,
        reason=current,
        locale=seat.locale,
    )
