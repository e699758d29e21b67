"""Gunicorn's settings for rbtasks; `gunicorn wsgi:app` in this folder reads them.

Each value can be changed from the environment, so a systemd unit or a
container changes a variable rather than this file:

RBTASKS_BIND       where to listen (default 127.0.0.1:8000: behind nginx on the
                   same host; 0.0.0.0:8000 in a container)
RBTASKS_WORKERS    worker processes (default 2; about 2 per core serves a
                   provincial office; each keeps its own database pool)
RBTASKS_TIMEOUT    seconds a request may take before its worker is restarted
                   (default 60: an evidence upload over a slow link, a chart)

Command-line options still win (`gunicorn -w 4 wsgi:app`).
"""
import os

bind = os.environ.get("RBTASKS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("RBTASKS_WORKERS", "2"))
timeout = int(os.environ.get("RBTASKS_TIMEOUT", "60"))
graceful_timeout = 30  # on SIGTERM, requests in flight get this long to finish
keepalive = 5          # seconds; nginx reuses connections to the app

# Each worker imports the app itself, so each opens its own database
# connection pool: a pool created before the fork would be shared, and two
# processes talking over one connection corrupt each other's queries.
preload_app = False

# A worker is replaced after this many requests, in case something leaks.
# Not too often: a new worker boots the app (2–3 s) and starts with an empty
# cache of the dashboard's figures (rebuilt in ~0.6 s at 100,000 items); at
# 1,000 requests benchmarks/web.py saw the summary's p99 at 5.5 s.
max_requests = 10000
max_requests_jitter = 1000

# One line per request on stdout, errors on stderr: journald or the
# container runtime keeps them.
accesslog = "-"
errorlog = "-"
loglevel = "info"

# Client addresses and https: the app trusts X-Forwarded-* from the number of
# proxies set in RBTASKS_PROXY_COUNT (1 behind nginx), through werkzeug's
# ProxyFix; gunicorn's own forwarded_allow_ips (127.0.0.1 by default) stays
# as it is. Never list addresses the public can reach in either.

# rbtasks does not use gunicornc; without this every instance of a user
# (tests, a second site) would share one control socket under $HOME.
control_socket_disable = True
