"""The roster (``bot.domain.roster``): import, add one person, remember a locale — on both
databases."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.app.cli import main as pogi
from bot.domain import roster
from bot.domain.errors import InvalidInput, NotAllowed, NotInRoster
from bot.domain.people import PersonView
from bot.domain.roster import RosterEntry
from storage import queries
from storage.database import Database
from tests.support.factories import (
    AMB,
    DEPUTY,
    LATER,
    MEMBER,
    NOW,
    ROSTER,
    SEC,
    STEER,
    actor,
    audit_log,
    load_roster,
    person,
    said,
)


def organisation_names(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(org.name for org in queries.organisations_by_id(session).values())


def people_count(db: Database) -> int:
    with db.reading() as session:
        return queries.count_people(session)


def database_url(db: Database) -> str:
    """A URL that reaches the same database as ``db``, for the command line."""
    url = db.engine.url
    if url.get_backend_name() == "postgresql":
        with db.engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


# -- import --------------------------------------------------------------------------------


def test_import_creates_organisations_and_people(any_db):
    result = roster.import_roster(any_db, entries=ROSTER, actor="cli", now=NOW)

    assert result.created == [entry.slack_user_id for entry in ROSTER]
    assert (result.updated, result.unchanged) == ([], [])
    assert organisation_names(any_db) == [
        "Aalborg Kommune",
        "Aarhus Kommune",
        "Københavns Kommune",
        "Miljøstyrelsen",
        "Odense Kommune",
        "Region Midtjylland",
        "Roskilde Kommune",
        "Vejle Kommune",
    ]
    assert roster.find_person(any_db, slack_user_id="UCARL") == PersonView(
        "UCARL", "Carl Berg", "Aarhus Kommune", frozenset({DEPUTY, MEMBER})
    )
    assert people_count(any_db) == len(ROSTER)


def test_reimporting_the_same_file_changes_nothing(any_db):
    load_roster(any_db)
    audit_before = audit_log(any_db)

    result = roster.import_roster(any_db, entries=ROSTER, actor="cli", now=LATER)

    assert result.unchanged == [entry.slack_user_id for entry in ROSTER]
    assert (result.created, result.updated) == ([], [])
    assert people_count(any_db) == len(ROSTER)
    assert audit_log(any_db) == audit_before


def test_reimport_updates_name_organisation_and_roles_without_duplicates(any_db):
    load_roster(any_db)
    changed = [
        person("UANNE", "Anne Lund Holm", "Aarhus Kommune", STEER, MEMBER),  # name
        person("UDITTE", "Ditte Krogh", "Svendborg Kommune", MEMBER),  # new organisation
        person("UEMIL", "Emil Dahl", "Vejle Kommune", STEER, MEMBER),  # roles
        person("UFRIDA", "Frida Juul", "Københavns Kommune", MEMBER),  # as before
        person("UNEW", "Nina Ebbesen", "Vejle Kommune", AMB),  # new person
    ]

    result = roster.import_roster(any_db, entries=changed, actor="cli", now=LATER)

    assert result.created == ["UNEW"]
    assert result.updated == ["UANNE", "UDITTE", "UEMIL"]
    assert result.unchanged == ["UFRIDA"]
    assert people_count(any_db) == len(ROSTER) + 1
    assert roster.find_person(any_db, slack_user_id="UANNE").name == "Anne Lund Holm"
    assert roster.find_person(any_db, slack_user_id="UDITTE").organisation == "Svendborg Kommune"
    assert roster.find_person(any_db, slack_user_id="UEMIL").roles == frozenset({STEER, MEMBER})
    assert organisation_names(any_db).count("Vejle Kommune") == 1
    assert "Svendborg Kommune" in organisation_names(any_db)


def test_import_audits_each_created_and_updated_person(any_db):
    roster.import_roster(
        any_db,
        entries=[
            person("UANNE", "Anne Lund", "Aarhus Kommune", STEER, MEMBER),
            person("UDITTE", "Ditte Krogh", "Odense Kommune", MEMBER),
        ],
        actor="cli",
        now=NOW,
    )
    roster.import_roster(
        any_db,
        entries=[
            person("UANNE", "Anne Lund", "Aarhus Kommune", STEER, MEMBER),
            person("UDITTE", "Ditte K. Krogh", "Vejle Kommune", MEMBER, AMB),
        ],
        actor="UOTHER",
        now=LATER,
    )

    assert audit_log(any_db) == [
        {
            "actor": "cli",
            "action": "person.create",
            "entity": "person:UANNE",
            "before": None,
            "after": {
                "name": "Anne Lund",
                "organisation": "Aarhus Kommune",
                "roles": "member;steering",
            },
        },
        {
            "actor": "cli",
            "action": "person.create",
            "entity": "person:UDITTE",
            "before": None,
            "after": {"name": "Ditte Krogh", "organisation": "Odense Kommune", "roles": "member"},
        },
        {
            "actor": "UOTHER",
            "action": "person.update",
            "entity": "person:UDITTE",
            "before": {"name": "Ditte Krogh", "organisation": "Odense Kommune", "roles": "member"},
            "after": {
                "name": "Ditte K. Krogh",
                "organisation": "Vejle Kommune",
                "roles": "ambassador;member",
            },
        },
    ]
    with any_db.reading() as session:
        times = [entry.at for entry in queries.audit_entries(session)]
    # SQLite hands times back naive (see tests/storage/test_database.py); compare wall times.
    assert [at.replace(tzinfo=None) for at in times] == [
        NOW.replace(tzinfo=None),
        NOW.replace(tzinfo=None),
        LATER.replace(tzinfo=None),
    ]


def test_an_import_that_fails_half_way_leaves_no_people_no_organisations_no_audit(any_db):
    # The database refuses the third row (a name is required), after two rows were written.
    refused = RosterEntry("UBAD", None, "Skive Kommune", frozenset({MEMBER}))  # type: ignore[arg-type]

    with pytest.raises(IntegrityError):
        roster.import_roster(any_db, entries=[*ROSTER[:2], refused], actor="cli", now=NOW)

    assert people_count(any_db) == 0
    assert organisation_names(any_db) == []
    assert audit_log(any_db) == []


def test_a_bad_file_on_the_command_line_imports_nobody_and_names_each_line(
    any_db, tmp_path, monkeypatch, capsys
):
    load_roster(any_db)
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "slack_user_id,name,organisation,roles\n"
        "UANNE,Anne Ny,Vejle Kommune,member\n"
        "UNEW,Nina Ebbesen,Vejle Kommune,chef\n"
        ",Ole Ask,Vejle Kommune,member\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DATABASE_URL", database_url(any_db))
    monkeypatch.setenv("POGI_LANGUAGE", "da")

    status = pogi(["roster", "import", str(bad)])

    assert status == 1
    errors = capsys.readouterr().err
    assert "Brugerlisten blev ikke indlæst: Filen har 2 fejl." in errors
    assert "linje 3: Ukendt rolle: chef." in errors
    assert "linje 4: Slack-id mangler." in errors
    assert roster.find_person(any_db, slack_user_id="UANNE").name == "Anne Lund"
    assert roster.find_person(any_db, slack_user_id="UNEW") is None
    assert people_count(any_db) == len(ROSTER)


def test_a_good_file_on_the_command_line_says_what_it_did(any_db, tmp_path, monkeypatch, capsys):
    load_roster(any_db)
    good = tmp_path / "roster.csv"
    good.write_text(
        "slack_user_id,name,organisation,roles\n"
        "UANNE,Anne Ny,Aarhus Kommune,styregruppe;medlem\n"
        "UCARL,Carl Berg,Aarhus Kommune,suppleant;medlem\n"
        "UNEW,Nina Ebbesen,Vejle Kommune,medlem\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DATABASE_URL", database_url(any_db))
    monkeypatch.setenv("POGI_LANGUAGE", "da")

    assert pogi(["roster", "import", str(good)]) == 0
    assert (
        "Brugerlisten er indlæst. Nye: 1 · Opdaterede: 1 · Uændrede: 1" in capsys.readouterr().out
    )
    assert people_count(any_db) == len(ROSTER) + 1


# -- one person at a time ------------------------------------------------------------------


def test_the_secretariat_adds_a_person(any_db):
    load_roster(any_db)

    added, created = roster.add_person(
        any_db,
        actor=actor(any_db, "USEK"),
        slack_user_id="UNEW",
        name="Nina Ebbesen",
        organisation="  Vejle Kommune ",
        roles=frozenset({MEMBER}),
        now=LATER,
    )

    assert created is True
    assert added == PersonView("UNEW", "Nina Ebbesen", "Vejle Kommune", frozenset({MEMBER}))
    assert organisation_names(any_db).count("Vejle Kommune") == 1
    assert audit_log(any_db, entity="person:UNEW") == [
        {
            "actor": "USEK",
            "action": "person.create",
            "entity": "person:UNEW",
            "before": None,
            "after": {"name": "Nina Ebbesen", "organisation": "Vejle Kommune", "roles": "member"},
        }
    ]


def test_adding_someone_already_in_the_roster_updates_them(any_db):
    load_roster(any_db)

    updated, created = roster.add_person(
        any_db,
        actor=actor(any_db, "USEK"),
        slack_user_id="UDITTE",
        name="Ditte Krogh",
        organisation="Odense Kommune",
        roles=frozenset({STEER, MEMBER}),
        now=LATER,
    )

    assert created is False
    assert updated.roles == frozenset({STEER, MEMBER})
    assert people_count(any_db) == len(ROSTER)
    assert audit_log(any_db, entity="person:UDITTE")[-1] == {
        "actor": "USEK",
        "action": "person.update",
        "entity": "person:UDITTE",
        "before": {"name": "Ditte Krogh", "organisation": "Odense Kommune", "roles": "member"},
        "after": {
            "name": "Ditte Krogh",
            "organisation": "Odense Kommune",
            "roles": "member;steering",
        },
    }


@pytest.mark.parametrize(
    ("user", "refusal", "message"),
    [
        ("UDITTE", NotAllowed, "Kun sekretariatet kan ændre brugerlisten."),
        ("UANNE", NotAllowed, "Kun sekretariatet kan ændre brugerlisten."),
        (
            "UOUTSIDER",
            NotInRoster,
            "Du er ikke registreret i pogi endnu. Bed sekretariatet om at føje dig til "
            "brugerlisten.",
        ),
    ],
)
def test_only_the_secretariat_may_add_people_and_a_refusal_changes_nothing(
    any_db, user, refusal, message
):
    load_roster(any_db)
    audit_before = audit_log(any_db)

    with pytest.raises(refusal) as raised:
        roster.add_person(
            any_db,
            actor=actor(any_db, user),
            slack_user_id="UDITTE",
            name="Ditte",
            organisation="Vejle Kommune",
            roles=frozenset({SEC}),
            now=LATER,
        )

    assert said(raised.value.text) == message
    assert roster.find_person(any_db, slack_user_id="UDITTE") == PersonView(
        "UDITTE", "Ditte Krogh", "Odense Kommune", frozenset({MEMBER})
    )
    assert audit_log(any_db) == audit_before


@pytest.mark.parametrize(
    ("organisation", "roles", "message"),
    [
        (
            "  ",
            frozenset({MEMBER}),
            "Angiv organisationen, fx `/pogi roster add @navn Aarhus Kommune medlem`.",
        ),
        (
            "Vejle Kommune",
            frozenset(),
            "Angiv mindst én rolle: sekretariat, styregruppemedlem, suppleant, medlem, ambassadør, "
            "rådgiver, indkøbschef.",
        ),
    ],
)
def test_adding_a_person_needs_an_organisation_and_a_role(any_db, organisation, roles, message):
    load_roster(any_db)

    with pytest.raises(InvalidInput) as raised:
        roster.add_person(
            any_db,
            actor=actor(any_db, "USEK"),
            slack_user_id="UNEW",
            name="Nina Ebbesen",
            organisation=organisation,
            roles=roles,
            now=LATER,
        )

    assert said(raised.value.text) == message
    assert roster.find_person(any_db, slack_user_id="UNEW") is None


# -- reading and locale --------------------------------------------------------------------


def test_the_roster_is_shown_by_organisation_to_the_secretariat_only(any_db):
    assert roster.roster_is_empty(any_db)
    load_roster(any_db)
    assert not roster.roster_is_empty(any_db)

    shown = roster.roster_by_organisation(any_db, actor=actor(any_db, "USEK"))

    assert list(shown) == [
        "Aalborg Kommune",
        "Aarhus Kommune",
        "Københavns Kommune",
        "Miljøstyrelsen",
        "Odense Kommune",
        "Region Midtjylland",
        "Roskilde Kommune",
        "Vejle Kommune",
    ]
    assert [p.name for p in shown["Aarhus Kommune"]] == ["Anne Lund", "Carl Berg"]
    with pytest.raises(NotAllowed):
        roster.roster_by_organisation(any_db, actor=actor(any_db, "UANNE"))


def test_a_users_locale_is_remembered(any_db):
    load_roster(any_db)

    roster.remember_locale(any_db, slack_user_id="UJOHN", locale="en-GB")
    roster.remember_locale(any_db, slack_user_id="UOUTSIDER", locale="en-US")

    assert roster.find_person(any_db, slack_user_id="UJOHN").locale == "en-GB"
    assert roster.find_person(any_db, slack_user_id="UANNE").locale is None
    assert roster.find_person(any_db, slack_user_id="UOUTSIDER") is None
    assert people_count(any_db) == len(ROSTER)

    roster.remember_locale(any_db, slack_user_id="UJOHN", locale="da-DK")

    assert roster.find_person(any_db, slack_user_id="UJOHN").locale == "da-DK"


# -- the roster as requests see it --------------------------------------------------------------


def test_a_request_sees_a_roster_change_made_in_this_process_at_once(any_db):
    roster.import_roster(any_db, entries=ROSTER, actor="cli", now=NOW)
    assert roster.find_person(any_db, slack_user_id="UCARL").roles == frozenset({DEPUTY, MEMBER})
    assert roster.find_person(any_db, slack_user_id="UNEW") is None

    changed = RosterEntry("UCARL", "Carl Berg", "Aarhus Kommune", frozenset({STEER}))
    added = RosterEntry("UNEW", "Nina Ny", "Vejle Kommune", frozenset({MEMBER}))
    roster.import_roster(any_db, entries=[changed, added], actor="cli", now=LATER)

    assert roster.find_person(any_db, slack_user_id="UCARL").roles == frozenset({STEER})
    assert roster.find_person(any_db, slack_user_id="UNEW").organisation == "Vejle Kommune"


def test_a_change_by_another_process_is_seen_by_the_next_request(any_db):
    roster.import_roster(any_db, entries=ROSTER, actor="cli", now=NOW)
    assert roster.find_person(any_db, slack_user_id="UCARL").name == "Carl Berg"
    # Another process renames Carl: nothing in this process hears of it.
    with any_db.transaction() as session:
        session.execute(text("UPDATE person SET name = 'Carl Bjerg' WHERE slack_user_id = 'UCARL'"))

    assert roster.find_person(any_db, slack_user_id="UCARL").name == "Carl Bjerg"
