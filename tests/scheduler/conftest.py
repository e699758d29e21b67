"""Helpers for the scheduler tests."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def wita(year, month, day, hour=7, minute=30):
    """An aware UTC moment given in WITA."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA).astimezone(timezone.utc)
