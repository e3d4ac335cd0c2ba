"""Shared helpers for the benchmarks: servers in child processes, signed senders, statistics.

The apps under test run in child processes (``python bench/_harness.py serve pogi|bare ...``)
behind waitress with the thread count ``pogi run`` uses, so the senders in the bench process
never share a GIL with the server they measure. A child serves until its stdin closes, so it
never outlives the bench. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.console import payloads  # noqa: E402
from bot.console.standin import SlackStandIn  # noqa: E402
from tests.conftest import load_roster  # noqa: E402
from tests.support.factories import ROSTER as PEOPLE  # noqa: E402
from tests.support.server import BOT_TOKEN, SIGNING_SECRET  # noqa: E402

HOST = "127.0.0.1"
THREADS = 8  # what bot.app.server._serve_http gives waitress
EVENTS_PATH = "/slack/events"
GROUP_CHANNEL = "CGROUP"
OTHER_CHANNEL = "COTHER"
GOAL = "Rengøring"


# -- the world: the Slack stand-in and the database ----------------------------------------


def start_standin() -> SlackStandIn:
    """The fake Web API, knowing the roster's people (one of them reads English)."""
    standin = SlackStandIn(tokens=[BOT_TOKEN]).start()
    for entry in PEOPLE:
        locale = "en-GB" if entry.slack_user_id == "UJOHN" else "da-DK"
        standin.add_user(entry.slack_user_id, name=entry.name, locale=locale)
    return standin


def prepare_database(path: Path) -> str:
    """A migrated SQLite file with the roster loaded; returns its URL."""
    from storage.database import Database, make_engine

    url = f"sqlite:///{path}"
    db = Database(make_engine(url))
    db.upgrade()
    load_roster(db)
    db.dispose()
    return url


def settings_for(api_url: str, database_url: str) -> Any:
    from bot.app.settings import Settings

    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=api_url,
        database_url=database_url,
        pogi_timezone="Europe/Copenhagen",
        pogi_language="da",
    )


# -- the apps --------------------------------------------------------------------------------


def build_app(
    kind: str, api_url: str, database_url: str, *, process_before_response: bool = False
) -> tuple[Callable, Callable[[], None]]:
    """The WSGI callable of ``pogi`` (as ``pogi run`` builds it) or of a bare Bolt app.

    The bare app shares everything but the work: Bolt's WSGI adapter, the signing secret, a
    Web API client on the stand-in (auth.test at start), a 16-thread listener executor and
    ``process_before_response=False``; its only listener is ``/pogi`` calling ``ack()``.
    ``process_before_response=True`` runs the listener in the calling thread (for profiling).
    """
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.app.factory import create_app, web_client
    from bot.app.server import settle
    from storage.database import Database, make_engine

    settings = settings_for(api_url, database_url)
    if kind == "pogi":
        app = create_app(
            settings,
            database=Database(make_engine(settings.database_url)),
            process_before_response=process_before_response,
        )
        settle()  # as pogi run does once it is ready
        return app.wsgi(), app.close
    if kind == "bare":
        executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="bare-listener")
        bolt = App(
            token=settings.slack_bot_token,
            signing_secret=settings.slack_signing_secret,
            client=web_client(settings),
            process_before_response=process_before_response,
            raise_error_for_unhandled_request=False,
            listener_executor=executor,
        )

        @bolt.command("/pogi")
        def _noop(ack: Any) -> None:
            ack()

        return SlackRequestHandler(bolt, path=EVENTS_PATH), lambda: executor.shutdown(wait=True)
    raise ValueError(f"unknown app kind {kind!r}")


def _serve_child(kind: str, api_url: str, database_url: str) -> int:
    """Child process: serve ``kind`` on 127.0.0.1:0, print the port, stop when stdin closes.

    Like ``pogi run``, waitress runs in the main thread and a signal ends it; closing stdin (the
    bench is done, or died) sends that signal, so a child never outlives its bench.
    """
    import logging
    import signal

    from waitress import create_server

    logging.basicConfig(
        level=logging.WARNING, format=f"[{kind}] %(levelname)s %(name)s: %(message)s"
    )
    # 20 keep-alive senders on 8 threads queue up to 12 requests; waitress warns on each one.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    application, close = build_app(kind, api_url, database_url)
    server = create_server(application, host=HOST, port=0, threads=THREADS, ident=kind)

    def stop(_signum: int, _frame: object) -> None:
        raise SystemExit(0)

    def watch_stdin() -> None:
        sys.stdin.read()
        os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    print(f"PORT {server.effective_port}", flush=True)
    try:
        server.run()
    except SystemExit:
        pass
    finally:
        server.close()
        close()
    return 0


