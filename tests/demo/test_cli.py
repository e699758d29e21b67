"""`flask rb seed-demo`: what `make run` prints and what it leaves in the database."""
import re

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.roles import ROLE_LABELS, ROLES
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Area
from tests.conftest import page_csrf

NOW = "2026-11-25T10:00:00+08:00"


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def printed_logins(output):
    """{role: (email, password)} from the table the command prints, which
    names each role as the interface does ("Pokja coordinator")."""
    roles = {str(label): role for role, label in ROLE_LABELS.items()}
    logins = {}
    for line in output.splitlines():
        match = re.match(r"\s+(\S.*?)\s{2,}.*?(\S+@\S+)\s+(\S+)$", line)
        if match and match.group(1) in roles:
            logins[roles[match.group(1)]] = (match.group(2), match.group(3))
    return logins


def test_prints_a_login_per_role_that_signs_in(runner, client, db):
    result = runner.invoke(args=["rb", "seed-demo", "--now", NOW])

    assert result.exit_code == 0, result.output
    assert "Demo data created" in result.output
    logins = printed_logins(result.output)
    assert set(logins) == set(ROLES)
    email, password = logins["admin"]
    assert len(password) >= 10
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": page_csrf(client, "/login")})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")


def test_running_twice_adds_nothing_and_still_prints_the_logins(runner, db):
    runner.invoke(args=["rb", "seed-demo", "--now", NOW])
    counts = (count(db, User), count(db, ActionItem))

    result = runner.invoke(args=["rb", "seed-demo", "--now", NOW])

    assert result.exit_code == 0, result.output
    assert "nothing created" in result.output
    assert set(printed_logins(result.output)) == set(ROLES)
    assert (count(db, User), count(db, ActionItem)) == counts


def test_if_empty_seeds_an_empty_database(runner, db):
    result = runner.invoke(args=["rb", "seed-demo", "--if-empty", "--now", NOW])

    assert result.exit_code == 0, result.output
    assert count(db, Area) == 8
    assert count(db, ActionItem) >= 35


def test_if_empty_leaves_a_database_in_use_alone(runner, db, make_user):
    make_user(role="admin", email="admin@nttprov.go.id")

    result = runner.invoke(args=["rb", "seed-demo", "--if-empty", "--now", NOW])

    assert result.exit_code == 0, result.output
    assert "database already has data; demo not seeded" in result.output
    assert printed_logins(result.output) == {}
    assert (count(db, User), count(db, Area), count(db, ActionItem)) == (1, 0, 0)


def test_if_empty_after_the_demo_shows_how_to_sign_in(runner, db):
    runner.invoke(args=["rb", "seed-demo", "--now", NOW])
    users = count(db, User)

    result = runner.invoke(args=["rb", "seed-demo", "--if-empty"])

    assert result.exit_code == 0, result.output
    assert "demo not seeded" in result.output
    assert set(printed_logins(result.output)) == set(ROLES)
    assert count(db, User) == users


def test_a_changed_demo_password_is_not_printed(runner, db):
    runner.invoke(args=["rb", "seed-demo", "--now", NOW])
    admin = db.session.scalar(sa.select(User).where(User.role == "admin"))
    admin.set_password("a-new-secret-123")
    db.session.commit()

    result = runner.invoke(args=["rb", "seed-demo", "--if-empty"])

    admin_line = next(line for line in result.output.splitlines() if admin.email in line)
    assert admin_line.endswith("(changed by its owner)")
    assert printed_logins(result.output)["leader"][1] == DEMO_PASSWORD


def test_a_bad_now_is_refused_and_seeds_nothing(runner, db):
    result = runner.invoke(args=["rb", "seed-demo", "--now", "next tuesday"])

    assert result.exit_code != 0
    assert "--now" in result.output and "ISO 8601" in result.output
    assert count(db, User) == 0
