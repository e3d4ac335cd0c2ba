"""The revision process, enforced, over signed HTTP: every condition to leave a phase shown
unmet and then met (``/pogi fase``), ``fase næste`` refusing while one is unmet and moving once
all are met, ``Flyt alligevel`` with its reason kept for good, the preparation documents,
hearings only in their phase, the ambassador's ``Lanceret``, one revision per goal, and the
older working-group process.

Now is Sunday 22 November 2026, 12.00 in Copenhagen (the test clock).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import select

from bot.domain import goals, hearings, revisions, votes
from bot.domain.people import Actor
from bot.domain.roster import find_person
from storage import queries
from storage.database import Database
from storage.queries import hearings as stored_hearings
from storage.tables import PhaseOverride
from tests.support.server import Slack, buttons, everything_said, move_on, prepare

OPEN_INTERNAL = "høring intern 21. december kl. 12 <https://pogi.dk/udkast>"
DEADLINE = datetime(2026, 12, 21, 11, 0, tzinfo=UTC)


# -- helpers -------------------------------------------------------------------------------


def _conditions(slack: Slack, user: str = "UDITTE") -> dict[str, bool]:
    """The conditions ``/pogi fase`` shows, met or not, by their statement."""
    shown: dict[str, bool] = {}
    said = slack.command(user, "fase").text
    for line in said.partition("Betingelser for at gå videre")[2].splitlines():
        if line.startswith(":white_check_mark: "):
            shown[line.removeprefix(":white_check_mark: ")] = True
        elif line.startswith(":x: "):
            shown[line.removeprefix(":x: ")] = False
    return shown


def _met(slack: Slack, condition: str) -> bool:
    return _conditions(slack)[condition]


def _phase(db: Database) -> str:
    here = revisions.revision_here(db, channel_id="CGROUP")
    assert here is not None
    return here.phase.key


def _audit(db: Database, action: str) -> list[tuple[str, Any, Any]]:
    with db.reading() as session:
        return [
            (e.actor, e.before, e.after)
            for e in queries.audit_entries(session)
            if e.action == action
        ]


def _actor(db: Database, user: str) -> Actor:
    return Actor(user, find_person(db, slack_user_id=user))


def _hearing_id(db: Database, kind: str) -> int:
    here = revisions.revision_here(db, channel_id="CGROUP")
    assert here is not None
    with db.reading() as session:
        [found] = [
            h for h in stored_hearings.of_revision(session, revision_id=here.id) if h.kind == kind
        ]
        return found.id


def _reply(db: Database, kind: str, organisation: str, now: datetime) -> None:
    hearings.reply(
        db,
        actor=_actor(db, "USEK"),
        hearing_id=_hearing_id(db, kind),
        organisation=organisation,
        comment="Arbejdsgruppen noterer sig svaret.",
        decision=hearings.ACCEPTED,
        reason="",
        change="",
        now=now,
    )


def _refused_and_unchanged(slack: Slack, db: Database, *unmet: str) -> None:
    """``fase næste`` names each unmet condition, offers only ``Flyt alligevel``, moves
    nothing."""
    phase, entries = _phase(db), len(_audit(db, "revision.phase"))
    refused = slack.command("USEK", "fase næste")
    assert refused.json.get("response_type") in (None, "ephemeral")
    assert "kan ikke flyttes" in refused.text
    for condition in unmet:
        assert f":x: {condition}" in refused.text
    assert list(buttons(refused.json)) == ["Flyt alligevel"]
    assert _phase(db) == phase and len(_audit(db, "revision.phase")) == entries


def _moves_on(slack: Slack, db: Database, to: str) -> None:
    asked = slack.command("USEK", "fase næste")
    assert "Alle betingelser for at forlade fasen er opfyldt." in asked.text
    assert slack.click("USEK", buttons(asked.json)["Bekræft"]).status == 200
    assert _phase(db) == to


# -- preparation ---------------------------------------------------------------------------

COORDINATOR = "Der er udpeget en tovholder."
BACKGROUND = "Baggrundsrapporten er registreret."
TERMS = "Kommissoriet er registreret."
SUPPLIERS = "Leverandørerne er inddraget tidligt."


def test_preparation_needs_a_coordinator_the_two_documents_and_the_suppliers(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    assert _conditions(slack) == {
        COORDINATOR: False,
        BACKGROUND: False,
        TERMS: False,
        SUPPLIERS: False,
    }
    shown = slack.command("UDITTE", "fase").text
    assert "Betingelser for at gå videre* (0 af 4 opfyldt)" in shown
    assert "Registrér den med `/pogi dokument add baggrundsrapport LINK`." in shown
    _refused_and_unchanged(slack, sqlite_db, COORDINATOR, BACKGROUND, TERMS, SUPPLIERS)

    slack.command("USEK", "tovholder <@UANNE|anne>")
    assert _met(slack, COORDINATOR)
    _refused_and_unchanged(slack, sqlite_db, BACKGROUND, TERMS, SUPPLIERS)

    added = slack.command("UANNE", "dokument add baggrundsrapport https://pogi.dk/baggrund.pdf")
    assert added.json["response_type"] == "in_channel"
    assert (
        "<@UANNE> har registreret baggrundsrapport: <https://pogi.dk/baggrund.pdf|Baggrundsrapport>."
        in added.text
    )
    assert _met(slack, BACKGROUND) and not _met(slack, TERMS)

    slack.command("USEK", "document add terms-of-reference <https://pogi.dk/k.docx> Kommissorium")
    assert _met(slack, TERMS)
    _refused_and_unchanged(slack, sqlite_db, SUPPLIERS)

    slack.command(
        "USEK", "dokument add leverandørdialog https://pogi.dk/dialog.pdf Dialogmøde 3/11"
    )
    assert _conditions(slack) == {COORDINATOR: True, BACKGROUND: True, TERMS: True, SUPPLIERS: True}
    _moves_on(slack, sqlite_db, "udvikling")
    assert _audit(sqlite_db, "revision.phase")[-1] == (
        "USEK",
        {"phase": "forberedelse"},
        {"phase": "udvikling"},
    )


def test_a_reason_for_no_supplier_dialogue_meets_the_condition_and_is_listed(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    assert "Skriv begrundelsen" in slack.command("USEK", "dokument ingen-leverandørdialog").text
    assert not _met(slack, SUPPLIERS)

    recorded = slack.command(
        "USEK", "dokument ingen-leverandørdialog Markedet blev afdækket i SKI's udbud i 2025"
    )
    assert "har registreret, at der ikke er holdt tidlig leverandørdialog" in recorded.text
    assert _met(slack, SUPPLIERS)
    listed = slack.command("UEMIL", "dokumenter").text
    assert "*Ingen leverandørdialog*: Markedet blev afdækket i SKI's udbud i 2025" in listed
    [(actor, before, after)] = _audit(sqlite_db, "revision.no_supplier_dialogue")
    assert actor == "USEK" and before == {"reason": None}
    assert after == {"reason": "Markedet blev afdækket i SKI's udbud i 2025"}


def test_documents_keep_their_versions_and_refusals_change_nothing(slack, sqlite_db, clock):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    slack.command("USEK", "dokument add kommissorium https://pogi.dk/k1.docx")
    clock.advance(days=1)
    replaced = slack.command(
        "UANNE", "dokument add kommissorium https://pogi.dk/k2.docx Kommissorium v2"
    )
    assert "en ny version af kommissorium" in replaced.text
    assert "(version 2; de tidligere versioner er gemt)" in replaced.text

    listed = slack.command("UDITTE", "dokumenter")
    assert listed.json.get("response_type") != "in_channel"
    said = listed.text
    assert "*Kommissorium*: <https://pogi.dk/k2.docx|Kommissorium v2> (version 2)" in said
    assert "Tilføjet af <@UANNE> mandag den 23. november 2026 kl. 12.00" in said
    assert (
        "Version 1: <https://pogi.dk/k1.docx|Kommissorium>, <@USEK> "
        "søndag den 22. november 2026 kl. 12.00" in said
    )
    assert [after["version"] for _, _, after in _audit(sqlite_db, "revision.document")] == [1, 2]

    entries = len(_audit(sqlite_db, "revision.document"))
    for user, text, refusal in (
        (
            "UDITTE",
            "dokument add andet https://pogi.dk/x",
            "Kun gruppens tovholder og sekretariatet kan registrere dokumenter.",
        ),
        ("USEK", "dokument add referat https://pogi.dk/x", "»referat« er ikke en dokumenttype."),
        ("USEK", "dokument add andet pogi.dk/x", "Skriv dokumentets link"),
        ("USEK", "dokument add kommissorium", "Der er ikke delt nogen fil i kanalen."),
        ("USEK", "dokument add", "Brug `/pogi dokument add TYPE LINK [TITEL]`"),
        ("USEK", "dokument fjern kommissorium", "Brug `/pogi dokument add TYPE LINK [TITEL]`"),
    ):
        answer = slack.command(user, text)
        assert refusal in answer.text, text
        assert answer.json.get("response_type") in (None, "ephemeral")
    assert len(_audit(sqlite_db, "revision.document")) == entries


def test_a_file_shared_in_the_channel_is_registered_without_its_link(slack, standin, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    shared = standin.share_file("CGROUP", "UANNE", "baggrund.pdf", "Baggrundsrapport 2026")
    added = slack.command("UANNE", "dokument add baggrundsrapport")
    assert "Baggrundsrapport 2026" in added.text
    standin.share_file("CGROUP", "USEK", "kommissorium.docx")
    slack.command("USEK", "dokument add kommissorium Kommissorium for Rengøring")

    said = slack.command("UDITTE", "dokumenter").text
    assert f"*Baggrundsrapport*: <{shared['permalink']}|Baggrundsrapport 2026>" in said
    assert "|Kommissorium for Rengøring>" in said
    documents = [after for _, _, after in _audit(sqlite_db, "revision.document")]
    assert documents[0]["url"] == shared["permalink"]

    standin.fail("files.list", "internal_error")
    refused = slack.command("USEK", "dokument add andet Notat")
    assert "pogi kunne ikke se kanalens filer lige nu." in refused.text
    assert len(_audit(sqlite_db, "revision.document")) == 2


# -- development ---------------------------------------------------------------------------

GROUP_RULE = (
    "Gruppen opfylder kravene: mindst 5 medlemsorganisationer, heriblandt tovholderens, og "
    "tovholderen sidder i styregruppen."
)
MEETING = "Arbejdsgruppen har holdt mindst 1 møde."
GOAL_TEXT = "Der er skrevet en måltekst."


def _write_goal_text(db: Database, now: datetime) -> None:
    here = revisions.revision_here(db, channel_id="CGROUP")
    assert here is not None
    goals.save(
        db,
        actor=_actor(db, "USEK"),
        revision_id=here.id,
        parts={"goal": "Kommunen køber kun miljømærkede rengøringsmidler."},
        based_on=0,
        now=now,
    )


def test_development_needs_the_group_rule_and_a_meeting_held(slack, sqlite_db, clock):
    slack.command("USEK", "revision start Rengøring")
    prepare(slack)
    _moves_on(slack, sqlite_db, "udvikling")
    slack.command("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f>")
    assert _conditions(slack) == {GROUP_RULE: False, MEETING: False, GOAL_TEXT: False}
    assert (
        "Gruppen har 4 medlemsorganisationer; tilføj medlemmer"
        in slack.command("UEMIL", "fase").text
    )
    _refused_and_unchanged(slack, sqlite_db, GROUP_RULE, MEETING, GOAL_TEXT)
    _write_goal_text(sqlite_db, clock.now)
    assert _met(slack, GOAL_TEXT)

    slack.command("UANNE", "gruppe add <@UGUSTAV|g>")
    assert _met(slack, GROUP_RULE)

    proposed = slack.command("UANNE", "møde 24/11-2026 kl. 10-12 Første møde")
    assert slack.click("UANNE", buttons(proposed.json)["Bekræft"]).status == 200
    assert not _met(slack, MEETING)  # planned, not held
    _refused_and_unchanged(slack, sqlite_db, MEETING)
    clock.now = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)  # 12.00 in Copenhagen: it has ended
    assert _met(slack, MEETING)
    _moves_on(slack, sqlite_db, "intern-hoering")


def test_a_cancelled_meeting_is_not_held(slack, sqlite_db, clock):
    slack.command("USEK", "revision start Rengøring")
    move_on(slack, reason="Forberedelsen prøves ikke her")
    proposed = slack.command("USEK", "møde 24/11-2026 kl. 10-12")
    slack.click("USEK", buttons(proposed.json)["Bekræft"])
    slack.command("USEK", "møde aflys 1")
    clock.now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    assert not _met(slack, MEETING)


# -- the hearings --------------------------------------------------------------------------

INTERNAL_CLOSED = "Den interne høring er holdt og lukket."
INTERNAL_REPLIES = "Alle svar i den interne høring er behandlet af arbejdsgruppen."
INDUSTRY_CLOSED = "Branchehøringen er holdt og lukket."
INDUSTRY_REPLIES = "Alle svar i branchehøringen er behandlet af arbejdsgruppen."
MEMO = "Høringsnotatet er lavet efter branchehøringen."


def test_hearings_open_only_in_their_phase(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    refused = slack.command("USEK", OPEN_INTERNAL).text
    assert (
        "Revisionen er i fasen Forberedelse, og høringen hører til fasen Intern høring." in refused
    )
    refused = slack.command("USEK", "høring branche 21. december kl. 12").text
    assert "høringen hører til fasen Branchehøring" in refused
    with sqlite_db.reading() as session:
        assert stored_hearings.of_revision(session, revision_id=1) == []


def test_the_internal_hearing_must_be_held_closed_and_every_answer_replied(
    slack, standin, sqlite_db, app_server, clock
):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    move_on(slack, reason="Forberedelsen prøves ikke her")
    move_on(slack, reason="Udviklingen prøves ikke her")
    assert _conditions(slack) == {INTERNAL_CLOSED: False, INTERNAL_REPLIES: False}
    assert (
        "Åbn høringen med `/pogi høring intern FRIST [LINK]`."
        in slack.command("UEMIL", "fase").text
    )

    assert "er åbnet" in slack.command("USEK", OPEN_INTERNAL).text
    hearings.submit_answer(
        sqlite_db,
        actor=_actor(sqlite_db, "UDITTE"),
        hearing_id=_hearing_id(sqlite_db, hearings.INTERNAL),
        organisation=None,
        text="Odense støtter målet.",
        url="",
        now=clock.now,
    )
    assert _conditions(slack) == {INTERNAL_CLOSED: False, INTERNAL_REPLIES: False}
    _refused_and_unchanged(slack, sqlite_db, INTERNAL_CLOSED, INTERNAL_REPLIES)

    slack.command("USEK", "høring luk")
    assert _conditions(slack) == {INTERNAL_CLOSED: True, INTERNAL_REPLIES: False}
    assert "1 høringssvar mangler arbejdsgruppens behandling" in slack.command("UEMIL", "fase").text
    app_server.deliver()
    [closed] = [
        everything_said(c.args)
        for c in standin.calls_to("chat.postMessage")
        if "er lukket" in everything_said(c.args)
    ]
    assert "Til sekretariatet: Når arbejdsgruppen har behandlet svarene" in closed
    _refused_and_unchanged(slack, sqlite_db, INTERNAL_REPLIES)

    _reply(sqlite_db, hearings.INTERNAL, "Odense Kommune", clock.now)
    assert _conditions(slack) == {INTERNAL_CLOSED: True, INTERNAL_REPLIES: True}
    _moves_on(slack, sqlite_db, "branchehoering")


def test_the_industry_hearing_and_the_memo(slack, sqlite_db, app_server, clock):
    slack.command("USEK", "revision start Rengøring")
    move_on(slack, reason="Forberedelsen prøves ikke her")
    move_on(slack, reason="Udviklingen prøves ikke her")
    slack.command("USEK", OPEN_INTERNAL)
    slack.command("USEK", "høring luk")
    _moves_on(slack, sqlite_db, "branchehoering")  # closed without answers: nothing to treat
    assert _conditions(slack) == {INDUSTRY_CLOSED: False, INDUSTRY_REPLIES: False, MEMO: False}

    slack.command("USEK", "høring part add Dansk Industri; Jens Hansen; jh@di.dk")
    assert "er åbnet" in slack.command("USEK", "høring branche 21. december kl. 12").text
    hearings.register_answer(
        sqlite_db,
        actor=_actor(sqlite_db, "USEK"),
        hearing_id=_hearing_id(sqlite_db, hearings.INDUSTRY),
        organisation="Dansk Industri",
        received_on=date(2026, 11, 22),
        text="Fristen er for kort.",
        url="",
        now=clock.now,
    )
    slack.command("USEK", "høring notat")  # a memo before the hearing closes does not count
    _refused_and_unchanged(slack, sqlite_db, INDUSTRY_CLOSED, INDUSTRY_REPLIES, MEMO)

    clock.now = DEADLINE
    app_server.app.run_due_work()  # closes at its deadline
    assert _conditions(slack) == {INDUSTRY_CLOSED: True, INDUSTRY_REPLIES: False, MEMO: False}
    _reply(sqlite_db, hearings.INDUSTRY, "Dansk Industri", clock.now)
    assert _conditions(slack) == {INDUSTRY_CLOSED: True, INDUSTRY_REPLIES: True, MEMO: False}
    _refused_and_unchanged(slack, sqlite_db, MEMO)

    assert "Høringsnotatet deles i kanalen" in slack.command("USEK", "høring notat").text
    assert _met(slack, MEMO)
    _moves_on(slack, sqlite_db, "godkendelse")


# -- approval and launch -------------------------------------------------------------------

VOTE = "Styregruppen har godkendt indkøbsmålet ved afstemning."
LAUNCH = "En ambassadør har bekræftet lanceringen."
VOTED_VERSION = "Styregruppen har stemt om den gældende version af målteksten."


def _passed_vote(db: Database, now: datetime) -> int:
    """The steering group's vote on Rengøring, opened with a reason (no meeting) and passed."""
    secretariat = _actor(db, "USEK")
    revisions.set_steering_channel(db, actor=secretariat, channel_id="CSTYRE", now=now)
    opened = votes.open_vote(
        db,
        actor=secretariat,
        channel_id="CSTYRE",
        subject="Rengøring",
        now=now,
        override_reason="Ekstraordinær beslutning",
    )
    assert isinstance(opened, votes.VoteView)
    votes.cast(db, voter="UANNE", vote_id=opened.id, choice="for", now=now)
    votes.cast(db, voter="UJOHN", vote_id=opened.id, choice="for", now=now)
    votes.close(db, vote_id=opened.id, by="USEK", now=now)
    return opened.id


