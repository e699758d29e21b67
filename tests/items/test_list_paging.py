"""The item list at scale: reading on by cursor in every order, a count that stops
at 10,000 and says so, and a text search the databases can answer from an index."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.constants import SORT_KEYS
from rbtasks.items.models import ActionItem

TITLES = ("Menyusun SOP pelayanan", "Reviu peta proses bisnis", "Sosialisasi zona integritas",
          "Evaluasi SAKIP", "Bimbingan teknis SPBE")


@pytest.fixture
def plan_with_ties(make_user, make_pokja, make_agency, make_item, now, db):
    """Seventeen items whose orders are full of ties: five titles, three due
    dates, a few progress values, every priority and status."""
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    pokja = make_pokja(name="Pokja Penguatan Pengawasan")
    owner = make_user(name="Oktavianus Pello, S.H., M.H.", agency=inspektorat)
    statuses = ("not_started", "in_progress", "blocked", "submitted", "done", "cancelled")
    for n in range(17):
        item = make_item(pokja=pokja, agency=inspektorat, owner=owner, title=TITLES[n % 5],
                         due_date=date(2026, 12, 1) + timedelta(days=n % 3),
                         progress=(n % 4) * 25, priority=("low", "normal", "high")[n % 3],
                         status=statuses[n % 6])
        item.updated_at = now - timedelta(hours=n % 2)
    db.session.commit()
    return make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.", agency=inspektorat)


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_reading_on_by_cursor_gives_every_item_once_in_the_order_of_one_long_page(
        api, plan_with_ties, sort):
    client = api(plan_with_ties)
    whole = client.get(f"/api/v1/items?sort={sort}&per_page=100").get_json()
    expected = [item["id"] for item in whole["data"]]

    seen, url, requests = [], f"/api/v1/items?sort={sort}&per_page=4", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        seen += [item["id"] for item in body["data"]]
        assert body["meta"]["total"] == 17
        assert ("page" in body["meta"]) == (requests == 0)  # numbered only without a cursor
        cursor = body["meta"]["next_cursor"]
        url = f"/api/v1/items?sort={sort}&per_page=4&cursor={cursor}" if cursor else None
        requests += 1

    assert len(expected) == 17
    assert seen == expected
    assert requests == 5  # 4 + 4 + 4 + 4 + 1, and no empty page at the end


def test_a_bad_cursor_is_refused_with_a_message(api, plan_with_ties):
    client = api(plan_with_ties)
    by_title = client.get("/api/v1/items?sort=title&per_page=2").get_json()["meta"]["next_cursor"]

    for query in ("cursor=bukan-kursor", "cursor=WyJ0aXRsZSIsMSwyXQ",  # ["title",1,2]
                  f"cursor={by_title}&sort=due_date", f"cursor={'x' * 1200}",
                  f"cursor={by_title}&sort=title&page=2"):
        response = client.get(f"/api/v1/items?{query}")
        assert response.status_code == 422, query
        assert "cursor" in response.get_json()["error"]["fields"], query


def _many_items(db, pokja, agency, count, now):
    rows = [{"pokja_id": pokja.id, "agency_id": agency.id, "title": f"Rencana aksi {n}",
             "description": "", "output": "", "indicator": "", "target": "", "unit": "",
             "due_date": date(2026, 10, 1) + timedelta(days=n % 300), "status": "in_progress",
             "progress": 0, "priority": "normal", "created_at": now, "updated_at": now,
             "version": 1} for n in range(count)]
    for start in range(0, count, 2500):
        db.session.execute(sa.insert(ActionItem), rows[start:start + 2500])
    db.session.flush()


def test_beyond_ten_thousand_items_the_count_says_more_than_and_pages_stop_there(
        db, login, api, make_user, make_pokja, make_agency, now):
    agency = make_agency(name="Biro Organisasi", code="BIRO-ORG")
    pokja = make_pokja(name="Pokja Penataan Tatalaksana")
    leader = make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.", agency=agency,
                       locale="id")
    _many_items(db, pokja, agency, 10_001, now)
    page = login(leader)
    client = api(leader)

    html = page.get("/items").get_data(as_text=True)
    body = client.get("/api/v1/items?per_page=25").get_json()
    last = client.get("/api/v1/items?per_page=25&page=400").get_json()

    assert "Lebih dari 10.000 rencana aksi" in html
    assert "Halaman 1 dari lebih dari 400" in html
    assert body["meta"] == {"page": 1, "per_page": 25, "pages": 400, "total": 10_001,
                            "total_exact": False, "next_cursor": body["meta"]["next_cursor"]}
    assert len(last["data"]) == 25 and last["meta"]["next_cursor"] is not None
    beyond = client.get("/api/v1/items?per_page=25&page=401")
    assert beyond.status_code == 422
    assert "10.000" in beyond.get_json()["error"]["fields"]["page"] or \
        "10,000" in beyond.get_json()["error"]["fields"]["page"]
    # Exactly 10,000 is still a number.
    db.session.execute(sa.delete(ActionItem).where(ActionItem.title == "Rencana aksi 0"))
    db.session.flush()
    assert client.get("/api/v1/items?per_page=1").get_json()["meta"]["total_exact"] is True
    exactly = page.get("/items").get_data(as_text=True)
    assert "10.000 rencana aksi" in exactly and "Lebih dari" not in exactly


def test_the_search_finds_words_in_the_title_output_and_indicator_whatever_their_case(
        api, make_user, make_item, make_agency):
    leader = make_user(role="leader")
    make_item(title="Menyusun SOP Pelayanan Perizinan", output="Dokumen SOP")
    make_item(title="Reviu proses bisnis", output="Laporan reviu PMPRB 2026")
    make_item(title="Survei kepuasan", indicator="Indeks kepuasan ≥ 82,5%")
    make_item(title="Sosialisasi 100% daring")
    client = api(leader)

    def titles(q):
        return sorted(i["title"] for i in client.get(f"/api/v1/items?q={q}").get_json()["data"])

    assert titles("pelayanan PERIZINAN") == ["Menyusun SOP Pelayanan Perizinan"]
    assert titles("pmprb") == ["Reviu proses bisnis"]
    assert titles("82,5") == ["Survei kepuasan"]
    assert titles("100%25") == ["Sosialisasi 100% daring"]  # "100%": the % is not a wildcard
    assert titles("0%25 d") == ["Sosialisasi 100% daring"]
    assert titles("s_p") == []


@pytest.mark.sqlite_only
def test_sqlite_reads_every_order_from_an_index(app, db):
    from rbtasks.items.ordering import order_by

    for sort in SORT_KEYS:
        statement = sa.select(ActionItem.id).where(ActionItem.deleted_at.is_(None)) \
            .order_by(*order_by(sort, "sqlite")).limit(20)
        sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[-1] for row in db.session.execute(
            sa.text(f"EXPLAIN QUERY PLAN {sql}")))
        assert "USING INDEX ix_action_item_" in plan and "TEMP B-TREE" not in plan, (sort, plan)


def test_postgresql_can_answer_every_order_and_the_search_from_indexes(app, db, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL's plans")
    from rbtasks.items.ordering import order_by
    from rbtasks.items.queries import overdue_clause

    # Tiny test tables are cheapest to scan: forbid scans and sorts, and see
    # whether the planner still finds a way (an index) to answer.
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    db.session.execute(sa.text("SET LOCAL enable_sort = off"))
    db.session.execute(sa.text("SET LOCAL enable_incremental_sort = off"))
    for sort in SORT_KEYS:
        statement = sa.select(ActionItem.id).where(ActionItem.deleted_at.is_(None)) \
            .order_by(*order_by(sort, "postgresql")).limit(20)
        sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(db.session.scalars(sa.text(f"EXPLAIN {sql}")))
        assert "Index Scan" in plan and "Sort" not in plan, (sort, plan)
    overdue = sa.select(ActionItem.id).where(
        ActionItem.deleted_at.is_(None), overdue_clause(date(2026, 11, 25))) \
        .order_by(*order_by("due_date", "postgresql")).limit(20)
    sql = str(overdue.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = "\n".join(db.session.scalars(sa.text(f"EXPLAIN {sql}")))
    assert "ix_action_item_open_due" in plan and "Sort" not in plan, plan
    trigrams = db.session.scalar(sa.text(
        "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'ix_action_item_%_trgm'"))
    available = db.session.scalar(sa.text(
        "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
    assert trigrams == 3 * available
    if available:
        plan = "\n".join(db.session.scalars(sa.text(
            "EXPLAIN SELECT id FROM action_item WHERE lower(title) LIKE '%pmprb%' "
            "OR lower(output) LIKE '%pmprb%' OR lower(indicator) LIKE '%pmprb%'")))
        assert "ix_action_item_title_trgm" in plan and "ix_action_item_output_trgm" in plan


@pytest.mark.real_commits
def test_mariadb_reads_the_priority_order_and_the_overdue_filter_from_indexes(
        app, db, backend, make_user, make_pokja, make_agency, now):
    """MariaDB has no expression or partial index: the list reads the rank and
    the open flag from virtual columns it indexes (migration 0015), so neither
    the sort by priority nor the overdue filter reads and sorts the table."""
    if backend != "mariadb":
        pytest.skip("MariaDB's plans")
    from rbtasks.items.queries import ItemFilters, list_items

    leader = make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.")
    pokja, agency = make_pokja(name="Pokja Penataan Tatalaksana"), make_agency()
    statuses = ("done",) * 7 + ("not_started", "in_progress", "blocked")
    db.session.execute(sa.insert(ActionItem), [
        {"title": f"Rencana aksi {n}", "pokja_id": pokja.id, "agency_id": agency.id,
         "owner_id": leader.id, "due_date": date(2024, 1, 1) + timedelta(days=n % 900),
         "status": statuses[n % 10], "progress": 0, "priority": ("low", "normal", "high")[n % 3],
         "created_at": now, "updated_at": now} for n in range(3000)])
    db.session.commit()
    db.session.execute(sa.text("ANALYZE TABLE action_item")).all()

    def plan_of(sort, **filters):
        seen = []

        def record(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().startswith("SELECT action_item.id, action_item.pokja_id"):
                seen.append((statement, parameters))
        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            page = list_items(leader, ItemFilters(**filters), now, sort=sort, per_page=20)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        (statement, parameters), = seen
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).mappings()
            return page, {row["table"]: row for row in rows}["action_item"]

    page, plan = plan_of("-priority")
    assert plan["key"] == "ix_action_item_priority_rank", dict(plan)
    assert "filesort" not in (plan["Extra"] or ""), dict(plan)
    assert [item.priority for item in page.items] == ["high"] * 20
    assert [item.id for item in page.items] == sorted((item.id for item in page.items),
                                                      reverse=True)
    page, plan = plan_of("due_date", overdue=True)
    assert plan["key"] == "ix_action_item_open_due", dict(plan)
    assert "filesort" not in (plan["Extra"] or ""), dict(plan)
    assert {item.status for item in page.items} <= {"not_started", "in_progress", "blocked"}
    assert [item.due_date for item in page.items] == sorted(item.due_date for item in page.items)
    assert page.total == 900  # 3 open of every 10


def test_postgresql_search_indexes_keep_no_pending_list(app, db, backend, make_item):
    """A GIN index's pending list is read by every search (migration 0013):
    the search's indexes take each new item in place, so nothing waits."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL's GIN indexes")
    names = db.session.scalars(sa.text(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_action_item_%_trgm'")).all()
    if not names:
        pytest.skip("pg_trgm is not available here")
    for index in range(3):
        make_item(title=f"Penyusunan SOP pengaduan {index}")
    db.session.flush()
    for name in names:
        options = db.session.scalar(sa.text(
            "SELECT reloptions FROM pg_class WHERE relname = :name"), {"name": name})
        assert "fastupdate=off" in (options or []), (name, options)
    found = db.session.scalars(sa.select(ActionItem.title).where(
        sa.func.lower(ActionItem.title).like("%sop pengaduan 1%"))).all()
    assert found == ["Penyusunan SOP pengaduan 1"]
