"""What the benchmarks share: the world they run in, the apps served in child processes (over
HTTP or Socket Mode), the senders, statistics and profiles. One copy of each.

The apps under test run in child processes (``python bench/SCRIPT.py serve SPEC``), served the
way ``pogi run`` serves pogi: waitress with 8 threads and a limit of 1,000 connections over HTTP,
or Bolt's ``SocketModeHandler`` connected to the Slack stand-in in Socket Mode. So the senders in
the bench process never share a GIL with the server they measure. A child serves until its stdin
closes, so it never outlives the bench. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import cProfile
import http.client
import io
import json
import logging
import math
import os
import pstats
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.console import payloads  # noqa: E402
from bot.console.standin import SlackStandIn  # noqa: E402
from tests.conftest import load_roster  # noqa: E402
from tests.support.factories import ROSTER as PEOPLE  # noqa: E402
from tests.support.server import BOT_TOKEN, SIGNING_SECRET  # noqa: E402

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication
    from slack_bolt import App

    from bot.app.factory import PogiApp
    from storage.database import Database

HOST = "127.0.0.1"
THREADS = 8  # what bot.app.server._serve_http gives waitress
CONNECTION_LIMIT = 1000  # likewise
APP_TOKEN = "xapp-1-bench"  # the app-level token Socket Mode connects with
EVENTS_PATH = "/slack/events"
GROUP_CHANNEL = "CGROUP"
OTHER_CHANNEL = "COTHER"
GOAL = "Rengøring"
HTTP, SOCKET = "http", "socket"
POSTGRES_ENV = "POGI_TEST_POSTGRES_URL"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# -- the world: the Slack stand-in and the databases -------------------------------------------


def start_standin(users: Iterable[tuple[str, str]] = ()) -> SlackStandIn:
    """The fake Web API (and Socket Mode end), knowing the test roster's people (one of them
    reads English) and ``users`` (user id, name)."""
    standin = SlackStandIn(tokens=[BOT_TOKEN, APP_TOKEN]).start()
    for entry in PEOPLE:
        locale = "en-GB" if entry.slack_user_id == "UJOHN" else "da-DK"
        standin.add_user(entry.slack_user_id, name=entry.name, locale=locale)
    for user_id, name in users:
        standin.add_user(user_id, name=name)
    return standin


def postgres_url() -> str:
    return os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A schema of its own on the PostgreSQL at ``url``, dropped afterwards."""
    from sqlalchemy import text

    from storage.database import make_engine

    schema = f"pogi_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def open_database(url: str, schema: str | None = None) -> Database:
    from storage.database import Database, make_engine

    return Database(make_engine(url, schema=schema))


def prepare_database(path: Path) -> str:
    """A migrated SQLite file with the test roster loaded; returns its URL."""
    url = f"sqlite:///{path}"
    db = open_database(url)
    db.upgrade()
    load_roster(db)
    db.dispose()
    return url


def settings_for(api_url: str, database_url: str) -> Any:
    from bot.app.settings import Settings

    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=APP_TOKEN,
        slack_api_url=api_url,
        database_url=database_url,
        pogi_timezone="Europe/Copenhagen",
        pogi_language="da",
    )


# -- the apps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppSpec:
    """Which app a child serves, against what, over which transport; travels as JSON."""

    kind: str
    api_url: str
    database_url: str
    schema: str | None = None
    transport: str = HTTP
    dispatcher: bool = True  # pogi sends its outbox itself, as pogi run does

    def settings(self) -> Any:
        return settings_for(self.api_url, self.database_url)


@dataclass
class Served:
    """An app ready to serve: its Bolt app (for Socket Mode), its WSGI callable (for HTTP), and
    what to call when it stops."""

    bolt: App
    wsgi: WSGIApplication
    close: Callable[[], None]


AppBuilder = Callable[[AppSpec, bool], Served]
"""Builds the app of a spec. The flag is ``inline``: for calling in the bench process, the
listener runs in the calling thread (``process_before_response``) and no dispatcher starts."""