def test_approval_needs_a_passed_vote_and_the_launch_an_ambassadors_confirmation(
    slack, standin, sqlite_db, app_server, clock
):
    slack.command("USEK", "revision start Rengøring")
    for _ in range(4):
        move_on(slack, reason="Afstemningen prøves her")
    assert _conditions(slack) == {VOTE: False, VOTED_VERSION: True}  # no text: nothing newer
    _refused_and_unchanged(slack, sqlite_db, VOTE)

    _passed_vote(sqlite_db, clock.now)
    assert _phase(sqlite_db) == "godkendelse"  # the secretariat moves it on
    assert _conditions(slack) == {VOTE: True, VOTED_VERSION: True}
    _moves_on(slack, sqlite_db, "lancering")
    assert _conditions(slack) == {LAUNCH: False}
    _refused_and_unchanged(slack, sqlite_db, LAUNCH)

    app_server.deliver()
    [told] = [
        c.args
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"] == "UGUSTAV"
    ]
    launched = buttons(told)["Lanceret"]
    refused = slack.click("UANNE", launched, channel="DUGUSTAV")
    assert refused.status == 200
    assert "Kun ambassadørerne kan bekræfte, at målet er lanceret." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert not _met(slack, LAUNCH)

    assert slack.click("UGUSTAV", launched, channel="DUGUSTAV").status == 200
    thanked = everything_said(slack.answer_to(f"act{slack.serial}"))
    assert "Du har bekræftet, at indkøbsmålet *Rengøring* er lanceret." in thanked
    assert _met(slack, LAUNCH)
    [(actor, _, after)] = _audit(sqlite_db, "revision.launched")
    assert actor == "UGUSTAV" and set(after) == {"vote"}

    slack.click("UGUSTAV", launched, channel="DUGUSTAV")
    assert "<@UGUSTAV> har allerede bekræftet lanceringen af Rengøring" in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    _moves_on(slack, sqlite_db, "implementering")
    assert "Fasen har ingen betingelser" not in slack.command("UDITTE", "fase").text


