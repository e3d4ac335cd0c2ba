"""The goal text over signed HTTP: ``/pogi mål`` before and after a text exists, the editing
modal (coordinator and secretariat only) saving versions, ``mål versioner``, ``mål forskel N
M`` in Slack and as a file, ``mål fil`` as Markdown and Word, and a long text split across
blocks within Slack's limits."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlmodel import select

from bot.console.standin import SlackStandIn
from bot.domain import votes
from bot.domain.people import Actor
from bot.domain.roster import find_person
from storage.tables import AuditEntry, GoalVersion
from tests.support.server import AppServer, Slack, buttons, everything_said, move_on

GOAL = "Kommunen køber kun miljømærkede rengøringsmidler fra 2028."


def _open_editor(slack: Slack, standin: SlackStandIn, user: str = "USEK") -> dict[str, Any]:
    before = len([c for c in standin.calls_to("views.open") if c.ok])
    slack.command(user, "mål rediger")
    return standin.wait_for("views.open", count=before + 1)[before].response["view"]


def _fields(view: dict[str, Any]) -> dict[str, str]:
    """The modal's fields by block id, with what they hold now."""
    return {
        block["block_id"]: block["element"].get("initial_value", "")
        for block in view["blocks"]
        if block["type"] == "input"
    }


def _save(slack: Slack, view: dict[str, Any], user: str = "USEK", **parts: str) -> dict:
    """Submit the modal with ``parts`` (``goal``, ``background`` …) in their first field (the
    part's other fields emptied) and the other parts as they were."""
    values = {}
    for block_id, value in _fields(view).items():
        _, part, index = block_id.split(":")
        if part in parts:
            value = parts[part] if index == "0" else ""
        values[block_id] = {"text": {"type": "plain_text_input", "value": value or None}}
    return slack.submit(user, view, values).json


def _valid(message: dict[str, Any]) -> None:
    assert len(message["blocks"]) <= 50
    for block in message["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def test_the_goal_text_in_versions_and_what_changed(
    slack: Slack, standin: SlackStandIn, app_server: AppServer, sqlite_db
):
    slack.command("USEK", "revision start Rengøring")
    assert "Der er ingen måltekst endnu." in slack.command("UDITTE", "mål").text

    # only the coordinator and the secretariat edit, and a member opens no modal
    opened = len(standin.calls_to("views.open"))
    refused = slack.command("UDITTE", "mål rediger")
    assert "Kun gruppens tovholder og sekretariatet kan redigere målteksten." in refused.text
    assert len(standin.calls_to("views.open")) == opened

    view = _open_editor(slack, standin)
    View(**view).validate_json()
    assert list(_fields(view)) == [
        "goal_part:goal:0",
        "goal_part:background:0",
        "goal_part:effects:0",
        "goal_part:tender_text:0",
        "goal_part:cases:0",
    ]
    empty = _save(slack, view, background="Rengøring fylder meget.")
    assert empty["response_action"] == "errors"
    assert "Skriv selve indkøbsmålet" in empty["errors"]["goal_part:goal:0"]

    saved = _save(slack, view, goal=GOAL, background="Rengøring fylder meget.")
    assert saved["response_action"] == "update"
    assert "Version 1 af målteksten er gemt" in everything_said(saved["view"])
    app_server.deliver()
    told = standin.calls_to("chat.postMessage")[-1].args
    assert told["channel"] == "CGROUP"
    assert "<@USEK> har gemt version 1 af målteksten for Rengøring." in told["text"]

    # the coordinator edits the current version; the old modal is then out of date
    slack.command("USEK", "tovholder <@UANNE|anne>")
    second = _open_editor(slack, standin, "UANNE")
    assert _fields(second)["goal_part:goal:0"] == GOAL
    new_goal = "Kommunen køber kun Svanemærkede rengøringsmidler fra 2027."
    assert _save(slack, second, "UANNE", goal=new_goal)["response_action"] == "update"
    stale = _save(slack, view, goal="Noget helt andet.")
    assert "Der er gemt en nyere version (version 2)" in stale["errors"]["goal_part:goal:0"]
    third = _open_editor(slack, standin, "UANNE")
    unchanged = _save(slack, third, "UANNE")
    assert "Teksten er ikke ændret" in unchanged["errors"]["goal_part:goal:0"]

    with sqlite_db.reading() as session:
        stored = session.exec(select(GoalVersion).order_by(GoalVersion.number)).all()
        assert [(v.number, v.author, v.goal) for v in stored] == [
            (1, "USEK", GOAL),
            (2, "UANNE", new_goal),
        ]
        assert stored[1].background == "Rengøring fylder meget."
        audited = session.exec(select(AuditEntry).where(AuditEntry.action == "goal.version"))
        assert [(e.actor, e.before, e.after) for e in audited] == [
            ("USEK", None, {"version": 1, "words": 10}),
            ("UANNE", {"version": 1}, {"version": 2, "words": 10}),
        ]

    shown = slack.command("UEMIL", "mål")
    _valid(shown.json)
    assert "*Indkøbsmål*\n" + new_goal in shown.text
    assert "*Baggrund*\nRengøring fylder meget." in shown.text
    assert "Version 2, gemt af <@UANNE>" in shown.text

    assert "*Måltekst*\nversion 2 (`/pogi mål`)" in slack.command("UEMIL", "status").text
    everywhere = slack.command("UEMIL", "status", channel="CELSEWHERE").text
    assert "*Rengøring* · Forberedelse · målteksten i version 2" in everywhere

    listed = slack.command("UEMIL", "mål versioner").text
    assert listed.index("Version 2, gemt af <@UANNE>") < listed.index("Version 1, gemt af <@USEK>")

    diff = slack.command("UEMIL", "mål forskel 1 2")
    _valid(diff.json)
    assert (
        "Kommunen køber kun ~miljømærkede~ *Svanemærkede* rengøringsmidler fra ~2028.~ *2027.*"
        in diff.text
    )
    assert "2 ord tilføjet, 2 ord fjernet" in diff.text
    assert "Uændret: Baggrund, Miljømæssige og økonomiske effekter" in diff.text

    for wrong, said in (
        ("mål forskel 1 9", "Der er ingen version 9 af målteksten; der er version 1 til 2."),
        ("mål forskel 1", "Skriv to versionsnumre, fx `/pogi mål forskel 1 2`."),
        ("mål forskel en to", "Skriv to versionsnumre"),
        ("mål noget", "Brug `/pogi mål`"),
    ):
        assert said in slack.command("UEMIL", wrong).text, wrong

    assert "deles i kanalen som Markdown-fil" in slack.command("UEMIL", "mål forskel 1 2 fil").text
    assert "Markdown- og Word-fil" in slack.command("UEMIL", "mål fil").text
    app_server.deliver()
    diff_file, text_file, word_file = [
        c.args["files"][0] for c in standin.calls_to("files.completeUploadExternal") if c.ok
    ]
    marked = standin.uploaded_file(diff_file["id"]).decode("utf-8")
    assert "~~miljømærkede~~ **Svanemærkede**" in marked
    assert diff_file["title"] == ("Målteksten for Rengøring: ændringer fra version 1 til version 2")
    document = standin.uploaded_file(text_file["id"]).decode("utf-8")
    assert document.startswith("# Indkøbsmål: Rengøring\n")
    assert f"## Indkøbsmål\n\n{new_goal}\n" in document
    assert "## Cases\n\nIkke skrevet endnu." in document
    assert standin.uploaded_file(word_file["id"]).startswith(b"PK")


