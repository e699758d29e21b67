"""The demo's evidence (data dukung) on its done and submitted items.

Links are stored as they are; a document is written as a small PDF and kept
through the evidence storage like any upload (sniffed, hashed, removed again
if the seed is not committed), so downloading it works as in real use. The
rows are added directly, as the seed adds its items already done: the
evidence service refuses to add evidence to a done item, rightly.
"""
from io import BytesIO

from babel.dates import format_date
from flask import current_app

from rbtasks.demo.documents import pdf_document
from rbtasks.evidence import filetypes, storage
from rbtasks.evidence.models import Evidence
from rbtasks.extensions import db
from rbtasks.timeutil import local_today


def seed_evidence(new_items, now):
    """Attach the evidence each new demo item's data names; returns how many pieces."""
    count = 0
    for item, spec in new_items:
        for piece in spec.evidence:
            db.session.add(_evidence(item, piece, now))
            count += 1
    db.session.flush()
    return count


def _evidence(item, piece, now):
    values = {"item_id": item.id, "kind": piece.kind, "description": piece.description,
              "added_by_id": item.owner_id, "added_at": now}
    if piece.url:
        return Evidence(url=piece.url, **values)
    document = pdf_document(piece.description, _document_lines(item, now))
    stored = storage.save_upload(BytesIO(document), current_app.config["RBTASKS_MAX_UPLOAD_BYTES"],
                                 lambda head: filetypes.detect_content_type(head, "pdf"))
    return Evidence(stored_name=stored.stored_name, original_name=piece.document,
                    content_type=stored.content_type, size_bytes=stored.size_bytes,
                    sha256=stored.sha256, **values)


def _document_lines(item, now):
    """What the page says: an Indonesian document, whatever the reader's language."""
    return [
        "Pemerintah Provinsi Nusa Tenggara Timur",
        "",
        f"Rencana aksi: {item.title}",
        f"Keluaran: {item.output}",
        f"{item.pokja.name}",
        f"Perangkat daerah: {item.agency.name}",
        f"Penanggung jawab: {item.owner.name}",
        f"Tanggal: {format_date(local_today(now), 'd MMMM y', locale='id')}",
        "",
        "Dokumen contoh dari data demo rbtasks; bukan dokumen resmi.",
    ]
