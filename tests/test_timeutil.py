"""Timestamps go in as any aware time and come back aware UTC, to the microsecond, on every database."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from rbtasks.items.models import Comment
from rbtasks.timeutil import local_today, parse_moment


def test_aware_times_round_trip_as_utc(db, make_item, make_user):
    author = make_user()
    item = make_item()
    wita = datetime(2026, 12, 1, 7, 30, 15, 123456, tzinfo=ZoneInfo("Asia/Makassar"))
    db.session.add(Comment(item_id=item.id, author_id=author.id, body="x", created_at=wita))
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(sa.select(Comment.created_at))
    assert stored.tzinfo == timezone.utc
    assert stored == wita
    assert stored.hour == 23 and stored.microsecond == 123456
    raw = db.session.execute(sa.text("SELECT created_at FROM comment")).scalar()
    assert "23:30:15" in str(raw)  # UTC in the column itself


def test_naive_datetimes_are_refused(db, make_item, make_user):
    author = make_user()
    item = make_item()
    db.session.add(Comment(item_id=item.id, author_id=author.id, body="x",
                           created_at=datetime(2026, 12, 1, 7, 30)))
    with pytest.raises(sa.exc.StatementError):
        db.session.commit()
    db.session.rollback()


def test_today_is_the_province_date(app):
    late_utc_evening = datetime(2026, 11, 30, 17, 0, tzinfo=timezone.utc)  # 01:00 WITA next day
    assert local_today(late_utc_evening).isoformat() == "2026-12-01"
    assert local_today(late_utc_evening - timedelta(hours=2)).isoformat() == "2026-11-30"


def test_naive_moment_is_read_in_the_province_zone(app):
    assert parse_moment("2026-12-07T07:30") == datetime(2026, 12, 6, 23, 30, tzinfo=timezone.utc)
    assert parse_moment("2026-12-07T07:30+07:00") == datetime(2026, 12, 7, 0, 30, tzinfo=timezone.utc)


def test_pages_write_times_in_wita_in_both_languages(app):
    from flask_babel import force_locale

    from rbtasks.i18n import local_datetime

    moment = datetime(2026, 12, 7, 6, 5, tzinfo=timezone.utc)
    with app.test_request_context():
        for locale, month in (("id", "Des"), ("en", "Dec")):
            with force_locale(locale):
                assert local_datetime(moment) == f"7 {month} 2026 14:05 WITA"
