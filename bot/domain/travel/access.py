"""Who runs the travelling team (the secretariat and the advisers), and finding the round of a
channel and the organisations in it."""

from __future__ import annotations

from sqlmodel import Session

from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.people import Actor, PersonView
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from storage import queries
from storage.queries import travel as travel_queries
from storage.tables import Organisation, TravelParticipant, TravelRound

RUNS_THE_TEAM = N_("Kun sekretariatet og rejseholdets rådgivere kan %(what)s.")


def require_runner(actor: Actor, what: str) -> PersonView:
    """The secretariat and the advisers run the programme; anyone else is refused, told what
    only they may do (``what``, e.g. ``starte et rejsehold``)."""
    person = actor.in_roster()
    if not person.has(Role.SECRETARIAT, Role.ADVISOR):
        raise NotAllowed(RUNS_THE_TEAM, what=what)
    return person


def round_here(session: Session, channel_id: str) -> TravelRound:
    found = travel_queries.round_in_channel(session, channel_id=channel_id)
    if found is None:
        raise NotFound(
            N_(
                "Denne kanal hører ikke til et rejsehold. Start et med "
                "`/pogi rejsehold start NAVN` i holdets kanal."
            )
        )
    return found


def participant_named(session: Session, team: TravelRound, name: str) -> TravelParticipant:
    """The round's participating organisation called ``name`` (any case)."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise InvalidInput(N_("Skriv organisationens navn, fx »Vejle Kommune«."))
    organisations = queries.organisations_by_id(session)
    for participant in travel_queries.participants(session, round_id=team.id):
        if organisations[participant.organisation_id].name.casefold() == wanted:
            return participant
    raise NotFound(
        N_(
            "%(organisation)s deltager ikke i rejseholdet %(team)s. Se deltagerne med "
            "`/pogi rejsehold`."
        ),
        organisation=name,
        team=team.name,
    )


def organisation_of(session: Session, participant: TravelParticipant) -> Organisation:
    organisation = session.get(Organisation, participant.organisation_id)
    assert organisation is not None
    return organisation
