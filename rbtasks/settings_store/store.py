"""Reading and writing one setting: a JSON value under a key."""
from rbtasks.extensions import db
from rbtasks.settings_store.models import Setting


def get_setting(key, default=None):
    """The value stored under ``key``, or ``default`` when none is stored or
    the stored value is not of ``default``'s type (e.g. a dict)."""
    row = db.session.get(Setting, key)
    if row is None:
        return default
    if default is not None and not isinstance(row.value, type(default)):
        return default
    return row.value


def put_setting(key, value, actor, now):
    """Store ``value`` under ``key``, noting who (``actor``, may be None) and
    when; flushes. Permission checks belong to the caller's service."""
    values = {"value": value, "updated_by_id": actor.id if actor is not None else None,
              "updated_at": now}
    row = db.session.get(Setting, key)
    if row is None:
        row = Setting(key=key, **values)
        db.session.add(row)
    else:
        for name, new in values.items():
            setattr(row, name, new)
    db.session.flush()
    return row
