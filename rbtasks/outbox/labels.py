"""Words for the outbox's codes, as people read them."""
from flask_babel import lazy_gettext as _l

STAGE_LABELS = {
    "before": _l("Due soon"),
    "overdue": _l("Overdue"),
    "escalation_1": _l("Escalation level 1"),
    "escalation_2": _l("Escalation level 2"),
    "waiting": _l("Waiting for verification"),
}

MESSAGE_STATUS_LABELS = {
    "pending": _l("Pending"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "held": _l("Held"),
}

CHANNEL_LABELS = {
    "email": _l("Email"),
    "whatsapp": _l("WhatsApp"),
}
