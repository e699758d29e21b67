"""Evidence (data dukung): a link or an uploaded file proving an action happened."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime

EVIDENCE_KINDS = ("notulen", "daftar_hadir", "foto", "sk", "sop", "laporan", "tautan", "lainnya")


class Evidence(db.Model):
    """One piece of evidence for an action item, a monev meeting or an
    answer of a self-assessment (its holder: exactly one of ``item_id``,
    ``meeting_id``, ``answer_id`` is set).

    Exactly one of ``url`` (a link) or ``stored_name`` (a file under the
    instance folder, named by us, never by the uploader) is set.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{kind}'" for kind in EVIDENCE_KINDS) + ")",
            name="kind_valid",
        ),
        sa.CheckConstraint(
            "(url IS NULL) <> (stored_name IS NULL)", name="link_or_file"
        ),
        sa.CheckConstraint(
            "(CASE WHEN item_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN answer_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_holder",
            # MariaDB refuses a CHECK on columns whose foreign keys cascade;
            # there the services alone keep one holder per row.
        ).ddl_if(dialect=("postgresql", "sqlite")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pmprb_answer.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    description: Mapped[str] = mapped_column(sa.String(500), default="")
    url: Mapped[str | None] = mapped_column(sa.String(2000))
    stored_name: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    original_name: Mapped[str | None] = mapped_column(sa.String(255))
    content_type: Mapped[str | None] = mapped_column(sa.String(100))
    size_bytes: Mapped[int | None] = mapped_column(sa.BigInteger)
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())

    added_by: Mapped[User | None] = relationship()

    @property
    def is_file(self):
        return self.stored_name is not None
