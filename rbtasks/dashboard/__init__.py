"""The dashboard: the plan's numbers, charts and deadlines for the user's scope."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, static_folder="static",
               static_url_path="/dashboard/static")


@bp.app_template_filter("number")
def _number_filter(value, places=2):
    from rbtasks.dashboard.formatting import number

    return number(value, places)


from rbtasks.dashboard import routes  # noqa: E402,F401
