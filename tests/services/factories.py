"""Factories for the service tests: roster entries, actors, revisions, and what the audit says."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot.domain import revisions, roster
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from bot.presentation.i18n import Translator
from bot.presentation.text import Text
from storage import queries
from storage.database import Database

NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

SEC, STEER, DEPUTY, MEMBER, AMB = (
    Role.SECRETARIAT,
    Role.STEERING,
    Role.STEERING_DEPUTY,
    Role.MEMBER,
    Role.AMBASSADOR,
)

GROUP_CHANNEL = "CGROUP"
OTHER_CHANNEL = "COTHER"
STEERING_CHANNEL = "CSTEER"


def person(
    slack_user_id: str,
    name: str,
    organisation: str,
    *roles: Role,
) -> RosterEntry:
    return RosterEntry(slack_user_id, name, organisation, frozenset(roles or {MEMBER}))


# A roster with enough member organisations for one working group, two of them from Aarhus.
ROSTER = [
    person("USEK", "Sofie Holm", "Miljøstyrelsen", SEC),
    person("UANNE", "Anne Lund", "Aarhus Kommune", STEER, MEMBER),
    person("UCARL", "Carl Berg", "Aarhus Kommune", DEPUTY, MEMBER),
    person("UDITTE", "Ditte Krogh", "Odense Kommune", MEMBER),
    person("UEMIL", "Emil Dahl", "Vejle Kommune", MEMBER),
    person("UFRIDA", "Frida Juul", "Københavns Kommune", MEMBER),
    person("UGUSTAV", "Gustav Møller", "Region Midtjylland", MEMBER, AMB),
    person("UJOHN", "John Smith", "Aalborg Kommune", STEER, MEMBER),
]

DA = Translator("da")


def load_roster(db: Database, entries: Iterable[RosterEntry] = ROSTER) -> None:
    roster.import_roster(db, entries=list(entries), actor="setup", now=NOW)


def actor(db: Database, user_id: str) -> Actor:
    """The Slack user ``user_id`` as a request would carry them: with their roster entry, if any."""
    return Actor(user_id, roster.find_person(db, slack_user_id=user_id))


def said(message: Text) -> str:
    """The Danish text a user would read."""
    return message.render(DA)


def start_revision(
    db: Database,
    *,
    goal: str = "Rengøring",
    channel_id: str = GROUP_CHANNEL,
    coordinator: str | None = None,
    members: Iterable[str] = (),
    deciding: bool = False,
) -> revisions.RevisionView:
    """A revision started by the secretariat, optionally with a coordinator and more members,
    and ``deciding``: moved on to the phase where the steering group votes on it."""
    secretariat = actor(db, "USEK")
    started = revisions.start_revision(
        db, actor=secretariat, goal=goal, channel_id=channel_id, now=NOW
    )
    if coordinator is not None:
        revisions.appoint_coordinator(
            db, actor=secretariat, channel_id=channel_id, user_id=coordinator, now=NOW
        )
    if members:
        revisions.change_group(
            db, actor=secretariat, channel_id=channel_id, add=list(members), now=NOW
        )
    while deciding and started.phase.key != "godkendelse":
        started = revisions.advance_phase(
            db, actor=secretariat, channel_id=channel_id, from_phase=started.phase.key, now=NOW
        ).revision
    return started


def audit_log(db: Database, *, entity: str | None = None) -> list[dict[str, Any]]:
    """The audit entries as plain rows, oldest first."""
    with db.reading() as session:
        return [
            {
                "actor": entry.actor,
                "action": entry.action,
                "entity": entry.entity,
                "before": entry.before,
                "after": entry.after,
            }
            for entry in queries.audit_entries(session, entity=entity)
        ]


def group_ids(db: Database, *, channel_id: str = GROUP_CHANNEL) -> list[str]:
    """The Slack ids of the working group in ``channel_id``, sorted."""
    with db.reading() as session:
        revision = queries.revision_in_channel(session, channel_id=channel_id)
        assert revision is not None
        return sorted(
            p.slack_user_id for p in queries.group_people(session, revision_id=revision.id)
        )
