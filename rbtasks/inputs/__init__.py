"""What the app accepts from outside, whatever the route.

Hostile or broken input — an id no database can store, a NUL character, a
body nested 50,000 levels deep or with a repeated key, an absurdly long
address — is refused with a 4xx in the app's own format before it reaches a
service or the database, never with a 500. :func:`init_app` installs the
parts every route shares: the bounded ``<int:…>`` converter and the request
guard; the API reads JSON through :func:`rbtasks.inputs.json_body.parse_json`.
"""


def init_app(app):
    """Call before the blueprints are registered: their routes use the converter."""
    from rbtasks.inputs.guard import check_request
    from rbtasks.inputs.ids import IdConverter

    app.url_map.converters["int"] = IdConverter
    app.before_request(check_request)
