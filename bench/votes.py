"""Ack latency of a vote-click storm: 1,000 clicks from 50 steering seats, pogi vs bare Bolt.

    python bench/votes.py [--clicks 1000] [--senders 32] [--rounds 4] [--budget 60]

pogi runs as ``pogi run`` serves it (waitress, 8 threads, Bolt's WSGI adapter, the outbox
dispatcher started, receipts composed and sent by its courier process) on a file-backed SQLite
database holding 50 steering organisations, each with a member and a deputy, and an open vote
whose message has been posted. The bare app is a Bolt app behind the same waitress stack with
one listener for the vote buttons that only acks. Each runs in a child process of its own
(``bench/_harness.py``); this process signs and sends, and hosts the Slack stand-in. Every
sender keeps one HTTP/1.1 connection alive; rounds alternate between the apps (the order
rotates), so machine noise hits both alike.

Reports clicks per second, p50/p99/max acknowledgement, the ratio of the p99s, the server CPU
each click cost (and, apart, what pogi's courier spent on the receipts), whether every click
was acknowledged (HTTP 200), whether the stored tally is exactly one ballot per seat equal to
that seat's last recorded ballot (by audit id), and how often the vote message was updated.
The run is bounded (about a minute) and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too

TARGET_P99_S = 1.0
TARGET_RATIO = 1.5
SEATS = 50
STEERING = "CSTYRE"
NOW = datetime.now(UTC)
HARD_MARGIN = 15  # seconds a started round may run past the budget before senders give up
CHOICES = ("for", "against", "abstain")
ACTION_IDS = {"for": "vote_for", "against": "vote_against", "abstain": "vote_abstain"}


# -- the apps, in the child processes ---------------------------------------------------------


def build_app(
    kind: str, api_url: str, database_url: str, *, process_before_response: bool = False
) -> tuple[Any, Any]:
    """pogi as ``pogi run`` builds it (dispatcher started), or Bolt acking vote clicks."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.app.factory import create_app, web_client
    from bot.app.server import settle
    from storage.database import Database, make_engine

    settings = h.settings_for(api_url, database_url)
    if kind == "pogi":
        app = create_app(
            settings,
            database=Database(make_engine(settings.database_url)),
            process_before_response=process_before_response,
        )
        app.start_dispatcher()
        settle()
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

        @bolt.action(re.compile(r"^vote_"))
        def _noop(ack: Any) -> None:
            ack()

        return SlackRequestHandler(bolt, path=h.EVENTS_PATH), lambda: executor.shutdown(wait=True)
    raise ValueError(f"unknown app kind {kind!r}")


def serve_in_child(kind: str, api_url: str, database_url: str, *, log: Path) -> h.ChildServer:
    """``h.ChildServer``, serving the apps of this file."""
    return h.ChildServer(kind, api_url, database_url, log=log, script=Path(__file__))


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


def prepare(path: Path) -> tuple[str, int, int]:
    """A migrated SQLite file with 50 seats, the steering channel, and two open votes (one to
    warm up on, one to measure); returns the URL and the two vote ids."""
    from bot.domain import revisions, roster, votes
    from bot.domain.people import Actor
    from storage.database import Database, make_engine

    url = f"sqlite:///{path}"
    db = Database(make_engine(url))
    db.upgrade()
    roster.import_roster(db, entries=roster_entries(), actor="bench", now=NOW)
    secretariat = Actor("USEK", roster.find_person(db, slack_user_id="USEK"))
    revisions.set_steering_channel(db, actor=secretariat, channel_id=STEERING, now=NOW)
    ids = []
    for year in (2028, 2027):
        opened = votes.open_vote(
            db,
            actor=secretariat,
            channel_id=STEERING,
            subject=f"aktivitetsplan {year}",
            now=NOW,
            override_reason="Benchmark",
        )
        assert isinstance(opened, votes.VoteView)
        ids.append(opened.id)
    db.dispose()
    return url, ids[0], ids[1]


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


def planned_clicks(count: int, seed: int) -> list[tuple[str, int, str]]:
    """(user, seat, choice): every seat as often as the others, member and deputy mixed."""
    rng = random.Random(seed)
    plan = [
        (f"U{rng.choice('MD')}{1 + i % SEATS:03d}", 1 + i % SEATS, rng.choice(CHOICES))
        for i in range(count)
    ]
    rng.shuffle(plan)
    return plan


_serial = iter(range(10**9))


def batches(
    plan: list[tuple[str, int, str]],
    *,
    vote_id: int,
    message: dict,
    standin: h.SlackStandIn,
    senders: int,
    key: str = "click",
) -> list[list[tuple[bytes, dict]]]:
    """The clicks as Slack posts them, signed now (outside the timing), dealt to the senders."""
    from bot.console import payloads

    dealt: list[list[tuple[bytes, dict]]] = [[] for _ in range(senders)]
    for index, (user, _seat, choice) in enumerate(plan):
        payload = payloads.block_actions(
            user_id=user,
            action_id=ACTION_IDS[choice],
            block_id="vote",
            value=str(vote_id),
            channel_id=STEERING,
            message=message,
            response_url=standin.response_url(f"{key}{next(_serial)}"),
        )
        dealt[index % senders].append(
            payloads.signed_request(payload, signing_secret=h.SIGNING_SECRET)
        )
    return [batch for batch in dealt if batch]


