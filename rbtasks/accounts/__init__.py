"""Accounts: signing in and out, passwords, profiles, API tokens, user admin."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)

from rbtasks.accounts import admin, routes  # noqa: E402,F401
