"""Roles in the roster (SPEC §3) and the words people type for them; the words pogi shows for
them are ``bot.presentation.labels.ROLE_LABELS``."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    STEERING = "steering"
    STEERING_DEPUTY = "steering-deputy"
    MEMBER = "member"
    AMBASSADOR = "ambassador"
    ADVISOR = "advisor"
    PROCUREMENT_HEAD = "procurement-head"


# Words people type for a role, in either language.
_ALIASES: dict[str, Role] = {
    "secretariat": Role.SECRETARIAT,
    "sekretariat": Role.SECRETARIAT,
    "sekretariatet": Role.SECRETARIAT,
    "steering": Role.STEERING,
    "styregruppe": Role.STEERING,
    "styregruppemedlem": Role.STEERING,
    "steering-deputy": Role.STEERING_DEPUTY,
    "deputy": Role.STEERING_DEPUTY,
    "suppleant": Role.STEERING_DEPUTY,
    "styregruppe-suppleant": Role.STEERING_DEPUTY,
    "member": Role.MEMBER,
    "medlem": Role.MEMBER,
    "ambassador": Role.AMBASSADOR,
    "ambassadør": Role.AMBASSADOR,
    "ambassador-dk": Role.AMBASSADOR,
    "advisor": Role.ADVISOR,
    "adviser": Role.ADVISOR,
    "rådgiver": Role.ADVISOR,
    "raadgiver": Role.ADVISOR,
    "procurement-head": Role.PROCUREMENT_HEAD,
    "head-of-procurement": Role.PROCUREMENT_HEAD,
    "indkøbschef": Role.PROCUREMENT_HEAD,
    "indkoebschef": Role.PROCUREMENT_HEAD,
}


def parse_role(word: str) -> Role | None:
    return _ALIASES.get(word.strip().lower())


def parse_roles(text: str, *, separator: str = ";") -> tuple[set[Role], list[str]]:
    """The roles named in ``text`` and the words that were not roles."""
    roles: set[Role] = set()
    unknown: list[str] = []
    for word in text.split(separator):
        if not word.strip():
            continue
        role = parse_role(word)
        if role is None:
            unknown.append(word.strip())
        else:
            roles.add(role)
    return roles, unknown


def encode_roles(roles: set[Role] | frozenset[Role]) -> str:
    return ";".join(sorted(role.value for role in roles))


def decode_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(value) for value in text.split(";") if value)
