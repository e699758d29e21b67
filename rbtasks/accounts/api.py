"""JSON endpoints for user accounts: list, create, read, change.

Any token may read (owners are picked from this list); only an admin's token
may create or change a user — the same services the admin pages call.
"""
from flask import jsonify, request, url_for

from rbtasks.accounts import users
from rbtasks.roles import ROLES
from rbtasks.accounts.schemas import UserCreate, UserOut, UserUpdate
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import (
    PAGE_PARAMETERS, api_user, created, json_body, page_args, page_envelope, parse, query_int,
)
from rbtasks.api.spec import operation, page_of, path_id, query, ref
from rbtasks.extensions import db
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/users")
def list_users():
    page = users.list_users(
        api_user(), role=request.args.get("role") or None, q=request.args.get("q"),
        agency_id=query_int("agency_id"), **page_args(),
    )
    return jsonify(page_envelope(page, UserOut.dump))


@routes.post("/users")
def create_user():
    user = users.create_user(api_user(), now=utc_now(), **parse(UserCreate, json_body()))
    db.session.commit()
    return created(UserOut.dump(user), url_for("api.get_user", id=user.id))


@routes.get("/users/<int:id>")
def get_user(id):
    return jsonify(UserOut.dump(users.get_user(api_user(), id)))


@routes.patch("/users/<int:id>")
def update_user(id):
    user = users.update_user(api_user(), id, **parse(UserUpdate, json_body(), partial=True))
    db.session.commit()
    return jsonify(UserOut.dump(user))


OPENAPI_PATHS = {
    "/users": {
        "get": operation(
            "List users", "Users", {200: page_of(UserOut)},
            parameters=(*PAGE_PARAMETERS,
                        query("role", {"type": "string", "enum": list(ROLES)}, "Only this role"),
                        query("agency_id", {"type": "integer", "minimum": 1},
                              "Only this agency's users"),
                        query("q", {"type": "string", "maxLength": 200},
                              "Text in the name or email")),
            errors=(401, 422),
        ),
        "post": operation("Create a user with an initial password", "Users", {201: ref(UserOut)},
                          request=UserCreate, errors=(401, 403, 409, 422)),
    },
    "/users/{id}": {
        "get": operation("One user", "Users", {200: ref(UserOut)}, parameters=[path_id()],
                         errors=(401, 404)),
        "patch": operation("Change some fields of a user", "Users", {200: ref(UserOut)},
                           request=UserUpdate, parameters=[path_id()],
                           errors=(401, 403, 404, 409, 422)),
    },
}
