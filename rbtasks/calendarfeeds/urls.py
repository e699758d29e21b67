"""The addresses of a user's feeds, built from ``RBTASKS_BASE_URL``.

Like the links in emails they never depend on the Host header of the
request that asked for them. ``webcal://`` is the same address for the apps
that subscribe when it is opened (Apple Calendar, Outlook).
"""
from rbtasks.calendarfeeds.services import MINE, POKJA
from rbtasks.mail.services import absolute_url


def feed_url(token, scope):
    if scope.kind == MINE:
        return absolute_url("calendarfeeds.mine_feed", token=token)
    if scope.kind == POKJA:
        return absolute_url("calendarfeeds.pokja_feed", token=token, pokja_id=scope.id)
    return absolute_url("calendarfeeds.agency_feed", token=token, agency_id=scope.id)


def webcal_url(url):
    return "webcal://" + url.split("://", 1)[1]


def feed_links(token, scopes):
    """[{kind, id, name, url, webcal}] for ``scopes`` with ``token``."""
    links = []
    for scope in scopes:
        url = feed_url(token, scope)
        links.append({"kind": scope.kind, "id": scope.id, "name": scope.name, "url": url,
                      "webcal": webcal_url(url)})
    return links
