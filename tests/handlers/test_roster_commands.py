"""``/pogi roster``, ``/pogi roster add`` and the ``Tilføj bruger`` modal (secretariat)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.console import payloads
from bot.console.render import state_values
from bot.console.standin import Call
from bot.domain import roster
from bot.domain.roles import Role
from storage import queries
from tests.support.server import Reply, everything_said


def _people_named(db, user: str) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return len([p for p in queries.all_people(session) if p.slack_user_id == user])


def _open_modal(slack, standin, *, trigger_id: str | None = None) -> tuple[Reply, Call]:  # type: ignore[no-untyped-def]
    """``/pogi roster add`` as the secretariat: Slack's HTTP answer and the ``views.open`` call.

    Sent without ``Slack.command``, which waits for an answer on the response URL that a
    command opening a modal never posts.
    """
    form = payloads.slash_command(
        text="roster add",
        user_id="USEK",
        channel_id="CGROUP",
        response_url=standin.response_url("modal"),
        trigger_id=trigger_id,
    )
    reply = slack.send(form)
    return reply, standin.wait_for("views.open")[0]


# -- /pogi roster --------------------------------------------------------------------------


def test_the_secretariat_sees_the_roster_by_organisation(slack):
    reply = slack.command("USEK", "roster")

    said = reply.text
    assert reply.json["response_type"] == "ephemeral"
    assert "Brugere i pogi" in said
    # Slack shows a mention as the person's name, so the name is not written after it again.
    assert "*Aarhus Kommune*\n<@UANNE> – " in said
    assert "<@UCARL> – " in said
    assert "*Miljøstyrelsen*\n<@USEK> – sekretariat" in said
    assert "Anne Lund" not in said
    assert (
        said.index("*Aalborg Kommune*")
        < said.index("*Aarhus Kommune*")
        < said.index("*Vejle Kommune*")
    )


@pytest.mark.parametrize("text", ["roster", "roster add <@UNEW|ny> Aalborg Kommune medlem"])
def test_others_may_not_see_or_change_the_roster(slack, sqlite_db, text):
    reply = slack.command("UANNE", text)

    assert reply.json.get("response_type") in (None, "ephemeral")
    assert "Kun sekretariatet kan" in reply.text
    assert "brugerlisten" in reply.text
    assert "Anne Lund" not in reply.text
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None


def test_someone_outside_the_roster_may_not_see_it(slack):
    reply = slack.command("UOUTSIDER", "roster")

    assert "Du er ikke registreret i pogi endnu" in reply.text
    assert "Sofie Holm" not in reply.text


def test_roster_with_unexpected_words_explains_the_usage(slack):
    reply = slack.command("USEK", "roster vis alle")

    assert (
        "Brug `/pogi roster`, `/pogi roster add @navn ORGANISATION ROLLE …` eller "
        "`/pogi roster erase @navn`." in reply.text
    )


# -- /pogi roster add @user ORG ROLE… ------------------------------------------------------


def test_adding_a_person_takes_the_name_from_slack(slack, standin, sqlite_db):
    standin.add_user("UNEW", name="nina", real_name="Nina Nørgaard")

    reply = slack.command("USEK", "roster add <@UNEW|ny> Aalborg Kommune medlem ambassadør")

    assert reply.json.get("response_type") in (None, "ephemeral")
    assert (
        "<@UNEW> (Nina Nørgaard, Aalborg Kommune) er føjet til brugerlisten som ambassadør, medlem."
        in reply.text
    )
    person = roster.find_person(sqlite_db, slack_user_id="UNEW")
    assert person.name == "Nina Nørgaard"
    assert person.organisation == "Aalborg Kommune"
    assert person.roles == {Role.MEMBER, Role.AMBASSADOR}
    with sqlite_db.reading() as session:
        entries = queries.audit_entries(session, entity="person:UNEW")
    assert [(e.action, e.actor) for e in entries] == [("person.create", "USEK")]


def test_a_person_slack_does_not_know_is_named_from_the_mention(slack, sqlite_db):
    reply = slack.command("USEK", "roster add <@UNOBODY|nobody.here> Region Syddanmark medlem")

    assert "(nobody.here, Region Syddanmark)" in reply.text
    assert roster.find_person(sqlite_db, slack_user_id="UNOBODY").name == "nobody.here"


def test_an_organisation_with_several_words_and_english_role_words(slack, standin, sqlite_db):
    standin.add_user("UNEW", name="Nina Ny")

    slack.command(
        "USEK", "roster add <@UNEW|ny> Region Hovedstaden Center for Indkøb steering member"
    )

    person = roster.find_person(sqlite_db, slack_user_id="UNEW")
    assert person.organisation == "Region Hovedstaden Center for Indkøb"
    assert person.roles == {Role.STEERING, Role.MEMBER}


def test_adding_a_person_into_a_known_organisation_reuses_it(slack, standin, sqlite_db):
    standin.add_user("UNEW", name="Nina Ny")

    slack.command("USEK", "roster add <@UNEW|ny> Aarhus Kommune medlem")

    with sqlite_db.reading() as session:
        names = [org.name for org in queries.organisations_by_id(session).values()]
    assert names.count("Aarhus Kommune") == 1


def test_missing_roles_get_a_clear_answer_and_nothing_is_stored(slack, sqlite_db):
    reply = slack.command("USEK", "roster add <@UNEW|ny> Aalborg Kommune")

    assert (
        "Angiv mindst én rolle: sekretariat, styregruppemedlem, suppleant, medlem, ambassadør, "
        "rådgiver, indkøbschef." in (reply.text)
    )
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None


def test_a_missing_organisation_gets_a_clear_answer_and_nothing_is_stored(slack, sqlite_db):
    reply = slack.command("USEK", "roster add <@UNEW|ny> medlem")

    assert "Angiv organisationen" in reply.text
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None


def test_the_person_must_be_mentioned_first(slack, sqlite_db):
    reply = slack.command("USEK", "roster add Aalborg Kommune medlem")

    assert "Nævn personen først" in reply.text
    with sqlite_db.reading() as session:
        assert queries.organisation_named(session, name="Kommune medlem") is None


def test_re_adding_a_person_updates_rather_than_duplicates(slack, standin, sqlite_db):
    standin.add_user("UNEW", name="Nina Ny")
    slack.command("USEK", "roster add <@UNEW|ny> Aalborg Kommune medlem")

    reply = slack.command("USEK", "roster add <@UNEW|ny> Vejle Kommune steering-deputy")

    assert (
        "<@UNEW> er opdateret på brugerlisten: Nina Ny, Vejle Kommune, suppleant i styregruppen."
        in (reply.text)
    )
    assert _people_named(sqlite_db, "UNEW") == 1
    person = roster.find_person(sqlite_db, slack_user_id="UNEW")
    assert (person.organisation, person.roles) == ("Vejle Kommune", {Role.STEERING_DEPUTY})
    with sqlite_db.reading() as session:
        entries = queries.audit_entries(session, entity="person:UNEW")
    assert [e.action for e in entries] == ["person.create", "person.update"]
    assert entries[1].before["organisation"] == "Aalborg Kommune"
    assert entries[1].after["organisation"] == "Vejle Kommune"


def test_re_adding_someone_already_in_the_roster_updates_their_entry(slack, sqlite_db):
    slack.command("USEK", "roster add <@UEMIL|emil> Vejle Kommune medlem ambassadør")

    person = roster.find_person(sqlite_db, slack_user_id="UEMIL")
    assert person.roles == {Role.MEMBER, Role.AMBASSADOR}
    assert person.name == "Emil Dahl"
    assert _people_named(sqlite_db, "UEMIL") == 1


def test_an_organisation_name_with_slack_escapes_is_stored_as_typed(slack, standin, sqlite_db):
    """Slack sends ``&`` as ``&amp;`` in command text; the roster keeps the user's ``&``."""
    standin.add_user("UNEW", name="Nina Ny")

    reply = slack.command("USEK", "roster add <@UNEW|ny> Forsyning &amp; Miljø A/S medlem")

    assert "(Nina Ny, Forsyning &amp; Miljø A/S)" in reply.text
    assert (
        roster.find_person(sqlite_db, slack_user_id="UNEW").organisation == "Forsyning & Miljø A/S"
    )


