"""The cast of the deadline-extension tests: an owner, the coordinator, their pokja and item."""
import pytest


@pytest.fixture
def cast(make_item_cast):
    return make_item_cast()
