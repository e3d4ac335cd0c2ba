"""The consultation memo (``templates/documents/hearing_memo.md.j2``) on a realistic consultation
with 12 answers (``tests/support/examples.py``), checked against what a Danish ministry's
høringsnotat contains: header with date, case number and unit; introduction with when the draft
was sent and the deadline; the answers received, with and without comments, late, and who did
not answer; the answers' main content by theme with the working group's remarks and conclusion;
the changes and other changes; the further course; the list of parties and every answer in full
in annexes. Also while a consultation is still open, in English, and as a Word file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from bot.domain.hearings import Memo, MemoDetails
from bot.presentation.wordfile import markdown_to_docx
from tests.support import examples as ex

SECTIONS = [
    "## 1. Indledning",
    "## 2. Høringen og de modtagne høringssvar",
    "## 3. Hovedindholdet af høringssvarene og arbejdsgruppens bemærkninger",
    "## 4. Ændringer i forhold til høringsudkastet",
    "## 5. Det videre forløb",
    "## Bilag 1. Høringsliste",
    "## Bilag 2. Høringssvarene",
]


def section(document: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of its level or higher."""
    level = heading.split(" ", 1)[0]
    start = document.index(heading)
    ends = [
        document.find("\n" + "#" * n + " ", start + len(heading)) for n in range(1, len(level) + 1)
    ]
    found = [end for end in ends if end != -1]
    return document[start : min(found) if found else None]


def lines_starting(document: str, prefix: str) -> list[str]:
    return [line for line in document.splitlines() if line.startswith(prefix)]


def test_twelve_answers_from_two_consultations():
    memo = ex.memo()

    assert sum(len(hearing.answers) for hearing in memo.hearings) == 12


def test_the_header_has_title_subject_date_case_number_and_unit():
    document = ex.render_memo(ex.memo())

    assert document.startswith(
        "# Høringsnotat\n\n**vedrørende udkast til revideret indkøbsmål for rengøring**\n\n"
        "Dato: 20. april 2027\n\nSagsnr.: 2026-04512\n\n"
        "Ansvarlig enhed: Sekretariatet for Partnerskab for Offentlige Grønne Indkøb, "
        "Miljøstyrelsen\n"
    )
    assert lines_starting(document, "## ") == SECTIONS
    assert "tirsdag" not in document  # a memo's dates carry no weekday


def test_without_details_the_unit_is_the_secretariat_and_the_case_number_is_missing():
    document = ex.render_memo(replace(ex.memo(), details=MemoDetails()))

    assert "Sagsnr.: (ikke angivet)" in document
    assert "Ansvarlig enhed: Sekretariatet for Partnerskab for Offentlige Grønne Indkøb\n" in (
        document
    )
    assert "Der er ikke foretaget øvrige ændringer i udkastet." in document


def test_the_introduction_says_what_was_sent_when_and_with_which_deadline():
    document = section(ex.render_memo(ex.memo()), "## 1. Indledning")

    assert "Indkøbsmålet for rengøring blev vedtaget i 2019." in document  # the secretariat's
    assert (
        "Udkastet til revideret indkøbsmål for rengøring er udarbejdet af arbejdsgruppen for "
        "rengøring med bistand fra sekretariatet" in document
    )
    assert (
        "Udkastet blev den 1. februar 2027 sendt i bred intern høring blandt Partnerskabets "
        "medlemsorganisationer med frist for bemærkninger den 1. marts 2027. "
        "Høringsmaterialet kan findes på https://pogi.dk/hoering/rengoering-udkast.pdf."
    ) in document
    assert (
        "Udkastet blev den 10. marts 2027 sendt i branchehøring med frist for bemærkninger den "
        "7. april 2027."
    ) in document
    assert "endnu ikke afsluttet" not in document


