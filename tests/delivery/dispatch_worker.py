"""Test composers for the dispatcher, and a dispatcher process for the multi-process tests.

    python -m tests.delivery.dispatch_worker --url URL [--schema S] --api API_URL --worker NAME

A worker connects, prints ``READY``, waits for a line on stdin (so several workers start
together), runs ``run_once`` until a batch comes back empty, and prints its totals as one JSON
line. Not collected by pytest (no ``test_`` prefix); the benchmark uses it too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from bot.domain.outbox import Attachment, Composer, Composers, Outgoing, Sent
from storage.tables import AuditEntry, OutboxMessage

KIND = "test.message"
_ROW_ID = re.compile(r"^test\.message #(\d+):")


def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
    """A message naming its row, shaped by the row's ``data``.

    ``data`` keys: ``gone`` (the subject no longer exists: nothing to send), ``raise`` (the
    composer fails), ``update_ts`` (edit that message), ``attachment`` (share that text as a file).
    """
    data: dict[str, Any] = row.data or {}
    if data.get("gone"):
        return None
    if data.get("raise"):
        raise RuntimeError(data["raise"])
    attachment = None
    if "attachment" in data:
        attachment = Attachment(
            filename=f"row-{row.id}.txt",
            title=f"Bilag til række {row.id}",
            content=str(data["attachment"]).encode(),
        )
    return Outgoing(
        channel=row.destination,
        text=f"{KIND} #{row.id}: {json.dumps(data, sort_keys=True)}",
        blocks=data.get("blocks"),
        attachment=attachment,
        update_ts=data.get("update_ts"),
        thread_ts=data.get("thread_ts"),
    )


def remember_ts(session: Session, row: OutboxMessage, sent: Sent) -> None:
    """What a real composer does (a meeting keeps its announcement's ts): a write of its own."""
    if (row.data or {}).get("after_sent_raises"):
        raise RuntimeError("after_sent failed")
    session.add(
        AuditEntry(
            at=datetime.now(UTC),
            actor="dispatcher",
            action="outbox.sent",
            entity=f"outbox:{row.id}",
            after={"channel": sent.channel, "ts": sent.ts},
        )
    )


def sample_composers() -> Composers:
    composers = Composers()
    composers.register(KIND, Composer(compose=compose, after_sent=remember_ts))
    return composers


def posted_row_ids(calls: Iterable[Any]) -> Counter[int]:
    """How often each row's message was accepted, from the stand-in's recorded calls."""
    counts: Counter[int] = Counter()
    for call in calls:
        if call.method == "chat.postMessage" and call.ok:
            found = _ROW_ID.match(str(call.args.get("text", "")))
            if found:
                counts[int(found.group(1))] += 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--api", required=True)
    parser.add_argument("--worker", required=True)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pacing", type=float, default=0.0)
    args = parser.parse_args(argv)

    from bot.app.factory import utc_now, web_client
    from bot.app.settings import Settings
    from bot.delivery.dispatcher import Dispatcher, DispatchReport
    from storage.database import Database, make_engine
    from tests.support.server import BOT_TOKEN

    settings = Settings(slack_bot_token=BOT_TOKEN, slack_api_url=args.api, database_url=args.url)
    db = Database(make_engine(args.url, schema=args.schema))
    dispatcher = Dispatcher(
        db,
        web_client(settings),
        sample_composers(),
        clock=utc_now,
        worker=args.worker,
        batch=args.batch,
        pacing=args.pacing,
        concurrency=args.concurrency,
    )
    db.ping()  # connect before the start line, so start-up is not measured
    print("READY", flush=True)
    sys.stdin.readline()
    began, cpu = time.perf_counter(), time.process_time()
    total, runs = DispatchReport(), 0
    while True:
        report = dispatcher.run_once()
        total, runs = total + report, runs + 1
        if report.claimed == 0:
            break
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    db.dispose()
    summary = {"worker": args.worker, "runs": runs, "seconds": elapsed, "cpu": cpu}
    print(json.dumps({**summary, **asdict(total)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
