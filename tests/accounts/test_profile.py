"""The profile page: one's own details, language, phone, password, API tokens."""
import re

import sqlalchemy as sa

from tests.conftest import page_csrf

TOKEN = re.compile(r'<code class="token" id="new-token">(rbt_[A-Za-z0-9_-]+)</code>')


def post(client, url, data, form_url="/profile"):
    return client.post(url, data={**data, "csrf_token": page_csrf(client, form_url)})


def change_password(client, current, new, confirm=None):
    return post(client, "/profile/password",
                {"current_password": current, "new_password": new,
                 "confirm": new if confirm is None else confirm},
                form_url="/profile/password")


def can_sign_in(app, email, password):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": page_csrf(client, "/login")})
    return response.status_code == 302


def create_token(client, name):
    return post(client, "/profile/tokens", {"name": name})


def test_profile_needs_a_signed_in_user(client):
    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_profile_shows_who_the_user_is(login, make_agency, make_user):
    agency = make_agency(name="Biro Organisasi Setda NTT")
    user = make_user(role="coordinator", name="Maria <Lewar>", agency=agency)
    page = login(user).get("/profile").get_data(as_text=True)
    assert "Maria &lt;Lewar&gt;" in page and "Maria <Lewar>" not in page
    assert user.email in page
    assert "Pokja coordinator" in page
    assert "Biro Organisasi Setda NTT" in page
    assert 'href="/profile/password"' in page


def test_choosing_english_changes_the_stored_locale_and_the_page(app, db, login, make_user):
    user = make_user(locale="id")
    client = login(user)
    assert '<html lang="id">' in client.get("/profile").get_data(as_text=True)

    response = post(client, "/profile", {"locale": "en", "phone": "+62 812-3456-7890"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.locale, user.phone) == ("en", "6281234567890")
    page = client.get("/profile").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Your settings have been saved." in page


def test_get_locale_follows_the_users_choice(app, db, make_user):
    from flask_babel import get_locale
    from flask_login import login_user

    from rbtasks.accounts.services import update_own_settings

    user = make_user(locale="id")
    update_own_settings(user, "en", None)
    db.session.commit()
    with app.test_request_context("/profile"):
        login_user(user)
        assert str(get_locale()) == "en"


def test_a_bad_phone_or_language_changes_nothing(db, login, make_user):
    user = make_user(phone="0812 1111 2222", locale="en")
    client = login(user)

    bad_phone = post(client, "/profile", {"locale": "id", "phone": "hubungi saya"})
    assert bad_phone.status_code == 422
    assert ("Enter an Indonesian mobile number such as 0812 3456 7890 or +62 812 3456 7890."
            in bad_phone.get_data(as_text=True))
    bad_language = post(client, "/profile", {"locale": "fr", "phone": ""})
    assert bad_language.status_code == 422

    db.session.refresh(user)
    assert (user.locale, user.phone) == ("en", "0812 1111 2222")


def test_clearing_the_phone_removes_it(db, login, make_user):
    user = make_user(phone="0812 1111 2222")
    assert post(login(user), "/profile", {"locale": "id", "phone": "  "}).status_code == 302
    db.session.refresh(user)
    assert user.phone is None


# ---- password ----------------------------------------------------------------

def test_changing_the_password(app, login, make_user):
    user = make_user()
    client = login(user)
    response = change_password(client, "rahasia-123", "kata-sandi-baru-2026")
    assert response.status_code == 302
    assert "Your password has been changed." in client.get("/profile").get_data(as_text=True)
    assert can_sign_in(app, user.email, "kata-sandi-baru-2026")
    assert not can_sign_in(app, user.email, "rahasia-123")


def test_a_wrong_current_password_changes_nothing(app, login, make_user):
    user = make_user()
    response = change_password(login(user), "bukan-ini-123", "kata-sandi-baru-2026")
    assert response.status_code == 422
    assert "The current password is wrong." in response.get_data(as_text=True)
    assert can_sign_in(app, user.email, "rahasia-123")


def test_the_new_password_needs_ten_characters_and_a_matching_confirmation(app, login,
                                                                          make_user):
    user = make_user()
    client = login(user)

    short = change_password(client, "rahasia-123", "123456789")
    assert short.status_code == 422
    assert "Between 10 and 200 characters." in short.get_data(as_text=True)
    mismatch = change_password(client, "rahasia-123", "kata-sandi-baru-2026", "kata-sandi-lain")
    assert mismatch.status_code == 422
    assert "The two passwords do not match." in mismatch.get_data(as_text=True)
    same = change_password(client, "rahasia-123", "rahasia-123")
    assert same.status_code == 422
    assert "must differ from the current one" in same.get_data(as_text=True)

    assert can_sign_in(app, user.email, "rahasia-123")


def test_ten_characters_is_enough(app, login, make_user):
    user = make_user()
    assert change_password(login(user), "rahasia-123", "0123456789").status_code == 302
    assert can_sign_in(app, user.email, "0123456789")


# ---- API tokens ----------------------------------------------------------------

def test_a_new_token_is_shown_once_and_stored_as_a_digest(db, login, make_user, now):
    from rbtasks.accounts.models import ApiToken
    from rbtasks.accounts.services import token_digest
    from rbtasks.accounts.tokens import user_for_token

    user = make_user()
    client = login(user)
    response = create_token(client, "Skrip laporan <BKD>")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Copy the token now. It is shown only this once" in page
    plain = TOKEN.search(page).group(1)

    [row] = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)).all()
    assert row.token_hash == token_digest(plain)
    assert row.name == "Skrip laporan <BKD>"
    assert user_for_token(plain, now) == user

    listing = client.get("/profile").get_data(as_text=True)
    assert "Skrip laporan &lt;BKD&gt;" in listing
    assert plain not in listing


