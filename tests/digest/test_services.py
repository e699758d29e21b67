"""A coordinator turns their weekly digest on or off."""
import pytest

from rbtasks.digest.services import set_digest_preference
from rbtasks.errors import PermissionDenied, ValidationError


def test_a_coordinator_turns_the_digest_off_and_on(db, make_user):
    coordinator = make_user(role="coordinator")
    set_digest_preference(coordinator, False)
    db.session.commit()
    db.session.expire_all()
    assert coordinator.wants_digest is False
    set_digest_preference(coordinator, True)
    db.session.commit()
    db.session.expire_all()
    assert coordinator.wants_digest is True


@pytest.mark.parametrize("role", ["leader", "admin", "agency_head", "member"])
def test_other_roles_cannot_choose(db, make_user, role):
    user = make_user(role=role)
    with pytest.raises(PermissionDenied):
        set_digest_preference(user, False)
    db.session.rollback()
    db.session.expire_all()
    assert user.wants_digest is True


def test_an_inactive_coordinator_cannot_choose(db, make_user):
    with pytest.raises(PermissionDenied):
        set_digest_preference(make_user(role="coordinator", active=False), False)


@pytest.mark.parametrize("value", ["no", 0, None])
def test_only_yes_or_no(db, make_user, value):
    coordinator = make_user(role="coordinator")
    with pytest.raises(ValidationError) as raised:
        set_digest_preference(coordinator, value)
    assert "wants_digest" in raised.value.fields
    db.session.expire_all()
    assert coordinator.wants_digest is True
