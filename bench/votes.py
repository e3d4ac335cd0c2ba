"""The vote-click storm: 1,000 clicks from 50 steering seats, pogi against a bare Bolt app that
stores one row per click, over HTTP and over Socket Mode, on SQLite and on PostgreSQL.

    python bench/votes.py [--transport http|socket|both] [--database sqlite|postgresql|both]
                          [--clicks 1000] [--senders 32] [--rounds 4] [--budget 60]
                          [--cost 200] [--profile N]

For each transport and database: 50 steering organisations, each with a member and a deputy,
and an open vote whose message the dispatcher has posted. pogi runs as ``pogi run`` serves it
(``create_app``, the outbox dispatcher started, ``settle``): over HTTP behind waitress (8
threads, 1,000 connections, pogi's WSGI callable), in Socket Mode through Bolt's
``SocketModeHandler`` connected to the Slack stand-in's WebSocket, reached through the URL its
``apps.connections.open`` answers. The baseline is a bare Bolt app served the same way whose
only listener, for the vote buttons, inserts one row per click (table ``bench_click``, in the
same database) in one transaction, then calls ``ack()``: the floor for "stored before the ack".
Its transaction is storage's ``Database.transaction(wait=BALLOT_WAIT)``, the one a ballot uses,
so on SQLite both apps queue for the single writer the same way.

Each app runs in a child process of its own (``bench/_harness.py``) against a stand-in of its
own; this process signs and sends, and hosts the stand-ins. HTTP senders keep one connection
alive each; Socket Mode senders hand envelopes to the stand-in, which sends them on the app's
connection and waits for the ack (timed from sending the envelope to receiving the ack). Rounds
alternate between the apps (the order rotates), so machine noise hits both alike.

Reports clicks per second, p50/p99/max acknowledgement, the ratio of the p99s (target ≤ 2), the
server CPU a click cost, whether every click was acknowledged (and none refused as too busy to
wait for the vote), whether the stored tally is exactly one ballot per seat equal to that seat's
last recorded ballot (by audit id) and every bare click was stored, the receipts and how often
the vote message was updated. PostgreSQL comes
from ``POGI_TEST_POSTGRES_URL`` (default the local server), in a schema of its own for each run
of the storm, dropped afterwards. Last, the CPU a click costs each app in-process (``--cost``),
and with ``--profile`` where pogi's goes. Bounded in count and time (half a minute or so a
combination); talks only to 127.0.0.1. Exit status 1 when a target is missed or a check fails.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, func
from sqlalchemy import select as sql_select
from sqlmodel import col, select

TARGET_P99_S = 1.0
TARGET_RATIO = 2.0
SEATS = 50
STEERING = "CSTYRE"
HARD_MARGIN = 15  # seconds a started round may run past the budget before senders give up
CHOICES = ("for", "against", "abstain")
ACTION_IDS = {"for": "vote_for", "against": "vote_against", "abstain": "vote_abstain"}
SQLITE, POSTGRESQL = "sqlite", "postgresql"
APPS = ("pogi", "bare")
REFUSED_BUSY = "Der bliver stemt meget lige nu"  # the start of votes.ballots.BUSY

CLICKS = Table(
    "bench_click",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("user_id", String(32), nullable=False),
    Column("action_id", String(32), nullable=False),
    Column("value", String(32), nullable=False),
    Column("clicked_at", DateTime(timezone=True), nullable=False),
)
"""The bare app's one row per click."""


# -- the apps, in the child processes ---------------------------------------------------------


def serve_bare_votes(spec: h.AppSpec, inline: bool = False) -> h.Served:
    """Bolt storing each vote click as one row, in one transaction, before ``ack()``."""
    from slack_bolt import App

    from bot.domain.votes import BALLOT_WAIT

    db = h.open_database(spec.database_url, spec.schema)
    insert = CLICKS.insert()

    def listen(bolt: App) -> None:
        @bolt.action(re.compile(r"^vote_"))
        def store_then_ack(ack: Any, body: dict[str, Any]) -> None:
            action = body["actions"][0]
            with db.transaction(wait=BALLOT_WAIT) as session:
                session.execute(
                    insert,
                    {
                        "user_id": body["user"]["id"],
                        "action_id": action["action_id"],
                        "value": action.get("value", ""),
                        "clicked_at": datetime.now(UTC),
                    },
                )
            ack()

    served = h.serve_bare(spec, listen, inline=inline)
    close = served.close

    def close_all() -> None:
        close()
        db.dispose()

    return h.Served(served.bolt, served.wsgi, close_all)


