"""Settings: the reminder policy and the working-day calendar, for admins."""
from flask import Blueprint

bp = Blueprint("settings", __name__, url_prefix="/admin/settings")

from rbtasks.settings import routes  # noqa: E402,F401
