"""Good examples: registered, moved through their stages with buttons (who and when), listed by
stage; refusals for the wrong role, a stale click and bad input."""

from __future__ import annotations

from tests.handlers.travel_support import ADVISER, ROUND_CHANNEL, join_team, start_round
from tests.support.factories import audit_log
from tests.support.server import buttons, everything_said


def test_an_example_moves_from_candidate_to_published(slack, standin, sqlite_db):
    join_team(sqlite_db, standin)
    start_round(slack)
    added = slack.command(
        ADVISER, "example add vejle kommune Grøn rengøring på skolerne", channel=ROUND_CHANNEL
    )
    assert added.json["response_type"] == "in_channel"
    assert "Godt eksempel nr. 1 fra Vejle Kommune: *Grøn rengøring på skolerne*" in added.text
    assert "Kandidat søndag den 22. november 2026 af <@UOLE>" in added.text

    refused = slack.click("UEMIL", buttons(added.json)["Næste: Interview aftalt"])
    assert refused.status == 200
    interview = buttons(added.json)["Næste: Interview aftalt"]
    slack.click(ADVISER, interview)
    stale = len(standin.calls_to("response_url"))
    slack.click("UPIA", interview)
    said = everything_said(standin.wait_for("response_url", stale + 1)[-1].args)
    assert "Eksemplet er allerede flyttet." in said

    linked = slack.command(
        ADVISER, "eksempel link 1 <https://pogi.dk/case.pdf>", channel=ROUND_CHANNEL
    )
    assert "Link: https://pogi.dk/case.pdf" in linked.text
    slack.click(ADVISER, buttons(linked.json)["Næste: Case skrevet"])
    listed = slack.command("UEMIL", "eksempler", channel="CGENERAL").text
    assert "*Case skrevet*\nnr. 1 · *Grøn rengøring på skolerne* (Vejle Kommune)" in listed
    assert "https://pogi.dk/case.pdf" in listed
    steps = [
        e["after"]["stage"]
        for e in audit_log(sqlite_db, entity="travel_example:1")
        if e["action"] != "travel.example_link"
    ]
    assert steps == ["candidate", "interview", "case"]


def test_bad_examples_are_refused_in_words(slack, standin, sqlite_db):
    join_team(sqlite_db, standin)
    start_round(slack)
    cases = {
        ("UEMIL", "eksempel add Vejle Kommune Noget"): (
            "Kun sekretariatet og rejseholdets rådgivere kan registrere og flytte gode eksempler."
        ),
        (ADVISER, "eksempel add Vejle Kommune"): "Skriv eksemplets titel efter organisationen",
        (ADVISER, "eksempel add Aarhus Kommune Noget"): (
            "Begynd med navnet på en af rejseholdets organisationer: Odense Kommune, "
            "Region Midtjylland, Vejle Kommune."
        ),
        (ADVISER, "eksempel link 7 https://pogi.dk"): "Der er intet eksempel nummer 7.",
        (ADVISER, "eksempel link 1 ftp://x"): "Brug `/pogi eksempel add",
        (ADVISER, "eksempel fjern 1"): "Brug `/pogi eksempel add",
    }
    slack.command(ADVISER, "eksempel add Vejle Kommune Grøn rengøring", channel=ROUND_CHANNEL)
    for (user, command), expected in cases.items():
        said = slack.command(user, command, channel=ROUND_CHANNEL).text
        if command == "eksempel link 1 ftp://x":
            expected = "Skriv et link, der begynder med https://."
        assert expected in said, (command, said)
    assert len(audit_log(sqlite_db, entity="travel_example:1")) == 1
