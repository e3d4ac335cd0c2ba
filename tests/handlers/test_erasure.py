"""Erasing a person (GDPR) over signed HTTP, with a revision that has seen every kind of change:
``/pogi roster erase @x`` asks first and only the secretariat may; afterwards the person's name
and Slack id are in no table, no file and no message pogi produces, and every result that
counted them counts the same."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.domain import hearings, history, personal_data, votes
from bot.domain.meetings import polls
from bot.presentation.i18n import Translator
from storage.database import Database
from storage.tables import SQLModel
from tests.domain.test_history import SPRING_START, _every_kind_of_change
from tests.support.factories import NOW, actor
from tests.support.server import Slack, buttons, everything_said

ANNES_REASON = "Kommunalbestyrelsen ønsker en anden tidsplan"
ERASED = ("UANNE", "Anne Lund", "UDITTE", "Ditte Krogh", ANNES_REASON)
DA = Translator("da")


def _everything_stored(db: Database) -> str:
    """Every value in every table, as text."""
    cells = []
    with db.reading() as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in session.connection().execute(select(table)).all():
                cells.extend(json.dumps(v, default=str, ensure_ascii=False) for v in row)
    return "\n".join(cells)


def _results(db: Database) -> dict[str, object]:
    """What counted the people: the closed vote, an open vote's tally, the hearing's answers,
    the working group's size."""
    with db.reading() as session:
        closed = votes.get(session, 1)
        still_open = votes.get(session, 2)
        hearing = hearings.get(session, 1)
        assert closed is not None and still_open is not None and hearing is not None
        return {
            "closed": (closed.result or {}).get("counts"),
            "closed_passed": (closed.result or {}).get("passed"),
            "closed_voted": (closed.result or {}).get("voted"),
            "open": (still_open.tally.counts, still_open.tally.voted, len(still_open.tally.seats)),
            "answers": [(a.organisation, a.version, a.text) for a in hearing.answers],
        }


def _with_open_vote(db: Database) -> None:
    """Everything, and a second vote still open with Anne's ballot for Aarhus in it."""
    _every_kind_of_change(db)
    opened = votes.open_vote(
        db,
        actor=actor(db, "USEK"),
        channel_id="CSTEER",
        subject="aktivitetsplan 2027",
        proposal="",
        now=NOW,
    )
    assert isinstance(opened, votes.VoteView) and opened.id == 2
    votes.cast(db, voter="UANNE", vote_id=2, choice=votes.AGAINST, now=SPRING_START)
    votes.give_reason(db, voter="UANNE", vote_id=2, reason=ANNES_REASON, now=SPRING_START)
    votes.cast(db, voter="UJOHN", vote_id=2, choice=votes.FOR, now=SPRING_START)
    # a time poll that Anne started and Ditte answered
    poll = polls.start_poll(
        db,
        actor=actor(db, "UANNE"),
        channel_id="CGROUP",
        text="i morgen kl. 10-12; i overmorgen kl. 10-12 Annes møde",
        now=NOW,
        zone=ZoneInfo("Europe/Copenhagen"),
    )
    polls.answer(db, actor=actor(db, "UDITTE"), poll_id=poll.id, option=2, now=NOW)


def _erase(slack: Slack, standin, user: str) -> str:  # type: ignore[no-untyped-def]
    asked = slack.command("USEK", f"roster erase <@{user}|x>")
    answered = len(standin.calls_to("response_url"))
    assert slack.click("USEK", buttons(asked.json)["Bekræft"]).status == 200
    return everything_said(standin.wait_for("response_url", answered + 1)[-1].args)


