"""A hearing round under load: 100 member organisations answer the internal hearing at once,
then the consultation memo over their 100 answers.

    python bench/hearings.py [--organisations 100]

The roster holds the secretariat and one member in each of N organisations (default 100); a
revision is started and its internal hearing opened (deadline in 35 days) straight in a
migrated SQLite file. pogi serves that file behind waitress (8 threads, as ``pogi run``) in a
child process of its own (``bench/_harness.py``), against the Slack stand-in; the bench process
only sends. Every member first clicks ``Afgiv høringssvar`` (all at once, which opens their
modal and teaches pogi their locale), then all N submit their answer at once: N signed
``view_submission`` requests, each on a connection of its own, as Slack sends them. Measured:
answers per second and the acknowledgement latency (target p99 < 1 s); afterwards the database
must hold exactly one answer per organisation, each with its audit entry.

Then the memo: the working group's reply is recorded on every answer and the hearing closed
(in-process); ``hearing_memo.md`` is rendered for the N answers (cold, then warm); and
``/pogi høring notat`` is sent to the server and the outbox row it stores is delivered by a
dispatcher in this process, up to the file shared in the channel (target < 2 s); the shared
file must hold all N answers. Last, for the why: a probe of waitress's connection limit, and the
in-process cost of one answer with a cProfile breakdown. The whole run is bounded (about half a
minute) and talks only to 127.0.0.1. Exit status 1 when a target is missed or a check fails.
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness as h  # puts the repository root on sys.path too
from sqlmodel import col, select

from bot.console import payloads
from bot.console.render import state_values
from bot.domain import hearings, revisions, roster
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from bot.ids import Action
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from storage.database import Database
from storage.tables import AuditEntry, HearingAnswer

TARGET_P99_S = 1.0
TARGET_MEMO_S = 2.0
SLACK_LIMIT_S = 3.0
ZONE = ZoneInfo("Europe/Copenhagen")
SECRETARIAT = "USEK"
DECISIONS = (hearings.ACCEPTED, hearings.PARTLY, hearings.REJECTED)
# A realistic answer: three numbered points, about 850 characters.
ANSWER = (
    "{organisation} bakker op om det reviderede indkøbsmål for rengøring. Vi har tre "
    "bemærkninger.\n\n1. Kravet om Svanemærket eller EU-blomsten bør gælde alle "
    "rengøringsmidler, også dem, der indkøbes uden for rammeaftalen. "
    "2. Fristen for at udfase mikrofiberklude med sølv er kort; vi foreslår et år mere, så "
    "igangværende kontrakter kan udløbe. 3. Målet bør pege på SKI's kommende aftale, så "
    "kommunerne ikke skal stille kravene selv. " * 2
)


def member(number: int) -> tuple[str, str]:
    """The Slack user and organisation of member ``number``."""
    return f"UM{number:03d}", f"Kommune {number:03d}"


# -- set-up --------------------------------------------------------------------------------


def prepare(path: Path, organisations: int, now: datetime) -> tuple[str, int, int]:
    """A migrated SQLite file with the roster, a revision and its open internal hearing."""
    url = f"sqlite:///{path}"
    db = h.open_database(url)
    db.upgrade()
    entries = [
        RosterEntry(SECRETARIAT, "Sofie Holm", "Miljøstyrelsen", frozenset({Role.SECRETARIAT}))
    ]
    for number in range(1, organisations + 1):
        user, organisation = member(number)
        entries.append(
            RosterEntry(user, f"Medlem {number:03d}", organisation, frozenset({Role.MEMBER}))
        )
    roster.import_roster(db, entries=entries, actor="bench", now=now)
    usek = Actor(SECRETARIAT, roster.find_person(db, slack_user_id=SECRETARIAT))
    revision = revisions.start_revision(
        db, actor=usek, goal=h.GOAL, channel_id=h.GROUP_CHANNEL, now=now
    )
    for phase in ("forberedelse", "udvikling"):  # the internal hearing opens in its own phase
        revisions.advance_phase(
            db,
            actor=usek,
            channel_id=h.GROUP_CHANNEL,
            from_phase=phase,
            now=now,
            reason="The bench measures the hearing only",
        )
    hearing = hearings.open_hearing(
        db,
        actor=usek,
        channel_id=h.GROUP_CHANNEL,
        kind=hearings.INTERNAL,
        deadline=now + timedelta(days=35),
        url="https://pogi.dk/udkast",
        now=now,
        reminders=(timedelta(days=7), timedelta(days=2)),
    )
    if len(hearing.consulted) != organisations:
        raise RuntimeError(f"{len(hearing.consulted)} organisations consulted, not {organisations}")
    db.dispose()
    return url, revision.id, hearing.id


def clicks(standin: h.SlackStandIn, hearing_id: int, organisations: int) -> list[tuple]:
    """Every member clicks ``Afgiv høringssvar`` in their invitation."""
    batches = []
    for number in range(1, organisations + 1):
        user, _ = member(number)
        payload = payloads.block_actions(
            user_id=user,
            action_id=Action.HEARING_RESPOND.value,
            block_id="invitation",
            value=str(hearing_id),
            channel_id=standin.dm_channel_id(user),
            message={"ts": f"1.{number:06d}", "text": "", "blocks": []},
            response_url=standin.response_url(f"click-{user}"),
        )
        batches.append(payloads.signed_request(payload, signing_secret=h.SIGNING_SECRET))
    return batches


def submissions(views: dict[str, dict[str, Any]]) -> list[tuple]:
    """One signed ``view_submission`` per member, on the modal pogi opened for them."""
    batches = []
    for user, view in sorted(views.items()):
        organisation = view["private_metadata"].split("|", 1)[1]
        values = state_values(
            view,
            {
                "hearing_text": ANSWER.format(organisation=organisation)[:3000],
                "hearing_url": f"https://example.dk/{user.lower()}/hoeringssvar.pdf",
            },
        )
        payload = payloads.view_submission(user_id=user, view=view, values=values)
        batches.append(payloads.signed_request(payload, signing_secret=h.SIGNING_SECRET))
    return batches


def opened_views(standin: h.SlackStandIn, organisations: int, timeout: float) -> dict[str, dict]:
    """The modal each member got from ``views.open``, by user (from its private metadata)."""
    deadline = time.monotonic() + timeout
    calls = [c for c in standin.calls_to("views.open") if c.ok]
    while len(calls) < organisations and time.monotonic() < deadline:
        time.sleep(0.01)
        calls = [c for c in standin.calls_to("views.open") if c.ok]
    views = {}
    for call in calls:
        view = call.response["view"]
        organisation = view["private_metadata"].split("|", 1)[1]
        views[f"UM{int(organisation.split()[-1]):03d}"] = view
    return views


def burst(
    port: int, requests: list[tuple[bytes, dict]], *, expect: bytes | None = None
) -> h.Outcome:
    """All ``requests`` at once, each on a connection of its own, as Slack sends them: the
    senders wait at a barrier, then connect, post, read the whole answer and close. The time
    of one request runs from connecting to the last byte of the answer."""
    senders = h.HttpSenders(port, len(requests), fresh=True, expect=expect)
    return senders.run([[request] for request in requests])


def connection_limit_probe(port: int, idle: int, *, wait: float = 3) -> str:
    """Hold ``idle`` keep-alive connections open without a request, then ask once more on a
    new connection: does the server still answer?"""
    held = []
    try:
        for _ in range(idle):
            connection = http.client.HTTPConnection(h.HOST, port, timeout=wait)
            connection.connect()
            held.append(connection)
        time.sleep(0.2)  # let the server accept what it will
        began = time.perf_counter()
        try:
            status, _ = h.post(port, b"", {}, path="/healthz", method="GET", timeout=wait)
        except OSError as error:
            return (
                f"with {idle} idle keep-alive connections open, a new request got no "
                f"answer within {wait:.0f} s ({type(error).__name__})"
            )
        return (
            f"with {idle} idle keep-alive connections open, a new request was answered "
            f"(HTTP {status}) in {(time.perf_counter() - began) * 1000:.0f} ms"
        )
    finally:
        for connection in held:
            connection.close()


# -- checks --------------------------------------------------------------------------------


def stored_answers(db: Database, hearing_id: int) -> tuple[int, int, int, int]:
    """Rows, organisations, rows that are not version 1, and audit entries of answers."""
    with db.reading() as session:
        rows = session.exec(
            select(HearingAnswer).where(col(HearingAnswer.hearing_id) == hearing_id)
        ).all()
        audited = session.exec(
            select(AuditEntry).where(col(AuditEntry.action) == "hearing.answer")
        ).all()
    return (
        len(rows),
        len({row.organisation for row in rows}),
        sum(row.version != 1 for row in rows),
        len(audited),
    )


def reply_to_all(db: Database, hearing_id: int, organisations: int) -> float:
    """The working group's comment and decision on every answer; seconds taken."""
    usek = Actor(SECRETARIAT, roster.find_person(db, slack_user_id=SECRETARIAT))
    began = time.perf_counter()
    for number in range(1, organisations + 1):
        _, organisation = member(number)
        decision = DECISIONS[number % 3]
        hearings.reply(
            db,
            actor=usek,
            hearing_id=hearing_id,
            organisation=organisation,
            comment=f"Arbejdsgruppen takker {organisation} for svaret og har drøftet de tre "
            "bemærkninger på mødet den 14. januar.",
            decision=decision,
            reason=""
            if decision == hearings.ACCEPTED
            else "Fristen fastholdes, fordi flere leverandører allerede kan levere.",
            change="Kravet omfatter nu både Svanemærket og EU-blomsten."
            if decision == hearings.PARTLY
            else "",
            now=datetime.now(UTC),
        )
    return time.perf_counter() - began


