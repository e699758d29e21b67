"""Deadlines: see README's workflow section."""
from flask import Blueprint

bp = Blueprint("deadlines", __name__)

from rbtasks.deadlines import routes  # noqa: E402,F401
