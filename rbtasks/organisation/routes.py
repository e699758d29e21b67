"""Admin pages for areas, agencies and pokja (placeholder, being built)."""
from flask_login import login_required

from rbtasks.organisation import bp


@bp.route("/areas")
@login_required
def list_areas():
    return "todo"


@bp.route("/agencies")
@login_required
def list_agencies():
    return "todo"


@bp.route("/pokjas")
@login_required
def list_pokjas():
    return "todo"
