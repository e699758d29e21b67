"""Admin pages for user accounts (admins only)."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from rbtasks.accounts import users
from rbtasks.accounts.routes import bp
from rbtasks.roles import ROLES
from rbtasks.accounts.user_forms import EditUserForm, NewUserForm
from rbtasks.inputs.ids import whole_number
from rbtasks.organisation import services as organisation_services
from rbtasks.web import admin_page, requested_page, save_form
from rbtasks.timeutil import utc_now


@bp.route("/admin/users")
@admin_page
def list_users():
    filters = {
        "q": request.args.get("q", "").strip(),
        "role": request.args.get("role") if request.args.get("role") in ROLES else "",
        "agency_id": request.args.get("agency_id", type=whole_number),
    }
    page = users.list_users(
        current_user, q=filters["q"], role=filters["role"] or None,
        agency_id=filters["agency_id"],
        page=requested_page(), per_page=current_app.config["RBTASKS_ITEMS_PER_PAGE"],
    )
    return render_template(
        "accounts/users_list.html", users=page, filters=filters, roles=ROLES,
        agencies=organisation_services.agency_options(current_user),
        pager_args={name: value for name, value in filters.items() if value},
    )


@bp.route("/admin/users/new", methods=["GET", "POST"])
@admin_page
def new_user():
    form = NewUserForm()
    form.set_choices(organisation_services.agency_options(current_user))
    if save_form(form, lambda: users.create_user(current_user, now=utc_now(), **form.values())):
        flash(_("The user was created."), "success")
        return redirect(url_for(".list_users"))
    return render_template("accounts/users_form.html", form=form, title=_("New user"))


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@admin_page
def edit_user(user_id):
    user = users.get_user(current_user, user_id)
    form = EditUserForm(obj=user)
    form.set_choices(organisation_services.agency_options(current_user))
    if save_form(form, lambda: users.update_user(current_user, user.id, **form.values())):
        flash(_("The user was saved."), "success")
        return redirect(url_for(".list_users"))
    return render_template("accounts/users_form.html", form=form,
                           title=_("Edit user %(name)s", name=user.name))
