"""The language chosen on the sign-in page stays after signing in: it becomes the user's own."""
from tests.conftest import page_csrf


def _choose(client, code):
    return client.post(f"/lang/{code}", data={"csrf_token": page_csrf(client, "/login"),
                                              "next": "/login"})


def _sign_in(client, user):
    return client.post("/login", data={"email": user.email, "password": "rahasia-123",
                                       "csrf_token": page_csrf(client, "/login")})


def test_the_choice_on_the_sign_in_page_is_kept_and_saved(app, db, make_user):
    user = make_user(name="Ignasius Kolo", locale="id")
    client = app.test_client()

    _choose(client, "en")
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)
    assert _sign_in(client, user).status_code == 302

    assert '<html lang="en">' in client.get("/dashboard").get_data(as_text=True)
    db.session.expire_all()
    assert user.locale == "en"
    # The next sign-in, on another computer, speaks English from the start.
    elsewhere = app.test_client()
    assert _sign_in(elsewhere, user).status_code == 302
    assert '<html lang="en">' in elsewhere.get("/my-items").get_data(as_text=True)


def test_signing_in_without_choosing_keeps_the_saved_language(app, db, make_user):
    user = make_user(name="Ester Amalo", locale="en")
    client = app.test_client()

    assert _sign_in(client, user).status_code == 302

    assert '<html lang="en">' in client.get("/dashboard").get_data(as_text=True)
    db.session.expire_all()
    assert user.locale == "en"


def test_a_failed_sign_in_saves_nothing(app, db, make_user):
    user = make_user(locale="id")
    client = app.test_client()
    _choose(client, "en")

    client.post("/login", data={"email": user.email, "password": "salah-sekali-123",
                                "csrf_token": page_csrf(client, "/login")})

    db.session.expire_all()
    assert user.locale == "id"
