"""Hearing rounds (``bot.domain.hearings``) on SQLite and PostgreSQL: opening, answers and their
versions, the order of the rounds, the consulted parties, the working group's replies, closing,
and what the memo is made of.

Now is Sunday 22 November 2026, 12.00 in Copenhagen (``NOW``).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from bot.domain import hearings, revisions
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.people import Actor
from storage.database import Database
from storage.tables import HearingAnswer, OutboxMessage
from tests.support.factories import (
    GROUP_CHANNEL,
    NOW,
    OTHER_CHANNEL,
    actor,
    audit_log,
    load_roster,
    move_on,
    person,
    said,
    start_revision,
)

ZONE = ZoneInfo("Europe/Copenhagen")
REMINDERS = (timedelta(days=7), timedelta(days=2))
# Monday 21 December 2026 kl. 12.00 in Copenhagen: 29 days away, no short-notice warning.
DEADLINE = datetime(2026, 12, 21, 11, 0, tzinfo=UTC)
MEMBER_ORGANISATIONS = [
    "Aalborg Kommune",
    "Aarhus Kommune",
    "Københavns Kommune",
    "Odense Kommune",
    "Region Midtjylland",
    "Roskilde Kommune",
    "Vejle Kommune",
]
CONTACTS = {"UANNE", "UCARL", "UDITTE", "UEMIL", "UFRIDA", "UGUSTAV", "UJOHN", "UMEMB"}


def _ready(db: Database) -> revisions.RevisionView:
    load_roster(db)
    return start_revision(db, coordinator="UANNE", at="intern-hoering")


def _propose(
    db: Database,
    text: str,
    *,
    url: str = "",
    kind: str = hearings.INTERNAL,
    user: str = "USEK",
    now: datetime = NOW,
    channel: str = GROUP_CHANNEL,
):  # type: ignore[no-untyped-def]
    return hearings.propose(
        db,
        actor=actor(db, user),
        channel_id=channel,
        kind=kind,
        text=text,
        url=url,
        now=now,
        zone=ZONE,
        reminders=REMINDERS,
        language="da",
    )


def _open(
    db: Database,
    *,
    kind: str = hearings.INTERNAL,
    deadline: datetime = DEADLINE,
    now: datetime = NOW,
) -> hearings.HearingView:
    return hearings.open_hearing(
        db,
        actor=actor(db, "USEK"),
        channel_id=GROUP_CHANNEL,
        kind=kind,
        deadline=deadline,
        url="https://pogi.dk/udkast",
        now=now,
        reminders=REMINDERS,
    )


def _answer(
    db: Database,
    hearing_id: int,
    user: str,
    text: str,
    *,
    organisation: str | None = None,
    now: datetime = NOW,
) -> hearings.AnswerView:
    return hearings.submit_answer(
        db,
        actor=actor(db, user),
        hearing_id=hearing_id,
        organisation=organisation,
        text=text,
        url="",
        now=now,
    )


def _outbox(db: Database, hearing_id: int) -> list[OutboxMessage]:
    with db.reading() as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.subject == hearings.subject_of(hearing_id))
                .order_by(col(OutboxMessage.id))
            ).all()
        )


def _versions(db: Database, hearing_id: int) -> list[tuple[str, int, str, str]]:
    with db.reading() as session:
        rows = session.exec(
            select(HearingAnswer)
            .where(HearingAnswer.hearing_id == hearing_id)
            .order_by(HearingAnswer.organisation, col(HearingAnswer.version))
        ).all()
        return [(r.organisation, r.version, r.text, r.submitted_by) for r in rows]


def _add_parties(db: Database, *parties: tuple[str, ...]) -> None:
    """Each party as ``(organisation, contact, e-mail)``; the contact and e-mail optional."""
    for organisation, *details in parties:
        contact = details[0] if details else ""
        email = details[1] if len(details) > 1 else ""
        hearings.add_party(
            db,
            actor=actor(db, "USEK"),
            channel_id=GROUP_CHANNEL,
            organisation=organisation,
            contact=contact,
            email=email,
            now=NOW,
        )


def _confirm(db: Database, notice: hearings.ShortNotice, *, now: datetime) -> hearings.HearingView:
    """What the confirm button of a short notice opens."""
    return hearings.open_confirmed(
        db,
        actor=actor(db, "USEK"),
        channel_id=GROUP_CHANNEL,
        kind=notice.kind,
        deadline=notice.deadline,
        url=notice.url,
        now=now,
        reminders=REMINDERS,
    )


# -- opening -------------------------------------------------------------------------------


def test_a_deadline_four_weeks_away_opens_the_internal_hearing_for_every_member(any_db):
    _ready(any_db)

    opened = _propose(any_db, "21. december kl. 12", url="https://pogi.dk/udkast")

    assert isinstance(opened, hearings.HearingView)
    assert (opened.kind, opened.status, opened.deadline) == ("internal", "open", DEADLINE)
    assert opened.url == "https://pogi.dk/udkast"
    assert opened.goal == "Rengøring"
    # Miljøstyrelsen is only the secretariat: it is not consulted
    assert opened.consulted == MEMBER_ORGANISATIONS
    assert opened.answers == [] and opened.waiting == MEMBER_ORGANISATIONS

    rows = _outbox(any_db, opened.id)
    assert [(r.kind, r.destination) for r in rows if r.kind == hearings.ANNOUNCED] == [
        (hearings.ANNOUNCED, GROUP_CHANNEL)
    ]
    assert {r.destination for r in rows if r.kind == hearings.INVITED} == CONTACTS
    assert all(r.due_at == NOW for r in rows if r.kind != hearings.REMINDER)
    reminders = [r for r in rows if r.kind == hearings.REMINDER]
    # a week before is Monday 14 December at noon; two days before is a Saturday, so that
    # reminder goes at 8.00 on the Monday, still before the deadline at noon
    assert sorted({r.due_at for r in reminders}) == [
        DEADLINE - timedelta(days=7),
        datetime(2026, 12, 21, 7, 0, tzinfo=UTC),
    ]
    assert len(reminders) == 2 * len(CONTACTS)
    assert [e["action"] for e in audit_log(any_db, entity=f"hearing:{opened.id}")] == [
        "hearing.open"
    ]


def test_a_reminder_offset_that_has_already_passed_is_not_scheduled(any_db):
    _ready(any_db)

    opened = _open(any_db, deadline=NOW + timedelta(days=5))

    due = {r.due_at for r in _outbox(any_db, opened.id) if r.kind == hearings.REMINDER}
    assert due == {NOW + timedelta(days=3)}  # 2d before; 7d before is already past


def test_a_deadline_under_four_weeks_asks_first_and_stores_nothing(any_db):
    _ready(any_db)

    notice = _propose(any_db, "4. december kl. 12")

    assert isinstance(notice, hearings.ShortNotice)
    assert notice.days == 12
    assert notice.deadline == datetime(2026, 12, 4, 11, 0, tzinfo=UTC)
    assert hearings.overview(any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL) == []

    confirmed = _confirm(any_db, notice, now=NOW + timedelta(minutes=1))
    assert (confirmed.status, confirmed.deadline) == ("open", notice.deadline)


def test_a_whole_day_deadline_runs_to_the_end_of_that_day(any_db):
    _ready(any_db)

    opened = _propose(any_db, "21. december")

    assert isinstance(opened, hearings.HearingView)
    assert opened.deadline.astimezone(ZONE) == datetime(2026, 12, 21, 23, 59, tzinfo=ZONE)


@pytest.mark.parametrize("text", ["i dag kl. 10", "i går", "1/11-2026"])
def test_a_deadline_in_the_past_is_refused(any_db, text):
    _ready(any_db)

    with pytest.raises(InvalidInput):
        _propose(any_db, text)

    assert hearings.overview(any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL) == []


def test_a_short_notice_confirmed_after_its_deadline_has_passed_is_refused(any_db):
    _ready(any_db)
    notice = _propose(any_db, "i morgen kl. 12")
    assert isinstance(notice, hearings.ShortNotice)

    with pytest.raises(InvalidInput) as refused:
        _confirm(any_db, notice, now=NOW + timedelta(days=2))
    assert "fortiden" in said(refused.value.text)


def test_only_the_secretariat_opens_a_hearing_and_only_in_a_group_channel(any_db):
    _ready(any_db)

    with pytest.raises(NotAllowed) as refused:
        _propose(any_db, "21. december kl. 12", user="UANNE")
    assert said(refused.value.text) == "Kun sekretariatet kan åbne en høring."
    with pytest.raises(NotInRoster):
        _propose(any_db, "21. december kl. 12", user="UOUTSIDER")
    with pytest.raises(NotFound):
        _propose(any_db, "21. december kl. 12", channel=OTHER_CHANNEL)
    with pytest.raises(InvalidInput):
        _propose(any_db, "", url="https://pogi.dk/udkast")  # a link but no deadline


# -- the order of the rounds -----------------------------------------------------------------


def test_the_industry_hearing_comes_only_after_a_closed_internal_hearing(any_db):
    _ready(any_db)

    with pytest.raises(InvalidInput) as before:
        _propose(any_db, "21. december kl. 12", kind=hearings.INDUSTRY)
    assert "høringen hører til fasen Branchehøring" in said(before.value.text)

    internal = _open(any_db)
    with pytest.raises(Conflict):
        _open(any_db)  # one open internal hearing per revision
    _add_parties(any_db, ("Dansk Industri", "Jens Hansen", "jh@di.dk"))
    move_on(any_db, reason="Branchehøringen forberedes, mens den interne høring løber")
    with pytest.raises(InvalidInput) as still_open:
        _propose(any_db, "21. december kl. 12", kind=hearings.INDUSTRY)
    assert "stadig åben" in said(still_open.value.text)

    hearings.close(any_db, hearing_id=internal.id, by="USEK", now=NOW)
    industry = _propose(any_db, "21. december kl. 12", kind=hearings.INDUSTRY)
    assert isinstance(industry, hearings.HearingView)
    assert industry.consulted == ["Dansk Industri"]
    with pytest.raises(Conflict):
        _open(any_db, kind=hearings.INDUSTRY)


def test_the_industry_hearing_needs_parties_to_consult(any_db):
    _ready(any_db)
    internal = _open(any_db)
    hearings.close(any_db, hearing_id=internal.id, by="USEK", now=NOW)
    move_on(any_db, reason="Svarene behandles senere")

    with pytest.raises(InvalidInput) as empty:
        _propose(any_db, "21. december kl. 12", kind=hearings.INDUSTRY)

    assert "Høringslisten er tom" in said(empty.value.text)


# -- answers ---------------------------------------------------------------------------------


def test_one_answer_per_organisation_the_latest_counts_and_earlier_versions_are_kept(any_db):
    _ready(any_db)
    hearing = _open(any_db)

    first = _answer(any_db, hearing.id, "UANNE", "Vi støtter målet.")
    second = _answer(any_db, hearing.id, "UCARL", "  Vi støtter målet, men fristen er kort.  ")
    other = _answer(any_db, hearing.id, "UDITTE", "Odense har ingen bemærkninger.")

    assert (first.organisation, first.version) == ("Aarhus Kommune", 1)
    assert (second.organisation, second.version) == ("Aarhus Kommune", 2)
    assert other.version == 1
    assert _versions(any_db, hearing.id) == [
        ("Aarhus Kommune", 1, "Vi støtter målet.", "UANNE"),
        ("Aarhus Kommune", 2, "Vi støtter målet, men fristen er kort.", "UCARL"),
        ("Odense Kommune", 1, "Odense har ingen bemærkninger.", "UDITTE"),
    ]
    with any_db.reading() as session:
        view = hearings.get(session, hearing.id)
    assert view is not None
    assert [(a.organisation, a.version, a.text) for a in view.answers] == [
        ("Aarhus Kommune", 2, "Vi støtter målet, men fristen er kort."),
        ("Odense Kommune", 1, "Odense har ingen bemærkninger."),
    ]
    assert view.waiting == [
        "Aalborg Kommune",
        "Københavns Kommune",
        "Region Midtjylland",
        "Roskilde Kommune",
        "Vejle Kommune",
    ]
    answered = [
        e["after"]
        for e in audit_log(any_db, entity=f"hearing:{hearing.id}")
        if e["action"] == "hearing.answer"
    ]
    assert [(a["organisation"], a["version"]) for a in answered] == [
        ("Aarhus Kommune", 1),
        ("Aarhus Kommune", 2),
        ("Odense Kommune", 1),
    ]


def test_a_member_answers_for_their_own_organisation_whatever_the_form_says(any_db):
    _ready(any_db)
    hearing = _open(any_db)

    answer = _answer(any_db, hearing.id, "UDITTE", "Svar.", organisation="Vejle Kommune")

    assert answer.organisation == "Odense Kommune"
    form = hearings.answer_form(
        any_db, actor=actor(any_db, "UDITTE"), hearing_id=hearing.id, now=NOW
    )
    assert form[1] == "Odense Kommune" and form[2] is not None and form[3] == []


def test_people_outside_the_consulted_organisations_cannot_answer_the_internal_hearing(any_db):
    _ready(any_db)
    hearing = _open(any_db)

    with pytest.raises(NotAllowed) as outsider:
        hearings.answer_form(any_db, actor=Actor("UOUTSIDER"), hearing_id=hearing.id, now=NOW)
    assert "ikke registreret i pogi" in said(outsider.value.text)
    with pytest.raises(NotAllowed):
        _answer(
            any_db, hearing.id, "UOUTSIDER", "Jeg vil også svare.", organisation="Odense Kommune"
        )
    with pytest.raises(NotAllowed) as secretariat:
        _answer(any_db, hearing.id, "USEK", "Sekretariatets svar.")
    assert said(secretariat.value.text) == (
        "Miljøstyrelsen er ikke blandt de hørte organisationer."
    )
    assert _versions(any_db, hearing.id) == []


def test_an_empty_or_overlong_answer_is_refused(any_db):
    _ready(any_db)
    hearing = _open(any_db)

    with pytest.raises(InvalidInput):
        _answer(any_db, hearing.id, "UDITTE", "   \n ")
    with pytest.raises(InvalidInput):
        _answer(any_db, hearing.id, "UDITTE", "x" * (hearings.ANSWER_LIMIT + 1))
    assert _versions(any_db, hearing.id) == []


def test_an_answer_at_or_after_the_deadline_is_refused_even_before_the_hearing_is_closed(any_db):
    _ready(any_db)
    hearing = _open(any_db)

    with pytest.raises(Conflict) as late:
        _answer(any_db, hearing.id, "UDITTE", "For sent.", now=DEADLINE)
    assert "Høringen er lukket" in said(late.value.text)
    with pytest.raises(Conflict):
        hearings.answer_form(
            any_db,
            actor=actor(any_db, "UDITTE"),
            hearing_id=hearing.id,
            now=DEADLINE + timedelta(seconds=1),
        )
    _answer(any_db, hearing.id, "UDITTE", "Lige i tide.", now=DEADLINE - timedelta(seconds=1))

    hearings.close(any_db, hearing_id=hearing.id, by="USEK", now=NOW + timedelta(days=1))
    with pytest.raises(Conflict):
        _answer(any_db, hearing.id, "UEMIL", "Efter lukning.", now=NOW + timedelta(days=2))
    assert [v[:2] for v in _versions(any_db, hearing.id)] == [("Odense Kommune", 1)]


# -- closing ---------------------------------------------------------------------------------


def test_the_hearing_closes_by_itself_at_the_deadline_once(any_db):
    _ready(any_db)
    hearing = _open(any_db)
    _answer(any_db, hearing.id, "UDITTE", "Svar.")

    assert hearings.close_due(any_db, now=DEADLINE - timedelta(seconds=1)) == []
    [closed] = hearings.close_due(any_db, now=DEADLINE)

    assert (closed.status, closed.closed_at, len(closed.answers)) == ("closed", DEADLINE, 1)
    assert hearings.close_due(any_db, now=DEADLINE + timedelta(minutes=5)) == []
    assert hearings.close(any_db, hearing_id=hearing.id, by="USEK", now=DEADLINE) is None
    rows = _outbox(any_db, hearing.id)
    assert [r.destination for r in rows if r.kind == hearings.CLOSED_NOTICE] == [GROUP_CHANNEL]
    assert {r.status for r in rows if r.kind == hearings.REMINDER} == {"cancelled"}
    closes = [
        e
        for e in audit_log(any_db, entity=f"hearing:{hearing.id}")
        if e["action"] == "hearing.close"
    ]
    assert [(e["actor"], e["before"], e["after"]) for e in closes] == [
        ("pogi", {"status": "open"}, {"status": "closed"})
    ]


def test_concurrent_closing_closes_once_and_says_so_once(any_db):
    """Several bot processes share one PostgreSQL database (SPEC §6), and in one process the
    due-work tick and the secretariat's command may meet: each may try to close."""
    _ready(any_db)
    hearing = _open(any_db)
    start = threading.Barrier(4)

    def close() -> hearings.HearingView | None:
        start.wait()
        return hearings.close(any_db, hearing_id=hearing.id, by="pogi", now=DEADLINE)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: close(), range(4)))

    assert len([r for r in results if r is not None]) == 1
    notices = [r for r in _outbox(any_db, hearing.id) if r.kind == hearings.CLOSED_NOTICE]
    assert len(notices) == 1