# -- moving anyway -------------------------------------------------------------------------


def test_move_anyway_asks_the_secretariat_for_a_reason_and_keeps_it_for_good(
    slack, standin, sqlite_db, app_server
):
    slack.command("USEK", "revision start Rengøring")
    slack.command("USEK", "tovholder <@UANNE|anne>")
    refused = slack.command("USEK", "fase næste")
    anyway = buttons(refused.json)["Flyt alligevel"]

    modals = len(standin.calls_to("views.open"))
    slack.click("UANNE", anyway)
    assert "Kun sekretariatet kan flytte revisionen til næste fase." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert len(standin.calls_to("views.open")) == modals

    slack.click("USEK", anyway)
    view = standin.wait_for("views.open", modals + 1)[-1].response["view"]
    assert "selv om dette mangler" in everything_said(view)
    assert "• Baggrundsrapporten er registreret." in everything_said(view)
    empty = slack.submit(
        "USEK", view, {"phase_reason": {"reason": {"type": "plain_text_input", "value": "  "}}}
    )
    assert empty.json == {
        "response_action": "errors",
        "errors": {"phase_reason": "Skriv en begrundelse."},
    }
    assert _phase(sqlite_db) == "forberedelse"

    reason = "Kommissoriet godkendes på styregruppemødet i januar"
    done = slack.submit(
        "USEK", view, {"phase_reason": {"reason": {"type": "plain_text_input", "value": reason}}}
    )
    assert done.json["response_action"] == "update"
    assert "Revisionen er flyttet, og begrundelsen er registreret." in everything_said(
        done.json["view"]
    )
    assert _phase(sqlite_db) == "udvikling"
    app_server.deliver()
    [announced] = [c.args for c in standin.calls_to("chat.postMessage")]
    assert announced["channel"] == "CGROUP"
    assert "til fasen *Udvikling i arbejdsgruppen* (2 af 7)" in everything_said(announced)

    [(actor, before, after)] = _audit(sqlite_db, "revision.phase")
    assert (actor, before) == ("USEK", {"phase": "forberedelse"})
    assert after == {
        "phase": "udvikling",
        "unmet": ["background-report", "terms-of-reference", "suppliers"],
        "reason": reason,
    }
    # shown on the status for good, also once the revision has moved further
    move_on(slack, reason="Gruppen samles i december")
    status = slack.command("UEMIL", "status").text
    assert (
        "flyttede <@USEK> revisionen fra Forberedelse til Udvikling i arbejdsgruppen, selv om "
        "dette manglede: Baggrundsrapporten er registreret. Kommissoriet er registreret. "
        "Leverandørerne er inddraget tidligt. Begrundelse: " + reason
    ) in status
    assert "Begrundelse: Gruppen samles i december" in status

    # a second submit of the same modal changes nothing more
    again = slack.submit(
        "USEK", view, {"phase_reason": {"reason": {"type": "plain_text_input", "value": reason}}}
    )
    assert "allerede flyttet videre" in str(again.json)
    assert _phase(sqlite_db) == "intern-hoering"


