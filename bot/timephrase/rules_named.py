"""Grammar rules for days named by the calendar rather than by their date: ``juleaften``,
``dagen før juleaften``, ``efter påske``, ``primo marts``, ``første tirsdag i marts``,
``sidste fredag i måneden``, ``i næste måned`` and their English equivalents.

Each rule consumes tokens and fills the reading's date slot, or answers False and the caller
puts the cursor back. They come after ``i dag``/``i morgen`` (so ``the day after tomorrow`` is
a relative day) and before weeks and weekdays (so ``sidste fredag i måneden`` is a day of the
month, while ``sidste fredag`` alone stays a weekday).
"""

from __future__ import annotations

from bot.timephrase.lexicon import MONTHS, NEXT_WORDS, THIS_WORDS, WEEKDAYS, fold
from bot.timephrase.named_days import FIRST_WORDS, LONGEST_SPELLING, NUMBERED, SPELLINGS
from bot.timephrase.reading import MonthPart, MonthRef, MonthStart, NamedDay, NthWeekday, Reading
from bot.timephrase.rules_day import _take_year
from bot.timephrase.tokens import Cursor

_MONTH_WORDS = frozenset(map(fold, ("måned", "month")))
_THE_MONTH = frozenset(map(fold, ("måneden", "månedens")))
_PARTS = {"primo": "primo", "medio": "medio", "ultimo": "ultimo"}
_NTH = {
    **{fold(word): n for n, word in enumerate(("første", "anden", "tredje", "fjerde", "femte"), 1)},
    **{word: n for n, word in enumerate(("first", "second", "third", "fourth", "fifth"), 1)},
    **{fold(word): -1 for word in ("sidste", "last")},
}
_BEFORE = frozenset(map(fold, ("før", "inden", "before")))
_AFTER = frozenset(map(fold, ("efter", "after")))
_NTH_WORDS = frozenset(_NTH)
_NUMBERED_WORDS = frozenset(word for _, word in NUMBERED)
_IN_WORDS = frozenset(("i", "in", "during"))
# The words these rules can begin with: any other word is passed by at once (the grammar tries
# every rule at every position, so this keeps phrases without named days as fast as before).
_NAMED_DAY_STARTS = FIRST_WORDS | _BEFORE | _AFTER | {"dagen", "the", "day"}
_MONTH_DAY_STARTS = (
    _THE_MONTH
    | _NTH_WORDS
    | _IN_WORDS
    | NEXT_WORDS
    | THIS_WORDS
    | frozenset(MONTHS)
    | frozenset(_PARTS)
    | {"the", "beginning", "start", "middle", "mid", "end", "overnaeste", "overnaste"}
)


def _starts(cur: Cursor, words: frozenset[str]) -> bool:
    token = cur.peek()
    return token is not None and (token.kind == "num" or token.text in words)


def _take_name(cur: Cursor) -> str | None:
    """A named day: the longest spelling that matches here (``anden påskedag`` before
    ``påske``), or ``2. påskedag``."""
    start = cur.i
    number = cur.take_num(digits=(1,))
    if number is not None:
        word = cur.take_word(_NUMBERED_WORDS) if cur.take_dot() else None
        if word is not None and (int(number), word) in NUMBERED:
            return NUMBERED[(int(number), word)]
        cur.i = start
        return None
    token = cur.peek()
    if token is None or token.text not in FIRST_WORDS:
        return None
    words: list[str] = []
    ends: list[int] = []
    while len(words) < LONGEST_SPELLING:
        cur.take_sym("'", glued=True)
        token = cur.peek()
        if token is None or token.kind != "word":
            break
        words.append(token.text)
        cur.i += 1
        ends.append(cur.i)
    for count in range(len(words), 0, -1):
        name = SPELLINGS.get(tuple(words[:count]))
        if name is not None:
            cur.i = ends[count - 1]
            return name
    cur.i = start
    return None


