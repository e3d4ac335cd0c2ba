"""The activity plan over signed HTTP: each year's goals with their SKI tender, changed by the
secretariat, voted on as it stands (frozen into the vote and the decision record), and a
revision of a planned goal measured against its tender in ``/pogi status``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from storage import queries
from storage.database import Database
from storage.tables import ActivityPlanItem, Vote
from tests.support.clock import Clock
from tests.support.server import AppServer, Slack, buttons, everything_said

STEERING = "CSTYRE"
SPRING_STARTS = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # 13.00 in Copenhagen


def _items(db: Database, year: int) -> list[tuple[str, str, date]]:
    with db.reading() as session:
        rows = session.exec(select(ActivityPlanItem).where(ActivityPlanItem.year == year)).all()
        return sorted((row.goal, row.kind, row.ski_tender) for row in rows)


def _audit(db: Database, action: str) -> list[tuple[str, str, dict | None, dict | None]]:
    with db.reading() as session:
        return [
            (e.actor, e.entity, e.before, e.after)
            for e in queries.audit_entries(session)
            if e.action == action
        ]


def _votes(db: Database) -> list[Vote]:
    with db.reading() as session:
        return list(session.exec(select(Vote)).all())


def _posted(standin, prefix: str) -> dict:  # type: ignore[no-untyped-def]
    """The latest message posted whose fallback text begins with ``prefix``, as it stands now."""
    [*_, call] = [
        c
        for c in standin.calls_to("chat.postMessage")
        if c.ok and (c.args.get("text") or "").startswith(prefix)
    ]
    return standin.message(call.args["channel"], call.response["ts"])


def _steering_with_spring_meeting(slack: Slack) -> None:
    slack.command("USEK", "styregruppe her", channel=STEERING)
    asked = slack.command("USEK", "møde 16/3-2027 kl. 13-15 Forårsmøde", channel=STEERING)
    slack.click("USEK", buttons(asked.json)["Bekræft"], channel=STEERING)


def _approve(  # type: ignore[no-untyped-def]
    slack: Slack, app_server: AppServer, standin, clock: Clock, year: int, *, opened: bool = False
) -> Vote:
    """The steering group votes the year's plan through at the spring meeting (the vote opened
    first, unless it is ``opened`` already)."""
    if not opened:
        answer = slack.command("USEK", f"afstemning aktivitetsplan {year}", channel=STEERING)
        assert "er åbnet" in answer.text, answer.text
    app_server.deliver()
    clock.now = SPRING_STARTS
    message = _posted(standin, f"Afstemning: aktivitetsplanen for {year}")
    for user in ("UANNE", "UJOHN"):
        slack.click(user, buttons(message)["For"], channel=STEERING, message=message)
        receipt = everything_said(slack.answer_to(f"act{slack.serial}"))
        assert "Registreret" in receipt or "Recorded" in receipt
    slack.command("USEK", "afstemning luk", channel=STEERING)
    app_server.deliver()
    [vote] = [v for v in _votes(app_server.app.db) if v.title == str(year)]
    assert vote.status == "closed" and vote.result["passed"] is True
    return vote


# -- the plan: shown, added to, changed, removed from -------------------------------------------


def test_the_secretariat_builds_a_years_plan_and_everyone_can_read_it(slack, sqlite_db):
    added = slack.command("USEK", "aktivitetsplan 2027 add Rengøring; revision; 1/3-2027")
    assert added.json["response_type"] == "ephemeral"
    assert (
        "Tilføjet til aktivitetsplanen for 2027: *Rengøring* – revision, koordineret med "
        "SKI-udbuddet mandag den 1. marts 2027." in added.text
    )
    slack.command("USEK", "aktivitetsplan 2027 tilføj Møbler; nyt; 15. september 2027")
    assert _items(sqlite_db, 2027) == [
        ("Møbler", "new", date(2027, 9, 15)),
        ("Rengøring", "revision", date(2027, 3, 1)),
    ]

    shown = slack.command("UDITTE", "aktivitetsplan 2027")
    assert "Aktivitetsplan 2027" in shown.text
    assert (
        "• *Rengøring* – revision, koordineret med SKI-udbuddet mandag den 1. marts 2027\n"
        "• *Møbler* – nyt indkøbsmål, koordineret med SKI-udbuddet onsdag den 15. september "
        "2027" in shown.text
    )
    assert "Planen er ikke godkendt af styregruppen endnu." in shown.text
    assert "Tilføj et mål" not in shown.text  # a member is not told how to change it
    english = slack.command("UJOHN", "activity-plan 2027")
    assert "Activity plan 2027" in english.text and "new procurement goal" in english.text
    assert (
        "Der er ingen indkøbsmål i planen endnu."
        in slack.command("USEK", "aktivitetsplan 2028").text
    )

    # the same goal again changes its kind and date; the audit log keeps what it was
    slack.command("USEK", "aktivitetsplan 2027 add rengøring; nyt; 1/4-2027")
    assert _items(sqlite_db, 2027)[1] == ("Rengøring", "new", date(2027, 4, 1))
    removed = slack.command("USEK", "aktivitetsplan 2027 remove møbler")
    assert "Fjernet fra aktivitetsplanen for 2027: *Møbler*." in removed.text
    assert _items(sqlite_db, 2027) == [("Rengøring", "new", date(2027, 4, 1))]
    assert [(e[2], e[3]) for e in _audit(sqlite_db, "activity_plan.add")] == [
        (None, {"goal": "Rengøring", "kind": "revision", "ski_tender": "2027-03-01"}),
        (None, {"goal": "Møbler", "kind": "new", "ski_tender": "2027-09-15"}),
        (
            {"goal": "Rengøring", "kind": "revision", "ski_tender": "2027-03-01"},
            {"goal": "Rengøring", "kind": "new", "ski_tender": "2027-04-01"},
        ),
    ]
    [(actor, entity, before, after)] = _audit(sqlite_db, "activity_plan.remove")
    assert (actor, entity, after) == ("USEK", "activity_plan:2027", None)
    assert before == {"goal": "Møbler", "kind": "new", "ski_tender": "2027-09-15"}


@pytest.mark.parametrize(
    ("user", "command", "refusal"),
    [
        ("UANNE", "aktivitetsplan 2027 add Møbler; nyt; 1/3-2027", "Kun sekretariatet kan ændre"),
        (
            "USEK",
            "aktivitetsplan 2025 add Møbler; nyt; 1/3-2027",
            "i år eller de næste to år, dvs. 2026–2028, ikke 2025",
        ),
        ("USEK", "aktivitetsplan 2029 add Møbler; nyt; 1/3-2029", "dvs. 2026–2028, ikke 2029"),
        ("USEK", "aktivitetsplan 2027 add Møbler; måske; 1/3-2027", "»revision« eller »nyt«"),
        ("USEK", "aktivitetsplan 2027 add Møbler; nyt; snart", "kan ikke forstås som et tidspunkt"),
        ("USEK", "aktivitetsplan 2027 add Møbler; nyt", "Brug `/pogi aktivitetsplan ÅR`"),
        (
            "USEK",
            "aktivitetsplan 2027 remove Møbler",
            "Møbler står ikke i aktivitetsplanen for 2027.",
        ),
        ("USEK", "aktivitetsplan næste år", "Brug `/pogi aktivitetsplan ÅR`"),
        ("UOUTSIDER", "aktivitetsplan 2027", "Du er ikke registreret i pogi endnu"),
    ],
)
def test_a_wrong_or_unauthorised_plan_command_is_refused_and_changes_nothing(
    slack, sqlite_db, user, command, refusal
):
    slack.command("USEK", "aktivitetsplan 2027 add Rengøring; revision; 1/3-2027")

    answer = slack.command(user, command)

    assert answer.json.get("response_type") in (None, "ephemeral")
    assert refusal in answer.text, answer.text
    assert _items(sqlite_db, 2027) == [("Rengøring", "revision", date(2027, 3, 1))]
    assert len(_audit(sqlite_db, "activity_plan.add")) == 1
    assert _audit(sqlite_db, "activity_plan.remove") == []


# -- the vote on the plan --------------------------------------------------------------------------


def test_a_plan_vote_outside_this_year_and_the_next_two_is_refused(slack, sqlite_db):
    _steering_with_spring_meeting(slack)

    for year, shown in (("1999", "ikke 1999"), ("2025", "ikke 2025"), ("2029", "ikke 2029")):
        refused = slack.command("USEK", f"afstemning aktivitetsplan {year}", channel=STEERING)
        assert (
            "En aktivitetsplan kan kun gælde for i år eller de næste to år, dvs. 2026–2028, "
            f"{shown}." in refused.text
        )
    english_word = slack.command("USEK", "vote activity-plan 2030", channel=STEERING)
    assert "dvs. 2026–2028, ikke 2030." in english_word.text
    assert _votes(sqlite_db) == []
    assert (
        "er åbnet" in slack.command("USEK", "afstemning aktivitetsplan 2028", channel=STEERING).text
    )


def test_the_vote_takes_the_plan_as_it_stands_and_keeps_it(
    slack, standin, app_server, sqlite_db, clock
):
    _steering_with_spring_meeting(slack)
    slack.command("USEK", "aktivitetsplan 2027 add Rengøring; revision; 1/3-2027")
    slack.command("USEK", "aktivitetsplan 2027 add Møbler; nyt; 15/9-2027")

    opened = slack.command("USEK", "afstemning aktivitetsplan 2027", channel=STEERING)
    assert "er åbnet" in opened.text
    [vote] = _votes(sqlite_db)
    assert vote.plan == [
        {"goal": "Rengøring", "kind": "revision", "ski_tender": "2027-03-01"},
        {"goal": "Møbler", "kind": "new", "ski_tender": "2027-09-15"},
    ]
    app_server.deliver()
    shown = everything_said(_posted(standin, "Afstemning: aktivitetsplanen for 2027"))
    assert (
        "Planen, der stemmes om:*\n• *Rengøring* – revision, koordineret med SKI-udbuddet "
        "mandag den 1. marts 2027\n• *Møbler* – nyt indkøbsmål" in shown
    )
    # while the steering group votes, the plan stands still
    frozen = slack.command("USEK", "aktivitetsplan 2027 add Transport; nyt; 1/6-2027")
    assert "Styregruppen stemmer om aktivitetsplanen for 2027 lige nu." in frozen.text
    assert (
        "Styregruppen stemmer om planen nu." in slack.command("UDITTE", "aktivitetsplan 2027").text
    )
    assert len(_items(sqlite_db, 2027)) == 2

    _approve(slack, app_server, standin, clock, 2027, opened=True)
    slack.command("USEK", "aktivitetsplan 2027 remove Møbler")
    after = slack.command("UDITTE", "aktivitetsplan 2027")
    assert "Styregruppen godkendte planen tirsdag den 16. marts 2027" in after.text
    assert "Planen er ændret siden" in after.text
    [vote] = _votes(sqlite_db)
    assert [item["goal"] for item in vote.plan] == ["Rengøring", "Møbler"]  # as voted

    slack.command("USEK", "afstemning protokol", channel=STEERING)
    app_server.deliver()
    upload = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-2]
    record = standin.uploaded_file(upload.args["files"][0]["id"]).decode()
    assert (
        "Planen, der blev stemt om:\n\n- Rengøring: revision, koordineret med SKI-udbuddet "
        "1. marts 2027\n- Møbler: nyt indkøbsmål, koordineret med SKI-udbuddet "
        "15. september 2027" in record
    )


# -- a revision of a planned goal ------------------------------------------------------------------


def test_status_shows_the_ski_tender_and_warns_when_the_spring_meeting_falls_after_it(
    slack, standin, app_server, sqlite_db, clock
):
    _steering_with_spring_meeting(slack)
    slack.command("USEK", "aktivitetsplan 2028 add Rengøring; revision; 1/3-2028")
    slack.command("USEK", "aktivitetsplan 2028 add Møbler; nyt; 1/9-2028")
    slack.command("USEK", "revision start Rengøring", channel="CGROUP")
    slack.command("USEK", "revision start Møbler", channel="CMOEBLER")
    slack.command("USEK", "revision start Transport", channel="CTRANSPORT")
    # not approved yet: nothing is said of the plan
    assert "Aktivitetsplan" not in slack.command("USEK", "status", channel="CGROUP").text

    _approve(slack, app_server, standin, clock, 2028)
    unplanned = slack.command("UDITTE", "status", channel="CGROUP")
    assert (
        "*Aktivitetsplan*\n2028: revision, koordineret med SKI-udbuddet onsdag den 1. marts 2028"
        in unplanned.text
    )
    assert "Styregruppen har endnu ikke planlagt sit forårsmøde" in unplanned.text

    asked = slack.command("USEK", "møde 14/3-2028 kl. 10-12 Forårsmøde", channel=STEERING)
    slack.click("USEK", buttons(asked.json)["Bekræft"], channel=STEERING)
    late = slack.command("UDITTE", "status", channel="CGROUP")
    assert (
        ":warning: Styregruppens næste forårsmøde, tirsdag den 14. marts 2028 kl. 10.00, hvor "
        "indkøbsmålet efter planen godkendes, ligger efter SKI-udbuddet onsdag den 1. marts "
        "2028, som målet skal koordineres med." in late.text
    )
    in_time = slack.command("UDITTE", "status", channel="CMOEBLER")
    assert (
        "2028: nyt indkøbsmål, koordineret med SKI-udbuddet fredag den 1. september 2028"
        in in_time.text
    )
    assert ":warning:" not in in_time.text
    assert "Aktivitetsplan" not in slack.command("UDITTE", "status", channel="CTRANSPORT").text