def test_the_secretariat_closes_early_and_only_once(any_db):
    _ready(any_db)
    hearing = _open(any_db)
    usek = actor(any_db, "USEK")

    with pytest.raises(NotAllowed):
        hearings.close_here(any_db, actor=actor(any_db, "UANNE"), channel_id=GROUP_CHANNEL, now=NOW)
    closed = hearings.close_here(any_db, actor=usek, channel_id=GROUP_CHANNEL, now=NOW)
    assert (closed.id, closed.status, closed.closed_at) == (hearing.id, "closed", NOW)
    with pytest.raises(NotFound):
        hearings.close_here(any_db, actor=usek, channel_id=GROUP_CHANNEL, now=NOW)


# -- the consulted parties -------------------------------------------------------------------


def test_parties_are_added_updated_listed_alphabetically_and_removed(any_db):
    _ready(any_db)
    usek = actor(any_db, "USEK")

    added = hearings.add_party(
        any_db,
        actor=usek,
        channel_id=GROUP_CHANNEL,
        organisation=" Dansk Industri ",
        contact="Jens Hansen",
        email="jh@di.dk",
        now=NOW,
    )
    assert added == hearings.PartyView("Dansk Industri", "Jens Hansen", "jh@di.dk")
    _add_parties(any_db, ("Rengøringsbranchen",), ("affald danmark", "Eva Holm"))
    updated = hearings.add_party(
        any_db,
        actor=usek,
        channel_id=GROUP_CHANNEL,
        organisation="dansk industri",
        contact="",
        email="ny@di.dk",
        now=NOW,
    )
    assert updated == hearings.PartyView("Dansk Industri", "Jens Hansen", "ny@di.dk")

    listed = hearings.parties(any_db, actor=actor(any_db, "UDITTE"), channel_id=GROUP_CHANNEL)
    assert [p.organisation for p in listed] == [
        "affald danmark",
        "Dansk Industri",
        "Rengøringsbranchen",
    ]
    assert (
        hearings.remove_party(
            any_db, actor=usek, channel_id=GROUP_CHANNEL, organisation=" Affald Danmark ", now=NOW
        )
        == "affald danmark"
    )
    with pytest.raises(NotFound):
        hearings.remove_party(
            any_db, actor=usek, channel_id=GROUP_CHANNEL, organisation="Affald Danmark", now=NOW
        )
    with pytest.raises(InvalidInput):
        hearings.add_party(any_db, actor=usek, channel_id=GROUP_CHANNEL, organisation="  ", now=NOW)
    with pytest.raises(NotAllowed):
        hearings.add_party(
            any_db,
            actor=actor(any_db, "UANNE"),
            channel_id=GROUP_CHANNEL,
            organisation="X",
            now=NOW,
        )
    assert [
        p.organisation for p in hearings.parties(any_db, actor=usek, channel_id=GROUP_CHANNEL)
    ] == ["Dansk Industri", "Rengøringsbranchen"]


