"""The consultation memo (``templates/documents/hearing_memo.md.j2``), rendered from plain
domain values: the hearing period, the consulted parties with whether they answered, each
answer with the working group's comment and decision, and the changes to the goal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain.hearings import AnswerView, HearingView, Memo, ReplyView
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer

ZONE = ZoneInfo("Europe/Copenhagen")
RENDERER = Renderer()
MEMO_DAY = datetime(2027, 1, 26, 9, 0, tzinfo=UTC)  # Tuesday 26 January 2027
INTERNAL_MEMBERS = [
    "Vejle Kommune",
    "Aarhus Kommune",
    "odense Kommune",
    "Københavns Kommune",
    "Aalborg Kommune",
]
INDUSTRY_PARTIES = ["Rengøringsbranchen", "Dansk Industri", "Dansk Erhverv"]


def reply(decision: str, comment: str, *, reason: str = "", change: str = "") -> ReplyView:
    return ReplyView(comment, decision, reason, change, "UANNE")


def answer(
    organisation: str,
    text: str,
    *,
    url: str = "",
    version: int = 1,
    received_on: date | None = None,
    treated: ReplyView | None = None,
) -> AnswerView:
    return AnswerView(
        organisation,
        text,
        url,
        version,
        "UX",
        received_on,
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        treated,
    )


def hearing(
    kind: str,
    *,
    opened: datetime,
    deadline: datetime,
    consulted: list[str],
    answers: list[AnswerView],
    url: str = "",
    closed: datetime | None = None,
) -> HearingView:
    return HearingView(
        id=1 if kind == "internal" else 2,
        revision_id=1,
        goal="Rengøring",
        channel_id="CGROUP",
        kind=kind,
        deadline=deadline,
        url=url,
        status="closed",
        opened_at=opened,
        closed_at=closed or deadline,
        consulted=consulted,
        answers=sorted(answers, key=lambda a: a.organisation.lower()),
    )


def internal(
    *answers: AnswerView, consulted: list[str] = INTERNAL_MEMBERS, closed: datetime | None = None
) -> HearingView:
    # Sunday 22 November 2026 kl. 12.00 to Monday 21 December 2026 kl. 12.00: 29 days
    return hearing(
        "internal",
        opened=datetime(2026, 11, 22, 11, 0, tzinfo=UTC),
        deadline=datetime(2026, 12, 21, 11, 0, tzinfo=UTC),
        consulted=consulted,
        answers=list(answers),
        url="https://pogi.dk/udkast-rengoering",
        closed=closed,
    )


def industry(*answers: AnswerView, consulted: list[str] = INDUSTRY_PARTIES) -> HearingView:
    # Tuesday 22 December 2026 kl. 09.30 to Friday 15 January 2027 kl. 23.59: 24 days
    return hearing(
        "industry",
        opened=datetime(2026, 12, 22, 8, 30, tzinfo=UTC),
        deadline=datetime(2027, 1, 15, 22, 59, tzinfo=UTC),
        consulted=consulted,
        answers=list(answers),
    )


def render(*hearings: HearingView, language: str = "da") -> str:
    return RENDERER.document(
        "hearing_memo.md",
        translator=Translator(language, ZONE),
        zone=ZONE,
        memo=Memo(list(hearings), "Rengøring"),
        now=MEMO_DAY,
    )


def full_memo(language: str = "da") -> str:
    return render(
        internal(
            answer(
                "odense Kommune",
                "Kravet om Svanemærket rengøringsmiddel er for strengt.\nVi foreslår EU-blomsten.",
                url="https://odense.dk/hoeringssvar.pdf",
                version=2,
                treated=reply(
                    "partly",
                    "Arbejdsgruppen er enig i, at begge mærker kan bruges.",
                    reason="EU-blomsten stiller tilsvarende krav til indholdsstoffer",
                    change="Kravet omfatter nu både Svanemærket og EU-blomsten.",
                ),
            ),
            answer(
                "Aarhus Kommune",
                "Vi støtter målet.",
                treated=reply("accepted", "Arbejdsgruppen noterer sig opbakningen."),
            ),
        ),
        industry(
            answer(
                "Dansk Industri",
                "Fristen for mikrofiberklude er urealistisk.",
                received_on=date(2027, 1, 14),
                treated=reply(
                    "rejected",
                    "Arbejdsgruppen fastholder fristen.",
                    reason="Flere leverandører kan allerede levere i dag",
                ),
            ),
            answer("Rengøringsbranchen", "Ingen bemærkninger."),
        ),
        language=language,
    )


def section(document: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``## `` heading."""
    start = document.index(heading)
    end = document.find("\n## ", start + len(heading))
    return document[start : end if end != -1 else None]


