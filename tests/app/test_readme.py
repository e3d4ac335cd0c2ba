"""The README tells the truth about the settings and the commands."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _settings_table() -> str:
    section = README.split("### Settings", 1)[1]
    return section.split("\n\n", 2)[1]


def test_every_setting_is_in_the_settings_table():
    documented = set(re.findall(r"`([A-Z_]+)`", _settings_table()))

    assert {name.upper() for name in Settings.model_fields} <= documented


def test_the_roster_row_says_which_command_opens_the_form():
    row = next(line for line in README.splitlines() if line.startswith("| `/pogi roster`"))

    assert "(no arguments: a form)" not in row
    assert "`roster add` without arguments: a form" in row
