"""No WhatsApp message at night: 21:00–06:00 in the province's zone (WITA) by
default (``RBTASKS_WHATSAPP_QUIET_HOURS``).

A phone buzzes where an email waits in an inbox, so WhatsApp keeps office
hours. The rule is applied where a WhatsApp message gets a time: when it is
planned (rbtasks.outbox.queue), when a retry or a resend is scheduled, and
when delivery runs (rbtasks.outbox.delivery sends none during the quiet
hours), so nothing planned, retried or resent at night goes before morning.
"""
from datetime import datetime, timedelta, timezone

from rbtasks.outbox.whatsapp.settings import WhatsAppSettings
from rbtasks.timeutil import province_zone


def _window(settings):
    settings = settings or WhatsAppSettings.current()
    return settings.quiet_start, settings.quiet_end


def in_quiet_hours(moment, settings=None):
    """Whether ``moment`` (aware) falls in the quiet hours, read in the province's zone."""
    start, end = _window(settings)
    clock = moment.astimezone(province_zone()).time()
    if start == end:
        return False
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def after_quiet_hours(moment, settings=None):
    """``moment`` itself outside the quiet hours, else the moment they end
    (06:00 local, the same or the next day), in UTC."""
    if not in_quiet_hours(moment, settings):
        return moment
    _start, end = _window(settings)
    zone = province_zone()
    local = moment.astimezone(zone)
    morning = datetime.combine(local.date(), end, tzinfo=zone)
    if morning <= local:
        morning = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zone)
    return morning.astimezone(timezone.utc)
