"""A person's data (``bot.domain.personal_data``) on SQLite and PostgreSQL: the subject-access
export holds everything pogi has about them; erasure replaces their name and Slack id (whole
words only) and the free text that was theirs alone, and is logged without the erased data."""

from __future__ import annotations

import pytest

from bot.domain import history, homework, personal_data, roster
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.roles import Role
from bot.presentation.i18n import Translator
from storage.tables import Homework
from tests.domain.test_history import ZONE, _every_kind_of_change
from tests.support.factories import GROUP_CHANNEL, NOW, actor

DA = Translator("da", ZONE)


def test_the_export_holds_everything_about_the_person(any_db):
    _every_kind_of_change(any_db)

    anne = personal_data.export_person(any_db, slack_user_id="UANNE", tr=DA)
    ditte = personal_data.export_person(any_db, slack_user_id="UDITTE", tr=DA)

    assert anne["person"] == {
        "slack_user_id": "UANNE",
        "name": "Anne Lund",
        "organisation": "Aarhus Kommune",
        "roles": ["member", "steering"],
        "locale": None,
        "in_roster_since": NOW.isoformat(),
    }
    assert [g["goal"] for g in anne["working_groups"]] == ["Rengøring"]
    assert anne["coordinator_of"] == ["Rengøring"]
    assert [(b["vote"], b["choice"], b["for_organisation"]) for b in anne["ballots"]] == [
        ("Rengøring", "for", "Aarhus Kommune")
    ]
    assert [a["state"] for a in anne["internal_approvals"]] == ["given"]
    assert [line["what"] for line in anne["audit"]][-2:] == [
        "Sofie Holm udpegede Anne Lund som tovholder",
        "setup føjede Anne Lund (Aarhus Kommune) til brugerlisten som medlem, styregruppemedlem",
    ]
    assert "Anne Lund stemte Imod for Aarhus Kommune i afstemningen om Rengøring" in [
        line["what"] for line in anne["audit"]
    ]
    assert [g["goal"] for g in ditte["working_groups"]] == ["Rengøring"]
    assert [(h["task"], h["status"], h["assigned_to_them"]) for h in ditte["homework"]] == [
        ("Send udkast", "done", True)
    ]
    assert [(a["organisation"], a["text"]) for a in ditte["hearing_answers"]] == [
        ("Odense Kommune", "Kravet er for strengt.")
    ]
    sofie = personal_data.export_person(any_db, slack_user_id="USEK", tr=DA)
    assert [c["decision"] for c in sofie["comments"]] == ["accepted"]
    assert len(sofie["meetings"]) == 3  # two of the working group, one of the steering group
    assert len(sofie["audit"]) > 20


def test_someone_not_in_the_roster_has_nothing_to_export_or_erase(any_db):
    _every_kind_of_change(any_db)

    with pytest.raises(NotFound):
        personal_data.export_person(any_db, slack_user_id="UNOBODY", tr=DA)
    with pytest.raises(NotFound):
        personal_data.erase_person(any_db, actor="cli", slack_user_id="UNOBODY", now=NOW)
    with pytest.raises(NotAllowed):
        personal_data.erase_person(
            any_db, actor=actor(any_db, "UANNE"), slack_user_id="UEMIL", now=NOW
        )


def test_erasure_replaces_whole_names_and_the_text_that_was_theirs_alone(any_db):
    _every_kind_of_change(any_db)
    sec = actor(any_db, "USEK")
    roster.add_person(
        any_db,
        actor=sec,
        slack_user_id="UIDA",
        name="Ida",
        organisation="Odense Kommune",
        roles=frozenset({Role.SECRETARIAT}),
        now=NOW,
    )
    given = homework.assign(
        any_db,
        actor=actor(any_db, "UIDA"),
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UEMIL"],
        text="Ring til Ida idag til 27/11 kl. 12",
        now=NOW,
        zone=ZONE,
        reminders=(),
    )
    kept = homework.assign(
        any_db,
        actor=sec,
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UEMIL"],
        text="Spørg Ida om Idas notat til 27/11 kl. 12",
        now=NOW,
        zone=ZONE,
        reminders=(),
    )

    erased = personal_data.erase_person(any_db, actor="cli", slack_user_id="UIDA", now=NOW)

    assert erased.organisation == "Odense Kommune"
    with any_db.reading() as session:
        assert session.get(Homework, given[0].id).task == "[slettet]"
        assert session.get(Homework, kept[0].id).task == "Spørg Slettet person om Idas notat"
        [line] = [line for line in history.lines_of(session) if line.action == "person.erase"]
    assert line.entity == f"person:{erased.placeholder}"
    assert line.sentence.render(DA) == (
        "kommandolinjen slettede en persons oplysninger fra Odense Kommune"
    )
    assert (line.before, line.after) == (None, {"organisation": "Odense Kommune"})