def test_a_long_text_is_split_across_blocks_and_offered_as_a_file(
    slack: Slack, standin: SlackStandIn
):
    slack.command("USEK", "revision start Rengøring")
    paragraph = " ".join(["Rengøringsmidler med miljømærke belaster vandmiljøet mindre."] * 40)
    background = "\n\n".join([paragraph] * 7)  # about 17,000 characters
    view = _open_editor(slack, standin)
    assert _save(slack, view, goal=GOAL, background=background)["response_action"] == "update"

    shown = slack.command("UDITTE", "mål")
    _valid(shown.json)
    assert shown.text.count("Rengøringsmidler med miljømærke") == 7 * 40

    # the modal holds it in fields of 3,000 characters, and saving it again changes nothing
    again = _open_editor(slack, standin)
    View(**again).validate_json()
    pieces = [k for k in _fields(again) if k.startswith("goal_part:background:")]
    assert len(pieces) >= 6
    assert all(len(value) <= 3000 for value in _fields(again).values())
    assert "Teksten er ikke ændret" in str(_save(slack, again))

    too_long = "\n\n".join([paragraph] * 9)
    refused = _save(slack, again, background=too_long)
    assert "Baggrund må højst være på 20.000 tegn" in str(refused)

    for index in range(3):
        view = _open_editor(slack, standin)
        longer = background.replace("mindre", f"langt mindre {index}", 60)
        _save(slack, view, background=longer)
        background = longer
    diff = slack.command("UDITTE", "mål forskel 1 4")
    _valid(diff.json)
    assert "`/pogi mål forskel 1 4 fil`" in diff.text


# -- frozen versions -------------------------------------------------------------------------


def _phase_conditions(slack: Slack) -> dict[str, bool]:
    said = slack.command("UDITTE", "fase").text
    shown = {}
    for line in said.partition("Betingelser for at gå videre")[2].splitlines():
        for mark, met in ((":white_check_mark: ", True), (":x: ", False)):
            if line.startswith(mark):
                shown[line.removeprefix(mark)] = met
    return shown