def render_memo(db: Database, revision_id: int, renderer: Renderer) -> tuple[float, float, str]:
    """Seconds to read the memo's data, seconds to render it, and the document."""
    from storage.tables import Revision

    began = time.perf_counter()
    with db.reading() as session:
        revision = session.get(Revision, revision_id)
        assert revision is not None
        memo = hearings.memo_of(session, revision)
    loaded = time.perf_counter()
    document = renderer.document(
        "hearing_memo.md",
        translator=Translator("da", ZONE),
        zone=ZONE,
        memo=memo,
        now=datetime.now(UTC),
    )
    return loaded - began, time.perf_counter() - loaded, document


def memo_problems(document: str, organisations: int) -> list[str]:
    problems = []
    answers = [line for line in document.splitlines() if line.startswith("### 3.")]
    answered = [
        line
        for line in document.splitlines()
        if line.startswith("- ") and line.endswith(" – har afgivet høringssvar")
    ]
    comments = document.count("**Arbejdsgruppens bemærkning**: Arbejdsgruppen takker")
    if len(answers) != organisations:
        problems.append(f"{len(answers)} answers in the memo, not {organisations}")
    if len(answered) != organisations:
        problems.append(f"{len(answered)} parties marked as answered, not {organisations}")
    if comments != organisations:
        problems.append(f"{comments} comments of the working group, not {organisations}")
    names = [line[2:].split(" – ")[0] for line in answered]
    if names != sorted(names, key=str.lower):
        problems.append("the consulted parties are not in alphabetical order")
    return problems


