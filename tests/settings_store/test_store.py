"""The settings store: one JSON value per key, read by several features."""
from datetime import timedelta

import sqlalchemy as sa

from rbtasks.settings_store import Setting, get_setting, load_policy, put_setting, store_policy


def test_a_missing_setting_reads_as_its_default(db):
    assert get_setting("tidak_ada", {"x": 1}) == {"x": 1}
    assert get_setting("tidak_ada") is None


def test_a_stored_value_is_read_back_and_replaced(db, make_user, now):
    admin = make_user(role="admin")
    put_setting("kontak_biro", {"telepon": "0380-833123"}, admin, now)
    db.session.commit()
    assert get_setting("kontak_biro", {}) == {"telepon": "0380-833123"}

    later = now + timedelta(hours=1)
    put_setting("kontak_biro", {"telepon": "0380-821000"}, None, later)
    db.session.commit()
    row = db.session.get(Setting, "kontak_biro")
    assert (row.value, row.updated_by_id, row.updated_at) == (
        {"telepon": "0380-821000"}, None, later)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Setting)) == 1


def test_a_value_of_the_wrong_kind_reads_as_the_default(db, now):
    put_setting("reminder_policy", ["bukan", "kamus"], None, now)
    assert get_setting("reminder_policy", {}) == {}
    assert load_policy().lead_times == (7, 3, 1, 0)


def test_the_policy_is_one_setting(db, make_user, now):
    admin = make_user(role="admin")
    store_policy({"max_attempts": 4, "sweep_time": "06:45"}, admin, now)
    db.session.commit()
    stored = get_setting("reminder_policy", {})
    assert (stored["max_attempts"], stored["sweep_time"], stored["lead_times"]) == (
        4, "06:45", [7, 3, 1, 0])
    assert db.session.get(Setting, "reminder_policy").updated_by_id == admin.id
