"""The settings page's services: what it shows (the reminder policy, the
calendar overrides and the named days off of this year and the next) and
changing the policy, which only admins may do."""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.roles import require_admin
from rbtasks.settings_store.policy import load_policy, store_policy
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar
from rbtasks.workdays.services import list_overrides, non_working_days_for_year


def settings_overview(actor, now):
    """Everything on the settings page, for an admin (PermissionDenied otherwise).

    The years shown are the current one in the province's zone and the next,
    so in December the admin already sees January's cuti bersama.
    """
    require_admin(actor)
    overrides = list_overrides()
    author_ids = {o.created_by_id for o in overrides if o.created_by_id is not None}
    authors = dict(db.session.execute(
        sa.select(User.id, User.name).where(User.id.in_(author_ids)))
        .all()) if author_ids else {}
    calendar = WorkCalendar({o.day: (o.working, o.name) for o in overrides})
    this_year = local_today(now).year
    return {
        "policy": load_policy(),
        "overrides": overrides,
        "authors": authors,
        "years": [(year, non_working_days_for_year(calendar, year))
                  for year in (this_year, this_year + 1)],
    }


def save_policy(actor, values, now):
    """Change some policy values (admins only); returns the new policy."""
    require_admin(actor)
    return store_policy(values, actor, now)
