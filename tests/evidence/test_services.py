"""The evidence services: what is stored, who may, when, and files following commits."""
import hashlib
import io
import re

import pytest
import sqlalchemy as sa

from rbtasks.errors import Conflict, PermissionDenied, ValidationError
from rbtasks.evidence import services
from rbtasks.evidence.models import Evidence
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.models import ActionItem, ActivityEntry
from tests.evidence.conftest import DOCX, ELF, MZ, PDF, PNG, config_value, stored_files


def _upload(actor, item, now, data=PDF, name="notulen.pdf", kind="notulen", description=""):
    return services.add_file_evidence(actor, item, kind, description, io.BytesIO(data), name, now)


def _rows(db):
    return list(db.session.scalars(sa.select(Evidence)))


def _actions(db, item):
    return [(e.action, e.note) for e in db.session.scalars(
        sa.select(ActivityEntry).where(ActivityEntry.item_id == item.id).order_by(ActivityEntry.id))]


def test_an_uploaded_pdf_is_stored_under_a_generated_name_and_logged(cast, db, now, evidence_dir):
    evidence = _upload(cast["owner"], cast["item"], now, description="Notulen rapat koordinasi")
    db.session.commit()

    row = db.session.get(Evidence, evidence.id)
    assert re.fullmatch(r"[0-9a-f]{32}", row.stored_name)
    assert (row.original_name, row.content_type, row.size_bytes) == ("notulen.pdf", "application/pdf", len(PDF))
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()
    assert row.url is None and row.added_by_id == cast["owner"].id and row.added_at == now
    assert stored_files(evidence_dir) == [row.stored_name]
    assert (evidence_dir / row.stored_name).read_bytes() == PDF
    assert _actions(db, cast["item"]) == [("evidence_added", "Notulen rapat koordinasi")]
    assert services.count_evidence(cast["item"].id) == 1


