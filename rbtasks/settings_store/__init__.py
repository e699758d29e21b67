"""The settings store: values admins change at run time, kept as JSON under a key.

It sits below the features and imports none of them, so any feature may
read a setting without importing the feature whose page edits it: the reminder policy is read by
the reminders, the scheduler's timetable, the outbox's delivery (its retry
numbers) and the settings page.

* :mod:`~rbtasks.settings_store.models` — the ``Setting`` row;
* :mod:`~rbtasks.settings_store.store` — ``get_setting`` and ``put_setting``;
* :mod:`~rbtasks.settings_store.policy` — the reminder policy, one setting.
"""
from rbtasks.settings_store.models import Setting
from rbtasks.settings_store.policy import Policy, clean_policy_values, load_policy, store_policy
from rbtasks.settings_store.store import get_setting, put_setting

__all__ = ["Policy", "Setting", "clean_policy_values", "get_setting", "load_policy",
           "put_setting", "store_policy"]
