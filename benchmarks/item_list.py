"""How long the item list takes (API and page) at 5,000 and at 100,000 items,
and the plans the databases choose for it.

Run by hand from the repository root:

    python benchmarks/item_list.py                                 # PostgreSQL and MariaDB
    python benchmarks/item_list.py --sizes 5000,100000 --databases postgresql --explain

For each database and size it builds a throwaway database (migrated; the data
of ``benchmarks/dashboard.py``: 50 agencies, 1,000 people, 8 pokja, about 10%
of the items overdue, titles "Rencana aksi N"), then measures in-process,
through the test client, signed in as the leader (best of ``--repeat``, after
one warm-up, the URLs taking turns):

* the API list (``per_page=20``), its next page, a rare and a common text
  search, the overdue filter, and the sorts by priority and by title;
* the item list page with 20 rows, and with the rare search.

The sizes' databases are built first and their URLs measured taking turns,
so that a busy machine slows them alike. It prints milliseconds per
request, then for each URL the ratio of its time
at the largest size to its time at the smallest (``1.0`` means the page costs
the same however large the plan), and the page / API ratio. With
``--explain`` it prints the plan of every statement the API list and the
rare search run on the largest database (``EXPLAIN ANALYZE`` on PostgreSQL,
``ANALYZE`` on MariaDB, ``EXPLAIN QUERY PLAN`` on SQLite).

This measures one process without a web server; ``benchmarks/web.py``
measures the same URLs through gunicorn under concurrent clients.
"""
import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dashboard import NOW, PASSWORD, fill  # noqa: E402  (beside this script)
from measuring import app_on_throwaway_database, interleaved  # noqa: E402

RARE = "aksi 4242"   # "Rencana aksi 4242" and "… 42420" to "… 42429": 11 items at 100,000
COMMON = "rencana"  # every item
API_URLS = {
    "API list": "/api/v1/items?per_page=20",
    "API next page": None,  # the next page the first one links to (cursor or page=2)
    "API q rare": f"/api/v1/items?per_page=20&q={RARE}",
    "API q common": f"/api/v1/items?per_page=20&q={COMMON}",
    "API overdue": "/api/v1/items?per_page=20&overdue=1",
    "API -priority": "/api/v1/items?per_page=20&sort=-priority",
    "API title": "/api/v1/items?per_page=20&sort=title",
}
PAGE_URLS = {
    "list page": "/items?per_page=20",
    "list page q rare": f"/items?per_page=20&q={RARE}",
}
EXPLAINED = ("API list", "API next page", "API q rare", "API overdue", "API -priority")


def next_page_url(client, headers):
    meta = client.get(API_URLS["API list"], headers=headers).get_json()["meta"]
    if "next_cursor" in meta:
        return f"/api/v1/items?per_page=20&cursor={meta['next_cursor']}"
    return "/api/v1/items?per_page=20&page=2"


def statements_of(engine, request):
    """The (statement, parameters) that mention action_item, run by ``request()``."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "action_item" in statement:
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return seen


def explain(db, name, statement, parameters):
    prefix = {"postgresql": "EXPLAIN ANALYZE ", "mariadb": "ANALYZE ",
              "sqlite": "EXPLAIN QUERY PLAN "}[name]
    with db.engine.connect() as connection:
        result = connection.exec_driver_sql(prefix + statement, parameters)
        if name == "mariadb":
            columns = list(result.keys())
            return [" | ".join(f"{key}={value}" for key, value in zip(columns, row)
                               if value is not None) for row in result]
        return [" ".join(str(part) for part in row) for row in result]


def prepare(stack, name, size):
    """A migrated, filled, analysed database of ``size`` items: ``(db, {label: request})``."""
    from rbtasks.accounts.models import User
    from rbtasks.accounts.tokens import create_api_token

    app, db = stack.enter_context(app_on_throwaway_database(
        f"itemlist{size}", name, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False))
    leader_id, *_rest = fill(db, size)
    _token, plain = create_api_token(db.session.get(User, leader_id), "bench", NOW)
    db.session.commit()
    with db.engine.connect() as connection:
        if name == "postgresql":
            # As autovacuum leaves a table in use: statistics, and the trigram
            # indexes' pending entries merged in.
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE action_item")
        elif name == "mariadb":
            connection.exec_driver_sql("ANALYZE TABLE action_item").all()
    headers = {"Authorization": f"Bearer {plain}"}
    api, page = app.test_client(), app.test_client()
    page.post("/login", data={"email": "ketua@nttprov.go.id", "password": PASSWORD})
    urls = dict(API_URLS, **{"API next page": next_page_url(api, headers)}, **PAGE_URLS)

    def fetch(url):
        client, extra = (api, headers) if url.startswith("/api/") else (page, {})

        def run():
            # Each request in an app context of its own, as in a server: a
            # fresh session and sign-in (the databases' apps take turns).
            with app.app_context():
                response = client.get(url, headers=extra)
            assert response.status_code == 200, (url, response.status_code)
            return len(response.get_data())
        return run

    return db, {label: fetch(url) for label, url in urls.items()}


def plans_of(db, name, requests):
    plans = {}
    for label in EXPLAINED:
        found = statements_of(db.engine, requests[label])
        plans[label] = [(statement, explain(db, name, statement, parameters))
                        for statement, parameters in found]
    return plans


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,100000")
    parser.add_argument("--databases", default="postgresql,mariadb")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    for name in args.databases.split(","):
        with ExitStack() as stack:
            prepared = {size: prepare(stack, name, size) for size in sizes}
            labels = list(prepared[sizes[0]][1])
            # Every URL at every size taking turns, so that a busy machine
            # slows the sizes alike and the ratios stay fair.
            runs = [prepared[size][1][label] for size in sizes for label in labels]
            timings = iter(interleaved(runs, args.repeat))
            by_size = {size: {label: next(timings) for label in labels} for size in sizes}
            if args.explain:
                db, requests = prepared[sizes[-1]]
                for label, statements in plans_of(db, name, requests).items():
                    print(f"\n-- {name}, {sizes[-1]:,} items: plans for {label}")
                    for statement, plan in statements:
                        print("   " + " ".join(statement.split())[:400])
                        print("\n".join("     " + line for line in plan))
        small, large = sizes[0], sizes[-1]
        print(f"\n== {name}: ms per request (best of {args.repeat}), in-process ==")
        print(f"{'URL':<20}" + "".join(f"{size:>12,}" for size in sizes)
              + f"{'ratio':>9}{'KB':>8}")
        for label in labels:
            row = [by_size[size][label][0] * 1000 for size in sizes]
            ratio = by_size[large][label][0] / by_size[small][label][0]
            print(f"{label:<20}" + "".join(f"{ms:>9.1f} ms" for ms in row)
                  + f"{ratio:>8.2f}x{by_size[large][label][1] / 1024:>8.1f}")
        for size in sizes:
            page, listed = by_size[size]["list page"][0], by_size[size]["API list"][0]
            print(f"list page / API list at {size:,} items: {page / listed:.2f}x")


if __name__ == "__main__":
    main()
