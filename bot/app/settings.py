"""Configuration: one validated object read from the environment (SPEC §3)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.timephrase.workdays import WorkingHours

_OFFSET = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_offsets(value: str | list[timedelta] | tuple[timedelta, ...]) -> tuple[timedelta, ...]:
    """Read reminder offsets like ``7d,1d,2h,30m`` into timedeltas, largest first."""
    if isinstance(value, list | tuple):
        return tuple(sorted(value, reverse=True))
    offsets = []
    for part in str(value).split(","):
        if not part.strip():
            continue
        match = _OFFSET.match(part)
        if not match:
            raise ValueError(f"not a reminder offset: {part.strip()!r} (use e.g. 7d, 2h, 30m)")
        offsets.append(timedelta(**{_UNITS[match.group(2)]: int(match.group(1))}))
    return tuple(sorted(set(offsets), reverse=True))


Offsets = Annotated[tuple[timedelta, ...], NoDecode]


class Settings(BaseSettings):
    """Everything pogi reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = Field(default_factory=lambda: f"sqlite:///{Path.cwd() / 'pogi.db'}")
    pogi_timezone: str = "Europe/Copenhagen"
    pogi_language: str = "da"
    pogi_tick_seconds: float = 5.0
    pogi_meeting_reminders: Offsets = parse_offsets("7d,1d,2h")
    pogi_homework_reminders: Offsets = parse_offsets("2d,2h")
    pogi_hearing_reminders: Offsets = parse_offsets("7d,2d")
    pogi_comment_reminders: Offsets = parse_offsets("2d")
    pogi_vote_quorum: float = 0.5
    """A vote needs more than this share of the seats voting."""
    pogi_working_hours: str = "8-17"
    """When nudges and reminders go, on Danish working days (``bot.timephrase.workdays``)."""

    @field_validator("pogi_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("pogi_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("da", "en"):
            raise ValueError("must be 'da' or 'en'")
        return value

    @field_validator("pogi_vote_quorum")
    @classmethod
    def _share(cls, value: float) -> float:
        if not 0 <= value < 1:
            raise ValueError("must be a share between 0 and 1, e.g. 0.5 for more than half")
        return value

    @field_validator("pogi_tick_seconds")
    @classmethod
    def _positive_tick(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be positive")
        return value

    @field_validator(
        "pogi_meeting_reminders",
        "pogi_homework_reminders",
        "pogi_hearing_reminders",
        "pogi_comment_reminders",
        mode="before",
    )
    @classmethod
    def _offsets(
        cls, value: str | list[timedelta] | tuple[timedelta, ...]
    ) -> tuple[timedelta, ...]:
        return parse_offsets(value)

    @field_validator("pogi_working_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        WorkingHours.parse(value)  # ValueError: refused with the setting's name
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.pogi_timezone)

    @property
    def working_hours(self) -> WorkingHours:
        return WorkingHours.parse(self.pogi_working_hours, self.timezone)

    def missing_for_slack(self) -> list[str]:
        """The required settings that ``pogi run`` cannot do without."""
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if not self.slack_signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        return missing
