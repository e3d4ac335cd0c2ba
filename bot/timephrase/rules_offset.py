"""Grammar rules for offsets from now: ``om 3 dage``, ``om et kvarter``, ``in 2 weeks``.

Like the other rules it takes a :class:`~bot.timephrase.tokens.Cursor` and a
:class:`~bot.timephrase.reading.Reading`, and either consumes tokens and answers True or answers
False. Amounts are exact fractions, so ``halvanden time`` is 90 minutes, not 89.99.
"""

from __future__ import annotations

from fractions import Fraction

from bot.timephrase.lexicon import NUMBER_WORDS, UNITS
from bot.timephrase.reading import Offset, Reading
from bot.timephrase.tokens import Cursor

_LARGEST_AMOUNT = 100_000  # ``om 100000 dage`` is already centuries away


def read_offset(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``om 2 uger``, ``om et kvarter``, ``in half an hour``, ``2 days from now``, ``3 days ago``
    (the last is in the past, and refused as such)."""
    sign = 1
    lead = cur.take_word(("om", "in", "within"))
    ago = lead is None and cur.take_word("for") is not None
    amounts = _read_amounts(cur)
    if amounts is None:
        return False
    if ago:
        if not cur.take_word("siden"):
            return False
        sign = -1
    elif lead is None:
        if cur.take_word("ago"):
            sign = -1
        elif not (
            cur.take_words("from", "now")
            or cur.take_words("from", "today")
            or cur.take_words("fra", "nu")
            or cur.take_words("fra", "i", "dag")
            or cur.take_word(("later", "senere"))
        ):
            return False
    months, days, seconds, exact = amounts
    if max(abs(months) / 12, abs(days) / 365, abs(seconds) / 31_536_000) > 200:
        reading.too_far = True
        months = days = seconds = Fraction(0)
    if months.denominator != 1 or days.denominator != 1:
        return False  # ``om en halv uge``: say it in days
    offset = Offset(sign * int(months), sign * int(days), sign * round(seconds), exact)
    reading.put("offset", offset)
    return True


def _read_amounts(cur: Cursor) -> tuple[Fraction, Fraction, Fraction, bool] | None:
    """One or more ``N unit`` joined by ``og``/``and``/``,``."""
    totals = {"months": Fraction(0), "days": Fraction(0), "seconds": Fraction(0)}
    kinds_seen: set[str] = set()
    found = False
    while True:
        mark = cur.i
        if found and not (cur.take_word(("og", "and")) or cur.take_sym(",")):
            break
        amount = _read_amount(cur)
        if amount is None:
            cur.i = mark
            break
        kind, value = amount
        totals[kind] += value
        kinds_seen.add(kind)
        found = True
    if not found:
        return None
    exact = "seconds" in kinds_seen
    return totals["months"], totals["days"], totals["seconds"], exact


def _read_amount(cur: Cursor) -> tuple[str, Fraction] | None:
    """``2 uger``, ``et kvarter``, ``en halv time``, ``halvanden time``, ``1,5 timer``,
    ``half an hour``, ``a quarter of an hour``, ``an hour and a half``."""
    half = Fraction(1, 2)
    if cur.take_word("halvanden"):
        quantity = Fraction(3, 2)
    elif cur.take_word("half"):
        cur.take_word(("an", "a"))
        quantity = half
    elif cur.take_words("a", "quarter") or cur.take_word("quarter"):
        cur.take_word("of")
        cur.take_word(("an", "a"))
        unit = cur.take_word(("hour", "time"))
        return ("seconds", Fraction(900)) if unit else None
    else:
        counted = _read_quantity(cur)
        if counted is None:
            return None
        quantity = counted
        if cur.take_word("halv"):
            if quantity != 1:
                return None
            quantity = half
        elif (
            cur.take_words("en", "halv")
            or cur.take_words("og", "en", "halv")
            or cur.take_words("and", "a", "half")
        ):
            quantity += half
    unit = cur.take_word(UNITS)
    if unit is None:
        return None
    cur.take_dot()
    if cur.take_words("og", "en", "halv") or cur.take_words("and", "a", "half"):
        quantity += half
    kind, size = UNITS[unit]
    return kind, quantity * size


def _read_quantity(cur: Cursor) -> Fraction | None:
    digits = cur.take_num()
    if digits is None:
        word = cur.take_word(NUMBER_WORDS)
        return None if word is None else Fraction(NUMBER_WORDS[word])
    if len(digits) > 9:
        return Fraction(_LARGEST_AMOUNT * 1000)
    mark = cur.i
    if cur.take_sym(",.", glued=True):
        decimals = cur.take_num(glued=True)
        if decimals is not None and len(decimals) <= 3:
            return Fraction(f"{digits}.{decimals}")
        cur.i = mark
    return Fraction(int(digits))
