"""A monev meeting's cast: the RB team's recorder, two pokja with their
coordinators, owners in two agencies (tests/meetings)."""
import io
from datetime import date, datetime, timedelta, timezone

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WITA = timezone(timedelta(hours=8))


@pytest.fixture
def team(make_user, make_agency, make_pokja):
    """Biro Organisasi's coordinator of Pokja Tatalaksana, the Inspektorat's
    coordinator of Pokja Pengawasan, an owner in each agency, the admin."""
    biro = make_agency(name="Biro Organisasi Setda Provinsi NTT")
    inspektorat = make_agency(name="Inspektorat Daerah Provinsi NTT")
    owner_biro = make_user(role="member", agency=biro, name="Oktavianus Pello, S.H., M.H.")
    owner_insp = make_user(role="member", agency=inspektorat,
                           name="Dr. Maria Bessie, S.Kom., M.T.")
    coord = make_user(role="coordinator", agency=biro, name="Drs. Benediktus Ndun, M.Si.")
    coord_insp = make_user(role="coordinator", agency=inspektorat)
    tatalaksana = make_pokja(name="Pokja Penataan Tatalaksana", coordinators=[coord],
                             members=[owner_biro])
    pengawasan = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coord, coord_insp],
                            members=[owner_insp])
    return {"biro": biro, "inspektorat": inspektorat, "owner_biro": owner_biro,
            "owner_insp": owner_insp, "coord": coord, "coord_insp": coord_insp,
            "tatalaksana": tatalaksana, "pengawasan": pengawasan,
            "admin": make_user(role="admin"), "leader": make_user(role="leader")}


def item_row(team, title, pokja="tatalaksana", owner="owner_biro", agency="biro",
             due=date(2026, 12, 31), **extra):
    return {"title": title, "pokja_id": team[pokja].id, "agency_id": team[agency].id,
            "owner_id": team[owner].id, "due_date": due, **extra}


def meeting_fields(**changes):
    return {"title": "Rapat Monev Triwulan IV Tim RB Provinsi NTT",
            "held_at": datetime(2026, 12, 7, 9, 0, tzinfo=WITA),
            "place": "Ruang Rapat Asisten III, Kantor Gubernur NTT, Kupang",
            "chair": "Drs. Benediktus Ndun, M.Si.", "note_taker": "Oktavianus Pello, S.H., M.H.",
            "attendees": [], "agenda": [
                {"topic": "Capaian rencana aksi Triwulan III",
                 "discussion": "Capaian rata-rata 62,5%.\nPokja Tatalaksana tertinggal."}],
            **changes}


def finish(item, owner, coordinator, now):
    """Owner submits with evidence, the coordinator verifies: the item is done."""
    from rbtasks.evidence.services import add_file_evidence
    from rbtasks.workflow.services import apply_transition

    if item.status == "not_started":
        apply_transition(owner, item, "start", item.version, now)
    add_file_evidence(owner, item, "laporan", "Laporan", io.BytesIO(PDF), "laporan.pdf", now)
    apply_transition(owner, item, "submit", item.version, now, note="Telah dilaksanakan")
    apply_transition(coordinator, item, "verify", item.version, now)
