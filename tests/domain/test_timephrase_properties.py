"""Whatever people type, the parser answers with a result or a rejection, never an exception,
and quickly."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.timephrase import (
    Day,
    Moment,
    Rejection,
    Span,
    parse_time,
    split_leading_time,
    split_trailing_time,
)
from bot.timephrase.messages import rejection_message

ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)
BUDGET_SECONDS = 0.5

# Words and signs the grammar knows, so that generated text often gets deep into the rules.
VOCABULARY = (  # noqa: SIM905 - a sentence of words reads better than a list of strings
    "kl kl. klokken i morgen overmorgen dag går næste uge uger tirsdag tors. fredag søndag om "
    "time timer minutter dage måneder år et en halv halvanden kvarter fra til mellem og d. den "
    "3. 3 12 24 25 2026 2027 49 53 december dec. marts februar tomorrow today next week at am "
    "pm p.m. noon midnight in half an hour the of 3rd from to between and ago siden for "
    "eftermiddagen aften utc 10:30 10.30 13-15.30 3/12 3/12-2026 2026-12-03 2026-12-03T10:00 "
    "- – / : . , @ ' ( )"
).split()

phrases = st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join)
odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any code point that is valid text
    max_size=80,
)
# 10 kB: a generated piece, repeated (hypothesis generates small values best)
long_text = st.text(min_size=1, max_size=120).map(lambda piece: (piece * 10_000)[:10_000])


def _timed(call: Callable[..., object], text: str) -> object:
    """The call, within its budget of this thread's CPU time: a parse that backtracks without
    end is caught, a busy machine that gives the CPU to others is not blamed."""
    started = time.thread_time()
    result = call(text, now=NOW, zone=ZONE)
    assert time.thread_time() - started < BUDGET_SECONDS, text[:80]
    return result


def _check(text: str) -> None:
    result = _timed(parse_time, text)
    assert isinstance(result, Moment | Day | Span | Rejection)
    if isinstance(result, Rejection):
        assert rejection_message(result, "da") and rejection_message(result, "en")
    else:
        assert result.iso()
        if isinstance(result, Moment):
            assert result.at >= NOW
        if isinstance(result, Span):
            assert NOW <= result.start < result.end
        if isinstance(result, Day):
            assert result.day >= NOW.date()
    trailing = _timed(split_trailing_time, text)
    assert isinstance(trailing, tuple | Rejection)
    leading = _timed(split_leading_time, text)
    assert isinstance(leading, tuple | Rejection)


def setup_module() -> None:
    # the first phrase that falls through to dateparser imports it (a few tenths of a second);
    # do that outside the timing
    from bot.timephrase.fallback import parse_with_dateparser

    assert parse_with_dateparser("03-Dec-2026", now=NOW, zone=ZONE, language=None) is not None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrases)
def test_phrases_from_the_vocabulary(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(odd_text)
def test_any_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(long_text, st.sampled_from(VOCABULARY).map(lambda word: (word + " ") * 2_000)))
def test_very_long_text(text: str) -> None:
    _check(text)


def test_ten_kilobytes_of_time_words() -> None:
    text = "i morgen kl. 10 " * 640
    assert len(text) >= 10_000
    rejection = _timed(parse_time, text)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "too_long"
    _check(text)
