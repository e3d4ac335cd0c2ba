"""The coordinator by rotation (turnus, seeds/003): the steering member whose organisation
coordinated least recently is proposed (never first; ties in the roster's order). The
secretariat confirms, or skips with a reason, and the next in turn is proposed. Read from the
stored appointments (``coordinator_term``) and skips (``coordinator_skip``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.people import Actor, PersonView
from bot.domain.revisions.revisions import revision_in
from bot.domain.revisions.views import entity_of, id_of
from bot.domain.roles import Role, decode_roles
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import rotation as stored
from storage.tables import CoordinatorSkip, Revision

REFUSAL = N_("Kun sekretariatet kan udpege tovholderen.")
REASON_LIMIT = 1000


@dataclass(frozen=True)
class Skipped:
    organisation: str
    reason: str


@dataclass(frozen=True)
class RotationProposal:
    """The next in turn for a revision, and who was passed over for it."""

    channel_id: str
    goal: str
    person: PersonView
    last_term: tuple[datetime, str] | None
    """When the organisation was last appointed coordinator, and of which goal; None: never."""
    skipped: tuple[Skipped, ...]


NOBODY = N_(
    "Ingen i styregruppen står for tur: Alle organisationer er sprunget over for denne revision, "
    "eller ingen på brugerlisten sidder i styregruppen. Udpeg tovholderen direkte med `/pogi "
    "tovholder @navn`."
)


def propose(db: Database, *, actor: Actor, channel_id: str) -> RotationProposal:
    actor.require_secretariat(REFUSAL)
    with db.reading() as session:
        proposal = _next_in_turn(session, revision_in(session, channel_id))
    if proposal is None:
        raise NotFound(NOBODY)
    return proposal


def skip(
    db: Database, *, actor: Actor, channel_id: str, user_id: str, reason: str, now: datetime
) -> RotationProposal | None:
    """Pass over the organisation of ``user_id`` (the one proposed) for this revision, with the
    reason; returns the next in turn (None: nobody is left)."""
    actor.require_secretariat(REFUSAL)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(N_("Skriv en begrundelse."))
    if len(reason) > REASON_LIMIT:
        raise InvalidInput(N_("Begrundelsen må højst være på 1000 tegn."))
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        require_next_in_turn(session, revision, user_id)
        proposed = _next_in_turn(session, revision)
        assert proposed is not None
        organisation_id = _organisation_of(session, user_id)
        session.add(
            CoordinatorSkip(
                revision_id=id_of(revision),
                organisation_id=organisation_id,
                reason=reason,
                by=actor.user_id,
                at=now,
            )
        )
        audit.record(
            session,
            actor=actor,
            action="revision.coordinator_skip",
            entity=entity_of(revision),
            before=None,
            after={
                "organisation": proposed.person.organisation,
                "proposed": user_id,
                "reason": reason,
            },
            at=now,
        )
        session.flush()
        return _next_in_turn(session, revision)


def require_next_in_turn(session: Session, revision: Revision, user_id: str) -> None:
    """A ``Bekræft`` under a proposal appoints only the one still next in turn."""
    proposed = _next_in_turn(session, revision)
    if proposed is None:
        raise NotFound(NOBODY)
    if proposed.person.slack_user_id != user_id:
        raise Conflict(
            N_(
                "Turen er allerede gået videre til %(name)s (%(organisation)s). Skriv "
                "`/pogi tovholder` for at se, hvem der står for tur."
            ),
            name=proposed.person.name,
            organisation=proposed.person.organisation,
        )


def _organisation_of(session: Session, user_id: str) -> int:
    for person, organisation in stored.people_in_roster_order(session):
        if person.slack_user_id == user_id:
            return organisation.id
    raise NotFound(
        N_("<@%(user)s> står ikke på brugerlisten. Tilføj personen først med `/pogi roster add`."),
        user=user_id,
    )


def _next_in_turn(session: Session, revision: Revision) -> RotationProposal | None:
    """The steering members, one for each organisation (its first in the roster), ordered by
    when the organisation last coordinated (never first), then by the roster's order; the
    organisations passed over for this revision left out."""
    skips = stored.skips_of(session, revision_id=id_of(revision))
    skipped_ids = {s.organisation_id for s in skips}
    terms = stored.latest_terms(session)
    candidates: dict[int, tuple[int, PersonView]] = {}
    names: dict[int, str] = {}
    for position, (person, organisation) in enumerate(stored.people_in_roster_order(session)):
        names[organisation.id] = organisation.name
        if Role.STEERING in decode_roles(person.roles) and organisation.id not in candidates:
            candidates[organisation.id] = (position, PersonView.of(person, organisation))
    order = sorted(
        (org_id for org_id in candidates if org_id not in skipped_ids),
        key=lambda org_id: (
            org_id in terms,
            terms[org_id][0] if org_id in terms else datetime.min,
            candidates[org_id][0],
        ),
    )
    if not order:
        return None
    first = order[0]
    return RotationProposal(
        channel_id=revision.channel_id or "",
        goal=revision.goal,
        person=candidates[first][1],
        last_term=terms.get(first),
        skipped=tuple(Skipped(names[s.organisation_id], s.reason) for s in skips),
    )
