"""Every page names a favicon, and it is served from the static folder (no 404 in the tab)."""
import re


def test_pages_link_a_favicon_that_is_served(client):
    html = client.get("/login").get_data(as_text=True)

    link = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', html)
    assert link, "no favicon link in base.html"
    icon = client.get(link.group(1))
    assert icon.status_code == 200
    assert icon.mimetype == "image/svg+xml"
    assert icon.get_data(as_text=True).startswith("<svg")
