"""The item page: shown after a GET, and again in place after a refused action on it.

When a form on the item page is refused (a submission without evidence, an
upload of the wrong type), the page is drawn again with that form open, its
messages beside it and what the user typed still in it, and the form's own
anchor in the address (each form posts to ``…#<form id>``), so the browser
scrolls to the form that failed rather than to a message at the top.
"""
from dataclasses import dataclass, field

from flask import render_template

from rbtasks.items import services
from rbtasks.items.forms import CommentForm, DeleteForm
from rbtasks.items.panels import item_panels
from rbtasks.items.permissions import can_comment, can_manage, editable_fields
from rbtasks.timeutil import local_today
from rbtasks.web import place_errors


@dataclass
class FailedForm:
    """A refused form of the item page. ``form_id`` is its id on the page (``workflow-submit``,
    ``evidence-file``; a panel's own id when the form is no longer offered); ``messages``
    are shown at the form, ``values`` refill inputs the template writes itself, and
    ``form`` is the posted WTForms form when the template renders one (it keeps its own
    values and field messages)."""

    form_id: str
    messages: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    form: object = None

    @classmethod
    def from_error(cls, form_id, error, form=None, values=None):
        """From a DomainError: field messages go on the form's fields where it has them."""
        messages = list(dict.fromkeys(place_errors(form, error)))
        if not error.fields:
            messages.append(error.message)
        return cls(form_id, messages, values or {}, form)


def render_item_page(actor, item, now, failed=None, status=200):
    """The item page for ``actor``; ``failed`` is the form to show again, refused."""
    return render_template(
        "items/detail.html", item=item, today=local_today(now), failed=failed,
        **item_panels(actor, item, now),
        comments=services.item_comments(item), activity=services.item_activity(item),
        comment_form=failed.form if failed and failed.form_id == "comment-form" else CommentForm(),
        delete_form=DeleteForm(),
        may_edit=bool(editable_fields(actor, item)),
        may_delete=can_manage(actor, item), may_comment=can_comment(actor, item),
    ), status
