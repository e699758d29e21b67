"""Flask-Login wiring: loading the signed-in user from the session."""
from flask_babel import lazy_gettext as _l

from rbtasks.extensions import db, login_manager


def init_login(app):
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open that page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id):
    from rbtasks.accounts.models import User

    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None
