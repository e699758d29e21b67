from flask import redirect, url_for
from flask_login import login_required

from rbtasks.items import bp


@bp.route("/")
@login_required
def home():
    return redirect(url_for("items.my_items"))


@bp.route("/items")
@login_required
def list_items():
    return "todo"


@bp.route("/my-items")
@login_required
def my_items():
    return "todo"