def test_the_consulted_organisations_are_those_invited_when_the_hearing_opened(any_db):
    _ready(any_db)
    hearing = _open(any_db)
    hearings.close(any_db, hearing_id=hearing.id, by="pogi", now=DEADLINE)
    load_roster(any_db, [person("USILKE", "Silke Borg", "Silkeborg Kommune")])

    with any_db.reading() as session:
        view = hearings.get(session, hearing.id)

    assert view is not None
    assert view.consulted == MEMBER_ORGANISATIONS


def test_a_party_removed_after_answering_is_still_among_the_consulted(any_db):
    """Otherwise the memo would say '2 høringssvar fra i alt 1 hørte parter'."""
    _ready(any_db)
    industry = _industry(any_db)
    usek = actor(any_db, "USEK")
    for organisation in ("Dansk Industri", "Dansk Erhverv"):
        hearings.register_answer(
            any_db,
            actor=usek,
            hearing_id=industry.id,
            organisation=organisation,
            received_on=date(2026, 11, 20),
            text="Svar.",
            url="",
            now=NOW,
        )
    hearings.close(any_db, hearing_id=industry.id, by="pogi", now=DEADLINE)
    hearings.remove_party(
        any_db, actor=usek, channel_id=GROUP_CHANNEL, organisation="Dansk Erhverv", now=DEADLINE
    )

    with any_db.reading() as session:
        view = hearings.get(session, industry.id)

    assert view is not None
    assert len(view.answers) == 2
    assert view.consulted == ["Dansk Erhverv", "Dansk Industri"]


