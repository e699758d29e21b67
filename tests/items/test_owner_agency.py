"""An item's owner works in the item's agency, or in a unit under it — on the pages and the API alike."""
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from tests.conftest import page_csrf


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id)))


def _world(make_user, make_pokja, make_agency):
    setda = make_agency(name="Sekretariat Daerah", code="SETDA")
    biro = make_agency(name="Biro Organisasi", code="BIRO-ORG", parent=setda)
    dinkes = make_agency(name="Dinas Kesehatan", code="DINKES")
    coordinator = make_user(role="coordinator", name="Agustinus Tefa", agency=biro)
    pokja = make_pokja(name="Pokja Manajemen Perubahan", coordinators=[coordinator])
    return {
        "setda": setda, "biro": biro, "dinkes": dinkes, "coordinator": coordinator,
        "pokja": pokja,
        "kolo": make_user(name="Ignasius Kolo, S.Sos.", agency=biro),
        "leo": make_user(name="dr. Rosalia Leo, M.Kes.", agency=dinkes),
    }


def _new_item(world, agency, owner):
    return {"title": "Menyusun peta proses bisnis", "pokja_id": world["pokja"].id,
            "agency_id": agency.id, "owner_id": owner.id, "due_date": "2026-12-18"}


def test_the_api_refuses_an_owner_from_another_agency(api, db, make_user, make_pokja, make_agency):
    world = _world(make_user, make_pokja, make_agency)
    client = api(world["coordinator"])

    refused = client.post("/api/v1/items", json=_new_item(world, world["biro"], world["leo"]))

    assert refused.status_code == 422
    message = refused.get_json()["error"]["fields"]["owner_id"]
    assert message == ("dr. Rosalia Leo, M.Kes. does not work in Biro Organisasi or a unit under "
                       "it; choose an owner from the item's agency.")
    assert _count(db) == 0
    same = client.post("/api/v1/items", json=_new_item(world, world["biro"], world["kolo"]))
    assert same.status_code == 201
    # Biro Organisasi is a unit of the Sekretariat Daerah: its staff may own the Setda's items.
    unit = client.post("/api/v1/items", json=_new_item(world, world["setda"], world["kolo"]))
    assert unit.status_code == 201


def test_the_page_refuses_it_under_the_owner_field(login, db, make_user, make_pokja, make_agency):
    world = _world(make_user, make_pokja, make_agency)
    client = login(world["coordinator"])

    response = client.post("/items/new", data={
        **_new_item(world, world["biro"], world["leo"]), "progress": "0", "priority": "normal",
        "csrf_token": page_csrf(client, "/items/new"),
    })

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="owner_id-error"' in html
    assert "does not work in Biro Organisasi or a unit under it" in html
    assert _count(db) == 0


def test_moving_an_item_to_another_agency_needs_an_owner_from_there(
        api, db, make_user, make_pokja, make_agency, make_item):
    world = _world(make_user, make_pokja, make_agency)
    item = make_item(pokja=world["pokja"], agency=world["biro"], owner=world["kolo"])
    client = api(world["coordinator"])

    moved = client.patch(f"/api/v1/items/{item.id}",
                         json={"version": 1, "agency_id": world["dinkes"].id})
    assert moved.status_code == 422 and "owner_id" in moved.get_json()["error"]["fields"]
    both = client.patch(f"/api/v1/items/{item.id}", json={
        "version": 1, "agency_id": world["dinkes"].id, "owner_id": world["leo"].id})
    assert both.status_code == 200
    assert (both.get_json()["agency_id"], both.get_json()["owner_id"]) == (
        world["dinkes"].id, world["leo"].id)


def test_an_item_saved_before_the_rule_can_still_be_edited(
        api, make_user, make_pokja, make_agency, make_item):
    world = _world(make_user, make_pokja, make_agency)
    legacy = make_item(pokja=world["pokja"], agency=world["biro"], owner=world["leo"])

    response = api(world["coordinator"]).patch(
        f"/api/v1/items/{legacy.id}", json={"version": 1, "title": "Judul baru",
                                            "owner_id": world["leo"].id})

    assert response.status_code == 200 and response.get_json()["title"] == "Judul baru"


def test_the_demo_plan_keeps_the_rule(db, now):
    from rbtasks.demo.seed import seed_demo
    from rbtasks.items.fields import works_in

    seed_demo(now)
    db.session.commit()

    items = db.session.scalars(sa.select(ActionItem)).all()
    assert items
    misfits = [item.title for item in items
               if item.owner is not None and not works_in(item.owner.agency_id, item.agency_id)]
    assert misfits == []
