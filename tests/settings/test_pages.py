"""The admin settings page: the reminder policy form, the calendar
overrides, and the named days off of this year and the next."""
import re
from datetime import date

import pytest
import sqlalchemy as sa
from babel.dates import format_date

from rbtasks.settings_store.models import Setting
from rbtasks.settings_store.policy import load_policy
from rbtasks.timeutil import local_today, utc_now
from rbtasks.workdays.calendar import WorkCalendar
from rbtasks.workdays.models import CalendarOverride
from tests.conftest import page_csrf

URL = "/admin/settings"
GOOD_POLICY = {
    "lead_times": "14, 7, 3, 1, 0", "overdue_first": "2", "overdue_every": "3",
    "escalation_1_first": "4", "escalation_1_every": "6", "escalation_2_first": "12",
    "escalation_2_every": "7", "waiting_first": "2", "waiting_every": "4",
    "sweep_time": "06:45", "max_attempts": "8", "retry_base_seconds": "120",
}


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", locale="en", name="Admin Biro Organisasi")


@pytest.fixture
def admin_client(login, admin):
    return login(admin)


def _post(client, url, data):
    return client.post(url, data={"csrf_token": page_csrf(client, URL), **data})


def _page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _field_errors(html):
    return re.findall(r'<p class="field-error" id="([\w-]+)-error">([^<]*)</p>', html)


def _overrides(db):
    db.session.expire_all()
    return db.session.execute(sa.select(CalendarOverride.day, CalendarOverride.working,
                                        CalendarOverride.name)).all()


def test_the_page_shows_the_policy_and_the_days_off(admin_client):
    html = _page(admin_client)
    assert 'name="lead_times"' in html and 'value="7, 3, 1, 0"' in html
    assert 'name="sweep_time"' in html and 'value="07:30"' in html
    assert 'name="escalation_2_first"' in html and 'value="10"' in html
    assert "No overrides: the calendar follows the holiday list." in html
    this_year = local_today(utc_now()).year
    assert f"Days off in {this_year}" in html and f"Days off in {this_year + 1}" in html
    assert html.count("Hari Kemerdekaan Republik Indonesia") == 2  # 17 August, both years


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_get_the_page_or_change_anything(login, make_user, db, role):
    client = login(make_user(role=role))
    assert client.get(URL).status_code == 403
    token = page_csrf(client, "/profile")
    assert client.post(f"{URL}/policy", data={"csrf_token": token, **GOOD_POLICY}) \
        .status_code == 403
    assert client.post(f"{URL}/policy", data={"csrf_token": token, "lead_times": "x"}) \
        .status_code == 403
    assert client.post(f"{URL}/overrides", data={"csrf_token": token, "day": "2026-11-26",
                                                  "working": "off", "name": "Libur"}) \
        .status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Setting)) == 0
    assert _overrides(db) == []


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_admin_saves_the_policy(admin_client, db):
    response = _post(admin_client, f"{URL}/policy", GOOD_POLICY)
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    db.session.expire_all()
    policy = load_policy()
    assert policy.lead_times == (14, 7, 3, 1, 0)
    assert (policy.overdue_first, policy.escalation_2_every, policy.sweep_time,
            policy.max_attempts, policy.retry_base_seconds) == (2, 7, "06:45", 8, 120)
    html = _page(admin_client)
    assert "The reminder policy has been saved." in html
    assert 'value="14, 7, 3, 1, 0"' in html and 'value="06:45"' in html


def test_bad_policy_values_get_a_message_each_and_change_nothing(admin_client, db):
    response = _post(admin_client, f"{URL}/policy", {
        **GOOD_POLICY, "lead_times": "7, tiga", "overdue_every": "0", "sweep_time": "25:00",
        "max_attempts": "banyak", "waiting_first": ""})
    assert response.status_code == 422
    errors = dict(_field_errors(response.get_data(as_text=True)))
    assert errors == {
        "lead_times": "Use whole numbers of days, e.g. 7, 3, 1, 0.",
        "overdue_every": "A whole number from 1 to 60.",
        "sweep_time": "Use a time like 07:30.",
        "max_attempts": "Enter a whole number.",
        "waiting_first": "This field is required.",
    }
    # What was typed stays in the form.
    assert 'value="7, tiga"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Setting)) == 0


def test_lead_times_need_at_least_one_day(admin_client, db):
    response = _post(admin_client, f"{URL}/policy", {**GOOD_POLICY, "lead_times": " , "})
    assert response.status_code == 422
    assert ("lead_times", "Between one and ten lead times, each from 0 to 60 days.") in \
        _field_errors(response.get_data(as_text=True))