def _industry(db: Database) -> hearings.HearingView:
    internal = _open(db)
    hearings.close(db, hearing_id=internal.id, by="USEK", now=NOW)
    move_on(db, reason="Svarene behandles senere")
    _add_parties(db, ("Dansk Industri", "Jens Hansen", "jh@di.dk"), ("Dansk Erhverv", "Eva Holm"))
    return _open(db, kind=hearings.INDUSTRY, now=NOW + timedelta(minutes=1))


def test_a_party_added_while_the_industry_hearing_is_open_is_consulted(any_db):
    _ready(any_db)
    industry = _industry(any_db)

    _add_parties(any_db, ("Rengøringsbranchen", "Lise Berg"))
    hearings.close(any_db, hearing_id=industry.id, by="pogi", now=DEADLINE)
    _add_parties(any_db, ("Affald Danmark",))  # after it closed: not consulted

    with any_db.reading() as session:
        view = hearings.get(session, industry.id)
    assert view is not None
    assert view.consulted == ["Dansk Erhverv", "Dansk Industri", "Rengøringsbranchen"]


def test_a_guest_answers_the_industry_hearing_for_the_party_they_choose(any_db):
    _ready(any_db)
    industry = _industry(any_db)
    guest = Actor("UGUEST")

    _, organisation, current, choices = hearings.answer_form(
        any_db, actor=guest, hearing_id=industry.id, now=NOW
    )
    assert organisation is None and current is None
    assert choices == ["Dansk Erhverv", "Dansk Industri"]
    with pytest.raises(InvalidInput):
        hearings.submit_answer(
            any_db,
            actor=guest,
            hearing_id=industry.id,
            organisation=None,
            text="Svar.",
            url="",
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        hearings.submit_answer(
            any_db,
            actor=guest,
            hearing_id=industry.id,
            organisation="Odense Kommune",
            text="Svar.",
            url="",
            now=NOW,
        )

    answer = hearings.submit_answer(
        any_db,
        actor=guest,
        hearing_id=industry.id,
        organisation="Dansk Erhverv",
        text="Branchens svar.",
        url=" https://de.dk/svar ",
        now=NOW,
    )

    assert (answer.organisation, answer.version, answer.url) == (
        "Dansk Erhverv",
        1,
        "https://de.dk/svar",
    )
    assert _versions(any_db, industry.id) == [("Dansk Erhverv", 1, "Branchens svar.", "UGUEST")]


def test_a_member_of_a_non_party_organisation_cannot_answer_for_an_industry_party(any_db):
    _ready(any_db)
    industry = _industry(any_db)

    with pytest.raises(NotAllowed) as refused:
        hearings.answer_form(any_db, actor=actor(any_db, "UDITTE"), hearing_id=industry.id, now=NOW)
    assert "Odense Kommune" in said(refused.value.text)
    with pytest.raises(NotAllowed):
        hearings.submit_answer(
            any_db,
            actor=actor(any_db, "UDITTE"),
            hearing_id=industry.id,
            organisation="Dansk Industri",
            text="Svar fra Odense.",
            url="",
            now=NOW,
        )
    assert _versions(any_db, industry.id) == []


def test_the_answers_follow_the_same_danish_order_as_the_parties(any_db):
    _ready(any_db)
    internal = _open(any_db)
    hearings.close(any_db, hearing_id=internal.id, by="USEK", now=NOW)
    move_on(any_db, reason="Svarene behandles senere")
    _add_parties(any_db, ("Åkande Rengøring ApS",), ("Ærø Energi",), ("Dansk Industri",))
    industry = _open(any_db, kind=hearings.INDUSTRY, now=NOW + timedelta(minutes=1))
    for organisation in ("Åkande Rengøring ApS", "Ærø Energi", "Dansk Industri"):
        hearings.register_answer(
            any_db,
            actor=actor(any_db, "USEK"),
            hearing_id=industry.id,
            organisation=organisation,
            received_on=date(2026, 11, 20),
            text="Svar.",
            url="",
            now=NOW,
        )

    with any_db.reading() as session:
        view = hearings.get(session, industry.id)

    assert view is not None
    assert view.consulted == ["Dansk Industri", "Ærø Energi", "Åkande Rengøring ApS"]
    assert view.answered == view.consulted


def test_the_secretariat_registers_an_answer_received_by_email(any_db):
    _ready(any_db)
    industry = _industry(any_db)
    usek = actor(any_db, "USEK")

    def register(user: Actor, organisation: str, received: date):  # type: ignore[no-untyped-def]
        return hearings.register_answer(
            any_db,
            actor=user,
            hearing_id=industry.id,
            organisation=organisation,
            received_on=received,
            text="Svar pr. e-mail.",
            url="https://di.dk/svar.pdf",
            now=NOW,
        )

    with pytest.raises(NotAllowed):
        register(actor(any_db, "UANNE"), "Dansk Industri", date(2026, 11, 20))
    with pytest.raises(InvalidInput):
        register(usek, "Ukendt Forening", date(2026, 11, 20))
    with pytest.raises(InvalidInput):
        register(usek, "Dansk Industri", date(2026, 11, 30))  # received in the future

    answer = register(usek, "Dansk Industri", date(2026, 11, 20))

    assert (answer.organisation, answer.received_on, answer.submitted_by, answer.version) == (
        "Dansk Industri",
        date(2026, 11, 20),
        "USEK",
        1,
    )
    assert _versions(any_db, industry.id) == [("Dansk Industri", 1, "Svar pr. e-mail.", "USEK")]


# -- the working group's replies and the memo -------------------------------------------------


def test_the_coordinator_or_secretariat_records_the_reply_and_the_latest_reply_counts(any_db):
    _ready(any_db)
    hearing = _open(any_db)
    _answer(any_db, hearing.id, "UDITTE", "Kravet om svanemærke er for strengt.")

    def reply(user: str, decision: str, comment: str = "Kommentar."):  # type: ignore[no-untyped-def]
        return hearings.reply(
            any_db,
            actor=actor(any_db, user),
            hearing_id=hearing.id,
            organisation="Odense Kommune",
            comment=comment,
            decision=decision,
            reason=" Begrundelse. ",
            change=" Kravet blev et ønske. ",
            now=NOW,
        )

    with pytest.raises(NotAllowed):
        reply("UDITTE", hearings.ACCEPTED)
    with pytest.raises(InvalidInput):
        reply("UANNE", "maybe")
    with pytest.raises(InvalidInput):
        reply("UANNE", hearings.ACCEPTED, comment="  ")
    reply("UANNE", hearings.ACCEPTED)
    latest = reply("USEK", hearings.PARTLY, comment="Delvist enig.")

    assert latest == hearings.ReplyView(
        "Delvist enig.", "partly", "Begrundelse.", "Kravet blev et ønske.", "USEK"
    )
    _, answer = hearings.reply_form(
        any_db,
        actor=actor(any_db, "UANNE"),
        hearing_id=hearing.id,
        organisation="Odense Kommune",
    )
    assert answer.reply == latest
    with pytest.raises(NotFound):
        hearings.reply_form(
            any_db,
            actor=actor(any_db, "UANNE"),
            hearing_id=hearing.id,
            organisation="Vejle Kommune",
        )


def test_the_memo_is_the_secretariats_and_needs_a_hearing(any_db):
    revision = _ready(any_db)
    usek = actor(any_db, "USEK")

    with pytest.raises(InvalidInput):
        hearings.memo(any_db, actor=usek, channel_id=GROUP_CHANNEL, now=NOW)
    hearing = _open(any_db)
    _answer(any_db, hearing.id, "UDITTE", "Svar.")
    with pytest.raises(NotAllowed):
        hearings.memo(any_db, actor=actor(any_db, "UANNE"), channel_id=GROUP_CHANNEL, now=NOW)

    memo = hearings.memo(any_db, actor=usek, channel_id=GROUP_CHANNEL, now=NOW)

    assert memo.goal == "Rengøring"
    assert [(h.kind, h.answered) for h in memo.hearings] == [("internal", ["Odense Kommune"])]
    with any_db.reading() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == hearings.MEMO)).all()
    assert [(r.subject, r.destination, r.data) for r in rows] == [
        (f"revision:{revision.id}", GROUP_CHANNEL, {"requested_by": "USEK"})
    ]