# -- the modal -----------------------------------------------------------------------------


def test_roster_add_without_arguments_opens_the_modal(slack, standin):
    reply, opened = _open_modal(slack, standin)

    assert reply.status == 200
    assert reply.body == ""
    assert opened.args["trigger_id"]
    assert standin.calls_to("response_url") == []
    view = opened.args["view"]
    assert view["callback_id"] == "roster_add"
    assert view["title"]["text"] == "Tilføj bruger"
    assert [b["block_id"] for b in view["blocks"]] == [
        "roster_user",
        "roster_organisation",
        "roster_roles",
    ]
    roles = [o["value"] for o in view["blocks"][2]["element"]["options"]]
    assert roles == [
        "secretariat",
        "steering",
        "steering-deputy",
        "member",
        "ambassador",
        "advisor",
        "procurement-head",
    ]


def test_the_modal_uses_the_trigger_id_slack_sent(slack, standin):
    _, opened = _open_modal(slack, standin, trigger_id="1234.5678.abcdef")

    assert opened.args["trigger_id"] == "1234.5678.abcdef"


def test_others_do_not_get_the_modal(slack, standin):
    reply = slack.command("UANNE", "roster add")

    assert "Kun sekretariatet kan ændre brugerlisten." in reply.text
    assert standin.calls_to("views.open") == []


