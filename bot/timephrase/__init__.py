"""Time phrases in Danish and English: ``i morgen kl. 10``, ``fredag kl. 12-14``, ``uge 50``.

One parser for every command that takes a time (SPEC §5)::

    result = parse_time("torsdag kl. 13-15", now=now, zone=ZoneInfo("Europe/Copenhagen"))
    if isinstance(result, Rejection):
        reply(rejection_message(result, "da"))
    else:
        reply(describe(result, zone=zone))  # torsdag den 26. november 2026 kl. 13.00–15.00

Modules: :mod:`.lexicon` (the words), :mod:`.tokens` (cutting text up), :mod:`.rules_day`,
:mod:`.rules_offset` and :mod:`.rules_clock` (the grammar rules), :mod:`.grammar` (applying
them), :mod:`.resolve` (placing a reading in the calendar), :mod:`.results` (what comes out),
:mod:`.messages` (text for people), :mod:`.fallback` (dateparser, for full dates only) and
:mod:`.api` (the functions below).
"""

from bot.timephrase.api import (
    leading_time_readings,
    parse_time,
    split_leading_time,
    split_trailing_time,
)
from bot.timephrase.messages import describe, rejection_message
from bot.timephrase.results import Day, Moment, Rejection, Span, TimeResult

__all__ = [
    "Day",
    "Moment",
    "Rejection",
    "Span",
    "TimeResult",
    "describe",
    "leading_time_readings",
    "parse_time",
    "rejection_message",
    "split_leading_time",
    "split_trailing_time",
]
