"""The feed token: secret, never stored, recoverable, revocable — through the
API and the profile page."""
import hashlib
import re
from urllib.parse import urlsplit

import sqlalchemy as sa

from tests.calendarfeeds.conftest import read_feed
from tests.conftest import page_csrf

FEED_URL = re.compile(r'value="(http://rbtasks\.test/calendar/[A-Za-z0-9_-]+/[a-z/0-9]+\.ics)"')


def _path(url):
    return urlsplit(url).path


def _rows(db):
    return db.session.execute(sa.text(
        "SELECT user_id, nonce, token_hash FROM calendar_feed_token")).mappings().all()


def test_the_api_answers_the_same_address_every_time_and_makes_it_on_first_use(
        client, db, api, make_user, make_pokja):
    owner = make_user(role="member")
    pokja = make_pokja(name="Pokja Penguatan Akuntabilitas", members=[owner])
    owner_api = api(owner)
    first = owner_api.get("/api/v1/calendar-feed")
    assert first.status_code == 200
    body = first.get_json()
    assert re.fullmatch(r"http://rbtasks\.test/calendar/[A-Za-z0-9_-]{43}/mine\.ics", body["url"])
    assert owner_api.get("/api/v1/calendar-feed").get_json() == body
    assert len(_rows(db)) == 1
    token = body["url"].split("/")[4]
    assert body["feeds"] == [
        {"kind": "mine", "id": None, "name": "", "url": body["url"],
         "webcal": body["url"].replace("http://", "webcal://")},
        {"kind": "pokja", "id": pokja.id, "name": "Pokja Penguatan Akuntabilitas",
         "url": f"http://rbtasks.test/calendar/{token}/pokja/{pokja.id}.ics",
         "webcal": f"webcal://rbtasks.test/calendar/{token}/pokja/{pokja.id}.ics"},
    ]
    read_feed(client, _path(body["url"]))


def test_the_api_needs_a_token(client):
    assert client.get("/api/v1/calendar-feed").status_code == 401
    assert client.post("/api/v1/calendar-feed/reset").status_code == 401


def test_only_a_digest_of_the_token_is_stored(client, db, api, make_user):
    owner = make_user()
    url = api(owner).get("/api/v1/calendar-feed").get_json()["url"]
    token = url.split("/")[4]
    [row] = _rows(db)
    assert row["user_id"] == owner.id
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row["nonce"], row["token_hash"])
    assert token not in repr(db.session.execute(sa.text("SELECT * FROM calendar_feed_token"))
                             .all())


def test_the_database_alone_cannot_rebuild_the_address(app, client, db, api, make_user,
                                                       monkeypatch):
    """The token is derived with SECRET_KEY: another key, the same rows, no feed.
    Changing the key retires every address, as it signs everyone out."""
    owner_api = api(make_user())
    old = owner_api.get("/api/v1/calendar-feed").get_json()["url"]
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key-after-a-leak")
    assert client.get(_path(old)).status_code == 404
    new = owner_api.get("/api/v1/calendar-feed").get_json()["url"]
    assert new != old
    read_feed(client, _path(new))


def test_reset_through_the_api_retires_the_old_address(client, api, make_user, make_pokja):
    owner = make_user()
    pokja = make_pokja(members=[owner])
    owner_api = api(owner)
    old = owner_api.get("/api/v1/calendar-feed").get_json()
    reset = owner_api.post("/api/v1/calendar-feed/reset")
    assert reset.status_code == 200
    new = reset.get_json()
    assert new["url"] != old["url"]
    for link in old["feeds"]:
        assert client.get(_path(link["url"])).status_code == 404
    for link in new["feeds"]:
        read_feed(client, _path(link["url"]))
    assert owner_api.get("/api/v1/calendar-feed").get_json() == new
    assert f"/pokja/{pokja.id}.ics" in new["feeds"][1]["url"]


def test_each_user_has_their_own_address(api, make_user):
    first = api(make_user()).get("/api/v1/calendar-feed").get_json()["url"]
    second = api(make_user()).get("/api/v1/calendar-feed").get_json()["url"]
    assert first != second


# ---- the profile page --------------------------------------------------------

def test_the_profile_offers_to_make_links_and_then_shows_them(
        client, db, login, make_user, make_pokja, make_agency):
    head = make_user(role="agency_head", agency=make_agency(name="Dinas Kesehatan"))
    pokja = make_pokja(name="Pokja Pelayanan Publik", members=[head])
    browser = login(head)
    page = browser.get("/profile").get_data(as_text=True)
    assert "Create calendar links" in page and "/calendar/" not in page
    assert _rows(db) == []  # looking at the page makes nothing

    response = browser.post("/profile/calendar-feed/reset",
                            data={"csrf_token": page_csrf(browser, "/profile")})
    assert response.status_code == 302
    assert response.headers["Location"] == "/profile#calendar-feeds"
    page = browser.get("/profile").get_data(as_text=True)
    assert "Your calendar links are ready." in page
    urls = FEED_URL.findall(page)
    token = urls[0].split("/")[4]
    assert [url.rsplit("/", 2)[-2:] for url in urls] == [
        [token, "mine.ics"], ["pokja", f"{pokja.id}.ics"],
        ["agency", f"{head.agency_id}.ics"]]
    assert "Pokja: Pokja Pelayanan Publik" in page and "Agency: Dinas Kesehatan" in page
    assert 'href="webcal://rbtasks.test/calendar/' in page
    for url in urls:
        read_feed(client, _path(url))
    assert browser.get("/profile").get_data(as_text=True).count(urls[0]) == 1  # shown again


def test_making_new_links_on_the_profile_retires_the_old_ones(client, login, make_user):
    user = make_user(locale="id")
    browser = login(user)
    browser.post("/profile/calendar-feed/reset", data={"csrf_token": page_csrf(browser, "/profile")})
    page = browser.get("/profile").get_data(as_text=True)
    [old] = FEED_URL.findall(page)
    assert "Buat ulang tautan" in page
    assert "Buat ulang tautan kalender? Tautan yang sekarang langsung tidak berlaku" in page

    browser.post("/profile/calendar-feed/reset", data={"csrf_token": page_csrf(browser, "/profile")})
    page = browser.get("/profile").get_data(as_text=True)
    [new] = FEED_URL.findall(page)
    assert "Tautan kalender Anda telah dibuat ulang. Tautan lama tidak berlaku lagi" in page
    assert new != old
    assert client.get(_path(old)).status_code == 404
    read_feed(client, _path(new))


def test_making_links_needs_the_forms_csrf_token_and_a_session(client, db, login, make_user):
    browser = login(make_user())
    assert browser.post("/profile/calendar-feed/reset").status_code == 400
    assert _rows(db) == []
    response = client.post("/profile/calendar-feed/reset")
    assert response.status_code in (302, 400)
    assert _rows(db) == []
