"""The ``pogi`` command line: roster import, database upgrade, ``run``'s checks, help."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.domain import roster
from bot.domain.people import Actor, PersonView
from bot.domain.roles import Role
from storage import queries
from storage.database import Database, make_engine

POGI = Path(sys.executable).with_name("pogi")

GOOD_ROSTER = """slack_user_id,name,organisation,roles
USEK,Sofie Holm,Miljøstyrelsen,secretariat
UANNE,Anne Lund,Aarhus Kommune,steering;member
UCARL,Carl Berg,Aarhus Kommune,steering-deputy;member
UGUSTAV,Gustav Møller,"Region Midtjylland, Indkøb",member;ambassador
"""

BAD_ROSTER = """slack_user_id,name,organisation,roles
USEK,Sofie Holm,Miljøstyrelsen,secretariat
anne,Anne Lund,Aarhus Kommune,steering
UCARL,,Aarhus Kommune,member
UDITTE,Ditte Krogh,Odense Kommune,chef
USEK,Sofie Igen,Miljøstyrelsen,secretariat
"""

SECRETARIAT = Actor(
    "USEK", PersonView("USEK", "Sofie Holm", "Miljøstyrelsen", frozenset({Role.SECRETARIAT}))
)


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _people(database: Path) -> list[tuple[str, str, str, str]]:
    """Everyone in the roster file, by id; an unmigrated or missing file holds nobody."""
    if not database.exists():
        return []
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "person" not in tables:
        return []
    db = Database(make_engine(f"sqlite:///{database}"))
    try:
        with db.reading() as session:
            organisations = queries.organisations_by_id(session)
            return sorted(
                (p.slack_user_id, p.name, organisations[p.organisation_id].name, p.roles)
                for p in queries.all_people(session)
            )
    finally:
        db.dispose()


# -- roster import -------------------------------------------------------------------------


def test_a_good_roster_is_imported_with_counts(environment, tmp_path, capsys):
    file = _write(tmp_path, "roster.csv", GOOD_ROSTER)

    status = main(["roster", "import", str(file)])

    assert status == 0
    out = capsys.readouterr().out
    assert "Brugerlisten er indlæst. Nye: 4 · Opdaterede: 0 · Uændrede: 0" in out
    assert _people(environment) == [
        ("UANNE", "Anne Lund", "Aarhus Kommune", "member;steering"),
        ("UCARL", "Carl Berg", "Aarhus Kommune", "member;steering-deputy"),
        ("UGUSTAV", "Gustav Møller", "Region Midtjylland, Indkøb", "ambassador;member"),
        ("USEK", "Sofie Holm", "Miljøstyrelsen", "secretariat"),
    ]


def test_re_importing_the_same_file_changes_nothing_and_duplicates_nobody(
    environment, tmp_path, capsys
):
    file = _write(tmp_path, "roster.csv", GOOD_ROSTER)
    main(["roster", "import", str(file)])
    first = _people(environment)
    capsys.readouterr()

    status = main(["roster", "import", str(file)])

    assert status == 0
    assert (
        "Brugerlisten er indlæst. Nye: 0 · Opdaterede: 0 · Uændrede: 4" in capsys.readouterr().out
    )
    assert _people(environment) == first
    with sqlite3.connect(environment) as connection:
        (organisations,) = connection.execute("SELECT count(*) FROM organisation").fetchone()
    assert organisations == 3


def test_a_changed_file_updates_people(environment, tmp_path, capsys):
    main(["roster", "import", str(_write(tmp_path, "roster.csv", GOOD_ROSTER))])
    changed = GOOD_ROSTER.replace(
        "UCARL,Carl Berg,Aarhus Kommune,steering-deputy;member",
        "UCARL,Carl Berg,Odense Kommune,member",
    )
    capsys.readouterr()

    main(["roster", "import", str(_write(tmp_path, "changed.csv", changed))])

    assert "Nye: 0 · Opdaterede: 1 · Uændrede: 3" in capsys.readouterr().out
    assert ("UCARL", "Carl Berg", "Odense Kommune", "member") in _people(environment)


def test_a_bad_file_imports_nobody_and_lists_every_problem_by_line(environment, tmp_path, capsys):
    file = _write(tmp_path, "bad.csv", BAD_ROSTER)

    status = main(["roster", "import", str(file)])

    assert status == 1
    err = capsys.readouterr().err
    assert "Brugerlisten blev ikke indlæst: Filen har 4 fejl." in err
    assert "linje 3: anne er ikke et Slack-bruger-id" in err
    assert "linje 4: Navn mangler." in err
    assert "linje 5: Ukendt rolle: chef." in err
    assert "linje 6: Slack-id USEK står også på linje 2." in err
    assert "linje 2" not in err.replace("på linje 2", "")
    assert "Traceback" not in err
    assert _people(environment) == []


def test_a_bad_file_leaves_an_existing_roster_alone(environment, tmp_path, capsys):
    main(["roster", "import", str(_write(tmp_path, "roster.csv", GOOD_ROSTER))])
    before = _people(environment)

    status = main(["roster", "import", str(_write(tmp_path, "bad.csv", BAD_ROSTER))])

    assert status == 1
    assert _people(environment) == before


def test_a_semicolon_separated_file_gets_a_hint(environment, tmp_path, capsys):
    file = _write(tmp_path, "excel.csv", "slack_user_id;name;organisation;roles\nUSEK;S;M;member\n")

    assert main(["roster", "import", str(file)]) == 1
    assert "linje 1: Filen ser ud til at være adskilt med semikolon." in capsys.readouterr().err


def test_a_missing_file_is_an_error_not_a_trace(environment, tmp_path, capsys):
    status = main(["roster", "import", str(tmp_path / "nowhere.csv")])

    assert status == 1
    err = capsys.readouterr().err
    assert "nowhere.csv" in err
    assert "Traceback" not in err


def test_the_imported_roster_is_what_the_bot_reads(environment, tmp_path):
    main(["roster", "import", str(_write(tmp_path, "roster.csv", GOOD_ROSTER))])

    db = Database(make_engine(f"sqlite:///{environment}"))
    try:
        grouped = roster.roster_by_organisation(db, actor=SECRETARIAT)
        anne = roster.find_person(db, slack_user_id="UANNE")
    finally:
        db.dispose()
    assert [p.slack_user_id for p in grouped["Aarhus Kommune"]] == ["UANNE", "UCARL"]
    assert anne.roles == {Role.STEERING, Role.MEMBER}


# -- db upgrade ----------------------------------------------------------------------------


def test_db_upgrade_creates_the_tables_and_can_run_twice(environment, capsys):
    assert main(["db", "upgrade"]) == 0
    with sqlite3.connect(environment) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert {"person", "organisation", "revision", "group_member", "audit_entry"} <= tables

    assert main(["db", "upgrade"]) == 0

    with sqlite3.connect(environment) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (version,)
        ]
    assert capsys.readouterr().out.count("pogi: the database is up to date.") == 2


# -- run's configuration checks ------------------------------------------------------------


def test_run_without_credentials_names_both_and_exits_2(environment, capsys):
    status = main(["run", "--http", "--port", "0"])

    assert status == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" in err
    assert "SLACK_SIGNING_SECRET" in err
    assert "pogi console" in err
    assert not environment.exists()


def test_run_names_only_the_missing_credential(environment, monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    assert main(["run", "--http", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_SIGNING_SECRET" in err
    assert "SLACK_BOT_TOKEN" not in err


def test_an_invalid_timezone_is_a_clear_configuration_error(environment, monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("POGI_TIMEZONE", "Europe/Kobenhavn")

    status = main(["run", "--http", "--port", "0"])

    assert status == 2
    err = capsys.readouterr().err
    assert "POGI_TIMEZONE" in err
    assert "Europe/Kobenhavn" in err
    assert "Traceback" not in err
    assert not environment.exists()


def test_an_invalid_language_is_a_clear_configuration_error(environment, monkeypatch, capsys):
    monkeypatch.setenv("POGI_LANGUAGE", "de")

    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "POGI_LANGUAGE" in err
    assert "'da' or 'en'" in err


# -- help ----------------------------------------------------------------------------------


def test_pogi_without_arguments_prints_help(capsys):
    assert main([]) == 0

    out = capsys.readouterr().out
    assert "usage: pogi" in out
    for command in ("run", "console", "when", "roster", "db"):
        assert command in out


def test_an_unknown_command_exits_with_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])

    assert exit_.value.code == 2
    assert "usage: pogi" in capsys.readouterr().err


def test_the_installed_console_script_imports_a_roster_and_refuses_to_run_unconfigured(
    tmp_path,
):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "POGI_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'script.db'}"
    file = _write(tmp_path, "roster.csv", GOOD_ROSTER)

    imported = subprocess.run(
        [str(POGI), "roster", "import", str(file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    refused = subprocess.run(
        [str(POGI), "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    helped = subprocess.run(
        [str(POGI)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )

    assert imported.returncode == 0, imported.stderr
    assert "Brugerlisten er indlæst. Nye: 4 · Opdaterede: 0 · Uændrede: 0" in imported.stdout
    assert refused.returncode == 2
    assert "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in refused.stderr
    assert helped.returncode == 0
    assert "usage: pogi" in helped.stdout
