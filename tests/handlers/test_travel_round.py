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


def test_meetings_plans_and_evaluations_refuse_bad_input_and_store_nothing(
    slack, standin, sqlite_db, clock
):
    join_team(sqlite_db, standin)
    start_round(slack)
    cases = {
        (ADVISER, "rejsehold workshop"): "Brug `/pogi rejsehold workshop opstart TID [STED]`",
        (ADVISER, "rejsehold workshop opstart i går kl. 9"): "i fortiden",
        (ADVISER, "rejsehold workshop afslutning blah"): "kan ikke forstås som et tidspunkt",
        (ADVISER, "rejsehold workshop opstart"): "Skriv tidspunktet",
        ("UDITTE", "rejsehold workshop opstart torsdag kl. 9"): (
            "Kun sekretariatet og rejseholdets rådgivere kan planlægge rejseholdets møder."
        ),
        (ADVISER, "rejsehold opstartsmøde Aarhus Kommune torsdag kl. 9"): (
            "Begynd med navnet på en af rejseholdets organisationer"
        ),
        (ADVISER, "rejsehold opstartsmøde Vejle Kommune"): "Skriv tidspunktet",
        (ADVISER, "rejsehold plan Vejle Kommune"): (
            "Aktivitetsplanen skrives efter opstartsmødet, og Vejle Kommune har endnu ikke holdt"
        ),
        ("UDITTE", "rejsehold plan Vejle Kommune"): (
            "Kun sekretariatet og rejseholdets rådgivere kan skrive aktivitetsplaner"
        ),
        ("UDITTE", "rejsehold evaluering"): (
            "Kun sekretariatet og rejseholdets rådgivere kan se rejseholdets evaluering."
        ),
        (ADVISER, "rejsehold evaluering"): "Ingen organisationer har evalueret endnu.",
        (ADVISER, "rejsehold deltager"): "Brug `/pogi rejsehold deltager add",
    }
    for (user, command), expected in cases.items():
        said = slack.command(user, command, channel=ROUND_CHANNEL).text
        assert expected in said, (command, said)
    with sqlite_db.reading() as session:
        team = travel_queries.round_in_channel(session, channel_id=ROUND_CHANNEL)
        assert team is not None
        assert list(travel_queries.round_meetings(session, round_id=team.id)) == []

    english = slack.command("UJOHN", "travel-team", channel=ROUND_CHANNEL).text
    assert "Travelling team Jylland/Fyn" in english
    assert "phase 1 of 4: Opening workshop" in english
    assert "Waiting for: The opening workshop is not planned · with the advisers" in english
    helped = slack.command("UJOHN", "help", channel=ROUND_CHANNEL).text
    assert "This channel is the channel of the travelling team *Jylland/Fyn*." in helped
    assert "`/pogi travel-team` – shows the travelling team's organisations" in helped


def test_a_moved_closing_workshop_asks_for_the_evaluations_at_its_new_end(
    slack, standin, sqlite_db
):
    from sqlmodel import select

    from storage.tables import OutboxMessage
    from tests.support.server import buttons

    join_team(sqlite_db, standin)
    start_round(slack, organisations=2)
    asked = slack.command(
        ADVISER, "rejsehold workshop afslutning torsdag kl. 9-15 Vejen", channel=ROUND_CHANNEL
    )
    slack.click(ADVISER, buttons(asked.json)["Bekræft"], channel=ROUND_CHANNEL)
    refused = slack.command("UDITTE", "møde flyt 1 fredag kl. 9-15", channel=ROUND_CHANNEL)
    assert "Kun sekretariatet og rejseholdets rådgivere kan indkalde til og ændre møder." in (
        refused.text
    )
    moved = slack.command(ADVISER, "møde flyt 1 fredag kl. 10-16", channel=ROUND_CHANNEL)
    assert "fredag den 27. november 2026" in moved.text
    with sqlite_db.reading() as session:
        invites = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "travel.evaluation")
        ).all()
    assert len(invites) == 2
    assert {row.due_at.isoformat() for row in invites} == {"2026-11-27T15:00:00+00:00"}
