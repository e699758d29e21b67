"""The bell, the notices page, marking read, the profile's choices and the
item page's notification panel."""
from datetime import timedelta

import sqlalchemy as sa

from rbtasks.items.services import add_comment
from rbtasks.notices.models import Notice, NoticePreference
from rbtasks.workflow.services import apply_transition
from tests.conftest import csrf_token_from


def _two_notices(db, cast, now):
    cast.item.status = "submitted"
    db.session.commit()
    apply_transition(cast.coordinator, cast.item, "return", cast.item.version, now,
                     reason="Notulen rapat belum dilampirkan")
    add_comment(cast.coordinator, cast.item, "Mohon <b>segera</b> dilengkapi.",
                now + timedelta(minutes=1))
    db.session.commit()


def test_the_bell_counts_unread_notices(db, login, cast, now):
    client = login(cast.owner)
    page = client.get("/my-items").get_data(as_text=True)
    assert 'class="bell-count"' not in page
    _two_notices(db, cast, now)
    page = client.get("/my-items").get_data(as_text=True)
    assert '<span class="bell-count">2</span>' in page
    assert 'aria-label="Pemberitahuan: 2 belum dibaca"' in page


def test_the_page_lists_newest_first_with_links_and_escaped_notes(db, login, cast, now):
    _two_notices(db, cast, now)
    page = login(cast.owner).get("/notices").get_data(as_text=True)
    assert page.index("menulis komentar") < page.index("mengembalikan rencana aksi kepada Anda")
    assert "Mohon &lt;b&gt;segera&lt;/b&gt; dilengkapi." in page
    assert f'href="/items/{cast.item.id}"' in page
    assert "2 pemberitahuan belum dibaca" in page
    # Other people's notices are not listed.
    other = login(cast.member).get("/notices").get_data(as_text=True)
    assert "Notulen rapat" not in other and "Belum ada kejadian" in other


def test_marking_one_read_then_all(db, login, cast, now):
    _two_notices(db, cast, now)
    client = login(cast.owner)
    page = client.get("/notices").get_data(as_text=True)
    first = db.session.scalars(sa.select(Notice.id).where(Notice.kind == "returned")).one()
    response = client.post("/notices/read", data={"id": first,
                                                  "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    assert {notice.kind: notice.read_at is not None for notice in
            db.session.scalars(sa.select(Notice).where(Notice.recipient_id == cast.owner.id))
            } == {"returned": True, "comment": False}
    assert '<span class="bell-count">1</span>' in client.get("/notices").get_data(as_text=True)

    client.post("/notices/read", data={"csrf_token": csrf_token_from(page)})
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(
        Notice.read_at.is_(None), Notice.recipient_id == cast.owner.id)) == 0
    assert 'class="bell-count"' not in client.get("/notices").get_data(as_text=True)


def test_marking_read_needs_the_csrf_token_and_touches_only_ones_own(db, login, cast, now):
    _two_notices(db, cast, now)
    owners = db.session.scalars(sa.select(Notice.id).where(
        Notice.recipient_id == cast.owner.id)).all()
    client = login(cast.owner)
    assert client.post("/notices/read", data={}).status_code == 400
    # Another coordinator marks "all" and an id of the owner's: the owner's stay unread.
    other = login(cast.second_coordinator)
    token = csrf_token_from(other.get("/notices").get_data(as_text=True))
    other.post("/notices/read", data={"id": owners[0], "csrf_token": token})
    other.post("/notices/read", data={"csrf_token": token})
    db.session.expire_all()
    assert all(db.session.get(Notice, id_).read_at is None for id_ in owners)


def test_a_bad_id_is_a_message_not_an_error(db, login, cast, now):
    client = login(cast.owner)
    token = csrf_token_from(client.get("/notices").get_data(as_text=True))
    response = client.post("/notices/read", data={"id": "satu", "csrf_token": token},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Pemberitahuan itu tidak ada." in response.get_data(as_text=True)


def test_the_profile_shows_and_saves_the_choices(db, login, cast, now):
    client = login(cast.owner)
    page = client.get("/profile").get_data(as_text=True)
    assert 'id="email-comment" name="email-comment" value="y" checked' in page
    assert "Rencana aksi saya melewati tenggat <span class=\"muted\">(selalu dikirim)" in page
    assert "checked disabled" in page
    response = client.post("/profile/notices", data={
        "email-returned": "y", "email-verified": "y",
        "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    off = set(db.session.scalars(sa.select(NoticePreference.kind).where(
        NoticePreference.user_id == cast.owner.id, NoticePreference.enabled.is_(False))))
    assert "comment" in off and "returned" not in off and "verified" not in off
    page = client.get("/profile").get_data(as_text=True)
    assert 'id="email-comment" name="email-comment" value="y">' in page
    assert 'id="email-returned" name="email-returned" value="y" checked' in page


def test_the_item_panel_lists_the_notices_beside_the_reminders(db, login, runner, cast, now,
                                                              mailbox):
    _two_notices(db, cast, now)
    page = login(cast.coordinator).get(f"/items/{cast.item.id}").get_data(as_text=True)
    panel = page[page.index('id="outbox"'):]
    assert "Dikembalikan" in panel and "Komentar" in panel
    assert "Oktavianus Pello, S.H., M.H." in panel and "Menunggu digabungkan" in panel

    runner.invoke(args=["rb", "deliver", "--now", (now + timedelta(minutes=11)).isoformat()])
    page = login(cast.coordinator).get(f"/items/{cast.item.id}").get_data(as_text=True)
    panel = page[page.index('id="outbox"'):]
    assert "Menunggu digabungkan" not in panel and "Terkirim" in panel
