"""Every action, callback and block id in one place (STYLE §4)."""

from __future__ import annotations

from enum import StrEnum

COMMAND = "/pogi"


class Action(StrEnum):
    PHASE_CONFIRM = "phase_confirm"
    PHASE_CANCEL = "phase_cancel"
    HOME_REFRESH = "home_refresh"


class Callback(StrEnum):
    ROSTER_ADD = "roster_add"


class Block(StrEnum):
    ROSTER_USER = "roster_user"
    ROSTER_ORGANISATION = "roster_organisation"
    ROSTER_ROLES = "roster_roles"


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"
