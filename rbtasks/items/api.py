"""JSON endpoints for action items, their comments and history."""
from flask import jsonify, request, url_for

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import (
    api_user, counted_page_envelope, created, json_body, no_content, parse,
)
from rbtasks.api.spec import counted_page_of, list_of, operation, path_id, ref
from rbtasks.extensions import db
from rbtasks.items import queries, services
from rbtasks.items.schemas import (
    ActivityOut,
    CommentCreate,
    CommentOut,
    ItemCreate,
    ItemOut,
    ItemUpdate,
    LIST_PARAMETERS,
    activity_to_dict,
    comment_to_dict,
    item_to_dict,
)
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/items")
def list_items():
    filters, sort, page_number, per_page = queries.filters_from_args(request.args)
    cursor = queries.cursor_from_args(request.args)
    page = queries.list_items(api_user(), filters, utc_now(), sort, page_number, per_page,
                              cursor=cursor)
    return jsonify(counted_page_envelope(page, item_to_dict, numbered=cursor is None))


@routes.post("/items")
def create_item():
    values = parse(ItemCreate, json_body())
    values = {name: value for name, value in values.items() if value is not None}
    item = services.create_item(api_user(), values, utc_now())
    db.session.commit()
    return created(item_to_dict(item), url_for("api.get_item", item_id=item.id))


@routes.get("/items/<int:item_id>")
def get_item(item_id):
    return jsonify(item_to_dict(queries.get_item(api_user(), item_id)))


@routes.patch("/items/<int:item_id>")
def update_item(item_id):
    item = queries.get_item(api_user(), item_id)
    values = parse(ItemUpdate, json_body(), partial=True)
    version = values.pop("version")
    services.update_item(api_user(), item, values, version, utc_now())
    db.session.commit()
    return jsonify(item_to_dict(item))


@routes.delete("/items/<int:item_id>")
def delete_item(item_id):
    item = queries.get_item(api_user(), item_id)
    services.delete_item(api_user(), item, utc_now())
    db.session.commit()
    return no_content()


@routes.get("/items/<int:item_id>/comments")
def list_comments(item_id):
    item = queries.get_item(api_user(), item_id)
    return jsonify([comment_to_dict(c) for c in services.item_comments(item)])


@routes.post("/items/<int:item_id>/comments")
def add_comment(item_id):
    item = queries.get_item(api_user(), item_id)
    values = parse(CommentCreate, json_body())
    comment = services.add_comment(api_user(), item, values["body"], utc_now())
    db.session.commit()
    return created(comment_to_dict(comment))


@routes.get("/items/<int:item_id>/activity")
def list_activity(item_id):
    item = queries.get_item(api_user(), item_id)
    return jsonify([activity_to_dict(e) for e in services.item_activity(item)])


OPENAPI_PATHS = {
    "/items": {
        "get": operation("List the action items the token's user may see (counted up to "
                         "10,000; read on with meta.next_cursor)", "items",
                         {200: counted_page_of(ItemOut)}, parameters=LIST_PARAMETERS,
                         errors=(401, 422)),
        "post": operation("Create an action item", "items", {201: ref(ItemOut)},
                          request=ItemCreate, errors=(400, 401, 403, 422)),
    },
    "/items/{item_id}": {
        "parameters": [path_id("item_id")],
        "get": operation("One action item", "items", {200: ref(ItemOut)}, errors=(401, 404)),
        "patch": operation("Change some fields of an action item", "items", {200: ref(ItemOut)},
                           request=ItemUpdate, errors=(400, 401, 403, 404, 409, 422)),
        "delete": operation("Delete an action item", "items", {204: None},
                            errors=(401, 403, 404)),
    },
    "/items/{item_id}/comments": {
        "parameters": [path_id("item_id")],
        "get": operation("Comments on an item, oldest first", "items",
                         {200: list_of(CommentOut)}, errors=(401, 404)),
        "post": operation("Comment on an item", "items", {201: ref(CommentOut)},
                          request=CommentCreate, errors=(400, 401, 403, 404, 422)),
    },
    "/items/{item_id}/activity": {
        "parameters": [path_id("item_id")],
        "get": operation("The item's history, newest first", "items",
                         {200: list_of(ActivityOut)}, errors=(401, 404)),
    },
}