def drain(app: Any, *, limit: float = 30) -> tuple[int, float]:
    """Deliver every due outbox row with ``app``'s dispatcher; rows sent and seconds taken."""
    began = time.perf_counter()
    sent = 0
    while time.perf_counter() - began < limit:
        report = app.dispatcher.run_once()
        if not report.claimed:
            break
        sent += report.sent
    return sent, time.perf_counter() - began


# -- output --------------------------------------------------------------------------------


def in_process_cost(
    standin: h.SlackStandIn, workdir: Path, count: int, profile: bool
) -> tuple[float, float, list[str]]:
    """Mean ms per click and per answer calling the WSGI app in this process (listener inline,
    no HTTP, no Bolt ack poll), on a fresh copy of the hearing: the first half of the answers
    timed, the second half profiled if ``profile`` (on the thread's CPU clock)."""
    url, _, hearing_id = prepare(workdir / "inproc.db", count, datetime.now(UTC))
    served = h.serve_pogi(h.AppSpec("pogi", standin.url, url), True)
    app = h.InProcess(served)
    try:
        before = len([c for c in standin.calls_to("views.open") if c.ok])
        click_ms = app.ms_each(clicks(standin, hearing_id, count))
        calls = [c for c in standin.calls_to("views.open") if c.ok][before:]
        views = {f"UM{i:03d}": c.response["view"] for i, c in enumerate(calls, start=1)}
        requests = submissions(views)
        half = count // 2
        answer_ms = app.ms_each(requests[:half])
        profiler = cProfile.Profile(time.thread_time) if profile else None
        app.ms_each(requests[half:], profiler)
    finally:
        served.close()
    if len(calls) != count or not app.all_ok():
        raise RuntimeError(f"in-process: {len(calls)} forms, statuses {set(app.statuses)}")
    lines = h.profile_lines(profiler, count - half, PROFILE_SPOTS) if profiler else []
    return click_ms, answer_ms, lines


