"""Signing in and out: what a person at the login page experiences."""
import pytest

from tests.conftest import page_csrf

WRONG = "Email or password is wrong."


def sign_in(client, email, password, next_url=None, remember=False):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    data = {"email": email, "password": password, "csrf_token": page_csrf(client, "/login")}
    if remember:
        data["remember"] = "y"
    return client.post(url, data=data)


def test_right_password_signs_in_and_opens_my_tasks(client, make_user):
    user = make_user()
    response = sign_in(client, user.email, "rahasia-123")
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert client.get("/profile").status_code == 200


def test_email_is_matched_regardless_of_case(client, make_user):
    user = make_user(email="ina.kause@nttprov.go.id")
    response = sign_in(client, "  Ina.Kause@NTTprov.go.id ", "rahasia-123")
    assert response.status_code == 302


def test_wrong_password_and_unknown_email_look_the_same(client, make_user):
    user = make_user()
    wrong_password = sign_in(client, user.email, "salah-sekali-123")
    unknown_email = sign_in(client, "tidak.ada@ntt.go.id", "rahasia-123")

    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


def test_inactive_user_cannot_sign_in(client, make_user):
    user = make_user(active=False)
    response = sign_in(client, user.email, "rahasia-123")
    assert response.status_code == 200
    assert WRONG in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


def test_deactivating_a_user_ends_their_session(db, login, make_user):
    user = make_user()
    client = login(user)
    assert client.get("/profile").status_code == 200

    user.active = False
    db.session.commit()

    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_sixth_wrong_attempt_within_a_minute_is_refused(client, make_user):
    user = make_user()
    for _attempt in range(5):
        assert sign_in(client, user.email, "tebak-tebak-123").status_code == 200

    refused = sign_in(client, user.email, "tebak-tebak-123")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    # Even the right password waits: the limit protects the account, not the guess.
    assert sign_in(client, user.email, "rahasia-123").status_code == 429


def test_successful_sign_ins_do_not_use_up_the_limit(app, make_user):
    """Colleagues behind one office address all sign in at 07:30."""
    user = make_user()
    for _colleague in range(8):
        response = sign_in(app.test_client(), user.email, "rahasia-123")
        assert response.status_code == 302


@pytest.mark.parametrize("next_url", ["/items", "/profile?tab=tokens"])
def test_sign_in_returns_to_a_page_of_this_site(client, make_user, next_url):
    user = make_user()
    response = sign_in(client, user.email, "rahasia-123", next_url=next_url)
    assert response.headers["Location"] == next_url


@pytest.mark.parametrize("next_url", [
    "https://evil.example/login",
    "//evil.example/login",
    "/\\evil.example/login",
    "/%09/evil.example",
    "javascript:alert(1)",
    "items",
])
def test_sign_in_never_redirects_to_another_site(client, make_user, next_url):
    user = make_user()
    response = sign_in(client, user.email, "rahasia-123", next_url=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_login_page_sends_a_signed_in_user_on(login, make_user):
    client = login(make_user())
    response = client.get("/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_sign_out_needs_a_post_and_ends_the_session(login, make_user):
    client = login(make_user())
    assert client.get("/logout").status_code == 405

    token = page_csrf(client, "/profile")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 302


def test_keep_me_signed_in_outlives_the_session_but_not_sign_out(client, make_user):
    user = make_user()
    sign_in(client, user.email, "rahasia-123", remember=True)
    client.delete_cookie("session")  # the browser was closed
    assert client.get("/profile").status_code == 200

    client.post("/logout", data={"csrf_token": page_csrf(client, "/profile")})
    client.delete_cookie("session")
    assert client.get("/profile").status_code == 302


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": "rahasia-123"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


def test_post_without_csrf_token_changes_nothing(db, login, make_user):
    user = make_user(phone="0812 1111 2222", locale="en")
    client = login(user)
    response = client.post("/profile", data={"locale": "id", "phone": "0813 9999 8888"})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert (user.locale, user.phone) == ("en", "0812 1111 2222")


def test_a_password_change_signs_out_the_other_sessions(app, login, make_user):
    user = make_user()
    laptop, phone = login(user), login(user)
    response = laptop.post("/profile/password", data={
        "current_password": "rahasia-123", "new_password": "rahasia-baru-456",
        "confirm": "rahasia-baru-456", "csrf_token": page_csrf(laptop, "/profile/password"),
    })
    assert response.status_code == 302

    assert laptop.get("/profile").status_code == 200
    ended = phone.get("/profile")
    assert ended.status_code == 302
    assert ended.headers["Location"] == "/login"
    assert "Your password was changed" in phone.get("/login").get_data(as_text=True)


def test_a_password_change_also_ends_keep_me_signed_in_elsewhere(app, login, make_user):
    user = make_user()
    remembered = app.test_client()
    sign_in(remembered, user.email, "rahasia-123", remember=True)
    laptop = login(user)
    laptop.post("/profile/password", data={
        "current_password": "rahasia-123", "new_password": "rahasia-baru-456",
        "confirm": "rahasia-baru-456", "csrf_token": page_csrf(laptop, "/profile/password"),
    })

    remembered.delete_cookie("session")
    assert remembered.get("/profile").status_code == 302
    remembered.delete_cookie("session")
    assert remembered.get("/profile").status_code == 302  # the cookie was withdrawn too


def test_a_forged_fingerprint_cookie_does_not_keep_a_session(app, make_user):
    user = make_user()
    client = app.test_client()
    sign_in(client, user.email, "rahasia-123", remember=True)
    client.delete_cookie("session")
    client.set_cookie("rbtasks_pwfp", "palsu-\u00e9")
    assert client.get("/profile").status_code == 302
