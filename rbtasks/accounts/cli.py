"""``flask rb create-user`` and ``flask rb token``: accounts from the command line.

The operator acts as :data:`rbtasks.checks.SYSTEM` (the only place
that actor is used), so the first admin can be made on an empty database.
Bad input prints a message on stderr, exits non-zero and changes nothing.
"""
import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from rbtasks.roles import ROLES
from rbtasks.accounts.services import find_user_by_email
from rbtasks.accounts.tokens import create_api_token
from rbtasks.checks import SYSTEM
from rbtasks.accounts.users import create_user
from rbtasks.errors import DomainError
from rbtasks.extensions import db
from rbtasks.organisation.services import find_agency_by_code
from rbtasks.i18n import LANGUAGE_CODES
from rbtasks.timeutil import utc_now


def _fail(message, fields=None):
    db.session.rollback()
    lines = [message, *(f"  {name}: {text}" for name, text in (fields or {}).items())]
    raise click.ClickException("\n".join(lines))


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True, help="Sign-in email (stored lower-case).")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the user may do.")
@click.option("--agency", "agency_code", help="Short code of the user's agency, e.g. BKD.")
@click.option("--locale", type=click.Choice(LANGUAGE_CODES), default="id", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Initial password (asked for, hidden, when left out).")
def create_user_command(email, name, role, agency_code, locale, password):
    """Create a user account, e.g. the first admin of a new installation."""
    agency_id = None
    if agency_code:
        agency = find_agency_by_code(SYSTEM, agency_code)
        if agency is None:
            _fail(_("No agency has the code %(code)s.", code=agency_code))
        agency_id = agency.id
    try:
        user = create_user(SYSTEM, now=utc_now(), name=name, email=email, role=role,
                           agency_id=agency_id, locale=locale, password=password)
    except DomainError as error:
        _fail(error.message, error.fields)
    db.session.commit()
    click.echo(_("Created %(email)s (%(role)s).", email=user.email, role=user.role))


@click.command("token")
@with_appcontext
@click.option("--email", required=True, help="Whose token it is.")
@click.option("--name", default="cli", show_default=True, help="A label to recognise it by.")
def token_command(email, name):
    """Create an API token for a user and print it (on the last line, once)."""
    user = find_user_by_email(email)
    if user is None:
        _fail(_("No user has the email %(email)s.", email=email))
    if not user.active:
        _fail(_("The user %(email)s is inactive.", email=user.email))
    _token, plain = create_api_token(user, name, utc_now())
    db.session.commit()
    click.echo(_("API token for %(email)s. It is shown only this once:", email=user.email))
    click.echo(plain)
