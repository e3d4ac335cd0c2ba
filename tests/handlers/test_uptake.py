"""After launch, over signed HTTP: every member is asked how far their organisation has come
with the approved goal, answers (and changes the answer, with a note), ``/pogi implementering``
and ``/pogi status`` show the uptake, the App Home the organisation's open goals, and only the
members of organisations that have not answered are reminded a quarter later.

Now is Sunday 22 November 2026, 12.00 in Copenhagen (the test clock). The roster's members are
eight people in seven organisations (Aarhus Kommune has two); the secretariat is not a member.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from bot.domain import goals, personal_data, revisions, uptake, votes
from bot.presentation.i18n import Translator
from storage.database import Database
from storage.tables import AuditEntry, GoalUptake, OutboxMessage
from tests.support.clock import Clock
from tests.support.factories import actor, start_revision
from tests.support.server import AppServer, Slack, buttons, everything_said

GOAL_TEXT = "Rengøringsmidler er svanemærkede."
MEMBERS = {"UANNE", "UCARL", "UDITTE", "UEMIL", "UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"}


def approve(db: Database, now: datetime) -> None:
    """Rengøring with its goal text in two versions, the first approved by the steering group."""
    revision = start_revision(db, deciding=True)
    secretariat = actor(db, "USEK")
    goals.save(
        db,
        actor=secretariat,
        revision_id=revision.id,
        parts={"goal": GOAL_TEXT},
        based_on=0,
        now=now,
    )
    revisions.set_steering_channel(db, actor=secretariat, channel_id="CSTYRE", now=now)
    opened = votes.open_vote(
        db,
        actor=secretariat,
        channel_id="CSTYRE",
        subject="Rengøring",
        now=now,
        override_reason="x",
    )
    assert isinstance(opened, votes.VoteView)
    votes.cast(db, voter="UANNE", vote_id=opened.id, choice="for", now=now)
    votes.cast(db, voter="UJOHN", vote_id=opened.id, choice="for", now=now)
    votes.close(db, vote_id=opened.id, by="USEK", now=now)
    goals.save(  # a later edit: the DM still quotes the approved version
        db,
        actor=secretariat,
        revision_id=revision.id,
        parts={"goal": "Et senere udkast."},
        based_on=1,
        now=now,
    )


def _launch(slack: Slack, standin: Any, app_server: AppServer) -> None:
    """The ambassador confirms the launch over HTTP; the direct messages go."""
    app_server.deliver()
    [told] = [
        c.args for c in standin.calls_to("chat.postMessage") if c.args["channel"] == "UGUSTAV"
    ]
    assert slack.click("UGUSTAV", buttons(told)["Lanceret"], channel="DUGUSTAV").status == 200
    app_server.deliver()


def _dms(standin: Any, since: int) -> dict[str, dict[str, Any]]:
    return {
        c.args["channel"]: c.args
        for c in standin.calls_to("chat.postMessage")[since:]
        if c.args["channel"].startswith("U")
    }


def _answer(slack: Slack, standin: Any, user: str, message: dict, label: str, note: str) -> str:
    """Click ``label`` in ``message``, write ``note`` in the modal and save; what the modal
    then says."""
    opened = len(standin.calls_to("views.open"))
    assert slack.click(user, buttons(message)[label], channel=f"D{user}").status == 200
    view = standin.wait_for("views.open", opened + 1)[-1].response["view"]
    saved = slack.submit(
        user, view, {"uptake_note": {"note": {"type": "plain_text_input", "value": note}}}
    )
    assert saved.status == 200
    return everything_said(saved.json.get("view") or {}) + str(saved.json.get("errors", ""))


def test_launch_asks_every_member_and_the_answers_make_the_uptake(
    slack: Slack, standin: Any, sqlite_db: Database, app_server: AppServer, clock: Clock
) -> None:
    approve(sqlite_db, clock.now)
    before = slack.command("UDITTE", "implementering").text
    assert "Indkøbsmålet *Rengøring* er ikke lanceret endnu." in before
    assert (
        "Der er endnu ingen lancerede indkøbsmål"
        in slack.command("UDITTE", "implementering", channel="CANDET").text
    )

    sent_before = len(standin.calls_to("chat.postMessage"))
    _launch(slack, standin, app_server)
    asked = _dms(standin, sent_before)
    asked = {
        user: dm
        for user, dm in asked.items()
        if "Hvor langt" in dm["text"] or "How far" in dm["text"]
    }
    assert set(asked) == MEMBERS  # one to each member, none to the secretariat
    danish = everything_said(asked["UDITTE"])
    assert GOAL_TEXT in danish and "godkendt (version 1)" in danish
    assert "Et senere udkast" not in danish
    assert set(buttons(asked["UDITTE"])) == {"Implementeret", "I gang", "Ikke relevant"}
    english = everything_said(asked["UJOHN"])
    assert "approved by the steering group (version 1)" in english
    assert set(buttons(asked["UJOHN"])) == {"Implemented", "In progress", "Not relevant"}

    # the secretariat is no member; a broken button changes nothing
    slack.click("USEK", buttons(asked["UDITTE"])["Implementeret"], channel="DUSEK")
    refused = everything_said(slack.answer_to(f"act{slack.serial}"))
    assert "Kun medlemmer på brugerlisten kan svare for deres organisation." in refused
    broken = {**buttons(asked["UDITTE"])["I gang"], "value": "x"}
    slack.click("UDITTE", broken, channel="DUDITTE")
    assert "Knappen er ikke gyldig længere." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )

    done = _answer(
        slack, standin, "UDITTE", asked["UDITTE"], "Implementeret", "I alle nye kontrakter"
    )
    assert "Odense Kommune har svaret »Implementeret« om indkøbsmålet Rengøring." in done
    _answer(slack, standin, "UANNE", asked["UANNE"], "I gang", "")
    _answer(slack, standin, "UCARL", asked["UCARL"], "Implementeret", "")  # Aarhus changes it
    _answer(slack, standin, "UEMIL", asked["UEMIL"], "Ikke relevant", "")
    with sqlite_db.reading() as session:
        assert len(session.exec(select(GoalUptake)).all()) == 3  # one answer an organisation

    shown = slack.command("UFRIDA", "implementering").text
    assert (
        "2 medlemsorganisationer har implementeret målet: 33 % af dem, for hvem det er relevant."
        in shown
    )
    assert "I gang: 0 · Ikke relevant: 1 · Ikke svaret: 4" in shown
    assert "Odense Kommune: *Implementeret* – _I alle nye kontrakter_" in shown
    assert "Københavns Kommune: har ikke svaret" in shown
    english = slack.command("UJOHN", "implementation", channel="CANDET").text
    assert "2 member organisations have implemented the goal: 33% of those" in english
    assert (
        "In progress: 0 · Not relevant: 1 · Not answered: 4"
        in slack.command("UJOHN", "status", channel="CANDET").text
    )
    history = slack.command("USEK", "historik").text
    assert "ændrede svaret for Aarhus Kommune fra »I gang« til »Implementeret«" in history
    assert "svarede »Implementeret« for Odense Kommune om implementeringen, med bemærkningen" in (
        history
    )

    published = len(standin.calls_to("views.publish"))
    slack.home_opened("UFRIDA")
    home = everything_said(standin.wait_for("views.publish", published + 1)[-1].args["view"])
    assert "Lancerede indkøbsmål, Københavns Kommune ikke har implementeret endnu" in home
    assert "Rengøring" in home and "I har ikke svaret endnu." in home
    slack.home_opened("UDITTE")
    home = everything_said(standin.wait_for("views.publish", published + 2)[-1].args["view"])
    assert "ikke har implementeret endnu" not in home

    # a quarter later, within working hours: Monday 22 February 2027 at 8.00 in Copenhagen
    with sqlite_db.reading() as session:
        first = min(
            row.due_at
            for row in session.exec(select(OutboxMessage)).all()
            if row.kind == uptake.REMINDER
        )
    assert first == datetime(2027, 2, 22, 7, 0, tzinfo=UTC)
    sent_before = len(standin.calls_to("chat.postMessage"))
    clock.advance(days=92)
    app_server.deliver()
    reminded = _dms(standin, sent_before)
    assert set(reminded) == {"UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"}
    assert "Påmindelse: Din organisation har endnu ikke svaret" in reminded["UFRIDA"]["text"]


def test_a_note_is_in_the_export_and_erased_with_the_person(
    slack: Slack, standin: Any, sqlite_db: Database, app_server: AppServer, clock: Clock
) -> None:
    approve(sqlite_db, clock.now)
    sent_before = len(standin.calls_to("chat.postMessage"))
    _launch(slack, standin, app_server)
    asked = _dms(standin, sent_before)
    _answer(slack, standin, "UDITTE", asked["UDITTE"], "I gang", "Afventer udbud hos SKI")
    too_long = _answer(slack, standin, "UDITTE", asked["UDITTE"], "Implementeret", "x" * 1001)
    assert "Bemærkningen må højst være på 1000 tegn." in too_long

    exported = personal_data.export_person(sqlite_db, slack_user_id="UDITTE", tr=Translator("da"))
    [answer] = exported["implementation_answers"]
    assert answer["status"] == "in_progress" and answer["note"] == "Afventer udbud hos SKI"

    personal_data.erase_person(
        sqlite_db, actor=actor(sqlite_db, "USEK"), slack_user_id="UDITTE", now=clock.now
    )
    with sqlite_db.reading() as session:
        [row] = session.exec(select(GoalUptake)).all()
        assert row.status == "in_progress" and row.answered_by != "UDITTE"
        stored = [str(e.after) + str(e.before) for e in session.exec(select(AuditEntry)).all()]
    assert row.note and "SKI" not in row.note
    assert not any("Afventer udbud" in entry for entry in stored)
