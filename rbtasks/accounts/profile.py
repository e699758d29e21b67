"""The signed-in user's own pages: profile, language and phone, password
and API tokens."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.accounts.routes import bp
from rbtasks.accounts.forms import ApiTokenForm, ChangePasswordForm, ProfileForm
from rbtasks.accounts.sections import profile_sections
from rbtasks.web import show_errors
from rbtasks.accounts.routes import _login_limit, remember_password
from rbtasks.accounts.services import change_password as change_password_service
from rbtasks.accounts.services import update_own_settings
from rbtasks.roles import COORDINATOR
from rbtasks.accounts.tokens import create_api_token, list_api_tokens, revoke_api_token
from rbtasks.digest.services import set_digest_preference
from rbtasks.errors import ValidationError
from rbtasks.extensions import db, limiter
from rbtasks.timeutil import utc_now


def _profile_page(settings_form=None, token_form=None, status=200):
    user = current_user._get_current_object()
    return render_template(
        "accounts/profile.html",
        user=user,
        settings_form=settings_form or ProfileForm(obj=user),
        token_form=token_form or ApiTokenForm(),
        tokens=list_api_tokens(user),
        **profile_sections(user, utc_now()),
    ), status


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if not form.validate_on_submit():
        return _profile_page(settings_form=form, status=422 if form.errors else 200)
    try:
        update_own_settings(current_user, form.locale.data, form.phone.data,
                            bool(form.whatsapp_opt_in.data))
        if current_user.role == COORDINATOR:  # an absent checkbox posts False
            set_digest_preference(current_user, bool(form.wants_digest.data))
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error, summary=False)
        return _profile_page(settings_form=form, status=422)
    db.session.commit()
    flash(_("Your settings have been saved."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"], deduct_when=lambda r: r.status_code != 302)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password_service(current_user, form.current_password.data,
                                    form.new_password.data)
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, error, summary=False)
        else:
            db.session.commit()
            remember_password(current_user)
            flash(_("Your password has been changed. Your other sessions have been "
                    "signed out."), "success")
            return redirect(url_for("accounts.profile"))
    status = 422 if form.errors else 200
    return render_template("accounts/change_password.html", form=form), status


@bp.route("/profile/tokens", methods=["POST"])
@login_required
def create_token():
    form = ApiTokenForm()
    if not form.validate_on_submit():
        return _profile_page(token_form=form, status=422)
    token, plain = create_api_token(current_user, form.name.data, utc_now())
    db.session.commit()
    # Rendered, not redirected: the plain token must never pass through the session.
    return render_template("accounts/token_created.html", token=token, plain=plain)


@bp.route("/profile/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    if not revoke_api_token(current_user, token_id, utc_now()):
        abort(404)
    db.session.commit()
    flash(_("The token has been revoked. Programs using it can no longer sign in."),
          "success")
    return redirect(url_for("accounts.profile"))
