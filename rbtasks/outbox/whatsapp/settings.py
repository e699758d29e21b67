"""The WhatsApp channel's configuration, read and checked in one place.

``create_app`` checks it at start-up (config.Config.check), so a bad value
stops the app with a message naming the variable, never with a failed
message at 07:30 the next morning. No message here ever repeats the token.
"""
from dataclasses import dataclass, field
from datetime import time
from urllib.parse import urlsplit

from flask import current_app

CLOUD = "cloud"
GATEWAY = "gateway"
PROVIDERS = (CLOUD, GATEWAY)


def _clock(text, name):
    try:
        hours, minutes = (int(part) for part in text.split(":"))
        return time(hours, minutes)
    except ValueError as error:
        raise ValueError(f"{name} must be two times such as 21:00-06:00, not {text!r}.") \
            from error


@dataclass(frozen=True)
class WhatsAppSettings:
    provider: str = ""            # "", "cloud" or "gateway"
    url: str = ""
    token: str = field(default="", repr=False)
    phone_number_id: str = ""
    template_name: str = "rbtasks_notice"
    template_language: str = "id"
    timeout: float = 15
    quiet_start: time = time(21, 0)
    quiet_end: time = time(6, 0)

    @property
    def sends(self):
        """A provider is configured: messages go out (otherwise they are held)."""
        return bool(self.provider and self.url)

    @classmethod
    def from_config(cls, config):
        """The settings from an app's config; ValueError names what is wrong."""
        provider = (config.get("RBTASKS_WHATSAPP_PROVIDER") or "").strip().lower()
        if provider and provider not in PROVIDERS:
            raise ValueError("RBTASKS_WHATSAPP_PROVIDER must be 'cloud', 'gateway' or empty, "
                             f"not {provider!r}.")
        url = (config.get("RBTASKS_WHATSAPP_URL") or "").strip()
        if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
            raise ValueError("RBTASKS_WHATSAPP_URL must be an http:// or https:// address.")
        template = (config.get("RBTASKS_WHATSAPP_TEMPLATE") or "rbtasks_notice:id").strip()
        name, _colon, language = template.partition(":")
        if not name.strip():
            raise ValueError("RBTASKS_WHATSAPP_TEMPLATE must be 'name:language', "
                             "e.g. rbtasks_notice:id.")
        timeout = config.get("RBTASKS_WHATSAPP_TIMEOUT", 15)
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError("RBTASKS_WHATSAPP_TIMEOUT must be a number of seconds above 0.")
        quiet = (config.get("RBTASKS_WHATSAPP_QUIET_HOURS") or "21:00-06:00").strip()
        start, dash, end = quiet.partition("-")
        if not dash:
            raise ValueError("RBTASKS_WHATSAPP_QUIET_HOURS must be two times such as "
                             f"21:00-06:00, not {quiet!r}.")
        return cls(
            provider=provider, url=url, token=config.get("RBTASKS_WHATSAPP_TOKEN") or "",
            phone_number_id=(config.get("RBTASKS_WHATSAPP_PHONE_NUMBER_ID") or "").strip(),
            template_name=name.strip(), template_language=language.strip() or "id",
            timeout=timeout,
            quiet_start=_clock(start.strip(), "RBTASKS_WHATSAPP_QUIET_HOURS"),
            quiet_end=_clock(end.strip(), "RBTASKS_WHATSAPP_QUIET_HOURS"),
        )

    @classmethod
    def current(cls):
        return cls.from_config(current_app.config)
