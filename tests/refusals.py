"""Service calls that must fail, for the service tests."""
import pytest


def refused(db, error_type, call, *args, **kwargs):
    """Run a service call that must raise ``error_type``, then commit like a
    careless edge: any change it made before raising would stick and show.
    Returns the error."""
    with pytest.raises(error_type) as caught:
        call(*args, **kwargs)
    db.session.commit()
    db.session.expire_all()
    return caught.value
