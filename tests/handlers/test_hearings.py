"""Hearing rounds over signed HTTP against the Slack stand-in: the announcement and the DM
invitations, the answer modal and its versions, refusals, reminders only to those who have not
answered, closing at the deadline, the industry hearing after the internal one, answers
registered from e-mail and given by guests, the working group's replies, and the memo file.

Now is Sunday 22 November 2026, 12.00 in Copenhagen; the internal hearing's deadline is Monday
21 December 2026 kl. 12.00 (11.00 UTC), 29 days away.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import text
from sqlmodel import col, select

from bot.app.factory import create_app
from bot.console.render import state_values
from bot.domain import hearings, roster
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from handlers.actions.hearing import short_notice, short_notice_value
from handlers.commands.hearing import party_fields
from handlers.parsing import trailing_link
from storage.tables import AuditEntry, Hearing, HearingAnswer, OutboxMessage
from tests.conftest import load_roster, make_settings
from tests.support.server import BOT_TOKEN, AppServer, Slack, buttons, everything_said, move_on

DEADLINE = datetime(2026, 12, 21, 11, 0, tzinfo=UTC)
OPEN_INTERNAL = "høring intern 21. december kl. 12 <https://pogi.dk/udkast>"
CONTACTS = ["UANNE", "UCARL", "UDITTE", "UEMIL", "UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"]
MEMBER_ORGANISATIONS = [
    "Aalborg Kommune",
    "Aarhus Kommune",
    "Københavns Kommune",
    "Odense Kommune",
    "Region Midtjylland",
    "Roskilde Kommune",
    "Vejle Kommune",
]
RESPOND = "Afgiv høringssvar"


# -- helpers -------------------------------------------------------------------------------


def _revision(slack: Slack) -> None:
    """A revision of Rengøring moved on to its internal hearing."""
    assert "Rengøring" in slack.command("USEK", "revision start Rengøring").text
    assert "UANNE" in slack.command("USEK", "tovholder <@UANNE|anne>").text
    for _ in range(2):
        move_on(slack, reason="Høringerne er det, der prøves her")


def _posts(standin, channel: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [
        c.args
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args.get("channel") == channel
    ]


def _said(standin, channel: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [everything_said(args) for args in _posts(standin, channel)]


def _dm_recipients(standin) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(
        c.args["channel"]
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"].startswith("U")
    )


def _open_form(slack: Slack, standin, user: str, button: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Click ``button`` as ``user`` and return the modal pogi opened."""
    before = len([c for c in standin.calls_to("views.open") if c.ok])
    assert slack.click(user, button).status == 200
    return standin.wait_for("views.open", count=before + 1)[before].response["view"]