def test_the_answers_received_with_and_without_comments_late_and_missing():
    document = section(ex.render_memo(ex.memo()), "## 2. Høringen")
    internal = section(document, "### 2.1 Den interne høring")
    industry = section(document, "### 2.2 Branchehøringen")

    assert "Der er modtaget høringssvar fra 9 af de 14 hørte parter." in internal
    assert (
        "Høringssvar med bemærkninger er modtaget fra Aarhus Kommune, Esbjerg Kommune, "
        "Københavns Kommune, Odense Kommune, Region Hovedstaden og Vejle Kommune." in internal
    )
    assert (
        "Aalborg Kommune, Gentofte Kommune og Region Midtjylland har meddelt, at de ikke har "
        "bemærkninger til udkastet." in internal
    )
    assert (
        "Følgende har ikke afgivet høringssvar: Herning Kommune, Region Syddanmark, Roskilde "
        "Kommune, Silkeborg Kommune og Økonomistyrelsen." in internal
    )
    assert "Der er modtaget høringssvar fra 3 af de 5 hørte parter." in industry
    assert (
        "Høringssvaret fra Servicebranchen er modtaget efter fristen og er medtaget i notatet."
        in industry
    )
    assert "Følgende har ikke afgivet høringssvar: Dansk Erhverv og Miljømærkning Danmark." in (
        industry
    )
    assert "bilag 1" in document and "bilag 2" in document


def test_the_main_content_is_summarised_by_theme_with_remarks_and_a_conclusion():
    document = section(ex.render_memo(ex.memo()), "## 3. Hovedindholdet")

    assert lines_starting(document, "### ") == [
        "### 3.1 Overgangsperiode",
        "### 3.2 Mærkningsordninger",
        "### 3.3 Dokumentation",
        "### 3.4 Mikrofiberklude",
        "### 3.5 Øvrige høringssvar",
    ]
    transition = section(document, "### 3.1 Overgangsperiode")
    assert (
        "**Høringssvar fra: Aarhus Kommune, Københavns Kommune og Region Hovedstaden**"
        in transition
    )
    assert "Aarhus Kommune, Københavns Kommune og Region Hovedstaden anfører, at" in transition
    assert transition.index("anfører") < transition.index("**Arbejdsgruppens bemærkninger:**")
    assert "Arbejdsgruppen er enig i, at der er behov for en overgangsperiode" in transition
    assert (
        "Høringssvarene er delvist imødekommet. Udkastet er ændret: Kravet gælder for udbud, "
        "der offentliggøres fra 1. juli 2027." in transition
    )
    assert "Høringssvarene er imødekommet." in section(document, "### 3.2")
    assert "Arbejdsgruppen tager høringssvarene til efterretning." in section(document, "### 3.3")
    assert "Høringssvarene er ikke imødekommet og giver ikke anledning til ændringer." in section(
        document, "### 3.4"
    )
    other = section(document, "### 3.5 Øvrige høringssvar")
    assert "**Vejle Kommune**" in other  # an answer no theme summarises, with its own reply
    assert (
        "Arbejdsgruppens bemærkninger: Sekretariatet udarbejder en vejledning om opfølgning, "
        "som offentliggøres sammen med målet." in other
    )
    assert "Høringssvaret er imødekommet." in other
    for without_comments in ("Aalborg Kommune", "Gentofte Kommune", "Region Midtjylland"):
        assert without_comments not in document


def test_the_changes_name_the_answers_and_the_other_changes_follow():
    document = section(ex.render_memo(ex.memo()), "## 4. Ændringer")

    assert lines_starting(section(document, "### 4.1"), "- ") == [
        "- Kravet gælder for udbud, der offentliggøres fra 1. juli 2027 (ændret efter "
        "høringssvar fra Aarhus Kommune, Københavns Kommune og Region Hovedstaden).",
        "- Kravet omfatter både Svanemærket og EU-blomsten (ændret efter høringssvar fra "
        "Esbjerg Kommune og Odense Kommune).",
        "- Målets baggrundstekst henviser til vejledningen om opfølgning (ændret efter "
        "høringssvar fra Vejle Kommune).",
    ]
    assert "Der er foretaget redaktionelle ændringer i målets baggrundstekst" in section(
        document, "### 4.2 Øvrige ændringer"
    )