def pogi_app(spec: AppSpec, *, process_before_response: bool = False) -> PogiApp:
    """pogi as ``pogi run`` builds it, on the spec's database (and schema)."""
    from bot.app.factory import create_app

    return create_app(
        spec.settings(),
        database=open_database(spec.database_url, spec.schema),
        process_before_response=process_before_response,
    )


def serve_pogi(spec: AppSpec, inline: bool = False) -> Served:
    """pogi as ``pogi run`` serves it: the outbox dispatcher started (unless the spec says
    the bench sends the outbox itself), then ``settle``."""
    from bot.app.server import settle

    app = pogi_app(spec, process_before_response=inline)
    if not inline:
        if spec.dispatcher:
            app.start_dispatcher()
        settle()
    return Served(app.bolt, app.wsgi(), app.close)


def serve_bare(spec: AppSpec, listen: Callable[[App], None], *, inline: bool = False) -> Served:
    """A bare Bolt app sharing everything with pogi but the work: Bolt's WSGI adapter, the
    signing secret, a Web API client on the stand-in (auth.test at start), a 16-thread listener
    executor and ``process_before_response=False``; ``listen`` adds its listeners."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.app.factory import web_client

    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="bare-listener")
    bolt = App(
        signing_secret=spec.settings().slack_signing_secret,
        client=web_client(spec.settings()),
        process_before_response=inline,
        raise_error_for_unhandled_request=False,
        listener_executor=executor,
    )
    listen(bolt)
    return Served(
        bolt, SlackRequestHandler(bolt, path=EVENTS_PATH), lambda: executor.shutdown(wait=True)
    )


def serve_bare_status(spec: AppSpec, inline: bool = False) -> Served:
    """The bare app for ``/pogi``: its only listener calls ``ack()``."""

    def listen(bolt: App) -> None:
        @bolt.command("/pogi")
        def _ack(ack: Any) -> None:
            ack()

    return serve_bare(spec, listen, inline=inline)


APPS: dict[str, AppBuilder] = {"pogi": serve_pogi, "bare": serve_bare_status}
"""The apps of ``bench/ack.py`` and ``bench/hearings.py``; a bench may serve its own."""


def _serve_child(spec: AppSpec, build: AppBuilder) -> int:
    """Child process: serve ``spec``; print ``PORT n`` (HTTP) or ``READY`` (Socket Mode, once
    connected); stop when stdin closes.

    Like ``pogi run``, the server runs in the main thread and a signal ends it; closing stdin
    (the bench is done, or died) sends that signal, so a child never outlives its bench.
    """
    logging.basicConfig(
        level=logging.WARNING, format=f"[{spec.kind}] %(levelname)s %(name)s: %(message)s"
    )
    # Many keep-alive senders on 8 threads queue requests; waitress warns on each one.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    served = build(spec, False)

    def stop(_signum: int, _frame: object) -> None:
        raise SystemExit(0)

    def watch_stdin() -> None:
        sys.stdin.read()
        os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    try:
        if spec.transport == SOCKET:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(served.bolt, APP_TOKEN)  # as bot.app.server does
            try:
                handler.connect()
                print("READY", flush=True)
                threading.Event().wait()
            finally:
                handler.client.auto_reconnect_enabled = False  # the bench is done: no reconnect
                handler.close()
        else:
            from waitress.server import TcpWSGIServer, create_server

            server = create_server(
                served.wsgi,
                host=HOST,
                port=0,
                threads=THREADS,
                connection_limit=CONNECTION_LIMIT,
                ident=spec.kind,
            )
            assert isinstance(server, TcpWSGIServer)  # one host, one port
            print(f"PORT {server.getsockname()[1]}", flush=True)
            try:
                server.run()
            finally:
                server.close()
    except SystemExit:
        pass
    finally:
        served.close()
    return 0


def child_main(argv: Sequence[str], apps: Mapping[str, AppBuilder]) -> int:
    """``serve SPEC``: the entry point of a bench script run as a child."""
    if len(argv) == 2 and argv[0] == "serve":
        spec = AppSpec(**json.loads(argv[1]))
        return _serve_child(spec, apps[spec.kind])
    print("usage: SCRIPT serve SPEC_JSON", file=sys.stderr)
    return 2


class ChildServer:
    """One app served in a child process of its own: ``script serve SPEC`` (this file's apps,
    or a bench's own that serves them through ``child_main``)."""

    def __init__(
        self, spec: AppSpec, *, log: Path, timeout: float = 60, script: Path = Path(__file__)
    ) -> None:
        self.spec = spec
        self.kind = spec.kind
        self.log = log
        with log.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, str(script.resolve()), "serve", json.dumps(asdict(spec))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                cwd=str(ROOT),
            )
        line: list[str] = []
        stdout = self.process.stdout
        assert stdout is not None
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        said = line[0].strip() if line else ""
        if said.startswith("PORT "):
            self.port = int(said.split()[1])
        elif said == "READY" and spec.transport == SOCKET:
            self.port = 0
        else:
            self.stop()
            tail = log.read_text(errors="replace").splitlines()[-10:] if log.exists() else []
            raise RuntimeError(
                f"the {self.kind} server did not start (said {said!r})\n" + "\n".join(tail)
            )

    @property
    def pid(self) -> int:
        return self.process.pid

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

    def log_summary(self, *, show: int = 25, common: int = 3) -> list[str]:
        """How much the server logged, by level, its commonest warnings, and the first error
        with what followed it."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        levels = {
            level: sum(f"] {level} " in line for line in lines) for level in ("ERROR", "WARNING")
        }
        summary = [
            f"{self.kind} server log: {len(lines)} lines, {levels['ERROR']} errors, "
            f"{levels['WARNING']} warnings"
        ]
        warnings: dict[str, int] = {}
        for line in lines:
            if "] WARNING " in line:
                text = re.sub(r"\d+", "N", line.split("] WARNING ", 1)[1])[:150]
                warnings[text] = warnings.get(text, 0) + 1
        for text, count in sorted(warnings.items(), key=lambda item: -item[1])[:common]:
            summary.append(f"  | {count} × WARNING {text}")
        first = next((i for i, line in enumerate(lines) if "] ERROR " in line), None)
        if first is not None:
            summary += ["  | " + line for line in lines[first : first + show]]
        return summary


# -- requests --------------------------------------------------------------------------------


_serial = iter(range(10**9))


def response_url(standin: SlackStandIn, prefix: str) -> str:
    """A response URL of its own on the stand-in, keyed ``prefix`` and a serial number."""
    return standin.response_url(f"{prefix}{next(_serial)}")


def signed_command(text: str, *, user: str, channel: str, response_url: str) -> tuple[bytes, dict]:
    """A ``/pogi`` slash command as Slack posts it, signed now."""
    return payloads.signed_request(
        payloads.slash_command(
            text=text, user_id=user, channel_id=channel, response_url=response_url
        ),
        signing_secret=SIGNING_SECRET,
    )


def signed(payload: Mapping[str, Any]) -> tuple[bytes, dict]:
    """An interaction payload as Slack posts it over HTTP, signed now."""
    return payloads.signed_request(payload, signing_secret=SIGNING_SECRET)


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


def said(message: Mapping[str, Any] | bytes) -> str:
    """Every text in a message (or a JSON body), for checking what pogi answered."""
    from tests.support.server import everything_said

    if isinstance(message, bytes):
        return everything_said(json.loads(message)) if message else ""
    return everything_said({k: v for k, v in message.items() if not k.startswith("_")})


def answer_at(standin: SlackStandIn, key: str, *, timeout: float = 10) -> str:
    """What pogi posted to the response URL ``key``, as text ('' if nothing within ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in standin.calls_to("response_url"):
            if call.args.get("_key") == key:
                return said(call.args)
        time.sleep(0.005)
    return ""


def wsgi_environ(body: bytes, headers: dict) -> dict:
    """The WSGI environ waitress would build for this POST, for calling an app in-process."""
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


# -- senders -------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one batch of senders measured against one app."""

    latencies: list[float] = field(default_factory=list)  # seconds, of every answer
    errors: int = 0  # answered wrongly, or not at all
    unanswered: int = 0  # of the errors, those that got no answer (and left no latency)
    error_kinds: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0

    def fail(self, kind: str, *, answered: bool = True) -> None:
        self.errors += 1
        self.unanswered += not answered
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def add(self, other: Outcome) -> None:
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.unanswered += other.unanswered
        for kind, count in other.error_kinds.items():
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + count
        self.wall += other.wall

    @property
    def acknowledged(self) -> int:
        """Requests answered as they should be."""
        return len(self.latencies) - (self.errors - self.unanswered)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else math.nan


class Senders:
    """``count`` senders, each a thread of its own; ``exchange`` sends one request and says
    what went wrong (None when the answer is right)."""

    def __init__(self, count: int) -> None:
        self.count = count

    def exchange(self, index: int, request: Any) -> str | None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def run(self, batches: Sequence[Sequence[Any]], *, deadline: float = math.inf) -> Outcome:
        """Send ``batches[i]`` one after another from sender ``i``, all senders at once.

        Only the exchange is timed. A request that got no answer at all leaves no latency;
        one answered wrongly counts as an error too. Past ``deadline`` (``time.monotonic()``)
        senders send no more, so a stuck server cannot hold the bench for longer than one
        request's timeout.
        """
        results = [Outcome() for _ in batches]
        start = threading.Barrier(len(batches) + 1)

        def send(index: int) -> None:
            outcome = results[index]
            start.wait()
            for request in batches[index]:
                if time.monotonic() > deadline:
                    break
                began = time.perf_counter()
                try:
                    wrong = self.exchange(index, request)
                except (OSError, http.client.HTTPException, TimeoutError) as error:
                    outcome.fail(f"no answer ({type(error).__name__})", answered=False)
                    continue
                outcome.latencies.append(time.perf_counter() - began)
                if wrong is not None:
                    outcome.fail(wrong)

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


class HttpSenders(Senders):
    """Signed POSTs to ``/slack/events``: every sender keeps one HTTP/1.1 connection alive, or
    (``fresh``) opens one per request as Slack does in a burst, timed from connecting.
    Every answer must be 200, and contain ``expect`` if given."""

    def __init__(
        self,
        port: int,
        count: int,
        *,
        fresh: bool = False,
        expect: bytes | None = None,
        timeout: float = 10,
    ) -> None:
        super().__init__(count)
        self.port, self.fresh, self.expect, self.timeout = port, fresh, expect, timeout
        self.connections = [None if fresh else self._connect() for _ in range(count)]

    def _connect(self) -> http.client.HTTPConnection:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        connection.connect()
        return connection

    def exchange(self, index: int, request: tuple[bytes, dict]) -> str | None:
        body, headers = request
        connection = self.connections[index] or self._connect()
        try:
            connection.request("POST", EVENTS_PATH, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            if not self.fresh:
                self.connections[index] = self._connect()
            raise
        finally:
            if self.fresh:
                connection.close()
        if response.status != 200:
            return f"HTTP {response.status}"
        if self.expect is not None and self.expect not in data:
            return "unexpected body"
        return None

    def close(self) -> None:
        for connection in self.connections:
            if connection is not None:
                connection.close()


class SocketSenders(Senders):
    """Envelopes over Socket Mode: each sender hands the stand-in an interaction payload, which
    sends it on the app's connection as an envelope and waits for the app's ack. Timed from
    sending the envelope to receiving the ack."""

    def __init__(self, standin: SlackStandIn, count: int, *, timeout: float = 10) -> None:
        super().__init__(count)
        self.standin, self.timeout = standin, timeout

    def exchange(self, index: int, request: Mapping[str, Any]) -> str | None:
        self.standin.socket_send("interactive", request, timeout=self.timeout)
        return None


# -- in-process calls and profiles ---------------------------------------------------------------


class InProcess:
    """An app's WSGI callable, called in this process (listener inline, no HTTP, no ack poll)."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.statuses: list[str] = []

    def __call__(self, request: tuple[bytes, dict]) -> bytes:
        body, headers = request

        def start_response(status: str, _headers: list, _exc_info: Any = None) -> Any:
            self.statuses.append(status)
            return lambda _data: None

        return b"".join(self.served.wsgi(wsgi_environ(body, headers), start_response))

    def ms_each(
        self, requests: Sequence[tuple[bytes, dict]], profiler: cProfile.Profile | None = None
    ) -> float:
        """Mean milliseconds a request, calling them one after another (profiled if given)."""
        began = time.perf_counter()
        if profiler:
            profiler.enable()
        for request in requests:
            self(request)
        if profiler:
            profiler.disable()
        return (time.perf_counter() - began) * 1000 / max(1, len(requests))

    def all_ok(self) -> bool:
        return all(status.startswith("200") for status in self.statuses)


def _in(file: str, path: str) -> bool:
    """Whether ``file`` is the module ``path`` (with or without ``.py``) or inside the package."""
    return file.endswith((path, f"{path}.py")) or f"/{path}/" in file


def profile_lines(
    profiler: cProfile.Profile, count: int, spots: Sequence[tuple[str, str, str]], *, top: int = 0
) -> list[str]:
    """Cumulative milliseconds a request at the ``spots`` (label, module or package path,
    function) and, if ``top``, the functions with the most own time. The profiler's clock may
    be ``time.thread_time``: then the figures are CPU, whatever else the machine is doing."""
    table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in table.values()) * 1000 / count
    lines = [
        f"cProfile of {count} requests in-process ({total:.2f} ms a request profiled, profiler "
        f"overhead included); cumulative ms a request (calls a request):"
    ]
    for label, path, name in spots:
        found = [
            entry
            for (file, _line, func), entry in table.items()
            if func == name and _in(file, path)
        ]
        if found:
            cumulative = sum(entry[3] for entry in found) * 1000 / count
            calls = sum(entry[1] for entry in found) / count
            lines.append(f"  {cumulative:8.3f}  ({calls:4.1f})  {label}")
    if top:
        lines.append(f"  top {top} by own time (ms a request, calls a request, function):")
        ranked = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
        for (file, line, func), entry in ranked:
            where = f"{Path(file).parent.name}/{Path(file).name}:{line}" if file != "~" else ""
            lines.append(
                f"  {entry[2] * 1000 / count:8.3f}  {entry[1] / count:7.1f}  {func} {where}"
            )
    return lines


# -- statistics and processes ------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); p99 of 1000 values is the 10th largest."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(value: float) -> float:
    return value * 1000


def latency_line(label: str, outcome: Outcome, *, late: float = 3.0) -> str:
    """n, errors, rate and the spread of an outcome's latencies, on one line."""
    lat = outcome.latencies
    if not lat:
        return f"{label}: no answers ({outcome.errors} errors: {outcome.error_kinds})"
    over = sum(value >= late for value in lat)
    return (
        f"{label}: n {len(lat)}, errors {outcome.errors}, wall {outcome.wall:.2f} s, "
        f"{outcome.rate:.0f}/s; p50 {ms(percentile(lat, 50)):.0f} ms, "
        f"p90 {ms(percentile(lat, 90)):.0f} ms, p99 {ms(percentile(lat, 99)):.0f} ms, "
        f"max {ms(max(lat)):.0f} ms, min {ms(min(lat)):.0f} ms; {over} over Slack's {late:.0f} s"
        + (f"; errors: {outcome.error_kinds}" if outcome.error_kinds else "")
    )


def buckets(values: Iterable[float], edges_ms: Sequence[float]) -> list[float]:
    """Share (%) of ``values`` (seconds) below each edge, between edges, and above the last."""
    values = list(values)
    counts = [0] * (len(edges_ms) + 1)
    for value in values:
        index = next((i for i, edge in enumerate(edges_ms) if ms(value) < edge), len(edges_ms))
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


def load_average() -> float:
    return os.getloadavg()[0]


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(child_main(sys.argv[1:], APPS))
