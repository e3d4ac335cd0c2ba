"""Who may do what, where the rule is more than one role: the group's coordinator or the
secretariat. Plain role checks are ``Actor.require_secretariat``."""

from __future__ import annotations

from sqlmodel import Session

from bot.domain.errors import NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.roles import Role
from storage import queries
from storage.tables import Person, Revision


def require_coordinator_or_secretariat(
    session: Session, actor: Actor, revision: Revision | None, refusal: str
) -> None:
    """Let the secretariat and the revision's coordinator through; refuse anyone else with
    ``refusal`` (``Kun gruppens tovholder og sekretariatet kan …``)."""
    person = actor.in_roster()
    if person.has(Role.SECRETARIAT):
        return
    coordinator = (
        session.get(Person, revision.coordinator_id)
        if revision is not None and revision.coordinator_id
        else None
    )
    if coordinator is None or coordinator.slack_user_id != actor.user_id:
        raise NotAllowed(refusal)


def revision_here(session: Session, channel_id: str, refusal: str) -> Revision:
    """The revision bound to this channel; ``refusal`` says why nothing can be done here
    without one."""
    revision = queries.revision_in_channel(session, channel_id=channel_id)
    if revision is None:
        raise NotFound(refusal)
    return revision
