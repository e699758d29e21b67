"""Sign-in pages."""
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from rbtasks.accounts import bp
from rbtasks.accounts.forms import LoginForm
from rbtasks.accounts.services import authenticate
from rbtasks.extensions import limiter


def _login_limit():
    return current_app.config["RBTASKS_LOGIN_RATE_LIMIT"]


def _safe_next(target):
    """Only same-site relative paths may be redirected to after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("items.my_items"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Email or password is wrong."), "error")
        else:
            session.clear()
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for("items.my_items"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/lang/<code>", methods=["POST"])
def choose_language(code):
    """Language for visitors who have not signed in (the login page's switch)."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")) or url_for("accounts.login"))


@bp.route("/profile")
@login_required
def profile():
    return "todo"


@bp.route("/forgot-password")
def forgot_password():
    return "todo"

