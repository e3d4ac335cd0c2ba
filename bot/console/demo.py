"""The console's demo: the small roster it offers on an empty database, and ``:demo``, a walk
of one revision from start to implementation in which every condition of every phase is met."""

from __future__ import annotations

from bot.domain.roles import Role
from bot.domain.roster import RosterEntry

S, D, M, A, SEC, ADV, HEAD = (
    Role.STEERING,
    Role.STEERING_DEPUTY,
    Role.MEMBER,
    Role.AMBASSADOR,
    Role.SECRETARIAT,
    Role.ADVISOR,
    Role.PROCUREMENT_HEAD,
)

# (Slack id, name, organisation, roles, Slack locale)
PEOPLE: tuple[tuple[str, str, str, frozenset[Role], str], ...] = (
    ("USOFIE", "Sofie Holm", "Miljøstyrelsen", frozenset({SEC}), "da-DK"),
    ("UANNE", "Anne Lund", "Aarhus Kommune", frozenset({S, M}), "da-DK"),
    ("UBO", "Bo Nielsen", "Region Hovedstaden", frozenset({S, A}), "da-DK"),
    ("UCARL", "Carl Berg", "Aarhus Kommune", frozenset({D, M}), "da-DK"),
    ("UDITTE", "Ditte Krogh", "Odense Kommune", frozenset({S, M}), "da-DK"),
    ("UEMIL", "Emil Dahl", "Vejle Kommune", frozenset({M}), "da-DK"),
    ("UFRIDA", "Frida Juul", "Københavns Kommune", frozenset({S, M}), "da-DK"),
    ("UGUSTAV", "Gustav Møller", "Region Midtjylland", frozenset({M, A}), "da-DK"),
    ("UHELLE", "Helle Bak", "Roskilde Kommune", frozenset({M}), "da-DK"),
    ("UJOHN", "John Smith", "Aalborg Kommune", frozenset({S, M}), "en-GB"),
    # the travelling advisory team (rejsehold): advisers, and the heads of procurement of
    # organisations that take part
    ("UOLE", "Ole Rask", "Dansk Standard", frozenset({ADV}), "da-DK"),
    ("UPIA", "Pia Friis", "Force Technology", frozenset({ADV}), "da-DK"),
    ("UKAJ", "Kaj Holt", "Odense Kommune", frozenset({HEAD}), "da-DK"),
    ("ULIS", "Lis Mørk", "Vejle Kommune", frozenset({HEAD}), "da-DK"),
    ("UMADS", "Mads Vinter", "Region Midtjylland", frozenset({HEAD}), "da-DK"),
)

# (channel id, name)
CHANNELS = (
    ("CGRUPPE", "arbejdsgruppe-rengoering"),
    ("CSTYRE", "styregruppe"),
    ("CGENERAL", "generelt"),
    ("CREJSE", "rejsehold-jylland-fyn"),
)
DEFAULT_USER = "USOFIE"
DEFAULT_CHANNEL = "CGRUPPE"


def entries() -> list[RosterEntry]:
    return [RosterEntry(user, name, org, roles) for user, name, org, roles, _ in PEOPLE]


# ``:demo``: what the secretariat, the coordinator, the steering group and an ambassador do, a
# line each, as typed in the console. No phase is left with a condition unmet.
WALK: tuple[str, ...] = (
    "/pogi revision start Rengøring",
    "/pogi fase",
    # Forberedelse: the coordinator, the documents, the suppliers
    "/pogi tovholder @UANNE",
    "/pogi dokument add baggrundsrapport https://pogi.dk/rengoering/baggrund.pdf",
    "/pogi dokument add kommissorium https://pogi.dk/rengoering/kommissorium.docx",
    "/pogi dokument add leverandørdialog https://pogi.dk/rengoering/dialog.pdf Dialogmøde",
    "/pogi dokumenter",
    "/pogi fase næste",
    ":klik Bekræft",
    # Udvikling: a group that meets the rule, a meeting held …
    ":som UANNE",
    "/pogi gruppe add @UDITTE @UEMIL @UFRIDA @UGUSTAV",
    "/pogi møde i morgen kl. 10-12 Første møde",
    ":klik Bekræft",
    # … and the goal text, written by the coordinator in the modal, a line a part
    "/pogi mål rediger",
    "Kommunen køber kun svanemærkede eller EU-Blomst-mærkede rengøringsmidler fra 2028.",
    "Rengøringsmidler er en af kommunernes største kilder til kemikalier i spildevandet.",
    "Færre skadelige stoffer i spildevandet og lavere forbrug ved korrekt dosering.",
    "Rengøringsmidlerne skal være mærket med Svanen eller EU-Blomsten.",
    "Aarhus Kommune stillede kravet i 2024 uden merpris.",
    ":som USOFIE",
    ":frem 2d",
    "/pogi fase næste",
    ":klik Bekræft",
    # Intern høring and Branchehøring: held, closed, the memo made
    "/pogi høring intern om 5 uger",
    "/pogi høring luk",
    "/pogi fase næste",
    ":klik Bekræft",
    "/pogi høring part add Dansk Industri; Jens Hansen; jh@di.dk",
    "/pogi høring branche om 5 uger",
    "/pogi høring luk",
    "/pogi høring notat",
    "/pogi fase næste",
    ":klik Bekræft",
    # Godkendelse: the steering group votes
    ":kanal styregruppe",
    "/pogi styregruppe her",
    "/pogi afstemning Rengøring",
    ":klik Åbn alligevel",
    "Demo: styregruppen stemmer uden for forårsmødet",
    ":som UANNE",
    ":klik For",
    ":som UBO",
    ":klik For",
    ":som UDITTE",
    ":klik For",
    ":som USOFIE",
    "/pogi afstemning luk",
    ":kanal arbejdsgruppe-rengoering",
    "/pogi fase næste",
    ":klik Bekræft",
    # Lancering: an ambassador confirms it
    ":som UGUSTAV",
    ":klik Lanceret",
    ":som USOFIE",
    "/pogi fase næste",
    ":klik Bekræft",
    "/pogi status",
)
