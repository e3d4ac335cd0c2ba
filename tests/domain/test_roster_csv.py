"""Reading a roster CSV (``bot.domain.roster.read_roster_csv``): every problem with its line,
or all."""

from __future__ import annotations

import pytest

from bot.domain.roles import Role
from bot.domain.roster import RosterEntry, RosterImportError, read_roster_csv
from tests.support.factories import AMB, DEPUTY, MEMBER, SEC, STEER, said

HEADER = "slack_user_id,name,organisation,roles"
KNOWN = "secretariat, steering, steering-deputy, member, ambassador, advisor, procurement-head"


def csv_file(*lines: str, newline: str = "\n") -> str:
    return newline.join(lines) + newline


def problems_in(content: str) -> tuple[str, list[tuple[int, str]]]:
    """The summary and the (line, problem) list a user would be shown."""
    with pytest.raises(RosterImportError) as raised:
        read_roster_csv(content)
    error = raised.value
    return said(error.text), [(problem.line, said(problem.text)) for problem in error.problems]


def test_a_good_file_gives_one_entry_per_person_with_its_line():
    content = csv_file(
        HEADER,
        "UANNE,Anne Lund,Aarhus Kommune,steering;member",
        "USEK, Sofie Holm , Miljøstyrelsen ,secretariat",
        "UCARL,Carl Berg,Aarhus Kommune,steering-deputy; member ;ambassador",
    )

    assert read_roster_csv(content) == [
        RosterEntry("UANNE", "Anne Lund", "Aarhus Kommune", frozenset({STEER, MEMBER}), line=2),
        RosterEntry("USEK", "Sofie Holm", "Miljøstyrelsen", frozenset({SEC}), line=3),
        RosterEntry(
            "UCARL", "Carl Berg", "Aarhus Kommune", frozenset({DEPUTY, MEMBER, AMB}), line=4
        ),
    ]


def test_danish_role_words_are_understood():
    content = csv_file(
        HEADER,
        "USEK,Sofie Holm,Miljøstyrelsen,sekretariat",
        "UANNE,Anne Lund,Aarhus Kommune,Styregruppe;medlem",
        "UCARL,Carl Berg,Aarhus Kommune,suppleant",
        "UGUSTAV,Gustav Møller,Region Midtjylland,MEDLEM;ambassadør",
    )

    roles = {entry.slack_user_id: entry.roles for entry in read_roster_csv(content)}

    assert roles == {
        "USEK": frozenset({SEC}),
        "UANNE": frozenset({STEER, MEMBER}),
        "UCARL": frozenset({DEPUTY}),
        "UGUSTAV": frozenset({MEMBER, AMB}),
    }


def test_blank_lines_and_quoted_commas_and_newlines_are_read_as_csv():
    content = csv_file(
        HEADER,
        "",
        'UCARL,"Berg, Carl","Aarhus Kommune, Teknik og Miljø",member',
        "   ",
        'UHANS,"Hans',
        'Hansen",Horsens Kommune,member',
        "UIDA,Ida Holm,Ikast Kommune,member",
    )

    entries = read_roster_csv(content)

    assert [(e.slack_user_id, e.name, e.organisation) for e in entries] == [
        ("UCARL", "Berg, Carl", "Aarhus Kommune, Teknik og Miljø"),
        ("UHANS", "Hans\nHansen", "Horsens Kommune"),
        ("UIDA", "Ida Holm", "Ikast Kommune"),
    ]
    # Lines count as an editor shows them, blank and continued lines included.
    lines = {e.slack_user_id: e.line for e in entries}
    assert (lines["UCARL"], lines["UIDA"]) == (3, 7)


def test_every_bad_row_is_listed_with_its_physical_line_and_nothing_is_returned():
    content = csv_file(
        HEADER,  # 1
        "UANNE,Anne Lund,Aarhus Kommune,steering;member",  # 2
        "",  # 3
        'UCARL,"Berg, Carl",Aarhus Kommune,member',  # 4
        "UDITTE,Ditte Krogh,Odense Kommune,boss",  # 5
        ",Emil Dahl,Vejle Kommune,member",  # 6
        "emil,Emil Dahl,Vejle Kommune,member",  # 7
        "UANNE,Anne Lund,Aarhus Kommune,member",  # 8
        "UFRIDA,,,member",  # 9
        "UGUSTAV,Gustav Møller,Region Midtjylland,",  # 10
        'UHANS,"Hans',  # 11
        'Hansen",Horsens Kommune,member',  # 12
        "",  # 13
        "UIDA,Ida Holm,Ikast Kommune,medlem;chef",  # 14
        "UJENS,Jens Lund",  # 15
    )

    summary, problems = problems_in(content)

    assert summary == "Brugerlisten blev ikke indlæst: Filen har 10 fejl."
    assert problems == [
        (5, f"Ukendt rolle: boss. Mulige roller: {KNOWN}."),
        (6, "Slack-id mangler."),
        (7, "emil er ikke et Slack-bruger-id (fx U012AB3CD)."),
        (8, "Slack-id UANNE står også på linje 2."),
        (9, "Navn mangler."),
        (9, "Organisation mangler."),
        (10, "Mindst én rolle skal angives."),
        (14, f"Ukendt rolle: chef. Mulige roller: {KNOWN}."),
        (15, "Organisation mangler."),
        (15, "Mindst én rolle skal angives."),
    ]