VOTE_APPS: dict[str, h.AppBuilder] = {"pogi": h.serve_pogi, "bare": serve_bare_votes}


# -- the world ---------------------------------------------------------------------------------


def roster_entries() -> list[Any]:
    from bot.domain.roles import Role
    from bot.domain.roster import RosterEntry

    entries = [RosterEntry("USEK", "Sofie Holm", "Miljøstyrelsen", frozenset({Role.SECRETARIAT}))]
    for seat in range(1, SEATS + 1):
        organisation = f"Kommune {seat:02d}"
        entries.append(
            RosterEntry(f"UM{seat:03d}", f"Medlem {seat}", organisation, frozenset({Role.STEERING}))
        )
        entries.append(
            RosterEntry(
                f"UD{seat:03d}",
                f"Suppleant {seat}",
                organisation,
                frozenset({Role.STEERING_DEPUTY}),
            )
        )
    return entries


def prepare(url: str, schema: str | None) -> tuple[int, int]:
    """A migrated database with 50 seats, the steering channel, two open votes (one to warm up
    on, one to measure) and the bare app's table; returns the two vote ids."""
    from bot.domain import revisions, roster, votes
    from bot.domain.people import Actor

    now = datetime.now(UTC)
    db = h.open_database(url, schema)
    try:
        db.upgrade()
        CLICKS.metadata.create_all(db.engine)
        roster.import_roster(db, entries=roster_entries(), actor="bench", now=now)
        secretariat = Actor("USEK", roster.find_person(db, slack_user_id="USEK"))
        revisions.set_steering_channel(db, actor=secretariat, channel_id=STEERING, now=now)
        ids = []
        for year in (2028, 2027):
            opened = votes.open_vote(
                db,
                actor=secretariat,
                channel_id=STEERING,
                subject=f"aktivitetsplan {year}",
                now=now,
                override_reason="Benchmark",
            )
            assert isinstance(opened, votes.VoteView)
            ids.append(opened.id)
    finally:
        db.dispose()
    return ids[0], ids[1]


