"""The daily sweep's WhatsApp message: one per recipient who opted in, beside
the email, once per channel however often the sweep runs."""
from datetime import date

import sqlalchemy as sa

from rbtasks.outbox.models import OutboxEntry, OutboxMessage
from rbtasks.reminders.run import run_daily
from tests.reminders.conftest import province, wita  # noqa: F401 (a fixture)

HEAD = "kepala.inspektorat@nttprov.go.id"


def sweep(db, moment):
    report = run_daily(moment, deliver=None)
    db.session.commit()
    return report


def rows(db, channel):
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.channel == channel)
                              .order_by(OutboxMessage.recipient_email)).all()


def entry_keys(db, channel):
    return sorted(tuple(row) for row in db.session.execute(
        sa.select(OutboxEntry.recipient_email, OutboxEntry.stage, OutboxEntry.item_id)
        .where(OutboxEntry.channel == channel)))


def opt_in(db, user, phone):
    user.phone, user.whatsapp_opt_in = phone, True
    db.session.commit()


def test_an_owner_who_opted_in_gets_one_short_whatsapp_beside_the_email(db, province, make_item):
    owner = province.owner
    opt_in(db, owner, "6281234567890")
    sop = make_item(owner=owner, pokja=province.pokja, agency=province.agency,
                    title="Menyusun SOP pelayanan publik", due_date=date(2026, 11, 24),
                    status="in_progress")
    survey = make_item(owner=owner, pokja=province.pokja, agency=province.agency,
                       title="Survei kepuasan masyarakat", due_date=date(2026, 11, 26))

    report = sweep(db, wita(2026, 11, 25))

    (text,) = rows(db, "whatsapp")
    assert (text.recipient_phone, text.recipient_user_id, text.recipient_email) == (
        "6281234567890", owner.id, owner.email)
    assert (text.kind, text.status, text.subject, text.body_html) == ("reminder", "pending", "", "")
    assert text.body_text == (
        "[RB] 1 rencana aksi terlambat, 1 mendekati tenggat. Paling mendesak: Menyusun SOP "
        "pelayanan publik — tenggat Selasa, 24 Nov 2026 (Terlambat 1 hari kerja). Lihat Tugas "
        "saya: http://rbtasks.test/my-items")
    assert len(text.body_text) < 1000
    assert entry_keys(db, "whatsapp") == sorted([(owner.email, "overdue", sop.id),
                                                 (owner.email, "before", survey.id)])
    # the email still goes: overdue reminders are mandatory on email
    assert [row.recipient_email for row in rows(db, "email")] == [owner.email]
    assert entry_keys(db, "email") == entry_keys(db, "whatsapp")
    assert len(report.whatsapp) == 1


def test_a_second_sweep_plans_nothing_again_on_either_channel(db, province, make_item):
    opt_in(db, province.owner, "6281234567890")
    make_item(owner=province.owner, pokja=province.pokja, agency=province.agency,
              due_date=date(2026, 11, 26))
    sweep(db, wita(2026, 11, 25))

    again = sweep(db, wita(2026, 11, 25, 15))

    assert (again.messages, again.whatsapp) == ([], [])
    assert len(rows(db, "whatsapp")) == len(rows(db, "email")) == 1


def test_only_those_who_opted_in_with_a_number_get_whatsapp(db, province, make_item):
    # the coordinator has a number but did not opt in; the agency head has no account
    province.coordinator.phone = "6281339000201"
    province.leader.phone, province.leader.whatsapp_opt_in = "6281237000101", True
    province.leader.locale = "en"
    db.session.commit()
    make_item(owner=province.owner, pokja=province.pokja, agency=province.agency,
              title="Penyusunan peta proses bisnis", due_date=date(2026, 11, 2),
              status="in_progress")

    sweep(db, wita(2026, 11, 25))   # 17 working days overdue: every escalation is due

    emails = {row.recipient_email for row in rows(db, "email")}
    assert emails == {province.owner.email, HEAD, province.leader.email,
                      province.coordinator.email}
    (text,) = rows(db, "whatsapp")
    assert (text.recipient_phone, text.locale) == ("6281237000101", "en")
    assert text.body_text.startswith("[RB] 1 action item overdue. First: Penyusunan peta "
                                     "proses bisnis — due Monday, 2 Nov 2026")


def test_a_dry_run_shows_the_whatsapp_text_and_writes_nothing(db, province, make_item, runner):
    opt_in(db, province.owner, "6281234567890")
    make_item(owner=province.owner, pokja=province.pokja, agency=province.agency,
              title="Menyusun SOP pelayanan publik", due_date=date(2026, 11, 26))

    result = runner.invoke(args=["rb", "sweep", "--now", "2026-11-25T07:30", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "WhatsApp: 1 messages." in result.output
    assert "(+6281234567890)" in result.output
    assert "Menyusun SOP pelayanan publik" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
