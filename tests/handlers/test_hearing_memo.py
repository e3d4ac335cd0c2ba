"""The consultation memo over signed HTTP on a realistic consultation with 12 answers: every one
of the 7 member organisations answers the internal consultation in its modal, and the
secretariat registers 5 industry parties' answers received by e-mail. The working group marks
answers without comments and replies to one; the secretariat writes the memo's own text and,
with the coordinator, the themes; the memo is shared as Markdown and Word. Wrong roles and bad
input are refused and change nothing.

Now is Sunday 22 November 2026, 12.00 in Copenhagen.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from sqlmodel import select

from bot.console.render import state_values
from storage.tables import AuditEntry, HearingReply, HearingTheme, MemoDetails
from tests.handlers.test_hearings import (
    DEADLINE,
    OPEN_INTERNAL,
    RESPOND,
    _hearing_ids,
    _invitation,
    _open_form,
    _revision,
    _treat_button,
)
from tests.support.server import buttons, everything_said, move_on

INTERNAL_ANSWERS = {
    "UANNE": "Aarhus Kommune støtter målet, men ønsker en overgangsperiode til 2028.",
    "UDITTE": "Odense Kommune foreslår, at EU-blomsten accepteres.\n\nMed venlig hilsen\nOdense",
    "UEMIL": "Vejle Kommune foreslår en vejledning om opfølgning i kontraktperioden.",
    "UFRIDA": "Københavns Kommune ønsker en overgangsperiode på mindst 12 måneder.",
    "UGUSTAV": "Region Midtjylland har ingen bemærkninger.",
    "UJOHN": "Aalborg Kommune har ingen bemærkninger til udkastet.",
    "UMEMB": "Ingen bemærkninger.",
}
PARTIES = {
    "Dansk Industri": "Fristen for mikrofiberklude er urealistisk for mindre leverandører.",
    "Dansk Erhverv": "Dokumentationen bør kunne ske ved en leverandørerklæring.",
    "Rengøringsbranchen": "Branchen støtter kravet om miljømærkede midler.",
    "Servicebranchen": "Kravet om mikrofiberklude bør udgå.",
    "Miljømærkning Danmark": "Ingen bemærkninger.",
}
INDUSTRY_CLOSES = datetime(2027, 1, 25, 11, 0, tzinfo=UTC)


def _modal_of(slack, standin, user: str, command: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """``/pogi COMMAND`` as ``user``: the modal it opened."""
    before = len(standin.calls_to("views.open"))
    assert slack.command(user, command).status == 200
    return standin.wait_for("views.open", count=before + 1)[before].response["view"]


def _consultation_with_twelve_answers(slack, standin, app_server, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    _revision(slack)
    slack.command("USEK", OPEN_INTERNAL)
    app_server.deliver()
    for user, text in INTERNAL_ANSWERS.items():
        label = "Respond" if user == "UJOHN" else RESPOND  # John reads Slack in English
        view = _open_form(slack, standin, user, buttons(_invitation(standin, user))[label])
        reply = slack.submit(user, view, state_values(view, {"hearing_text": text}))
        assert reply.status == 200 and reply.json["response_action"] == "update"

    clock.now = DEADLINE
    app_server.app.run_due_work()
    for party in PARTIES:
        slack.command("USEK", f"høring part add {party}")
    move_on(slack, reason="Svarene behandles sammen med branchehøringens")
    assert "er åbnet" in slack.command("USEK", "høring branche 25. januar kl. 12").text
    register = buttons(slack.command("USEK", "høring").json)["Registrér svar modtaget pr. e-mail"]
    for party, text in PARTIES.items():
        form = _open_form(slack, standin, "USEK", register)
        values = {"hearing_organisation": party, "hearing_received": "2026-12-21"}
        slack.submit("USEK", form, state_values(form, {**values, "hearing_text": text}))
    return _hearing_ids(app_server.app.db)


def test_the_memo_of_a_consultation_with_twelve_answers(
    slack, standin, app_server, clock, sqlite_db
):
    ids = _consultation_with_twelve_answers(slack, standin, app_server, clock)
    internal, industry = ids["internal"], ids["industry"]

    # while the industry consultation is open, the memo is provisional
    slack.command("USEK", "høring notat")
    app_server.deliver()
    upload = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-2]
    provisional = standin.uploaded_file(upload.args["files"][0]["id"]).decode("utf-8")
    assert provisional.startswith("# Foreløbigt høringsnotat\n")
    assert "Høringen er endnu ikke afsluttet." in provisional
    assert "Der er indtil videre modtaget høringssvar fra 5 af de 5 hørte parter." in provisional

    clock.now = INDUSTRY_CLOSES
    app_server.app.run_due_work()

    # the working group: answers without comments, and a reply to one answer
    status = slack.command("UANNE", "høring").json
    for hearing_id, organisation in (
        (internal, "Aalborg Kommune"),
        (internal, "Region Midtjylland"),
        (internal, "Roskilde Kommune"),
        (industry, "Miljømærkning Danmark"),
    ):
        view = _open_form(slack, standin, "UANNE", _treat_button(status, hearing_id, organisation))
        saved = slack.submit("UANNE", view, state_values(view, {"reply_no_comments": "yes"}))
        assert saved.json["response_action"] == "update"
    view = _open_form(
        slack, standin, "UANNE", _treat_button(status, industry, "Rengøringsbranchen")
    )
    refused = slack.submit("UANNE", view, state_values(view, {"reply_decision": "noted"})).json
    assert refused["response_action"] == "errors"
    assert "Skriv arbejdsgruppens bemærkninger" in refused["errors"]["reply_comment"]
    slack.submit(
        "UANNE",
        view,
        state_values(
            view,
            {
                "reply_comment": "Arbejdsgruppen noterer sig opbakningen.",
                "reply_decision": "noted",
            },
        ),
    )
    with sqlite_db.reading() as session:
        replies = {r.organisation: r for r in session.exec(select(HearingReply)).all()}
    assert replies["Roskilde Kommune"].no_comments and replies["Roskilde Kommune"].decision == (
        "noted"
    )
    assert not replies["Rengøringsbranchen"].no_comments

    # the memo's own text: the secretariat's form, refused to the coordinator
    assert "Kun sekretariatet kan udarbejde høringsnotatet." in (
        slack.command("UANNE", "høring notat oplysninger").text
    )
    form = _modal_of(slack, standin, "USEK", "høring notat oplysninger")
    slack.submit(
        "USEK",
        form,
        state_values(
            form,
            {
                "memo_case_number": "2026-04512",
                "memo_introduction": "Udkastet skærper kravene til rengøringsmidler.",
                "memo_other_changes": "Der er foretaget redaktionelle ændringer.",
            },
        ),
    )
    with sqlite_db.reading() as session:
        [details] = session.exec(select(MemoDetails)).all()
    assert (details.case_number, details.unit) == ("2026-04512", "")
    again = _modal_of(slack, standin, "USEK", "høring notat oplysninger")
    assert _initial(again, "memo_case_number") == "2026-04512"

    # themes: the coordinator and the secretariat write them; a member may not
    assert "Kun gruppens tovholder og sekretariatet kan behandle høringssvar." in (
        slack.command("UDITTE", "høring tema ny").text
    )
    assert "Der er intet tema 9." in slack.command("USEK", "høring tema 9").text
    assert "Skriv temaets nummer" in slack.command("USEK", "høring tema fjern x").text
    untitled = _modal_of(slack, standin, "UANNE", "høring tema ny")
    blank = state_values(untitled, {"theme_title": "x", "theme_summary": "Et resumé"})
    blank["theme_title"]["title"]["value"] = "   "  # Slack submits a title of spaces
    refused = slack.submit("UANNE", untitled, blank).json
    assert refused["response_action"] == "errors" and "theme_title" in refused["errors"]
    for user, title, answers, summary, decision, change in (
        (
            "UANNE",
            "Overgangsperiode",
            [(internal, "Aarhus Kommune"), (internal, "Københavns Kommune")],
            "Aarhus Kommune og Københavns Kommune anfører, at der er behov for en "
            "overgangsperiode.",
            "partly",
            "Kravet gælder for udbud fra 1. juli 2027",
        ),
        (
            "USEK",
            "Mærkningsordninger",
            [(internal, "Odense Kommune")],
            "Odense Kommune foreslår, at EU-blomsten accepteres.",
            "accepted",
            "Kravet omfatter både Svanemærket og EU-blomsten",
        ),
        (
            "USEK",
            "Mikrofiberklude",
            [(industry, "Dansk Industri"), (industry, "Servicebranchen")],
            "Dansk Industri og Servicebranchen finder kravet om mikrofiberklude for strengt.",
            "rejected",
            "",
        ),
        (
            "USEK",
            "Dokumentation",
            [(industry, "Dansk Erhverv")],
            "Dansk Erhverv foreslår en leverandørerklæring.",
            "noted",
            "",
        ),
    ):
        form = _modal_of(slack, standin, user, "høring tema ny")
        saved = slack.submit(
            user,
            form,
            state_values(
                form,
                {
                    "theme_title": title,
                    "theme_answers": [f"{h}|{o}" for h, o in answers],
                    "theme_summary": summary,
                    "theme_remarks": f"Arbejdsgruppens bemærkninger om {title.lower()}.",
                    "theme_decision": decision,
                    "theme_change": change,
                },
            ),
        ).json
        assert saved["response_action"] == "update"
        assert f"{title}, er gemt med {len(answers)} høringssvar." in everything_said(saved["view"])

    edit = _modal_of(slack, standin, "UANNE", "høring tema 1")
    assert _initial(edit, "theme_title") == "Overgangsperiode"
    assert [o["value"] for o in _element(edit, "theme_answers")["initial_options"]] == [
        f"{internal}|Aarhus Kommune",
        f"{internal}|Københavns Kommune",
    ]
    slack.submit(
        "UANNE",
        edit,
        state_values(
            edit,
            {
                "theme_answers": [
                    f"{internal}|Aarhus Kommune",
                    f"{internal}|Københavns Kommune",
                    f"{internal}|Vejle Kommune",
                ]
            },
        ),
    )
    listed = slack.command("USEK", "høring tema").text
    assert "1. Overgangsperiode" in listed and "3 høringssvar" in listed
    assert "ikke samlet under et tema: Rengøringsbranchen" in listed
    with sqlite_db.reading() as session:
        themes = session.exec(select(HearingTheme).order_by(HearingTheme.number)).all()
        actions = [a.action for a in session.exec(select(AuditEntry)).all()]
    assert [t.title for t in themes] == [
        "Overgangsperiode",
        "Mærkningsordninger",
        "Mikrofiberklude",
        "Dokumentation",
    ]
    assert actions.count("hearing.theme") == 5 and "hearing.memo_details" in actions

    # the memo, as Markdown and Word
    slack.command("USEK", "høring notat")
    app_server.deliver()
    markdown, word = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][-2:]
    memo = standin.uploaded_file(markdown.args["files"][0]["id"]).decode("utf-8")

    assert memo.startswith(
        "# Høringsnotat\n\n**vedrørende udkast til revideret indkøbsmål for Rengøring**\n\n"
        "Dato: 25. januar 2027\n\nSagsnr.: 2026-04512\n\n"
        "Ansvarlig enhed: Sekretariatet for Partnerskab for Offentlige Grønne Indkøb\n"
    )
    assert [line for line in memo.splitlines() if line.startswith("## ")] == [
        "## 1. Indledning",
        "## 2. Høringen og de modtagne høringssvar",
        "## 3. Hovedindholdet af høringssvarene og arbejdsgruppens bemærkninger",
        "## 4. Ændringer i forhold til høringsudkastet",
        "## 5. Det videre forløb",
        "## Bilag 1. Høringsliste",
        "## Bilag 2. Høringssvarene",
    ]
    assert "Udkastet skærper kravene til rengøringsmidler." in memo
    assert (
        "Udkastet blev den 22. november 2026 sendt i bred intern høring blandt Partnerskabets "
        "medlemsorganisationer med frist for bemærkninger den 21. december 2026." in memo
    )
    assert "Der er modtaget høringssvar fra 7 af de 7 hørte parter." in memo
    assert (
        "Aalborg Kommune, Region Midtjylland og Roskilde Kommune har meddelt, at de ikke har "
        "bemærkninger til udkastet." in memo
    )
    assert "Der er modtaget høringssvar fra 5 af de 5 hørte parter." in memo
    assert "Miljømærkning Danmark har meddelt, at der ikke er bemærkninger til udkastet." in memo
    assert [line for line in memo.splitlines() if line.startswith("### 3.")] == [
        "### 3.1 Overgangsperiode",
        "### 3.2 Mærkningsordninger",
        "### 3.3 Mikrofiberklude",
        "### 3.4 Dokumentation",
        "### 3.5 Øvrige høringssvar",
    ]
    assert "**Høringssvar fra: Aarhus Kommune, Københavns Kommune og Vejle Kommune**" in memo
    assert (
        "Høringssvarene er delvist imødekommet. Udkastet er ændret: Kravet gælder for udbud "
        "fra 1. juli 2027." in memo
    )
    assert "Høringssvaret er imødekommet." in memo
    assert "Høringssvarene er ikke imødekommet og giver ikke anledning til ændringer." in memo
    assert "Arbejdsgruppen tager høringssvaret til efterretning." in memo
    assert "**Rengøringsbranchen**" in memo  # in no theme: its own reply
    assert (
        "- Kravet omfatter både Svanemærket og EU-blomsten (ændret efter høringssvar fra "
        "Odense Kommune)." in memo
    )
    assert "Der er foretaget redaktionelle ændringer." in memo
    assert "Det endelige forslag sendes til styregruppen" in memo
    assert "- Roskilde Kommune – har afgivet høringssvar uden bemærkninger" in memo
    assert len([line for line in memo.splitlines() if line.startswith("#### ")]) == 12
    assert "> Odense Kommune foreslår, at EU-blomsten accepteres.\n>\n> Med venlig hilsen\n" in memo

    document = Document(BytesIO(standin.uploaded_file(word.args["files"][0]["id"])))
    assert document.paragraphs[0].text == "Høringsnotat"
    assert "Med venlig hilsen" in [p.text for p in document.paragraphs if p.style.name == "Quote"]
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language.get(qn("w:val")) == "da-DK"

    removed = slack.command("USEK", "høring tema fjern 4").text
    assert "Tema 4, Dokumentation, er fjernet." in removed
    assert "ikke samlet under et tema: Dansk Erhverv og Rengøringsbranchen" in removed


def _element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    [block] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return block["element"]


def _initial(view: dict[str, Any], block_id: str) -> str | None:
    return _element(view, block_id).get("initial_value")
