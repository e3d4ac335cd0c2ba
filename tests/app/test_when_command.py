"""``pogi when`` (SPEC §3): one phrase, or one phrase a line from standard input."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest

from bot.app.when_command import run_when

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "dates" / "sample.tsv"
NOW = "2026-11-22T12:00"


def run(
    *texts: str, now: str | None = NOW, tz: str | None = "Europe/Copenhagen", stdin: str = ""
) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    status = run_when(list(texts), now=now, tz=tz, stdin=StringIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_a_moment() -> None:
    assert run("i", "morgen", "kl.", "10") == (0, "2026-11-23T10:00+01:00\n", "")


def test_a_day_and_a_range() -> None:
    assert run("uge", "50") == (0, "2026-12-07\n", "")
    assert run("fredag kl. 12-14") == (
        0,
        "2026-11-27T12:00+01:00/2026-11-27T14:00+01:00\n",
        "",
    )


def test_seconds_are_shown_only_when_not_zero() -> None:
    assert run("om 2 timer", now="2026-11-22T12:00:30") == (0, "2026-11-22T14:00:30+01:00\n", "")


def test_a_rejection_prints_the_reason_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POGI_LANGUAGE", raising=False)
    assert run("31. februar") == (1, "ERROR: Den 31. februar findes ikke.\n", "")
    monkeypatch.setenv("POGI_LANGUAGE", "en")
    assert run("31. februar") == (1, "ERROR: There is no 31 February.\n", "")


def test_now_with_an_offset_and_another_zone() -> None:
    # 11:00 UTC is 12:00 in Copenhagen
    assert run("om 1 time", now="2026-11-22T11:00+00:00") == (0, "2026-11-22T13:00+01:00\n", "")
    assert run("i morgen kl. 10", tz="America/New_York") == (0, "2026-11-23T10:00-05:00\n", "")


def test_the_zone_defaults_to_pogi_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POGI_TIMEZONE", "Europe/London")
    assert run("i morgen kl. 10", tz=None) == (0, "2026-11-23T10:00+00:00\n", "")
    monkeypatch.delenv("POGI_TIMEZONE")
    assert run("i morgen kl. 10", tz=None) == (0, "2026-11-23T10:00+01:00\n", "")


def test_bad_zone_or_now_is_a_one_line_error_with_status_2() -> None:
    status, out, err = run("i morgen", tz="Mars/Olympus")
    assert (status, out) == (2, "")
    assert err == "pogi when: error: unknown time zone 'Mars/Olympus'\n"
    status, out, err = run("i morgen", now="yesterday-ish")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "--now" in err


def test_without_now_the_clock_is_read() -> None:
    status, out, _ = run("om 3 dage", now=None)
    assert status == 0 and len(out.strip()) == len("2026-11-25")


def test_batch_mode_answers_every_line_and_echoes_comments_and_blanks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("POGI_LANGUAGE", raising=False)
    lines = "# a comment\ni morgen kl. 10\n\n  \nblah\nuge 50\tignored\texpected\n31. februar\r\n"
    status, out, err = run("-", stdin=lines)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "# a comment",
        "2026-11-23T10:00+01:00",
        "",
        "  ",
        "ERROR: »blah« kan ikke forstås som et tidspunkt. Skriv fx »torsdag kl. 13«, "
        "»i morgen kl. 10« eller »3. december kl. 10-12«.",
        "2026-12-07",
        "ERROR: Den 31. februar findes ikke.",
    ]


def _pogi() -> list[str]:
    script = Path(sys.executable).parent / "pogi"
    if script.exists():
        return [str(script)]
    found = shutil.which("pogi")
    return [found] if found else [sys.executable, "-m", "bot.app.cli"]


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"shared sample not found at {SAMPLE}")
def test_the_real_command_over_the_sample() -> None:
    rows = [
        line.split("\t")
        for line in SAMPLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    phrases = "".join(f"{row[0]}\n" for row in rows)
    env = {**os.environ, "POGI_LANGUAGE": "da"}
    started = time.perf_counter()
    done = subprocess.run(
        [*_pogi(), "when", "-", "--now", NOW, "--tz", "Europe/Copenhagen"],
        input=phrases,
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    outputs = done.stdout.splitlines()
    assert len(outputs) == len(rows)
    for (phrase, expected, *_), output in zip(rows, outputs, strict=True):
        if expected == "ERROR":
            assert output.startswith("ERROR: "), (phrase, output)
        else:
            assert output == expected, phrase
    assert elapsed < 5  # generous for a loaded machine; the bench measures it properly


def test_the_real_command_starts_and_answers_quickly() -> None:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run(
            [*_pogi(), "when", "i", "morgen", "kl.", "10", "--now", NOW],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        timings.append(time.perf_counter() - started)
        assert done.stdout == "2026-11-23T10:00+01:00\n"
    assert statistics.median(timings) < 1.5
