"""Monev meetings (rapat monev): who came, what was discussed, what was agreed.

A meeting's decisions (kesepakatan) become action items (tindak lanjut);
``DecisionItem`` links each item to the decision it came from, so the item
page can show its origin and the next meeting can measure the follow-up.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.timeutil import UTCDateTime


class Meeting(db.Model):
    """One monev meeting. ``held_at`` is UTC; pages show it in WITA.

    The chair and the note-taker are names as the minutes print them
    (officials' names with their titles), not necessarily accounts.
    """

    __tablename__ = "meeting"
    __table_args__ = (sa.Index("ix_meeting_held_at", "held_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    chair: Mapped[str] = mapped_column(sa.String(200), default="")
    note_taker: Mapped[str] = mapped_column(sa.String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    created_by: Mapped[User | None] = relationship()
    attendees: Mapped[list["MeetingAttendee"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan",
        order_by="MeetingAttendee.position")
    agenda: Mapped[list["AgendaPoint"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaPoint.position")
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Decision.position")

    def __repr__(self):
        return f"<Meeting {self.id} {self.title[:30]!r}>"


class MeetingAttendee(db.Model):
    """A person on the attendance list (daftar hadir): an account, or a guest
    written by name with their agency (the services require one of the two;
    MariaDB allows no CHECK on a column whose foreign key sets NULL)."""

    __tablename__ = "meeting_attendee"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "user_id", name="uq_meeting_attendee_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    agency_name: Mapped[str] = mapped_column(sa.String(200), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")
    user: Mapped[User | None] = relationship()


class AgendaPoint(db.Model):
    """One point of the agenda and what was said about it."""

    __tablename__ = "agenda_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    topic: Mapped[str] = mapped_column(sa.String(500))
    discussion: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")


class Decision(db.Model):
    """A decision (kesepakatan) of the meeting; followed up by its items."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    links: Mapped[list["DecisionItem"]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="DecisionItem.item_id")


class DecisionItem(db.Model):
    """An action item created to follow up a decision; an item follows one
    decision at most."""

    __tablename__ = "decision_item"

    decision_id: Mapped[int] = mapped_column(
        sa.ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True)

    decision: Mapped[Decision] = relationship(back_populates="links")
    item: Mapped[ActionItem] = relationship()

    __table_args__ = (sa.UniqueConstraint("item_id", name="uq_decision_item_item"),)
