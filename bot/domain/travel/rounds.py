"""A round of the travelling team: started in its channel, organisations added and removed, and
its board."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.people import Actor
from bot.domain.roles import Role, decode_roles
from bot.domain.travel.access import organisation_of, participant_named, require_runner, round_here
from bot.domain.travel.views import Board, board_of
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.queries import travel as travel_queries
from storage.queries.travel import ACTIVE, REMOVED
from storage.tables import Person, TravelParticipant, TravelRound

NAME_LIMIT = 200
ADD_USAGE = N_(
    "Brug `/pogi rejsehold deltager add ORGANISATION; @kontakt; @indkøbschef`, fx "
    "`/pogi rejsehold deltager add Vejle Kommune; @Lis; @Lis`."
)


def start(db: Database, *, actor: Actor, name: str, channel_id: str, now: datetime) -> Board:
    """Bind this channel to a new round called ``name``."""
    name = " ".join(name.split())
    with db.transaction() as session:
        require_runner(actor, N_("starte et rejsehold"))
        if not name:
            raise InvalidInput(
                N_("Skriv holdets navn, fx `/pogi rejsehold start Jylland/Fyn 2026`.")
            )
        if len(name) > NAME_LIMIT:
            raise InvalidInput(N_("Navnet er for langt (højst %(limit)s tegn)."), limit=NAME_LIMIT)
        here = travel_queries.round_in_channel(session, channel_id=channel_id)
        if here is not None:
            raise Conflict(N_("Kanalen hører allerede til rejseholdet %(team)s."), team=here.name)
        if queries.revision_in_channel(session, channel_id=channel_id) is not None:
            raise Conflict(
                N_(
                    "Kanalen er en arbejdsgruppes kanal. Start rejseholdet i en kanal for sig, "
                    "fx #rejsehold-jylland-fyn."
                )
            )
        if travel_queries.round_named(session, name=name) is not None:
            raise Conflict(N_("Der findes allerede et rejsehold med navnet %(team)s."), team=name)
        team = TravelRound(
            name=name, channel_id=channel_id, started_by=actor.user_id, started_at=now
        )
        session.add(team)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="travel.start",
            entity=f"travel:{team.id}",
            before=None,
            after={"name": name, "channel_id": channel_id},
            at=now,
        )
        return board_of(session, team, now=now)


def _person(session: Session, slack_user_id: str, *, role: Role | None) -> Person:
    person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
    if person is None:
        raise NotFound(
            N_(
                "<@%(user)s> er ikke på brugerlisten. Sekretariatet kan tilføje personen med "
                "`/pogi roster add`."
            ),
            user=slack_user_id,
        )
    if role is not None and role not in decode_roles(person.roles):
        raise InvalidInput(
            N_(
                "<@%(user)s> er ikke registreret som indkøbschef. Sekretariatet kan tilføje "
                "rollen med `/pogi roster add @navn ORGANISATION indkøbschef`."
            ),
            user=slack_user_id,
        )
    return person


def add_participant(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    organisation: str,
    contact: str,
    head: str,
    now: datetime,
) -> tuple[Board, str]:
    """Add an organisation with its contact and head of procurement; both must be in the
    roster and belong to the organisation, and the head must have the role. Returns the board
    and the organisation's name as stored."""
    organisation = " ".join(organisation.split())
    with db.transaction() as session:
        require_runner(actor, N_("ændre rejseholdets deltagere"))
        team = round_here(session, channel_id)
        if not organisation:
            raise InvalidInput(ADD_USAGE)
        known = queries.organisation_named(session, name=organisation)
        if known is None:
            known = next(
                (
                    org
                    for org in queries.organisations_by_id(session).values()
                    if org.name.casefold() == organisation.casefold()
                ),
                None,
            )
        if known is None:
            raise NotFound(
                N_(
                    "%(organisation)s er ikke på brugerlisten. Tilføj først organisationens "
                    "kontaktperson og indkøbschef med `/pogi roster add`."
                ),
                organisation=organisation,
            )
        contact_person = _person(session, contact, role=None)
        head_person = _person(session, head, role=Role.PROCUREMENT_HEAD)
        for person in (contact_person, head_person):
            if person.organisation_id != known.id:
                raise InvalidInput(
                    N_("<@%(user)s> er ikke registreret hos %(organisation)s."),
                    user=person.slack_user_id,
                    organisation=known.name,
                )
        existing = travel_queries.participant(session, round_id=team.id, organisation_id=known.id)
        if existing is not None and existing.status == ACTIVE:
            raise Conflict(
                N_("%(organisation)s deltager allerede i rejseholdet."), organisation=known.name
            )
        before = _snapshot(session, existing) if existing is not None else None
        participant = existing or TravelParticipant(
            round_id=team.id, organisation_id=known.id, contact_id=0, head_id=0, added_by=""
        )
        participant.contact_id = contact_person.id
        participant.head_id = head_person.id
        participant.status = ACTIVE
        participant.added_by = actor.user_id
        participant.added_at = now
        session.add(participant)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="travel.participant_add",
            entity=f"travel:{team.id}",
            before=before,
            after=_snapshot(session, participant),
            at=now,
        )
        return board_of(session, team, now=now), known.name


def remove_participant(
    db: Database, *, actor: Actor, channel_id: str, organisation: str, now: datetime
) -> tuple[Board, str]:
    """Take an organisation off the round (it is kept, removed). Returns the board and the
    organisation's name as stored."""
    with db.transaction() as session:
        require_runner(actor, N_("ændre rejseholdets deltagere"))
        team = round_here(session, channel_id)
        participant = participant_named(session, team, organisation)
        before = _snapshot(session, participant)
        participant.status = REMOVED
        session.add(participant)
        audit.record(
            session,
            actor=actor,
            action="travel.participant_remove",
            entity=f"travel:{team.id}",
            before=before,
            after=_snapshot(session, participant),
            at=now,
        )
        name = organisation_of(session, participant).name
        return board_of(session, team, now=now), name


def _snapshot(session: Session, participant: TravelParticipant) -> dict[str, object]:
    contact = session.get(Person, participant.contact_id)
    head = session.get(Person, participant.head_id)
    return {
        "organisation": organisation_of(session, participant).name,
        "contact": contact.slack_user_id if contact else None,
        "head": head.slack_user_id if head else None,
        "status": participant.status,
    }


def board(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> Board:
    """The round of this channel: anyone in the roster may see it."""
    with db.reading() as session:
        actor.in_roster()
        return board_of(session, round_here(session, channel_id), now=now)


def round_name_here(db: Database, *, channel_id: str) -> str | None:
    """The name of this channel's round, if it is one's."""
    with db.reading() as session:
        team = travel_queries.round_in_channel(session, channel_id=channel_id)
        return team.name if team else None
