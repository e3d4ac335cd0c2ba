"""``pogi audit export`` from the command line: the audit log as CSV or JSON, of one goal's
revisions or all of it, from a day on; and wrong input."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

from bot.app.cli import main
from bot.domain import revisions
from storage.database import Database, make_engine
from tests.support.factories import NOW, actor, load_roster, start_revision


def _database(file: Path) -> Database:
    db = Database(make_engine(f"sqlite:///{file}"))
    db.upgrade()
    return db


def _two_revisions(file: Path) -> None:
    db = _database(file)
    load_roster(db)
    start_revision(db, coordinator="UANNE")
    revisions.start_revision(
        db,
        actor=actor(db, "USEK"),
        goal="Møbler",
        channel_id="CMOEBLER",
        now=NOW + timedelta(days=3),
    )
    db.dispose()


def test_one_goals_history_as_json_in_a_file(environment, tmp_path, capsys):
    _two_revisions(environment)
    output = tmp_path / "rengoering.json"

    status = main(
        ["audit", "export", "--revision", "rengøring", "--format", "json", "--output", str(output)]
    )

    assert status == 0
    records = json.loads(output.read_text(encoding="utf-8"))
    assert [r["what"] for r in records] == [
        "Sofie Holm udpegede Anne Lund som tovholder",
        "Sofie Holm startede revisionen af Rengøring i fasen Forberedelse",
    ]
    assert records[0]["when"] == "søndag den 22. november 2026 kl. 12.00"
    assert records[0]["after"] == {"coordinator": "UANNE", "by_rotation": False}


def test_everything_since_a_day_as_csv_on_standard_output(environment, capsys):
    _two_revisions(environment)

    status = main(["audit", "export", "--since", "2026-11-23", "--format", "csv"])

    assert status == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["action"], r["what"]) for r in rows] == [
        ("revision.start", "Sofie Holm startede revisionen af Møbler i fasen Forberedelse")
    ]


def test_the_whole_log_includes_the_roster(environment, capsys):
    _two_revisions(environment)

    assert main(["audit", "export", "--format", "csv"]) == 0

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 9 + 3
    assert rows[-1]["what"] == (
        "setup føjede Sofie Holm (Miljøstyrelsen) til brugerlisten som sekretariat"
    )


def test_an_unknown_goal_or_a_bad_day_is_explained(environment, capsys):
    _two_revisions(environment)

    assert main(["audit", "export", "--revision", "Mad", "--format", "csv"]) == 1
    assert "Der er ingen revision af Mad." in capsys.readouterr().err
    assert main(["audit", "export", "--since", "i går", "--format", "csv"]) == 2
    assert "give a day as YYYY-MM-DD" in capsys.readouterr().err


# -- a person's data -----------------------------------------------------------------------


def test_a_persons_data_is_written_as_one_json_file(environment, tmp_path, capsys):
    _two_revisions(environment)

    status = main(["person", "export", "UANNE"])

    assert status == 0
    written = tmp_path / "person-UANNE.json"
    assert "Alt, hvad pogi har om UANNE, er skrevet til person-UANNE.json." in (
        capsys.readouterr().out
    )
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["person"]["name"] == "Anne Lund"
    assert document["coordinator_of"] == ["Rengøring"]
    assert [line["what"] for line in document["audit"]] == [
        "Sofie Holm udpegede Anne Lund som tovholder",
        "setup føjede Anne Lund (Aarhus Kommune) til brugerlisten som medlem, styregruppemedlem",
    ]


def test_erasing_from_the_command_line_leaves_no_trace_and_is_logged(environment, tmp_path, capsys):
    _two_revisions(environment)

    assert main(["person", "erase", "UANNE"]) == 0
    assert "UANNE er slettet" in capsys.readouterr().out
    assert main(["person", "erase", "UANNE"]) == 1
    assert "UANNE står ikke på brugerlisten." in capsys.readouterr().err
    assert main(["person", "export", "UANNE"]) == 1
    assert main(["audit", "export", "--format", "json"]) == 0

    exported = capsys.readouterr().out
    assert "UANNE" not in exported and "Anne Lund" not in exported
    records = json.loads(exported)
    assert records[0]["what"] == (
        "kommandolinjen slettede en persons oplysninger fra Aarhus Kommune"
    )
    assert "Sofie Holm udpegede en slettet person som tovholder" in [r["what"] for r in records]
