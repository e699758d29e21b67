"""The data version: a token that changes with every write to the tables
cached answers are computed from, in the same transaction as the write.

A reader that keys a cache by (token, question) gets exactly the answer the
database would give: a write changes the token when it is flushed, so the
writing transaction itself sees the new token at once, everybody else when
it commits, and a rolled-back token is never seen again (each write draws a
new random token instead of counting up). Reading the token is one
primary-key lookup, so every web worker can keep its own cache and still
never serve a stale answer.

* :mod:`~rbtasks.dataversion.models` — the one-row ``data_version`` table;
* :mod:`~rbtasks.dataversion.tracking` — which tables are watched, the
  session hooks that change the token, and :func:`current_token`.

It sits below the features and imports none of them: a feature whose
answers are cached says which tables they read (:func:`watch`), and the
features that write those tables need not know.
"""
from rbtasks.dataversion.models import DataVersion
from rbtasks.dataversion.tracking import current_token, install, watch, watched_tables

__all__ = ["DataVersion", "current_token", "install", "watch", "watched_tables"]
