"""``/pogi historik`` over signed HTTP: the revision's history in words, newest first and paged;
``historik eksport`` shares it as CSV and JSON files in the channel; only the secretariat may.

The clock stands at Sunday 22 November 2026, 12.00 in Copenhagen (11.00 UTC)."""

from __future__ import annotations

import csv
import io
import json

from bot.domain import roster
from bot.domain.roles import Role
from tests.support.factories import NOW, actor


def _busy_revision(slack) -> None:  # type: ignore[no-untyped-def]
    """A revision with 25 changes: started, a coordinator, and the group changed 23 times."""
    assert "Rengøring" in slack.command("USEK", "revision start Rengøring").text
    slack.command("USEK", "tovholder <@UANNE|anne>")
    for _ in range(11):
        slack.command("USEK", "gruppe add <@UDITTE|d>")
        slack.command("USEK", "gruppe remove <@UDITTE|d>")
    slack.command("USEK", "gruppe add <@UEMIL|e>")


def test_the_secretariat_reads_the_history_newest_first_a_page_at_a_time(slack):
    _busy_revision(slack)

    first = slack.command("USEK", "historik").text
    second = slack.command("USEK", "historik 2").text

    assert "Historik: Rengøring" in first
    assert "Side 1 af 2 · 25 ændringer i alt, de nyeste først" in first
    lines = [line for line in first.splitlines() if line.startswith("*søndag den 22. november")]
    assert len(lines) == 20
    assert lines[0] == (
        "*søndag den 22. november 2026 kl. 12.00* · Sofie Holm ændrede arbejdsgruppen: "
        "tilføjede Emil Dahl"
    )
    assert lines[1].endswith("Sofie Holm ændrede arbejdsgruppen: fjernede Ditte Krogh")
    assert "Næste side: `/pogi historik 2`" in first
    assert "Side 2 af 2" in second
    assert second.splitlines()[-2].endswith(
        "Sofie Holm startede revisionen af Rengøring i fasen Forberedelse"
    )
    assert "Sofie Holm udpegede Anne Lund som tovholder" in second
    assert "Næste side" not in second
    assert "{" not in first + second and "UANNE" not in first + second


def test_the_history_is_in_english_for_an_english_secretariat(slack, standin, sqlite_db):
    roster.add_person(
        sqlite_db,
        actor=actor(sqlite_db, "USEK"),
        slack_user_id="UKATE",
        name="Kate Brown",
        organisation="Miljøstyrelsen",
        roles=frozenset({Role.SECRETARIAT}),
        now=NOW,
    )
    standin.add_user("UKATE", name="Kate Brown", locale="en-GB")
    slack.command("USEK", "revision start Rengøring")

    said = slack.command("UKATE", "history").text

    assert "History: Rengøring" in said
    assert (
        "*Sunday 22 November 2026 at 12:00* · Sofie Holm started the revision of Rengøring" in said
    )


def test_others_are_refused_and_wrong_input_is_explained(slack):
    slack.command("USEK", "revision start Rengøring")

    assert slack.command("UANNE", "historik").json["text"] == (
        "Kun sekretariatet kan se og hente historikken."
    )
    assert slack.command("UDITTE", "historik eksport").json["text"] == (
        "Kun sekretariatet kan se og hente historikken."
    )
    assert slack.command("UOUTSIDER", "historik").text.startswith(
        "Du er ikke registreret i pogi endnu."
    )
    assert slack.command("USEK", "historik 3").json["text"] == (
        "Historikken har ingen side 3; den sidste er side 1 (`/pogi historik 1`)."
    )
    assert slack.command("USEK", "historik gammel").text.startswith("Brug `/pogi historik`")
    assert slack.command("USEK", "historik", channel="COTHER").json["text"] == (
        "Historikken hører til en revision: skriv `/pogi historik` i arbejdsgruppens kanal."
    )


def test_the_export_is_shared_in_the_channel_as_csv_and_json(slack, standin, app_server):
    _busy_revision(slack)

    said = slack.command("USEK", "historik eksport").json["text"]
    app_server.deliver()

    assert said == "Historikken for Rengøring deles i kanalen som CSV- og JSON-fil."
    uploads = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok]
    assert [u.args["channel_id"] for u in uploads] == ["CGROUP", "CGROUP"]
    assert {u.args["files"][0]["title"] for u in uploads} == {"Historik: Rengøring"}
    files = [standin.uploaded_file(u.args["files"][0]["id"]) for u in uploads]
    table = list(csv.DictReader(io.StringIO(files[0].decode("utf-8-sig"))))
    records = json.loads(files[1])
    assert len(table) == len(records) == 25
    assert table[-1]["what"] == "Sofie Holm startede revisionen af Rengøring i fasen Forberedelse"
    assert table[-1]["when"] == "søndag den 22. november 2026 kl. 12.00"
    assert table[-1]["actor"] == "USEK" and table[-1]["action"] == "revision.start"
    assert json.loads(table[-1]["after"])["goal"] == "Rengøring"
    assert records[0]["what"] == "Sofie Holm ændrede arbejdsgruppen: tilføjede Emil Dahl"
    assert records[0]["after"] == {"added": ["UEMIL"], "removed": []}
    assert records[0]["at"] == "2026-11-22T11:00:00+00:00"


def test_a_history_of_one_change_says_one(slack):
    slack.command("USEK", "revision start Rengøring")
    shown = slack.command("USEK", "historik").text
    assert "Side 1 af 1 · 1 ændring i alt" in shown
    assert "ændringer" not in shown
