"""Evidence: see README's workflow section."""
from flask import Blueprint

bp = Blueprint("evidence", __name__)

from rbtasks.evidence import routes  # noqa: E402,F401
