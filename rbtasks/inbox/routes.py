"""The "Perlu tindakan" page."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from rbtasks.inbox.services import needs_action
from rbtasks.timeutil import local_today, utc_now

bp = Blueprint("inbox", __name__)


@bp.route("/inbox")
@login_required
def show_inbox():
    now = utc_now()
    return render_template("inbox/index.html", entries=needs_action(current_user, now),
                           today=local_today(now))
