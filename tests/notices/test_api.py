"""``GET /api/v1/notifications/mine`` and ``POST /api/v1/notifications/mine/read``."""
from datetime import timedelta

from rbtasks.items.services import add_comment


def _comments(db, cast, now, count):
    for n in range(count):
        add_comment(cast.coordinator, cast.item, f"Catatan monev ke-{n + 1}",
                    now + timedelta(minutes=n))
    db.session.commit()


def test_my_notices_newest_first_with_read_flags_and_paging(db, api, cast, now):
    _comments(db, cast, now, 3)
    client = api(cast.owner)
    body = client.get("/api/v1/notifications/mine?per_page=2").get_json()
    assert body["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    first = body["data"][0]
    assert first["note"] == "Catatan monev ke-3" and first["read"] is False
    assert first["kind"] == "comment" and first["item_id"] == cast.item.id
    assert first["item_title"] == "Penyusunan SOP pelayanan perizinan"
    assert first["actor_name"] == "Yohanes Bosco Lado, S.STP., M.Si."
    assert first["text"] == "Yohanes Bosco Lado, S.STP., M.Si. menulis komentar"
    assert first["created_at"] == "2026-11-25T02:02:00+00:00"
    page_two = client.get("/api/v1/notifications/mine?per_page=2&page=2").get_json()
    assert [row["note"] for row in page_two["data"]] == ["Catatan monev ke-1"]


def test_mark_some_then_all_read(db, api, cast, now):
    _comments(db, cast, now, 3)
    client = api(cast.owner)
    ids = [row["id"] for row in client.get("/api/v1/notifications/mine").get_json()["data"]]
    answer = client.post("/api/v1/notifications/mine/read", json={"ids": ids[:1]})
    assert answer.status_code == 200 and answer.get_json() == {"marked": 1, "unread": 2}
    rows = client.get("/api/v1/notifications/mine").get_json()["data"]
    assert [row["read"] for row in rows] == [True, False, False]
    assert rows[0]["read_at"] is not None
    unread = client.get("/api/v1/notifications/mine?unread=true").get_json()
    assert unread["meta"]["total"] == 2
    answer = client.post("/api/v1/notifications/mine/read", json={})
    assert answer.get_json() == {"marked": 2, "unread": 0}
    answer = client.post("/api/v1/notifications/mine/read")
    assert answer.get_json() == {"marked": 0, "unread": 0}


def test_others_notices_are_neither_listed_nor_marked(db, api, cast, now):
    _comments(db, cast, now, 1)
    owner = api(cast.owner)
    (notice,) = owner.get("/api/v1/notifications/mine").get_json()["data"]
    other = api(cast.member)
    assert other.get("/api/v1/notifications/mine").get_json()["data"] == []
    answer = other.post("/api/v1/notifications/mine/read", json={"ids": [notice["id"]]})
    assert answer.get_json() == {"marked": 0, "unread": 0}
    assert owner.get("/api/v1/notifications/mine").get_json()["data"][0]["read"] is False


def test_bad_input_is_a_422_and_changes_nothing(db, api, cast, now):
    _comments(db, cast, now, 1)
    client = api(cast.owner)
    for body in ({"ids": "semua"}, {"ids": [0]}, {"ids": [2**31]}, {"ids": [True]},
                 {"ids": list(range(1, 502))}, {"semua": True}):
        answer = client.post("/api/v1/notifications/mine/read", json=body)
        assert answer.status_code == 422, body
        assert answer.get_json()["error"]["fields"], body
    assert client.get("/api/v1/notifications/mine?unread=ya").status_code == 422
    assert client.get("/api/v1/notifications/mine?unread=true").get_json()["meta"]["total"] == 1


def test_without_a_token_401(client):
    assert client.get("/api/v1/notifications/mine").status_code == 401
    assert client.post("/api/v1/notifications/mine/read", json={}).status_code == 401
