"""The cast of the realisation tests: an owner, the coordinator, their pokja and an
item at 20% (test_services.py starts it at 10%)."""
import pytest


@pytest.fixture
def cast(make_item_cast):
    return make_item_cast(progress=20)
