"""The WhatsApp configuration is checked at start-up, naming what is wrong and
never repeating the token."""
import pytest

from config import Config, ProductionConfig

SECRET = "a-long-random-production-secret-key"


def _checked(config_class, **values):
    settings = {name: getattr(config_class, name) for name in dir(config_class) if name.isupper()}
    settings.update(SECRET_KEY=SECRET, **values)
    config_class.check(settings)


def test_production_with_a_provider_needs_its_url_and_token():
    with pytest.raises(RuntimeError, match="RBTASKS_WHATSAPP_URL, RBTASKS_WHATSAPP_TOKEN"):
        _checked(ProductionConfig, RBTASKS_WHATSAPP_PROVIDER="gateway")
    with pytest.raises(RuntimeError, match="RBTASKS_WHATSAPP_PHONE_NUMBER_ID"):
        _checked(ProductionConfig, RBTASKS_WHATSAPP_PROVIDER="cloud",
                 RBTASKS_WHATSAPP_URL="https://graph.facebook.com/v19.0",
                 RBTASKS_WHATSAPP_TOKEN="EAAG-secret")
    _checked(ProductionConfig, RBTASKS_WHATSAPP_PROVIDER="gateway",
             RBTASKS_WHATSAPP_URL="https://api.fonnte.com/send",
             RBTASKS_WHATSAPP_TOKEN="gateway-secret")
    _checked(ProductionConfig)   # no provider: messages are held, nothing else needed


@pytest.mark.parametrize("values, named", [
    ({"RBTASKS_WHATSAPP_PROVIDER": "twilio"}, "RBTASKS_WHATSAPP_PROVIDER"),
    ({"RBTASKS_WHATSAPP_URL": "ftp://gateway.example"}, "RBTASKS_WHATSAPP_URL"),
    ({"RBTASKS_WHATSAPP_TIMEOUT": 0}, "RBTASKS_WHATSAPP_TIMEOUT"),
    ({"RBTASKS_WHATSAPP_TEMPLATE": ":id"}, "RBTASKS_WHATSAPP_TEMPLATE"),
    ({"RBTASKS_WHATSAPP_QUIET_HOURS": "malam"}, "RBTASKS_WHATSAPP_QUIET_HOURS"),
])
def test_a_bad_value_stops_the_app_with_its_name(values, named):
    with pytest.raises(RuntimeError, match=named) as refused:
        _checked(Config, RBTASKS_WHATSAPP_TOKEN="EAAG-secret-token", **values)
    assert "EAAG-secret-token" not in str(refused.value)
