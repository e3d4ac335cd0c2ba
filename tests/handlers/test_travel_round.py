"""``/pogi rejsehold start``, ``deltager add|remove`` and the board: who may, and bad input."""

from __future__ import annotations

from storage.queries import travel as travel_queries
from tests.handlers.travel_support import ADVISER, ROUND_CHANNEL, join_team, start_round
from tests.support.factories import audit_log


def test_a_round_is_started_its_organisations_added_and_its_board_shown(slack, standin, sqlite_db):
    join_team(sqlite_db, standin)
    refused = slack.command("UDITTE", "rejsehold start Jylland/Fyn", channel=ROUND_CHANNEL)
    assert "Kun sekretariatet og rejseholdets rådgivere kan starte et rejsehold." in refused.text

    started = slack.command(ADVISER, "travel-team start Jylland/Fyn", channel=ROUND_CHANNEL)
    assert started.json["response_type"] == "in_channel"
    assert "har startet rejseholdet *Jylland/Fyn* i denne kanal" in started.text
    again = slack.command("USEK", "rejsehold start Andet hold", channel=ROUND_CHANNEL)
    assert "Kanalen hører allerede til rejseholdet Jylland/Fyn." in again.text

    start_round(slack)
    board = slack.command("UDITTE", "rejsehold", channel=ROUND_CHANNEL).text
    for organisation in ("Odense Kommune", "Vejle Kommune", "Region Midtjylland"):
        assert f"*{organisation}* · fase 1 af 4: Opstartsworkshop" in board
    assert "Afventer: Opstartsworkshoppen er ikke planlagt · hos rådgiverne" in board
    assert "Kontaktperson: <@UDITTE> · indkøbschef: <@UKAJ>" in board
    assert "3 organisationer deltager." in board

    removed = slack.command(
        ADVISER, "rejsehold deltager remove vejle kommune", channel=ROUND_CHANNEL
    )
    assert "*Vejle Kommune* deltager ikke længere i rejseholdet Jylland/Fyn." in removed.text
    assert "2 organisationer deltager." in removed.text
    actions = [entry["action"] for entry in audit_log(sqlite_db)]
    assert actions.count("travel.participant_add") == 3
    assert "travel.start" in actions and "travel.participant_remove" in actions


def test_bad_participants_are_refused_in_words_and_nothing_is_stored(slack, standin, sqlite_db):
    join_team(sqlite_db, standin)
    outside = slack.command(ADVISER, "rejsehold", channel="CGENERAL")
    assert "Denne kanal hører ikke til et rejsehold." in outside.text
    slack.command(ADVISER, "rejsehold start Jylland/Fyn", channel=ROUND_CHANNEL)

    cases = {
        "rejsehold deltager add Odense Kommune": "Brug `/pogi rejsehold deltager add",
        "rejsehold deltager add Odense Kommune; <@UDITTE|d>; <@UDITTE|d>": (
            "<@UDITTE> er ikke registreret som indkøbschef."
        ),
        "rejsehold deltager add Odense Kommune; <@UEMIL|e>; <@UKAJ|k>": (
            "<@UEMIL> er ikke registreret hos Odense Kommune."
        ),
        "rejsehold deltager add Ukendt Kommune; <@UEMIL|e>; <@UKAJ|k>": (
            "Ukendt Kommune er ikke på brugerlisten."
        ),
        "rejsehold deltager add Odense Kommune; <@UNOBODY|n>; <@UKAJ|k>": (
            "<@UNOBODY> er ikke på brugerlisten."
        ),
        "rejsehold deltager remove Vejle Kommune": "Vejle Kommune deltager ikke i rejseholdet",
        "rejsehold start": "Skriv holdets navn",
        "rejsehold flyv": "Brug `/pogi rejsehold`",
    }
    for command, expected in cases.items():
        said = slack.command(ADVISER, command, channel=ROUND_CHANNEL).text
        assert expected in said, (command, said)
    with sqlite_db.reading() as session:
        team = travel_queries.round_in_channel(session, channel_id=ROUND_CHANNEL)
        assert team is not None
        assert list(travel_queries.participants(session, round_id=team.id)) == []
    member = slack.command(
        "UDITTE",
        "rejsehold deltager add Odense Kommune; <@UDITTE|d>; <@UKAJ|k>",
        channel=ROUND_CHANNEL,
    )
    assert "Kun sekretariatet og rejseholdets rådgivere kan ændre rejseholdets deltagere." in (
        member.text
    )
