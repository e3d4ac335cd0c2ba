"""The words of time phrases, Danish and English, keyed by their folded spelling.

Every key goes through :func:`fold`, and a Danish key also answers to its spelling without
æ, ø and å (``naeste``/``naste``, ``loerdag``/``lordag``, ``i gaar``/``i gar``), so people on a
keyboard without them are understood too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_PLAIN_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a"})

_Value = TypeVar("_Value")


def fold(word: str) -> str:
    """Lower-case ``word``, spell æ/ø/å as ae/oe/aa and drop accents (``én`` → ``en``)."""
    word = word.lower().translate(_DANISH_LETTERS)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _table(groups: Mapping[_Value, Iterable[str]]) -> dict[str, _Value]:
    table: dict[str, _Value] = {}
    for value, words in groups.items():
        for word in words:
            table[fold(word)] = value
            table.setdefault(fold(word.lower().translate(_PLAIN_LETTERS)), value)
    return table


WEEKDAYS: dict[str, int] = _table(
    {
        0: ("mandag", "man", "monday", "mon"),
        1: ("tirsdag", "tirs", "tir", "tuesday", "tue", "tues"),
        2: ("onsdag", "ons", "wednesday", "wed", "weds"),
        3: ("torsdag", "tors", "tor", "thursday", "thu", "thur", "thurs"),
        4: ("fredag", "fre", "fred", "friday", "fri"),
        5: ("lørdag", "lør", "saturday", "sat"),
        6: ("søndag", "søn", "sunday", "sun"),
    }
)

MONTHS: dict[str, int] = _table(
    {
        1: ("januar", "jan", "january"),
        2: ("februar", "feb", "february"),
        3: ("marts", "mar", "march", "mrt"),
        4: ("april", "apr"),
        5: ("maj", "may"),
        6: ("juni", "jun", "june"),
        7: ("juli", "jul", "july"),
        8: ("august", "aug"),
        9: ("september", "sep", "sept"),
        10: ("oktober", "okt", "october", "oct"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    }
)

# Danish and English number words up to twenty, and the round tens people use for durations.
NUMBER_WORDS: dict[str, int] = _table(
    {
        0: ("nul", "zero"),
        1: ("en", "et", "én", "ét", "one", "a", "an"),
        2: ("to", "two"),
        3: ("tre", "three"),
        4: ("fire", "four"),
        5: ("fem", "five"),
        6: ("seks", "six"),
        7: ("syv", "seven"),
        8: ("otte", "eight"),
        9: ("ni", "nine"),
        10: ("ti", "ten"),
        11: ("elleve", "eleven"),
        12: ("tolv", "twelve"),
        13: ("tretten", "thirteen"),
        14: ("fjorten", "fourteen"),
        15: ("femten", "fifteen"),
        16: ("seksten", "sixteen"),
        17: ("sytten", "seventeen"),
        18: ("atten", "eighteen"),
        19: ("nitten", "nineteen"),
        20: ("tyve", "twenty"),
        30: ("tredive", "thirty"),
        40: ("fyrre", "forty"),
        60: ("tres", "sixty"),
    }
)

_DANISH_ORDINALS = [
    "første",
    "anden",
    "tredje",
    "fjerde",
    "femte",
    "sjette",
    "syvende",
    "ottende",
    "niende",
    "tiende",
    "ellevte",
    "tolvte",
    "trettende",
    "fjortende",
    "femtende",
    "sekstende",
    "syttende",
    "attende",
    "nittende",
    "tyvende",
    "enogtyvende",
    "toogtyvende",
    "treogtyvende",
    "fireogtyvende",
    "femogtyvende",
    "seksogtyvende",
    "syvogtyvende",
    "otteogtyvende",
    "niogtyvende",
    "tredivte",
    "enogtredivte",
]
_ENGLISH_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
# ``den første december``, ``December first``; English 21st-31st are ``twenty first`` etc.
ORDINAL_WORDS: dict[str, int] = _table(
    {
        day: (danish, *_ENGLISH_ORDINALS[day - 1 : day])
        for day, danish in enumerate(_DANISH_ORDINALS, 1)
    }
)
ORDINAL_WORDS[fold("thirtieth")] = 30
TENS_FOR_ORDINALS: dict[str, int] = {"twenty": 20, "thirty": 30}

# A unit of an ``om N …`` / ``in N …`` offset: ("months" | "days" | "seconds", size).
UNITS: dict[str, tuple[str, int]] = _table(
    {
        ("seconds", 60): ("minut", "minutter", "min", "mins", "minute", "minutes", "m"),
        ("seconds", 900): ("kvarter", "kvarterer"),
        ("seconds", 3600): ("time", "timer", "t", "hour", "hours", "hr", "hrs", "h"),
        ("days", 1): ("dag", "dage", "døgn", "day", "days", "d"),
        ("days", 7): ("uge", "uger", "week", "weeks", "wk", "wks", "w"),
        ("days", 14): ("fortnight", "fortnights"),
        ("months", 1): ("måned", "måneder", "md", "mdr", "mnd", "month", "months", "mo"),
        ("months", 12): ("år", "year", "years", "yr", "yrs"),
    }
)

# Relative days: ``i morgen`` is one word sequence, so the table maps word tuples.
RELATIVE_DAYS: dict[tuple[str, ...], int] = {}
for _offset, _phrases in {
    0: ("i dag", "idag", "today"),
    1: ("i morgen", "imorgen", "tomorrow", "tmrw"),
    2: (
        "i overmorgen",
        "iovermorgen",
        "overmorgen",
        "the day after tomorrow",
        "day after tomorrow",
    ),
    -1: ("i går", "igår", "yesterday"),
    -2: ("i forgårs", "iforgårs", "forgårs", "the day before yesterday", "day before yesterday"),
}.items():
    for _phrase in _phrases:
        for _spelling in {_phrase, _phrase.translate(_PLAIN_LETTERS)}:
            RELATIVE_DAYS[tuple(fold(word) for word in _spelling.split())] = _offset

# Parts of the day that move a clock hour: "pm" turns 1–11 into 13–23.
PARTS_OF_DAY: dict[str, str] = _table(
    {
        "am": ("morgen", "morgenen", "formiddag", "formiddagen", "morning"),
        "pm": ("eftermiddag", "eftermiddagen", "aften", "aftenen", "afternoon", "evening"),
    }
)
# ``i aften``, ``this afternoon``, ``tonight``: today, in that part of the day.
TODAY_PARTS: dict[str, str] = _table(
    {
        "am": ("formiddag", "morning"),
        "pm": ("eftermiddag", "aften", "afternoon", "evening", "tonight"),
    }
)

NEXT_WORDS = frozenset(map(fold, ("næste", "naeste", "naste", "next", "kommende", "coming")))
LAST_WORDS = frozenset(("sidste", "forrige", "last", "previous"))
THIS_WORDS = frozenset(map(fold, ("denne", "this", "indeværende", "current")))
WEEK_WORDS = frozenset(("uge", "week", "wk", "ugen"))
CLOCK_PREFIXES = frozenset(("kl", "klokken", "at", "ved"))
RANGE_OPENERS = frozenset(("fra", "from", "mellem", "between"))
RANGE_WORDS = frozenset(("til", "to", "until", "till", "thru", "through"))
ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th", "te", "de", "ste"))
NOON_WORDS = frozenset(("noon", "midday", "middag", "middagstid"))
MIDNIGHT_WORDS = frozenset(("midnight", "midnat"))
# Words that carry no meaning of their own between the parts of a phrase.
FILLER_WORDS = frozenset(
    (
        *("den", "d", "the", "on", "paa", "pa", "og", "and", "of"),
        # hedges and deadline words: ``ca. kl. 10``, ``senest fredag``, ``by Friday``
        *("ca", "cirka", "omkring", "around", "about", "approximately", "approx"),
        *("senest", "by", "due"),
    )
)
FILLER_SYMBOLS = frozenset((",", ".", ";", ":", "(", ")", "!", "-"))
