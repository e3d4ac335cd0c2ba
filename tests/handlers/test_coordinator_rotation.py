"""The coordinator by rotation (turnus) over signed HTTP: ``/pogi tovholder`` proposes the steering
member whose organisation coordinated least recently, ``Bekræft`` appoints, ``Spring over`` asks
for a reason and proposes the next in turn; computed from the stored appointments."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.domain import revisions
from storage import queries
from storage.database import Database
from storage.tables import CoordinatorSkip, CoordinatorTerm
from tests.support.clock import Clock
from tests.support.server import Slack, buttons, everything_said

NEVER = "har ikke været tovholder før"


def _audit(db: Database, action: str) -> list[tuple[str, dict[str, Any] | None]]:
    with db.reading() as session:
        return [(e.actor, e.after) for e in queries.audit_entries(session) if e.action == action]


def _terms(db: Database) -> list[tuple[int, bool]]:
    with db.reading() as session:
        rows = session.exec(select(CoordinatorTerm).order_by(CoordinatorTerm.id)).all()
        return [(row.revision_id, row.by_rotation) for row in rows]


def _coordinator(db: Database, channel: str) -> str | None:
    revision = revisions.revision_here(db, channel_id=channel)
    assert revision is not None
    return revision.coordinator.slack_user_id if revision.coordinator else None


def _skip(slack: Slack, standin, proposal: dict[str, Any], reason: str, channel: str = "CGROUP"):  # type: ignore[no-untyped-def]
    """``Spring over`` → the modal → submitted with ``reason``; the reply and the click's key."""
    opened = len(standin.calls_to("views.open"))
    slack.click("USEK", buttons(proposal)["Spring over"], channel=channel, message=proposal)
    key = f"act{slack.serial}"
    view = standin.wait_for("views.open", opened + 1)[-1].response["view"]
    value = {"type": "plain_text_input", "value": reason}
    return slack.submit("USEK", view, {"skip_reason": {"reason": value}}), key


def test_the_first_in_the_roster_who_never_coordinated_is_proposed_and_confirmed(
    slack, standin, sqlite_db
):
    slack.command("USEK", "revision start Rengøring")

    proposed = slack.command("USEK", "tovholder")
    assert proposed.json["response_type"] == "ephemeral"
    assert (
        "Næste i turnus som tovholder for revisionen af *Rengøring* er <@UANNE> "
        "(Aarhus Kommune)." in proposed.text
    )
    assert f"Aarhus Kommune {NEVER}." in proposed.text
    assert {"Bekræft", "Spring over"} <= set(buttons(proposed.json))
    assert _coordinator(sqlite_db, "CGROUP") is None  # nothing until confirmed

    answered = len(standin.calls_to("response_url"))
    slack.click("USEK", buttons(proposed.json)["Bekræft"], message=proposed.json)
    # the proposal is removed, then the appointment is announced to the channel
    removed, announcement = standin.wait_for("response_url", answered + 2)[answered:]
    assert removed.args.get("delete_original") is True
    announced = announcement.args
    assert announced["response_type"] == "in_channel"
    assert "<@USEK> har udpeget <@UANNE> (Aarhus Kommune) som tovholder" in everything_said(
        announced
    )
    assert "Udpeget efter turnus" in everything_said(announced)
    assert _coordinator(sqlite_db, "CGROUP") == "UANNE"
    assert _terms(sqlite_db) == [(1, True)]
    [(actor, after)] = _audit(sqlite_db, "revision.coordinator")
    assert actor == "USEK" and after == {"coordinator": "UANNE", "by_rotation": True}


def test_the_turn_goes_to_the_organisation_that_coordinated_least_recently(
    slack, sqlite_db, clock: Clock
):
    slack.command("USEK", "revision start Rengøring", channel="CGROUP")
    slack.command("USEK", "tovholder <@UANNE|anne>", channel="CGROUP")  # appointed directly
    clock.advance(days=30)

    slack.command("USEK", "revision start Møbler", channel="CMOEBLER")
    second = slack.command("USEK", "tovholder", channel="CMOEBLER")
    assert "er <@UJOHN> (Aalborg Kommune)." in second.text and NEVER in second.text
    slack.click("USEK", buttons(second.json)["Bekræft"], channel="CMOEBLER")
    assert _coordinator(sqlite_db, "CMOEBLER") == "UJOHN"
    clock.advance(days=30)

    slack.command("USEK", "revision start Transport", channel="CTRANSPORT")
    third = slack.command("USEK", "tovholder", channel="CTRANSPORT")
    assert "er <@UANNE> (Aarhus Kommune)." in third.text
    assert (
        "Aarhus Kommune blev senest udpeget som tovholder søndag den 22. november 2026 "
        "(revisionen af Rengøring)." in third.text
    )
    # both appointments are stored, the direct one and the one by rotation
    assert _terms(sqlite_db) == [(1, False), (2, True)]
    assert [after["by_rotation"] for _, after in _audit(sqlite_db, "revision.coordinator")] == [
        False,
        True,
    ]


