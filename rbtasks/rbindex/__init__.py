"""The province's RB index by year: records, grades and the admin page."""
from flask import Blueprint

bp = Blueprint("rbindex", __name__, url_prefix="/admin/index-scores")

from rbtasks.rbindex import routes  # noqa: E402,F401
