"""The outbox: planned emails, their delivery, and the notification log."""
from flask import Blueprint

bp = Blueprint("outbox", __name__)

from rbtasks.outbox import routes  # noqa: E402,F401