def read_named_day(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``juleaften``, ``2. påskedag 2027``, ``dagen før juleaften``, ``the day after Christmas``,
    ``før påske``, ``efter jul``."""
    if not _starts(cur, _NAMED_DAY_STARTS):
        return False
    shift = around = 0
    if cur.take_words("dagen", fold("før")) or cur.take_words("dagen", "for"):
        shift = -1
    elif cur.take_words("dagen", "efter"):
        shift = 1
    elif cur.take_words("the", "day", "before") or cur.take_words("day", "before"):
        shift = -1
    elif cur.take_words("the", "day", "after") or cur.take_words("day", "after"):
        shift = 1
    elif cur.take_word(_BEFORE):
        around = -1
    elif cur.take_word(_AFTER):
        around = 1
    name = _take_name(cur)
    if name is None:
        return False
    reading.put("date", NamedDay(name, _take_year(cur), shift, around))
    return True


def _take_month(cur: Cursor) -> MonthRef | None:
    """``marts [2027]``, ``næste måned``, ``denne måned``, ``måneden``, ``next month``."""
    if cur.take_word(_THE_MONTH) or cur.take_words("the", "month"):
        return MonthRef(relative=0)
    relative = None
    if cur.take_word(NEXT_WORDS):
        relative = 1
    elif cur.take_word(("overnaeste", "overnaste")):
        relative = 2
    elif cur.take_word(THIS_WORDS):
        relative = 0
    if relative is not None:
        return MonthRef(relative=relative) if cur.take_word(_MONTH_WORDS) else None
    month = cur.take_word(MONTHS)
    if month is None:
        return None
    cur.take_dot()
    return MonthRef(month=MONTHS[month], year=_take_year(cur))


def _take_part(cur: Cursor) -> str | None:
    """``primo``, ``medio``, ``ultimo``; ``beginning of``, ``mid-``, ``end of``."""
    part = cur.take_word(_PARTS)
    if part is not None:
        return _PARTS[part]
    if cur.take_words("beginning", "of") or cur.take_words("start", "of"):
        return "primo"
    if cur.take_words("middle", "of") or cur.take_words("mid", "of"):
        return "medio"
    if cur.take_word("mid"):
        cur.take_sym("-", glued=True)
        return "medio"
    if cur.take_words("end", "of"):
        return "ultimo"
    return None


def _take_nth(cur: Cursor) -> int | None:
    """``første``, ``sidste``, ``2.``, ``second``, ``last``."""
    word = cur.take_word(_NTH)
    if word is not None:
        return _NTH[word]
    start = cur.i
    number = cur.take_num(digits=(1,))
    if number is not None and 1 <= int(number) <= 5 and cur.take_dot():
        return int(number)
    cur.i = start
    return None


def read_month_day(cur: Cursor, reading: Reading, prefer_time: bool) -> bool:
    """``primo marts``, ``ultimo næste måned``, ``første tirsdag i marts``, ``sidste fredag i
    måneden``, ``i næste måned``, ``i marts``, ``the first Tuesday of March``, ``end of
    March``, ``next month``."""
    if not _starts(cur, _MONTH_DAY_STARTS):
        return False
    cur.take_word("the")
    part = _take_part(cur)
    if part is not None:
        month = _take_month(cur)
        if month is None:
            return False
        reading.put("date", MonthPart(part, month))
        return True
    nth = _take_nth(cur)
    if nth is not None:
        weekday = cur.take_word(WEEKDAYS)
        if weekday is None:
            return False
        cur.take_dot()
        if not cur.take_word(("i", "in", "of")):
            return False
        month = _take_month(cur)
        if month is None:
            return False
        reading.put("date", NthWeekday(nth, WEEKDAYS[weekday], month))
        return True
    inside = cur.take_word(_IN_WORDS) is not None
    month = _take_month(cur)
    if month is None or (not inside and month.relative is None):
        return False
    reading.put("date", MonthStart(month))
    return True