def _refusal(slack: Slack, standin, user: str, button: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    """Click ``button`` as ``user``; what pogi answered through the response URL. No modal."""
    before = len(standin.calls_to("views.open"))
    assert slack.click(user, button).status == 200
    said = everything_said(slack.answer_to(f"act{slack.serial}"))
    assert len(standin.calls_to("views.open")) == before
    return said


def _answer(
    slack: Slack, user: str, view: dict[str, Any], answer: str, url: str | None = None
) -> dict[str, Any]:
    reply = slack.submit(
        user, view, state_values(view, {"hearing_text": answer, "hearing_url": url})
    )
    assert reply.status == 200
    return reply.json


def _invitation(standin, user: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The first direct message to ``user`` with a button to answer: the invitation."""
    return next(
        args
        for args in _posts(standin, user)
        if any(b.get("action_id") == "hearing_respond" for b in buttons(args).values())
    )


def _stored(db) -> list[tuple[str, int, str, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        rows = session.exec(
            select(HearingAnswer).order_by(
                HearingAnswer.hearing_id, HearingAnswer.organisation, col(HearingAnswer.version)
            )
        ).all()
        return [(r.organisation, r.version, r.text, r.submitted_by) for r in rows]


def _input(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    [block] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return block["element"]


def _treat_button(message: dict[str, Any], hearing_id: int, organisation: str) -> dict[str, Any]:
    """The ``Behandl`` button on one answer in ``/pogi høring``."""
    for block in message["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("value") == f"{hearing_id}|{organisation}":
            assert accessory["text"]["text"] == "Behandl"
            return {**accessory, "block_id": block.get("block_id", "b")}
    raise AssertionError(f"no Behandl button for {organisation}")


def _hearing_ids(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return {h.kind: h.id for h in session.exec(select(Hearing)).all()}


# -- opening -------------------------------------------------------------------------------


def test_an_internal_hearing_is_announced_and_every_member_organisation_invited(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)

    opened = slack.command("USEK", OPEN_INTERNAL)

    assert (
        "Den interne høring om Rengøring er åbnet med frist mandag den 21. december 2026 kl. 12.00."
        in opened.text
    )
    assert "Der er 7 hørte organisationer." in opened.text
    assert "Fristen giver 21 arbejdsdage til at svare." in opened.text  # 23/11 to 21/12
    assert "arbejdsdag." not in opened.text.split("svare.")[-1]  # the deadline is a workday
    app_server.deliver()
    [announcement] = _posts(standin, "CGROUP")[-1:]
    said = everything_said(announcement)
    assert "Intern høring om Rengøring" in said
    assert "Høringsfrist: *mandag den 21. december 2026 kl. 12.00*" in said
    assert "Høringsmateriale: https://pogi.dk/udkast" in said
    assert "Partnerskabets 7 medlemsorganisationer høres" in said
    assert RESPOND in buttons(announcement)

    # every contact of every member organisation, the deputy too; not the secretariat
    assert _dm_recipients(standin) == CONTACTS
    dm = _invitation(standin, "UDITTE")
    said = everything_said(dm)
    assert "Den interne høring om Rengøring er åbnet, og din organisation er høringspart." in said
    assert "Høringsfristen er mandag den 21. december 2026 kl. 12.00." in said
    assert "Høringsmateriale: https://pogi.dk/udkast" in said
    assert buttons(dm)[RESPOND]["value"] == str(_hearing_ids(sqlite_db)["internal"])


def test_a_short_deadline_is_confirmed_first_a_past_one_refused_and_only_the_secretariat_opens(
    slack, standin, sqlite_db
):
    _revision(slack)

    assert "fortiden" in slack.command("USEK", "høring intern i går").text
    assert (
        "Kun sekretariatet kan åbne en høring."
        in slack.command("UANNE", "høring intern 21. december kl. 12").text
    )
    asked = slack.command("USEK", "høring intern 4. december kl. 12 <https://pogi.dk/udkast>")
    assert (
        "Høringsfristen, fredag den 4. december 2026 kl. 12.00, giver en høringsperiode på kun "
        "12 dage. "
        "Det er almindelig praksis at give mindst fire uger."
    ) in asked.text
    assert "Fristen giver 10 arbejdsdage til at svare." in asked.text
    assert _hearing_ids(sqlite_db) == {}

    assert slack.click("USEK", buttons(asked.json)["Annullér"]).status == 200
    assert "Høringen blev ikke åbnet." in everything_said(slack.answer_to(f"act{slack.serial}"))
    assert _hearing_ids(sqlite_db) == {}

    assert slack.click("USEK", buttons(asked.json)["Bekræft"]).status == 200
    confirmed = slack.answer_to(f"act{slack.serial}")
    assert confirmed["replace_original"] is True
    assert "er åbnet med frist fredag den 4. december 2026 kl. 12.00" in everything_said(confirmed)
    with sqlite_db.reading() as session:
        hearing = hearings.get(session, _hearing_ids(sqlite_db)["internal"])
    assert hearing is not None
    assert (hearing.deadline, hearing.url) == (
        datetime(2026, 12, 4, 11, 0, tzinfo=UTC),
        "https://pogi.dk/udkast",
    )


def test_the_draft_link_is_stored_as_its_plain_address_and_a_link_alone_is_no_deadline(
    slack, sqlite_db
):
    _revision(slack)

    assert (
        "Skriv høringsfristen"
        in slack.command("USEK", "høring intern <https://pogi.dk/udkast|udkast>").text
    )
    opened = slack.command(
        "USEK", "høring intern 21. december kl. 12 <https://pogi.dk/udkast|udkast>"
    )

    assert "er åbnet med frist mandag den 21. december 2026 kl. 12.00" in opened.text
    with sqlite_db.reading() as session:
        [hearing] = session.exec(select(Hearing)).all()
    assert (hearing.deadline, hearing.url) == (DEADLINE, "https://pogi.dk/udkast")


@pytest.mark.parametrize(
    ("typed", "deadline", "url"),
    [
        (
            "21. december kl. 12 <https://pogi.dk/udkast|mit udkast>",
            "21. december kl. 12",
            "https://pogi.dk/udkast",
        ),
        ("21. december <https://pogi.dk/udkast> ", "21. december", "https://pogi.dk/udkast"),
        ("21. december https://pogi.dk/udkast", "21. december", "https://pogi.dk/udkast"),
        ("<https://pogi.dk/udkast|udkast>", "", "https://pogi.dk/udkast"),
        ("21. december kl. 12", "21. december kl. 12", ""),
    ],
)
def test_a_link_at_the_end_is_read_apart_from_the_deadline(typed, deadline, url):
    assert trailing_link(typed) == (deadline, url)


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        (
            "Dansk Industri; Jens Hansen; <mailto:jh@di.dk|jh@di.dk>",
            ("Dansk Industri", "Jens Hansen", "jh@di.dk"),
        ),
        ("dansk industri; ; ny@di.dk", ("dansk industri", "", "ny@di.dk")),
        ("<mailto:jh@di.dk|Jens> Dansk Industri", ("Dansk Industri", "", "jh@di.dk")),
        ("affald danmark; Eva Holm", ("affald danmark", "Eva Holm", "")),
        (" ; ", ("", "", "")),
    ],
)
def test_a_party_is_read_as_organisation_contact_and_plain_email_address(typed, fields):
    assert party_fields(typed) == fields


def test_a_party_whose_email_address_is_not_one_is_refused_and_not_stored(slack):
    _revision(slack)

    refused = slack.command("USEK", "høring part add Dansk Industri; Jens Hansen; jh.di.dk")

    assert refused.json.get("response_type") != "in_channel"
    assert "»jh.di.dk« er ikke en e-mailadresse." in refused.text
    assert "Høringslisten er tom." in slack.command("USEK", "høring part list").text


def test_a_short_notice_button_opens_the_hearing_it_was_asked_for():
    notice = hearings.ShortNotice("internal", DEADLINE, "https://pogi.dk/udkast?a=1|2", 12, 9)

    assert short_notice(short_notice_value(notice)) == (
        "internal",
        DEADLINE,
        "https://pogi.dk/udkast?a=1|2",
    )


# -- answers ---------------------------------------------------------------------------------


def test_a_member_answers_in_a_modal_edits_it_and_the_earlier_version_is_kept(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    respond = buttons(_invitation(standin, "UDITTE"))[RESPOND]

    view = _open_form(slack, standin, "UDITTE", respond)
    assert "Du svarer for Odense Kommune." in everything_said(view)
    assert "hearing_organisation" not in {b.get("block_id") for b in view["blocks"]}
    assert _input(view, "hearing_text")["multiline"] is True
    assert [
        b.get("optional", False) for b in view["blocks"] if b.get("block_id") == "hearing_url"
    ] == [True]

    done = _answer(
        slack, "UDITTE", view, "Kravet om Svanemærket er for strengt.", "https://odense.dk/svar.pdf"
    )
    assert done["response_action"] == "update"
    assert "Høringssvaret fra Odense Kommune er modtaget (version 1)" in everything_said(
        done["view"]
    )
    # stored before the acknowledgement: no waiting needed
    assert _stored(sqlite_db) == [
        ("Odense Kommune", 1, "Kravet om Svanemærket er for strengt.", "UDITTE")
    ]

    again = _open_form(slack, standin, "UDITTE", respond)
    assert _input(again, "hearing_text")["initial_value"] == "Kravet om Svanemærket er for strengt."
    assert _input(again, "hearing_url")["initial_value"] == "https://odense.dk/svar.pdf"
    edited = _answer(slack, "UDITTE", again, "Vi foreslår også EU-blomsten.")
    assert "(version 2)" in everything_said(edited["view"])

    # one answer per organisation: Aarhus's deputy sees and replaces Anne's answer
    anne = _open_form(slack, standin, "UANNE", buttons(_invitation(standin, "UANNE"))[RESPOND])
    _answer(slack, "UANNE", anne, "Aarhus støtter målet.")
    carl = _open_form(slack, standin, "UCARL", buttons(_invitation(standin, "UCARL"))[RESPOND])
    assert "Du svarer for Aarhus Kommune." in everything_said(carl)
    assert _input(carl, "hearing_text")["initial_value"] == "Aarhus støtter målet."
    _answer(slack, "UCARL", carl, "Aarhus støtter målet med en bemærkning om frister.")

    assert _stored(sqlite_db) == [
        ("Aarhus Kommune", 1, "Aarhus støtter målet.", "UANNE"),
        ("Aarhus Kommune", 2, "Aarhus støtter målet med en bemærkning om frister.", "UCARL"),
        ("Odense Kommune", 1, "Kravet om Svanemærket er for strengt.", "UDITTE"),
        ("Odense Kommune", 2, "Vi foreslår også EU-blomsten.", "UDITTE"),
    ]
    status = slack.command("UDITTE", "høring").text
    assert "Åben, frist mandag den 21. december 2026 kl. 12.00 (om 1 måned)." in status
    assert (
        "2 af 7 har svaret. Mangler svar fra: Aalborg Kommune, Københavns Kommune, Region "
        "Midtjylland, Roskilde Kommune, Vejle Kommune" in status
    )
    assert "*Odense Kommune* (version 2)\nVi foreslår også EU-blomsten." in status
    assert "Kravet om Svanemærket" not in status  # the latest version counts


def test_people_outside_the_roster_and_the_secretariat_are_refused_politely(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    respond = buttons(_posts(standin, "CGROUP")[-1])[RESPOND]

    outsider = _refusal(slack, standin, "UOUTSIDER", respond)
    assert (
        "Kun Partnerskabets medlemmer kan afgive høringssvar her, og du er ikke registreret i pogi."
        in outsider
    )
    secretariat = _refusal(slack, standin, "USEK", respond)
    assert "Miljøstyrelsen er ikke blandt de hørte organisationer." in secretariat
    assert _stored(sqlite_db) == []


def test_a_failed_save_shows_the_error_in_the_modal_keeps_the_text_and_stores_nothing(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    view = _open_form(slack, standin, "UEMIL", buttons(_invitation(standin, "UEMIL"))[RESPOND])

    values = state_values(view, {"hearing_text": "x"})
    values["hearing_text"]["text"]["value"] = "  \n "  # Slack lets blanks through
    blank = slack.submit("UEMIL", view, values).json
    assert blank == {
        "response_action": "errors",
        "errors": {"hearing_text": "Skriv høringssvaret."},
    }

    with sqlite_db.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER no_answers BEFORE INSERT ON hearing_answer "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
            )
        )
    failed = _answer(slack, "UEMIL", view, "Vejle har tre bemærkninger.")

    # an error at the field keeps the modal and the user's text open in Slack
    assert failed["response_action"] == "errors"
    assert "Beklager, noget gik galt hos pogi" in failed["errors"]["hearing_text"]
    assert "view" not in failed
    assert _stored(sqlite_db) == []
    with sqlite_db.reading() as session:
        assert not session.exec(
            select(AuditEntry).where(AuditEntry.action == "hearing.answer")
        ).all()

    with sqlite_db.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER no_answers"))
    retried = _answer(slack, "UEMIL", view, "Vejle har tre bemærkninger.")
    assert retried["response_action"] == "update"
    assert _stored(sqlite_db) == [("Vejle Kommune", 1, "Vejle har tre bemærkninger.", "UEMIL")]


# -- reminders and closing -------------------------------------------------------------------


def test_reminders_go_only_to_non_responders_and_the_hearing_closes_at_its_deadline(
    slack, standin, app_server, clock, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    invitations = {user: _invitation(standin, user) for user in CONTACTS}
    for user in ("UDITTE", "UCARL"):  # Odense, and Aarhus through its deputy
        view = _open_form(slack, standin, user, buttons(invitations[user])[RESPOND])
        _answer(slack, user, view, f"Svar fra {user}.")
    standin.clear()

    clock.now = DEADLINE - timedelta(days=7) + timedelta(minutes=1)  # Monday 14 December
    app_server.deliver()
    assert _dm_recipients(standin) == ["UEMIL", "UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"]
    [reminder] = _posts(standin, "UEMIL")
    assert (
        "Påmindelse: Vejle Kommune har ikke afgivet høringssvar i den interne høring om "
        "Rengøring. Fristen er mandag den 21. december 2026 kl. 12.00 (om 1 uge)."
    ) in everything_said(reminder)

    view = _open_form(slack, standin, "UEMIL", buttons(reminder)[RESPOND])
    _answer(slack, "UEMIL", view, "Vejle er enig.")
    standin.clear()

    clock.now = DEADLINE - timedelta(days=2) + timedelta(minutes=1)  # Saturday 19 December
    app_server.deliver()
    assert _dm_recipients(standin) == []  # not on a Saturday: at the start of Monday's work
    clock.now = datetime(2026, 12, 21, 7, 1, tzinfo=UTC)  # Monday 21 December 8.01
    app_server.deliver()
    assert _dm_recipients(standin) == ["UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"]

    clock.now = DEADLINE - timedelta(minutes=1)
    late_form = _open_form(
        slack, standin, "UGUSTAV", buttons(_posts(standin, "UGUSTAV")[-1])[RESPOND]
    )
    standin.clear()

    clock.now = DEADLINE
    app_server.app.run_due_work()
    app_server.deliver()
    [closed] = _said(standin, "CGROUP")
    assert (
        "Den interne høring om Rengøring er lukket. Der er modtaget høringssvar fra 3 af de 7 "
        "høringsparter." in closed
    )
    assert _dm_recipients(standin) == []

    # the form opened a minute before the deadline is refused in the modal, kept open
    late = _answer(slack, "UGUSTAV", late_form, "Region Midtjylland er for sent på den.")
    assert late["response_action"] == "errors"
    assert late["errors"]["hearing_text"].startswith(
        "Høringen er lukket; fristen var mandag den 21. december 2026 kl. 12.00."
    )
    # a late click opens no form
    refusal = _refusal(slack, standin, "UFRIDA", buttons(invitations["UFRIDA"])[RESPOND])
    assert "Høringen er lukket; fristen var mandag den 21. december 2026 kl. 12.00." in refusal
    assert [organisation for organisation, *_ in _stored(sqlite_db)] == [
        "Aarhus Kommune",
        "Odense Kommune",
        "Vejle Kommune",
    ]
    clock.now = DEADLINE + timedelta(days=3)
    app_server.deliver()
    assert _dm_recipients(standin) == []


def test_reminder_offsets_come_from_pogi_hearing_reminders(monkeypatch, sqlite_db, standin, clock):
    monkeypatch.setenv("POGI_HEARING_REMINDERS", "3d,12h")
    load_roster(sqlite_db)
    client = WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=5)
    server = AppServer(
        create_app(make_settings(standin), client=client, database=sqlite_db, clock=clock)
    )
    try:
        slack = Slack(server.url, standin)
        _revision(slack)
        slack.command("USEK", OPEN_INTERNAL)
    finally:
        server.stop()

    with sqlite_db.reading() as session:
        due = session.exec(
            select(OutboxMessage.due_at).where(OutboxMessage.kind == hearings.REMINDER)
        ).all()
    # 12 hours before the deadline is midnight: that reminder goes at 8.00 the same morning
    assert sorted(set(due)) == [DEADLINE - timedelta(days=3), DEADLINE - timedelta(hours=4)]
    assert len(due) == 2 * len(CONTACTS)


def test_the_status_shows_the_hearing_and_the_secretariat_closes_it_early(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    assert "Der har ikke været nogen høring endnu." in slack.command("UDITTE", "høring").text
    slack.command("USEK", OPEN_INTERNAL)

    assert "Kun sekretariatet kan lukke en høring." in slack.command("UANNE", "høring luk").text
    closed = slack.command("USEK", "høring luk")
    assert "Høringen er lukket uden høringssvar." in closed.text
    assert "Der er ingen åben høring for revisionen." in slack.command("USEK", "høring luk").text

    status = slack.command("UDITTE", "høring").text
    assert "Lukket søndag den 22. november 2026 kl. 12.00." in status
    assert "0 af 7 har svaret." in status and "Mangler" not in status
    app_server.deliver()
    # closed before anything was sent: no announcement, no invitations, only the closing notice
    assert _dm_recipients(standin) == []
    [notice] = [said for said in _said(standin, "CGROUP") if "har flyttet revisionen" not in said]
    assert (
        "Den interne høring om Rengøring er lukket. Der er ikke modtaget høringssvar fra de 7 "
        "høringsparter" in notice
    )
    with sqlite_db.reading() as session:
        reminders = session.exec(
            select(OutboxMessage.status).where(OutboxMessage.kind == hearings.REMINDER)
        ).all()
    assert set(reminders) == {"cancelled"}


# -- the industry hearing ----------------------------------------------------------------------


def test_the_industry_hearing_comes_after_the_internal_one_with_its_list_of_parties(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    assert (
        "Revisionen er i fasen Intern høring, og høringen hører til fasen Branchehøring."
        in slack.command("USEK", "høring branche 21. december kl. 12").text
    )
    slack.command("USEK", OPEN_INTERNAL)
    assert (
        "Der er allerede en åben intern høring om dette indkøbsmål."
        in slack.command("USEK", "høring intern 28. december kl. 12").text
    )
    move_on(slack, reason="Branchehøringen forberedes, mens den interne høring løber")
    assert (
        "Revisionen er i fasen Branchehøring, og høringen hører til fasen Intern høring."
        in slack.command("USEK", "høring intern 28. december kl. 12").text
    )
    assert (
        "Den interne høring er stadig åben (frist mandag den 21. december 2026 kl. 12.00)."
        in slack.command("USEK", "høring branche 21. december kl. 12").text
    )
    slack.command("USEK", "høring luk")
    assert "Høringslisten er tom." in slack.command("USEK", "høring branche 21. december").text

    added = slack.command(
        "USEK", "høring part add Dansk Industri; Jens Hansen; <mailto:jh@di.dk|jh@di.dk>"
    )
    assert "Dansk Industri står nu på høringslisten." in added.text
    assert "• *Dansk Industri* – Jens Hansen – jh@di.dk" in added.text
    for line in (
        "Rengøringsbranchen; Lise Berg; <mailto:lb@rengoering.dk|lb@rengoering.dk>",
        "Dansk Erhverv; Eva Holm; <mailto:eh@danskerhverv.dk|eh@danskerhverv.dk>",
        "Affald Danmark",
    ):
        slack.command("USEK", f"høring part add {line}")
    removed = slack.command("USEK", "høring part remove Affald Danmark")
    assert "Affald Danmark er fjernet fra høringslisten." in removed.text
    assert "Skriv partens navn" in slack.command("USEK", "høring part add ; ").text
    updated = slack.command("USEK", "høring part add dansk industri; ; ny@di.dk").text
    assert "• *Dansk Industri* – Jens Hansen – ny@di.dk" in updated
    slack.command("USEK", "høring part add Dansk Industri; ; <mailto:jh@di.dk|jh@di.dk>")
    assert (
        "Kun sekretariatet kan ændre høringslisten."
        in slack.command("UANNE", "høring part add Ny Forening").text
    )
    listed = slack.command("UDITTE", "høring part list").text
    assert [line for line in listed.splitlines() if line.startswith("•")] == [
        "• *Dansk Erhverv* – Eva Holm – eh@danskerhverv.dk",
        "• *Dansk Industri* – Jens Hansen – jh@di.dk",
        "• *Rengøringsbranchen* – Lise Berg – lb@rengoering.dk",
    ]

    opened = slack.command("USEK", "hearing industry 21. december kl. 12")
    assert "Branchehøringen om Rengøring er åbnet med frist mandag den 21. december 2026" in (
        opened.text
    )
    assert (
        "Der er allerede en åben branchehøring om dette indkøbsmål."
        in slack.command("USEK", "høring branche 28. december kl. 12").text
    )
    app_server.deliver()
    announcement = everything_said(_posts(standin, "CGROUP")[-1])
    assert "Branchehøring om Rengøring" in announcement
    assert "Høringslisten har 3 parter." in announcement
    assert _dm_recipients(standin) == []  # no party has people in the roster


def _industry_hearing(slack: Slack, *, deadline: str = "21. december kl. 12") -> None:
    slack.command("USEK", OPEN_INTERNAL)
    slack.command("USEK", "høring luk")
    assert move_on(slack).status == 200  # closed with no answers: nothing left to treat
    slack.command("USEK", "høring part add Dansk Industri; Jens Hansen; <mailto:jh@di.dk|jh@di.dk>")
    slack.command("USEK", "høring part add Dansk Erhverv; Eva Holm")
    assert "er åbnet" in slack.command("USEK", f"høring branche {deadline}").text


def test_answers_registered_from_email_by_the_secretariat_and_given_by_a_guest(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    _industry_hearing(slack)
    industry_id = _hearing_ids(sqlite_db)["industry"]

    status = slack.command("USEK", "høring").json
    register = buttons(status)["Registrér svar modtaget pr. e-mail"]
    assert "Kun sekretariatet kan registrere høringssvar" in _refusal(
        slack, standin, "UDITTE", register
    )
    form = _open_form(slack, standin, "USEK", register)
    assert [o["value"] for o in _input(form, "hearing_organisation")["options"]] == [
        "Dansk Erhverv",
        "Dansk Industri",
    ]
    assert _input(form, "hearing_received")["initial_date"] == "2026-11-22"
    saved = slack.submit(
        "USEK",
        form,
        state_values(
            form,
            {
                "hearing_organisation": "Dansk Industri",
                "hearing_received": "2026-11-20",
                "hearing_text": "DI finder fristen for mikrofiberklude urealistisk.",
                "hearing_url": "https://di.dk/hoeringssvar.pdf",
            },
        ),
    ).json
    assert saved["response_action"] == "update"
    assert "Høringssvaret fra Dansk Industri er registreret." in everything_said(saved["view"])
    with sqlite_db.reading() as session:
        [row] = session.exec(select(HearingAnswer)).all()
    assert (row.hearing_id, row.organisation, row.received_on, row.url, row.submitted_by) == (
        industry_id,
        "Dansk Industri",
        date(2026, 11, 20),
        "https://di.dk/hoeringssvar.pdf",
        "USEK",
    )

    # a guest in the shared channel answers like a member and chooses their party
    standin.add_user("UGUEST", name="Gitte Gæst")
    app_server.deliver()
    respond = buttons(_posts(standin, "CGROUP")[-1])[RESPOND]
    guest_form = _open_form(slack, standin, "UGUEST", respond)
    assert [o["value"] for o in _input(guest_form, "hearing_organisation")["options"]] == [
        "Dansk Erhverv",
        "Dansk Industri",
    ]
    given = slack.submit(
        "UGUEST",
        guest_form,
        state_values(
            guest_form,
            {
                "hearing_organisation": "Dansk Erhverv",
                "hearing_text": "Dansk Erhverv støtter målet.",
            },
        ),
    ).json
    assert "Høringssvaret fra Dansk Erhverv er modtaget (version 1)" in everything_said(
        given["view"]
    )
    assert ("Dansk Erhverv", 1, "Dansk Erhverv støtter målet.", "UGUEST") in _stored(sqlite_db)
    assert "2 af 2 har svaret." in slack.command("USEK", "høring").text

    # to edit it, the guest finds their party chosen and its answer filled in
    again = _open_form(slack, standin, "UGUEST", respond)
    assert _input(again, "hearing_organisation")["initial_option"]["value"] == "Dansk Erhverv"
    assert _input(again, "hearing_text")["initial_value"] == "Dansk Erhverv støtter målet."
    edited = slack.submit(
        "UGUEST",
        again,
        state_values(again, {"hearing_text": "Dansk Erhverv støtter målet med en bemærkning."}),
    ).json
    assert "Høringssvaret fra Dansk Erhverv er modtaget (version 2)" in everything_said(
        edited["view"]
    )


# -- the working group's replies and the memo ---------------------------------------------------


def test_the_working_group_treats_the_answers_and_the_memo_is_shared_as_a_file(
    slack, standin, app_server, clock, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    for user, answer in (
        ("UDITTE", "Kravet om Svanemærket er for strengt."),
        ("UANNE", "Aarhus støtter målet."),
    ):
        view = _open_form(slack, standin, user, buttons(_invitation(standin, user))[RESPOND])
        _answer(slack, user, view, answer)

    clock.now = DEADLINE
    app_server.app.run_due_work()
    for line in (
        "Rengøringsbranchen; Lise Berg",
        "Dansk Industri; Jens Hansen",
        "Dansk Erhverv; Eva Holm",
    ):
        slack.command("USEK", f"høring part add {line}")
    move_on(slack, reason="Svarene behandles sammen med branchehøringens")
    assert "er åbnet" in slack.command("USEK", "høring branche 25. januar kl. 12").text
    register = buttons(slack.command("USEK", "høring").json)["Registrér svar modtaget pr. e-mail"]
    form = _open_form(slack, standin, "USEK", register)
    slack.submit(
        "USEK",
        form,
        state_values(
            form,
            {
                "hearing_organisation": "Dansk Industri",
                "hearing_received": "2026-12-21",
                "hearing_text": "Fristen for mikrofiberklude er urealistisk.",
            },
        ),
    )
    clock.now = datetime(2027, 1, 25, 11, 0, tzinfo=UTC)
    app_server.app.run_due_work()
    ids = _hearing_ids(sqlite_db)

    status = slack.command("UANNE", "høring").json
    odense = _treat_button(status, ids["internal"], "Odense Kommune")
    assert "Kun gruppens tovholder og sekretariatet kan behandle høringssvar." in _refusal(
        slack, standin, "UDITTE", odense
    )
    for user, hearing_id, organisation, values in (
        (
            "UANNE",
            ids["internal"],
            "Odense Kommune",
            {
                "reply_comment": "Arbejdsgruppen er enig i, at EU-blomsten også kan bruges.",
                "reply_decision": "partly",
                "reply_reason": "EU-blomsten stiller tilsvarende krav",
                "reply_change": "Kravet omfatter nu både Svanemærket og EU-blomsten.",
            },
        ),
        (
            "UANNE",
            ids["internal"],
            "Aarhus Kommune",
            {
                "reply_comment": "Arbejdsgruppen noterer sig opbakningen.",
                "reply_decision": "accepted",
            },
        ),
        (
            "USEK",
            ids["industry"],
            "Dansk Industri",
            {
                "reply_comment": "Arbejdsgruppen fastholder fristen.",
                "reply_decision": "rejected",
                "reply_reason": "Flere leverandører kan allerede levere",
            },
        ),
    ):
        view = _open_form(slack, standin, user, _treat_button(status, hearing_id, organisation))
        assert organisation in everything_said(view)
        saved = slack.submit(user, view, state_values(view, values)).json
        assert saved["response_action"] == "update"
        assert f"Arbejdsgruppens bemærkninger til {organisation} er gemt." in everything_said(
            saved["view"]
        )
    assert "_delvist imødekommet_" in slack.command("UANNE", "høring").text

    assert (
        "Kun sekretariatet kan udarbejde høringsnotatet."
        in slack.command("UANNE", "høring notat").text
    )
    asked = slack.command("USEK", "høring notat")
    assert "Høringsnotatet deles i kanalen som Markdown- og Word-fil." in asked.text
    app_server.deliver()
    upload, word = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok]
    assert standin.uploaded_file(word.args["files"][0]["id"]).startswith(b"PK")  # a .docx
    assert upload.args["channel_id"] == "CGROUP"
    assert upload.args["files"][0]["title"] == "Høringsnotat: Rengøring"
    memo = standin.uploaded_file(upload.args["files"][0]["id"]).decode("utf-8")

    assert memo.startswith("# Høringsnotat\n")
    assert [line for line in memo.splitlines() if line.startswith("## ")] == [
        "## 1. Indledning",
        "## 2. Høringen og de modtagne høringssvar",
        "## 3. Hovedindholdet af høringssvarene og arbejdsgruppens bemærkninger",
        "## 4. Ændringer i forhold til høringsudkastet",
        "## 5. Det videre forløb",
        "## Bilag 1. Høringsliste",
        "## Bilag 2. Høringssvarene",
    ]
    assert (
        "Udkastet blev den 22. november 2026 sendt i bred intern høring blandt Partnerskabets "
        "medlemsorganisationer med frist for bemærkninger den 21. december 2026. "
        "Høringsmaterialet kan findes på https://pogi.dk/udkast." in memo
    )
    assert "Der er modtaget høringssvar fra 2 af de 7 hørte parter." in memo
    assert (
        "Udkastet blev den 21. december 2026 sendt i branchehøring med frist for bemærkninger "
        "den 25. januar 2027." in memo
    )
    parties = [line for line in memo.splitlines() if line.startswith("- ") and " – " in line]
    answered = {"Aarhus Kommune", "Odense Kommune", "Dansk Industri"}
    assert parties == [
        f"- {name} – har {'' if name in answered else 'ikke '}afgivet høringssvar"
        for name in [*MEMBER_ORGANISATIONS, "Dansk Erhverv", "Dansk Industri", "Rengøringsbranchen"]
    ]
    assert "> Kravet om Svanemærket er for strengt." in memo  # the answer in full, in bilag 2
    assert (
        "Arbejdsgruppens bemærkninger: Arbejdsgruppen er enig i, at EU-blomsten også kan "
        "bruges. EU-blomsten stiller tilsvarende krav." in memo
    )
    assert (
        "Høringssvaret er delvist imødekommet. Udkastet er ændret: Kravet omfatter nu både "
        "Svanemærket og EU-blomsten." in memo
    )
    assert "Høringssvaret er imødekommet." in memo
    assert "Høringssvaret er ikke imødekommet og giver ikke anledning til ændringer." in memo
    assert "Modtaget den 21. december 2026." in memo  # the day the e-mailed answer came
    assert (
        "- Kravet omfatter nu både Svanemærket og EU-blomsten (ændret efter høringssvar fra "
        "Odense Kommune)." in memo
    )


# -- English -------------------------------------------------------------------------------


def test_an_english_member_is_invited_in_english_even_before_using_pogi(
    slack, standin, app_server, sqlite_db
):
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    assert roster.find_person(sqlite_db, slack_user_id="UJOHN").locale is None
    app_server.deliver()

    [dm] = _posts(standin, "UJOHN")

    said = everything_said(dm)
    assert "Monday 21 December 2026 at 12:00" in said
    assert "din organisation" not in said and "Fristen" not in said
    assert "Respond" in buttons(dm)
    danish = everything_said(_posts(standin, "UDITTE")[0])
    assert "mandag den 21. december 2026 kl. 12.00" in danish


def test_an_english_secretariat_gets_the_memo_in_english(slack, standin, app_server, sqlite_db):
    roster.import_roster(
        sqlite_db,
        entries=[
            RosterEntry("UKATE", "Kate Brown", "Miljøstyrelsen", frozenset({Role.SECRETARIAT}))
        ],
        actor="test",
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    standin.add_user("UKATE", name="Kate Brown", locale="en-GB")
    _revision(slack)
    slack.command("UKATE", "hearing internal 21. december kl. 12")
    asked = slack.command("UKATE", "hearing memo")
    assert "Høringsnotatet" not in asked.text
    app_server.deliver()

    upload = next(c for c in standin.calls_to("files.completeUploadExternal") if c.ok)
    memo = standin.uploaded_file(upload.args["files"][0]["id"]).decode("utf-8")

    assert "Høringsnotat" not in memo and "Hørte parter" not in memo
    assert memo.startswith("# Provisional consultation memo\n")  # the hearing is still open
    assert (
        "The draft was sent on 22 November 2026 for a broad internal consultation among the "
        "Partnership's member organisations, with a deadline for comments of 21 December 2026. "
        "The consultation has not yet closed." in memo
    )


def test_a_deadline_on_a_holiday_is_accepted_with_a_word_naming_the_day(slack, sqlite_db):
    _revision(slack)
    opened = slack.command("USEK", "høring intern 25. december kl. 12")
    assert "er åbnet med frist fredag den 25. december 2026 kl. 12.00" in opened.text
    assert "Bemærk: fredag den 25. december 2026 er juledag og ikke en arbejdsdag." in opened.text
    # 23 November to 25 December, less Christmas Eve and Christmas Day
    assert "Fristen giver 23 arbejdsdage til at svare." in opened.text
