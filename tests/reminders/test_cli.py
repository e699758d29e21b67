"""``flask rb sweep`` end to end: the emails that arrive at a real SMTP server."""
from datetime import date

import sqlalchemy as sa

from rbtasks.outbox.models import OutboxMessage
from tests.reminders.conftest import messages
from tests.smtp import html_part, text_part

HEAD = "kepala.inspektorat@nttprov.go.id"


def sweep(runner, *args):
    return runner.invoke(args=["rb", "sweep", *args])


def test_the_sweep_delivers_one_email_per_recipient(runner, db, province, make_item, mailbox):
    make_item(title="Reviu SOP pengawasan", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 11, 2), status="blocked", block_reason="Menunggu SK Gubernur")
    make_item(title="Sosialisasi WBS", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 11, 24))
    make_item(title="Laporan PMPRB <b>final</b>", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 12, 7))
    result = sweep(runner, "--now", "2026-11-30T07:30+08:00")
    assert result.exit_code == 0, result.output
    assert "overdue: 2" in result.output and "before: 1" in result.output
    assert "Delivery: sent 4, retried 0, failed 0, held 0" in result.output

    received = mailbox.received()
    recipients = sorted(address for entry in received for address in entry["to"])
    assert recipients == sorted([province.owner.email, HEAD, province.leader.email,
                                 province.coordinator.email])
    (owner_mail,) = mailbox.to(province.owner.email)
    text, html = text_part(owner_mail), html_part(owner_mail)
    # overdue first, then due soon; each entry with its facts and link
    assert text.index("Reviu SOP pengawasan") < text.index("Sosialisasi WBS") \
        < text.index("Laporan PMPRB")
    assert "Senin, 7 Des 2026" in text and "Senin, 2 Nov 2026" in text
    assert "Menunggu SK Gubernur" in text and "Pokja Penguatan Pengawasan" in text
    assert "Inspektorat Daerah" in text
    item_ids = db.session.scalars(sa.text("SELECT id FROM action_item ORDER BY id")).all()
    for item_id in item_ids:
        assert f"http://rbtasks.test/items/{item_id}" in text
        assert f'href="http://rbtasks.test/items/{item_id}"' in html
    assert "Senin, 7 Des 2026" in html and '<html lang="id">' in html
    assert "Laporan PMPRB &lt;b&gt;final&lt;/b&gt;" in html and "<b>final" not in html
    assert "Laporan PMPRB <b>final</b>" in text
    # in Indonesian, the owner's language
    assert owner_mail["Subject"].startswith("[RB] 2 rencana aksi ")
    assert owner_mail["Subject"].endswith(" — Inspektorat Daerah")
    assert "Penanggung jawab: Yohanes Owner" in text and "Perangkat Daerah" in html
    assert all(m.status == "sent" for m in messages(db))
    assert f"{province.owner.email}: 3 entries" in result.output


def test_an_english_recipient_reads_english(runner, db, province, make_item, make_user,
                                            mailbox):
    make_user(role="agency_head", name="Ir. Kepala", email=HEAD, locale="en",
              agency=province.agency)
    make_item(title="Reviu SOP", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 11, 20), status="in_progress")
    result = sweep(runner, "--now", "2026-11-25T07:30+08:00")
    assert result.exit_code == 0, result.output
    (mail,) = mailbox.to(HEAD)
    assert mail["Subject"] == "[RB] 1 action item overdue — Inspektorat Daerah"
    text, html = text_part(mail), html_part(mail)
    assert text.startswith("Hello Ir. Kepala,")
    assert "Escalation level 1" in text and "3 working days overdue" in text
    assert "Friday, 20 Nov 2026" in text and "In progress" in text
    assert "head the agency" in text and "cannot be turned off" in text
    assert '<html lang="en">' in html and "Friday, 20 Nov 2026" in html
    assert "3 working days overdue" in html


