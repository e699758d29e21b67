"""Admin pages for areas of change, agencies and pokja (admins only)."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from rbtasks.accounts import users
from rbtasks.organisation import services
from rbtasks.organisation.forms import AgencyForm, AreaForm, PokjaForm
from rbtasks.web import admin_page, requested_page, save_form

bp = Blueprint("organisation", __name__, url_prefix="/admin")


def _per_page():
    return current_app.config["RBTASKS_ITEMS_PER_PAGE"]


# ---- areas -----------------------------------------------------------------

@bp.route("/areas")
@admin_page
def list_areas():
    areas = services.list_areas(current_user, page=requested_page(), per_page=100)
    return render_template("organisation/areas.html", areas=areas)


@bp.route("/areas/new", methods=["GET", "POST"])
@admin_page
def new_area():
    form = AreaForm()
    if save_form(form, lambda: services.create_area(current_user, **form.values())):
        flash(_("The area was saved."), "success")
        return redirect(url_for(".list_areas"))
    return render_template("organisation/form.html", form=form, title=_("New area"),
                           back=url_for(".list_areas"))


@bp.route("/areas/<int:area_id>/edit", methods=["GET", "POST"])
@admin_page
def edit_area(area_id):
    area = services.get_area(current_user, area_id)
    form = AreaForm(obj=area)
    if save_form(form, lambda: services.update_area(current_user, area.id, **form.values())):
        flash(_("The area was saved."), "success")
        return redirect(url_for(".list_areas"))
    return render_template("organisation/form.html", form=form,
                           title=_("Edit area %(name)s", name=area.name),
                           back=url_for(".list_areas"))


# ---- agencies --------------------------------------------------------------

@bp.route("/agencies")
@admin_page
def list_agencies():
    q = request.args.get("q", "")
    agencies = services.list_agencies(current_user, q=q, page=requested_page(),
                                      per_page=_per_page())
    return render_template("organisation/agencies.html", agencies=agencies, q=q)


@bp.route("/agencies/new", methods=["GET", "POST"])
@admin_page
def new_agency():
    form = AgencyForm()
    form.set_choices(services.agency_options(current_user))
    if save_form(form, lambda: services.create_agency(current_user, **form.values())):
        flash(_("The agency was saved."), "success")
        return redirect(url_for(".list_agencies"))
    return render_template("organisation/form.html", form=form, title=_("New agency"),
                           back=url_for(".list_agencies"))


@bp.route("/agencies/<int:agency_id>/edit", methods=["GET", "POST"])
@admin_page
def edit_agency(agency_id):
    agency = services.get_agency(current_user, agency_id)
    form = AgencyForm(obj=agency)
    form.set_choices(services.agency_options(current_user), editing=agency)
    if save_form(form, lambda: services.update_agency(current_user, agency.id, **form.values())):
        flash(_("The agency was saved."), "success")
        return redirect(url_for(".list_agencies"))
    return render_template("organisation/form.html", form=form,
                           title=_("Edit agency %(name)s", name=agency.name),
                           back=url_for(".list_agencies"))


# ---- pokja -----------------------------------------------------------------

@bp.route("/pokjas")
@admin_page
def list_pokjas():
    pokjas = services.list_pokjas(current_user, page=requested_page(), per_page=_per_page())
    return render_template("organisation/pokjas.html", pokjas=pokjas)


@bp.route("/pokjas/new", methods=["GET", "POST"])
@admin_page
def new_pokja():
    form = PokjaForm()
    form.set_choices(services.area_options(current_user),
                     services.agency_options(current_user),
                     users.user_options(current_user))
    if save_form(form, lambda: services.create_pokja(current_user, **form.values())):
        flash(_("The pokja was saved."), "success")
        return redirect(url_for(".list_pokjas"))
    return render_template("organisation/form.html", form=form, title=_("New pokja"),
                           back=url_for(".list_pokjas"))


@bp.route("/pokjas/<int:pokja_id>/edit", methods=["GET", "POST"])
@admin_page
def edit_pokja(pokja_id):
    pokja = services.get_pokja(current_user, pokja_id)
    form = PokjaForm(obj=pokja)
    if request.method == "GET":
        form.load(pokja)
    form.set_choices(services.area_options(current_user, include=pokja.area),
                     services.agency_options(current_user),
                     users.user_options(current_user, include=[*pokja.coordinators,
                                                                *pokja.members]))
    if save_form(form, lambda: services.update_pokja(current_user, pokja.id, **form.values())):
        flash(_("The pokja was saved."), "success")
        return redirect(url_for(".list_pokjas"))
    # The name is shown on its own: most already begin with "Pokja".
    return render_template("organisation/form.html", form=form, title=_("Edit pokja"),
                           subtitle=pokja.name, back=url_for(".list_pokjas"))