def test_move_on_when_conditions_are_met_needs_no_reason(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    prepare(slack)
    _moves_on(slack, sqlite_db, "udvikling")
    assert _audit(sqlite_db, "revision.phase")[-1][2] == {"phase": "udvikling"}  # no reason
    with sqlite_db.reading() as session:
        assert session.exec(select(PhaseOverride)).all() == []
    assert "Begrundelse" not in slack.command("UEMIL", "status").text


# -- one revision per goal; the older process ---------------------------------------------


def test_a_second_revision_of_a_goal_names_the_channel_of_the_first(slack, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    refused = slack.command("USEK", "revision start rengøring", channel="CANDEN")

    assert refused.json.get("response_type") in (None, "ephemeral")
    assert (
        "Rengøring er allerede under revision i <#CGROUP> (fasen Forberedelse). Et indkøbsmål "
        "revideres én gang ad gangen."
    ) in refused.text
    assert [r.goal for r in revisions.all_revisions(sqlite_db)] == ["Rengøring"]
    assert "er startet" in slack.command("USEK", "revision start Møbler", channel="CANDEN").text


def test_the_older_working_group_process_is_chosen_at_start(slack, sqlite_db, clock):
    assert (
        "»1999« er ikke en proces."
        in slack.command("USEK", "revision start Rengøring proces 1999").text
    )
    assert "Skriv hvilken proces" in slack.command("USEK", "revision start Rengøring proces").text
    assert revisions.all_revisions(sqlite_db) == []

    started = slack.command("USEK", "revision start Rengøring proces 2014")
    assert "Processen: Arbejdsgruppeprocessen fra før 2023." in started.text
    here = revisions.revision_here(sqlite_db, channel_id="CGROUP")
    assert here is not None and here.goal == "Rengøring" and here.process == "pogi-2014"
    shown = slack.command("UDITTE", "fase").text
    assert "*1. arbejdsgruppemøde* ← her står revisionen" in shown
    assert _conditions(slack) == {COORDINATOR: False, MEETING: False}
    assert (
        "høringen hører til fasen Medlemmernes kommentarer"
        in slack.command("USEK", OPEN_INTERNAL).text
    )
    assert (
        "Revisionens proces har ingen branchehøring."
        in slack.command("USEK", "høring branche 21. december kl. 12").text
    )

    slack.command("USEK", "tovholder <@UANNE|anne>")
    for number in (1, 2, 3):
        proposed = slack.command("USEK", f"møde {23 + number}/11-2026 kl. 10-12")
        slack.click("USEK", buttons(proposed.json)["Bekræft"])
    clock.now = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    _moves_on(slack, sqlite_db, "moede-2")
    assert _conditions(slack) == {"Arbejdsgruppen har holdt mindst 2 møder.": True}
    _moves_on(slack, sqlite_db, "moede-3")
    _moves_on(slack, sqlite_db, "moede-4")
    assert "Fasen har ingen betingelser" in slack.command("UDITTE", "fase").text


def test_an_english_user_reads_the_conditions_in_english(slack):
    slack.command("USEK", "revision start Rengøring")
    said = slack.command("UJOHN", "phase").text
    assert ":x: A coordinator has been appointed." in said
    assert "Register it with `/pogi document add background-report LINK`." in said
