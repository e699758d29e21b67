"""JSON shapes of evidence: the link body the API accepts and what it answers."""
from datetime import datetime
from typing import Literal

from flask import url_for
from pydantic import BaseModel, ConfigDict, Field

from rbtasks.evidence.models import EVIDENCE_KINDS
from rbtasks.evidence.services import MAX_DESCRIPTION, MAX_URL

Kind = Literal[EVIDENCE_KINDS]  # type: ignore[valid-type]


class LinkEvidenceCreate(BaseModel):
    """POST /items/{item_id}/evidence with a JSON body: a link (http or https)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Kind
    description: str = Field("", max_length=MAX_DESCRIPTION)
    url: str = Field(..., min_length=1, max_length=MAX_URL)


class FileEvidenceFields(BaseModel):
    """The text fields next to ``file`` in a multipart upload."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Kind
    description: str = Field("", max_length=MAX_DESCRIPTION)


class HeldEvidenceOut(BaseModel):
    """A piece of evidence, whoever holds it; each holder's API adds its own
    id fields (``item_id``, ``meeting_id``, …)."""

    id: int
    kind: Kind
    description: str
    url: str | None = Field(description="The link; null for a file")
    file_name: str | None = Field(
        description="The uploader's file name, sanitised; null for a link")
    content_type: str | None = Field(description="The type detected from the file's content")
    size_bytes: int | None
    added_by_id: int | None
    added_at: datetime
    download_url: str | None = Field(description="Where to fetch the file; null for a link")


class EvidenceOut(HeldEvidenceOut):
    item_id: int


def held_evidence_to_dict(evidence):
    """The fields of HeldEvidenceOut: no holder's id."""
    result = evidence_to_dict(evidence)
    del result["item_id"]
    return result


def evidence_to_dict(evidence):
    download = (url_for("api.download_evidence", evidence_id=evidence.id)
                if evidence.is_file else None)
    return {
        "id": evidence.id, "item_id": evidence.item_id, "kind": evidence.kind,
        "description": evidence.description or "", "url": evidence.url,
        "file_name": evidence.original_name, "content_type": evidence.content_type,
        "size_bytes": evidence.size_bytes, "added_by_id": evidence.added_by_id,
        "added_at": evidence.added_at.isoformat(), "download_url": download,
    }
