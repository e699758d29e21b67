"""JSON shapes of the notices API."""
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from rbtasks.notices.kinds import line
from rbtasks.notices.services import MAX_IDS


class NoticeOut(BaseModel):
    id: int
    kind: str = Field(description="assigned, moved, returned, verified, blocked, "
                                  "extension_requested, extension_approved, "
                                  "extension_rejected, comment, mentioned")
    item_id: int
    item_title: str
    actor_id: int | None
    actor_name: str | None
    text: str = Field(description="What happened, in the reader's language")
    note: str = Field(description="The reason given, or the comment's first words")
    created_at: datetime
    read: bool
    read_at: datetime | None

    @classmethod
    def dump(cls, notice):
        actor = notice.actor
        return {
            "id": notice.id, "kind": notice.kind, "item_id": notice.item_id,
            "item_title": notice.item.title, "actor_id": notice.actor_id,
            "actor_name": actor.name if actor else None,
            "text": line(notice.kind, actor.name if actor else ""), "note": notice.note or "",
            "created_at": notice.created_at.isoformat(), "read": notice.read_at is not None,
            "read_at": notice.read_at.isoformat() if notice.read_at else None,
        }


class MarkReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[StrictInt] | None = Field(
        default=None, max_length=MAX_IDS,
        description="The notices to mark read; leave out to mark all of yours read")


class MarkReadOut(BaseModel):
    marked: int = Field(description="How many notices changed from unread to read")
    unread: int = Field(description="How many of yours are still unread")
