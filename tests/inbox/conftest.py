"""A pokja's plan in which something waits for each role, built around a given moment.

``build_plan(now)`` makes, relative to ``now``'s day in WITA (T):

Inspektorat Daerah (head: Oktavianus Pello, S.H., M.H.), Pokja Penguatan
Pengawasan (coordinator: Drs. Benediktus Ndun, M.Si., who works in the
Inspektorat and owns an item too), its members Yohanes Seran, S.E. and Maria
Bria, S.Kom.; Badan Kepegawaian Daerah with Agustinus Tefa, S.IP.; another
pokja coordinated by Fransiska Bunga, S.Sos.

- ``reviu``   Seran's, submitted two days ago: Ndun verifies it;
- ``pmprb``   Ndun's own, submitted: an admin verifies it, never Ndun;
- ``wbk``     Seran's, due T+20, Seran asked for T+60: Ndun decides;
- ``sop``     Seran's, returned by Ndun "Daftar hadir rapat belum dilampirkan.";
- ``today``   Seran's, due T; ``survei`` due T+5; ``later`` due T+8 (not yet);
- ``late``    Seran's, due T-2: overdue (too recent to escalate);
- ``peta``    Ndun's own, due T-1, the agency head asked for T+14: Ndun is late
              and decides the head's request;
- ``esc1``    Bria's, due T-7: escalated to the agency head;
- ``esc2``    Tefa's (BKD), due T-26: escalated to the RB team leader;
- ``done``, ``cancelled``, ``deleted``: Seran's, long overdue, wait for nobody;
- ``kepuasan`` the other pokja's, submitted: for Bunga only.
"""
from datetime import timedelta

import pytest

from rbtasks.deadlines.services import request_extension
from rbtasks.timeutil import local_today
from rbtasks.workflow.services import apply_transition


@pytest.fixture
def build_plan(db, make_user, make_pokja, make_agency, make_item):
    def build(now, locale="en"):
        day = local_today(now)

        def due(offset):
            return day + timedelta(days=offset)

        inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA",
                                  head_name="Oktavianus Pello, S.H., M.H.",
                                  head_email="oktavianus.pello@nttprov.go.id")
        bkd = make_agency(name="Badan Kepegawaian Daerah", code="BKD")
        admin = make_user(role="admin", name="Theresia Nahak, S.T.", agency=inspektorat,
                          locale=locale)
        leader = make_user(role="leader", name="Drs. Yosef Lede, M.Si.", agency=inspektorat,
                           locale=locale)
        head = make_user(role="agency_head", name="Oktavianus Pello, S.H., M.H.",
                         email="oktavianus.pello@nttprov.go.id", agency=inspektorat,
                         locale=locale)
        ndun = make_user(role="coordinator", name="Drs. Benediktus Ndun, M.Si.",
                         agency=inspektorat, locale=locale)
        seran = make_user(name="Yohanes Seran, S.E.", agency=inspektorat, locale=locale)
        bria = make_user(name="Maria Bria, S.Kom.", agency=inspektorat, locale=locale)
        tefa = make_user(name="Agustinus Tefa, S.IP.", agency=bkd, locale=locale)
        bunga = make_user(role="coordinator", name="Fransiska Bunga, S.Sos.", agency=bkd,
                          locale=locale)
        ours = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[ndun],
                          members=[seran, bria, tefa])
        theirs = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik",
                            coordinators=[bunga])

        def item(title, owner, agency=inspektorat, pokja=ours, **columns):
            columns.setdefault("status", "in_progress")
            columns.setdefault("due_date", due(30))
            return make_item(title=title, owner=owner, agency=agency, pokja=pokja, **columns)

        submitted = now - timedelta(days=2)
        reviu = item("Melaksanakan reviu laporan keuangan pemerintah daerah", seran,
                     status="submitted", submitted_at=submitted)
        pmprb = item("Menyusun laporan PMPRB", ndun, status="submitted",
                     submitted_at=submitted + timedelta(hours=1))
        wbk = item("Membangun zona integritas menuju WBK", seran, due_date=due(20))
        sop = item("Menyusun SOP pengawasan internal", seran, status="submitted",
                   submitted_at=now - timedelta(days=4))
        today = item("Mengunggah notulen rapat monev TW III", seran, status="not_started",
                     due_date=due(0))
        survei = item("Melaksanakan survei integritas", seran, due_date=due(5))
        later = item("Menyusun rencana kerja pengawasan tahunan", seran, due_date=due(8))
        late = item("Melaksanakan evaluasi SAKIP perangkat daerah", seran, due_date=due(-2),
                    status="blocked", block_reason="Menunggu data dari OPD")
        peta = item("Menyusun peta proses bisnis Inspektorat", ndun, due_date=due(-1))
        esc1 = item("Melaksanakan probity audit pengadaan barang/jasa", bria,
                    due_date=due(-7))
        esc2 = item("Menyusun analisis jabatan dan beban kerja", tefa, agency=bkd,
                    due_date=due(-26))
        done = item("Menyusun pakta integritas", seran, status="done", due_date=due(-40))
        cancelled = item("Sosialisasi gratifikasi", seran, status="cancelled",
                         due_date=due(-40))
        deleted = item("Rapat koordinasi pengawasan (dihapus)", seran, due_date=due(-40),
                       deleted_at=now - timedelta(days=1))
        kepuasan = item("Survei kepuasan masyarakat", None, agency=bkd, pokja=theirs,
                        status="submitted", submitted_at=submitted)

        returned_at = now - timedelta(days=1)
        apply_transition(ndun, sop, "return", sop.version, returned_at,
                         reason="Daftar hadir rapat belum dilampirkan.")
        wbk_request = request_extension(seran, wbk, due(60), "Menunggu SK Gubernur",
                                        now - timedelta(hours=5))
        peta_request = request_extension(head, peta, due(14), "Tim sedang mengikuti diklat",
                                         now - timedelta(hours=3))
        db.session.commit()
        return {name: value for name, value in locals().items()
                if name not in ("build", "due", "item", "db", "make_user", "make_pokja",
                                "make_agency", "make_item")}

    return build
