"""Realisation: see README's workflow section."""
from flask import Blueprint

bp = Blueprint("realisation", __name__)

from rbtasks.realisation import routes  # noqa: E402,F401
