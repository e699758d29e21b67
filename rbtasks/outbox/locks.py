"""Holding a job's JobLock row so that concurrent runs of one job serialise."""
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from rbtasks.extensions import db
from rbtasks.outbox.models import JobLock


def hold_job_lock(name, now):
    """Lock the JobLock row ``name`` until the transaction ends, creating it
    the first time; returns nothing.

    ``SELECT … FOR UPDATE`` makes a second PostgreSQL or MariaDB process wait
    here until the first one commits, after which it sees everything the first
    one wrote. SQLite ignores FOR UPDATE, so the row is also written with an
    explicit UPDATE (always sent, even when ``last_run_at`` is unchanged):
    that takes SQLite's single write lock with the same effect.
    """
    for _attempt in range(3):
        found = db.session.execute(
            sa.select(JobLock.name).where(JobLock.name == name).with_for_update()
        ).scalar_one_or_none()
        if found is not None:
            db.session.execute(
                sa.update(JobLock).where(JobLock.name == name).values(last_run_at=now)
                .execution_options(synchronize_session=False)
            )
            return
        db.session.add(JobLock(name=name, last_run_at=now))
        try:
            db.session.flush()
            return
        except IntegrityError:
            # Another process created the row first and holds it: wait for it.
            db.session.rollback()
    raise RuntimeError(f"could not take the {name!r} job lock")