def test_a_token_needs_a_name(db, login, make_user):
    from rbtasks.accounts.models import ApiToken

    response = create_token(login(make_user()), "")
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_the_profile_lists_only_ones_own_tokens(db, login, make_user, now):
    from rbtasks.accounts.tokens import create_api_token

    user, colleague = make_user(), make_user()
    create_api_token(user, "punya saya", now)
    create_api_token(colleague, "punya rekan", now)
    db.session.commit()

    page = login(user).get("/profile").get_data(as_text=True)
    assert "punya saya" in page
    assert "punya rekan" not in page
    assert "Never" in page  # not used yet


def test_revoking_a_token_stops_it_working(db, login, make_user, now):
    from rbtasks.accounts.tokens import create_api_token, user_for_token

    user = make_user()
    token, plain = create_api_token(user, "skrip", now)
    db.session.commit()
    client = login(user)

    response = post(client, f"/profile/tokens/{token.id}/revoke", {})
    assert response.status_code == 302
    assert user_for_token(plain, now) is None
    page = client.get("/profile").get_data(as_text=True)
    assert "The token has been revoked." in page
    assert "Revoked" in page


def test_nobody_revokes_someone_elses_token(db, login, make_user, now):
    from rbtasks.accounts.tokens import create_api_token, user_for_token

    owner, other = make_user(), make_user(role="admin")
    token, plain = create_api_token(owner, "skrip", now)
    db.session.commit()

    response = post(login(other), f"/profile/tokens/{token.id}/revoke", {})
    assert response.status_code == 404
    assert user_for_token(plain, now) == owner


def test_revoking_without_csrf_token_changes_nothing(db, login, make_user, now):
    from rbtasks.accounts.tokens import create_api_token, user_for_token

    user = make_user()
    token, plain = create_api_token(user, "skrip", now)
    db.session.commit()

    response = login(user).post(f"/profile/tokens/{token.id}/revoke")
    assert response.status_code == 400
    assert user_for_token(plain, now) == user


def test_a_coordinator_turns_the_weekly_digest_off_and_on(db, login, make_user):
    coordinator = make_user(role="coordinator")
    client = login(coordinator)
    assert "weekly summary" in client.get("/profile").get_data(as_text=True)
    assert post(client, "/profile", {"locale": "en", "phone": ""}).status_code == 302
    db.session.refresh(coordinator)
    assert coordinator.wants_digest is False
    assert post(client, "/profile", {"locale": "en", "phone": "", "wants_digest": "y"}).status_code == 302
    db.session.refresh(coordinator)
    assert coordinator.wants_digest is True


def test_members_are_not_offered_the_digest(login, make_user):
    html = login(make_user(role="member")).get("/profile").get_data(as_text=True)
    assert "weekly summary" not in html
    assert "cannot be turned off" in html
