"""Weekly snapshots of the plan's counts, below the features that use them.

The weekly digest takes them (and compares this week with last week's);
the dashboard draws their history. Neither imports the other for it.

* :mod:`~rbtasks.snapshots.models` — ``WeeklySnapshot``, one row per week and scope;
* :mod:`~rbtasks.snapshots.services` — taking them and reading them back.
"""
