"""The consulted parties: the revision's list for the industry hearing (høringsliste). A party
added while the industry hearing is open is consulted by it too."""

from __future__ import annotations

from datetime import datetime

from bot.domain import audit, permissions
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.hearings.views import INDUSTRY, NOT_HERE, PartyView, id_of, parties_of
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import hearings as stored
from storage.tables import HearingParty

ONLY_SECRETARIAT = N_("Kun sekretariatet kan ændre høringslisten.")
FIELD_LENGTH = 200


def add_party(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    organisation: str,
    contact: str = "",
    email: str = "",
    now: datetime,
) -> PartyView:
    """Put the organisation on the list, or update its contact and e-mail address (an empty
    one keeps what the list has)."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    organisation = organisation.strip()[:FIELD_LENGTH]
    contact, email = contact.strip()[:FIELD_LENGTH], email.strip()[:FIELD_LENGTH]
    if not organisation:
        raise InvalidInput(
            N_(
                "Skriv partens navn, fx `/pogi høring part add Dansk Industri; "
                "Jens Hansen; jh@di.dk`."
            )
        )
    with db.transaction() as session:
        revision_id = id_of(permissions.revision_here(session, channel_id, NOT_HERE))
        existing = stored.party_named(session, revision_id=revision_id, organisation=organisation)
        if existing is None:
            existing = HearingParty(
                revision_id=revision_id,
                organisation=organisation,
                added_by=actor.user_id,
                added_at=now,
            )
        existing.contact, existing.email = contact or existing.contact, email or existing.email
        session.add(existing)
        for hearing in stored.still_open(session, revision_id=revision_id, kind=INDUSTRY):
            if organisation.casefold() not in {n.casefold() for n in hearing.consulted or []}:
                hearing.consulted = [*(hearing.consulted or []), organisation]
                session.add(hearing)
        audit.record(
            session,
            actor=actor,
            action="hearing.party.add",
            entity=f"revision:{revision_id}",
            before=None,
            after={
                "organisation": organisation,
                "contact": existing.contact,
                "email": existing.email,
            },
            at=now,
        )
        return PartyView(existing.organisation, existing.contact, existing.email)


def remove_party(
    db: Database, *, actor: Actor, channel_id: str, organisation: str, now: datetime
) -> str:
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.transaction() as session:
        revision_id = id_of(permissions.revision_here(session, channel_id, NOT_HERE))
        existing = stored.party_named(
            session, revision_id=revision_id, organisation=organisation.strip()
        )
        if existing is None:
            raise NotFound(
                N_("%(organisation)s står ikke på høringslisten."),
                organisation=organisation.strip(),
            )
        session.delete(existing)
        audit.record(
            session,
            actor=actor,
            action="hearing.party.remove",
            entity=f"revision:{revision_id}",
            before={"organisation": existing.organisation},
            after=None,
            at=now,
        )
        return existing.organisation


def parties(db: Database, *, actor: Actor, channel_id: str) -> list[PartyView]:
    actor.in_roster()
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        return [
            PartyView(p.organisation, p.contact, p.email)
            for p in parties_of(session, id_of(revision))
        ]