# -- checking what pogi stored -------------------------------------------------------------------


def check_tally(database_url: str, vote_id: int) -> dict[str, Any]:
    from sqlmodel import select

    from bot.domain import votes
    from storage import queries
    from storage.database import Database, make_engine
    from storage.tables import Ballot

    db = Database(make_engine(database_url))
    try:
        with db.reading() as session:
            names = {o.id: o.name for o in queries.organisations_by_id(session).values()}
            ballots = session.exec(select(Ballot).where(Ballot.vote_id == vote_id)).all()
            entries = [
                e
                for e in queries.audit_entries(session, entity=votes.subject_of(vote_id))
                if e.action == "vote.ballot"
            ]
            tally = votes.get(session, vote_id).tally
    finally:
        db.dispose()
    last: dict[str, tuple[str, str]] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        last[entry.after["organisation"]] = (entry.after["choice"], entry.actor)
    stored = {names[b.organisation_id]: (b.choice, b.voter) for b in ballots}
    seats = Counter(names[b.organisation_id] for b in ballots)
    return {
        "recorded": len(entries),
        "ballots": len(ballots),
        "one_per_seat": len(seats) == SEATS and set(seats.values()) == {1},
        "equals_last": stored == last,
        "tally_from_ballots": dict(tally.counts) == dict(Counter(c for c, _ in stored.values())),
        "counts": dict(tally.counts),
    }


# -- output ----------------------------------------------------------------------------------


def helpers_cpu(pid: int) -> float:
    """CPU time used so far by the processes a server started (pogi's courier)."""
    return sum(h.cpu_seconds(child) for child in h.process_tree(pid) if child != pid)