def _posted(standin: SlackStandIn, channel: str) -> list[dict[str, Any]]:
    return [
        c.args
        for c in standin.calls_to("chat.postMessage")
        if c.ok and c.args["channel"] == channel
    ]


def test_the_hearing_memo_and_vote_each_keep_the_version_they_were_on(
    slack: Slack, standin: SlackStandIn, app_server: AppServer, sqlite_db, clock
):
    slack.command("USEK", "revision start Rengøring")
    move_on(slack, reason="Forberedelsen prøves andetsteds")
    assert _phase_conditions(slack)["Der er skrevet en måltekst."] is False
    _save(slack, _open_editor(slack, standin), goal=GOAL, background="Rengøring fylder meget.")
    assert _phase_conditions(slack)["Der er skrevet en måltekst."] is True
    move_on(slack, reason="Gruppen prøves andetsteds")

    # the hearing opens on version 1: its message and the invitations say so and show it
    asked = slack.command("USEK", "høring intern 21. december kl. 12")
    if "Bekræft" in buttons(asked.json):
        slack.click("USEK", buttons(asked.json)["Bekræft"])
    app_server.deliver()
    announced = next(m for m in _posted(standin, "CGROUP") if "Høringsfrist" in everything_said(m))
    assert "Høringsudkastet er målteksten, version 1." in everything_said(announced)
    invited = _posted(standin, "UEMIL")[-1]
    assert "Høringsudkastet er målteksten, version 1." in everything_said(invited)
    opened = len([c for c in standin.calls_to("views.open") if c.ok])
    assert slack.click("UEMIL", buttons(invited)["Læs udkastet"], channel="DUEMIL").status == 200
    shown = standin.wait_for("views.open", count=opened + 1)[opened].response["view"]
    View(**shown).validate_json()
    assert GOAL in everything_said(shown) and "Version 1, gemt af <@USEK>" in everything_said(shown)

    # edited after the hearing: the memo quotes version 1 and shows what changed since
    _save(slack, _open_editor(slack, standin), goal=GOAL.replace("2028", "2027"))
    slack.command("USEK", "høring luk")
    slack.command("USEK", "høring notat")
    app_server.deliver()
    upload = next(
        c.args["files"][0]
        for c in standin.calls_to("files.completeUploadExternal")
        if c.ok and c.args["files"][0]["title"].startswith("Høringsnotat")
    )
    memo = standin.uploaded_file(upload["id"]).decode("utf-8")
    assert "### Høringsudkastet (målteksten, version 1)" in memo
    assert f"> {GOAL}" in memo
    changes = memo.partition("### Ændringer i målteksten efter høringen")[2]
    assert "Fra version 1 (høringsudkastet) til version 2 (den gældende)." in changes
    assert "~~2028.~~ **2027.**" in changes

    # the vote is on version 2; a later edit means a new vote
    for _ in range(2):
        move_on(slack, reason="Høringerne prøves andetsteds")
    slack.command("USEK", "styregruppe her", channel="CSTYRE")
    opened_vote = votes.open_vote(
        sqlite_db,
        actor=Actor("USEK", find_person(sqlite_db, slack_user_id="USEK")),
        channel_id="CSTYRE",
        subject="Rengøring",
        now=clock.now,
        override_reason="Ekstraordinær beslutning",
    )
    assert isinstance(opened_vote, votes.VoteView) and opened_vote.goal_version == 2
    app_server.deliver()
    assert "Der stemmes om målteksten, version 2." in everything_said(
        _posted(standin, "CSTYRE")[-1]
    )
    votes.cast(sqlite_db, voter="UANNE", vote_id=opened_vote.id, choice="for", now=clock.now)
    votes.cast(sqlite_db, voter="UJOHN", vote_id=opened_vote.id, choice="for", now=clock.now)
    votes.close(sqlite_db, vote_id=opened_vote.id, by="USEK", now=clock.now)
    app_server.deliver()
    result = everything_said(_posted(standin, "CSTYRE")[-1])
    assert "Styregruppen har godkendt målteksten, version 2" in result
    current = "Styregruppen har stemt om den gældende version af målteksten."
    assert _phase_conditions(slack)[current] is True

    _save(slack, _open_editor(slack, standin), background="Rengøring fylder mere.")
    assert _phase_conditions(slack)[current] is False
    assert "Der blev stemt om version 2, men målteksten er siden ændret (version 3)." in (
        slack.command("UDITTE", "fase").text
    )
    refused = slack.command("USEK", "fase næste")
    assert f":x: {current}" in refused.text