def test_an_erased_person_is_nowhere_afterwards_and_every_result_counts_the_same(
    slack, standin, app_server, sqlite_db
):
    _with_open_vote(sqlite_db)
    app_server.deliver()
    before = _results(sqlite_db)
    assert "Anne Lund" in _everything_stored(sqlite_db)

    said = [_erase(slack, standin, "UANNE"), _erase(slack, standin, "UDITTE")]
    after_erasure = len(standin.calls)
    for command, channel in (
        ("historik", "CGROUP"),
        ("historik 2", "CGROUP"),
        ("historik eksport", "CGROUP"),
        ("høring notat", "CGROUP"),
        ("høring", "CGROUP"),
        ("gruppe", "CGROUP"),
        ("status", "CGROUP"),
        ("hjemmearbejde", "CGROUP"),
        ("møder", "CGROUP"),
        ("roster", "CGROUP"),
        ("afstemning protokol", "CSTEER"),
    ):
        assert slack.command("USEK", command, channel=channel).status == 200
    votes.close(sqlite_db, vote_id=2, by="USEK", now=NOW)
    app_server.deliver()

    assert said[0].startswith("Personen er slettet") and "(Aarhus Kommune)" in said[0]
    produced = [
        json.dumps(c.args, ensure_ascii=False, default=str) for c in standin.calls[after_erasure:]
    ]
    files = [
        standin.uploaded_file(c.args["files"][0]["id"]).decode("utf-8-sig", errors="replace")
        for c in standin.calls[after_erasure:]
        if c.method == "files.completeUploadExternal" and c.ok
    ]
    assert len(files) == 6  # the history as CSV and JSON, the memo and the vote record twice
    with sqlite_db.reading() as session:
        exports = [
            history.as_csv(history.lines_of(session), DA),
            history.as_json(history.lines_of(session), DA),
        ]
    exports.append(json.dumps(personal_data.export_person(sqlite_db, slack_user_id="USEK", tr=DA)))
    stored = _everything_stored(sqlite_db)
    for text in [stored, *produced, *files, *exports]:
        for erased in ERASED:
            assert erased not in text
    assert "en slettet person" in "\n".join(produced)
    assert _results(sqlite_db)["closed"] == before["closed"]
    assert _results(sqlite_db)["closed_passed"] == before["closed_passed"]
    assert _results(sqlite_db)["answers"] == before["answers"]
    with sqlite_db.reading() as session:
        view = votes.get(session, 2)
        assert view is not None and view.result is not None
        assert (view.result["counts"], view.result["voted"]) == before["open"][:2]
        erasures = [
            (line.who.render(DA) if not isinstance(line.who, str) else line.who, line.after)
            for line in history.lines_of(session)
            if line.action == "person.erase"
        ]
    assert erasures == [
        ("Sofie Holm", {"organisation": "Odense Kommune"}),
        ("Sofie Holm", {"organisation": "Aarhus Kommune"}),
    ]


def test_only_the_secretariat_erases_and_it_asks_first(slack, standin, sqlite_db):
    asked = slack.command("UANNE", "roster erase <@UEMIL|emil>")
    assert asked.json["text"] == "Kun sekretariatet kan slette en person."

    asked = slack.command("USEK", "roster erase <@UEMIL|emil>")
    assert "Skal Emil Dahl (Vejle Kommune) slettes fra pogi?" in asked.text
    answered = len(standin.calls_to("response_url"))
    slack.click("USEK", buttons(asked.json)["Annullér"])
    assert "Ingen er slettet." in everything_said(
        standin.wait_for("response_url", answered + 1)[-1].args
    )
    assert "Emil Dahl" in _everything_stored(sqlite_db)

    assert slack.command("USEK", "roster erase").json["text"] == (
        "Nævn den person, der skal slettes, fx `/pogi roster erase @navn`."
    )
    assert slack.command("USEK", "roster erase <@UNOBODY|x>").json["text"] == (
        "UNOBODY står ikke på brugerlisten."
    )
    # a second click on the same question finds no one to erase
    confirm = buttons(slack.command("USEK", "roster erase <@UEMIL|emil>").json)["Bekræft"]
    slack.click("USEK", confirm)
    answered = len(standin.calls_to("response_url"))
    slack.click("USEK", confirm)
    again = everything_said(standin.wait_for("response_url", answered + 1)[-1].args)
    assert "UEMIL står ikke på brugerlisten." in again
    assert "Emil Dahl" not in _everything_stored(sqlite_db)