def test_the_further_course_follows_the_process_unless_the_secretariat_wrote_it():
    after_both = section(ex.render_memo(ex.memo()), "## 5.")
    assert "Det endelige forslag sendes til styregruppen" in after_both
    assert "flertalsafstemning" in after_both and "forårsmødet" in after_both

    internal_only = Memo([ex.internal_hearing()], ex.GOAL)
    assert "hvorefter det sendes i branchehøring" in section(ex.render_memo(internal_only), "## 5.")

    written = replace(ex.memo(), details=MemoDetails(further_course="Mødet den 4. maj."))
    assert section(ex.render_memo(written), "## 5.").strip().endswith("Mødet den 4. maj.")


def test_the_list_of_parties_marks_each_answer():
    annex = section(ex.render_memo(ex.memo()), "## Bilag 1. Høringsliste")

    internal = lines_starting(section(annex, "### Den interne høring"), "- ")
    assert len(internal) == 14
    assert "- Aalborg Kommune – har afgivet høringssvar uden bemærkninger" in internal
    assert "- Aarhus Kommune – har afgivet høringssvar" in internal
    assert "- Herning Kommune – har ikke afgivet høringssvar" in internal
    assert internal[-1] == "- Økonomistyrelsen – har ikke afgivet høringssvar"  # Danish order
    industry = lines_starting(section(annex, "### Branchehøringen"), "- ")
    assert "- Servicebranchen – har afgivet høringssvar (modtaget efter fristen)" in industry


def test_every_answer_is_in_the_annex_in_full_with_its_paragraphs():
    annex = section(ex.render_memo(ex.memo()), "## Bilag 2. Høringssvarene")

    assert len(lines_starting(annex, "#### ")) == 12
    copenhagen = section(annex, "#### Københavns Kommune")
    assert (
        "Modtaget den 26. februar 2027 (version 2; den seneste version gengives). Høringssvaret "
        "med eventuelle bilag: https://www.kk.dk/hoeringssvar-rengoering.pdf" in copenhagen
    )
    assert (
        "> Københavns Kommune bakker op om målet.\n>\n"
        "> 1. Overgangsperioden bør være mindst 12 måneder.\n"
        "> 2. Dokumentationskravet bør kunne opfyldes med en leverandørerklæring.\n>\n"
        "> Med venlig hilsen\n> Indkøbsafdelingen\n"
    ) in copenhagen
    assert "Modtaget den 8. april 2027." in section(annex, "#### Servicebranchen")


def test_a_very_long_answer_is_never_cut():
    long_text = "\n\n".join(f"Afsnit {n}: " + "Lang begrundelse. " * 60 for n in range(18))
    assert len(long_text) > 19_000
    hearing = ex.internal_hearing()
    hearing = replace(
        hearing, answers=[replace(hearing.answers[0], text=long_text), *hearing.answers[1:]]
    )
    document = ex.render_memo(Memo([hearing], ex.GOAL))

    quoted = [line[2:] for line in lines_starting(document, "> ")]
    assert "\n".join(quoted).count("Lang begrundelse.") == 18 * 60
    assert "…" not in document


def test_while_the_industry_consultation_is_open_the_memo_is_provisional():
    document = ex.render_memo(ex.memo(industry_open=True))

    assert document.startswith("# Foreløbigt høringsnotat\n")
    assert "**Notatet er foreløbigt: Høringen er endnu ikke afsluttet" in document
    assert (
        "Udkastet er den 10. marts 2027 sendt i branchehøring med frist for bemærkninger den "
        "7. april 2027. Høringen er endnu ikke afsluttet." in document
    )
    assert "Udkastet blev den 10. marts" not in document
    industry = section(document, "### 2.2 Branchehøringen")
    assert "Der er indtil videre modtaget høringssvar fra 2 af de 5 hørte parter." in industry
    assert "Følgende har endnu ikke afgivet høringssvar:" in industry
    assert "- Servicebranchen – har endnu ikke afgivet høringssvar" in document
    assert "Arbejdsgruppen har endnu ikke taget stilling." in section(document, "### 3.1")
    assert "Arbejdsgruppen har endnu ikke behandlet høringssvaret." in document  # Dansk Industri
    assert "Når høringen er afsluttet, behandler arbejdsgruppen" in section(document, "## 5.")
    # an undecided theme's change is not yet a change to the draft
    assert "1. juli 2027" not in section(document, "## 4.")