@pytest.mark.parametrize("data, name, content_type", [
    (PNG, "foto-kegiatan.png", "image/png"),
    (DOCX, "SOP pengawasan.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_images_and_office_documents_are_accepted_by_content(cast, db, now, data, name, content_type):
    evidence = _upload(cast["coordinator"], cast["item"], now, data=data, name=name, kind="foto")
    db.session.commit()
    assert db.session.get(Evidence, evidence.id).content_type == content_type


@pytest.mark.parametrize("data", [ELF, MZ], ids=["elf", "mz"])
def test_an_executable_named_pdf_is_refused_and_leaves_nothing(cast, db, now, evidence_dir, data):
    with pytest.raises(ValidationError) as refused:
        _upload(cast["owner"], cast["item"], now, data=data, name="laporan.pdf")
    assert "not accepted" in refused.value.message
    db.session.rollback()
    assert _rows(db) == [] and stored_files(evidence_dir) == []
    assert _actions(db, cast["item"]) == []


def test_an_upload_over_the_limit_is_refused_naming_the_limit(app, cast, db, now, evidence_dir):
    limit = 1024 * 1024
    with config_value(app, "RBTASKS_MAX_UPLOAD_BYTES", limit):
        exactly = PDF + b"\n" * (limit - len(PDF))
        _upload(cast["owner"], cast["item"], now, data=exactly, name="pas.pdf")
        with pytest.raises(ValidationError) as refused:
            _upload(cast["owner"], cast["item"], now, data=exactly + b"\n", name="besar.pdf")
    assert "1 MB" in refused.value.fields["file"]
    db.session.commit()
    assert [row.original_name for row in _rows(db)] == ["pas.pdf"]
    assert len(stored_files(evidence_dir)) == 1  # no temporary file left behind


def test_an_empty_file_is_refused(cast, db, now, evidence_dir):
    with pytest.raises(ValidationError, match="empty"):
        _upload(cast["owner"], cast["item"], now, data=b"", name="kosong.pdf")
    assert stored_files(evidence_dir) == []


@pytest.mark.parametrize("name, shown", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\x.pdf", "x.pdf"),
    ("a\r\nX-Injected: 1.pdf", "a X-Injected: 1.pdf"),
    ("nul\x00byte.pdf", "nulbyte.pdf"),
])
def test_a_hostile_file_name_cannot_leave_the_storage_folder(cast, db, now, evidence_dir, name, shown):
    evidence = _upload(cast["owner"], cast["item"], now, name=name)
    db.session.commit()
    row = db.session.get(Evidence, evidence.id)
    stored = evidence_dir / row.stored_name
    assert stored.resolve().parent == evidence_dir.resolve() and stored.read_bytes() == PDF
    assert stored_files(evidence_dir) == [row.stored_name]
    assert not any(ch in row.original_name for ch in "/\\\r\n\x00")
    assert row.original_name == shown


def test_a_link_is_checked_and_logged(cast, db, now):
    evidence = services.add_link_evidence(cast["owner"], cast["item"], "sk", " SK Gubernur ",
                                          "https://jdih.nttprov.go.id/sk-12.pdf", now)
    db.session.commit()
    row = db.session.get(Evidence, evidence.id)
    assert (row.url, row.description, row.stored_name) == (
        "https://jdih.nttprov.go.id/sk-12.pdf", "SK Gubernur", None)
    assert _actions(db, cast["item"]) == [("evidence_added", "SK Gubernur")]

    with pytest.raises(ValidationError) as refused:
        services.add_link_evidence(cast["owner"], cast["item"], "foto", "", "javascript:alert(1)", now)
    assert set(refused.value.fields) == {"url"}
    with pytest.raises(ValidationError) as refused:
        services.add_link_evidence(cast["owner"], cast["item"], "poster", "x" * 501, "https://a.go.id", now)
    assert set(refused.value.fields) == {"kind", "description"}
    db.session.rollback()
    assert len(_rows(db)) == 1


@pytest.mark.parametrize("who", ["owner", "coordinator", "admin"])
def test_owner_coordinator_and_admin_may_add(cast, db, now, who):
    _upload(cast[who], cast["item"], now)
    db.session.commit()
    assert services.count_evidence(cast["item"].id) == 1


def test_someone_who_only_sees_the_item_may_not_add(cast, db, now, evidence_dir):
    with pytest.raises(PermissionDenied):
        _upload(cast["pokja_member"], cast["item"], now)
    with pytest.raises(PermissionDenied):
        services.add_link_evidence(cast["pokja_member"], cast["item"], "tautan", "", "https://a.go.id", now)
    assert stored_files(evidence_dir) == []


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_nothing_is_added_to_a_done_or_cancelled_item(cast, db, now, evidence_dir, status):
    cast["item"].status = status
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        _upload(cast["owner"], cast["item"], now)
    assert str(STATUS_LABELS[status]) in refused.value.message
    assert stored_files(evidence_dir) == []


def test_the_uploader_and_the_coordinator_may_remove_others_may_not(cast, db, now, evidence_dir):
    by_owner = _upload(cast["owner"], cast["item"], now, description="Foto rapat")
    by_coordinator = _upload(cast["coordinator"], cast["item"], now, name="sk.pdf")
    db.session.commit()
    ids = by_owner.id, by_coordinator.id

    with pytest.raises(PermissionDenied):
        services.remove_evidence(cast["owner"], ids[1], now)  # the owner did not add this one
    with pytest.raises(PermissionDenied):
        services.remove_evidence(cast["pokja_member"], ids[0], now)
    db.session.rollback()
    assert len(stored_files(evidence_dir)) == 2

    services.remove_evidence(cast["owner"], ids[0], now)
    services.remove_evidence(cast["coordinator"], ids[1], now)
    db.session.commit()
    assert _rows(db) == [] and stored_files(evidence_dir) == []
    removed = [entry for entry in _actions(db, cast["item"]) if entry[0] == "evidence_removed"]
    assert removed == [("evidence_removed", "Foto rapat"), ("evidence_removed", "sk.pdf")]


def test_evidence_of_a_done_item_stays(cast, db, now, evidence_dir):
    evidence_id = _upload(cast["owner"], cast["item"], now).id
    db.session.commit()
    db.session.execute(sa.update(ActionItem).where(ActionItem.id == cast["item"].id).values(status="done"))
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        services.remove_evidence(cast["coordinator"], evidence_id, now)
    assert str(STATUS_LABELS["done"]) in refused.value.message
    db.session.rollback()
    assert len(_rows(db)) == 1 and len(stored_files(evidence_dir)) == 1


def test_a_removal_that_is_not_committed_keeps_the_file(cast, db, now, evidence_dir):
    evidence_id = _upload(cast["owner"], cast["item"], now).id
    db.session.commit()
    services.remove_evidence(cast["owner"], evidence_id, now)
    assert len(stored_files(evidence_dir)) == 1  # flushed, not committed: still there
    db.session.rollback()
    assert db.session.get(Evidence, evidence_id) is not None
    assert len(stored_files(evidence_dir)) == 1
    db.session.commit()  # a later commit does not delete it either
    assert len(stored_files(evidence_dir)) == 1


def test_an_upload_that_is_not_committed_leaves_no_file(cast, db, now, evidence_dir):
    _upload(cast["owner"], cast["item"], now)
    assert len(stored_files(evidence_dir)) == 1
    db.session.rollback()
    assert _rows(db) == [] and stored_files(evidence_dir) == []


def test_list_and_count_see_only_the_items_own_evidence(cast, db, now, make_item):
    other = make_item(pokja=cast["pokja"], owner=cast["owner"])
    _upload(cast["owner"], cast["item"], now, name="satu.pdf")
    services.add_link_evidence(cast["owner"], cast["item"], "tautan", "", "https://a.go.id", now)
    _upload(cast["owner"], other, now, name="lain.pdf")
    db.session.commit()
    listed = services.list_evidence(cast["pokja_member"], cast["item"])
    assert [e.original_name or e.url for e in listed] == ["satu.pdf", "https://a.go.id"]
    assert services.count_evidence(cast["item"].id) == 2 and services.count_evidence(other.id) == 1
