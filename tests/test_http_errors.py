"""A request that loses a race to a database constraint answers 409, not 500."""
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from rbtasks.organisation.models import Agency


def _lose_a_race(db):
    db.session.add(Agency(name="B", code="DUPLIKAT", head_name="X"))
    try:
        db.session.commit()
    except IntegrityError as error:
        return error
    raise AssertionError("the duplicate code was accepted")


def test_unique_violation_is_a_409_json_error_under_the_api(app, make_agency, db):
    make_agency(code="DUPLIKAT")
    with app.test_request_context("/api/v1/agencies", method="POST"):
        error = _lose_a_race(db)
        response = app.make_response(app.handle_user_exception(error))
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"
    assert db.session.scalar(sa.select(sa.func.count(Agency.id))) == 1


def test_unique_violation_is_a_409_page_elsewhere(app, make_agency, db):
    make_agency(code="DUPLIKAT")
    with app.test_request_context("/admin/agencies/new", method="POST"):
        error = _lose_a_race(db)
        response = app.make_response(app.handle_user_exception(error))
    assert response.status_code == 409
    assert response.mimetype == "text/html"
