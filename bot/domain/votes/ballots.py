"""Ballots and internal approvals: stored before the click is acknowledged (SPEC §6).

A click is one transaction: lock the vote against closing (on PostgreSQL ``FOR KEY SHARE``, which
clicks share and closing's ``FOR UPDATE`` excludes; on SQLite the database's single writer),
check the seat against the roster as stored, write the ballot and its audit entry, and make sure
one refresh of the vote message is on its way. So a ballot is either in the result or refused,
and on PostgreSQL clicks on one vote do not wait for each other's commits, only for the seat's
ballot row (a member and a deputy at once) and for the waiting refresh's row. A click that
cannot get its locks within ``BALLOT_WAIT`` is refused cleanly and stores nothing: Slack must
hear back within three seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.people import NOT_IN_ROSTER
from bot.domain.roles import Role
from bot.domain.votes.tally import CHOICES, GIVEN, PENDING
from bot.domain.votes.views import ACTIVITY_PLAN, OPEN, REFRESH, Receipt, VoteTitle, subject_of
from bot.presentation.i18n import N_
from bot.presentation.text import Text, text
from storage.database import Busy, Database
from storage.queries import votes as stored

BALLOT_WAIT = 2.0
"""Seconds a click waits for the vote's lock: Slack must hear back within three."""

NOT_A_VOTER = N_(
    "Kun styregruppens medlemmer og deres suppleanter kan stemme, én stemme for hver organisation."
)
BUSY = N_(
    "Der bliver stemt meget lige nu, og din stemme nåede ikke at blive registreret. Prøv igen."
)
CLOSED_ALREADY = N_("Afstemningen om %(title)s er lukket, og der kan ikke længere afgives stemmer.")
NOT_YET = N_(
    "Afstemningen om %(title)s åbner først, når mødet begynder %(when)s. Din stemme er ikke "
    "registreret. Stem igen, når mødet er begyndt."
)


def cast(db: Database, *, voter: str, vote_id: int, choice: str, now: datetime) -> Receipt:
    """Store the seat's ballot (``voter`` is the Slack user clicking); its latest click counts
    until the vote closes."""
    if choice not in CHOICES:
        raise InvalidInput(N_("Ukendt stemme."))
    with _click(db, voter=voter, vote_id=vote_id, now=now) as (session, title, seat):
        replaced = stored.put_ballot(
            session,
            vote_id=vote_id,
            organisation_id=seat.organisation_id,
            choice=choice,
            voter=voter,
            cast_at=now,
        )
        audit.record(
            session,
            actor=voter,
            action="vote.ballot",
            entity=subject_of(vote_id),
            before={"choice": replaced},
            after={"organisation": seat.organisation, "choice": choice},
            at=now,
        )
    return Receipt(title, seat.organisation, choice, replaced, seat.locale)


def set_approval(db: Database, *, voter: str, vote_id: int, state: str, now: datetime) -> Receipt:
    """A seat marks its own internal (e.g. political) approval as pending or given."""
    if state not in (PENDING, GIVEN):
        raise InvalidInput(N_("Ukendt status for intern godkendelse."))
    with _click(db, voter=voter, vote_id=vote_id, now=now) as (session, title, seat):
        stored.put_approval(
            session,
            vote_id=vote_id,
            organisation_id=seat.organisation_id,
            state=state,
            by=voter,
            at=now,
        )
        audit.record(
            session,
            actor=voter,
            action="vote.internal_approval",
            entity=subject_of(vote_id),
            before=None,
            after={"organisation": seat.organisation, "state": state},
            at=now,
        )
    return Receipt(title, seat.organisation, state, None, seat.locale)


@contextmanager
def _click(
    db: Database, *, voter: str, vote_id: int, now: datetime
) -> Iterator[tuple[Session, VoteTitle, _Seat]]:
    """One click's transaction: the vote locked against closing, open, and its meeting begun
    (read by the same statement), the voter's seat as stored; what the click writes; then one
    refresh of the vote message on its way. Busy past ``BALLOT_WAIT``: refused, nothing
    stored."""
    try:
        with db.transaction(wait=BALLOT_WAIT) as session:
            found = stored.click_state(
                session, vote_id=vote_id, slack_user_id=voter, seat_role=Role.STEERING.value
            )
            if found is None:
                raise NotFound(N_("Afstemningen findes ikke."))
            if found.status != OPEN:
                raise Conflict(CLOSED_ALREADY, title=named(found.kind, found.title))
            seat = seat_of(found.seat)
            if found.opens_at is not None and now < found.opens_at:
                raise Conflict(NOT_YET, title=named(found.kind, found.title), when=found.opens_at)
            yield session, VoteTitle(found.kind, found.title), seat
            refresh_soon(session, vote_id, found.channel_id, now=now)
    except Busy:
        raise Conflict(BUSY) from None


def named(kind: str, title: str) -> Text | str:
    """What a refusal calls the vote: the goal by its name, a plan by its year."""
    return text(N_("aktivitetsplanen for %(year)s"), year=title) if kind == ACTIVITY_PLAN else title


@dataclass(frozen=True)
class _Seat:
    organisation_id: int
    organisation: str
    locale: str | None
    """The voter's Slack locale, as the roster remembers it."""


def seat_of(found: tuple[int, str, str, bool, str | None] | None) -> _Seat:
    """The seat the voter may act for, by the roster as stored: a steering member or a deputy
    of an organisation that has a steering member."""
    if found is None:
        raise NotInRoster(NOT_IN_ROSTER)
    organisation_id, roles, name, seated, locale = found
    held = roles.split(";")
    if not (Role.STEERING.value in held or Role.STEERING_DEPUTY.value in held) or not seated:
        raise NotAllowed(NOT_A_VOTER)
    return _Seat(organisation_id, name, locale)


def refresh_soon(session: Session, vote_id: int, channel_id: str, *, now: datetime) -> None:
    """Update the vote message once for a burst of clicks: a refresh still waiting will show this
    ballot too. A refresh the dispatcher has already taken may have been composed before this
    ballot is committed, so then a new one is added."""
    subject = subject_of(vote_id)
    if not stored.hasten_waiting(session, subject=subject, kind=REFRESH, due=now):
        outbox.schedule(
            session, kind=REFRESH, subject=subject, destination=channel_id, due_at=now, now=now
        )
