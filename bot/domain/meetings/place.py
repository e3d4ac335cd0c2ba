"""Where meetings are called (a working group's channel or the steering group's) and who may
call and change them there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.domain.errors import NotFound
from bot.domain.meetings.views import GROUP, STEERING
from bot.domain.people import Actor
from bot.domain.permissions import require_coordinator_or_secretariat
from bot.presentation.i18n import N_
from storage import queries
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
    raise NotFound(
        N_(
            "Møder indkaldes i en arbejdsgruppes kanal eller i styregruppens kanal, og denne "
            "kanal er ingen af delene."
        )
    )


def require_caller(session: Session, actor: Actor, place: Place) -> None:
    """The secretariat calls any meeting; a group's coordinator calls the group's."""
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