def test_a_lowercase_or_channel_id_is_not_a_slack_user_id():
    content = csv_file(
        HEADER,
        "uanne,Anne Lund,Aarhus Kommune,member",
        "C0123ABC,Kanal,Aarhus Kommune,member",
        "U1,Kort,Aarhus Kommune,member",
    )

    _, problems = problems_in(content)

    assert problems == [
        (2, "uanne er ikke et Slack-bruger-id (fx U012AB3CD)."),
        (3, "C0123ABC er ikke et Slack-bruger-id (fx U012AB3CD)."),
        (4, "U1 er ikke et Slack-bruger-id (fx U012AB3CD)."),
    ]


def test_a_bad_row_spanning_lines_is_reported_on_the_line_where_it_starts():
    content = csv_file(
        HEADER,  # 1
        'hans,"Hans',  # 2: the bad Slack id is here
        'Hansen",Horsens Kommune,member',  # 3
        "UIDA,Ida Holm,Ikast Kommune,member",  # 4
    )

    _, problems = problems_in(content)

    assert problems == [(2, "hans er ikke et Slack-bruger-id (fx U012AB3CD).")]


def test_a_file_without_the_header_is_refused_on_line_one():
    content = csv_file("UANNE,Anne Lund,Aarhus Kommune,member")

    summary, problems = problems_in(content)

    assert summary == "Brugerlisten blev ikke indlæst: Filen har 1 fejl."
    assert problems == [
        (1, "Første linje skal være kolonnenavnene slack_user_id,name,organisation,roles.")
    ]


@pytest.mark.parametrize(
    "header",
    [
        "id,name,organisation,roles",
        "slack_user_id,organisation,name,roles",
        "slack_user_id,name,organisation",
        "navn",
    ],
)
def test_a_wrong_header_is_refused(header):
    _, problems = problems_in(csv_file(header, "UANNE,Anne Lund,Aarhus Kommune,member"))

    assert problems == [
        (1, "Første linje skal være kolonnenavnene slack_user_id,name,organisation,roles.")
    ]


def test_a_semicolon_separated_file_gets_its_own_hint():
    content = csv_file(
        "slack_user_id;name;organisation;roles",
        "UANNE;Anne Lund;Aarhus Kommune;member",
    )

    _, problems = problems_in(content)

    assert problems == [
        (
            1,
            "Filen ser ud til at være adskilt med semikolon. Brug komma mellem kolonnerne "
            "slack_user_id,name,organisation,roles og semikolon mellem roller.",
        )
    ]


def test_an_empty_file_is_refused():
    _, problems = problems_in("")

    assert problems == [(1, "Filen er tom.")]


def test_an_excel_export_with_bom_crlf_and_capitalised_header_is_read():
    content = "\ufeff" + csv_file(
        "Slack_User_ID, Name ,Organisation,ROLES",
        "UANNE,Anne Lund,Aarhus Kommune,styregruppe;medlem",
        newline="\r\n",
    )

    assert read_roster_csv(content) == [
        RosterEntry("UANNE", "Anne Lund", "Aarhus Kommune", frozenset({STEER, MEMBER}), line=2)
    ]


def test_a_header_only_file_has_nobody():
    assert read_roster_csv(csv_file(HEADER)) == []


def test_the_travelling_teams_roles_are_read_in_english_and_danish():
    content = csv_file(
        HEADER,
        "UOLE,Ole Rask,Dansk Standard,advisor",
        "UPIA,Pia Friis,Force Technology,rådgiver",
        "UKAJ,Kaj Holt,Horsens Kommune,procurement-head;member",
        "ULIS,Lis Mørk,Kolding Kommune,Indkøbschef",
    )

    roles = {entry.slack_user_id: entry.roles for entry in read_roster_csv(content)}

    assert roles == {
        "UOLE": frozenset({Role.ADVISOR}),
        "UPIA": frozenset({Role.ADVISOR}),
        "UKAJ": frozenset({Role.PROCUREMENT_HEAD, MEMBER}),
        "ULIS": frozenset({Role.PROCUREMENT_HEAD}),
    }
