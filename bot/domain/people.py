"""Who is acting, and what their roles let them do."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import NotAllowed, NotInRoster
from bot.domain.roles import Role, decode_roles
from bot.presentation.i18n import N_
from storage.tables import Organisation, Person

NOT_IN_ROSTER = N_(
    "Du er ikke registreret i pogi endnu. Bed sekretariatet om at føje dig til brugerlisten."
)


@dataclass(frozen=True)
class PersonView:
    slack_user_id: str
    name: str
    organisation: str
    roles: frozenset[Role]
    locale: str | None = None

    @classmethod
    def of(cls, person: Person, organisation: Organisation) -> PersonView:
        return cls(
            slack_user_id=person.slack_user_id,
            name=person.name,
            organisation=organisation.name,
            roles=decode_roles(person.roles),
            locale=person.locale,
        )

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def on_steering_group(self) -> bool:
        return self.has(Role.STEERING, Role.STEERING_DEPUTY)


@dataclass(frozen=True)
class Actor:
    """The Slack user behind a request, and their roster entry if they have one."""

    user_id: str
    person: PersonView | None = None

    @property
    def is_secretariat(self) -> bool:
        return self.person is not None and self.person.has(Role.SECRETARIAT)

    def in_roster(self) -> PersonView:
        if self.person is None:
            raise NotInRoster(NOT_IN_ROSTER)
        return self.person

    def require_secretariat(self, refusal: str) -> PersonView:
        """``refusal`` names what only the secretariat may do, e.g. ``Kun sekretariatet kan …``."""
        person = self.in_roster()
        if not person.has(Role.SECRETARIAT):
            raise NotAllowed(refusal)
        return person
