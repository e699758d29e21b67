"""What the settings page is built from."""
from datetime import date, datetime, timezone

import pytest

from rbtasks.errors import PermissionDenied
from rbtasks.settings.services import settings_overview
from rbtasks.workdays.services import SOURCE_OVERRIDE, add_override


def test_an_admin_gets_the_policy_overrides_and_two_years(db, make_user, now):
    admin = make_user(role="admin", name="Admin Biro Organisasi")
    add_override(admin, date(2027, 1, 4), False, "Cuti bersama tambahan", now)
    db.session.commit()
    overview = settings_overview(admin, now)
    assert overview["policy"].lead_times == (7, 3, 1, 0)
    assert [o.day for o in overview["overrides"]] == [date(2027, 1, 4)]
    assert overview["authors"] == {admin.id: "Admin Biro Organisasi"}
    assert [year for year, _days in overview["years"]] == [2026, 2027]
    next_year = dict(overview["years"])[2027]
    assert (date(2027, 1, 4), "Cuti bersama tambahan", SOURCE_OVERRIDE) in next_year


def test_new_years_eve_in_utc_is_already_next_year_in_wita(db, make_user):
    admin = make_user(role="admin")
    moment = datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)  # 1 Jan 2027 01:00 WITA
    assert [year for year, _days in settings_overview(admin, moment)["years"]] == [2027, 2028]


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_see_the_settings(make_user, now, role):
    with pytest.raises(PermissionDenied):
        settings_overview(make_user(role=role), now)


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_change_the_policy(db, make_user, now, role):
    from rbtasks.settings.services import save_policy
    from rbtasks.settings_store import get_setting, load_policy

    with pytest.raises(PermissionDenied):
        save_policy(make_user(role=role), {"overdue_every": 2}, now)
    assert get_setting("reminder_policy") is None
    assert save_policy(make_user(role="admin"), {"overdue_every": 2}, now).overdue_every == 2
    assert load_policy().overdue_every == 2
