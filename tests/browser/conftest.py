"""A live server on 127.0.0.1 and a real headless Chromium driven by Playwright.

Browser tests run once, on SQLite. Chromium is Debian's (/usr/bin/chromium);
without it they skip, unless RBTASKS_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""
import os
import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("RBTASKS_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("RBTASKS_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.sqlite_only)
            # the live server's threads use connections of their own
            item.add_marker(pytest.mark.real_commits)
            # under pytest-xdist (--dist loadgroup), one worker starts Chromium
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if REQUIRED:
            pytest.fail(f"Chromium is required (RBTASKS_REQUIRE_BROWSER) but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    """``sign_in(user)``: a fresh sign-in in the test's browser page, landing on the dashboard."""
    from playwright.sync_api import expect

    def sign_in_as(user, password="rahasia-123"):
        page.context.clear_cookies()
        page.goto(f"{live_server}/login")
        page.locator("input[name=email]").fill(user.email)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit].primary").click()
        expect(page).to_have_url(re.compile(r"/dashboard$"))

    return sign_in_as


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
