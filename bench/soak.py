"""The soak: half an hour of a working day's traffic compressed into three minutes, on
PostgreSQL, with two pogi processes sharing the database and a Slack that rate-limits.

    python bench/soak.py [--seconds 180] [--rate 6] [--channels 10] [--users 60]
                         [--rate-limited 20] [--server-errors 101] [--seed 16]

60 people in 10 working groups (a coordinator and five members from five organisations each;
the first person is also the secretariat). After the groups are set up, each channel has a
sender of its own that acts as its people do, one request after another, answered before the
next, at ``--rate`` requests a second over all channels: ``/pogi status``, ``hjælp``,
``hjemmearbejde`` and ``møder`` (lists), homework given by the coordinator (posted in the
channel, the assignee told by DM), ``Færdig`` clicked by the assignee, meetings proposed and
confirmed (a click; announced in the channel with a calendar file), and people added to the
roster through the ``roster add`` form (a modal submission). Requests go to either process at
random, signed, over HTTP (waitress, as ``pogi run --http`` serves it). Every 20th Web API call
is answered 429 (``Retry-After: 1``) and every 101st 500, from the first request to the last.

Then it waits for the outbox to drain and checks: every command answered; every request
acknowledged with 200 and the p99 acknowledgement under 1 s; every homework post, homework DM
and meeting announcement delivered exactly once, and each channel's posts in the order their
requests were made; no outbox row failed; no traceback in either process's log. Bounded in
count and time (``--seconds`` of traffic, at most two minutes to drain); 127.0.0.1 only.
PostgreSQL from ``POGI_TEST_POSTGRES_URL`` (default the local server), in a schema of its own,
dropped afterwards. Exit status 1 when a target is missed or a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too

TARGET_P99_S = 1.0
ANSWER_WAIT = 15.0
DRAIN_S = 120.0
PER_GROUP = 6
MARKER = re.compile(r"(?:Opgave|Arbejdsmøde)K\d+N\d+")
KEYS = itertools.count(1)  # response URLs of their own, set-up and traffic alike


@dataclass
class Tally:
    """What the senders saw, shared between them."""

    acks: list[float] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    commands: int = 0
    unanswered: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    expected_posts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    expected_dms: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Answers:
    """Answers to response URLs and opened modals, as the stand-in records them."""

    def __init__(self, standin: Any) -> None:
        self.changed = threading.Condition()
        self.posted: dict[str, dict[str, Any]] = {}
        self.opened: set[str] = set()
        self.posted_markers: set[tuple[str, str]] = set()
        standin.subscribe(self._heard)

    def seen(self, channel: str, marker: str) -> bool:
        """Whether a message naming ``marker`` has been posted in ``channel``."""
        with self.changed:
            return (channel, marker) in self.posted_markers

    def _heard(self, call: Any) -> None:
        if not call.ok:
            return
        with self.changed:
            if call.method == "response_url":
                self.posted.setdefault(call.args["_key"], call.args)
            elif call.method == "views.open":
                self.opened.add(str(call.args.get("trigger_id")))
            elif call.method == "chat.postMessage":
                channel = str(call.args.get("channel"))
                self.posted_markers.update(
                    (channel, marker) for marker in MARKER.findall(h.said(call.args))
                )
            self.changed.notify_all()

    def wait(self, *, key: str | None = None, trigger: str | None = None) -> Any:
        deadline = time.monotonic() + ANSWER_WAIT
        with self.changed:
            while True:
                if key is not None and key in self.posted:
                    return self.posted[key]
                if trigger is not None and trigger in self.opened:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.changed.wait(left)


def people(channels: int) -> list[Any]:
    from bot.domain.roles import Role
    from bot.domain.roster import RosterEntry

    entries = []
    for index in range(channels * PER_GROUP):
        group, seat = divmod(index, PER_GROUP)
        roles = {Role.STEERING, Role.MEMBER} if seat == 0 else {Role.MEMBER}
        if index == 0:
            roles.add(Role.SECRETARIAT)
        entries.append(
            RosterEntry(
                slack_user_id=f"U{index:03d}",
                name=f"Person {index}",
                organisation=f"Organisation {(group * 3 + seat) % 40}",
                roles=frozenset(roles),
            )
        )
    return entries


class Sender:
    """One channel's people, one request after another, to either process."""

    def __init__(self, soak: Soak, channel: int, seed: int) -> None:
        self.soak, self.number = soak, channel
        self.channel = f"C{channel:02d}"
        self.rng = random.Random(seed)
        self.connections: dict[int, http.client.HTTPConnection] = {}
        first = channel * PER_GROUP
        self.coordinator = f"U{first:03d}"
        self.members = [f"U{first + seat:03d}" for seat in range(1, PER_GROUP)]
        self.serial = 0
        self.open_tasks: list[tuple[str, str]] = []  # (assignee, task)
        self.meetings = 0

    # -- the wire --------------------------------------------------------------------------

    def post(self, body: bytes, headers: dict[str, str], kind: str) -> int:
        port = self.rng.choice(self.soak.ports)
        connection = self.connections.get(port)
        if connection is None:
            connection = self.connections[port] = http.client.HTTPConnection(
                h.HOST, port, timeout=10
            )
        began = time.perf_counter()
        try:
            connection.request("POST", h.EVENTS_PATH, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            self.connections.pop(port, None)
            status = 0
        took = time.perf_counter() - began
        tally = self.soak.tally
        with tally.lock:
            tally.acks.append(took)
            tally.kinds[kind] += 1
            tally.statuses[status] += 1
            if status != 200:
                tally.wrong.append(f"{kind} in {self.channel}: HTTP {status}")
        return status

    def command(self, user: str, text: str, kind: str) -> dict[str, Any] | None:
        """Send a command; its answer (None if it never came)."""
        from bot.console import payloads

        self.serial += 1
        key = f"{self.channel}-{next(KEYS)}"
        form = payloads.slash_command(
            text=text,
            user_id=user,
            channel_id=self.channel,
            response_url=self.soak.standin.response_url(key),
        )
        body, headers = payloads.signed_request(form, signing_secret=h.SIGNING_SECRET)
        with self.soak.tally.lock:
            self.soak.tally.commands += 1
        if self.post(body, headers, kind) != 200:
            return None
        if text.startswith("roster add"):
            opened = self.soak.answers.wait(trigger=form["trigger_id"])
            answer = {"opened": True} if opened else None
        else:
            answer = self.soak.answers.wait(key=key)
        if answer is None:
            with self.soak.tally.lock:
                self.soak.tally.unanswered.append(f"{kind} in {self.channel}: {text}")
        return answer

    def interaction(self, payload: dict[str, Any], kind: str) -> int:
        body, headers = h.signed(payload)
        return self.post(body, headers, kind)

    # -- what people do ----------------------------------------------------------------------

    def step(self) -> None:
        kind = self.rng.choices(
            ["status", "help", "list", "assign", "done", "meeting", "roster"],
            weights=[20, 8, 12, 25, 15, 10, 10],
        )[0]
        anyone = self.rng.choice([self.coordinator, *self.members])
        if kind == "status":
            self.command(anyone, "status", kind)
        elif kind == "help":
            self.command(anyone, "hjælp", kind)
        elif kind == "list":
            self.command(anyone, self.rng.choice(["hjemmearbejde", "møder"]), kind)
        elif kind == "done" and self.open_tasks and self.posted(self.open_tasks[0][1]):
            self.done(*self.open_tasks.pop(0))  # as people do: on the message in the channel
        elif kind == "meeting" and self.meetings < 4:
            self.meeting()
        elif kind == "roster":
            self.roster_add()
        else:
            self.assign()

    def posted(self, marker: str) -> bool:
        return self.soak.answers.seen(self.channel, marker)

    def marker(self, what: str) -> str:
        return f"{what}K{self.number}N{self.serial + 1}"

    def assign(self) -> None:
        who = self.rng.choice(self.members)
        task = self.marker("Opgave")
        text = f"hjemmearbejde <@{who}|x> {task} til fredag kl. 12"
        answer = self.command(self.coordinator, text, "assign")
        if answer is not None and "givet til" in h.said(answer):
            with self.soak.tally.lock:
                self.soak.tally.expected_posts[self.channel].append(task)
                self.soak.tally.expected_dms[task] = who
            self.open_tasks.append((who, task))
        elif answer is not None:
            self.soak.tally.wrong.append(f"assign in {self.channel}: {h.said(answer)[:120]}")

    def done(self, who: str, task: str) -> None:
        from sqlmodel import select

        from bot.console import payloads
        from storage.tables import Homework

        with self.soak.db.reading() as session:
            found = session.exec(select(Homework.id).where(Homework.task == task)).first()
        if found is None:
            self.soak.tally.wrong.append(f"done in {self.channel}: {task} not stored")
            return
        self.interaction(
            payloads.block_actions(
                user_id=who,
                action_id="homework_done",
                block_id="b",
                value=str(found),
                channel_id=self.channel,
                response_url=self.soak.standin.response_url(f"done-{next(KEYS)}"),
            ),
            "done",
        )

    def meeting(self) -> None:
        from bot.console import payloads
        from tests.support.server import buttons

        self.meetings += 1
        title = self.marker("Arbejdsmøde")
        hour = 8 + self.meetings * 2
        text = f"møde i morgen kl. {hour}-{hour + 1} {title}"
        answer = self.command(self.coordinator, text, "meeting")
        confirm = buttons(answer or {}).get("Bekræft")
        if confirm is None:
            if answer is not None:
                self.soak.tally.wrong.append(f"meeting in {self.channel}: {h.said(answer)[:120]}")
            return
        status = self.interaction(
            payloads.block_actions(
                user_id=self.coordinator,
                action_id=confirm["action_id"],
                block_id=confirm["block_id"],
                value=confirm.get("value"),
                channel_id=self.channel,
                response_url=self.soak.standin.response_url(f"confirm-{next(KEYS)}"),
            ),
            "confirm",
        )
        if status == 200:
            with self.soak.tally.lock:
                self.soak.tally.expected_posts[self.channel].append(title)

    def roster_add(self) -> None:
        from bot.console import payloads

        if self.command("U000", "roster add", "roster") is None:
            return
        newcomer = f"UNEW{self.number}X{self.serial}"
        values = {
            "roster_user": {"u": {"type": "users_select", "selected_user": newcomer}},
            "roster_organisation": {"o": {"type": "plain_text_input", "value": "Nyt Sted"}},
            "roster_roles": {
                "r": {"type": "checkboxes", "selected_options": [{"value": "member"}]}
            },
        }
        view = {"type": "modal", "callback_id": "roster_add", "blocks": []}
        self.interaction(
            payloads.view_submission(user_id="U000", view=view, values=values), "submission"
        )

    def run(self, until: float, interval: float) -> None:
        while time.monotonic() < until:
            began = time.monotonic()
            self.step()
            pause = self.rng.expovariate(1 / interval) - (time.monotonic() - began)
            if pause > 0:
                time.sleep(min(pause, max(0.0, until - time.monotonic())))
        for connection in self.connections.values():
            connection.close()


class Soak:
    def __init__(self, args: argparse.Namespace, standin: Any, db: Any, ports: list[int]) -> None:
        self.args, self.standin, self.db, self.ports = args, standin, db, ports
        self.tally = Tally()
        self.answers = Answers(standin)


def set_up(soak: Soak, channels: int) -> list[str]:
    """Each channel's revision, coordinator and group, through the first process; problems."""
    problems = []
    for number in range(channels):
        sender = Sender(soak, number, seed=number)
        sender.rng = random.Random(0)
        sender.connections = {}
        first = number * PER_GROUP
        group = " ".join(f"<@U{first + seat:03d}|x>" for seat in range(1, PER_GROUP))
        for user, text, expect in [
            ("U000", f"revision start Mål {number}", "er startet"),
            ("U000", f"tovholder <@U{first:03d}|x>", "som tovholder"),
            (f"U{first:03d}", f"gruppe add {group}", "opfylder reglerne"),
        ]:
            answer = sender.command(user, text, "setup")
            if answer is None or expect not in h.said(answer):
                problems.append(f"set-up of C{number:02d}: {text} → {h.said(answer or {})[:150]}")
    return problems


def drain(db: Any) -> dict[str, int]:
    """Wait until nothing due is left to send (reminders for later stay pending); the rows due
    by now, by status."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from storage.tables import OutboxMessage

    deadline = time.monotonic() + DRAIN_S
    while True:
        now = datetime.now(UTC)
        with db.reading() as session:
            rows = session.exec(
                select(OutboxMessage.status, func.count())
                .where(col(OutboxMessage.created_at) <= now, col(OutboxMessage.due_at) <= now)
                .group_by(OutboxMessage.status)
            ).all()
        counts = {"pending": 0, "sending": 0, "sent": 0, "cancelled": 0, "failed": 0}
        counts.update({status: count for status, count in rows})
        if counts["pending"] + counts["sending"] == 0 or time.monotonic() > deadline:
            return counts
        time.sleep(0.5)


def delivered(standin: Any, tally: Tally) -> list[str]:
    """Problems with what reached the channels and the people."""
    problems = []
    posts: dict[str, list[str]] = defaultdict(list)
    for call in standin.calls_to("chat.postMessage"):
        if call.ok:
            posts[str(call.args.get("channel"))].append(h.said(call.args))
    marker = MARKER
    for channel, expected in sorted(tally.expected_posts.items()):
        seen = [m for text in posts[channel] for m in dict.fromkeys(marker.findall(text))]
        counts = Counter(seen)
        twice = [m for m in expected if counts[m] > 1]
        missing = [m for m in expected if counts[m] == 0]
        if twice or missing:
            problems.append(f"{channel}: twice {twice[:5]}, missing {missing[:5]}")
        elif [m for m in seen if m in set(expected)] != expected:
            problems.append(f"{channel}: out of order: {seen[:12]} … expected {expected[:12]} …")
    for task, who in tally.expected_dms.items():
        count = sum(task in marker.findall(text) for text in posts[who])
        if count != 1:
            problems.append(f"DM to {who} about {task}: {count} times")
    return problems


def tracebacks(servers: list[Any]) -> list[str]:
    found = []
    for server in servers:
        text = server.log.read_text(errors="replace") if server.log.exists() else ""
        if "Traceback" in text:
            found.append(f"{server.log.name}: {text.count('Traceback')} tracebacks")
            found += server.log_summary(show=15)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--rate", type=float, default=6.0, help="requests a second, all channels")
    parser.add_argument("--channels", type=int, default=10)
    parser.add_argument("--rate-limited", type=int, default=20, help="every Nth call: 429")
    parser.add_argument("--server-errors", type=int, default=101, help="every Nth call: 500")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--logs", type=Path, help="keep the two processes' logs here")
    args = parser.parse_args()

    from bot.domain import roster

    url = h.postgres_url()
    entries = people(args.channels)
    newcomers = [(f"UNEW{c}X{n}", f"Ny {c}-{n}") for c in range(args.channels) for n in range(400)]
    standin = h.start_standin([(e.slack_user_id, e.name) for e in entries] + newcomers)
    failures: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="pogi-soak-") as workdir,
        h.postgres_schema(url) as schema,
    ):
        db = h.open_database(url, schema)
        db.upgrade()
        roster.import_roster(db, entries=entries, actor="soak", now=datetime.now(UTC))
        servers = []
        try:
            for number in range(2):
                spec = h.AppSpec(kind="pogi", api_url=standin.url, database_url=url, schema=schema)
                servers.append(h.ChildServer(spec, log=Path(workdir) / f"pogi-{number}.log"))
            soak = Soak(args, standin, db, [server.port for server in servers])
            failures += set_up(soak, args.channels)
            soak.tally = Tally()
            standin.rate_limit(None, every=args.rate_limited, retry_after=1)
            standin.server_error(None, every=args.server_errors, status=500)
            load_before = h.load_average()
            senders = [Sender(soak, n, seed=args.seed * 100 + n) for n in range(args.channels)]
            until = time.monotonic() + args.seconds
            interval = args.channels / args.rate
            threads = [
                threading.Thread(target=s.run, args=(until, interval), daemon=True) for s in senders
            ]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(args.seconds + 60)
            traffic = time.monotonic() - began
            counts = drain(db)
            drained = time.monotonic() - began - traffic
            faulted = Counter(c.status for c in standin.calls if c.method != "response_url")
            standin.reset_faults()
            tally = soak.tally
            acks = tally.acks
            p50, p99 = h.percentile(acks, 50), h.percentile(acks, 99)
            print(
                f"soak: {len(acks)} requests in {traffic:.0f} s over {args.channels} channels "
                f"({len(acks) / traffic:.1f}/s; {dict(tally.kinds)}), 2 processes on PostgreSQL, "
                f"load average {load_before:.1f} → {h.load_average():.1f}"
            )
            print(
                f"  acknowledgements: p50 {h.ms(p50):.0f} ms, p99 {h.ms(p99):.0f} ms, max "
                f"{h.ms(max(acks)):.0f} ms; statuses {dict(tally.statuses)}"
            )
            print(
                f"  Web API and uploads answered: {dict(sorted(faulted.items()))} "
                f"(429 every {args.rate_limited}th call, 500 every {args.server_errors}th)"
            )
            expected = sum(len(v) for v in tally.expected_posts.values())
            print(
                f"  commands {tally.commands}, unanswered {len(tally.unanswered)}; expected "
                f"channel posts {expected}, DMs {len(tally.expected_dms)}; outbox after "
                f"{drained:.0f} s of draining: {counts}"
            )
            if p99 >= TARGET_P99_S:
                failures.append(f"p99 acknowledgement {h.ms(p99):.0f} ms ≥ 1 s")
            failures += [f"unanswered: {u}" for u in tally.unanswered[:10]]
            failures += tally.wrong[:10]
            if counts["pending"] or counts["sending"] or counts["failed"]:
                failures.append(f"outbox not delivered: {counts}")
            failures += delivered(standin, tally)
        finally:
            for server in servers:
                server.stop()
                if args.logs:
                    args.logs.mkdir(parents=True, exist_ok=True)
                    shutil.copy(server.log, args.logs / server.log.name)
            failures += tracebacks(servers)
            for server in servers:
                print("  " + server.log_summary(show=0)[0])
            db.dispose()
    standin.stop()
    for failure in failures:
        print("FAILED:", failure)
    print("soak: " + ("targets missed" if failures else "every target met"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