def posted_message(standin: h.SlackStandIn, title: str, timeout: float = 20) -> dict:
    """The vote message as the dispatcher posted it (the clicks carry it, as Slack's do)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in standin.calls_to("chat.postMessage"):
            if call.ok and call.args.get("text") == f"Afstemning: {title}":
                message = standin.message(STEERING, call.response["ts"])
                if message is not None:
                    return message
        time.sleep(0.05)
    raise RuntimeError(f"the vote message for {title} was never posted")


def planned_clicks(count: int, seed: int) -> list[tuple[str, str]]:
    """(user, choice): every seat as often as the others, member and deputy mixed."""
    rng = random.Random(seed)
    plan = [(f"U{rng.choice('MD')}{1 + i % SEATS:03d}", rng.choice(CHOICES)) for i in range(count)]
    rng.shuffle(plan)
    return plan


def dealt(
    plan: list[tuple[str, str]],
    *,
    transport: str,
    vote_id: int,
    message: dict,
    standin: h.SlackStandIn,
    senders: int,
    key: str = "click",
) -> list[list[Any]]:
    """The clicks as Slack sends them, dealt to the senders: signed now (outside the timing)
    for HTTP, the bare payload for Socket Mode (the stand-in wraps it in an envelope)."""
    batches: list[list[Any]] = [[] for _ in range(senders)]
    for index, (user, choice) in enumerate(plan):
        payload = h.payloads.block_actions(
            user_id=user,
            action_id=ACTION_IDS[choice],
            block_id="vote",
            value=str(vote_id),
            channel_id=STEERING,
            message=message,
            response_url=h.response_url(standin, key),
        )
        batches[index % senders].append(h.signed(payload) if transport == h.HTTP else payload)
    return [batch for batch in batches if batch]


def senders_for(transport: str, child: h.ChildServer, standin: h.SlackStandIn, count: int) -> Any:
    if transport == h.HTTP:
        return h.HttpSenders(child.port, count)
    deadline = time.monotonic() + 10
    while standin.socket_connections < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    return h.SocketSenders(standin, count)


# -- checking what was stored --------------------------------------------------------------------


def check_stored(url: str, schema: str | None, vote_id: int) -> dict[str, Any]:
    from bot.domain import votes
    from storage import queries
    from storage.tables import Ballot

    db = h.open_database(url, schema)
    try:
        with db.reading() as session:
            names = {o.id: o.name for o in queries.organisations_by_id(session).values()}
            ballots = session.exec(select(Ballot).where(col(Ballot.vote_id) == vote_id)).all()
            entries = [
                e
                for e in queries.audit_entries(session, entity=votes.subject_of(vote_id))
                if e.action == "vote.ballot"
            ]
            view = votes.get(session, vote_id)
            assert view is not None
            tally = view.tally
            bare_rows = session.execute(
                sql_select(func.count()).select_from(CLICKS).where(CLICKS.c.value == str(vote_id))
            ).scalar_one()
    finally:
        db.dispose()
    last: dict[str, tuple[str, str]] = {}
    for entry in sorted(entries, key=lambda e: e.id or 0):
        after = entry.after or {}
        last[after["organisation"]] = (after["choice"], entry.actor)
    stored = {names[b.organisation_id]: (b.choice, b.voter) for b in ballots}
    seats = Counter(names[b.organisation_id] for b in ballots)
    one_per_seat = len(seats) == SEATS and set(seats.values()) == {1}
    from_ballots = dict(tally.counts) == dict(Counter(c for c, _ in stored.values()))
    return {
        "recorded": len(entries),
        "ballots": len(ballots),
        "one_per_seat": one_per_seat,
        "equals_last": stored == last,
        "tally_from_ballots": from_ballots,
        "exact": one_per_seat and stored == last and from_ballots,
        "counts": dict(tally.counts),
        "bare_rows": bare_rows,
    }


# -- one combination -----------------------------------------------------------------------------


@dataclass
class Result:
    transport: str
    database: str
    outcomes: dict[str, h.Outcome] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # server seconds while its rounds ran
    sent: int = 0  # clicks sent to each app
    rounds: int = 0
    stored: dict[str, Any] = field(default_factory=dict)
    receipts: int = 0  # messages to the clicks' response URLs: receipts and refusals
    refused: int = 0  # of those, "too busy, click again": acknowledged, nothing stored
    updates: int = 0
    load: tuple[float, float] = (0.0, 0.0)
    seconds: float = 0.0
    logs: list[str] = field(default_factory=list)

    def p(self, label: str, q: float) -> float:
        return h.percentile(self.outcomes[label].latencies, q)

    @property
    def ratio(self) -> float:
        return self.p("pogi", 99) / self.p("bare", 99)

    def cpu_ms(self, label: str) -> float:
        return h.ms(self.cpu[label]) / max(1, len(self.outcomes[label].latencies))

    def failures(self) -> list[str]:
        pogi, bare = self.outcomes["pogi"], self.outcomes["bare"]
        checks = {
            f"p99 {h.ms(self.p('pogi', 99)):.0f} ms ≥ {h.ms(TARGET_P99_S):.0f} ms": self.p(
                "pogi", 99
            )
            < TARGET_P99_S,
            f"p99 ratio {self.ratio:.2f} > {TARGET_RATIO}": self.ratio <= TARGET_RATIO,
            f"pogi acknowledged {pogi.acknowledged} of {self.sent}": pogi.errors == 0
            and pogi.acknowledged == self.sent,
            f"bare acknowledged {bare.acknowledged} of {self.sent}": bare.errors == 0
            and bare.acknowledged == self.sent,
            "tally not exact": self.stored["exact"],
            f"{self.refused} clicks refused as busy": self.refused == 0,
            f"{self.stored['recorded']} ballots recorded for {pogi.acknowledged} acks": self.stored[
                "recorded"
            ]
            == pogi.acknowledged - self.refused,
            f"{self.stored['bare_rows']} bare rows for {bare.acknowledged} acks": self.stored[
                "bare_rows"
            ]
            == bare.acknowledged,
            f"{self.receipts} receipts for {pogi.acknowledged} acks": self.receipts
            == pogi.acknowledged,
        }
        return [text for text, ok in checks.items() if not ok]


def storm(
    transport: str, database: str, *, url: str, schema: str | None, args: argparse.Namespace
) -> Result:
    """Warm both apps up, then the measured rounds, alternating; what pogi stored, checked."""
    result = Result(transport, database, load=(h.load_average(), 0.0))
    began = time.monotonic()
    users = [(entry.slack_user_id, entry.name) for entry in roster_entries()]
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-votes-"))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        if database == SQLITE:
            url = f"sqlite:///{workdir / 'votes.db'}"
        warm_vote, vote = prepare(url, schema)
        standins, children, pools = {}, {}, {}
        for label in APPS:
            standins[label] = h.start_standin(users)
            stack.callback(standins[label].stop)
        for label in APPS:
            spec = h.AppSpec(label, standins[label].url, url, schema, transport)
            children[label] = h.ChildServer(
                spec, log=workdir / f"{label}.log", script=Path(__file__)
            )
            stack.callback(children[label].stop)
        pogi_standin = standins["pogi"]
        warm_message = posted_message(pogi_standin, "aktivitetsplanen for 2028")
        message = posted_message(pogi_standin, "aktivitetsplanen for 2027")
        for label in APPS:
            pools[label] = senders_for(transport, children[label], standins[label], args.senders)
            stack.callback(pools[label].close)

        def clicks(plan: list, label: str, vote_id: int, shown: dict, key: str) -> list:
            return dealt(
                plan,
                transport=transport,
                vote_id=vote_id,
                message=shown,
                standin=standins[label],
                senders=args.senders,
                key=key,
            )

        # warm-up on a vote of its own: every user once (locale look-ups), then a burst
        everyone = [(user, "for") for user, _ in users if user != "USEK"]
        for label in APPS:
            warm = pools[label].run(
                clicks(everyone + planned_clicks(2 * SEATS, 7), label, warm_vote, warm_message, "w")
            )
            if warm.errors:
                result.logs.append(f"warm-up of {label}: {warm.error_kinds}")

        plan = planned_clicks(args.clicks, seed=2026)
        each = -(-len(plan) // args.rounds)
        result.outcomes = {label: h.Outcome() for label in APPS}
        result.cpu = {label: 0.0 for label in APPS}
        deadline = time.monotonic() + args.budget
        for round_ in range(args.rounds):
            if time.monotonic() > deadline:
                break
            part = plan[round_ * each : (round_ + 1) * each]
            for label in APPS if round_ % 2 == 0 else APPS[::-1]:
                work = clicks(part, label, vote, message, "click")
                pid = children[label].pid
                before = h.cpu_seconds(pid)
                outcome = pools[label].run(work, deadline=deadline + HARD_MARGIN)
                result.cpu[label] += h.cpu_seconds(pid) - before
                result.outcomes[label].add(outcome)
            result.sent += len(part)
            result.rounds += 1
        result.load = (result.load[0], h.load_average())

        # what pogi does after its acks (receipts, the message refresh) finishes before it stops
        acked = result.outcomes["pogi"].acknowledged
        until = time.monotonic() + 15
        while time.monotonic() < until and len(answers_of(pogi_standin)) < acked:
            time.sleep(0.1)
        time.sleep(1.5)
        for label in APPS:
            children[label].stop()
            result.logs += children[label].log_summary(show=12)
        answers = answers_of(pogi_standin)
        result.receipts = len(answers)
        result.refused = sum(REFUSED_BUSY in text for text in answers)
        result.updates = sum(
            1
            for c in pogi_standin.calls_to("chat.update")
            if c.ok and c.args.get("ts") == message["ts"]
        )
        result.stored = check_stored(url, schema, vote)
    result.seconds = time.monotonic() - began
    return result


def answers_of(standin: h.SlackStandIn) -> list[str]:
    """What pogi told the measured clicks through their response URLs, as text."""
    return [
        h.said(c.args)
        for c in standin.calls_to("response_url")
        if c.args.get("_key", "").startswith("click")
    ]


# -- the cost of one click, in this process -------------------------------------------------------

PROFILE_SPOTS = [
    ("whole click (pogi's WSGI callable)", "bot/app/factory", "application"),
    ("  Bolt: parse the body", "slack_bolt/request/internals", "parse_body"),
    ("  pogi middleware: pogi and the time", "handlers/middleware", "process"),
    ("  vote_button", "handlers/actions/vote", "vote_button"),
    ("    votes.cast: one transaction", "bot/domain/votes/ballots", "cast"),
    ("      begin (writer's turn, busy timeout)", "storage/database", "transaction"),
    ("      lock the vote, read its state and the seat", "storage/queries/votes", "click_state"),
    ("      upsert the ballot", "storage/queries/votes", "put_ballot"),
    ("      the audit entry", "bot/domain/audit", "record"),
    ("      the coalesced refresh", "bot/domain/votes/ballots", "refresh_soon"),
    ("      commit", "sqlalchemy/orm/session", "commit"),
    ("    wake the dispatcher", "bot/delivery/dispatcher", "kick"),
    ("    render the receipt", "handlers/context", "render"),
    (
        "    respond: the receipt to the response URL",
        "slack_bolt/context/respond/respond",
        "__call__",
    ),
    ("  SQLAlchemy Session.execute, everywhere", "sqlalchemy/orm/session", "execute"),
]


def in_process_cost(
    database: str, url: str, schema: str | None, clicks: int, profile: int
) -> tuple[dict[str, float], list[str]]:
    """CPU milliseconds a click costs each app, calling its WSGI callable in this process one
    click at a time (listener inline, no server, no ack poll, no dispatcher), read on the
    calling thread's CPU clock so that it holds on a busy machine; with ``profile``, where
    pogi's went over that many more clicks (cProfile on the same clock)."""
    users = [(entry.slack_user_id, entry.name) for entry in roster_entries()]
    standin = h.start_standin(users)
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-votes-cost-"))
    message = {"ts": "1700000000.000100", "text": "", "blocks": []}
    cost: dict[str, float] = {}
    lines: list[str] = []
    try:
        if database == SQLITE:
            url = f"sqlite:///{workdir / 'cost.db'}"
        warm_vote, vote = prepare(url, schema)
        everyone = [(user, "for") for user, _ in users if user != "USEK"]
        for label, build in VOTE_APPS.items():
            served = build(h.AppSpec(label, standin.url, url, schema), True)
            app = h.InProcess(served)

            def requests(plan: list, vote_id: int) -> list:
                return dealt(
                    plan,
                    transport=h.HTTP,
                    vote_id=vote_id,
                    message=message,
                    standin=standin,
                    senders=1,
                )[0]

            try:
                app(requests(everyone, warm_vote)[0])
                app.ms_each(requests(everyone, warm_vote))
                work = requests(planned_clicks(clicks, seed=11), vote)
                began = time.thread_time()
                app.ms_each(work)
                cost[label] = h.ms(time.thread_time() - began) / len(work)
                if profile and label == "pogi":
                    profiler = cProfile.Profile(time.thread_time)
                    app.ms_each(requests(planned_clicks(profile, seed=12), vote), profiler)
                    lines = h.profile_lines(profiler, profile, PROFILE_SPOTS, top=12)
            finally:
                served.close()
            if not app.all_ok():
                raise RuntimeError(f"in-process {label}: not all 200: {set(app.statuses)}")
    finally:
        standin.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return cost, lines


