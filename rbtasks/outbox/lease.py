"""How long a delivery claim lasts, when to renew it, and by when the message
in flight must be done.

A worker's claim on its batch lasts ``RBTASKS_DELIVERY_LEASE_SECONDS``. Before
each message it makes sure at least half the lease is left, renewing the
claim on the rest of the batch if not, and the message must be answered
while an eighth of the lease is still left, so that its outcome is written
while the claim is still the worker's. Nobody else can take a message
before its claim ends, so nothing is offered twice; and a worker that dies
holds its batch for one lease at most.

Times are the run's ``now`` moved on by the seconds the run has taken, so a
run replayed with ``--now`` still ages its claims as it goes.
"""
import time
from datetime import timedelta

from flask import current_app


class Lease:
    """One delivery run's claim clock."""

    def __init__(self, now, seconds):
        self.length = timedelta(seconds=seconds)
        self._now = now
        self._started = time.monotonic()
        self.expires_at = None

    @classmethod
    def configured(cls, now):
        return cls(now, current_app.config["RBTASKS_DELIVERY_LEASE_SECONDS"])

    def now(self):
        """The run's ``now`` plus the time the run has taken so far."""
        return self._now + timedelta(seconds=time.monotonic() - self._started)

    def renewed(self):
        """The expiry of a claim made or renewed at this moment (and remember it)."""
        self.expires_at = self.now() + self.length
        return self.expires_at

    def needs_renewal(self):
        return self.expires_at - self.now() < self.length / 2

    def deadline(self):
        """The ``time.monotonic()`` by which the message in flight must be
        answered: an eighth of the lease before the claim ends."""
        left = self.expires_at - self.length / 8 - self.now()
        return time.monotonic() + left.total_seconds()
