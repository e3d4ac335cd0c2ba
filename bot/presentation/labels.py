"""The words pogi shows for the codes it stores."""

from __future__ import annotations

from bot.presentation.i18n import N_

ROLE_LABELS: dict[str, str] = {
    "secretariat": N_("sekretariat"),
    "steering": N_("styregruppemedlem"),
    "steering-deputy": N_("suppleant i styregruppen"),
    "member": N_("medlem"),
    "ambassador": N_("ambassadør"),
    "advisor": N_("rådgiver"),
    "procurement-head": N_("indkøbschef"),
}
"""A roster role's code (``bot.domain.roles.Role``) → its name, to be translated."""

ERASED_PREFIX = "ERASED-"
"""An erased person's Slack id becomes this and their roster number (``ERASED-7``)."""
ERASED_NAME = "Slettet person"
"""An erased person's name as stored, in the primary language; shown as ``ERASED_LABEL``."""
ERASED_LABEL = N_("en slettet person")
ERASED_TEXT = "[slettet]"
"""Free text an erased person wrote, as stored."""