class ChildServer:
    """One app served by waitress in a child process of its own: ``script serve KIND …``
    (this file's apps, or a bench's own that serves the same way)."""

    def __init__(
        self,
        kind: str,
        api_url: str,
        database_url: str,
        *,
        log: Path,
        timeout: float = 60,
        script: Path = Path(__file__),
    ) -> None:
        self.kind = kind
        self.log = log
        with log.open("w") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(script.resolve()),
                    "serve",
                    kind,
                    api_url,
                    database_url,
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                cwd=str(ROOT),
            )
        line: list[str] = []
        reader = threading.Thread(
            target=lambda: line.append(self.process.stdout.readline()), daemon=True
        )
        reader.start()
        reader.join(timeout)
        if not line or not line[0].startswith("PORT "):
            self.stop()
            raise RuntimeError(f"the {kind} server did not start (said {line!r})")
        self.port = int(line[0].split()[1])

    def stop(self) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            print(f"the {self.kind} server did not stop within 15 s: killed", file=sys.stderr)
            self.process.kill()
            self.process.wait(timeout=5)
        if self.process.returncode:
            print(f"the {self.kind} server exited with {self.process.returncode}", file=sys.stderr)

    def log_summary(self, *, show: int = 25) -> list[str]:
        """How much the server logged, by level, and the first error with its traceback."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        levels = {
            level: sum(f"] {level} " in line for line in lines) for level in ("ERROR", "WARNING")
        }
        summary = [
            f"{self.kind} server log: {len(lines)} lines, {levels['ERROR']} errors, "
            f"{levels['WARNING']} warnings"
        ]
        first = next((i for i, line in enumerate(lines) if "] ERROR " in line), None)
        if first is not None:
            summary += ["  | " + line for line in lines[first : first + show]]
        return summary


# -- requests ------------------------------------------------------------------------------


def signed_command(text: str, *, user: str, channel: str, response_url: str) -> tuple[bytes, dict]:
    """A ``/pogi`` slash command as Slack posts it, signed now."""
    return payloads.signed_request(
        payloads.slash_command(
            text=text, user_id=user, channel_id=channel, response_url=response_url
        ),
        signing_secret=SIGNING_SECRET,
    )


def post(
    port: int,
    body: bytes,
    headers: dict,
    *,
    path: str = EVENTS_PATH,
    method: str = "POST",
    timeout: float = 10,
) -> tuple[int, bytes]:
    """One request on a fresh connection (for set-up and warm-up, not for timing)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wsgi_environ(body: bytes, headers: dict) -> dict:
    """The WSGI environ waitress would build for this POST, for calling an app in-process."""
    import io

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": EVENTS_PATH,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": headers["Content-Type"],
    }
    for name, value in headers.items():
        if name.lower() != "content-type":
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def said(body: bytes) -> str:
    """Every text in a JSON message body, for checking what a command answered."""
    if not body:
        return ""
    from tests.support.server import everything_said

    return everything_said(json.loads(body))


@dataclass
class Outcome:
    """What one batch of senders measured against one app."""

    latencies: list[float] = field(default_factory=list)  # seconds
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0

    def add(self, other: Outcome) -> None:
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        for kind, count in other.error_kinds.items():
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + count
        self.wall += other.wall


class Senders:
    """``count`` keep-alive connections to one server, each driven by its own thread."""

    def __init__(self, port: int, count: int, *, timeout: float = 10) -> None:
        self.port = port
        self.timeout = timeout
        self.connections = [self._connect() for _ in range(count)]

    def _connect(self) -> http.client.HTTPConnection:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        connection.connect()
        return connection

    def close(self) -> None:
        for connection in self.connections:
            connection.close()

    def run(
        self,
        batches: Sequence[Sequence[tuple[bytes, dict]]],
        *,
        expect: bytes | None = None,
        deadline: float = math.inf,
    ) -> Outcome:
        """Send ``batches[i]`` one after another on connection ``i``, all senders at once.

        Every answer must be 200 (and contain ``expect`` if given); anything else counts as
        an error, by kind. Only the round trip is timed: request out, whole response in.
        Past ``deadline`` (``time.monotonic()``) senders send no more, so a stuck server
        cannot hold the bench for longer than one request's timeout.
        """
        results = [Outcome() for _ in batches]
        start = threading.Barrier(len(batches) + 1)

        def send(index: int) -> None:
            outcome = results[index]
            connection = self.connections[index]
            start.wait()
            for body, headers in batches[index]:
                if time.monotonic() > deadline:
                    break
                began = time.perf_counter()
                try:
                    connection.request("POST", EVENTS_PATH, body=body, headers=headers)
                    response = connection.getresponse()
                    data = response.read()
                except (OSError, http.client.HTTPException) as error:
                    kind = type(error).__name__
                    connection.close()
                    connection = self.connections[index] = self._connect()
                else:
                    outcome.latencies.append(time.perf_counter() - began)
                    if response.status != 200:
                        kind = f"HTTP {response.status}"
                    elif expect is not None and expect not in data:
                        kind = "unexpected body"
                    else:
                        continue
                outcome.errors += 1
                outcome.error_kinds[kind] = outcome.error_kinds.get(kind, 0) + 1

        threads = [
            threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(batches))
        ]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        total = Outcome(wall=time.perf_counter() - began)
        for outcome in results:
            total.add(outcome)
        return total


# -- statistics and processes -----------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); p99 of 1000 values is the 10th largest."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def buckets(values: Iterable[float], edges_ms: Sequence[float]) -> list[float]:
    """Share (%) of ``values`` (seconds) below each edge, between edges, and above the last."""
    values = list(values)
    counts = [0] * (len(edges_ms) + 1)
    for value in values:
        ms = value * 1000
        index = next((i for i, edge in enumerate(edges_ms) if ms < edge), len(edges_ms))
        counts[index] += 1
    return [100 * count / len(values) if values else math.nan for count in counts]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; fields resume after the last ')'.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(_children(current))
    return tree


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far; NaN where /proc is not there."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return math.nan
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_fields(pid: int) -> dict[str, str]:
    text = Path(f"/proc/{pid}/status").read_text()
    return dict(re.findall(r"^(\w+):\s+(.*)$", text, flags=re.MULTILINE))


def kib(value: str) -> int:
    return int(value.split()[0])


def main(argv: Sequence[str]) -> int:
    if len(argv) == 4 and argv[0] == "serve":
        return _serve_child(argv[1], argv[2], argv[3])
    print("usage: _harness.py serve pogi|bare API_URL DATABASE_URL", file=sys.stderr)
    return 2


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
