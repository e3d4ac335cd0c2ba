"""``/pogi status`` with 50 revisions in the database: the acknowledgement against bare Bolt,
and the statements a status reads, conditions included.

    python bench/status.py [--revisions 50]

As ``bench/ack.py``, with its rounds, senders and apps (``bench/_harness.py``), but pogi's
database holds ``--revisions`` revisions, each in a channel of its own with a coordinator, a
five-organisation group and preparation documents, so each has conditions to read. Measured:
``/pogi status`` in one revision's channel (its phase and every condition of it) and outside
any (every revision, each with how many of its conditions are met), against a bare Bolt app
whose listener only acknowledges. Then, in this process with the listener inline: the mean cost
of a status, and how many SQL statements it runs, and how many of them read conditions (one per
revision asked about, one for all of them outside a revision's channel).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too
import ack

TARGET_RATIO = ack.TARGET_RATIO
USERS = ack.USERS


def channel_of(number: int) -> str:
    return h.GROUP_CHANNEL if number == 0 else f"CREV{number:03d}"


def goal_of(number: int) -> str:
    return h.GOAL if number == 0 else f"{h.GOAL} {number:03d}"


def start_revisions(port: int, standin: h.SlackStandIn, count: int) -> None:
    """``count`` revisions, every one with a coordinator, a group meeting the rule and two of
    its preparation documents (so every revision has conditions met and unmet)."""
    for number in range(count):
        channel = channel_of(number)
        for user, text, marker in (
            ("USEK", f"revision start {goal_of(number)}", "Rengøring"),
            ("USEK", "tovholder <@UANNE|anne>", "UANNE"),
            ("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>", "UGUSTAV"),
            ("UANNE", "dokument add baggrundsrapport https://pogi.dk/b.pdf", "baggrund"),
            ("USEK", "dokument add kommissorium https://pogi.dk/k.docx", "kommissorium"),
        ):
            answer = ack.command(port, standin, user, text, channel)
            if marker not in answer:
                raise RuntimeError(f"/pogi {text} in {channel} did not work: {answer[:300]!r}")


def statements(spec: h.AppSpec, standin: h.SlackStandIn, channel: str) -> tuple[float, int, int]:
    """In this process, listener inline: mean ms of a status in ``channel``, the SQL statements
    one runs, and how many of those read conditions (the only ones naming revision_document)."""
    app = h.pogi_app(spec, process_before_response=True)
    served = h.InProcess(h.Served(app.bolt, app.wsgi(), app.close))
    seen: list[str] = []

    def request() -> tuple[bytes, dict]:
        return h.signed_command(
            "status", user="UDITTE", channel=channel, response_url=h.response_url(standin, "s")
        )

    try:
        served.ms_each([request() for _ in range(20)])  # warm: locales, templates
        each = served.ms_each([request() for _ in range(100)])

        def count(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
            seen.append(statement)

        event.listen(app.db.engine, "before_cursor_execute", count)
        served(request())
        event.remove(app.db.engine, "before_cursor_execute", count)
    finally:
        app.close()
    if not served.all_ok():
        raise RuntimeError(f"in-process status: not all answers 200: {set(served.statuses)}")
    conditions = sum("revision_document" in statement for statement in seen)
    return each, len(seen), conditions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--revisions", type=int, default=50, help="revisions (default 50)")
    parser.add_argument("--requests", type=int, default=600, help="requests per app, 1 sender")
    parser.add_argument("--requests-20", type=int, default=1200, help="per app, 20 senders")
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds (default 6)")
    parser.add_argument("--budget", type=float, default=60, help="seconds for the rounds")
    args = parser.parse_args(argv)
    logging.getLogger("pogi.bolt").setLevel(logging.ERROR)
    began = time.monotonic()
    load_before = os.getloadavg()[0]

    standin = h.start_standin()
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-status-"))
    children: list[h.ChildServer] = []
    pools: list[h.Senders] = []
    try:
        database_url = h.prepare_database(workdir / "status.db")
        specs = {kind: h.AppSpec(kind, standin.url, database_url) for kind in ("pogi", "bare")}
        pogi = h.ChildServer(specs["pogi"], log=workdir / "pogi.log")
        children.append(pogi)
        bare = h.ChildServer(specs["bare"], log=workdir / "bare.log")
        children.append(bare)
        set_up = time.monotonic()
        start_revisions(pogi.port, standin, args.revisions)
        set_up = time.monotonic() - set_up
        here = ack.command(pogi.port, standin, "UDITTE", "status", h.GROUP_CHANNEL)
        outside = ack.command(pogi.port, standin, "UDITTE", "status", h.OTHER_CHANNEL)
        if "Betingelser for at gå videre" not in here or "betingelser opfyldt" not in outside:
            raise RuntimeError("the status does not show the conditions")

        configs = [
            ack.Config("pogi", pogi.port, h.GROUP_CHANNEL),
            ack.Config("pogi outside", pogi.port, h.OTHER_CHANNEL),
            ack.Config("bare", bare.port, h.GROUP_CHANNEL),
        ]
        senders: dict[int, dict[int, h.Senders]] = {}
        for port in {config.port for config in configs}:
            senders[port] = {count: h.HttpSenders(port, count) for count in (1, 20)}
            pools += senders[port].values()
        ack.warm_up(configs, standin, senders)

        deadline = time.monotonic() + args.budget
        results: dict[int, dict[str, h.Outcome]] = {}
        rounds: dict[int, int] = {}
        for count, total, share in ((1, args.requests, 0.65), (20, args.requests_20, 1.0)):
            stop = min(deadline, time.monotonic() + args.budget * share)
            results[count], rounds[count] = ack.measure(
                configs,
                standin,
                senders,
                count=count,
                total=total,
                rounds=args.rounds,
                deadline=stop,
            )
        for pool in pools:
            pool.close()
        pools.clear()
        for child in children:
            child.stop()
        children.clear()

        print(
            f"/pogi status with {args.revisions} revisions vs bare Bolt (waitress, {h.THREADS} "
            f"threads, keep-alive), servers in child processes, {os.cpu_count()} CPUs, load "
            f"average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after the rounds; "
            f"set-up {set_up:.1f} s"
        )
        print("senders  app              n  errors   p50 ms  p99 ms  max ms   req/s")
        for count in (1, 20):
            for config in configs:
                outcome = results[count][config.label]
                lat = outcome.latencies
                spread = (h.percentile(lat, 50), h.percentile(lat, 99), max(lat))
                print(
                    f"{count:<8} {config.label:<13} {len(lat):>6} {outcome.errors:>6} "
                    + " ".join(f"{h.ms(value):7.2f}" for value in spread)
                    + f" {outcome.rate:7.0f}"
                )
            if rounds[count] < args.rounds:
                print(f"         (time budget: {rounds[count]} of {args.rounds} rounds)")

        missed = False
        for label in ("pogi", "pogi outside"):
            p99 = [
                h.percentile(results[n][label].latencies, 99)
                / h.percentile(results[n]["bare"].latencies, 99)
                for n in (1, 20)
            ]
            missed |= max(p99) > TARGET_RATIO
            verdict = "OK" if max(p99) <= TARGET_RATIO else "MISSES TARGET"
            print(
                f"ratio p99 ({label}/bare): 1 sender {p99[0]:.2f}, 20 senders {p99[1]:.2f}  "
                f"(target ≤ {TARGET_RATIO}: {verdict})"
            )
        for label, channel in (
            ("in a revision's channel", h.GROUP_CHANNEL),
            ("outside", h.OTHER_CHANNEL),
        ):
            each, total, conditions = statements(specs["pogi"], standin, channel)
            print(
                f"one status {label}, in-process (listener inline): {each:.2f} ms; "
                f"{total} SQL statements, {conditions} of them reading conditions"
            )
        print(f"bench took {time.monotonic() - began:.1f} s")
        return 1 if missed else 0
    finally:
        for pool in pools:
            pool.close()
        for child in children:
            child.stop()
        standin.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
