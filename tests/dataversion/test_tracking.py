"""The data version token changes with every write to a watched table, in the
writer's transaction, and never comes back after a rollback."""
from datetime import date

import pytest
import sqlalchemy as sa

from rbtasks.dataversion import DataVersion, current_token, watched_tables
from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.items.models import ActionItem, Comment
from rbtasks.realisation.models import QuarterRealisation


def test_the_dashboard_watches_what_its_numbers_read(app):
    assert watched_tables() >= {"action_item", "quarter_realisation", "extension_request",
                                "pokja", "agency"}


def test_changing_an_item_changes_the_token_in_the_same_flush(db, make_item):
    item = make_item(title="Penyusunan SOP pelayanan perizinan")
    before = current_token()

    item.status = "in_progress"
    db.session.flush()

    assert current_token() not in (None, before)


def test_writes_the_numbers_do_not_read_leave_the_token_alone(db, make_item, make_user):
    item = make_item()
    user = make_user(name="Oktavianus Pello, S.H., M.H.")
    before = current_token()

    db.session.add(Comment(item=item, author=user, body="Notulen rapat monev menyusul.",
                           created_at=item.created_at))
    user.name = "Dr. Oktavianus Pello, S.H., M.H."
    db.session.flush()
    db.session.refresh(item)  # a read, no change

    assert current_token() == before


def test_each_watched_table_changes_the_token(db, make_item_cast, make_pokja, make_agency, now):
    cast = make_item_cast()
    item, owner = cast["item"], cast["owner"]
    writes = {
        "a quarter's realisation": lambda: db.session.add(QuarterRealisation(
            item_id=item.id, quarter=1, target=40, realisation=12.5)),
        "an extension request": lambda: db.session.add(ExtensionRequest(
            item_id=item.id, open_item_id=item.id, requested_by=owner, old_due_date=item.due_date,
            new_due_date=date(2026, 12, 31), reason="Menunggu SK Gubernur", status="pending",
            requested_at=now)),
        "a pokja's name": lambda: setattr(cast["pokja"], "name", "Pokja Penguatan Pengawasan"),
        "an agency's code": lambda: setattr(cast["agency"], "code", "INSP-NTT"),
        "a new agency": lambda: make_agency(name="Badan Kepegawaian Daerah"),
    }
    for what, write in writes.items():
        before = current_token()
        write()
        db.session.flush()
        assert current_token() != before, what


def test_bulk_statements_change_the_token(db, make_item):
    item = make_item()
    before = current_token()

    db.session.execute(sa.update(ActionItem).where(ActionItem.id == item.id)
                       .values(progress=65))

    assert current_token() != before


def test_a_rolled_back_token_is_never_seen_again(db, make_item):
    item = make_item()
    committed = current_token()
    savepoint = db.session.begin_nested()
    item.progress = 30
    db.session.flush()
    abandoned = current_token()
    savepoint.rollback()

    assert current_token() == committed
    item = db.session.get(ActionItem, item.id)
    item.progress = 30  # the same change again: the same rows as the abandoned state
    db.session.flush()
    assert current_token() not in (committed, abandoned)


def test_a_wiped_row_is_written_again_by_the_next_change(db, make_item):
    item = make_item()
    db.session.execute(sa.delete(DataVersion))
    assert current_token() is None

    item.progress = 50
    db.session.flush()

    assert current_token() is not None


@pytest.mark.real_commits
def test_other_connections_see_the_new_token_when_the_write_commits(db, make_item):
    item = make_item()
    db.session.commit()

    def token_elsewhere():
        with db.engine.connect() as connection:
            return connection.scalar(sa.select(DataVersion.token))

    before = token_elsewhere()
    item.status = "blocked"
    db.session.flush()
    assert token_elsewhere() == before
    db.session.commit()
    assert token_elsewhere() not in (None, before)
