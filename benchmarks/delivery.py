"""How fast the outbox delivers, against raw smtplib on the same messages.

Run by hand from the repository root:

    python benchmarks/delivery.py                          # 2,000 messages, SQLite and PostgreSQL
    python benchmarks/delivery.py --messages 500 --databases sqlite

For each database it builds a throwaway database (a temporary SQLite file; a
new PostgreSQL database, dropped afterwards — never ``test``), migrates it,
writes ``--messages`` pending outbox rows (a reminder-sized text and HTML
body each), starts a local aiosmtpd server and measures, in the same run:

* ``deliver_pending``: claim, build with Flask-Mail, send over one SMTP
  connection per batch, and commit every row's outcome — the whole job;
* raw ``smtplib``: the same messages, already built, sent with
  ``sendmail`` over one connection and nothing written anywhere — the floor;
* and, to explain the gap, the two costs the outbox adds on top of the wire:
  building each message with Flask-Mail, and one committed transaction per
  message (an UPDATE and COMMIT per row, nothing else).

It prints messages per second for each and the ratios.
"""
import argparse
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from throwaway import postgres_database as throwaway_postgres  # noqa: E402
from throwaway import sqlite_database as throwaway_sqlite  # noqa: E402

NOW = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)
BODY_LINES = 40  # about what a reminder listing a handful of items weighs


def sqlite_database():
    return throwaway_sqlite("delivery")


def postgres_database():
    return throwaway_postgres("delivery")


class CountingSink:
    """A local aiosmtpd server that counts what it accepts and keeps nothing."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        from tests.smtp import free_port

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    sink.accepted += 1
                return "250 OK"

        self.accepted = 0
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def make_app(url, port):
    from config import TestConfig
    from rbtasks import create_app

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        MAIL_SERVER = "127.0.0.1"
        MAIL_PORT = port

    return create_app(BenchConfig)


def fill_outbox(count):
    from rbtasks.extensions import db
    from rbtasks.outbox.models import OutboxMessage
    from rbtasks.outbox.services import new_message_id

    text = "\n".join(f"- Rencana aksi {n}: terlambat 3 hari kerja" for n in range(BODY_LINES))
    html = "<ul>" + "".join(f"<li>Rencana aksi <b>{n}</b>: terlambat 3 hari kerja</li>"
                            for n in range(BODY_LINES)) + "</ul>"
    rows = [{
        "kind": "reminder", "recipient_email": f"pegawai{n}@ntt.go.id",
        "recipient_name": f"Pegawai {n}", "locale": "id",
        "subject": f"[RB] 3 rencana aksi terlambat — Badan {n % 50}",
        "body_text": text, "body_html": html, "message_id": new_message_id(),
        "status": "pending", "attempts": 0, "planned_at": NOW, "next_attempt_at": NOW,
    } for n in range(count)]
    db.session.execute(sa.insert(OutboxMessage), rows)
    db.session.commit()


def built_messages():
    """The same emails as deliver_pending builds them, as (sender, recipients, bytes),
    and the seconds the building took."""
    from rbtasks.extensions import db
    from rbtasks.outbox.compose import compose
    from rbtasks.outbox.models import OutboxMessage

    rows = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    started = time.perf_counter()
    built = [compose(row, NOW) for row in rows]
    seconds = time.perf_counter() - started
    db.session.rollback()
    return [(item.sender, item.recipients, item.data) for item in built], seconds


def commit_per_row(count):
    """Seconds for one tiny committed UPDATE per row: the price of recording
    each outcome durably, as deliver_pending does."""
    from rbtasks.extensions import db

    started = time.perf_counter()
    with db.engine.connect() as connection:
        for message_id in range(1, count + 1):
            connection.execute(sa.text(
                "UPDATE outbox_message SET attempts = attempts + 1 WHERE id = :id"),
                {"id": message_id})
            connection.commit()
    return time.perf_counter() - started


def raw_smtplib(port, messages):
    import smtplib

    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as connection:
        for sender, recipients, data in messages:
            connection.sendmail(sender, recipients, data)
    return time.perf_counter() - started


def run(database, count):
    from flask_migrate import upgrade

    from rbtasks.extensions import db
    from rbtasks.outbox.models import OutboxMessage
    from rbtasks.outbox.services import deliver_pending

    url, drop = sqlite_database() if database == "sqlite" else postgres_database()
    try:
        with CountingSink() as sink:
            app = make_app(url, sink.port)
            with app.app_context():
                upgrade()
                fill_outbox(count)
                messages, build_seconds = built_messages()

                started = time.perf_counter()
                report = deliver_pending(NOW + timedelta(seconds=1), limit=count)
                outbox_seconds = time.perf_counter() - started
                assert report.sent == count, report
                sent_rows = db.session.scalar(sa.select(sa.func.count()).where(
                    OutboxMessage.status == "sent"))
                assert sent_rows == count

                raw_seconds = raw_smtplib(sink.port, messages)
                assert sink.accepted == 2 * count
                commit_seconds = commit_per_row(count)
                db.session.remove()
                db.engine.dispose()
        outbox_rate, raw_rate = count / outbox_seconds, count / raw_seconds
        rest_seconds = outbox_seconds - raw_seconds - build_seconds - commit_seconds
        print(f"{database}: {count} messages")
        print(f"  deliver_pending: {outbox_seconds:7.2f} s  {outbox_rate:8.0f} msg/s  "
              f"({report.connections} SMTP connections)")
        print(f"  raw smtplib:     {raw_seconds:7.2f} s  {raw_rate:8.0f} msg/s  (1 connection)")
        print(f"  ratio raw/outbox: {raw_rate / outbox_rate:.2f}×  "
              f"(outbox reaches {100 * outbox_rate / raw_rate:.0f}% of raw smtplib)")
        print(f"  where the time goes, per message: outbox {1000 * outbox_seconds / count:.1f} ms"
              f" = wire {1000 * raw_seconds / count:.1f} ms"
              f" + Flask-Mail build {1000 * build_seconds / count:.1f} ms"
              f" + one commit {1000 * commit_seconds / count:.1f} ms"
              f" + the rest {1000 * rest_seconds / count:.1f} ms")
    finally:
        drop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql")
    args = parser.parse_args()
    for database in [name.strip() for name in args.databases.split(",") if name.strip()]:
        run(database, args.messages)


if __name__ == "__main__":
    main()