# -- output ----------------------------------------------------------------------------------


def report(result: Result, args: argparse.Namespace) -> None:
    pogi, bare = result.outcomes["pogi"], result.outcomes["bare"]
    over = "over HTTP (waitress)" if result.transport == h.HTTP else "in Socket Mode"
    print(
        f"\n== {result.transport} × {result.database}: {result.sent} clicks per app {over}, "
        f"{args.senders} senders, {result.rounds} of {args.rounds} alternating rounds; load "
        f"average {result.load[0]:.2f} before, {result.load[1]:.2f} after; {result.seconds:.1f} s"
    )
    print("app     clicks acked errors clicks/s   p50 ms   p99 ms   max ms  CPU ms/click")
    for label, outcome in result.outcomes.items():
        lat = outcome.latencies
        print(
            f"{label:<6} {len(lat):>7} {outcome.acknowledged:>5} {outcome.errors:>6} "
            f"{outcome.rate:8.0f} {h.ms(h.percentile(lat, 50)):8.1f} "
            f"{h.ms(h.percentile(lat, 99)):8.1f} {h.ms(max(lat, default=0)):8.1f} "
            f"{result.cpu_ms(label):13.2f}"
        )
        if outcome.error_kinds:
            print(f"       errors: {outcome.error_kinds}")
    stored = result.stored
    print(
        f"p99 ratio pogi/bare {result.ratio:.2f} (target ≤ {TARGET_RATIO}), p50 ratio "
        f"{result.p('pogi', 50) / result.p('bare', 50):.2f}; pogi p99 "
        f"{h.ms(result.p('pogi', 99)):.0f} ms (target < {h.ms(TARGET_P99_S):.0f} ms)"
    )
    print(
        f"stored: {stored['recorded']} ballots recorded (audit) for {pogi.acknowledged} acks; "
        f"tally exact: {'yes' if stored['exact'] else 'NO'} ({stored['ballots']} ballots, one per "
        f"seat {stored['one_per_seat']}, each the seat's last {stored['equals_last']}, counts "
        f"{stored['counts']}); bare rows {stored['bare_rows']} for {bare.acknowledged} acks"
    )
    print(
        f"answers through the response URLs {result.receipts} of {result.sent}, of them "
        f"{result.refused} refusals (busy: click again); vote message updated {result.updates} "
        f"times (chat.update) for {result.sent} clicks"
    )
    for line in result.logs:
        print(line)
    failures = result.failures()
    print("verdict: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)))


def summary(results: list[Result]) -> None:
    print(
        "\ntransport database     pogi p50/p99/max ms   bare p50/p99/max ms   p99 ratio  "
        "clicks/s pogi/bare  acked  tally  updates  verdict"
    )
    for r in results:
        spread = {
            label: "/".join(
                f"{h.ms(v):.0f}"
                for v in (r.p(label, 50), r.p(label, 99), max(r.outcomes[label].latencies))
            )
            for label in APPS
        }
        print(
            f"{r.transport:<9} {r.database:<11} {spread['pogi']:>18} {spread['bare']:>21} "
            f"{r.ratio:>11.2f} {r.outcomes['pogi'].rate:>10.0f}/{r.outcomes['bare'].rate:<8.0f} "
            f"{r.outcomes['pogi'].acknowledged:>5}  {'yes' if r.stored['exact'] else 'NO':>5} "
            f"{r.updates:>8}  {'OK' if not r.failures() else 'FAILED'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    both = {"both": None}
    parser.add_argument("--transport", choices=[h.HTTP, h.SOCKET, *both], default="both")
    parser.add_argument("--database", choices=[SQLITE, POSTGRESQL, *both], default="both")
    parser.add_argument("--clicks", type=int, default=1000, help="clicks per app (1000)")
    parser.add_argument("--senders", type=int, default=32, help="concurrent senders (32)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (4)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds for the measured rounds of a combination; later rounds are skipped (60)",
    )
    parser.add_argument(
        "--cost",
        type=int,
        default=200,
        metavar="N",
        help="clicks per app and database for the in-process CPU per click; 0 skips it (200)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile N more in-process pogi clicks per database, on the CPU clock",
    )
    args = parser.parse_args(argv)
    # create_app gives Bolt a client and a token; Bolt says so once per app built here.
    logging.getLogger("pogi.bolt").setLevel(logging.ERROR)
    if not 1 <= args.senders <= 64:
        parser.error("--senders must be between 1 and 64")
    transports = [h.HTTP, h.SOCKET] if args.transport == "both" else [args.transport]
    databases = [SQLITE, POSTGRESQL] if args.database == "both" else [args.database]
    began = time.monotonic()
    print(
        f"vote-click storm: {args.clicks} clicks from {SEATS} seats (member and deputy mixed, 3 "
        f"choices) per app and combination; pogi as pogi run serves it against a bare Bolt app "
        f"storing one row per click; {os.cpu_count()} CPUs, load average {h.load_average():.2f}"
    )
    results = []
    for database in databases:
        for transport in transports:
            if database == POSTGRESQL:
                url = h.postgres_url()
                with h.postgres_schema(url) as schema:
                    result = storm(transport, database, url=url, schema=schema, args=args)
            else:
                result = storm(transport, database, url="", schema=None, args=args)
            report(result, args)
            results.append(result)
    summary(results)
    if args.cost:
        print(
            "\nCPU a click costs in-process (listener inline, one click at a time, the calling "
            "thread's CPU clock; no HTTP server, no ack poll, no dispatcher):"
        )
        for database in databases:
            if database == POSTGRESQL:
                url = h.postgres_url()
                with h.postgres_schema(url) as schema:
                    cost, lines = in_process_cost(database, url, schema, args.cost, args.profile)
            else:
                cost, lines = in_process_cost(database, "", None, args.cost, args.profile)
            print(
                f"  {database}: pogi {cost['pogi']:.2f} ms, bare {cost['bare']:.2f} ms "
                f"(ratio {cost['pogi'] / cost['bare']:.2f}) over {args.cost} clicks each"
            )
            for line in lines:
                print("  " + line)
    failed = [r for r in results if r.failures()]
    print(
        f"bench took {time.monotonic() - began:.1f} s; load average {h.load_average():.2f} at "
        f"the end" + (f"; {len(failed)} of {len(results)} combinations FAILED" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    os.chdir(h.ROOT)
    if sys.argv[1:2] == ["serve"]:
        sys.exit(h.child_main(sys.argv[1:], VOTE_APPS))
    sys.exit(main())