def test_an_admin_adds_a_day_off_and_sees_it_in_the_year(admin_client, db):
    # An ordinary weekday of next year, which the page always shows.
    day = WorkCalendar().next_working_day(date(local_today(utc_now()).year + 1, 11, 2))
    shown = format_date(day, "EEEE, d MMMM y", locale="en")
    response = _post(admin_client, f"{URL}/overrides", {
        "day": day.isoformat(), "working": "off", "name": "Cuti bersama <tambahan>"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#overrides")
    assert _overrides(db) == [(day, False, "Cuti bersama <tambahan>")]
    html = _page(admin_client)
    assert f"The override for {shown} has been added." in html
    assert "Cuti bersama &lt;tambahan&gt;" in html and "<tambahan>" not in html
    assert "Admin Biro Organisasi" in html
    row = re.search(rf"{shown}</td>\s*<td[^>]*>([^<]*)</td>\s*"
                    r"<td[^>]*>\s*<span[^>]*>([^<]*)</span>", html)
    assert row and row.groups() == ("Cuti bersama &lt;tambahan&gt;", "Override")


def test_an_admin_marks_a_cuti_bersama_as_worked(admin_client, db):
    response = _post(admin_client, f"{URL}/overrides", {
        "day": "2026-12-24", "working": "worked", "name": "SKB 3 Menteri, perubahan"})
    assert response.status_code == 302
    assert _overrides(db) == [(date(2026, 12, 24), True, "SKB 3 Menteri, perubahan")]
    assert "Working day" in _page(admin_client)


@pytest.mark.parametrize("data, field, message", [
    ({"day": "2026-11-26", "working": "worked", "name": "Kerja"}, "day",
     "Thursday, 26 November 2026 is already a working day."),
    ({"day": "2026-08-17", "working": "off", "name": "Libur"}, "day",
     "Monday, 17 August 2026 is already a holiday: Hari Kemerdekaan Republik Indonesia."),
    ({"day": "11/26/2026", "working": "off", "name": "Libur"}, "day",
     "Write the date as day/month/year, e.g. 31/12/2026."),
    ({"day": "2026-11-26", "working": "maybe", "name": "Libur"}, "working",
     "Not a valid choice."),
    ({"day": "2026-11-26", "working": "off", "name": ""}, "name", "This field is required."),
])
def test_an_override_that_is_wrong_or_changes_nothing_is_refused(admin_client, db, data, field,
                                                                  message):
    response = _post(admin_client, f"{URL}/overrides", data)
    assert response.status_code == 422
    assert (field, message) in _field_errors(response.get_data(as_text=True))
    assert _overrides(db) == []


def test_a_second_override_for_the_same_date_is_refused(admin_client, db):
    _post(admin_client, f"{URL}/overrides", {"day": "2026-12-24", "working": "worked",
                                             "name": "Dipindah"})
    response = _post(admin_client, f"{URL}/overrides", {"day": "2026-12-24", "working": "worked",
                                                        "name": "Lagi"})
    assert response.status_code == 422
    assert ("day", "This date already has an override. Remove it first.") in \
        _field_errors(response.get_data(as_text=True))
    assert _overrides(db) == [(date(2026, 12, 24), True, "Dipindah")]


def test_an_admin_removes_an_override(admin_client, db):
    _post(admin_client, f"{URL}/overrides", {"day": "2026-12-24", "working": "worked",
                                             "name": "Dipindah"})
    override_id = db.session.scalar(sa.select(CalendarOverride.id))
    html = _page(admin_client)
    assert f'action="{URL}/overrides/{override_id}/remove"' in html
    response = _post(admin_client, f"{URL}/overrides/{override_id}/remove", {})
    assert response.status_code == 302
    assert _overrides(db) == []
    assert ("The override for Thursday, 24 December 2026 has been removed; the date follows "
            "the holiday list again.") in _page(admin_client)
    again = _post(admin_client, f"{URL}/overrides/{override_id}/remove", {})
    assert again.status_code == 302
    assert "That override does not exist." in _page(admin_client)


def test_a_non_admin_cannot_remove_an_override(admin_client, login, make_user, db):
    _post(admin_client, f"{URL}/overrides", {"day": "2026-12-24", "working": "worked",
                                             "name": "Dipindah"})
    override_id = db.session.scalar(sa.select(CalendarOverride.id))
    client = login(make_user(role="coordinator"))
    response = client.post(f"{URL}/overrides/{override_id}/remove",
                           data={"csrf_token": page_csrf(client, "/profile")})
    assert response.status_code == 403
    assert len(_overrides(db)) == 1


def test_a_post_without_the_csrf_token_changes_nothing(admin_client, db):
    response = admin_client.post(f"{URL}/overrides", data={
        "day": "2026-11-26", "working": "off", "name": "Libur"})
    assert response.status_code == 400
    assert _overrides(db) == []


@pytest.mark.parametrize("sweep_time", ["²:30", "٠٧:٣٠", "07:³⁰"])
def test_a_sweep_time_in_other_digits_gets_a_message_not_a_server_error(admin_client, db,
                                                                        sweep_time):
    response = _post(admin_client, f"{URL}/policy", {**GOOD_POLICY, "sweep_time": sweep_time})
    assert response.status_code == 422
    assert ("sweep_time", "Use a time like 07:30.") in \
        _field_errors(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Setting)) == 0
