"""Outbox throughput: 10,000 due reminders sent to the Slack stand-in, pacing off.

    python bench/reminders.py [--rows 10000] [--concurrency 4] [--no-postgres]

(a) SQLite, one dispatcher process; (b) PostgreSQL, two dispatcher processes sharing the rows.
Each dispatcher is a child process (``tests/delivery/dispatch_worker.py``, the one the tests
start) running ``run_once`` until nothing is due, with the production Web API client and its
retry handlers, batches of 100 and the test composer (its ``after_sent`` writes a row, as an
announcement's does). The stand-in runs in this process, which does nothing else while the
children work, so it has a CPU of its own as far as the machine allows.

Baseline: the same number of child processes and threads posting bare ``chat.postMessage``
calls to the same stand-in, measured in the same run. The ratio dispatcher/bare shows how much
of the time is the dispatcher's and how much the stand-in's (and the SDK's). CPU per row is
read from the children and from this process (the stand-in) to show where the time goes.

Reports rows per second, lost rows (not ``sent`` at the end) and duplicates (rows posted more
than once). PostgreSQL comes from ``POGI_TEST_POSTGRES_URL`` (default: the local server); the
run gets a schema of its own, dropped afterwards. All traffic stays on 127.0.0.1; every child
is killed after 90 s, so the whole run stays under two minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too
from sqlalchemy import insert

from bot.console.standin import SlackStandIn
from storage import outbox as queries
from storage.database import Database, make_engine
from storage.tables import OutboxMessage
from tests.delivery.dispatch_worker import KIND, posted_row_ids
from tests.support.server import BOT_TOKEN

ROOT = h.ROOT
TARGET_PER_SECOND = 500
CHILD_TIMEOUT = 90
DESTINATIONS = 100  # working-group channels and DMs; pacing is off, so they only spread load


@dataclass
class Result:
    label: str
    rows: int
    seconds: float
    bare_per_second: float
    lost: int
    duplicated: int
    dispatcher_cpu_ms: float  # per row, all dispatcher processes together
    standin_cpu_ms: float  # per Web API call, this process
    runs: int
    threads: int  # sending threads a process
    overflows: int  # times the stand-in's listen queue was full while the dispatchers ran

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# -- children ------------------------------------------------------------------------------


class Children:
    """Child processes that print READY, start together on a line to stdin, print JSON."""

    def __init__(self, commands: list[list[str]]) -> None:
        self.processes = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]

    def run(self) -> tuple[float, list[dict[str, Any]]]:
        """Start them together; the wall time until the last one is done, and their reports."""
        try:
            for process in self.processes:
                assert process.stdout is not None
                line = process.stdout.readline().strip()
                if line != "READY":
                    raise RuntimeError(f"a child did not start (said {line!r})")
            began = time.perf_counter()
            for process in self.processes:
                assert process.stdin is not None
                process.stdin.write("go\n")
                process.stdin.flush()
            deadline = began + CHILD_TIMEOUT
            outputs = [
                p.communicate(timeout=max(1.0, deadline - time.perf_counter()))[0]
                for p in self.processes
            ]
            elapsed = time.perf_counter() - began
        finally:
            for process in self.processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        if any(process.returncode != 0 for process in self.processes):
            raise RuntimeError("a child failed")
        return elapsed, [json.loads(output.strip().splitlines()[-1]) for output in outputs]


def worker_command(api: str, url: str, schema: str | None, name: str, concurrency: int) -> list:
    command = [
        sys.executable,
        "-m",
        "tests.delivery.dispatch_worker",
        f"--url={url}",
        f"--api={api}",
        f"--worker={name}",
        f"--concurrency={concurrency}",
        "--batch=100",
        "--pacing=0",
    ]
    return command + ([f"--schema={schema}"] if schema else [])


def bare_command(api: str, calls: int, threads: int) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--bare", api, str(calls), str(threads)]


def bare_child(api: str, calls: int, threads: int) -> int:
    """Child: ``calls`` bare chat.postMessage calls on ``threads`` threads, the way the
    dispatcher makes them (the production client and its retry handlers)."""
    from bot.app.factory import web_client
    from bot.app.settings import Settings

    client = web_client(Settings(slack_bot_token=BOT_TOKEN, slack_api_url=api))
    print("READY", flush=True)
    sys.stdin.readline()
    began, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(
            pool.map(
                lambda n: client.chat_postMessage(channel=f"CBARE{n % DESTINATIONS}", text="x"),
                range(calls),
            )
        )
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "calls": calls}), flush=True)
    return 0


# -- one scenario ----------------------------------------------------------------------------


def listen_overflows() -> int:
    """Linux counts connections dropped because a listen queue was full; each costs the
    client a SYN retransmission, one second or more."""
    try:
        names, values = Path("/proc/net/netstat").read_text().splitlines()[:2]
    except OSError:
        return 0
    return int(dict(zip(names.split(), values.split(), strict=True)).get("ListenOverflows", 0))


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def fill(db: Database, rows: int) -> None:
    now = datetime.now(UTC)
    values = [
        {
            "kind": KIND,
            "subject": f"meeting:{n % 500}",
            "destination": f"C{n % DESTINATIONS:04d}",
            "due_at": now,
            "status": queries.PENDING,
            "attempts": 0,
            "data": {"reminder": "2h"},
            "created_at": now,
        }
        for n in range(rows)
    ]
    with db.transaction() as session:
        session.execute(insert(OutboxMessage), values)


def scenario(
    label: str,
    *,
    url: str,
    schema: str | None,
    processes: int,
    rows: int,
    concurrency: int,
) -> Result:
    threads = max(1, concurrency // processes)
    db = Database(make_engine(url, schema=schema))
    try:
        db.upgrade()
        fill(db, rows)
        with SlackStandIn(tokens=[BOT_TOKEN]) as standin:
            bare_calls = max(1000, rows // 4)
            bare = Children(
                [bare_command(standin.url, bare_calls // processes, threads)] * processes
            )
            bare_seconds, _ = bare.run()
            standin.clear()

            names = [f"bench-{n}" for n in range(processes)]
            children = Children(
                [worker_command(standin.url, url, schema, name, threads) for name in names]
            )
            cpu_before, overflows_before = own_cpu(), listen_overflows()
            seconds, reports = children.run()
            standin_cpu = own_cpu() - cpu_before
            overflows = listen_overflows() - overflows_before
            posted = posted_row_ids(standin.calls)
            calls = len(standin.calls)
        with db.reading() as session:
            counts = queries.counts_by_status(session)
    finally:
        db.dispose()
    return Result(
        label=label,
        rows=rows,
        seconds=seconds,
        bare_per_second=bare_calls / bare_seconds,
        lost=rows - counts[queries.SENT],
        duplicated=sum(1 for times in posted.values() if times > 1),
        dispatcher_cpu_ms=1000 * sum(r["cpu"] for r in reports) / rows,
        standin_cpu_ms=1000 * standin_cpu / max(calls, 1),
        runs=sum(r["runs"] for r in reports),
        threads=threads,
        overflows=overflows,
    )


def postgres_scenario(url: str, *, rows: int, concurrency: int) -> Result:
    with h.postgres_schema(url) as schema:
        return scenario(
            "PostgreSQL, 2 processes",
            url=url,
            schema=schema,
            processes=2,
            rows=rows,
            concurrency=concurrency,
        )


# -- the table -------------------------------------------------------------------------------


def print_table(results: list[Result], *, concurrency: int) -> None:
    print(
        f"\n{results[0].rows:,} due reminders per scenario, pacing off, batch 100, "
        f"{concurrency} sending threads in all, {os.cpu_count()} CPUs\n"
    )
    header = (
        f"{'scenario':<26}{'threads':>8}{'rows/s':>8}{'bare/s':>8}{'ratio':>7}{'lost':>6}"
        f"{'dup':>5}{'seconds':>9}{'batches':>9}{'disp ms/row':>13}{'stand-in ms/call':>18}"
        f"{'overflows':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.label:<26}{r.threads:>8}{r.per_second:>8.0f}{r.bare_per_second:>8.0f}"
            f"{r.per_second / r.bare_per_second:>7.2f}{r.lost:>6}{r.duplicated:>5}"
            f"{r.seconds:>9.1f}{r.runs:>9}{r.dispatcher_cpu_ms:>13.2f}{r.standin_cpu_ms:>18.2f}"
            f"{r.overflows:>11}"
        )
    print(
        "\nrows/s: dispatched rows a second, wall clock from start to the last row marked.\n"
        "bare/s: the same processes and threads posting bare chat.postMessage calls (the\n"
        "        stand-in's own speed through the same client); ratio = rows/s ÷ bare/s.\n"
        "threads: sending threads a process; the total is the same in both scenarios.\n"
        "disp ms/row: CPU the dispatcher processes spent a row; stand-in ms/call: CPU this\n"
        "        process (the stand-in) spent a Web API call.\n"
        "overflows: connections the kernel dropped because a listen queue was full (the\n"
        "        stand-in's holds 5, socketserver's default); each stalls a send for 1 s or more.\n"
        "        Linux counts them for the whole machine, other programs' servers included."
    )
    for r in results:
        verdict = "meets" if r.per_second >= TARGET_PER_SECOND else "is below"
        clean = r.lost == 0 and r.duplicated == 0
        print(
            f"{r.label}: {verdict} the target of {TARGET_PER_SECOND}/s; "
            f"{'0 lost, 0 duplicated' if clean else 'ROWS LOST OR DUPLICATED'}"
        )


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bare"]:
        return bare_child(argv[1], int(argv[2]), int(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--concurrency", type=int, default=4, help="sending threads in all, split over processes"
    )
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="pogi-bench-") as folder:
        results.append(
            scenario(
                "SQLite, 1 process",
                url=f"sqlite:///{Path(folder) / 'outbox.db'}",
                schema=None,
                processes=1,
                rows=args.rows,
                concurrency=args.concurrency,
            )
        )
    if not args.no_postgres:
        results.append(
            postgres_scenario(h.postgres_url(), rows=args.rows, concurrency=args.concurrency)
        )
    print_table(results, concurrency=args.concurrency)
    failed = any(r.lost or r.duplicated for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
