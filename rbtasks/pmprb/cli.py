"""``flask rb pmprb load-instrument PATH`` and ``flask rb pmprb list-instruments``."""
import sys
from decimal import Decimal

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from rbtasks.checks import SYSTEM
from rbtasks.errors import DomainError
from rbtasks.extensions import db
from rbtasks.pmprb import instruments
from rbtasks.pmprb.instrument_checks import InstrumentFaults
from rbtasks.timeutil import utc_now

pmprb_group = AppGroup("pmprb", help="PMPRB self-assessment: instruments.")


@pmprb_group.command("load-instrument")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True,
              help="Refuse a component whose parts weigh less than it does.")
@click.option("--sample", is_flag=True, help="Mark the instrument as a sample.")
@click.option("--replace", is_flag=True,
              help="Replace the instrument of the same name and year, if no assessment "
                   "uses it.")
def load_instrument_command(path, strict, sample, replace):
    """Load the instrument in PATH (.yaml, .json or .xlsx) and print its id.

    Every fault is printed on stderr naming its node (its code), and nothing
    is loaded; the exit status is then 1. Warnings (a component whose parts
    weigh less than it does) go to stderr too, and the instrument loads. On
    success the last line of stdout is the new instrument's id alone.
    """
    try:
        with open(path, "rb") as stream:
            loaded = instruments.load_instrument_file(
                SYSTEM, stream, path, now=utc_now(), strict=strict, replace=replace,
                sample=sample)
    except InstrumentFaults as refused:
        db.session.rollback()
        _echo_faults(refused.warnings, _("warning"))
        _echo_faults(refused.faults, _("error"))
        click.echo(refused.message, err=True)
        sys.exit(1)
    except DomainError as error:
        db.session.rollback()
        click.echo(_("error: %(message)s", message=error.message), err=True)
        sys.exit(1)
    db.session.commit()
    _echo_faults(loaded.warnings, _("warning"))
    instrument = loaded.instrument
    click.echo(_("Instrument loaded: “%(name)s” %(year)d, id:", name=instrument.name,
                 year=instrument.year))
    click.echo(str(instrument.id))


def _echo_faults(faults, kind):
    for fault in faults:
        click.echo(f"{kind}: {fault}", err=True)


@pmprb_group.command("list-instruments")
def list_instruments_command():
    """List the loaded instruments: id, year, indicators, points and name."""
    rows = instruments.list_instruments(SYSTEM)
    if not rows:
        click.echo(_("No instruments loaded."))
        return
    for row in rows:
        sample = " " + _("(sample)") if row.instrument.is_sample else ""
        click.echo(f"{row.instrument.id}\t{row.instrument.year}\t"
                   f"{row.indicator_count}\t{_points(row.weight)}\t"
                   f"{row.instrument.name}{sample}")


def _points(weight):
    return format(Decimal(weight).normalize(), "f")
