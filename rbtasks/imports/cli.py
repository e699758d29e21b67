"""``flask rb import PATH --pokja ID``: import a rencana aksi sheet from the command line."""
import json
import sys

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import ngettext

from rbtasks.accounts.models import User
from rbtasks.errors import DomainError
from rbtasks.extensions import db
from rbtasks.imports import services
from rbtasks.imports.upload import default_year, read_upload
from rbtasks.roles import ADMIN
from rbtasks.timeutil import utc_now

PROGRESS_FROM = 200  # rows: a shorter sheet is done before a bar is worth drawing


def _acting_user(email):
    """The user the import acts as: ``--as`` (an admin or the pokja's coordinator), or
    the first active admin."""
    statement = sa.select(User).where(User.active.is_(True))
    if email:
        user = db.session.scalar(statement.where(User.email == email.strip().lower()))
        if user is None:
            raise click.ClickException(_("No active user has the email %(email)s.",
                                         email=email))
        return user
    user = db.session.scalar(statement.where(User.role == ADMIN).order_by(User.id))
    if user is None:
        raise click.ClickException(_("There is no active admin to import as; give --as EMAIL."))
    return user


@click.command("import")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--pokja", "pokja_id", type=int, required=True, help="The pokja's id.")
@click.option("--dry-run", is_flag=True, help="Report what would happen; change nothing.")
@click.option("--sheet", help="The sheet to read (default: the first).")
@click.option("--year", type=int, help="The plan's year, for deadlines written as TW I–IV "
                                       "(default: this year in the province).")
@click.option("--mapping", "mapping_json", metavar="JSON",
              help='Change the proposed mapping: {"column header": "field", …}; "" leaves '
                   "a column out.")
@click.option("--as", "as_email", metavar="EMAIL",
              help="Act as this user, an admin or a coordinator of the pokja; the items' "
                   "history names them (default: the first active admin).")
def import_command(path, pokja_id, dry_run, sheet, year, mapping_json, as_email):
    """Import the rencana aksi sheet at PATH (.xlsx or .csv) into a pokja.

    Every row is checked first; the import applies only when no row has an
    error, all rows or none. Importing the same sheet again updates the items
    it made. Prints what was (or, with --dry-run, would be) created, updated and
    skipped, and every error with its row and column. Exits 0 when the import
    applied or the dry run found no error, 1 otherwise.
    """
    now = utc_now()
    actor = _acting_user(as_email)
    try:
        mapping = json.loads(mapping_json) if mapping_json else None
    except ValueError:
        raise click.BadParameter(_("Not a JSON object."), param_hint="--mapping") from None
    try:
        services.importable_pokja(actor, pokja_id)
        with open(path, "rb") as stream:
            table = read_upload(stream, path, sheet)
        report = _run(actor, pokja_id, table, year or default_year(now), now, dry_run,
                      mapping, path)
    except DomainError as error:
        db.session.rollback()
        details = [f"{name}: {message}" for name, message in error.fields.items()
                   if str(message) != str(error.message)]
        raise click.ClickException(" ".join([str(error.message), *details])) from None
    if report.applied:
        db.session.commit()
    else:
        db.session.rollback()
    _print(report)
    if report.errors:
        sys.exit(1)


def _run(actor, pokja_id, table, year, now, dry_run, mapping, path):
    arguments = dict(year=year, now=now, dry_run=dry_run, mapping=mapping,
                     source=click.format_filename(path, shorten=True))
    if len(table.rows) < PROGRESS_FROM:
        return services.run_import(actor, pokja_id, table, **arguments)
    steps = len(table.rows) * (1 if dry_run else 2)
    with click.progressbar(length=steps, label=_("Importing"),
                           file=sys.stderr) as bar:
        return services.run_import(actor, pokja_id, table, progress=bar.update, **arguments)


def _print(report):
    counts = {"created": report.created, "updated": report.updated, "skipped": report.skipped}
    if report.applied:
        click.echo(_("Imported: %(created)d created, %(updated)d updated, %(skipped)d skipped.",
                     **counts))
    elif report.dry_run and not report.errors:
        click.echo(_("Dry run, nothing changed: %(created)d to create, %(updated)d to update, "
                     "%(skipped)d to skip.", **counts))
    else:
        click.echo(ngettext("Nothing imported: %(num)d error.", "Nothing imported: %(num)d errors.",
                            len(report.errors)) + " " +
                   _("Would create %(created)d, update %(updated)d, skip %(skipped)d.", **counts))
    for row in report.rows:
        if row["action"] == "skip" and row["reason"]:
            click.echo(_("row %(row)d: skipped: %(reason)s", row=row["row"],
                         reason=row["reason"]))
    for error in report.errors:
        click.echo(_("row %(row)d, %(column)s: %(message)s", **error), err=True)
