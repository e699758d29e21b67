"""How long "Perlu tindakan" makes the pages that show it, at several sizes, in process.

Run by hand from the repository root:

    python benchmarks/inbox.py                                   # 5,000 and 100,000 items
    python benchmarks/inbox.py --sizes 5000,100000 --databases postgresql,sqlite

For each database and size it builds a throwaway database with the data
shape of ``benchmarks/dashboard.py`` (50 agencies, 8 pokja, 1,000 people,
about 10% of the items overdue, 2% submitted) plus an administrator, then
signs in (test client) as the leader, an agency head, a coordinator and the
administrator and times (best of five after a warm-up, taking turns) the
dashboard, the "Perlu tindakan" page, ``GET /api/v1/inbox`` (all of it, and a
page of 25), and counts
each one's SQL statements. Last it prints each figure at the biggest size
against the smallest (1.00: no slower), measured in the same run.
"""
import argparse
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import StatementCounter, app_on_throwaway_database, interleaved  # noqa: E402

REPEAT = 5
ROLES = ("leader", "agency head", "coordinator", "admin")
PAGES = (("dashboard", "/dashboard"), ("inbox page", "/inbox"), ("inbox API", "/api/v1/inbox"),
         ("API page", "/api/v1/inbox?per_page=25"))


def prepare(db, items):
    """The data, an administrator, and every role's password; returns {role: user id}."""
    from dashboard import NOW, PASSWORD, fill
    from werkzeug.security import generate_password_hash

    from rbtasks.accounts.models import User
    from rbtasks.items.models import ActionItem

    leader_id, coordinator_id, head_id, _pokja, _agency = fill(db, items)
    admin = User(name="Admin Biro Organisasi", email="admin@nttprov.go.id", role="admin",
                 locale="id", active=True, created_at=NOW)
    db.session.add(admin)
    db.session.flush()
    users = {"leader": leader_id, "agency head": head_id, "coordinator": coordinator_id,
             "admin": admin.id}
    # (the shared fill leaves submitted items without a submission time)
    db.session.execute(sa.update(ActionItem).where(ActionItem.status == "submitted")
                       .values(submitted_at=NOW - (ActionItem.id % 30) * timedelta(days=1)))
    db.session.execute(sa.update(User).where(User.id.in_(users.values()))
                       .values(password_hash=generate_password_hash(PASSWORD)))
    db.session.commit()
    if db.engine.dialect.name in ("postgresql", "sqlite"):
        db.session.execute(sa.text("ANALYZE"))   # as benchmarks/web.py: planner statistics
        db.session.commit()
    return users


def measure(name, items):
    """{(role, page): (milliseconds, statements, entries)} on ``name`` with ``items`` items."""
    from dashboard import NOW, PASSWORD
    from flask import g

    from rbtasks.accounts.models import User
    from rbtasks.accounts.tokens import create_api_token

    figures = {}
    with app_on_throwaway_database("inbox", name, WTF_CSRF_ENABLED=False,
                                   RATELIMIT_ENABLED=False) as (app, db):
        users = prepare(db, items)
        for role in ROLES:
            db.session.remove()
            g.pop("_login_user", None)  # the benchmark's app context outlives each request
            user = db.session.get(User, users[role])
            client = app.test_client()
            response = client.post("/login", data={"email": user.email, "password": PASSWORD})
            assert response.status_code == 302, (role, response.status_code)
            _token, secret = create_api_token(user, "benchmark", NOW)
            db.session.commit()
            headers = {"Authorization": f"Bearer {secret}"}

            def fetcher(path, client=client, headers=headers):
                def fetch():
                    g.pop("_login_user", None)
                    return client.get(path, headers=headers if "/api/" in path else None)
                return fetch

            fetches = [fetcher(path) for _label, path in PAGES]
            for (label, path), fetch in zip(PAGES, fetches, strict=True):
                with StatementCounter(db.engine) as counter:
                    response = fetch()
                assert response.status_code == 200, (role, label, response.status_code)
                entries = len(response.get_json()["data"]) if "/api/" in path else None
                figures[role, label] = [None, counter.count, entries]
            for (label, _path), (seconds, _response) in zip(
                    PAGES, interleaved(fetches, REPEAT), strict=True):
                figures[role, label][0] = seconds * 1000
            db.session.remove()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,100000")
    parser.add_argument("--databases", default="postgresql")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    for name in args.databases.split(","):
        name = name.strip()
        results = {size: measure(name, size) for size in sizes}
        print(f"\n== {name} ==")
        header = "".join(f"{f'{size:,} items':>24}" for size in sizes)
        print(f"{'role':<13}{'page':<12}{header}{'ratio':>8}")
        for role in ROLES:
            for label, _path in PAGES:
                cells = []
                for size in sizes:
                    ms, statements, entries = results[size][role, label]
                    shown = f"{ms:.1f} ms/{statements} st"
                    if entries is not None:
                        shown += f"/{entries}"
                    cells.append(f"{shown:>24}")
                ratio = results[sizes[0]][role, label][0] / results[sizes[-1]][role, label][0]
                print(f"{role:<13}{label:<12}{''.join(cells)}{ratio:>8.2f}")
        print("(ms: best of five; st: SQL statements; /n: entries the API returned; "
              "ratio: time at the smallest size / time at the biggest, 1.00 = no slower)")


if __name__ == "__main__":
    main()
