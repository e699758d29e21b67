"""JSON endpoints for RB index records: every token reads, admins write."""
from flask import jsonify, url_for

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import (
    api_user, created, json_body, no_content, page_args, page_envelope, parse,
)
from rbtasks.api.spec import operation, page_of, path_id, query, ref
from rbtasks.extensions import db
from rbtasks.paging import Page
from rbtasks.rbindex import services
from rbtasks.rbindex.schemas import IndexScoreCreate, IndexScoreOut, IndexScoreUpdate
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/index-scores")
def list_index_scores():
    records = services.list_index_scores(api_user())
    page = Page.of(records, **page_args(default_per_page=100))
    return jsonify(page_envelope(page, IndexScoreOut.dump))


@routes.post("/index-scores")
def create_index_score():
    values = parse(IndexScoreCreate, json_body())
    record = services.create_index_score(api_user(), values, utc_now())
    db.session.commit()
    return created(IndexScoreOut.dump(record), url_for("api.update_index_score", id=record.id))


@routes.patch("/index-scores/<int:id>")
def update_index_score(id):
    changes = parse(IndexScoreUpdate, json_body(), partial=True)
    record = services.update_index_score(api_user(), id, changes, utc_now())
    db.session.commit()
    return jsonify(IndexScoreOut.dump(record))


@routes.delete("/index-scores/<int:id>")
def delete_index_score(id):
    services.delete_index_score(api_user(), id)
    db.session.commit()
    return no_content()


OPENAPI_PATHS = {
    "/index-scores": {
        "get": operation(
            "The province's RB index by year, oldest first, with each score's grade", "rbindex",
            {200: page_of(IndexScoreOut)},
            parameters=[query("page", {"type": "integer", "minimum": 1}),
                        query("per_page", {"type": "integer", "minimum": 1, "maximum": 100})],
            errors=(401, 422)),
        "post": operation("Record a year's score and/or target (admins)", "rbindex",
                          {201: ref(IndexScoreOut)}, request=IndexScoreCreate,
                          errors=(400, 401, 403, 422)),
    },
    "/index-scores/{id}": {
        "parameters": [path_id()],
        "patch": operation("Change some fields of a year's record (admins)", "rbindex",
                           {200: ref(IndexScoreOut)}, request=IndexScoreUpdate,
                           errors=(400, 401, 403, 404, 422)),
        "delete": operation("Delete a year's record (admins)", "rbindex", {204: None},
                            errors=(401, 403, 404)),
    },
}
