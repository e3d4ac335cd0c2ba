"""Benchmark the time-phrase parser against plain dateparser on the shared sample.

    python bench/dates.py [--seconds 2] [--runs 5]

Prints, for the phrase column of ``shared/dates/sample.tsv`` (now = 2026-11-22 12:00,
Copenhagen): phrases per second for ``bot.timephrase.parse_time`` and for ``dateparser.parse``
with sensible settings, and their ratio; how many sample lines each gets right; and the wall time
of ``pogi when`` (start and answer, in a subprocess; the median of a few runs). Ends by itself in
well under a minute.

dateparser is scored generously: no answer or an answer in the past counts as a rejection, and
for a line whose expected answer is a day, the right date at any time of day counts as right.
It cannot express a range, so range lines count against it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
# The shared folder sits beside the repository (or beside the folder of its worktrees).
SAMPLE = next(
    (
        folder / "shared" / "dates" / "sample.tsv"
        for folder in REPO.parents
        if (folder / "shared" / "dates" / "sample.tsv").exists()
    ),
    REPO.parent / "shared" / "dates" / "sample.tsv",
)
ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)


def load_sample() -> list[tuple[str, str]]:
    rows = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, expected = line.split("\t")[:2]
            rows.append((phrase, expected))
    return rows


def ours(phrase: str) -> str:
    from bot.timephrase import Rejection, parse_time

    result = parse_time(phrase, now=NOW, zone=ZONE)
    return "ERROR" if isinstance(result, Rejection) else result.iso()


def dateparser_settings() -> dict[str, object]:
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "future",
        "TIMEZONE": "Europe/Copenhagen",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RELATIVE_BASE": NOW.replace(tzinfo=None),
    }


def plain_dateparser(phrase: str) -> datetime | None:
    import dateparser

    return dateparser.parse(phrase, languages=["da", "en"], settings=dateparser_settings())


def dateparser_is_right(found: datetime | None, expected: str) -> bool:
    if expected == "ERROR":
        return found is None or found < NOW
    if found is None or "/" in expected:
        return False
    local = found.astimezone(ZONE)
    if "T" not in expected:
        return local.date().isoformat() == expected
    return local.isoformat(timespec="minutes") == expected


def phrases_per_second(parse: Callable[[str], object], phrases: list[str], seconds: float) -> float:
    for phrase in phrases:  # warm up: imports, caches, dateparser's language data
        parse(phrase)
    count = 0
    started = time.perf_counter()
    while True:
        for phrase in phrases:
            parse(phrase)
        count += len(phrases)
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return count / elapsed


def pogi_when_seconds(runs: int) -> tuple[float, float]:
    script = Path(sys.executable).parent / "pogi"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bot.app.cli"]
    single, batch = [], []
    phrases = "".join(f"{phrase}\n" for phrase, _ in load_sample())
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [*command, "when", "i", "morgen", "kl.", "10", "--now", "2026-11-22T12:00"],
            capture_output=True,
            check=True,
            timeout=20,
        )
        single.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run(
            [*command, "when", "-", "--now", "2026-11-22T12:00"],
            input=phrases.encode(),
            capture_output=True,
            check=True,
            timeout=20,
        )
        batch.append(time.perf_counter() - started)
    return statistics.median(single), statistics.median(batch)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=float, default=2.0, help="timing per parser")
    options.add_argument("--runs", type=int, default=5, help="pogi when runs (median)")
    args = options.parse_args(argv)
    if not SAMPLE.exists():
        print(f"sample not found: {SAMPLE}", file=sys.stderr)
        return 1
    rows = load_sample()
    phrases = [phrase for phrase, _ in rows]

    ours_right = sum(ours(phrase) == expected for phrase, expected in rows)
    theirs_right = sum(dateparser_is_right(plain_dateparser(p), e) for p, e in rows)
    ours_speed = phrases_per_second(ours, phrases, args.seconds)
    theirs_speed = phrases_per_second(plain_dateparser, phrases, args.seconds)
    single, batch = pogi_when_seconds(args.runs)

    print(f"sample: {len(rows)} phrases from {SAMPLE.resolve()}")
    print(f"right:  bot.timephrase {ours_right}/{len(rows)}, dateparser {theirs_right}/{len(rows)}")
    print(f"speed:  bot.timephrase {ours_speed:,.0f} phrases/s")
    print(f"        dateparser     {theirs_speed:,.0f} phrases/s")
    print(f"        ratio          {ours_speed / theirs_speed:,.1f}x (bot.timephrase/dateparser)")
    print(f"pogi when, start + one answer:  {single:.3f} s (median of {args.runs})")
    print(f"pogi when -, the whole sample:  {batch:.3f} s (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
