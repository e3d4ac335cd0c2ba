"""Domain objects for tests that need no database."""

from __future__ import annotations

from bot.people import Actor, PersonView
from bot.process import PROCESS_2023, phases_of
from bot.revisions import GroupChange, GroupCheck, GroupOverview, PhaseOverview, RevisionView
from bot.roles import Role
from bot.text import text


def person(user: str = "UANNE", name: str = "Anne Lund", organisation: str = "Aarhus Kommune",
           *roles: Role) -> PersonView:
    return PersonView(user, name, organisation, frozenset(roles or {Role.MEMBER}))


def secretariat() -> Actor:
    return Actor("USEK", person("USEK", "Sofie Holm", "Miljøstyrelsen", Role.SECRETARIAT))


def revision(goal: str = "Rengøring", *, phase: int = 0, coordinator: PersonView | None = None,
             size: int = 5) -> RevisionView:
    return RevisionView(
        id=1, goal=goal, process=PROCESS_2023, phase=phases_of(PROCESS_2023)[phase],
        channel_id="CGROUP", coordinator=coordinator, group_size=size,
    )


def group(goal: str = "Rengøring", *, organisations: int = 5, ok: bool = True) -> GroupOverview:
    lead = person("UANNE", "Anne Lund", "Aarhus Kommune", Role.STEERING)
    members = {"Aarhus Kommune": [lead]}
    for number in range(1, organisations):
        members[f"Kommune {number}"] = [person(f"U{number:03d}", f"Person {number}",
                                                f"Kommune {number}")]
    problems = () if ok else (text("Der er ikke udpeget en tovholder."),)
    return GroupOverview(revision(goal, coordinator=lead, size=organisations), members,
                         GroupCheck(organisations, problems))


def phase(goal: str = "Rengøring", *, current: int = 0, missing: bool = True) -> PhaseOverview:
    return PhaseOverview(
        revision(goal, phase=current), phases_of(PROCESS_2023), current,
        (text("Der er ikke udpeget en tovholder."),) if missing else (),
    )


def change(goal: str = "Rengøring") -> GroupChange:
    return GroupChange(
        added=[person("UEMIL", "Emil Dahl", "Vejle Kommune")],
        already=[person("UDITTE", "Ditte Krogh", "Odense Kommune")],
        not_in_roster=["UOUTSIDER"],
        removed=[person("UFRIDA", "Frida Juul", "Københavns Kommune")],
        overview=group(goal),
    )
