"""``flask rb create-user`` and ``flask rb token`` as an operator runs them."""
import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import ApiToken, User
from rbtasks.accounts.services import authenticate


def user_count(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def create_user(runner, *extra, input=None):
    args = ["rb", "create-user", "--email", "Admin@NTTprov.go.id", "--name", "Admin Biro",
            "--role", "admin", *extra]
    return runner.invoke(args=args, input=input)


def test_create_user_with_a_password_option(db, runner, make_agency):
    agency = make_agency(code="ORG")
    result = create_user(runner, "--agency", "org", "--password", "rahasia-panjang",
                         "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "admin@nttprov.go.id" in result.stdout

    user = authenticate("admin@nttprov.go.id", "rahasia-panjang")
    assert (user.name, user.role, user.agency, user.locale) == ("Admin Biro", "admin", agency, "en")


def test_create_user_asks_for_the_password_twice_when_left_out(db, runner):
    result = create_user(runner, input="rahasia-panjang\nrahasia-panjang\n")
    assert result.exit_code == 0, result.output
    assert "rahasia-panjang" not in result.output  # the prompt does not echo it
    assert authenticate("admin@nttprov.go.id", "rahasia-panjang") is not None
    assert db.session.scalar(sa.select(User)).agency is None


@pytest.mark.parametrize("extra, message", [
    (["--agency", "NOPE", "--password", "rahasia-panjang"], "NOPE"),
    (["--password", "pendek"], "password"),
])
def test_create_user_refuses_bad_input_and_changes_nothing(db, runner, extra, message):
    result = create_user(runner, *extra)
    assert result.exit_code == 1
    assert message in result.stderr
    assert user_count(db) == 0


def test_create_user_refuses_a_taken_email(db, runner, make_user):
    make_user(email="admin@nttprov.go.id", name="Sudah Ada")
    result = create_user(runner, "--password", "rahasia-panjang")
    assert result.exit_code == 1
    assert "email" in result.stderr
    assert user_count(db) == 1
    assert db.session.scalar(sa.select(User.name)) == "Sudah Ada"


def test_create_user_refuses_an_unknown_role(db, runner):
    result = runner.invoke(args=["rb", "create-user", "--email", "a@ntt.go.id", "--name", "A",
                                 "--role", "boss", "--password", "rahasia-panjang"])
    assert result.exit_code == 2
    assert "boss" in result.stderr
    assert user_count(db) == 0


def test_token_prints_a_token_that_opens_the_api(db, runner, client, make_user, make_area):
    make_area(name="Manajemen Perubahan")
    user = make_user(email="pic@bkd.go.id")
    result = runner.invoke(args=["rb", "token", "--email", "PIC@bkd.go.id", "--name", "laptop"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]

    response = client.get("/api/v1/areas", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json()["data"][0]["name"] == "Manajemen Perubahan"
    stored = db.session.scalar(sa.select(ApiToken))
    assert (stored.user, stored.name) == (user, "laptop")
    assert token not in stored.token_hash


@pytest.mark.parametrize("active, email", [(True, "nobody@ntt.go.id"), (False, "pic@bkd.go.id")])
def test_token_refuses_unknown_and_inactive_users(db, runner, make_user, active, email):
    make_user(email="pic@bkd.go.id", active=active)
    result = runner.invoke(args=["rb", "token", "--email", email])
    assert result.exit_code == 1
    assert email in result.stderr
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
