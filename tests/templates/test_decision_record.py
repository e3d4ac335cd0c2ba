"""The decision record (``templates/documents/vote_protocol.md.j2``) on the steering group's vote
on the goal after the consultation of ``tests/support/examples.py``: what the group was asked,
what it decided as a sentence, the voting rule and quorum, who attended, whether the member or
the deputy cast each seat's ballot, and the statements recorded; the other outcomes; English."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from docx import Document

from bot.domain.votes import Seat
from bot.presentation.wordfile import markdown_to_docx
from tests.support import examples as ex


def part(document: str, label: str) -> str:
    """The paragraph(s) under ``**label**`` up to the next bold label."""
    start = document.index(f"**{label}**") + len(label) + 4
    end = document.find("\n**", start)
    return document[start : end if end != -1 else None].strip()


def record(seats: list[Seat] = ex.SEATS, **changes: object) -> str:
    entry = replace(ex.record_entries(vote=ex.closed_vote(seats))[0], **changes)
    return ex.render_record([entry])


def test_the_record_says_what_was_asked_and_what_was_decided_as_a_sentence():
    document = ex.render_record(ex.record_entries())

    assert document.startswith("# Afstemningsprotokol for styregruppen\n\nDannet tirsdag den 18.")
    assert "## 1. Indkøbsmålet for rengøring" in document
    assert part(document, "Indstilling") == (
        "Styregruppen blev bedt om at tage stilling til, om indkøbsmålet for rengøring kan "
        "godkendes. Forslaget, der blev stemt om: "
        "https://pogi.dk/styregruppe/rengoering-endeligt-forslag.pdf"
    )
    assert part(document, "Beslutning") == (
        "Styregruppen godkendte indkøbsmålet for rengøring med 5 stemmer for og 1 imod. "
        "1 organisation undlod at stemme."
    )


def test_the_voting_rule_and_the_quorum_are_stated():
    rule = part(ex.render_record(ex.record_entries()), "Afstemningsregel")

    assert "Hver organisation i styregruppen har én stemme" in rule
    assert "når flere stemmer for end imod; ved stemmelighed er det ikke godkendt" in rule
    assert "beslutningsdygtig, når mindst 5 af de 9 pladser stemmer." in rule


def test_the_proceedings_say_when_the_vote_opened_and_that_it_closed_with_the_meeting():
    proceedings = part(ex.render_record(ex.record_entries()), "Forløb")

    assert proceedings.splitlines() == [
        "- Møde: styregruppemødet tirsdag den 11. maj 2027 kl. 13.00–15.00",
        "- Åbnet tirsdag den 4. maj 2027 kl. 9.30 af Sofie Holm",
        # closed by pogi 40 seconds after the meeting ended: the record gives the meeting's end
        "- Lukket ved mødets afslutning tirsdag den 11. maj 2027 kl. 15.00",
    ]


def test_attendance_and_who_cast_each_seats_ballot():
    attendance = part(ex.render_record(ex.record_entries()), "Deltagere")

    assert attendance.startswith(
        "Til stede ifølge mødets referat: Aarhus Kommune, Københavns Kommune, Odense Kommune, "
        "Region Hovedstaden, Region Midtjylland, Vejle Kommune og Økonomistyrelsen. "
        "Afbud eller fravær: Esbjerg Kommune og Silkeborg Kommune."
    )
    rows = [line for line in attendance.splitlines() if line.startswith("| ")]
    assert (
        rows[0] == "| Organisation | Stemme | Afgivet af | Som | Intern godkendelse | Begrundelse |"
    )
    assert "| Odense Kommune | For | Pia Sand | suppleant | givet | – |" in rows
    assert "| Aarhus Kommune | For | Anne Lund | medlem | givet | – |" in rows
    assert "| Region Hovedstaden | Undlod at stemme | Rikke Berg | medlem | afventer | – |" in rows
    assert "| Esbjerg Kommune | Stemte ikke | – | – | – | – |" in rows
    assert "| Vejle Kommune | Imod | Vera Frost | medlem | – | – |" in rows
    assert len(rows) == 2 + 9

    without_minutes = part(record(attendance=None), "Deltagere")
    assert without_minutes.startswith("Der er ikke skrevet referat med deltagere")


def test_a_dissent_is_recorded_under_the_organisations_name():
    statements = part(ex.render_record(ex.record_entries()), "Protokoltilførsler")

    assert statements == (
        "- Vejle Kommune ønskede følgende ført til protokollen: Vejle Kommune kan ikke støtte "
        "kravet om mikrofiberklude, før der foreligger dokumentation for miljøeffekten."
    )
    assert part(record(statements=[]), "Protokoltilførsler") == "Ingen."


def test_a_tie_and_a_group_that_is_not_quorate_are_not_approved():
    tie = [
        Seat("Aarhus Kommune", "for", "UAAR", None, cast_as="member"),
        Seat("Vejle Kommune", "against", "UVEJ", None, cast_as="member"),
        Seat("Odense Kommune", "abstain", "UODE", None, cast_as="member"),
    ]
    assert part(record(tie), "Beslutning") == (
        "Styregruppen godkendte ikke indkøbsmålet for rengøring, da der ikke var flere stemmer "
        "for end imod: 1 stemme for og 1 imod. 1 organisation undlod at stemme."
    )
    few = [*ex.SEATS[:3], *[replace(s, choice=None, voter=None) for s in ex.SEATS[3:]]]
    assert part(record(few), "Beslutning") == (
        "Styregruppen var ikke beslutningsdygtig: Kun 2 af 9 pladser stemte, og der skal mindst "
        "5 til. Forslaget er derfor ikke godkendt."
    )


def test_a_vote_without_a_meeting_gives_its_reason_and_who_closed_it():
    vote = replace(
        ex.closed_vote(), meeting_span=None, meeting_number=None, override_reason="Det haster."
    )
    entry = replace(ex.record_entries(vote=vote)[0], closed_by="USEK", attendance=None)
    proceedings = part(ex.render_record([entry]), "Forløb")

    assert "- Møde: ingen, afstemningen foregik uden et styregruppemøde" in proceedings
    assert "- Lukket tirsdag den 11. maj 2027 kl. 15.00 af Sofie Holm" in proceedings
    assert "- Begrundelse for afstemning uden styregruppemøde: Det haster." in proceedings


def test_no_closed_votes_yet():
    assert "Der er endnu ingen lukkede afstemninger." in ex.render_record([])


def test_the_english_record_is_in_english_and_says_approved():
    document = ex.render_record(ex.record_entries(), "en")

    assert document.startswith("# Voting record of the steering group\n")
    assert (
        "The steering group approved the procurement goal for rengøring with 5 votes in favour "
        "and 1 against. 1 organisation abstained." in document
    )
    assert "| Odense Kommune | Yes | Pia Sand | deputy | given |" in document
    assert "asked for the following to be entered in the record" in document
    for danish in ("Indstilling", "godkendte", "Stemte ikke", "suppleant", "Protokoltilførsler"):
        assert danish not in document


def test_the_record_opens_in_word_with_its_table():
    document = Document(BytesIO(markdown_to_docx(ex.render_record(ex.record_entries()))))

    [table] = document.tables
    assert [cell.text for cell in table.rows[4].cells] == [
        "Odense Kommune",
        "For",
        "Pia Sand",
        "suppleant",
        "givet",
        "–",
    ]
