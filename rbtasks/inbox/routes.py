"""The "Perlu tindakan" page."""
from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from rbtasks.inbox.services import needs_action_page
from rbtasks.inputs.ids import whole_number
from rbtasks.timeutil import local_today, utc_now

bp = Blueprint("inbox", __name__)


@bp.route("/inbox")
@login_required
def show_inbox():
    now = utc_now()
    try:
        number = whole_number(request.args.get("page") or "1", 1, 100_000)
    except ValueError:
        number = 1
    return render_template("inbox/index.html", page=needs_action_page(current_user, now, number),
                           today=local_today(now))
