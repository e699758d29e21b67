"""A person's notices within the window go out as one email, through the outbox,
when ``flask rb deliver`` runs after the window; nothing before."""
from datetime import timedelta

import sqlalchemy as sa

from rbtasks.items.services import add_comment
from rbtasks.notices.models import Notice
from rbtasks.notices.preferences import set_choices
from rbtasks.outbox.models import OutboxMessage
from rbtasks.workflow.services import apply_transition
from tests.smtp import html_part, text_part


def deliver(runner, moment):
    result = runner.invoke(args=["rb", "deliver", "--now", moment.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def _return_and_comment(db, cast, now):
    cast.item.status = "submitted"
    db.session.commit()
    apply_transition(cast.coordinator, cast.item, "return", cast.item.version, now,
                     reason="Notulen rapat belum dilampirkan")
    add_comment(cast.coordinator, cast.item, "Mohon lampirkan juga daftar hadir, Pak.",
                now + timedelta(minutes=4))
    db.session.commit()


def test_notices_within_the_window_arrive_as_one_email_after_it(db, runner, cast, now,
                                                                 mailbox):
    _return_and_comment(db, cast, now)

    deliver(runner, now + timedelta(minutes=9))
    assert mailbox.to(cast.owner.email) == []

    output = deliver(runner, now + timedelta(minutes=10))
    assert "Sent" in output or "Terkirim" in output
    (email,) = mailbox.to(cast.owner.email)
    text, html = text_part(email), html_part(email)
    assert email["Subject"] == "[RB] 2 pemberitahuan: Penyusunan SOP pelayanan perizinan"
    assert "Yohanes Bosco Lado, S.STP., M.Si. mengembalikan rencana aksi kepada Anda" in text
    assert "Notulen rapat belum dilampirkan" in text
    assert "Mohon lampirkan juga daftar hadir, Pak." in text
    assert f"/items/{cast.item.id}" in text
    assert "(25 Nov 2026 10:00 WITA)" in text and "(25 Nov 2026 10:04 WITA)" in text
    assert "Penyusunan SOP pelayanan perizinan" in html

    # Once only: a later delivery sends nothing more.
    deliver(runner, now + timedelta(minutes=30))
    assert len(mailbox.to(cast.owner.email)) == 1
    notices = db.session.scalars(sa.select(Notice).where(
        Notice.recipient_id == cast.owner.id)).all()
    assert {notice.dispatched_at for notice in notices} == {now + timedelta(minutes=10)}
    assert len({notice.email_message_id for notice in notices}) == 1


def test_each_person_gets_their_own_email_in_their_language(db, runner, cast, now, mailbox):
    apply_transition(cast.owner, cast.item, "block", cast.item.version, now,
                     reason="Menunggu SK Gubernur")
    db.session.commit()
    deliver(runner, now + timedelta(minutes=15))
    (indonesian,) = mailbox.to(cast.coordinator.email)
    (english,) = mailbox.to(cast.second_coordinator.email)
    assert "menandai rencana aksi terhambat" in text_part(indonesian)
    assert english["Subject"] == "[RB] 1 notice: Penyusunan SOP pelayanan perizinan"
    assert "Oktavianus Pello, S.H., M.H. marked the item as blocked" in text_part(english)
    assert "Menunggu SK Gubernur" in text_part(english)
    assert mailbox.to(cast.owner.email) == []


def test_a_kind_turned_off_is_not_emailed_but_stays_under_the_bell(db, runner, cast, now,
                                                                  mailbox):
    set_choices(cast.owner, {("returned", "email")})   # comments off
    db.session.commit()
    add_comment(cast.coordinator, cast.item, "Mohon dipercepat.", now)
    db.session.commit()
    deliver(runner, now + timedelta(minutes=11))
    assert mailbox.to(cast.owner.email) == []
    notice = db.session.scalars(sa.select(Notice).where(
        Notice.recipient_id == cast.owner.id)).one()
    assert notice.read_at is None and notice.dispatched_at is not None
    assert notice.email_message_id is None


def test_the_window_is_a_setting(app, db, runner, cast, now, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "RBTASKS_NOTICE_WINDOW_MINUTES", 0)
    add_comment(cast.coordinator, cast.item, "Sudah saya cek.", now)
    db.session.commit()
    deliver(runner, now)
    assert len(mailbox.to(cast.owner.email)) == 1


def test_the_notice_email_is_in_the_outbox_with_a_once_only_key(db, runner, cast, now,
                                                               mailbox):
    add_comment(cast.coordinator, cast.item, "Sudah saya cek.", now)
    db.session.commit()
    deliver(runner, now + timedelta(minutes=10))
    row = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.recipient_email == cast.owner.email)).one()
    first = db.session.scalars(sa.select(Notice.id).where(
        Notice.recipient_id == cast.owner.id)).first()
    assert row.kind == "notice" and row.status == "sent"
    assert row.dedup_key == f"notice:{cast.owner.id}:{first}"
