"""Signing in and out, forgotten passwords, and the guard that ends a
session once its password has changed or its account was deactivated."""
import hmac
from urllib.parse import urlsplit

from flask import (Blueprint, after_this_request, current_app, flash, redirect,
                   render_template, request, session, url_for)
from flask_babel import gettext as _
from flask_login import (current_user, login_required, login_user, logout_user,
                         user_loaded_from_cookie)

from rbtasks.accounts import passwords
from rbtasks.accounts.forms import ForgotPasswordForm, LoginForm, ResetPasswordForm
from rbtasks.web import show_errors
from rbtasks.accounts.services import authenticate, keep_sign_in_language
from rbtasks.errors import ValidationError
from rbtasks.extensions import db, limiter
from rbtasks.i18n import LANGUAGES
from rbtasks.timeutil import utc_now

bp = Blueprint("accounts", __name__)

# The session remembers the fingerprint of the password it signed in with; a
# "keep me signed in" cookie has a twin carrying the same fingerprint.
FINGERPRINT_KEY = "_pwfp"
FINGERPRINT_COOKIE = "rbtasks_pwfp"


def _login_limit():
    return current_app.config["RBTASKS_LOGIN_RATE_LIMIT"]


def _reset_limit():
    return current_app.config.get("RBTASKS_PASSWORD_RESET_RATE_LIMIT") or _login_limit()


def _failed_sign_in(response):
    # Only failures count, so an office of colleagues behind one address can
    # all sign in at 07:30.
    return response.status_code != 302


def _safe_next(target):
    """Only same-site relative paths may be redirected to after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\evil.example" as "//evil.example" and drop tabs and
    # newlines, so any backslash or control character disqualifies the target.
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def remember_password(user, remember=None):
    """Tie the current session (and a "keep me signed in" cookie) to the
    user's current password; called on sign-in and after a password change."""
    fingerprint = passwords.password_fingerprint(user)
    session[FINGERPRINT_KEY] = fingerprint
    if remember is None:
        cookie_name = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        remember = cookie_name in request.cookies
    if not remember:
        return

    @after_this_request
    def set_cookie(response):
        config = current_app.config
        duration = config.get("REMEMBER_COOKIE_DURATION")
        max_age = int(duration.total_seconds()) if duration else 365 * 24 * 3600
        response.set_cookie(FINGERPRINT_COOKIE, fingerprint, max_age=max_age,
                            secure=config.get("REMEMBER_COOKIE_SECURE", False),
                            httponly=True, samesite=config.get("REMEMBER_COOKIE_SAMESITE"))
        return response


def _sign_out():
    # Clear first: logout_user() leaves the instruction that deletes the
    # "keep me signed in" cookie in the session.
    session.clear()
    logout_user()

    @after_this_request
    def delete_cookie(response):
        response.delete_cookie(FINGERPRINT_COOKIE)
        return response


@user_loaded_from_cookie.connect
def _bind_restored_session(app, user=None, **_extra):
    # Flask-Login 0.6 restores a session from the "keep me signed in" cookie
    # without the client identifier that login_user() records, so with
    # session_protection "strong" the very next request would wipe it again.
    session["_id"] = app.login_manager._session_identifier_generator()


@bp.before_app_request
def end_outdated_session():
    """Sign out a session whose password has since been changed."""
    if request.blueprint == "api" or request.endpoint in (None, "static"):
        return None
    if not current_user.is_authenticated:
        return None
    expected = passwords.password_fingerprint(current_user)
    held = session.get(FINGERPRINT_KEY) or request.cookies.get(FINGERPRINT_COOKIE) or ""
    if hmac.compare_digest(held.encode("utf-8"), expected.encode("utf-8")):
        session[FINGERPRINT_KEY] = expected
        return None
    _sign_out()
    flash(_("Your password was changed. Please sign in again."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed_sign_in)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.show_dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Email or password is wrong."), "error")
        else:
            chosen_language = session.get("lang")
            session.clear()
            keep_sign_in_language(user, chosen_language)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            remember_password(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for("dashboard.show_dashboard"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    _sign_out()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/lang/<code>", methods=["POST"])
def choose_language(code):
    """Language for visitors who have not signed in (the login page's switch)."""
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")) or url_for("accounts.login"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        passwords.request_password_reset(form.email.data, now=utc_now())
        db.session.commit()
        minutes = int(passwords.reset_max_age().total_seconds() // 60)
        flash(_("If an active account uses %(email)s, we have sent it a link to choose a new "
                "password. The link works once, within %(minutes)d minutes.",
                email=form.email.data.strip(), minutes=minutes), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    now = utc_now()
    try:
        passwords.find_reset_token(token, now)
    except passwords.ResetLinkInvalid as error:
        status = 404 if error.reason == "unknown" else 410
        return render_template("accounts/reset_password.html", invalid=error), status
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            passwords.reset_password(token, form.password.data, form.confirm.data, now)
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, error, summary=False)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Sign in with the new password."),
                  "success")
            return redirect(url_for("accounts.login"))
    status = 422 if form.errors else 200
    return render_template("accounts/reset_password.html", form=form), status
