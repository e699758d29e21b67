"""The demo's two monev meetings.

The earlier one agreed three decisions, followed up by demo items that are
partly done (one decision followed up: "Sebagian kecil"); the later one
shows them as open decisions of the earlier meeting. Each meeting is looked
up by its title and only created when missing; a decision links only items
that exist and follow no other decision.
"""
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.meetings.models import AgendaPoint, Decision, DecisionItem, Meeting, MeetingAttendee
from rbtasks.timeutil import local_today, province_zone

MEETINGS = (
    {"title": "Rapat Monev Rencana Aksi RB Triwulan III", "days_ago": 56,
     "place": "Ruang Rapat Asisten Administrasi Umum, Kantor Gubernur NTT, Kupang",
     "attendees": ("leader", "tefa", "bria", "nalle", "kolo", "leki"),
     "guests": (("Dr. Yosef Lede, S.H., M.Hum.", "Ombudsman RI Perwakilan NTT"),),
     "agenda": (("Capaian rencana aksi RB triwulan II",
                 "Capaian rata-rata 48,5%. Pokja Manajemen Perubahan dan Deregulasi "
                 "Kebijakan diminta mempercepat kegiatan yang tertunda."),
                ("Persiapan evaluasi RB oleh KemenPANRB",
                 "Data dukung diunggah paling lambat akhir triwulan III.")),
     "decisions": (
         ("Rencana kerja Tim RB ditetapkan dan zona integritas disosialisasikan kepada "
          "seluruh perangkat daerah.",
          ("Menyusun rencana kerja Tim Reformasi Birokrasi",
           "Melaksanakan sosialisasi zona integritas kepada perangkat daerah")),
         ("Peraturan daerah yang menghambat investasi diinventarisasi.",
          ("Melakukan inventarisasi peraturan daerah yang menghambat investasi",)),
         ("Agen perubahan dibentuk di setiap perangkat daerah.",
          ("Membentuk agen perubahan di setiap perangkat daerah",)))},
    {"title": "Rapat Monev Rencana Aksi RB Triwulan IV", "days_ago": 7,
     "place": "Aula El Tari, Kantor Gubernur NTT, Kupang",
     "attendees": ("leader", "tefa", "bria", "nalle", "kolo", "seran"),
     "guests": (),
     "agenda": (("Tindak lanjut kesepakatan rapat triwulan III",
                 "Dua kesepakatan belum selesai ditindaklanjuti."),),
     "decisions": (
         ("Monev rencana aksi triwulan IV dilaporkan kepada Ketua Tim RB.",
          ("Melaksanakan monitoring dan evaluasi rencana aksi RB triwulan IV",)),)},
)


def seed_meetings(users, now):
    """Create the demo meetings that are missing; returns how many."""
    titles = [spec["title"] for spec in MEETINGS]
    existing = set(db.session.scalars(sa.select(Meeting.title).where(Meeting.title.in_(titles))))
    count = 0
    for spec in MEETINGS:
        if spec["title"] not in existing:
            _meeting(spec, users, now)
            count += 1
    db.session.flush()
    return count


def _meeting(spec, users, now):
    day = local_today(now) - timedelta(days=spec["days_ago"])
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    db.session.flush()  # the users need their ids
    chair, note_taker = users["leader"], users["tefa"]
    meeting = Meeting(title=spec["title"], place=spec["place"], chair=chair.name,
                      note_taker=note_taker.name, created_by=note_taker, created_at=now,
                      updated_at=now,
                      held_at=datetime.combine(day, time(9), province_zone()))
    people = [MeetingAttendee(user=users[key]) for key in spec["attendees"]]
    people += [MeetingAttendee(name=name, agency_name=agency) for name, agency in spec["guests"]]
    for position, attendee in enumerate(people):
        attendee.position = position
    meeting.attendees = people
    meeting.agenda = [AgendaPoint(position=position, topic=topic, discussion=discussion)
                      for position, (topic, discussion) in enumerate(spec["agenda"])]
    db.session.add(meeting)
    for position, (text, item_titles) in enumerate(spec["decisions"], start=1):
        decision = Decision(text=text, position=position, created_by_id=note_taker.id,
                            created_at=now)
        decision.links = [DecisionItem(item=item) for item in _free_items(item_titles)]
        meeting.decisions.append(decision)
    return meeting


def _free_items(titles):
    """The demo items of these titles that follow no decision yet."""
    linked = sa.select(DecisionItem.item_id)
    return list(db.session.scalars(
        sa.select(ActionItem).where(ActionItem.title.in_(titles),
                                    ActionItem.deleted_at.is_(None),
                                    ActionItem.id.not_in(linked))
        .order_by(ActionItem.id)))
