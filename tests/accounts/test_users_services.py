"""User administration services: accounts created, changed, listed, refused."""
import pytest
import sqlalchemy as sa

from rbtasks.accounts import users
from rbtasks.checks import SYSTEM
from rbtasks.accounts.models import User
from rbtasks.accounts.services import authenticate
from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from tests.refusals import refused


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None, name="Admin Biro")


def user_count(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def values(**overrides):
    return {"name": "Maria Ulu", "email": " Maria.Ulu@NTTprov.go.id ", "role": "member",
            "password": "rahasia-panjang", **overrides}


def test_admin_creates_a_user_who_can_then_sign_in(db, admin, make_agency, now):
    agency = make_agency()
    user = users.create_user(admin, now=now, agency_id=agency.id, phone="+62 812 1111 2222",
                             locale="en", **values())
    db.session.commit()

    assert (user.email, user.agency, user.locale, user.active) == (
        "maria.ulu@nttprov.go.id", agency, "en", True)
    assert user.created_at == now
    assert user.password_hash != "rahasia-panjang"
    assert authenticate("MARIA.ULU@nttprov.go.id", "rahasia-panjang") == user


def test_emails_are_unique_regardless_of_case(db, admin, now):
    users.create_user(admin, now=now, **values())
    db.session.commit()
    error = refused(db, ValidationError, users.create_user, admin, now=now,
                    **values(email="MARIA.ULU@nttprov.go.id", name="Another"))
    assert list(error.fields) == ["email"]
    assert user_count(db) == 2


@pytest.mark.parametrize("overrides, field", [
    ({"name": ""}, "name"),
    ({"email": "maria@"}, "email"),
    ({"email": "a" * 250 + "@x.id"}, "email"),
    ({"role": "superuser"}, "role"),
    ({"locale": "fr"}, "locale"),
    ({"password": "pendek"}, "password"),
    ({"password": None}, "password"),
    ({"password": "p" * 201}, "password"),
    ({"agency_id": 987654}, "agency_id"),
    ({"phone": "hubungi saya"}, "phone"),
    ({"active": "no"}, "active"),
])
def test_invalid_user_fields_are_named_and_nobody_is_created(db, admin, now, overrides, field):
    error = refused(db, ValidationError, users.create_user, admin, now=now,
                    **values(**overrides))
    assert field in error.fields
    assert user_count(db) == 1


def test_admin_changes_some_fields_and_resets_a_password(db, admin, make_user):
    user = make_user(role="member", name="Lama", phone="0811111111")
    users.update_user(admin, user.id, role="coordinator", password="kata-sandi-baru")
    db.session.commit()

    assert (user.name, user.role, user.phone) == ("Lama", "coordinator", "0811111111")
    assert authenticate(user.email, "kata-sandi-baru") == user
    assert authenticate(user.email, "rahasia-123") is None


def test_an_empty_password_on_update_keeps_the_old_one(db, admin, make_user):
    user = make_user()
    users.update_user(admin, user.id, name="Nama Baru", password="")
    db.session.commit()
    assert authenticate(user.email, "rahasia-123") == user


def test_a_user_cannot_take_another_users_email(db, admin, make_user):
    taken, user = make_user(email="ada@ntt.go.id"), make_user(name="Tetap")
    error = refused(db, ValidationError, users.update_user, admin, user.id,
                    email="ADA@ntt.go.id", name="Diubah")
    assert "email" in error.fields
    assert user.name == "Tetap" and user.email != taken.email


def test_a_user_may_keep_their_own_email(db, admin, make_user):
    user = make_user(email="sama@ntt.go.id")
    users.update_user(admin, user.id, email="SAMA@ntt.go.id", name="Baru")
    db.session.commit()
    assert (user.email, user.name) == ("sama@ntt.go.id", "Baru")


def test_deactivating_a_user_keeps_their_rows(db, admin, make_user, make_item, make_pokja):
    user = make_user()
    pokja = make_pokja(members=[user])
    item = make_item(owner=user, pokja=pokja)
    users.update_user(admin, user.id, active=False)
    db.session.commit()
    db.session.expire_all()

    assert user.active is False
    assert item.owner == user and pokja.members == [user]
    assert authenticate(user.email, "rahasia-123") is None


def test_admins_cannot_lock_themselves_out(db, admin):
    error = refused(db, ValidationError, users.update_user, admin, admin.id, active=False,
                    role="member")
    assert set(error.fields) == {"active", "role"}
    assert (admin.active, admin.role) == (True, "admin")


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_create_or_change_users(db, make_user, now, role):
    actor = make_user(role=role)
    refused(db, PermissionDenied, users.create_user, actor, now=now, **values())
    refused(db, PermissionDenied, users.update_user, actor, actor.id, role="admin")
    assert user_count(db) == 1
    assert actor.role == role


def test_the_operator_can_create_the_first_admin(db, now):
    user = users.create_user(SYSTEM, now=now, **values(role="admin"))
    db.session.commit()
    assert user.role == "admin"


def test_nobody_and_inactive_users_cannot_read(make_user):
    inactive = make_user(active=False)
    for actor in (None, inactive):
        with pytest.raises(PermissionDenied):
            users.list_users(actor)


def test_an_unknown_user_is_not_found(admin):
    with pytest.raises(NotFound):
        users.get_user(admin, 987654)
    with pytest.raises(NotFound):
        users.update_user(admin, 987654, name="X")


def test_users_are_filtered_by_role_agency_and_text(make_user, make_agency):
    bkd, itda = make_agency(code="BKD"), make_agency(code="ITDA")
    ana = make_user(role="coordinator", name="Ana Lay", email="ana@bkd.go.id", agency=bkd)
    make_user(role="member", name="Beni Lay", email="beni@bkd.go.id", agency=bkd)
    carla = make_user(role="coordinator", name="Carla", email="c.lay@itda.go.id", agency=itda)
    reader = make_user(role="member", name="Zeta", agency=None)

    def names(**filters):
        return [user.name for user in users.list_users(reader, **filters).items]

    assert names(role="coordinator") == ["Ana Lay", "Carla"]
    assert names(agency_id=bkd.id) == ["Ana Lay", "Beni Lay"]
    assert names(q="LAY") == ["Ana Lay", "Beni Lay", "Carla"]
    assert names(q="lay", role="coordinator", agency_id=itda.id) == [carla.name]
    assert names(q="ana@bkd") == [ana.name]
    assert names(q="_") == []
    with pytest.raises(ValidationError) as caught:
        users.list_users(reader, role="boss")
    assert "role" in caught.value.fields


def test_users_come_in_pages(make_user):
    reader = make_user(name="A pembaca", agency=None)
    for letter in "BCDE":
        make_user(name=f"{letter} pegawai", agency=None)
    page = users.list_users(reader, page=2, per_page=2)
    assert [user.name for user in page.items] == ["C pegawai", "D pegawai"]
    assert (page.total, page.pages) == (5, 3)
