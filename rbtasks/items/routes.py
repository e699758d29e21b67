"""Pages for action items: the list, my tasks, detail, create, edit, delete, comment."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_number, gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import DomainError, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import whole_number
from rbtasks.inbox.services import PANEL_SIZE, needs_action_page
from rbtasks.items import choices, queries, services
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.forms import CommentForm, DeleteForm, ItemForm
from rbtasks.paging import COUNT_LIMIT
from rbtasks.items.permissions import can_create_in, can_manage, editable_fields
from rbtasks.items.page import FailedForm, render_item_page
from rbtasks.timeutil import local_today, utc_now
from rbtasks.web import show_errors

bp = Blueprint("items", __name__)

CREATE_FIELDS = ("title", "description", "output", "indicator", "target", "unit", "pokja_id",
                 "agency_id", "owner_id", "start_date", "due_date", "progress", "priority",
                 "budget")


@bp.route("/")
@login_required
def home():
    return redirect(url_for("dashboard.show_dashboard"))


@bp.route("/items")
@login_required
def list_items():
    now = utc_now()
    try:
        filters, sort, page_number, per_page = queries.filters_from_args(request.args)
        page = queries.list_items(current_user, filters, now, sort, page_number, per_page)
        errors = {}
    except ValidationError as error:
        filters, sort, page, errors = queries.ItemFilters(), "due_date", None, error.fields
    pokjas, agencies, owners = choices.list_filter_options(current_user, filters.agency_id,
                                                           filters.owner_id)
    return render_template(
        "items/list.html", page=page, filters=filters, sort=sort, errors=errors,
        today=local_today(now), pokja_choices=[(p.id, p.name) for p in pokjas],
        agencies=agencies, owners=owners, statuses=STATUS_LABELS,
        shown_total=format_number(min(page.total, COUNT_LIMIT)) if page else "",
        can_create=bool(choices.pokjas_for_new_items(current_user)),
    )


@bp.route("/my-items")
@login_required
def my_items():
    now = utc_now()
    page = queries.list_my_items(current_user, now)
    return render_template("items/my_items.html", page=page, today=local_today(now),
                           inbox=needs_action_page(current_user, now, per_page=PANEL_SIZE))


def _fill_choices(form, actor, pokjas):
    form.pokja_id.choices = [(p.id, p.name) for p in pokjas]
    form.agency_id.choices = [(a.id, a.name) for a in choices.all_agencies()]
    form.owner_id.choices = [(None, _("— nobody yet —"))] + [
        (u.id, f"{u.name} ({u.agency.name})" if u.agency else u.name)
        for u in choices.active_users()
    ]


@bp.route("/items/new", methods=["GET", "POST"])
@login_required
def new_item():
    pokjas = choices.pokjas_for_new_items(current_user)
    if not pokjas:
        abort(403)
    form = ItemForm()
    _fill_choices(form, current_user, pokjas)
    posted_pokja = (request.form.get("pokja_id", type=whole_number)
                    if request.method == "POST" else None)
    if posted_pokja is not None and not can_create_in(current_user, posted_pokja):
        abort(403)  # the same answer the API gives; the form never offers it
    if request.method == "GET":
        preset = request.args.get("pokja_id", type=whole_number)
        if preset and can_create_in(current_user, preset):
            form.pokja_id.data = preset
    if form.validate_on_submit():
        try:
            item = services.create_item(current_user, form.values(CREATE_FIELDS), utc_now())
        except ValidationError as error:
            show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Action item created."), "success")
            return redirect(url_for("items.show_item", item_id=item.id))
    return render_template("items/form.html", form=form, item=None)


@bp.route("/items/<int:item_id>")
@login_required
def show_item(item_id):
    return render_item_page(current_user, queries.get_item(current_user, item_id), utc_now())


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(item_id):
    item = queries.get_item(current_user, item_id)
    allowed = editable_fields(current_user, item)
    if not allowed:
        abort(403)
    form = ItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = item.version
    pokjas = choices.pokjas_for_new_items(current_user) if "pokja_id" in allowed else []
    _fill_choices(form, current_user, pokjas)
    if "owner_id" in allowed and not can_manage(current_user, item):
        form.owner_id.choices = [(None, _("— nobody yet —"))] + [
            (u.id, u.name) for u in choices.active_users(agency_id=item.agency_id)
        ]
    for name in list(form._fields):
        if name not in allowed and name not in ("version", "csrf_token"):
            delattr(form, name)
    if form.validate_on_submit():
        try:
            version = int(form.version.data)
        except (TypeError, ValueError):
            version = None
        try:
            services.update_item(current_user, item, form.values(allowed), version, utc_now())
        except DomainError as error:
            if isinstance(error, ValidationError):
                show_errors(form, error)
            else:
                db.session.rollback()
                flash(error.message, "error")
                return render_template("items/form.html", form=form, item=item), error.status
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("items.show_item", item_id=item.id))
    return render_template("items/form.html", form=form, item=item)


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_item(item_id):
    item = queries.get_item(current_user, item_id)
    form = DeleteForm()
    if not form.validate_on_submit():
        abort(400)
    services.delete_item(current_user, item, utc_now())
    db.session.commit()
    flash(_("Action item deleted."), "success")
    return redirect(url_for("items.list_items"))


@bp.route("/items/<int:item_id>/comments", methods=["POST"])
@login_required
def add_comment(item_id):
    item = queries.get_item(current_user, item_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return render_item_page(current_user, item, utc_now(),
                                FailedForm("comment-form", form=form), status=422)
    services.add_comment(current_user, item, form.body.data, utc_now())
    db.session.commit()
    flash(_("Comment added."), "success")
    return redirect(url_for("items.show_item", item_id=item.id, _anchor="comments"))
