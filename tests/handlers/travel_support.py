"""The travelling team's people and a round of three organisations, for the tests over HTTP."""

from __future__ import annotations

from bot.domain.roles import Role
from tests.support.factories import MEMBER, load_roster, person

ROUND_CHANNEL = "CREJSE"
ADVISER, ADVISER_2 = "UOLE", "UPIA"
HEADS = {"Odense Kommune": "UKAJ", "Vejle Kommune": "ULIS", "Region Midtjylland": "UMADS"}
CONTACTS = {"Odense Kommune": "UDITTE", "Vejle Kommune": "UEMIL", "Region Midtjylland": "UGUSTAV"}

TEAM = [
    person("UOLE", "Ole Rask", "Dansk Standard", Role.ADVISOR),
    person("UPIA", "Pia Friis", "Force Technology", Role.ADVISOR),
    person("UKAJ", "Kaj Holt", "Odense Kommune", Role.PROCUREMENT_HEAD),
    person("ULIS", "Lis Mørk", "Vejle Kommune", Role.PROCUREMENT_HEAD, MEMBER),
    person("UMADS", "Mads Vinter", "Region Midtjylland", Role.PROCUREMENT_HEAD),
]


def join_team(db, standin) -> None:  # type: ignore[no-untyped-def]
    """The advisers and heads of procurement, in the roster and in Slack."""
    load_roster(db, TEAM)
    for entry in TEAM:
        standin.add_user(entry.slack_user_id, name=entry.name, locale="da-DK")


def start_round(slack, organisations: int = 3) -> None:  # type: ignore[no-untyped-def]
    slack.command(ADVISER, "rejsehold start Jylland/Fyn", channel=ROUND_CHANNEL)
    for organisation in list(HEADS)[:organisations]:
        slack.command(
            ADVISER,
            f"rejsehold deltager add {organisation}; <@{CONTACTS[organisation]}|c>; "
            f"<@{HEADS[organisation]}|h>",
            channel=ROUND_CHANNEL,
        )
