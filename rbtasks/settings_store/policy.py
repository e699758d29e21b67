"""The reminder policy: when, and to whom, rbtasks writes about a deadline.

Defaults follow the issue; admins change them on the settings page, and
they are stored as one setting, ``reminder_policy``. Several features read
it: the reminders (lead times and stages), the scheduler (the sweep time)
and the outbox's delivery (its retry numbers).
"""
from dataclasses import asdict, dataclass, field, fields

from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.settings_store.store import get_setting, put_setting

KEY = "reminder_policy"


@dataclass(frozen=True)
class Policy:
    # Calendar days before the due date (H-7, H-3, H-1, H-0) to remind the owner.
    lead_times: tuple = (7, 3, 1, 0)
    # Working days overdue at which each stage first fires, then every `*_every`.
    overdue_first: int = 1
    overdue_every: int = 5
    escalation_1_first: int = 3
    escalation_1_every: int = 5
    escalation_2_first: int = 10
    escalation_2_every: int = 5
    # Working days a submitted item waits before its coordinators are reminded.
    waiting_first: int = 3
    waiting_every: int = 5
    # Local time of the daily sweep on working days, "HH:MM".
    sweep_time: str = "07:30"
    # Delivery retries for temporary SMTP failures.
    max_attempts: int = 6
    retry_base_seconds: int = 60
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self):
        values = asdict(self)
        values.pop("extra")
        values["lead_times"] = list(self.lead_times)
        return values


_INT_LIMITS = {
    "overdue_first": (1, 60), "overdue_every": (1, 60),
    "escalation_1_first": (1, 120), "escalation_1_every": (1, 60),
    "escalation_2_first": (1, 250), "escalation_2_every": (1, 60),
    "waiting_first": (1, 60), "waiting_every": (1, 60),
    "max_attempts": (1, 20), "retry_base_seconds": (10, 3600),
}


def clean_policy_values(values):
    """Validate a dict of policy values; raises ValidationError per field."""
    errors, cleaned = {}, {}
    known = {f.name for f in fields(Policy)} - {"extra"}
    for name, value in values.items():
        if name not in known:
            errors[name] = _("Unknown field.")
        elif name == "lead_times":
            try:
                times = sorted({int(v) for v in value}, reverse=True)
            except (TypeError, ValueError):
                errors[name] = _("Use whole numbers of days, e.g. 7, 3, 1, 0.")
                continue
            if not times or any(t < 0 or t > 60 for t in times) or len(times) > 10:
                errors[name] = _("Between one and ten lead times, each from 0 to 60 days.")
            cleaned[name] = tuple(times)
        elif name == "sweep_time":
            text = str(value).strip()
            parts = text.split(":")
            if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts) \
                    or not (0 <= int(parts[0]) < 24 and 0 <= int(parts[1]) < 60):
                errors[name] = _("Use a time like 07:30.")
            cleaned[name] = text
        else:
            low, high = _INT_LIMITS[name]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors[name] = _("A whole number from %(low)d to %(high)d.", low=low, high=high)
            cleaned[name] = value
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    return cleaned


def load_policy():
    """The policy in force: stored values over the defaults."""
    stored = dict(get_setting(KEY, {}))
    known = {f.name for f in fields(Policy)} - {"extra"}
    values = {name: value for name, value in stored.items() if name in known}
    if "lead_times" in values:
        values["lead_times"] = tuple(values["lead_times"])
    return Policy(**values)


def store_policy(values, actor, now):
    """Validate and store some policy values over the policy in force
    (ValidationError names each bad field); returns the new policy. Who may
    change it is the settings feature's rule (rbtasks.settings.services)."""
    cleaned = clean_policy_values(values)
    merged = {**load_policy().as_dict(), **cleaned}
    merged["lead_times"] = list(merged["lead_times"])
    put_setting(KEY, merged, actor, now)
    return load_policy()
