"""Action items (one row of a rencana aksi), their comments and activity log."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.constants import NORMAL, NOT_STARTED, PRIORITIES, STATUSES
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.timeutil import UTCDateTime


# Indexes migration 0009 makes only on the databases that have them: the
# priority's rank as an expression (PostgreSQL, SQLite), the open items by
# due date (PostgreSQL, partial) and trigram indexes for the text search
# (PostgreSQL with pg_trgm); on MariaDB, migration 0015 indexes the same
# rank and open flag as virtual columns instead. The models cannot declare
# them portably, so the schema comparison leaves them out (rbtasks.models).
DATABASE_ONLY_INDEXES = frozenset({
    "ix_action_item_priority_rank", "ix_action_item_open_due", "ix_action_item_title_trgm",
    "ix_action_item_output_trgm", "ix_action_item_indicator_trgm",
})
DATABASE_ONLY_COLUMNS = frozenset({("action_item", "priority_rank"), ("action_item", "is_open")})


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ActionItem(db.Model):
    """One action of a pokja's plan, owned by a person in an agency.

    ``due_date`` is a calendar date in the province's time zone. ``version``
    is the optimistic-concurrency counter: SQLAlchemy refuses an UPDATE whose
    version no longer matches, and services compare the version the user saw.
    Items are soft-deleted so their activity log stays whole.
    """

    __tablename__ = "action_item"
    __table_args__ = (
        sa.CheckConstraint(_in_list("status", STATUSES), name="status_valid"),
        sa.CheckConstraint(_in_list("priority", PRIORITIES), name="priority_valid"),
        sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name="budget_positive"),
        # Each filter with the default order, then each order of the list with
        # the id that breaks its ties (rbtasks.items.ordering): a page is read
        # from an index, not sorted out of the whole table (migration 0009).
        sa.Index("ix_action_item_pokja_due", "pokja_id", "due_date"),
        sa.Index("ix_action_item_agency_due", "agency_id", "due_date"),
        sa.Index("ix_action_item_owner_due", "owner_id", "due_date"),
        sa.Index("ix_action_item_status_due", "status", "due_date"),
        sa.Index("ix_action_item_due_id", "due_date", "id"),
        sa.Index("ix_action_item_title_id", "title", "id"),
        sa.Index("ix_action_item_status_id", "status", "id"),
        sa.Index("ix_action_item_progress_id", "progress", "id"),
        sa.Index("ix_action_item_updated_id", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pokja_id: Mapped[int] = mapped_column(sa.ForeignKey("pokja.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    output: Mapped[str] = mapped_column(sa.String(500), default="")
    indicator: Mapped[str] = mapped_column(sa.String(500), default="")
    target: Mapped[str] = mapped_column(sa.String(100), default="")
    unit: Mapped[str] = mapped_column(sa.String(50), default="")
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("agency.id", ondelete="RESTRICT"))
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    due_date: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(20), default=NOT_STARTED)
    progress: Mapped[int] = mapped_column(default=0)
    priority: Mapped[str] = mapped_column(sa.String(10), default=NORMAL)
    budget: Mapped[int | None] = mapped_column(sa.BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Workflow state (see rbtasks/workflow): when the owner last submitted the
    # item for verification, when it was verified, why it is blocked, and the
    # owner's realisation note that came with the last submission.
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    block_reason: Mapped[str | None] = mapped_column(sa.Text)
    realisation_note: Mapped[str | None] = mapped_column(sa.Text)
    # When set, progress follows the quarterly realisation (rbtasks/realisation).
    progress_from_quarters: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    version: Mapped[int] = mapped_column(default=1)

    pokja: Mapped[Pokja] = relationship()
    agency: Mapped[Agency] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self):
        return f"<ActionItem {self.id} {self.title[:30]!r}>"


class Comment(db.Model):
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    item: Mapped[ActionItem] = relationship()
    author: Mapped[User | None] = relationship()


class ActivityEntry(db.Model):
    """Append-only history of an item: who changed which field, old → new.

    Services only ever add rows here; nothing updates or deletes them.
    """

    __tablename__ = "activity_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(sa.String(30))
    field: Mapped[str | None] = mapped_column(sa.String(50))
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    note: Mapped[str | None] = mapped_column(sa.Text)

    actor: Mapped[User | None] = relationship()


@sa.event.listens_for(ActivityEntry, "before_update")
@sa.event.listens_for(ActivityEntry, "before_delete")
def _refuse_rewriting_history(mapper, connection, target):
    raise RuntimeError("activity entries are append-only")
