"""``pogi console``: the real app in a terminal, driven through a pipe or in-process."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlmodel import col, select

from bot.console.session import run_console
from bot.domain import revisions, roster
from bot.domain.people import Actor
from bot.domain.roles import Role
from storage import queries
from storage.database import Database, make_engine
from storage.tables import HearingAnswer, PhaseOverride

POGI = Path(sys.executable).with_name("pogi")


def _console(db_file: Path, *lines: str, as_user: str | None = None) -> tuple[int, str]:
    """Run a console session in-process with ``lines`` typed; the status and what it printed."""
    out = io.StringIO()
    status = run_console(
        as_user=as_user,
        db_file=str(db_file),
        stdin=io.StringIO("".join(line + "\n" for line in lines)),
        stdout=out,
    )
    return status, out.getvalue()


def _database(db_file: Path) -> Database:
    return Database(make_engine(f"sqlite:///{db_file}"))


def _block_after(output: str, prompt_line: str) -> str:
    """What the console printed after the prompt that echoed ``prompt_line``, up to the next."""
    start = output.index(f"> {prompt_line}\n") + len(prompt_line) + 3
    following = re.search(r"^\S.*> ", output[start:], flags=re.MULTILINE)
    return output[start : start + following.start()] if following else output[start:]


def test_piped_help_prints_the_help_and_exits_0(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "POGI_"))}

    result = subprocess.run(
        [str(POGI), "console", "--db", str(tmp_path / "console.db")],
        input="/pogi hjælp\nquit\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "Demobrugerlisten er indlæst: 15 personer" in result.stdout
    assert "Du er Sofie Holm i #arbejdsgruppe-rengoering." in result.stdout
    assert "# Det kan du gøre med pogi" in result.stdout
    assert "`/pogi revision start MÅL`" in result.stdout
    assert result.stdout.rstrip().endswith("Farvel.")
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "pogi-console.db").exists()


def test_a_fresh_database_gets_the_demo_roster_once(tmp_path):
    db_file = tmp_path / "console.db"

    _, first = _console(db_file, "quit")
    _, second = _console(db_file, "quit")

    assert "Demobrugerlisten er indlæst" in first
    assert "Demobrugerlisten er indlæst" not in second
    db = _database(db_file)
    try:
        sofie = roster.find_person(db, slack_user_id="USOFIE")
        john = roster.find_person(db, slack_user_id="UJOHN")
    finally:
        db.dispose()
    assert sofie.roles == {Role.SECRETARIAT}
    assert john.organisation == "Aalborg Kommune"


def test_as_john_the_help_has_english_command_words(tmp_path):
    status, output = _console(tmp_path / "console.db", "/pogi help", "quit", as_user="UJOHN")

    assert status == 0
    assert "Du er John Smith i #arbejdsgruppe-rengoering." in output
    helped = _block_after(output, "/pogi help")
    assert "`/pogi help`" in helped
    assert "`/pogi phase`" in helped
    assert "What you can do with pogi" in helped
    assert "/pogi revision start" not in helped


def test_someone_not_in_the_roster_is_warned(tmp_path):
    _, output = _console(tmp_path / "console.db", "/pogi status", "quit", as_user="UNOBODY")

    assert "Bemærk: UNOBODY står ikke på brugerlisten." in output
    assert "Du er ikke registreret i pogi endnu." in _block_after(output, "/pogi status")


def test_a_whole_revision_start_to_phase_two_and_a_roster_form(tmp_path):
    db_file = tmp_path / "console.db"

    status, output = _console(
        db_file,
        "/pogi revision start Rengøring",
        "/pogi tovholder @UANNE",
        "/pogi gruppe add @UDITTE @UEMIL @UFRIDA @UGUSTAV",
        "/pogi dokument add baggrundsrapport https://pogi.dk/baggrund.pdf",
        "/pogi dokument add kommissorium https://pogi.dk/kommissorium.docx Kommissorium 2026",
        "/pogi dokument add leverandørdialog https://pogi.dk/dialog.pdf Dialogmøde",
        "/pogi fase næste",
        "1",
        "/pogi roster add",
        "@UNEWBIE",
        "Vejle Kommune",
        "medlem, 5",
        "/pogi status",
        "quit",
    )

    assert status == 0
    started = _block_after(output, "/pogi revision start Rengøring")
    assert "── pogi i #arbejdsgruppe-rengoering" in started
    assert "# Revisionen af Rengøring er startet" in started

    appointed = _block_after(output, "/pogi tovholder @UANNE")
    assert "@Sofie Holm har udpeget @Anne Lund (Aarhus Kommune) som tovholder" in appointed

    grouped = _block_after(output, "/pogi gruppe add @UDITTE @UEMIL @UFRIDA @UGUSTAV")
    assert "Gruppen opfylder kravene: 5 medlemsorganisationer" in grouped

    asked = _block_after(output, "/pogi fase næste")
    assert "── pogi (kun synligt for dig)" in asked
    assert "flyttes fra *Forberedelse* til *Udvikling i arbejdsgruppen*?" in asked
    assert "[1] Bekræft  [2] Annullér" in asked

    clicked = _block_after(output, "1")
    assert "(pogi fjernede beskeden)" in clicked
    assert "til fasen *Udvikling i arbejdsgruppen* (2 af 7)" in clicked

    form = _block_after(output, "/pogi roster add")
    assert "── Formular: Tilføj bruger" in form
    assert "Person: @UNEWBIE" in form
    assert "Organisation: Vejle Kommune" in form
    assert "5=ambassadør, 6=rådgiver, 7=indkøbschef) [flere adskilles med komma]: medlem, 5" in form

    state = _block_after(output, "/pogi status")
    assert "2 af 7: Udvikling i arbejdsgruppen" in state
    assert "Traceback" not in output

    db = _database(db_file)
    try:
        here = revisions.revision_here(db, channel_id="CGRUPPE")
        added = roster.find_person(db, slack_user_id="UNEWBIE")
    finally:
        db.dispose()
    assert here.phase.key == "udvikling"
    assert here.coordinator.slack_user_id == "UANNE"
    assert (added.organisation, added.roles) == ("Vejle Kommune", {Role.MEMBER, Role.AMBASSADOR})


def test_a_submitted_form_shows_its_receipt(tmp_path):
    _, output = _console(
        tmp_path / "console.db", "/pogi roster add", "UNEWBIE", "Vejle Kommune", "4", "quit"
    )

    form = _block_after(output, "/pogi roster add")
    assert "(UNEWBIE, Vejle Kommune) er føjet til brugerlisten som medlem." in form


def test_a_form_missing_an_answer_is_asked_again(tmp_path):
    db_file = tmp_path / "console.db"

    status, output = _console(
        db_file,
        "/pogi roster add",
        *("UNEWBIE", "   ", "4"),
        *("UNEWBIE", "Vejle Kommune", "4"),
        "quit",
    )

    assert status == 0
    assert "   ! Organisation skal udfyldes" in output
    assert output.count("Person: UNEWBIE") == 2
    db = _database(db_file)
    try:
        assert roster.find_person(db, slack_user_id="UNEWBIE").organisation == "Vejle Kommune"
    finally:
        db.dispose()


def test_editing_a_hearing_answer_shows_the_current_answer_and_an_empty_line_keeps_it(tmp_path):
    db_file = tmp_path / "console.db"

    _, output = _console(
        db_file,
        "/pogi revision start Rengøring",
        *("/pogi fase næste", "1", "Høringen prøves her"),
        *("/pogi fase næste", "2", "Høringen prøves her"),
        "/pogi høring intern 21. december kl. 12",
        "3",
        ":som UDITTE",
        "11",
        *("Vi støtter forslaget.", ""),
        "11",
        *("", "https://odense.dk/svar.pdf"),
        "quit",
    )

    assert "Høringssvar [nu: »Vi støtter forslaget.«; tom linje beholder det]: " in output
    assert "(version 2)" in output
    db = _database(db_file)
    try:
        with db.reading() as session:
            rows = session.exec(select(HearingAnswer).order_by(col(HearingAnswer.version))).all()
        assert [(row.text, row.url) for row in rows] == [
            ("Vi støtter forslaget.", ""),
            ("Vi støtter forslaget.", "https://odense.dk/svar.pdf"),
        ]
    finally:
        db.dispose()


def test_a_form_can_be_closed_without_saving(tmp_path):
    db_file = tmp_path / "console.db"

    _, output = _console(db_file, "/pogi roster add", ":annullér", "quit")

    assert "Formularen er lukket uden at gemme." in output
    db = _database(db_file)
    try:
        sofie = Actor("USOFIE", roster.find_person(db, slack_user_id="USOFIE"))
        people = roster.roster_by_organisation(db, actor=sofie).values()
        assert sum(len(members) for members in people) == 15
    finally:
        db.dispose()


def test_cancel_leaves_the_phase_alone(tmp_path):
    _, output = _console(
        tmp_path / "console.db",
        "/pogi revision start Rengøring",
        "/pogi tovholder @UANNE",
        "/pogi dokument add baggrundsrapport https://pogi.dk/baggrund.pdf",
        "/pogi dokument add kommissorium https://pogi.dk/kommissorium.docx",
        "/pogi dokument ingen-leverandørdialog Markedet er afdækket i SKI's udbud",
        "/pogi fase næste",
        "2",
        "quit",
    )

    assert "Fasen er uændret." in _block_after(output, "2")


def test_the_home_tab_and_switching_user_and_channel(tmp_path):
    _, output = _console(
        tmp_path / "console.db",
        "/pogi revision start Rengøring",
        ":hjem",
        ":som UANNE",
        ":kanal styregruppe",
        "/pogi styregruppe her",
        "quit",
    )

    home = _block_after(output, ":hjem")
    assert "── Din App Home-fane" in home
    assert "*Rengøring* · Forberedelse" in home
    assert "[1] Opdatér" in home
    assert "Du er nu Anne Lund." in output
    assert "Du er nu i #styregruppe." in output
    assert "Kun sekretariatet kan vælge styregruppens kanal." in _block_after(
        output, "/pogi styregruppe her"
    )


def test_unknown_input_and_a_missing_button_are_explained(tmp_path):
    _, output = _console(tmp_path / "console.db", "hej", "42", "quit")

    assert "Skriv en kommando, der begynder med /pogi, et knapnummer eller :hjælp." in output
    assert "Der er ingen knap med nummer 42." in output


def test_end_of_input_ends_the_session(tmp_path):
    status, output = _console(tmp_path / "console.db", "/pogi hjælp")

    assert status == 0
    assert output.rstrip().endswith("Farvel.")


def test_the_demo_walks_a_revision_from_start_to_implementation_meeting_every_condition(
    tmp_path,
):
    db_file = tmp_path / "console.db"

    status, output = _console(db_file, ":demo", "quit")

    assert status == 0
    assert "til fasen *Implementering* (7 af 7)" in output
    assert "Flyt alligevel" not in output
    assert "Der er ingen knap" not in output and "Beklager" not in output
    db = _database(db_file)
    try:
        with db.reading() as session:
            assert session.exec(select(PhaseOverride)).all() == []
            moves = [
                (entry.before or {}).get("phase")
                for entry in queries.audit_entries(session)
                if entry.action == "revision.phase"
            ]
        assert moves == [
            "forberedelse",
            "udvikling",
            "intern-hoering",
            "branchehoering",
            "godkendelse",
            "lancering",
        ]
    finally:
        db.dispose()


def test_a_button_is_clicked_by_its_label_and_an_unknown_label_is_named(tmp_path):
    _, output = _console(
        tmp_path / "console.db",
        "/pogi revision start Rengøring",
        ":klik Bekræft",
        "/pogi fase næste",
        ":klik flyt alligevel",
        "Demoen springer forberedelsen over",
        "quit",
    )

    assert "Der er ingen knap, der hedder »Bekræft«." in output
    assert "til fasen *Udvikling i arbejdsgruppen* (2 af 7)" in output
