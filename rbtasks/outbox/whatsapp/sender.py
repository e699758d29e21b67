"""One WhatsApp message over HTTP, and what the provider's answer meant.

Two providers (``RBTASKS_WHATSAPP_PROVIDER``):

* ``cloud``, the WhatsApp Business Cloud API: ``POST {URL}/{PHONE_NUMBER_ID}/messages``
  with ``Authorization: Bearer {TOKEN}`` and a template message (messages a
  business starts must use an approved template), the text as its one body
  parameter;
* ``gateway``, the HTTP gateways Indonesian WhatsApp services offer:
  ``POST {URL}`` with ``Authorization: {TOKEN}`` and the form fields
  ``target`` (``62812…``) and ``message``.

What an answer means: 2xx sent (unless a gateway answers ``"status": false``,
how such gateways say "not sent" — then failed); 408, 429 and 5xx, a timeout
or a broken connection: try again later (honouring ``Retry-After``, seconds
or an HTTP date); any other 4xx (an invalid number, a rejected template) or
a redirect: failed for good, the provider's answer kept for the log. The
standard library's urllib is enough; redirects are not followed, so the
token is sent to the configured address only, and it is cut out of every
answer before that answer is stored or logged.
"""
import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from rbtasks.outbox.whatsapp.settings import CLOUD

SENT = "sent"
TEMPORARY = "temporary"
PERMANENT = "permanent"

ANSWER_LIMIT = 500          # characters of the provider's answer kept in last_error
_READ_LIMIT = 8192          # bytes of an answer read at most
MAX_RETRY_AFTER = 24 * 3600
_TEMPORARY_CODES = {408, 425, 429}
# The Cloud API refuses template parameters holding line breaks, tabs or more
# than four spaces in a row (error 132018).
_CLOUD_SPACING = re.compile(r"\s*[\r\n\t]+\s*| {5,}")


@dataclass(frozen=True)
class Outcome:
    """What became of one message: sent, or a temporary or permanent failure,
    with the seconds a server asked us to wait (Retry-After)."""

    kind: str
    error: str = ""
    retry_after: float | None = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None   # urllib then raises HTTPError with the 3xx


_opener = urllib.request.build_opener(_NoRedirects)


def cloud_text(text):
    """``text`` as a Cloud API template parameter: one line."""
    return _CLOUD_SPACING.sub(" · ", text.strip())


def build_request(settings, phone, text):
    """The urllib Request for ``text`` to ``phone`` (``62812…``)."""
    if settings.provider == CLOUD:
        url = f"{settings.url.rstrip('/')}/{urllib.parse.quote(settings.phone_number_id)}/messages"
        body = json.dumps({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": phone,
            "type": "template",
            "template": {
                "name": settings.template_name,
                "language": {"code": settings.template_language},
                "components": [{"type": "body", "parameters": [
                    {"type": "text", "text": cloud_text(text)}]}],
            },
        }, ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {settings.token}",
                   "Content-Type": "application/json"}
    else:
        url = settings.url
        body = urllib.parse.urlencode({"target": phone, "message": text}).encode("utf-8")
        headers = {"Authorization": settings.token,
                   "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    headers["Accept"] = "application/json"
    headers["User-Agent"] = "rbtasks"
    return urllib.request.Request(url, data=body, headers=headers, method="POST")


def send(settings, phone, text, timeout):
    """Offer one message and return its Outcome; never raises for what the
    network or the provider does. ``timeout`` bounds every wait on the socket."""
    request = build_request(settings, phone, text)
    try:
        with _opener.open(request, timeout=timeout) as response:
            answer = response.read(_READ_LIMIT)
            return _accepted(settings, response.status, answer)
    except urllib.error.HTTPError as error:
        with error:
            answer = _safe_read(error)
        return _refused(settings, error.code, error.headers, answer)
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Outcome(TEMPORARY, "timed out")
        return Outcome(TEMPORARY, _scrub(settings, f"connection failed: {reason}"))
    except (TimeoutError, socket.timeout):
        return Outcome(TEMPORARY, "timed out")
    except (http.client.HTTPException, OSError) as error:
        name = type(error).__name__
        return Outcome(TEMPORARY, _scrub(settings, f"{name}: {error}" if str(error) else name))


def _safe_read(error):
    try:
        return error.read(_READ_LIMIT)
    except (OSError, http.client.HTTPException):
        return b""


def _accepted(settings, status, answer):
    if settings.provider != CLOUD:
        try:
            parsed = json.loads(answer.decode("utf-8", "replace") or "null")
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and parsed.get("status") is False:
            return Outcome(PERMANENT, _describe(settings, status, answer))
    return Outcome(SENT)


def _refused(settings, code, headers, answer):
    text = _describe(settings, code, answer)
    if code in _TEMPORARY_CODES or code >= 500:
        return Outcome(TEMPORARY, text, retry_after(headers.get("Retry-After") if headers
                                                    else None))
    return Outcome(PERMANENT, text)


def _describe(settings, code, answer):
    """``HTTP 400: {"error":"invalid number"}``, short, one line, token-free."""
    text = " ".join(answer.decode("utf-8", "replace").split())
    if len(text) > ANSWER_LIMIT:
        text = text[:ANSWER_LIMIT - 1] + "…"
    reason = http.client.responses.get(code, "")
    return _scrub(settings, f"HTTP {code} {reason}: {text}" if text else f"HTTP {code} {reason}"
                  ).strip()


def _scrub(settings, text):
    """``text`` without the token, should a provider echo it back."""
    if settings.token and len(settings.token) >= 4:
        text = text.replace(settings.token, "[token]")
    return text


def retry_after(value, now=None):
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date), at most
    a day; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), MAX_RETRY_AFTER))
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    seconds = (moment - (now or datetime.now(timezone.utc))).total_seconds()
    return float(min(max(seconds, 0), MAX_RETRY_AFTER))
