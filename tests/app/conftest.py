"""The command line's tests: a clean environment with a database file of its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A clean environment with a database file of its own; returns that file."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "POGI_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    database = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.chdir(tmp_path)
    return database
