"""Workflow: see README's workflow section."""
from flask import Blueprint

bp = Blueprint("workflow", __name__)

from rbtasks.workflow import routes  # noqa: E402,F401
