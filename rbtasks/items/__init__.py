"""Action items: the rows of a rencana aksi, their comments and history."""
from flask import Blueprint

bp = Blueprint("items", __name__)

from rbtasks.items import routes  # noqa: E402,F401
