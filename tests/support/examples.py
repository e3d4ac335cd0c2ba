"""A realistic consultation on a revised procurement goal, and the steering group's vote on it:
the data of the example documents in ``docs/examples/`` and of the tests that check the memo and
the decision record against what a Danish ministry files.

Regenerate the examples with ``.venv/bin/python -m tests.support.examples``.

The goal is cleaning (rengøring). The internal consultation ran from Monday 1 February to Monday
1 March 2027 among 14 member organisations, of which 9 answered (3 without comments); the
industry consultation ran from Wednesday 10 March to Wednesday 7 April 2027 among 5 parties, of
which 3 answered, one by e-mail the day after the deadline. Twelve answers in all.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.hearings import (
    AnswerView,
    HearingView,
    Memo,
    MemoDetails,
    ReplyView,
    ThemeView,
)
from bot.domain.votes import RecordEntry, Seat, StatementView, Tally, VoteView
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from bot.presentation.wordfile import markdown_to_docx

ZONE = ZoneInfo("Europe/Copenhagen")
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
GOAL = "rengøring"
MEMO_DAY = datetime(2027, 4, 20, 8, 0, tzinfo=UTC)  # Tuesday 20 April 2027
INTERNAL_ID, INDUSTRY_ID = 11, 12

MEMBERS = [
    "Aalborg Kommune",
    "Aarhus Kommune",
    "Esbjerg Kommune",
    "Gentofte Kommune",
    "Herning Kommune",
    "Københavns Kommune",
    "Odense Kommune",
    "Region Hovedstaden",
    "Region Midtjylland",
    "Region Syddanmark",
    "Roskilde Kommune",
    "Silkeborg Kommune",
    "Vejle Kommune",
    "Økonomistyrelsen",
]
PARTIES = [
    "Dansk Erhverv",
    "Dansk Industri",
    "Miljømærkning Danmark",
    "Rengøringsbranchens Arbejdsgiverforening",
    "Servicebranchen",
]


def _reply(decision: str, comment: str = "", *, change: str = "", reason: str = "") -> ReplyView:
    return ReplyView(comment, decision, reason, change, "USEK", decision == "noted" and not comment)


def _answer(
    organisation: str,
    text: str,
    at: datetime,
    *,
    reply: ReplyView | None = None,
    version: int = 1,
    received_on: date | None = None,
    url: str = "",
) -> AnswerView:
    return AnswerView(organisation, text, url, version, "UX", received_on, at, reply)


NO_COMMENTS = _reply("noted")

INTERNAL_ANSWERS = [
    _answer(
        "Aarhus Kommune",
        "Aarhus Kommune støtter det reviderede indkøbsmål.\n\n"
        "Vi foreslår dog, at kravet om svanemærkede rengøringsmidler først gælder fra "
        "1. januar 2028, så igangværende kontrakter kan udløbe. Vores nuværende kontrakt "
        "løber til udgangen af 2027.",
        datetime(2027, 2, 22, 13, 5, tzinfo=UTC),
        reply=_reply("partly", "Se temaet om overgangsperiode."),
    ),
    _answer(
        "Aalborg Kommune",
        "Aalborg Kommune har ingen bemærkninger.",
        datetime(2027, 2, 3, 9, 0, tzinfo=UTC),
        reply=NO_COMMENTS,
    ),
    _answer(
        "Esbjerg Kommune",
        "Esbjerg Kommune finder, at målet bør give mulighed for at anvende EU-blomsten som "
        "alternativ til Svanemærket.",
        datetime(2027, 2, 25, 10, 30, tzinfo=UTC),
    ),
    _answer(
        "Gentofte Kommune",
        "Ingen bemærkninger.",
        datetime(2027, 2, 4, 14, 0, tzinfo=UTC),
        reply=NO_COMMENTS,
    ),
    _answer(
        "Københavns Kommune",
        "Københavns Kommune bakker op om målet.\n\n"
        "1. Overgangsperioden bør være mindst 12 måneder.\n"
        "2. Dokumentationskravet bør kunne opfyldes med en leverandørerklæring.\n\n"
        "Med venlig hilsen\nIndkøbsafdelingen",
        datetime(2027, 2, 26, 15, 45, tzinfo=UTC),
        version=2,
        url="https://www.kk.dk/hoeringssvar-rengoering.pdf",
    ),
    _answer(
        "Odense Kommune",
        "Vi foreslår, at både Svanemærket og EU-blomsten accepteres som dokumentation.",
        datetime(2027, 2, 18, 8, 15, tzinfo=UTC),
    ),
    _answer(
        "Region Hovedstaden",
        "Regionen ønsker en overgangsperiode, da flere hospitaler har langvarige "
        "serviceaftaler om rengøring.",
        datetime(2027, 2, 27, 11, 0, tzinfo=UTC),
    ),
    _answer(
        "Region Midtjylland",
        "Region Midtjylland har ikke bemærkninger til udkastet.",
        datetime(2027, 2, 10, 7, 50, tzinfo=UTC),
        reply=NO_COMMENTS,
    ),
    _answer(
        "Vejle Kommune",
        "Vejle Kommune støtter målet og foreslår, at sekretariatet udarbejder en vejledning "
        "om opfølgning på kravene i kontraktperioden.",
        datetime(2027, 2, 24, 12, 0, tzinfo=UTC),
        reply=_reply(
            "accepted",
            "Sekretariatet udarbejder en vejledning om opfølgning, som offentliggøres sammen "
            "med målet",
            change="Målets baggrundstekst henviser til vejledningen om opfølgning",
        ),
    ),
]
INDUSTRY_ANSWERS = [
    _answer(
        "Dansk Industri",
        "DI anerkender ambitionen, men fristen for overgangen til mikrofiberklude er "
        "urealistisk for mange mindre leverandører.",
        datetime(2027, 4, 6, 9, 0, tzinfo=UTC),
        received_on=date(2027, 4, 6),
    ),
    _answer(
        "Rengøringsbranchens Arbejdsgiverforening",
        "Foreningen støtter kravet om miljømærkede midler, men opfordrer til, at "
        "dokumentationen kan ske ved en erklæring fra leverandøren.",
        datetime(2027, 4, 7, 10, 0, tzinfo=UTC),
        received_on=date(2027, 4, 7),
    ),
    _answer(
        "Servicebranchen",
        "Servicebranchen foreslår, at kravet om mikrofiberklude udgår, da der ikke findes "
        "tilstrækkelig dokumentation for miljøeffekten.",
        datetime(2027, 4, 8, 13, 30, tzinfo=UTC),
        received_on=date(2027, 4, 8),  # the day after the deadline
    ),
]

THEMES = [
    ThemeView(
        1,
        "Overgangsperiode",
        "Aarhus Kommune, Københavns Kommune og Region Hovedstaden anfører, at der er behov for "
        "en overgangsperiode, så igangværende kontrakter kan udløbe. Københavns Kommune "
        "foreslår mindst 12 måneder.",
        "Arbejdsgruppen er enig i, at der er behov for en overgangsperiode, men finder ikke, at "
        "den bør være så lang som foreslået, da målet gælder nye udbud.",
        "partly",
        "Kravet gælder for udbud, der offentliggøres fra 1. juli 2027",
        (
            (INTERNAL_ID, "Aarhus Kommune"),
            (INTERNAL_ID, "Københavns Kommune"),
            (INTERNAL_ID, "Region Hovedstaden"),
        ),
    ),
    ThemeView(
        2,
        "Mærkningsordninger",
        "Esbjerg Kommune og Odense Kommune foreslår, at EU-blomsten accepteres på lige fod med "
        "Svanemærket.",
        "EU-blomsten stiller tilsvarende krav til indholdsstoffer. Arbejdsgruppen imødekommer "
        "forslaget.",
        "accepted",
        "Kravet omfatter både Svanemærket og EU-blomsten",
        ((INTERNAL_ID, "Esbjerg Kommune"), (INTERNAL_ID, "Odense Kommune")),
    ),
    ThemeView(
        3,
        "Dokumentation",
        "Københavns Kommune og Rengøringsbranchens Arbejdsgiverforening foreslår, at "
        "dokumentationskravet kan opfyldes med en leverandørerklæring.",
        "Et miljømærke er den mest sikre dokumentation, og en leverandørerklæring kan ikke "
        "kontrolleres på samme måde. Leverandører uden mærke kan fortsat dokumentere "
        "overholdelse af de enkelte krav ved testrapporter.",
        "noted",
        "",
        (
            (INTERNAL_ID, "Københavns Kommune"),
            (INDUSTRY_ID, "Rengøringsbranchens Arbejdsgiverforening"),
        ),
    ),
    ThemeView(
        4,
        "Mikrofiberklude",
        "Dansk Industri finder fristen for overgangen til mikrofiberklude urealistisk, og "
        "Servicebranchen foreslår, at kravet udgår.",
        "Flere leverandører kan allerede i dag levere mikrofiberklude, og kravet er en central "
        "del af målets miljøeffekt.",
        "rejected",
        "",
        ((INDUSTRY_ID, "Dansk Industri"), (INDUSTRY_ID, "Servicebranchen")),
    ),
]

DETAILS = MemoDetails(
    case_number="2026-04512",
    unit="Sekretariatet for Partnerskab for Offentlige Grønne Indkøb, Miljøstyrelsen",
    introduction="Indkøbsmålet for rengøring blev vedtaget i 2019. Udkastet skærper kravene til "
    "rengøringsmidler, indfører krav om mikrofiberklude og stiller krav om dokumentation og "
    "opfølgning i kontraktperioden.",
    other_changes="Der er foretaget redaktionelle ændringer i målets baggrundstekst, og "
    "eksemplerne på udbudsformuleringer er opdateret.",
)


def internal_hearing(*, open_: bool = False) -> HearingView:
    return HearingView(
        id=INTERNAL_ID,
        revision_id=3,
        goal=GOAL,
        channel_id="CGROUP",
        kind="internal",
        deadline=datetime(2027, 3, 1, 11, 0, tzinfo=UTC),
        url="https://pogi.dk/hoering/rengoering-udkast.pdf",
        status="open" if open_ else "closed",
        opened_at=datetime(2027, 2, 1, 9, 0, tzinfo=UTC),
        closed_at=None if open_ else datetime(2027, 3, 1, 11, 0, tzinfo=UTC),
        consulted=list(MEMBERS),
        answers=sorted(INTERNAL_ANSWERS, key=lambda a: a.organisation),
    )


def industry_hearing(*, open_: bool = False) -> HearingView:
    return HearingView(
        id=INDUSTRY_ID,
        revision_id=3,
        goal=GOAL,
        channel_id="CGROUP",
        kind="industry",
        deadline=datetime(2027, 4, 7, 21, 59, tzinfo=UTC),  # kl. 23.59
        url="https://pogi.dk/hoering/rengoering-branche.pdf",
        status="open" if open_ else "closed",
        opened_at=datetime(2027, 3, 10, 9, 0, tzinfo=UTC),
        closed_at=None if open_ else datetime(2027, 4, 7, 21, 59, tzinfo=UTC),
        consulted=list(PARTIES),
        answers=list(INDUSTRY_ANSWERS if not open_ else INDUSTRY_ANSWERS[:2]),
    )


def memo(*, industry_open: bool = False) -> Memo:
    """The memo after both consultations (or while the industry one is still open)."""
    return Memo(
        [internal_hearing(), industry_hearing(open_=industry_open)],
        GOAL,
        DETAILS,
        list(THEMES) if not industry_open else [replace(t, decision="") for t in THEMES[:3]],
    )


def render_memo(memo_: Memo, language: str = "da") -> str:
    return Renderer().document(
        "hearing_memo.md",
        translator=Translator(language, ZONE),
        zone=ZONE,
        memo=memo_,
        now=MEMO_DAY,
    )


# -- the steering group's vote on the goal, at the spring meeting ----------------------------

RECORD_DAY = datetime(2027, 5, 18, 8, 0, tzinfo=UTC)  # Tuesday 18 May 2027
MEETING = (datetime(2027, 5, 11, 11, 0, tzinfo=UTC), datetime(2027, 5, 11, 13, 0, tzinfo=UTC))
STEERING_NAMES = {
    "UAAR": "Anne Lund",
    "UKBH": "Karen Holm",
    "UODE": "Ole Dam",
    "UODE2": "Pia Sand",  # Odense's deputy
    "UREGH": "Rikke Berg",
    "UREGM": "Mads Kjær",
    "UVEJ": "Vera Frost",
    "UOKO": "Emil Bro",
    "USEK": "Sofie Holm",
}
SEATS = [
    Seat("Aarhus Kommune", "for", "UAAR", "given", cast_as="member"),
    Seat("Esbjerg Kommune", None, None, None),
    Seat("Københavns Kommune", "for", "UKBH", "given", cast_as="member"),
    Seat("Odense Kommune", "for", "UODE2", "given", cast_as="deputy"),
    Seat("Region Hovedstaden", "abstain", "UREGH", "pending", cast_as="member"),
    Seat("Region Midtjylland", "for", "UREGM", None, cast_as="member"),
    Seat("Silkeborg Kommune", None, None, None),
    Seat("Vejle Kommune", "against", "UVEJ", None, cast_as="member"),
    Seat("Økonomistyrelsen", "for", "UOKO", None, cast_as="member"),
]
ATTENDANCE = [
    "Aarhus Kommune",
    "Københavns Kommune",
    "Odense Kommune",
    "Region Hovedstaden",
    "Region Midtjylland",
    "Vejle Kommune",
    "Økonomistyrelsen",
]


def closed_vote(seats: list[Seat] = SEATS, *, quorum: float = 0.5) -> VoteView:
    """The vote on the goal, closed when the spring meeting ended, counted as pogi counts."""
    tally = Tally(seats, quorum)
    result = {
        "counts": tally.counts,
        "seats_total": len(seats),
        "voted": tally.voted,
        "quorum_needed": tally.quorum_needed,
        "quorum": tally.quorum,
        "passed": tally.passed,
        "seats": [
            {
                "organisation": s.organisation,
                "choice": s.choice,
                "voter": s.voter,
                "approval": s.approval,
                "cast_as": s.cast_as,
            }
            for s in seats
        ],
    }
    return VoteView(
        id=7,
        channel_id="CSTEER",
        kind="goal",
        title=GOAL,
        proposal="https://pogi.dk/styregruppe/rengoering-endeligt-forslag.pdf",
        status="closed",
        opened_at=datetime(2027, 5, 4, 7, 30, tzinfo=UTC),
        closes_at=MEETING[1],
        override_reason=None,
        meeting_number=3,
        meeting_span=MEETING,
        message_ts="1.2",
        tally=tally,
        closed_at=datetime(2027, 5, 11, 13, 0, 40, tzinfo=UTC),
        result=result,
        opens_at=MEETING[0],
    )


def record_entries(*, vote: VoteView | None = None) -> list[RecordEntry]:
    return [
        RecordEntry(
            vote or closed_vote(),
            "USEK",
            "pogi",
            list(ATTENDANCE),
            [
                StatementView(
                    "Vejle Kommune",
                    "Vejle Kommune kan ikke støtte kravet om mikrofiberklude, før der foreligger "
                    "dokumentation for miljøeffekten.",
                    "UVEJ",
                    datetime(2027, 5, 11, 13, 20, tzinfo=UTC),
                )
            ],
        )
    ]


def render_record(entries: list[RecordEntry], language: str = "da") -> str:
    return Renderer().document(
        "vote_protocol.md",
        translator=Translator(language, ZONE),
        zone=ZONE,
        entries=entries,
        names=STEERING_NAMES,
        now=RECORD_DAY,
    )


def documents() -> dict[str, tuple[str, str]]:
    """Each example's file name (without extension) → its Markdown and language."""
    return {
        "hoeringsnotat": (render_memo(memo(), "da"), "da"),
        "hoeringsnotat-foreloebigt": (render_memo(memo(industry_open=True), "da"), "da"),
        "consultation-memo": (render_memo(memo(), "en"), "en"),
        "afstemningsprotokol": (render_record(record_entries(), "da"), "da"),
        "decision-record": (render_record(record_entries(), "en"), "en"),
    }


def main() -> int:
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    for name, (text, language) in documents().items():
        (EXAMPLES / f"{name}.md").write_text(text, encoding="utf-8")
        word = markdown_to_docx(text, title=name, language=language)
        (EXAMPLES / f"{name}.docx").write_bytes(word)
    print(f"written to {EXAMPLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
