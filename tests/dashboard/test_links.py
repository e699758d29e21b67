"""Every number on the dashboard links to the item list showing exactly those items.

The page and the item list both read the clock, so the plan is built around
today's date. Each link is followed as the same user and the list's count is
compared with the number: on the page ("N action items") and through the
API (``meta.total`` of ``/api/v1/items`` with the summary's query string).
"""
import html
import re

import pytest

from rbtasks.timeutil import local_today, utc_now

ROLES = ("leader", "admin", "coord1", "coord12", "head1", "m1", "m2")
_COUNT_LINK = re.compile(r'<a[^>]*href="([^"]+)" data-count="(\d+)"')
_LIST_COUNT = re.compile(r"(\d+) action items?\b")


@pytest.fixture
def plan(build_plan, app):
    return build_plan(local_today(utc_now()))


def _list_count(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.get_data(as_text=True)
    if "No action items match these filters." in text:
        return 0
    match = _LIST_COUNT.search(text)
    assert match, f"no count on {url}"
    return int(match.group(1))


@pytest.mark.parametrize("role", ROLES)
def test_every_number_on_the_page_matches_the_list_it_links_to(plan, login, role):
    client = login(getattr(plan.users, role))
    page = client.get("/dashboard")
    assert page.status_code == 200
    links = [(html.unescape(href), int(count))
             for href, count in _COUNT_LINK.findall(page.get_data(as_text=True))]

    # 9 headline cards (8 numbers and "due soon"), then 3 per pokja and 2 per agency
    assert len(links) >= 9 + 3 + 2
    assert any(count > 0 for _href, count in links)
    for href, count in links:
        assert href.startswith("/items"), href
        assert _list_count(client, href) == count, href


def _every_query(body):
    yield from body["queries"].items()
    for row in body["pokjas"]:
        for name, query in row["queries"].items():
            yield f"pokja {row['name']} {name}", query, row[name]
    for row in body["agencies"]:
        for name, query in row["queries"].items():
            yield f"agency {row['name']} {name}", query, row[name]


@pytest.mark.parametrize("role", ROLES)
def test_every_number_of_the_summary_api_matches_the_api_list(plan, api, role):
    client = api(getattr(plan.users, role))
    body = client.get("/api/v1/summary").get_json()
    headline = body["headline"]

    checked = 0
    for entry in _every_query(body):
        if len(entry) == 2:
            name, query = entry
            expected = headline[name]
        else:
            name, query, expected = entry
        listed = client.get(f"/api/v1/items?{query}&per_page=1")
        assert listed.status_code == 200, (name, listed.get_json())
        assert listed.get_json()["meta"]["total"] == expected, (name, query)
        checked += 1
    assert checked == len(headline) - 1 + 3 * len(body["pokjas"]) + 2 * len(body["agencies"])


def test_filtered_numbers_link_to_lists_with_the_same_filters(plan, login):
    client = login(plan.users.coord12)
    p2 = plan.pokjas["P2"].id
    a1 = plan.agencies["A1"].id
    page = client.get(f"/dashboard?pokja_id={p2}&agency_id={a1}")
    links = [(html.unescape(href), int(count))
             for href, count in _COUNT_LINK.findall(page.get_data(as_text=True))]

    total_href, total = links[0]
    assert total == 2  # items 3 and 7
    assert f"pokja_id={p2}" in total_href and f"agency_id={a1}" in total_href
    for href, count in links:
        assert _list_count(client, href) == count, href