def row(label: str, outcome: h.Outcome) -> str:
    lat = outcome.latencies
    rate = len(lat) / outcome.wall if outcome.wall else float("nan")
    over = sum(1 for value in lat if value >= 3.0)
    return (
        f"{label:<6} {len(lat):>6} {outcome.errors:>6} {rate:8.0f} "
        f"{h.percentile(lat, 50) * 1000:8.1f} {h.percentile(lat, 99) * 1000:8.1f} "
        f"{max(lat) * 1000:8.1f} {over:>6}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=1000, help="clicks per app (1000)")
    parser.add_argument("--senders", type=int, default=32, help="concurrent senders (32)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (4)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds for the measured rounds; later rounds are skipped (60)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.senders <= 64:
        parser.error("--senders must be between 1 and 64")
    began = time.monotonic()
    load_before = os.getloadavg()[0]

    standin = h.start_standin()
    for entry in roster_entries():
        standin.add_user(entry.slack_user_id, name=entry.name)
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-votes-"))
    children: list[h.ChildServer] = []
    pools: list[h.Senders] = []
    try:
        database_url, warm_vote, vote = prepare(workdir / "votes.db")
        pogi = serve_in_child("pogi", standin.url, database_url, log=workdir / "pogi.log")
        children.append(pogi)
        bare = serve_in_child("bare", standin.url, database_url, log=workdir / "bare.log")
        children.append(bare)
        warm_message = posted_message(standin, "aktivitetsplanen for 2028")
        message = posted_message(standin, "aktivitetsplanen for 2027")
        ports = {"pogi": pogi.port, "bare": bare.port}
        senders = {label: h.Senders(port, args.senders) for label, port in ports.items()}
        pools += senders.values()

        # warm-up on a vote of its own: every user once (locale look-ups), then a burst
        everyone = [
            (f"U{role}{seat:03d}", seat, "for") for role in "MD" for seat in range(1, SEATS + 1)
        ]
        for label in ports:
            work = batches(
                everyone + planned_clicks(2 * SEATS, seed=7),
                vote_id=warm_vote,
                message=warm_message,
                standin=standin,
                senders=args.senders,
                key="warm",
            )
            outcome = senders[label].run(work)
            if outcome.errors:
                print(f"warm-up of {label}: {outcome.error_kinds}")

        plan = planned_clicks(args.clicks, seed=2026)
        each = -(-len(plan) // args.rounds)
        outcomes = {label: h.Outcome() for label in ports}
        cpu = {label: 0.0 for label in ports}
        pids = {"pogi": pogi.process.pid, "bare": bare.process.pid}
        courier_before = helpers_cpu(pids["pogi"])
        deadline = time.monotonic() + args.budget
        done = 0
        for round_ in range(args.rounds):
            if time.monotonic() > deadline:
                break
            part = plan[round_ * each : (round_ + 1) * each]
            order = ["pogi", "bare"] if round_ % 2 == 0 else ["bare", "pogi"]
            for label in order:
                work = batches(
                    part, vote_id=vote, message=message, standin=standin, senders=args.senders
                )
                before = h.cpu_seconds(pids[label])
                outcomes[label].add(senders[label].run(work, deadline=deadline + HARD_MARGIN))
                cpu[label] += h.cpu_seconds(pids[label]) - before
            done += 1

        # what pogi does after its acks (receipts, the message refresh) finishes before it stops
        time.sleep(2)
        courier = helpers_cpu(pids["pogi"]) - courier_before
        for pool in pools:
            pool.close()
        pools.clear()
        for child in children:
            child.stop()
        sent = done * each if done < args.rounds else len(plan)
        receipts = sum(
            1
            for c in standin.calls_to("response_url")
            if c.args.get("_key", "").startswith("click")
        )
        updates = sum(
            1 for c in standin.calls_to("chat.update") if c.ok and c.args.get("ts") == message["ts"]
        )
        stored = check_tally(database_url, vote)

        print(
            f"vote-click storm: {len(plan)} clicks from {SEATS} seats (member and deputy "
            f"mixed, 3 choices) per app, {args.senders} keep-alive senders, {done} of "
            f"{args.rounds} alternating rounds; waitress {h.THREADS} threads, Bolt WSGI "
            f"adapter, servers in child processes; pogi on a SQLite file with its dispatcher "
            f"running; {os.cpu_count()} CPUs, load average {load_before:.2f} before, "
            f"{os.getloadavg()[0]:.2f} after"
        )
        print("app     clicks errors clicks/s   p50 ms   p99 ms   max ms  ≥3 s")
        for label in ("pogi", "bare"):
            print(row(label, outcomes[label]))
            if outcomes[label].error_kinds:
                print(f"       errors: {outcomes[label].error_kinds}")
        p99 = {label: h.percentile(outcomes[label].latencies, 99) for label in ports}
        p50 = {label: h.percentile(outcomes[label].latencies, 50) for label in ports}
        ratio = p99["pogi"] / p99["bare"]
        print(
            "server CPU per click while its rounds ran: "
            + ", ".join(
                f"{label} {cpu[label] / max(1, len(outcomes[label].latencies)) * 1000:.2f} ms"
                for label in ("pogi", "bare")
            )
            + f"; pogi's courier composing and sending the receipts, in all: "
            f"{courier / max(1, len(outcomes['pogi'].latencies)) * 1000:.2f} ms a click"
        )
        print(
            f"p99 pogi {p99['pogi'] * 1000:.0f} ms (target < {TARGET_P99_S * 1000:.0f} ms: "
            f"{'OK' if p99['pogi'] < TARGET_P99_S else 'MISSES TARGET'})"
        )
        print(
            f"ratio p99 pogi/bare: {ratio:.2f} (target ≤ {TARGET_RATIO}: "
            f"{'OK' if ratio <= TARGET_RATIO else 'MISSES TARGET'});  p50: "
            f"{p50['pogi'] / p50['bare']:.2f}"
        )
        answered = len(outcomes["pogi"].latencies) - outcomes["pogi"].errors
        acked = outcomes["pogi"].errors == 0 and answered == sent
        print(
            f"every click acknowledged (HTTP 200): {'yes' if acked else 'NO'} "
            f"({answered} of {sent})"
        )
        print(
            f"clicks recorded: {stored['recorded']} vote.ballot audit entries for {sent} "
            f"clicks sent, {answered} acknowledged"
            + (
                ""
                if stored["recorded"] == answered
                else f" (so {stored['recorded'] - answered} clicks Slack was told had failed were "
                "recorded anyway)"
            )
        )
        exact = stored["one_per_seat"] and stored["equals_last"] and stored["tally_from_ballots"]
        print(
            f"final tally is one ballot per seat equal to its last ballot: "
            f"{'yes' if exact else 'NO'} ({stored['ballots']} ballots, one per seat: "
            f"{stored['one_per_seat']}, equal to last audit entry: {stored['equals_last']}, "
            f"counts {stored['counts']})"
        )
        print(
            f"receipts sent: {receipts} of {sent}; vote message updated {updates} times "
            f"(chat.update) for {sent} clicks"
        )
        for child in (pogi, bare):
            for line in child.log_summary(show=12):
                print(line)
            warnings = Counter(
                re.sub(r"\d+", "N", line.split("] WARNING ", 1)[1])[:150]
                for line in child.log.read_text(errors="replace").splitlines()
                if "] WARNING " in line
            )
            for text, count in warnings.most_common(3):
                print(f"  | {count} × WARNING {text}")
        children.clear()
        print(f"bench took {time.monotonic() - began:.1f} s")
        return 0
    finally:
        for pool in pools:
            pool.close()
        for child in children:
            child.stop()
        standin.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def serve(argv: list[str]) -> int:
    """Child process: ``serve pogi|bare API_URL DATABASE_URL`` with this file's apps."""
    h.build_app = build_app  # _serve_child builds its app through this name
    return h._serve_child(argv[0], argv[1], argv[2])


if __name__ == "__main__":
    os.chdir(h.ROOT)
    if len(sys.argv) == 5 and sys.argv[1] == "serve":
        sys.exit(serve(sys.argv[2:]))
    sys.exit(main())
