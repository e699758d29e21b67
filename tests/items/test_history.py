"""The item page's history writes every value the way its reader's language does: yes/no,
decimal commas, short dates, labels for statuses and priorities, and no text frozen in the
language of whoever made the change."""
from datetime import date

from flask_babel import force_locale

from rbtasks.deadlines.services import decide_extension, request_extension
from rbtasks.items.services import update_item
from rbtasks.realisation.services import set_quarters


def _history(client, item):
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    return html.split('id="history"')[1].split("</section>")[0]


def test_history_values_follow_the_readers_locale(app, login, make_user, make_pokja, make_item,
                                                  db, now):
    coordinator = make_user(role="coordinator", name="Dr. Maria Bessie, S.Kom., M.T.",
                            locale="id")
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.", locale="id")
    item = make_item(pokja=make_pokja(coordinators=[coordinator], members=[owner]), owner=owner,
                     status="in_progress", progress=20, due_date=date(2026, 12, 15))
    # The changes are made by Indonesian speakers: whatever text the services write, they
    # write it in Indonesian.
    with app.test_request_context(), force_locale("id"):
        update_item(coordinator, item, {"priority": "high", "due_date": date(2026, 12, 18),
                                        "budget": 15_000_000}, item.version, now)
        set_quarters(owner, item, [{"quarter": 1, "target": 50, "realisation": "12.5"},
                                   {"quarter": 2, "target": 50}], True, item.version, now)
        extension = request_extension(owner, item, date(2027, 1, 8),
                                      "Menunggu tanda tangan Sekda", now)
        decide_extension(coordinator, extension, True, "Rapat pimpinan diundur", now)
    db.session.commit()

    indonesian = _history(login(make_user(role="leader", locale="id")), item)
    for shown in ("Sedang → Tinggi", "15 Des 2026 → 18 Des 2026", "Rp 15.000.000",
                  "Tidak → Ya", "20% → 13%", "realisasi — → 12,5",
                  "menyetujui tenggat baru: 18 Des 2026 → 8 Jan 2027",
                  "Rapat pimpinan diundur"):
        assert shown in indonesian, shown
    for raw in ("False", "True", "12.50", "2026-12-18", "high", "15000000"):
        assert raw not in indonesian, raw

    english = _history(login(make_user(role="leader", locale="en")), item)
    for shown in ("Normal → High", "15 Dec 2026 → 18 Dec 2026", "Rp 15,000,000", "No → Yes",
                  "20% → 13%", "TW I: target — → 50, realisation — → 12.5",
                  "approved a new due date: 18 Dec 2026 → 8 Jan 2027",
                  "Rapat pimpinan diundur"):
        assert shown in english, shown
    for indonesian_text in ("realisasi", "perpanjangan disetujui", "Tidak", "Des 2026"):
        assert indonesian_text not in english, indonesian_text
