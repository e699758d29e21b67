"""The dashboard's cache (Flask-Caching: each process's memory by default,
Redis when configured), for answers that are exact by construction.

* :func:`cached_for_data` keys an answer by the data version
  (rbtasks.dataversion) and the question, so any write to the tables it reads
  makes the next request compute it afresh;
* :func:`cached_by_content` keys an answer (a chart) by everything it is made
  from, so it is drawn once for the same numbers, whoever asks.

A cache that fails (Redis unreachable) costs time, never a wrong answer:
the value is computed as if nothing were cached. Keys also name the code
that computes the values, so a Redis shared across a deployment never
serves what the previous release drew or counted.
"""
import hashlib
import logging
import pickle
from pathlib import Path

from rbtasks.dataversion import current_token
from rbtasks.extensions import cache

log = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent
CODE = hashlib.sha256(b"".join((_HERE / name).read_bytes()
                               for name in ("aggregates.py", "charts.py"))).hexdigest()[:12]


def _key(name, parts):
    digest = hashlib.sha256(pickle.dumps(parts, protocol=4)).hexdigest()[:40]
    return f"{name}:{CODE}:{digest}"


def _get(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - any backend failure: compute instead
        log.warning("cache read failed for %s", key, exc_info=True)
        return None


def _set(key, value):
    try:
        cache.set(key, value)
    except Exception:  # noqa: BLE001
        log.warning("cache write failed for %s", key, exc_info=True)


def cached_by_content(name, parts, compute):
    """``compute()``, or the value it gave before for the same ``parts``."""
    key = _key(name, parts)
    value = _get(key)
    if value is None:
        value = compute()
        _set(key, value)
    return value


def cached_for_data(name, parts, compute):
    """``compute()``, or the value it gave before for the same ``parts`` and
    data version; computed without the cache when there is no version row."""
    token = current_token()
    if token is None:
        return compute()
    return cached_by_content(name, (token, parts), compute)
