"""Where meetings are called (a working group's channel or the steering group's) and who may
call and change them there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain.errors import NotAllowed, NotFound
from bot.domain.meetings.views import GROUP, STEERING, TRAVEL
from bot.domain.people import Actor
from bot.domain.permissions import require_coordinator_or_secretariat
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from storage import queries
from storage.queries import travel as travel_queries
from storage.tables import Revision


@dataclass(frozen=True)
class Place:
    kind: str
    revision: Revision | None


def place_of(session: Session, channel_id: str) -> Place:
    revision = queries.revision_in_channel(session, channel_id=channel_id)
    if revision is not None:
        return Place(GROUP, revision)
    steering = queries.steering_channel(session)
    if steering is not None and steering.channel_id == channel_id:
        return Place(STEERING, None)
    if travel_queries.round_in_channel(session, channel_id=channel_id) is not None:
        return Place(TRAVEL, None)
    raise NotFound(
        N_(
            "Møder indkaldes i en arbejdsgruppes kanal, i styregruppens kanal eller i et "
            "rejseholds kanal, og denne kanal er ingen af delene."
        )
    )


def require_caller(session: Session, actor: Actor, place: Place) -> None:
    """The secretariat calls any meeting; a group's coordinator calls the group's; the
    travelling team's advisers call the round's."""
    if place.kind == TRAVEL:
        person = actor.in_roster()
        if not person.has(Role.SECRETARIAT, Role.ADVISOR):
            raise NotAllowed(
                N_("Kun sekretariatet og rejseholdets rådgivere kan indkalde til og ændre møder.")
            )
        return
    if place.kind == STEERING:
        actor.require_secretariat(
            N_("Kun sekretariatet kan indkalde til og ændre styregruppemøder.")
        )
        return
    require_coordinator_or_secretariat(
        session,
        actor,
        place.revision,
        N_("Kun gruppens tovholder og sekretariatet kan indkalde til og ændre møder."),
    )


def place_for_caller(session: Session, actor: Actor, channel_id: str) -> Place:
    """The place, once the actor may call meetings in it."""
    place = place_of(session, channel_id)
    require_caller(session, actor, place)
    return place