def _receipt(reply, standin) -> str:  # type: ignore[no-untyped-def]
    """What the submitter is shown: the modal turned into a receipt, or a direct message.

    The brief asked for a DM to the submitter; the product now answers ``response_action:
    update`` with the receipt in the modal instead. Either way the submitter reads it.
    """
    if reply.json.get("response_action") == "update":
        view = reply.json["view"]
        assert view["type"] == "modal"
        return everything_said(view)
    assert reply.body == ""
    dm = standin.wait_for("chat.postMessage")[0]
    assert dm.args["channel"] == "USEK"
    return everything_said(dm.args)


def test_submitting_the_modal_adds_the_person_and_confirms_it(slack, standin, sqlite_db):
    standin.add_user("UNEW", name="nina", real_name="Nina Nørgaard")
    _, opened = _open_modal(slack, standin)
    view = opened.response["view"]
    values = state_values(
        view,
        {
            "roster_user": "UNEW",
            "roster_organisation": "Aalborg Kommune",
            "roster_roles": ["member", "ambassadør"],
        },
    )

    reply = slack.submit("USEK", view, values)

    assert reply.status == 200
    assert reply.json.get("response_action") != "errors"
    person = roster.find_person(sqlite_db, slack_user_id="UNEW")
    assert (person.name, person.organisation) == ("Nina Nørgaard", "Aalborg Kommune")
    assert person.roles == {Role.MEMBER, Role.AMBASSADOR}
    assert (
        "<@UNEW> (Nina Nørgaard, Aalborg Kommune) er føjet til brugerlisten som ambassadør, medlem."
        in _receipt(reply, standin)
    )
    with sqlite_db.reading() as session:
        entries = queries.audit_entries(session, entity="person:UNEW")
    assert [(e.action, e.actor) for e in entries] == [("person.create", "USEK")]


def test_submitting_the_modal_for_someone_known_updates_them(slack, standin, sqlite_db):
    _, opened = _open_modal(slack, standin)
    view = opened.response["view"]
    values = state_values(
        view,
        {"roster_user": "UDITTE", "roster_organisation": "Odense Kommune", "roster_roles": "4,2"},
    )

    reply = slack.submit("USEK", view, values)

    assert "<@UDITTE> er opdateret på brugerlisten" in _receipt(reply, standin)
    assert roster.find_person(sqlite_db, slack_user_id="UDITTE").roles == {
        Role.MEMBER,
        Role.STEERING,
    }
    assert _people_named(sqlite_db, "UDITTE") == 1


def _complete_values(view: dict[str, Any]) -> dict[str, Any]:
    return state_values(
        view,
        {"roster_user": "UNEW", "roster_organisation": "Aalborg Kommune", "roster_roles": "medlem"},
    )


@pytest.mark.parametrize(
    ("block", "emptied", "message"),
    [
        ("roster_user", {"selected_user": None}, "Vælg en person."),
        ("roster_organisation", {"value": "   "}, "Skriv personens organisation."),
        ("roster_roles", {"selected_options": []}, "Vælg mindst én rolle."),
        ("roster_roles", {"selected_options": [{"value": "chef"}]}, "Vælg mindst én rolle."),
    ],
)
def test_a_submission_missing_a_field_is_answered_at_that_field_and_stores_nothing(
    slack, standin, sqlite_db, block, emptied, message
):
    _, opened = _open_modal(slack, standin)
    view = opened.response["view"]
    values = _complete_values(view)
    action_id = next(iter(values[block]))
    values[block][action_id].update(emptied)

    reply = slack.submit("USEK", view, values)

    assert reply.status == 200
    assert reply.json == {"response_action": "errors", "errors": {block: message}}
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None
    assert standin.calls_to("chat.postMessage") == []


def test_a_non_secretariat_submission_is_refused_and_stores_nothing(slack, standin, sqlite_db):
    _, opened = _open_modal(slack, standin)
    view = opened.response["view"]

    reply = slack.submit("UANNE", view, _complete_values(view))

    assert reply.json["response_action"] == "errors"
    assert list(reply.json["errors"].values()) == ["Kun sekretariatet kan ændre brugerlisten."]
    assert roster.find_person(sqlite_db, slack_user_id="UNEW") is None
    assert standin.calls_to("chat.postMessage") == []


def test_an_adviser_and_a_head_of_procurement_are_added_by_their_danish_role_names(
    slack, standin, sqlite_db
):
    standin.add_user("UOLE", name="Ole Rask")
    standin.add_user("UKAJ", name="Kaj Holt")

    adviser = slack.command("USEK", "roster add <@UOLE|ole> Dansk Standard rådgiver")
    head = slack.command("USEK", "roster add <@UKAJ|kaj> Horsens Kommune indkøbschef medlem")

    assert "(Ole Rask, Dansk Standard) er føjet til brugerlisten som rådgiver." in adviser.text
    assert "som medlem, indkøbschef." in head.text
    assert roster.find_person(sqlite_db, slack_user_id="UOLE").roles == {Role.ADVISOR}
    assert roster.find_person(sqlite_db, slack_user_id="UKAJ").roles == {
        Role.PROCUREMENT_HEAD,
        Role.MEMBER,
    }
