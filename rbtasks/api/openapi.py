"""The OpenAPI 3 document (being built)."""
from flask import jsonify

from rbtasks.api import api_bp


@api_bp.get("/openapi.json")
def openapi_document():
    return jsonify({"openapi": "3.1.0", "info": {"title": "rbtasks", "version": "1"}, "paths": {}})