def test_skipping_asks_for_a_reason_records_it_and_proposes_the_next_in_turn(
    slack, standin, sqlite_db
):
    slack.command("USEK", "revision start Rengøring")
    proposed = slack.command("USEK", "tovholder")

    empty, _ = _skip(slack, standin, proposed.json, "   ")
    assert empty.json == {
        "response_action": "errors",
        "errors": {"skip_reason": "Skriv en begrundelse."},
    }
    with sqlite_db.reading() as session:
        assert session.exec(select(CoordinatorSkip)).all() == []

    done, key = _skip(
        slack, standin, proposed.json, "Aarhus Kommune har tovholderskabet for Møbler."
    )
    assert done.status == 200
    following = slack.answer_to(key)
    assert following["replace_original"] is True
    said = everything_said(following)
    assert "Næste i turnus som tovholder for revisionen af *Rengøring* er <@UJOHN>" in said
    assert "Aarhus Kommune: Aarhus Kommune har tovholderskabet for Møbler." in said
    with sqlite_db.reading() as session:
        [skip] = session.exec(select(CoordinatorSkip)).all()
    assert (skip.reason, skip.by) == ("Aarhus Kommune har tovholderskabet for Møbler.", "USEK")
    [(actor, after)] = _audit(sqlite_db, "revision.coordinator_skip")
    assert actor == "USEK"
    assert after == {
        "organisation": "Aarhus Kommune",
        "proposed": "UANNE",
        "reason": "Aarhus Kommune har tovholderskabet for Møbler.",
    }
    assert _coordinator(sqlite_db, "CGROUP") is None

    # the old proposal's buttons are out of turn now: refused, nothing stored
    slack.click("USEK", buttons(proposed.json)["Bekræft"], message=proposed.json)
    assert "Turen er allerede gået videre til John Smith (Aalborg Kommune)." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert _coordinator(sqlite_db, "CGROUP") is None and _terms(sqlite_db) == []
    stale, _ = _skip(slack, standin, proposed.json, "Igen")
    assert (
        "Turen er allerede gået videre til John Smith (Aalborg Kommune)."
        in (stale.json["errors"]["skip_reason"])
    )
    # skipping the last one leaves nobody, and says how to appoint directly
    _, key = _skip(slack, standin, following, "Aalborg Kommune har ikke tid i år.")
    assert "Ingen i styregruppen står for tur" in everything_said(slack.answer_to(key))
    again = slack.command("USEK", "tovholder")
    assert "Udpeg tovholderen direkte med `/pogi tovholder @navn`." in again.text
    # a revision elsewhere is not affected by these skips
    slack.command("USEK", "revision start Møbler", channel="CMOEBLER")
    assert "er <@UANNE>" in slack.command("USEK", "tovholder", channel="CMOEBLER").text


def test_only_the_secretariat_is_proposed_a_coordinator_or_may_skip(slack, standin, sqlite_db):
    slack.command("USEK", "revision start Rengøring")
    proposed = slack.command("USEK", "tovholder")

    member = slack.command("UANNE", "tovholder")
    assert "Kun sekretariatet kan udpege tovholderen." in member.text
    slack.click("UANNE", buttons(proposed.json)["Spring over"], message=proposed.json)
    assert "Kun sekretariatet kan udpege tovholderen." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    slack.click("UJOHN", buttons(proposed.json)["Bekræft"], message=proposed.json)
    assert "Only the secretariat can appoint the coordinator." in everything_said(
        slack.answer_to(f"act{slack.serial}")
    )
    assert standin.calls_to("views.open") == []
    assert _coordinator(sqlite_db, "CGROUP") is None
    assert _terms(sqlite_db) == []

    nowhere = slack.command("USEK", "tovholder", channel="CELSEWHERE")
    assert "Der er ingen revision knyttet til denne kanal." in nowhere.text
    wrong = slack.command("USEK", "tovholder anne bo")
    assert "Skriv `/pogi tovholder` for at se, hvem der står for tur" in wrong.text
