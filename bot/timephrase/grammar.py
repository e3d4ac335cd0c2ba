"""Read a phrase into a :class:`~bot.timephrase.reading.Reading`, part by part, in any order.

``i morgen kl. 10``, ``kl. 10 i morgen`` and ``10am tomorrow`` read the same: at each position
the rules are tried in turn (dates before clocks, so ``3.12.2026`` is a date), the first that
matches consumes its words, and a phrase is understood only if every word was consumed.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.timephrase.lexicon import FILLER_SYMBOLS, FILLER_WORDS
from bot.timephrase.reading import Reading
from bot.timephrase.rules_clock import read_part_of_day, read_time, read_zone_name
from bot.timephrase.rules_day import (
    read_day_of_month,
    read_iso_date,
    read_named_date,
    read_numeric_date,
    read_relative_day,
    read_week,
    read_weekday,
)
from bot.timephrase.rules_named import read_month_day, read_named_day
from bot.timephrase.rules_offset import read_offset
from bot.timephrase.tokens import Cursor, Token, tokenize

Rule = Callable[[Cursor, Reading, bool], bool]


def read_filler(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``den``, ``the``, ``on``, ``på``, commas and stray dots carry no meaning of their own."""
    return bool(cur.take_word(FILLER_WORDS) or cur.take_sym("".join(FILLER_SYMBOLS)))


RULES: tuple[Rule, ...] = (
    read_iso_date,
    read_numeric_date,
    read_named_date,
    read_relative_day,
    read_named_day,
    read_month_day,
    read_week,
    read_weekday,
    read_offset,
    read_day_of_month,
    read_part_of_day,
    read_time,
    read_zone_name,
    read_filler,
)


def _read_tokens(tokens: list[Token], *, prefer_time: bool) -> Reading | None:
    reading = Reading()
    cur = Cursor(tokens)
    while not cur.at_end():
        start = cur.i
        for rule in RULES:
            if rule(cur, reading, prefer_time) and cur.i > start:
                break
            cur.i = start
        else:
            return None
    return reading


def read_phrase(text: str) -> Reading | None:
    """The reading of ``text``, or None when some part of it is not a time."""
    tokens = tokenize(text)
    reading = _read_tokens(tokens, prefer_time=False)
    if reading is not None and reading.conflict and reading.guessed_dotted_date:
        # ``10.11 i morgen``: read the ``10.11`` as a clock rather than a second date
        again = _read_tokens(tokens, prefer_time=True)
        if again is not None and not again.conflict:
            return again
    return reading