def test_a_consultation_without_answers_and_one_closed_early():
    closed_early = replace(
        ex.internal_hearing(), answers=[], closed_at=datetime(2027, 2, 20, 14, 0, tzinfo=UTC)
    )
    document = ex.render_memo(Memo([closed_early], ex.GOAL))

    assert "Der er ikke modtaget høringssvar fra de 14 hørte parter." in document
    assert "Sekretariatet afsluttede høringen før fristen, den 20. februar 2027." in document
    assert "Der er ikke modtaget høringssvar med bemærkninger til udkastet." in document
    assert "Høringen har ikke givet anledning til ændringer." in document
    assert "Høringslisten fremgår af bilag 1" in document

    alone = replace(closed_early, consulted=["Dansk Industri"], kind="industry")
    assert "Der er ikke modtaget høringssvar fra den ene hørte part." in ex.render_memo(
        Memo([alone], ex.GOAL)
    )


def test_the_english_memo_is_a_consultation_memo_in_english():
    document = ex.render_memo(ex.memo(), "en")

    assert document.startswith("# Consultation memo\n")
    assert "Date: 20 April 2027" in document
    assert "with a deadline for comments of 1 March 2027" in document
    assert "## Annex 2. The consultation responses" in document
    assert "The responses were partly accommodated." in document
    # the template's own words; what the secretariat and the parties wrote stays as written
    for danish in (
        "Høringsnotat",
        "Indledning",
        "hørte parter",
        "afgivet høringssvar",
        "frist for bemærkninger",
        "imødekommet",
        "Bilag",
        "Det videre forløb",
        "Modtaget den",
        "februar",
    ):
        assert danish not in document


def test_the_word_memo_has_the_headings_the_verbatim_answers_and_danish_as_its_language():
    document = Document(BytesIO(markdown_to_docx(ex.render_memo(ex.memo()), language="da")))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["1. Indledning", "2. Høringen og de modtagne høringssvar"]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "1. Overgangsperioden bør være mindst 12 måneder." in quotes  # its own line
    assert "Indkøbsafdelingen" in quotes
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language.get(qn("w:val")) == "da-DK"


def test_the_committed_examples_are_what_the_templates_write_now():
    for name, (text, language) in ex.documents().items():
        assert (ex.EXAMPLES / f"{name}.md").read_text(encoding="utf-8") == text, (
            f"docs/examples/{name}.md is stale: run .venv/bin/python -m tests.support.examples"
        )
        word = Document(BytesIO((ex.EXAMPLES / f"{name}.docx").read_bytes()))
        fresh = Document(BytesIO(markdown_to_docx(text, title=name, language=language)))
        assert [p.text for p in word.paragraphs] == [p.text for p in fresh.paragraphs]


def test_what_the_secretariat_wrote_keeps_its_paragraphs_and_lists_and_never_becomes_a_heading():
    written = MemoDetails(
        introduction="# Ikke en overskrift\n\nFørste linje\nanden linje\n\n- punkt et\n- punkt to"
    )
    markdown = ex.render_memo(replace(ex.memo(), details=written))
    introduction = section(markdown, "## 1. Indledning")

    assert "\\# Ikke en overskrift\n\nFørste linje anden linje\n\n- punkt et\n- punkt to\n" in (
        introduction
    )
    document = Document(BytesIO(markdown_to_docx(markdown)))
    shown = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Normal", "# Ikke en overskrift") in shown
    assert ("List Bullet", "punkt to") in shown
