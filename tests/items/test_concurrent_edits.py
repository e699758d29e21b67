"""Two people save the same item at the same moment: one wins, the other gets 409."""
import threading

import pytest

from rbtasks.errors import StaleVersion
from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.items.services import update_item

# Two threads edit through connections of their own: real commits.
pytestmark = pytest.mark.real_commits


def test_two_concurrent_edits_one_wins_one_conflicts(app, make_user, make_pokja, make_item, now):
    first_user = make_user(role="coordinator")
    second_user = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[first_user, second_user])
    item_id = make_item(pokja=pokja, title="Awal").id
    user_ids = {"A": first_user.id, "B": second_user.id}
    both_loaded = threading.Barrier(2, timeout=20)
    outcomes = {}

    def edit(name):
        with app.app_context():
            actor = db.session.get(type(first_user), user_ids[name])
            item = db.session.get(ActionItem, item_id)
            assert item.version == 1
            both_loaded.wait()  # both have read version 1 and passed nothing yet
            try:
                update_item(actor, item, {"title": f"Versi {name}"}, 1, now)
                db.session.commit()
                outcomes[name] = "saved"
            except StaleVersion:
                outcomes[name] = "conflict"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=edit, args=(name,)) for name in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    db.session.expire_all()
    stored = db.session.get(ActionItem, item_id)
    assert (stored.title, stored.version) == (f"Versi {winner}", 2)

