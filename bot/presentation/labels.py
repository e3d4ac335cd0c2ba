"""The words pogi shows for the codes it stores."""

from __future__ import annotations

from bot.presentation.i18n import N_

ROLE_LABELS: dict[str, str] = {
    "secretariat": N_("sekretariat"),
    "steering": N_("styregruppemedlem"),
    "steering-deputy": N_("suppleant i styregruppen"),
    "member": N_("medlem"),
    "ambassador": N_("ambassadør"),
}
"""A roster role's code (``bot.domain.roles.Role``) → its name, to be translated."""
