"""The list envelope every paginated API endpoint answers with."""


def page_envelope(pagination, dump):
    """``{"data": [...], "meta": {page, per_page, total, pages}}`` for a
    Flask-SQLAlchemy page, each row turned into JSON by ``dump``."""
    return {
        "data": [dump(row) for row in pagination.items],
        "meta": {"page": pagination.page, "per_page": pagination.per_page,
                 "total": pagination.total, "pages": pagination.pages},
    }
