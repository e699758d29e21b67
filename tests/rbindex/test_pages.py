"""The admin page /admin/index-scores: list with grades, add, edit, delete."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.rbindex.models import IndexScore
from tests.conftest import page_csrf

URL = "/admin/index-scores"


def _records(db):
    db.session.expire_all()
    return [(r.year, r.score, r.target) for r in
            db.session.scalars(sa.select(IndexScore).order_by(IndexScore.year))]


@pytest.fixture
def admin_client(login, make_user):
    return login(make_user(role="admin", locale="en"))


def test_an_admin_adds_a_year_with_an_indonesian_decimal_comma(admin_client, db):
    response = admin_client.post(URL, data={"csrf_token": page_csrf(admin_client, URL),
                                            "year": "2019", "score": "60,37", "target": "",
                                            "enablers": "", "results": "",
                                            "source_note": "LHE 2019"})
    assert response.status_code == 302
    assert _records(db) == [(2019, Decimal("60.37"), None)]

    html = admin_client.get(URL).get_data(as_text=True)
    assert "The RB index record was saved." in html
    row = html.split('id="year-2019"', 1)[1].split("</tr>", 1)[0]
    assert "60.37" in row and '<span class="badge">B</span>' in row


def test_bad_input_shows_the_message_and_stores_nothing(admin_client, db):
    response = admin_client.post(URL, data={"csrf_token": page_csrf(admin_client, URL),
                                            "year": "2019", "score": "60.375"})
    assert response.status_code == 422
    assert "at most two decimals" in response.get_data(as_text=True)
    assert _records(db) == []


def test_a_duplicate_year_is_shown_under_the_year(admin_client, db, now):
    db.session.add(IndexScore(year=2019, score=Decimal("60.37"), source_note="", updated_at=now))
    db.session.commit()
    response = admin_client.post(URL, data={"csrf_token": page_csrf(admin_client, URL),
                                            "year": "2019", "target": "71"})
    assert response.status_code == 422
    assert "There is already a record for 2019." in response.get_data(as_text=True)
    assert _records(db) == [(2019, Decimal("60.37"), None)]


def test_edit_and_delete(admin_client, db, now):
    record = IndexScore(year=2021, target=Decimal("71"), source_note="RPJMD", updated_at=now)
    db.session.add(record)
    db.session.commit()
    edit_url = f"{URL}/{record.id}/edit"

    form = admin_client.get(edit_url).get_data(as_text=True)
    assert re.search(r'name="target"[^>]*value="71.00"', form)
    saved = admin_client.post(edit_url, data={"csrf_token": page_csrf(admin_client, edit_url),
                                              "year": "2021", "score": "72.5", "target": "71",
                                              "source_note": "RPJMD"})
    assert saved.status_code == 302
    assert _records(db) == [(2021, Decimal("72.50"), Decimal("71.00"))]

    refused = admin_client.post(f"{URL}/{record.id}/delete", data={})
    assert refused.status_code == 400 and len(_records(db)) == 1  # no CSRF token
    deleted = admin_client.post(f"{URL}/{record.id}/delete",
                                data={"csrf_token": page_csrf(admin_client, URL)})
    assert deleted.status_code == 302
    assert _records(db) == []


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_the_admin_page_is_for_admins(login, make_user, db, role, now):
    record = IndexScore(year=2019, score=Decimal("60.37"), source_note="", updated_at=now)
    db.session.add(record)
    db.session.commit()
    client = login(make_user(role=role))
    token = page_csrf(client, "/profile")

    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"csrf_token": token, "year": "2020",
                                  "score": "65"}).status_code == 403
    assert client.post(f"{URL}/{record.id}/delete", data={"csrf_token": token}).status_code == 403
    assert _records(db) == [(2019, Decimal("60.37"), None)]


def test_signed_out_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