PROFILE_SPOTS = [
    ("pogi middleware (roster + locale)", "handlers/middleware", "process"),
    ("  roster.find_person", "bot/domain/roster", "find_person"),
    ("view_submission listener", "handlers/views/hearing", "submit_answer"),
    ("  hearings.submit_answer", "bot/domain/hearings", "submit_answer"),
    ("    transaction commit", "storage/database", "transaction"),
    ("  render modal_done", "bot/presentation/render", "_render"),
    ("SQLAlchemy Session.execute (all)", "sqlalchemy/orm/session", "execute"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--organisations",
        type=int,
        default=100,
        help="member organisations answering at once (default 100)",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the cProfile of in-process answers"
    )
    args = parser.parse_args(argv)
    count = args.organisations
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    failures: list[str] = []
    # create_app gives Bolt a client and a token; Bolt says so once per app.
    logging.getLogger("pogi.bolt").setLevel(logging.ERROR)

    standin = h.start_standin()
    workdir = Path(tempfile.mkdtemp(prefix="pogi-bench-hearings-"))
    child: h.ChildServer | None = None
    apps: list[Any] = []
    db: Database | None = None
    try:
        for number in range(1, count + 1):
            user, _ = member(number)
            standin.add_user(user, name=f"Medlem {number:03d}")
        url, revision_id, hearing_id = prepare(workdir / "hearings.db", count, datetime.now(UTC))
        db = h.open_database(url)
        spec = h.AppSpec("pogi", standin.url, url, dispatcher=False)
        # The bench's own dispatcher sends the outbox (the server in the child sends nothing).
        fanout = h.pogi_app(spec)
        apps.append(fanout)
        invited, invite_s = drain(fanout)
        child = h.ChildServer(spec, log=workdir / "pogi.log")

        # Everyone opens the form at once (and pogi learns their locale), then answers at once.
        clicked = burst(child.port, clicks(standin, hearing_id, count))
        views = opened_views(standin, count, timeout=10)
        if len(views) < count:
            failures.append(f"{count - len(views)} forms did not open")
        answered = burst(child.port, submissions(views), expect=b'"response_action": "update"')
        rows, organisations, later_versions, audited = stored_answers(db, hearing_id)
        p99 = h.percentile(answered.latencies, 99)

        print(
            f"hearing round: {count} organisations, one member each, answering the internal "
            f"hearing at once over HTTP (waitress, {h.THREADS} threads, Bolt WSGI adapter, "
            f"SQLite file with WAL; server in a child process), a connection per request as "
            f"Slack sends them; answers of "
            f"{len(ANSWER.format(organisation='Kommune 001'))} characters; {os.cpu_count()} "
            f"CPUs, load average {load_before:.2f} before"
        )
        print(
            f"announcement and {count} invitations delivered before: {invited} messages in "
            f"{invite_s:.2f} s"
        )
        print(h.latency_line("open the form, all at once (block_actions → ack)", clicked))
        print(f"  forms opened (views.open): {len(views)} of {count}")
        print(h.latency_line("answer, all at once (view_submission → ack)     ", answered))
        print(
            f"  stored: {rows} answers from {organisations} organisations, {later_versions} "
            f"not version 1, {audited} audit entries"
        )
        verdict = "OK" if p99 < TARGET_P99_S and not answered.errors else "MISSES TARGET"
        print(
            f"answers per second: {len(answered.latencies) / answered.wall:.0f}; "
            f"p99 acknowledgement {p99 * 1000:.0f} ms (target < {TARGET_P99_S * 1000:.0f} ms: "
            f"{verdict})"
        )
        if verdict != "OK":
            failures.append("p99 acknowledgement of the answers")
        if (rows, organisations, later_versions, audited) != (count, count, 0, count):
            failures.append("the database does not hold exactly one answer per organisation")

        # The memo over the answers: replies on every answer, the hearing closed.
        replies_s = reply_to_all(db, hearing_id, count)
        usek = Actor(SECRETARIAT, roster.find_person(db, slack_user_id=SECRETARIAT))
        hearings.close_here(db, actor=usek, channel_id=h.GROUP_CHANNEL, now=datetime.now(UTC))
        closed, _ = drain(fanout)

        renderer = Renderer()
        renders = [render_memo(db, revision_id, renderer) for _ in range(5)]
        document = renders[0][2]
        problems = memo_problems(document, count)

        # /pogi høring notat to the server; a fresh dispatcher here shares the file.
        before = len([c for c in standin.calls_to("files.completeUploadExternal") if c.ok])
        sender = h.pogi_app(spec)
        apps.append(sender)
        asked = time.perf_counter()
        body, headers = h.signed_command(
            "høring notat",
            user=SECRETARIAT,
            channel=h.GROUP_CHANNEL,
            response_url=standin.response_url("memo"),
        )
        status, _ = h.post(child.port, body, headers)
        acked = time.perf_counter()
        answer = h.answer_at(standin, "memo", timeout=10)
        dispatch = time.perf_counter()
        delivered_memo, _ = drain(sender)
        done = time.perf_counter()
        shared = [c for c in standin.calls_to("files.completeUploadExternal") if c.ok][before:]
        files = [standin.uploaded_file(c.args["files"][0]["id"]) for c in shared]
        # The memo is shared as Markdown to read in Slack and as a Word file (a zip) to file.
        shared_memo = next((f.decode("utf-8") for f in files if not f.startswith(b"PK")), "")
        if not any(f.startswith(b"PK") for f in files):
            problems.append("no Word file of the memo was shared")
        problems += [f"shared file: {p}" for p in memo_problems(shared_memo, count)]
        if status != 200 or "Høringsnotatet deles" not in answer:
            problems.append(f"/pogi høring notat answered HTTP {status}: {answer[:200]!r}")
        if len(shared) != 2 or any(c.args.get("channel_id") != h.GROUP_CHANNEL for c in shared):
            problems.append(f"{len(shared)} files shared in {h.GROUP_CHANNEL}, not 2")

        load_s = [r[0] for r in renders]
        render_s = [r[1] for r in renders]
        total_memo = done - asked
        print(
            f"replies of the working group on {count} answers recorded in {replies_s:.2f} s "
            f"(in-process, one transaction each); hearing closed, closing notice sent "
            f"({closed} message)"
        )
        print(
            f"memo render (hearing_memo.md, {count} answers, {len(document.encode()):,} "
            f"bytes): read {load_s[0] * 1000:.0f} ms + render {render_s[0] * 1000:.0f} ms "
            f"cold; warm (median of 4) read {statistics.median(load_s[1:]) * 1000:.0f} ms + "
            f"render {statistics.median(render_s[1:]) * 1000:.0f} ms"
        )
        print(
            f"memo delivery: /pogi høring notat acknowledged in {(acked - asked) * 1000:.0f} "
            f"ms, answered {(dispatch - asked) * 1000:.0f} ms after asking; dispatcher "
            f"(claim, compose, file upload, mark sent; messages to one channel paced a "
            f"second apart) {(done - dispatch) * 1000:.0f} ms for {delivered_memo} messages; "
            f"asked → file in the channel {total_memo * 1000:.0f} ms"
        )
        worst = max(total_memo, load_s[0] + render_s[0])
        verdict = "OK" if worst < TARGET_MEMO_S and not problems else "MISSES TARGET"
        print(
            f"memo in {worst * 1000:.0f} ms at worst (target < {TARGET_MEMO_S * 1000:.0f} ms: "
            f"{verdict})"
        )
        for problem in problems:
            print(f"  PROBLEM: {problem}")
        if verdict != "OK":
            failures.append("the memo")

        print(
            f"connection limit ({h.CONNECTION_LIMIT}, as pogi run sets it): "
            f"{connection_limit_probe(child.port, count)}"
        )
        child.stop()
        for line in child.log_summary(show=3):
            print(line)
        child = None
        click_ms, answer_ms, profiled = in_process_cost(
            standin, workdir, count, not args.no_profile
        )
        print(
            f"in-process cost (WSGI call, listener inline, no HTTP, one at a time): open the "
            f"form {click_ms:.1f} ms, answer {answer_ms:.1f} ms (first {count // 2}); {count} "
            f"answers need about {count * answer_ms / 1000:.2f} s of one interpreter"
        )
        for line in profiled:
            print(line)
        print(
            f"load average {os.getloadavg()[0]:.2f} at the end; bench took "
            f"{time.monotonic() - began:.1f} s"
            + (f"; FAILED: {', '.join(failures)}" if failures else "")
        )
        return 1 if failures else 0
    finally:
        if child is not None:
            child.stop()
        for app in apps:
            app.close()
        if db is not None:
            db.dispose()
        standin.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
