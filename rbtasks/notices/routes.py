"""The notices page, marking notices read, and the profile's notice choices."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.extensions import db
from rbtasks.inputs.ids import whole_number
from rbtasks.notices import preferences, services
from rbtasks.notices.kinds import KINDS, MANDATORY, line
from rbtasks.notices.models import EMAIL, WHATSAPP
from rbtasks.notices.whatsapp import wants_whatsapp
from rbtasks.timeutil import utc_now

bp = Blueprint("notices", __name__)
PER_PAGE = 25


def _page_number():
    try:
        return whole_number(request.args.get("page") or "1", 1, 100_000)
    except ValueError:
        return 1


@bp.route("/notices")
@login_required
def list_notices():
    page = services.my_notices(current_user, _page_number(), PER_PAGE)
    return render_template("notices/list.html", page=page, line=line)


@bp.route("/notices/read", methods=["POST"])
@login_required
def mark_read():
    """Mark one notice read (``id``) or all of them (no ``id``)."""
    raw = (request.form.get("id") or "").strip()
    try:
        ids = [whole_number(raw, 1, 2_147_483_647)] if raw else None
    except ValueError:
        flash(_("That notice does not exist."), "error")
        return redirect(url_for("notices.list_notices"))
    changed = services.mark_read(current_user, utc_now(), ids)
    db.session.commit()
    if ids is None:
        flash(_("All notices are marked read."), "success")
    elif not changed:
        flash(_("That notice was already read."), "info")
    return redirect(url_for("notices.list_notices", page=_page_number()))


@bp.route("/profile/notices", methods=["POST"])
@login_required
def save_preferences():
    # The WhatsApp column is disabled (posts nothing) until the person opts in:
    # its choices are then kept, not turned off.
    channels = _channels(current_user)
    chosen = {(kind, channel) for kind in KINDS for channel in channels
              if request.form.get(f"{channel}-{kind}")}
    preferences.set_choices(current_user, chosen, channels)
    db.session.commit()
    flash(_("Your notice choices have been saved."), "success")
    return redirect(url_for("accounts.profile", _anchor="notice-choices"))


def _channels(user):
    return (EMAIL, WHATSAPP) if wants_whatsapp(user) else (EMAIL,)


def profile_section(user, now):
    """The profile's "Notices" section: a checkbox per kind and channel; the
    WhatsApp column is disabled, with a hint, until the user opts in with a
    number."""
    return {"kinds": list(KINDS.values()), "mandatory": MANDATORY,
            "choices": preferences.choices(user, (EMAIL, WHATSAPP)),
            "channels": (EMAIL, WHATSAPP), "whatsapp_ready": wants_whatsapp(user)}


def bell():
    """The navigation's unread count for the signed-in user (0 signed out)."""
    if not current_user.is_authenticated:
        return 0
    return services.unread_count(current_user)
