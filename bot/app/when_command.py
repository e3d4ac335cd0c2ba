"""``pogi when``: what a time phrase means (SPEC §3 and §5).

``pogi when i morgen kl. 10`` prints ``2026-11-23T10:00+01:00``; a day prints ``2026-12-07``, a
range ``START/END``. With ``-`` it reads one phrase a line from standard input and prints one line
for each: the result, ``ERROR: reason`` for a refused phrase, and blank or ``#`` lines unchanged.
A line with a TAB is read up to the TAB, so a ``phrase<TAB>expected`` file lines up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.timephrase import Rejection, parse_time
from bot.timephrase.messages import rejection_message

_DEFAULT_ZONE = "Europe/Copenhagen"


class _UsageError(Exception):
    pass


def _zone(name: str | None) -> ZoneInfo:
    name = name or os.environ.get("POGI_TIMEZONE") or _DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise _UsageError(f"unknown time zone {name!r}") from error


def _now(text: str | None, zone: ZoneInfo) -> datetime:
    if not text:
        return datetime.now(zone)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise _UsageError(
            f"--now must be an ISO date and time such as 2026-11-22T12:00, not {text!r}"
        ) from error
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def answer(phrase: str, *, now: datetime, zone: ZoneInfo, language: str) -> str:
    """One output line: the ISO result or ``ERROR: reason``."""
    result = parse_time(phrase, now=now, zone=zone, language=language)
    if isinstance(result, Rejection):
        return f"ERROR: {rejection_message(result, language)}"
    return result.iso()


def run_when(
    texts: Sequence[str],
    *,
    now: str | None,
    tz: str | None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Answer ``pogi when``. Exit status: 0 answered (always, in batch mode), 1 the phrase was
    refused, 2 a bad ``--now`` or ``--tz``."""
    try:
        zone = _zone(tz)
        moment = _now(now, zone)
    except _UsageError as error:
        print(f"pogi when: error: {error}", file=stderr or sys.stderr)
        return 2
    language = os.environ.get("POGI_LANGUAGE") or "da"
    if list(texts) == ["-"]:
        for line in stdin:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                print(line, file=stdout)
                continue
            phrase = line.split("\t", 1)[0]
            print(answer(phrase, now=moment, zone=zone, language=language), file=stdout)
        return 0
    output = answer(" ".join(texts), now=moment, zone=zone, language=language)
    print(output, file=stdout)
    return 1 if output.startswith("ERROR: ") else 0
