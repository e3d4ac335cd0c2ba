"""The parser's front door: one phrase, or a phrase at the end or start of a command."""

from __future__ import annotations

import re
from datetime import date, datetime
from itertools import islice
from zoneinfo import ZoneInfo

from bot.timephrase.grammar import read_phrase
from bot.timephrase.lexicon import fold
from bot.timephrase.resolve import refuse_past, resolve
from bot.timephrase.results import Day, Moment, Rejection, Span, TimeResult

MAX_PHRASE_LENGTH = 200  # longer text is not a time phrase; refusing it keeps parsing cheap
SPLIT_WINDOW_WORDS = 12  # a time phrase is at most this many words: ``fra kl. 9 til kl. 11 …``

# Words that end a task and introduce its deadline: ``Send udkast til Anne til fredag kl. 12``.
SEPARATORS = frozenset(
    map(
        fold,
        (
            "til",
            "senest",
            "inden",
            "på",
            "frist",
            "by",
            "before",
            "until",
            "on",
            "due",
            "deadline",
        ),
    )
)
# Rejections that say "this is not a time at all", as opposed to "this time will not do".
_UNRECOGNISED = frozenset(("empty", "too_long", "not_understood", "conflicting"))
_WORD = re.compile(r"\S+")


def parse_time(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None = None
) -> TimeResult | Rejection:
    """What ``text`` means relative to ``now`` in ``zone``, or why it cannot be accepted.

    ``language`` ("da"/"en") is a hint only: Danish and English are both always understood;
    it decides which language :mod:`dateparser` tries first if it is ever consulted.
    """
    phrase = " ".join(text.split())
    if not phrase:
        return Rejection("empty", phrase)
    if len(phrase) > MAX_PHRASE_LENGTH:
        return Rejection("too_long", phrase[:60])
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone)
    reading = read_phrase(phrase)
    if reading is None:
        from bot.timephrase.fallback import parse_with_dateparser

        understood = parse_with_dateparser(phrase, now=now, zone=zone, language=language)
        if understood is None:
            return Rejection("not_understood", phrase)
        return refuse_past(understood, now=now, phrase=phrase)
    return resolve(reading, phrase=phrase, now=now, zone=zone)


def split_trailing_time(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None = None
) -> tuple[str, TimeResult] | Rejection:
    """``Send udkast til Anne til fredag kl. 12`` → (``Send udkast til Anne``, fredag 12:00).

    Splits at the last separator word (:data:`SEPARATORS`) among the final
    :data:`SPLIT_WINDOW_WORDS` words whose remainder is an acceptable time, and returns the text
    before it (with any separator words right before it, as in ``senest til``, removed).
    Without such a split: the most telling rejection met on the way, else ``missing_time``.
    """
    words = list(_WORD.finditer(text))
    best: Rejection | None = None
    first = max(0, len(words) - SPLIT_WINDOW_WORDS - 1)
    for index in range(len(words) - 2, first - 1, -1):
        if _separator(words[index].group()) is None:
            continue
        result = parse_time(text[words[index + 1].start() :], now=now, zone=zone, language=language)
        if isinstance(result, Rejection):
            # a time that will not do (``til 31. februar``) explains more than "no time here"
            if best is None and result.code not in _UNRECOGNISED:
                best = result
            continue
        while index > 0 and _separator(words[index - 1].group()):
            index -= 1
        task = text[: words[index].start()].rstrip().rstrip(",;:-–").rstrip()
        return task, result
    return best or Rejection("missing_time", text.strip()[-60:])


def split_leading_time(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None = None
) -> tuple[TimeResult, str] | Rejection:
    """``torsdag kl. 13-15 Opstartsmøde`` → (torsdag 13:00–15:00, ``Opstartsmøde``): the first
    of :func:`leading_time_readings`."""
    readings = leading_time_readings(text, now=now, zone=zone, language=language)
    return readings if isinstance(readings, Rejection) else readings[0]


def leading_time_readings(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None = None
) -> list[tuple[TimeResult, str]] | Rejection:
    """The ways ``text`` splits into a time and what follows, the preferred first; two only
    where the split is truly ambiguous.

    The longest run of leading words (at most :data:`SPLIT_WINDOW_WORDS`) that is an acceptable
    time wins. A longer run that is a time but not an acceptable one (``fredag kl. 25 Møde``) is
    refused rather than cut down to a shorter run that happens to pass (``fredag``).

    A title may begin with a number (``tirsdag kl. 10-12 1. arbejdsgruppemøde``), which the
    longest run would read as the day of the month (tirsdag den 1. juni 2027). A day already
    named with a time (a weekday, ``i morgen``) is a complete date, so the title begins after
    it; only when the number is that very day (the Tuesday is the 1st) are both readings
    offered. A time without a day (``kl. 10-12 1. arbejdsgruppemøde``) offers both as well, the
    longer first.
    """
    words = list(islice(_WORD.finditer(text), SPLIT_WINDOW_WORDS))
    best: Rejection | None = None
    for count in range(len(words), 0, -1):
        end = words[count - 1].end()
        result = parse_time(text[:end], now=now, zone=zone, language=language)
        if not isinstance(result, Rejection):
            longest = (result, _rest(text, end))
            return _also_before_a_number(
                text, words[:count], longest, now=now, zone=zone, language=language
            )
        if result.code not in _UNRECOGNISED:
            return result
        if best is None:
            best = result
    return best or Rejection("empty", "")


_DAY_NUMBER = re.compile(r"^\d{1,2}\.?$")


def _rest(text: str, end: int) -> str:
    return text[end:].strip().lstrip(",;:-–").strip()


def _also_before_a_number(
    text: str,
    words: list[re.Match[str]],
    longest: tuple[TimeResult, str],
    *,
    now: datetime,
    zone: ZoneInfo,
    language: str | None,
) -> list[tuple[TimeResult, str]]:
    """The longest reading, and the one without its last word when that word is a bare day
    number (``1.``) and the words before it are a time of day on their own."""
    if len(words) < 2 or not _DAY_NUMBER.match(words[-1].group()):
        return [longest]
    end = words[-2].end()
    result = parse_time(text[:end], now=now, zone=zone, language=language)
    if isinstance(result, Rejection | Day):
        return [longest]
    shorter = (result, _rest(text, end))
    reading = read_phrase(text[:end])
    if reading is None or not reading.names_a_day:
        return [longest, shorter]  # ``kl. 10-12 1. …``: either could be meant
    if _first_day(result) == _first_day(longest[0]):
        return [shorter, longest]  # the number is that very day: the title may begin with it
    return [shorter]  # a day named with a time is complete; the title begins after it


def _first_day(result: TimeResult) -> date:
    if isinstance(result, Moment):
        return result.at.date()
    if isinstance(result, Span):
        return result.start.date()
    return result.day


def _separator(word: str) -> str | None:
    folded = fold(word.strip(",.:;"))
    return folded if folded in SEPARATORS else None
