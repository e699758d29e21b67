"""Recording the RB index: admins only, one record per year, numbers in range."""
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.rbindex import services
from rbtasks.rbindex.models import IndexScore


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(IndexScore.id)))


def test_an_admin_records_a_year(db, make_user, now):
    admin = make_user(role="admin")
    record = services.create_index_score(admin, {"year": 2019, "score": 60.37, "enablers": 36.5,
                                                 "results": 23.87, "source_note": "LHE 2019"},
                                         now)
    db.session.commit()

    stored = db.session.get(IndexScore, record.id)
    assert (stored.year, stored.score, stored.enablers, stored.results) == (
        2019, Decimal("60.37"), Decimal("36.50"), Decimal("23.87"))
    assert stored.updated_by_id == admin.id and stored.updated_at == now


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_write(db, make_user, now, role):
    admin, other = make_user(role="admin"), make_user(role=role)
    record = services.create_index_score(admin, {"year": 2018, "score": 60.15}, now)
    db.session.commit()

    with pytest.raises(PermissionDenied):
        services.create_index_score(other, {"year": 2019, "score": 60.37}, now)
    with pytest.raises(PermissionDenied):
        services.update_index_score(other, record.id, {"score": 99}, now)
    with pytest.raises(PermissionDenied):
        services.delete_index_score(other, record.id)
    db.session.rollback()
    assert [r.score for r in services.list_index_scores(other)] == [Decimal("60.15")]


@pytest.mark.parametrize("values, field", [
    ({"year": 1999, "score": 50}, "year"),
    ({"year": 2101, "score": 50}, "year"),
    ({"year": "2019", "score": 50}, "year"),
    ({"year": 2019, "score": 100.01}, "score"),
    ({"year": 2019, "score": -1}, "score"),
    ({"year": 2019, "score": 60.375}, "score"),
    ({"year": 2019, "score": "60.37"}, "score"),
    ({"year": 2019, "score": float("nan")}, "score"),
    ({"year": 2019, "target": 101}, "target"),
    ({"year": 2019, "score": 60, "enablers": 60.01}, "enablers"),
    ({"year": 2019, "score": 60, "results": 40.5}, "results"),
    ({"year": 2019}, "score"),
    ({"year": 2019, "score": None, "target": None}, "score"),
    ({"year": 2019, "score": 60, "source_note": "x" * 501}, "source_note"),
])
def test_bad_values_are_refused_and_nothing_is_stored(db, make_user, now, values, field):
    admin = make_user(role="admin")
    with pytest.raises(ValidationError) as raised:
        services.create_index_score(admin, values, now)
    assert field in raised.value.fields
    db.session.rollback()
    assert _count(db) == 0


def test_a_year_is_recorded_once(db, make_user, now):
    admin = make_user(role="admin")
    services.create_index_score(admin, {"year": 2019, "score": 60.37}, now)
    db.session.commit()

    with pytest.raises(ValidationError) as raised, force_locale("en"):
        services.create_index_score(admin, {"year": 2019, "target": 71}, now)
    assert raised.value.fields == {"year": "There is already a record for 2019."}
    db.session.rollback()
    assert _count(db) == 1


def test_updates_keep_a_score_or_a_target(db, make_user, now):
    admin = make_user(role="admin")
    record = services.create_index_score(admin, {"year": 2021, "target": 71}, now)
    db.session.commit()

    services.update_index_score(admin, record.id, {"score": 72.5, "target": None}, now)
    db.session.commit()
    assert (record.score, record.target) == (Decimal("72.50"), None)
    with pytest.raises(ValidationError) as raised:
        services.update_index_score(admin, record.id, {"score": None}, now)
    assert "score" in raised.value.fields


def test_moving_a_record_onto_a_recorded_year_is_refused(db, make_user, now):
    admin = make_user(role="admin")
    services.create_index_score(admin, {"year": 2018, "score": 60.15}, now)
    later = services.create_index_score(admin, {"year": 2019, "score": 60.37}, now)
    db.session.commit()

    with pytest.raises(ValidationError):
        services.update_index_score(admin, later.id, {"year": 2018}, now)
    # keeping its own year is fine
    services.update_index_score(admin, later.id, {"year": 2019, "source_note": "LHE"}, now)


def test_delete_and_missing_records(db, make_user, now):
    admin = make_user(role="admin")
    record = services.create_index_score(admin, {"year": 2017, "score": 61.65}, now)
    db.session.commit()

    services.delete_index_score(admin, record.id)
    db.session.commit()
    assert _count(db) == 0
    with pytest.raises(NotFound):
        services.delete_index_score(admin, record.id)
    with pytest.raises(NotFound):
        services.update_index_score(admin, 987654, {"score": 1}, now)


def test_inactive_users_read_nothing(make_user):
    with pytest.raises(PermissionDenied):
        services.list_index_scores(make_user(role="admin", active=False))
