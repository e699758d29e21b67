"""The export's rows: what the list shows, in its order, in the import's columns."""
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from rbtasks.exports.services import export_rows
from rbtasks.items.constants import SORT_KEYS
from rbtasks.items.queries import ItemFilters, list_items
from rbtasks.extensions import db as _db
from tests.queries import counting_queries


def _rows(actor, now, sort="due_date", **filters):
    return list(export_rows(actor, ItemFilters(**filters), now, sort))


def test_a_row_carries_what_the_import_reads_back(plan, now):
    rows = _rows(plan["coordinator"], now)
    assert [row["title"] for row in rows] == [
        "Reviu peta proses bisnis", '=HYPERLINK("http://contoh.invalid","Klik")',
        "Menyusun SOP pelayanan administrasi perkantoran"]
    assert [row["no"] for row in rows] == [1, 2, 3]
    sop = rows[2]
    assert sop["area"] == "Penataan Tatalaksana"
    assert sop["owner"] == "Oktavianus Pello, S.H., M.H."
    assert sop["agency"] == "Biro Organisasi Setda Provinsi NTT"
    assert sop["due_date"] == date(2026, 12, 31) and sop["budget"] == 15_000_000
    assert sop["progress"] == 45 and sop["target"] == "12" and sop["unit"] == "dokumen"
    assert (sop["tw1_target"], sop["tw1_realisation"]) == (Decimal("3"), Decimal("3"))
    assert (sop["tw2_target"], sop["tw2_realisation"]) == (Decimal("4.5"), Decimal("2.25"))
    assert sop["tw3_target"] is None and sop["tw4_realisation"] is None
    assert sop["obstacles"] == "Narasumber dari KemenPANRB berhalangan"
    assert sop["solutions"] == "Menjadwalkan ulang bimbingan teknis"
    assert sop["evidence"] == "https://ntt.go.id/rb/notulen-sop"
    assert sop["description"] == "Sesuai Permenpan RB No. 35 Tahun 2012"
    assert rows[0]["owner"] is None and rows[0]["budget"] is None


def test_status_is_written_in_the_readers_language(plan, now):
    for locale, expected in (("id", ["Selesai", "Belum dimulai", "Berjalan"]),
                             ("en", ["Done", "Not started", "In progress"])):
        with force_locale(locale):
            assert [row["status"] for row in _rows(plan["coordinator"], now)] == expected


def test_obstacles_of_several_quarters_are_each_named(db, plan, now):
    from rbtasks.realisation.models import QuarterRealisation

    db.session.add(QuarterRealisation(item_id=plan["sop"].id, quarter=3, target=Decimal("5"),
                                      obstacles="Anggaran belum cair", follow_up=""))
    db.session.commit()
    sop = _rows(plan["coordinator"], now, q="SOP")[0]
    assert sop["obstacles"] == ("TW II: Narasumber dari KemenPANRB berhalangan\n"
                                "TW III: Anggaran belum cair")
    assert sop["solutions"] == "Menjadwalkan ulang bimbingan teknis"


def test_filters_are_honoured(plan, now):
    coordinator = plan["coordinator"]
    titles = lambda **f: [row["title"] for row in _rows(coordinator, now, **f)]  # noqa: E731
    assert titles(statuses=["in_progress"]) == ["Menyusun SOP pelayanan administrasi perkantoran"]
    assert titles(agency_id=plan["dpmptsp"].id) == ['=HYPERLINK("http://contoh.invalid","Klik")']
    assert titles(q="peta proses") == ["Reviu peta proses bisnis"]
    assert titles(due_after=date(2026, 10, 1)) == [
        "Menyusun SOP pelayanan administrasi perkantoran"]
    assert titles(owner_id=plan["investor"].id) == [
        '=HYPERLINK("http://contoh.invalid","Klik")']
    assert titles(sort="-due_date")[0] == "Menyusun SOP pelayanan administrasi perkantoran"


def test_items_the_user_may_not_see_are_absent(make_user, plan, now, db):
    from rbtasks.items.services import delete_item

    titles = {row["title"] for row in _rows(plan["owner"], now)}
    assert "Audit kinerja Inspektorat Daerah" not in titles and len(titles) == 3
    outsider = make_user(role="member", name="Yohanes Bria, S.Kom.")
    assert _rows(outsider, now) == []
    admin = make_user(role="admin")
    assert len(_rows(admin, now)) == 4
    delete_item(admin, plan["unowned"], now)
    db.session.commit()
    assert "Reviu peta proses bisnis" not in {row["title"] for row in _rows(admin, now)}


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_batches_follow_the_lists_order_across_ties(make_item, plan, now, sort):
    # Ties on every sort key, so the order must fall back on the id; titles
    # that differ only in case or a trailing space tie under MariaDB's collation.
    titles = ("Rapat koordinasi", "RAPAT KOORDINASI", "Rapat koordinasi ")
    for number in range(7):
        make_item(pokja=plan["pokja"], agency=plan["biro"], title=titles[number % 3],
                  due_date=date(2026, 12, 31), priority=("low", "high")[number % 2],
                  progress=10 * (number % 3), status="in_progress",
                  updated_at=plan["sop"].updated_at)
    actor = plan["coordinator"]
    shown = list_items(actor, ItemFilters(), now, sort, per_page=100).items
    exported = list(export_rows(actor, ItemFilters(), now, sort, batch_size=2))
    assert [row["title"] for row in exported] == [item.title for item in shown]
    assert len(exported) == 10


def test_queries_grow_with_batches_not_items(make_item, plan, now):
    from rbtasks.realisation.models import QuarterRealisation

    for number in range(5):  # 8 items with quarters: 4 batches of 2
        item = make_item(pokja=plan["pokja"], agency=plan["biro"], owner=plan["owner"],
                         title=f"Sosialisasi zona integritas {number}")
        _db.session.add(QuarterRealisation(item_id=item.id, quarter=1, target=Decimal(1),
                                           obstacles="", follow_up=""))
    _db.session.commit()
    _db.session.expire_all()
    with counting_queries(_db.engine) as statements:
        rows = list(export_rows(plan["coordinator"], ItemFilters(), now, batch_size=2))
    assert len(rows) == 8
    reads = [s.split("FROM ")[1].split()[0].strip("\"`") for s in statements
             if s.startswith("SELECT")]
    # one for the ordered ids, and per batch one for the items, one for their
    # quarters and one for their evidence; nothing per item
    assert sorted(reads) == sorted(["action_item"] * 5 + ["quarter_realisation"] * 4
                                   + ["evidence"] * 4 + ["user"])  # the actor, expired
