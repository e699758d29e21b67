"""Admin pages for user accounts (placeholder, being built)."""
from flask_login import login_required

from rbtasks.accounts import bp


@bp.route("/admin/users")
@login_required
def list_users():
    return "todo"
