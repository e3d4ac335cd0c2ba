"""The small demo roster the console offers on an empty database."""

from __future__ import annotations

from bot.domain.roles import Role
from bot.domain.roster import RosterEntry

S, D, M, A, SEC = (
    Role.STEERING,
    Role.STEERING_DEPUTY,
    Role.MEMBER,
    Role.AMBASSADOR,
    Role.SECRETARIAT,
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
)

# (channel id, name)
CHANNELS = (
    ("CGRUPPE", "arbejdsgruppe-rengoering"),
    ("CSTYRE", "styregruppe"),
    ("CGENERAL", "generelt"),
)
DEFAULT_USER = "USOFIE"
DEFAULT_CHANNEL = "CGRUPPE"


def entries() -> list[RosterEntry]:
    return [RosterEntry(user, name, org, roles) for user, name, org, roles, _ in PEOPLE]
