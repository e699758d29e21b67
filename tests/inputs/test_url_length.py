"""Issue 9: an over-long address is answered in the app's own format (the
JSON envelope under /api/, the error page elsewhere), not by a crash."""
from rbtasks.inputs.guard import MAX_URL_LENGTH


def test_an_api_query_beyond_the_limit_is_a_414_json_error(api, make_user):
    client = api(make_user(role="admin", agency=None))
    response = client.get("/api/v1/items?q=" + "a" * MAX_URL_LENGTH)
    assert response.status_code == 414
    assert response.get_json()["error"]["code"] == "uri_too_long"


def test_an_api_path_beyond_the_limit_is_a_414_json_error(api, make_user):
    client = api(make_user(role="admin", agency=None))
    response = client.get("/api/v1/" + "a" * MAX_URL_LENGTH)
    assert response.status_code == 414
    assert response.get_json()["error"]["message"] == "The address is too long."


def test_a_page_query_beyond_the_limit_is_the_414_error_page(login, make_user):
    client = login(make_user(role="admin", agency=None))
    response = client.get("/items?" + "pokja_id=1&" * MAX_URL_LENGTH)
    assert response.status_code == 414
    assert response.mimetype == "text/html"
    assert "The address is too long." in response.get_data(as_text=True)


def test_a_long_but_reasonable_query_still_works(login, make_user, make_pokja):
    user = make_user(role="admin", agency=None)
    ids = [make_pokja().id for _ in range(3)] * 33  # a filter by 99 pokja, repeats and all
    response = login(user).get("/items?" + "&".join(f"pokja_id={i}" for i in ids))
    assert response.status_code == 200