def lines_starting(document: str, prefix: str) -> list[str]:
    return [line for line in document.splitlines() if line.startswith(prefix)]


# -- structure -------------------------------------------------------------------------------


def test_the_memo_has_a_title_and_its_four_sections_in_order():
    document = full_memo()

    assert document.startswith("# Høringsnotat\n")
    assert "**Revision af indkøbsmålet for Rengøring**" in document
    assert "Partnerskab for Offentlige Grønne Indkøb · tirsdag den 26. januar 2027" in document
    assert lines_starting(document, "## ") == [
        "## 1. Høringen",
        "## 2. Hørte parter",
        "## 3. Høringssvar og arbejdsgruppens bemærkninger",
        "## 4. Ændringer i indkøbsmålet som følge af høringen",
    ]


def test_the_hearing_period_has_its_dates_its_number_of_days_and_the_count_of_answers():
    document = section(full_memo(), "## 1. Høringen")

    assert (
        "Udkastet til revideret indkøbsmål har været i bred intern høring blandt Partnerskabets "
        "medlemmer fra søndag den 22. november 2026 til mandag den 21. december 2026 (29 dage)."
    ) in document
    assert "Høringsmaterialet findes her: https://pogi.dk/udkast-rengoering" in document
    assert (
        "Udkastet har derefter været i branchehøring fra tirsdag den 22. december 2026 til "
        "fredag den 15. januar 2027 (24 dage)."
    ) in document
    assert "Der er modtaget 2 høringssvar fra i alt 5 hørte parter." in document
    assert "Der er modtaget 2 høringssvar fra i alt 3 hørte parter." in document
    assert document.index("bred intern høring") < document.index("branchehøring fra")


def test_the_consulted_parties_are_alphabetical_and_marked_with_whether_they_answered():
    document = section(full_memo(), "## 2. Hørte parter")

    internal_part = document[
        document.index("### Intern høring") : document.index("### Branchehøring")
    ]
    industry_part = document[document.index("### Branchehøring") :]
    assert lines_starting(internal_part, "- ") == [
        "- Aalborg Kommune – har ikke afgivet høringssvar",
        "- Aarhus Kommune – har afgivet høringssvar",
        "- Københavns Kommune – har ikke afgivet høringssvar",
        "- odense Kommune – har afgivet høringssvar",
        "- Vejle Kommune – har ikke afgivet høringssvar",
    ]
    assert lines_starting(industry_part, "- ") == [
        "- Dansk Erhverv – har ikke afgivet høringssvar",
        "- Dansk Industri – har afgivet høringssvar",
        "- Rengøringsbranchen – har afgivet høringssvar",
    ]


def test_each_answer_has_its_organisation_text_comment_and_decision():
    document = section(full_memo(), "## 3. Høringssvar")

    assert lines_starting(document, "### ") == [
        "### 3.1 Aarhus Kommune",
        "### 3.2 odense Kommune",
        "### 3.3 Dansk Industri (branchehøring)",
        "### 3.4 Rengøringsbranchen (branchehøring)",
    ]
    odense = document[document.index("### 3.2") : document.index("### 3.3")]
    assert (
        "**Høringssvar**: Kravet om Svanemærket rengøringsmiddel er for strengt. "
        "Vi foreslår EU-blomsten."
    ) in odense
    assert "Det fulde svar: https://odense.dk/hoeringssvar.pdf" in odense
    assert (
        "**Arbejdsgruppens bemærkning**: Arbejdsgruppen er enig i, at begge mærker kan bruges."
    ) in odense
    assert (
        "**Beslutning**: Delvist imødekommet. "
        "EU-blomsten stiller tilsvarende krav til indholdsstoffer"
    ) in odense

    aarhus = document[document.index("### 3.1") : document.index("### 3.2")]
    assert "**Beslutning**: Imødekommet" in aarhus
    assert "Det fulde svar" not in aarhus

    industry_answer = document[document.index("### 3.3") : document.index("### 3.4")]
    assert "**Høringssvar** (modtaget torsdag den 14. januar 2027): " in industry_answer
    assert "**Arbejdsgruppens bemærkning**: Arbejdsgruppen fastholder fristen." in industry_answer
    assert (
        "**Beslutning**: Ikke imødekommet. Flere leverandører kan allerede levere i dag"
    ) in industry_answer

    untreated = document[document.index("### 3.4") :]
    assert "**Arbejdsgruppens bemærkning**: Svaret er ikke behandlet endnu." in untreated
    assert "**Beslutning**: Ikke behandlet endnu" in untreated


