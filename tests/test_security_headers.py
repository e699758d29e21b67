"""Security headers and cookie flags on every kind of response."""
import os
import re

import pytest

from tests.conftest import page_csrf


def assert_security_headers(response):
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url, status", [
    ("/login", 200),
    ("/forgot-password", 200),
    ("/reset-password/unknown-token", 404),
    ("/no-such-page", 404),
    ("/profile", 302),
])
def test_pages_carry_the_security_headers(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response)


def test_signed_in_pages_carry_the_security_headers_and_are_not_cached(login, make_user):
    client = login(make_user())
    for url in ("/profile", "/profile/password"):
        response = client.get(url)
        assert response.status_code == 200
        assert_security_headers(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_error_pages_carry_the_security_headers(client):
    refused = client.post("/login", data={"email": "a@ntt.go.id", "password": "x"})
    assert refused.status_code == 400
    assert_security_headers(refused)


def test_the_api_carries_the_security_headers(client):
    response = client.get("/api/v1/users")
    assert response.status_code == 401
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_account_pages_need_no_inline_script_or_style(login, make_user):
    """The policy forbids inline code, so the pages must not depend on it."""
    client = login(make_user())
    for url in ("/profile", "/profile/password", "/forgot-password"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url


def test_session_cookie_is_httponly_and_same_site(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": "rahasia-123",
                                           "csrf_token": page_csrf(client, "/login")})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


@pytest.mark.skipif("SESSION_COOKIE_SECURE" in os.environ,
                    reason="the environment overrides the secure-cookie default")
def test_production_cookies_are_sent_over_https_only():
    from config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True
    assert ProductionConfig.SESSION_COOKIE_HTTPONLY is True
