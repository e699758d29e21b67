"""The OpenAPI 3.1 document at /api/v1/openapi.json.

Assembled from each feature's ``OPENAPI_PATHS`` (written beside the
endpoints) and the pydantic models they validate with; a test checks that
it lists exactly the routes the app serves and that real responses match.
"""
from flask import current_app, jsonify

from rbtasks.api.routing import ApiRoutes, declared_openapi_paths
from rbtasks.api.spec import COMPONENTS, ERROR_SCHEMA, operation

routes = ApiRoutes()


def build_document(app, base_url=""):
    paths = {
        "/openapi.json": {
            "get": operation("This document", "meta", {200: {"type": "object"}}, errors=()),
        },
        **declared_openapi_paths(app),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "rbtasks API",
            "version": "1",
            "description": (
                "Action items (rencana aksi) of a Reformasi Birokrasi plan, their pokja, "
                "agencies and users. Authenticate with `Authorization: Bearer <token>`; "
                "create a token on your profile page or with `flask rb token --email ...`. "
                "Dates are YYYY-MM-DD calendar dates in the province's time zone; "
                "timestamps are ISO 8601 with an offset."
            ),
        },
        "servers": [{"url": f"{base_url.rstrip('/')}/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {path: spec for path, spec in sorted(paths.items())},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR_SCHEMA, **COMPONENTS},
        },
    }


@routes.get("/openapi.json")
def openapi_document():
    app = current_app._get_current_object()
    document = build_document(app, app.config.get("RBTASKS_BASE_URL", ""))
    document["paths"]["/openapi.json"]["get"]["security"] = []
    return jsonify(document)