def test_the_changes_to_the_goal_name_the_answer_they_came_from():
    document = section(full_memo(), "## 4. Ændringer")

    assert lines_starting(document, "- ") == [
        "- Kravet omfatter nu både Svanemærket og EU-blomsten. "
        "(efter høringssvar fra odense Kommune)"
    ]


def test_a_hearing_without_answers_or_changes_says_so():
    document = render(internal())

    assert "Der er modtaget 0 høringssvar fra i alt 5 hørte parter." in document
    assert "Der er ikke modtaget høringssvar." in section(document, "## 3.")
    assert "Høringen har ikke givet anledning til ændringer i indkøbsmålet." in section(
        document, "## 4."
    )
    assert lines_starting(section(document, "## 2."), "- ") == [
        f"- {name} – har ikke afgivet høringssvar"
        for name in (
            "Aalborg Kommune",
            "Aarhus Kommune",
            "Københavns Kommune",
            "odense Kommune",
            "Vejle Kommune",
        )
    ]
    assert "### Branchehøring" not in document


def test_a_very_long_answer_is_shortened_in_the_memo_and_the_link_gives_the_rest():
    long_text = "Lang begrundelse. " * 200  # 3,600 characters
    document = render(internal(answer("Vejle Kommune", long_text, url="https://vejle.dk/svar")))

    [line] = lines_starting(document, "**Høringssvar**")
    assert line.endswith(" …")
    assert len(line) <= len("**Høringssvar**: ") + 1200
    assert "Det fulde svar: https://vejle.dk/svar" in document


def test_the_danish_memo_has_danish_dates_only():
    document = full_memo()

    for english in ("Monday", "Sunday", "Tuesday", "December", "January"):
        assert english not in document


# -- Danish order, an early close, English ---------------------------------------------------


def test_the_parties_follow_danish_alphabetical_order():
    document = render(
        internal(
            consulted=[
                "Åkande Rengøring ApS",
                "Økologisk Landsforening",
                "Ærø Kommune",
                "Dansk Industri",
            ]
        )
    )

    assert [line.split(" – ")[0] for line in lines_starting(section(document, "## 2."), "- ")] == [
        "- Dansk Industri",
        "- Ærø Kommune",
        "- Økologisk Landsforening",
        "- Åkande Rengøring ApS",
    ]


def test_a_hearing_closed_early_reports_the_period_it_actually_ran():
    # closed Tuesday 1 December 2026, deadline Monday 21 December 2026
    document = render(internal(closed=datetime(2026, 12, 1, 14, 0, tzinfo=UTC)))

    assert "til tirsdag den 1. december 2026 (9 dage)" in document


def test_an_english_memo_is_in_english_with_english_dates():
    document = full_memo("en")

    english = Translator("en", ZONE)
    assert document.startswith(f"# {english('Høringsnotat')}\n")
    assert "from Sunday 22 November 2026 to Monday 21 December 2026 (29 days)" in document
    assert "Thursday 14 January 2027" in document  # the day an e-mailed answer came
    for danish in (
        "Høringsnotat",
        "Hørte parter",
        "har afgivet høringssvar",
        "Beslutning",
        "Arbejdsgruppens bemærkning",
        "dage)",
        "søndag",
        "januar",
    ):
        assert danish not in document
