"""Ack latency of ``/pogi status`` against a bare Bolt app, and idle RSS of ``pogi run``.

    python bench/ack.py [--profile 300]

Both apps are served as ``pogi run`` serves pogi (waitress, 8 threads, 1,000 connections), with
the same signing secret and the same Slack stand-in, each in a child process of its own
(``bench/_harness.py``); the bench process only sends. pogi is built as ``pogi run`` builds it
(``create_app``, the outbox dispatcher started) on a file-backed SQLite database with the roster
loaded and one revision started in the working-group channel; the bare app is a Bolt app whose
only listener, for ``/pogi``, calls ``ack()``. Rounds alternate between the apps (the order
rotates every round), so machine noise hits them alike. Each sender keeps one HTTP/1.1
connection alive.

Then a real ``pogi run --http --port 0`` is started against the stand-in and a temporary SQLite
file: its idle RSS is read from /proc after a few requests, and SIGTERM must stop it with exit
status 0 within 10 s. The whole run is bounded (about a minute) and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too

TARGET_RATIO = 1.3
TARGET_RSS_MB = 120
EDGES_MS = (10, 20, 30, 40)
HARD_MARGIN = 15  # seconds a started round may run past the budget before senders give up
USERS = [entry.slack_user_id for entry in h.PEOPLE]


@dataclass(frozen=True)
class Config:
    label: str
    port: int
    channel: str


# -- set-up and warm-up --------------------------------------------------------------------


def command(port: int, standin: h.SlackStandIn, user: str, text: str, channel: str) -> str:
    """pogi acknowledges at once and answers through the response URL: wait for that answer."""
    url = h.response_url(standin, "setup")
    body, headers = h.signed_command(text, user=user, channel=channel, response_url=url)
    status, data = h.post(port, body, headers)
    if status != 200:
        raise RuntimeError(f"/pogi {text} as {user} answered HTTP {status}: {data[:300]!r}")
    if data:
        return h.said(data)
    return h.answer_at(standin, url.rsplit("/", 1)[1])


def answers_delivered(standin: h.SlackStandIn, marker: str) -> int:
    """Answers that reached the response URL and name the revision."""
    return sum(
        1
        for call in standin.calls_to("response_url")
        if not str(call.args.get("_key", "")).startswith("setup") and marker in h.said(call.args)
    )


def start_revision(port: int, standin: h.SlackStandIn) -> None:
    """A revision in the working-group channel, with a coordinator and a five-organisation group."""
    steps = [
        ("USEK", f"revision start {h.GOAL}", "Rengøring"),
        ("USEK", "tovholder <@UANNE|anne>", "UANNE"),
        ("UANNE", "gruppe add <@UDITTE|d> <@UEMIL|e> <@UFRIDA|f> <@UGUSTAV|g>", "UGUSTAV"),
    ]
    for user, text, marker in steps:
        answer = command(port, standin, user, text, h.GROUP_CHANNEL)
        if marker not in answer:
            raise RuntimeError(f"/pogi {text} did not work: {answer[:300]!r}")


def first_request_ms(port: int, standin: h.SlackStandIn) -> float:
    body, headers = h.signed_command(
        "status", user="UDITTE", channel=h.GROUP_CHANNEL, response_url=standin.response_url("first")
    )
    began = time.perf_counter()
    status, _ = h.post(port, body, headers)
    elapsed = (time.perf_counter() - began) * 1000
    if status != 200:
        raise RuntimeError(f"the first request answered HTTP {status}")
    return elapsed


def warm_up(configs: list[Config], standin: h.SlackStandIn, senders: dict) -> None:
    """Every user once per channel (locale look-ups, templates), then a burst on all threads."""
    for config in configs:
        for user in USERS:
            command(config.port, standin, user, "status", config.channel)
        for count, pool in senders[config.port].items():
            outcome = pool.run(batches(config, standin, count, 3))
            if outcome.errors:
                raise RuntimeError(f"warm-up of {config.label}: {outcome.error_kinds}")


def batches(config: Config, standin: h.SlackStandIn, senders: int, each: int) -> list[list]:
    """Signed ``/pogi status`` requests, users taking turns; signed now, outside the timing."""
    return [
        [
            h.signed_command(
                "status",
                user=USERS[(sender + i) % len(USERS)],
                channel=config.channel,
                response_url=h.response_url(standin, "b"),
            )
            for i in range(each)
        ]
        for sender in range(senders)
    ]


# -- measuring -----------------------------------------------------------------------------


def measure(
    configs: list[Config],
    standin: h.SlackStandIn,
    senders: dict,
    *,
    count: int,
    total: int,
    rounds: int,
    deadline: float,
) -> tuple[dict[str, h.Outcome], int]:
    """``rounds`` rounds; each gives every config ``total / rounds`` requests, in rotated order.
    pogi answers each request through its response URL after the acknowledgement; the next
    config is measured once those answers are in, so that no config is timed while another's
    work is still running in the same process (pogi in a channel and outside are one server)."""
    each = max(1, total // rounds // count)
    outcomes = {config.label: h.Outcome() for config in configs}
    answered = _answers(standin)
    done = 0
    for round_ in range(rounds):
        if time.monotonic() > deadline:
            break
        order = configs[round_ % len(configs) :] + configs[: round_ % len(configs)]
        for config in order:
            work = batches(config, standin, count, each)
            pool = senders[config.port][count]
            outcomes[config.label].add(pool.run(work, deadline=deadline + HARD_MARGIN))
            if config.label != "bare":
                answered += count * each
                _wait_for_answers(standin, answered, until=deadline + HARD_MARGIN)
        done += 1
    return outcomes, done


def _answers(standin: h.SlackStandIn) -> int:
    return sum(
        str(call.args.get("_key", "")).startswith("b") for call in standin.calls_to("response_url")
    )


def _wait_for_answers(standin: h.SlackStandIn, count: int, *, until: float) -> None:
    while _answers(standin) < count and time.monotonic() < until:
        time.sleep(0.05)


def in_process_cost(
    kind: str, spec: h.AppSpec, standin: h.SlackStandIn, channel: str, count: int, profile: bool
) -> tuple[float, list[str]]:
    """Mean ms a ``/pogi status`` calling the WSGI app in this process, listener inline (and,
    if ``profile``, where the CPU went: cProfile on the thread's CPU clock)."""
    served = h.APPS[kind](spec, True)
    app = h.InProcess(served)

    def requests(n: int) -> list[tuple[bytes, dict]]:
        return [
            h.signed_command(
                "status",
                user=USERS[i % len(USERS)],
                channel=channel,
                response_url=h.response_url(standin, "p"),
            )
            for i in range(n)
        ]

    try:
        app.ms_each(requests(30))
        app.statuses.clear()
        profiler = cProfile.Profile(time.thread_time) if profile else None
        each = app.ms_each(requests(count), profiler)
    finally:
        served.close()
    if not app.all_ok():
        raise RuntimeError(f"in-process {kind}: not all answers 200: {set(app.statuses)}")
    lines = h.profile_lines(profiler, count, PROFILE_SPOTS, top=15) if profiler else []
    return each, lines


PROFILE_SPOTS = [
    ("whole request (pogi's WSGI callable)", "bot/app/factory", "application"),
    ("  Bolt: parse the body", "slack_bolt/request/internals", "parse_body"),
    ("  Bolt: signature check", "slack_bolt/middleware/request_verification", "process"),
    ("  pogi middleware", "handlers/middleware", "process"),
    ("  /pogi listener", "handlers/commands", "pogi_command"),
    ("    roster.find_person", "bot/domain/roster", "find_person"),
    ("    revisions.revision_here", "bot/domain/revisions", "revision_here"),
    ("    revisions.phase_overview", "bot/domain/revisions", "phase_overview"),
    ("    revisions.group_overview", "bot/domain/revisions", "group_overview"),
    ("    meetings.next_meeting", "bot/domain/meetings", "next_meeting"),
    ("    homework.open_by_person", "bot/domain/homework", "open_by_person"),
    ("    render (Renderer._render)", "bot/presentation/render", "_render"),
    ("    respond (to the response URL)", "slack_bolt/context/respond/respond", "__call__"),
    ("  SQLAlchemy Session.execute (all)", "sqlalchemy/orm/session", "execute"),
    ("  Translator() construction", "bot/presentation/i18n", "__init__"),
]


# -- pogi run: idle memory and a graceful stop ------------------------------------------------


def pogi_run(standin: h.SlackStandIn, workdir: Path) -> list[str]:
    """Start ``pogi run --http --port 0``, poke it, read its idle RSS, SIGTERM it. Report lines."""
    database_url = h.prepare_database(workdir / "run.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "POGI_"))}
    env.update(
        SLACK_BOT_TOKEN=h.BOT_TOKEN,
        SLACK_SIGNING_SECRET=h.SIGNING_SECRET,
        SLACK_API_URL=standin.url,
        DATABASE_URL=database_url,
    )
    script = shutil.which("pogi") or str(Path(sys.executable).with_name("pogi"))
    argv = [script, "run", "--http", "--host", h.HOST, "--port", "0"]
    began = time.perf_counter()
    process = subprocess.Popen(
        argv,
        env=env,
        cwd=str(workdir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    port_seen = threading.Event()
    port: list[int] = []

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line.rstrip())
            found = re.search(r"serving Slack on http://[^:/]+:(\d+)", line)
            if found and not port:
                port.append(int(found.group(1)))
                port_seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    report = [f"pogi run: {' '.join(['pogi', *argv[1:]])}"]

    def tail() -> list[str]:
        return ["  | " + line for line in lines[-15:]]

    try:
        if not port_seen.wait(30):
            report.append(f"  did not announce a port within 30 s (exit status {process.poll()})")
            return report + tail()
        deadline = time.monotonic() + 15
        while True:
            try:
                status, _ = h.post(port[0], b"", {}, path="/healthz", method="GET", timeout=2)
            except OSError:
                status = 0
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if status != 200:
            report.append(f"  GET /healthz never answered 200 (last {status})")
            return report + tail()
        ready = time.perf_counter() - began
        answers = [command(port[0], standin, "USEK", f"revision start {h.GOAL}", h.GROUP_CHANNEL)]
        for user in ("UDITTE", "UJOHN", "UANNE", "UMEMB"):
            answers.append(command(port[0], standin, user, "status", h.GROUP_CHANNEL))
        answers.append(command(port[0], standin, "UDITTE", "status", h.OTHER_CHANNEL))
        answers.append(command(port[0], standin, "UDITTE", "help", h.GROUP_CHANNEL))
        working = sum("Reng" in answer for answer in answers[:6])
        time.sleep(2)
        tree = h.process_tree(process.pid)
        rss = hwm = threads = 0
        for pid in tree:
            fields = h.status_fields(pid)
            rss += h.kib(fields["VmRSS"])
            hwm += h.kib(fields["VmHWM"])
            threads += int(fields["Threads"])
        report.append(
            f"  ready (GET /healthz 200) {ready:.2f} s after start; {len(answers)} commands all "
            f"200 ({working}/6 mention the revision); processes {len(tree)}, threads {threads}"
        )
        verdict = "OK" if rss / 1024 < TARGET_RSS_MB else "MISSES TARGET"
        report.append(
            f"idle RSS of pogi run: {rss / 1024:.1f} MB (peak {hwm / 1024:.1f} MB) "
            f"(target < {TARGET_RSS_MB} MB: {verdict})"
        )
        stopped = time.perf_counter()
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            report.append("SIGTERM → still running after 10 s: killed (NOT a graceful stop)")
            process.kill()
            process.wait(timeout=5)
            return report + tail()
        took = time.perf_counter() - stopped
        reader.join(2)
        verdict = "OK" if code == 0 else "WRONG EXIT STATUS"
        report.append(
            f"SIGTERM → exit {code} in {took:.2f} s ({verdict}); last log line: "
            f"{lines[-1] if lines else '(none)'!r}"
        )
        if code != 0 or any("Traceback" in line for line in lines):
            report += tail()
        return report
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)


# -- output --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--requests", type=int, default=1000, help="requests per app with 1 sender (default 1000)"
    )
    parser.add_argument(
        "--requests-20",
        type=int,
        default=2000,
        help="requests per app with 20 senders (default 2000)",
    )
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds (default 10)")
    parser.add_argument(
        "--budget",
        type=float,
        default=62,
        help="seconds for the latency rounds; later rounds are skipped (default 62)",
    )
    parser.add_argument(
        "--no-outside",
        action="store_true",
        help="skip /pogi status outside the working-group channel",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile N in-process /pogi status requests",
    )
    args = parser.parse_args(argv)
    # create_app gives Bolt a client and a token; Bolt says so once per app built here.
    logging.getLogger("pogi.bolt").setLevel(logging.ERROR)
    began = time.monotonic()
    load_before = os.getloadavg()[0]

    standin = h.start_standin()
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-ack-"))
    children: list[h.ChildServer] = []
    pools: list[h.Senders] = []
    try:
        database_url = h.prepare_database(workdir / "ack.db")
        specs = {kind: h.AppSpec(kind, standin.url, database_url) for kind in ("pogi", "bare")}
        pogi = h.ChildServer(specs["pogi"], log=workdir / "pogi.log")
        children.append(pogi)
        bare = h.ChildServer(specs["bare"], log=workdir / "bare.log")
        children.append(bare)
        cold = {
            "pogi": first_request_ms(pogi.port, standin),
            "bare": first_request_ms(bare.port, standin),
        }
        start_revision(pogi.port, standin)
        sample = command(pogi.port, standin, "UDITTE", "status", h.GROUP_CHANNEL)
        outside = command(pogi.port, standin, "UDITTE", "status", h.OTHER_CHANNEL)

        # pogi acknowledges with an empty body and answers through the response URL, so what
        # is measured is the acknowledgement, and the answers are counted on the stand-in.
        configs = [
            Config("pogi", pogi.port, h.GROUP_CHANNEL),
            Config("bare", bare.port, h.GROUP_CHANNEL),
        ]
        if not args.no_outside:
            configs.append(Config("pogi outside", pogi.port, h.OTHER_CHANNEL))
        senders: dict[int, dict[int, h.Senders]] = {}
        for port in {config.port for config in configs}:
            senders[port] = {count: h.HttpSenders(port, count) for count in (1, 20)}
            pools += senders[port].values()
        warm_up(configs, standin, senders)

        deadline = time.monotonic() + args.budget
        results: dict[int, dict[str, h.Outcome]] = {}
        rounds: dict[int, int] = {}
        # One sender gets about 65 % of the budget: its requests take longest in wall time.
        for count, total, share in ((1, args.requests, 0.65), (20, args.requests_20, 1.0)):
            stop = min(deadline, time.monotonic() + args.budget * share)
            results[count], rounds[count] = measure(
                configs,
                standin,
                senders,
                count=count,
                total=total,
                rounds=args.rounds,
                deadline=stop,
            )

        cost = {
            kind: in_process_cost(kind, specs[kind], standin, h.GROUP_CHANNEL, 300, False)[0]
            for kind in ("pogi", "bare")
        }

        print(
            f"ack latency, /pogi status vs bare Bolt (waitress, {h.THREADS} threads, "
            f"keep-alive), servers in child processes, "
            f"{os.cpu_count()} CPUs, load average {load_before:.2f} before, "
            f"{os.getloadavg()[0]:.2f} after the rounds"
        )
        print(
            f"status in {h.GROUP_CHANNEL}: {len(sample)} chars of text; outside: "
            f"{len(outside)} chars; first request (cold): pogi {cold['pogi']:.0f} ms, "
            f"bare {cold['bare']:.0f} ms"
        )
        head = (
            "senders  app            n  errors   p50 ms  p99 ms  max ms  min ms   req/s"
            "   <10  10-20 20-30 30-40  ≥40 ms (%)"
        )
        print(head)
        for count in (1, 20):
            for config in configs:
                outcome = results[count][config.label]
                lat = outcome.latencies
                shares = h.buckets(lat, EDGES_MS)
                spread = (h.percentile(lat, 50), h.percentile(lat, 99), max(lat), min(lat))
                print(
                    f"{count:<8} {config.label:<13} {len(lat):>5} {outcome.errors:>6} "
                    + " ".join(f"{h.ms(value):7.2f}" for value in spread)
                    + f" {outcome.rate:7.0f}  "
                    + " ".join(f"{value:5.1f}" for value in shares)
                )
                if outcome.error_kinds:
                    print(f"         errors: {outcome.error_kinds}")
            if rounds[count] < args.rounds:
                print(f"         (time budget: {rounds[count]} of {args.rounds} rounds)")

        def ratio(count: int, label: str, q: float) -> float:
            mine = h.percentile(results[count][label].latencies, q)
            return mine / h.percentile(results[count]["bare"].latencies, q)

        for label in [config.label for config in configs if config.label != "bare"]:
            p99 = [ratio(count, label, 99) for count in (1, 20)]
            p50 = [ratio(count, label, 50) for count in (1, 20)]
            verdict = "OK" if max(p99) <= TARGET_RATIO else "MISSES TARGET"
            print(
                f"ratio p99 ({label}/bare): 1 sender {p99[0]:.2f}, 20 senders {p99[1]:.2f}  "
                f"(target ≤ {TARGET_RATIO}: {verdict});  p50: {p50[0]:.2f}, {p50[1]:.2f}"
            )
        print(
            f"in-process cost per request (WSGI call, listener inline, no HTTP, no poll): "
            f"pogi {cost['pogi']:.2f} ms, bare {cost['bare']:.2f} ms"
        )
        mins = {label: min(results[1][label].latencies) * 1000 for label in ("pogi", "bare")}
        over = {
            label: 100 - h.buckets(results[1][label].latencies, (10,))[0]
            for label in ("pogi", "bare")
        }
        both = all(mins[label] >= 9.5 and over[label] >= 95 for label in mins)
        print(
            f"Bolt ack poll (sync runner sleeps 10 ms until ack): 1-sender minimum pogi "
            f"{mins['pogi']:.2f} ms, bare {mins['bare']:.2f} ms; ≥10 ms: pogi "
            f"{over['pogi']:.0f} %, bare {over['bare']:.0f} % → "
            + ("both apps show it" if both else "NOT both apps show it")
        )

        for pool in pools:
            pool.close()
        pools.clear()
        for child in children:
            child.stop()
            for line in child.log_summary():
                print(line)
        children.clear()
        for line in pogi_run(standin, workdir):
            print(line)
        if args.profile:
            _, lines = in_process_cost(
                "pogi", specs["pogi"], standin, h.GROUP_CHANNEL, args.profile, True
            )
            print()
            for line in lines:
                print(line)
        sent = sum(
            len(outcome.latencies)
            for per_count in results.values()
            for label, outcome in per_count.items()
            if label.startswith("pogi")
        )
        time.sleep(1.0)  # the last answers are still on their way after the last ack
        delivered = answers_delivered(standin, "Reng")
        print(
            f"answers through the response URL naming the revision: {delivered} "
            f"(pogi status requests measured: {sent}; warm-up answers count too)"
        )
        print(f"bench took {time.monotonic() - began:.1f} s")
        return 0
    finally:
        for pool in pools:
            pool.close()
        for child in children:
            child.stop()
        standin.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
