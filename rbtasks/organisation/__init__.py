"""Organisation: areas of change, agencies (Perangkat Daerah) and pokja."""
from flask import Blueprint

bp = Blueprint("organisation", __name__, url_prefix="/admin")

from rbtasks.organisation import routes  # noqa: E402,F401