def test_the_footer_says_why_and_the_groups_come_in_order(runner, db, province, make_item,
                                                          make_user, mailbox):
    # the coordinator is also the owner of a late item: one email, both reasons
    english = make_user(role="coordinator", name="Ana", locale="en", agency=province.agency)
    province.pokja.coordinators.append(english)
    db.session.commit()
    make_item(title="Item-A escalated", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 11, 2))
    make_item(title="Item-B owned", owner=english, pokja=province.pokja,
              due_date=date(2026, 11, 24))
    make_item(title="Item-C waiting", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 12, 15), status="submitted",
              submitted_at=date_moment(2026, 11, 19))
    make_item(title="Item-D soon", owner=english, pokja=province.pokja, due_date=date(2026, 11, 26))
    assert sweep(runner, "--now", "2026-11-25T07:30+08:00").exit_code == 0
    (mail,) = mailbox.to(english.email)
    text = text_part(mail)
    headings = ["Escalation level 2", "Overdue", "Waiting for verification", "Due soon"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert text.index("Item-A") < text.index("Item-B") < text.index("Item-C") \
        < text.index("Item-D")
    assert "you are responsible for these action items" in text
    assert "you coordinate the pokja of these action items" in text
    assert "1 day left" in text and "Waiting 4 working days" in text
    assert mail["Subject"] == "[RB] 2 action items overdue — Inspektorat Daerah"


def date_moment(year, month, day):
    from tests.reminders.conftest import wita

    return wita(year, month, day, 14)


def test_a_second_sweep_the_same_day_sends_nothing(runner, db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    assert sweep(runner, "--now", "2026-11-25T07:30+08:00").exit_code == 0
    result = sweep(runner, "--now", "2026-11-25T16:00+08:00")
    assert "planned 0 entries in 0 emails (1 already planned)" in result.output
    assert len(mailbox.received()) == 1


def test_dry_run_prints_the_plan_and_writes_and_sends_nothing(runner, db, province,
                                                              make_item, mailbox):
    make_item(title="Reviu SOP", owner=province.owner, pokja=province.pokja,
              due_date=date(2026, 11, 24))
    result = sweep(runner, "--now", "2026-11-25T07:30+08:00", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would plan 1 entries in 1 emails" in result.output
    assert "overdue (period 0)" in result.output and "Reviu SOP" in result.output
    assert "subject: [RB] 1 " in result.output
    assert messages(db) == [] and mailbox.received() == []


def test_no_deliver_leaves_the_emails_pending(runner, db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    result = sweep(runner, "--now", "2026-11-25T07:30+08:00", "--no-deliver")
    assert result.exit_code == 0, result.output
    assert [m.status for m in messages(db)] == ["pending"]
    assert mailbox.received() == [] and "Delivery" not in result.output


def test_a_naive_now_is_read_in_wita(runner, db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    # 20:00 on Sunday in WITA (were it UTC, it would be Monday morning in WITA)
    result = sweep(runner, "--now", "2026-11-29T20:00")
    assert result.exit_code == 0, result.output
    assert "2026-11-29 is not a working day" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    assert mailbox.received() == []


def test_a_bad_now_is_refused(runner, db):
    result = sweep(runner, "--now", "next tuesday")
    assert result.exit_code == 2
    assert "is not an ISO 8601 moment" in result.output


def test_the_command_speaks_the_provinces_language(app, runner, db):
    previous = app.config["BABEL_DEFAULT_LOCALE"]
    app.config["BABEL_DEFAULT_LOCALE"] = "id"  # the product's default (config.Config)
    try:
        result = sweep(runner, "--now", "2026-11-29T08:00")
        refused = sweep(runner, "--now", "selasa depan")
    finally:
        app.config["BABEL_DEFAULT_LOCALE"] = previous
    assert "2026-11-29 bukan hari kerja: tidak ada yang dijadwalkan atau dikirim." in result.output
    assert refused.exit_code == 2 and "bukan waktu berformat ISO 8601" in refused.output
