"""The quarterly monev report: "Laporan Monitoring dan Evaluasi Rencana Aksi
Reformasi Birokrasi — TW n Tahun YYYY".

It lists the items **due in the report's year** (the year a rencana aksi
sheet is for), cancelled ones included with their status so the meeting sees
them, for the whole plan, a pokja or an agency (rbtasks.reports.scope). Per
item: its area, action, output, indicator, target and unit, the target of all
four quarters and the realisation of the quarters up to the report's (later
ones stay blank: they have not been reported yet), the achievement, the
report quarter's obstacles and follow-up plan, owner, agency, status and the
absolute link to its evidence.

The achievement (% capaian) is Σ realisation ÷ Σ target over the quarters so
far that have a target (it may pass 100); an item with no quarterly target
so far shows its progress instead. The totals hold the implementation and
completion rates over the year's items due by the end of the report quarter
(or today, if that is earlier), as rbtasks.reports.rates defines them.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import number_argument
from rbtasks.items.constants import DONE, STATUS_LABELS
from rbtasks.items.models import ActionItem
from rbtasks.mail.services import absolute_url
from rbtasks.organisation.models import Area, Pokja
from rbtasks.realisation.models import QuarterRealisation
from rbtasks.realisation.services import NUMERALS, QUARTERS, achievement
from rbtasks.reports.rates import Period, Rates, count_rates
from rbtasks.reports.scope import ReportScope, report_scope
from rbtasks.timeutil import local_today

FIRST_YEAR, LAST_YEAR = 2000, 2100
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass
class ReportRow:
    number: int
    item_id: int
    area: str
    title: str
    output: str
    indicator: str
    target: str
    unit: str
    quarter_targets: list  # four Decimals or None
    quarter_realisations: list  # four Decimals or None (None after the report quarter)
    achievement: int | None
    obstacles: str
    follow_up: str
    owner: str
    agency: str
    status: str
    status_label: str
    evidence_url: str


@dataclass
class ReportTotals:
    items: int
    completed: int
    cancelled: int
    rates: Rates

    @property
    def implementation_rate(self):
        return self.rates.implementation_rate

    @property
    def completion_rate(self):
        return self.rates.completion_rate


@dataclass
class QuarterlyReport:
    year: int
    quarter: int
    title: str
    scope_label: str
    printed_at: datetime
    cutoff: date
    rows: list[ReportRow]
    totals: ReportTotals
    target: ReportScope = field(repr=False, default=None)

    @property
    def numeral(self):
        return NUMERALS[self.quarter]

    def area_runs(self):
        """(first row index, row count) of each run of rows sharing an area."""
        runs, start = [], 0
        for index in range(1, len(self.rows) + 1):
            if index == len(self.rows) or self.rows[index].area != self.rows[start].area:
                runs.append((start, index - start))
                start = index
        return runs


def current_quarter(today):
    return (today.month - 1) // 3 + 1


def quarter_end(year, quarter):
    return date(year, *QUARTER_END[quarter])


def report_arguments(args, today):
    """(year, quarter, pokja_id, agency_id) from query-string arguments; year
    and quarter default to today's (WITA). Anything else is a ValidationError."""
    errors = {}
    year = number_argument(args.get("year"), "year", errors, FIRST_YEAR, LAST_YEAR)
    quarter = number_argument(args.get("quarter"), "quarter", errors, 1, 4)
    pokja_id = number_argument(args.get("pokja_id"), "pokja_id", errors)
    agency_id = number_argument(args.get("agency_id"), "agency_id", errors)
    if errors:
        if "year" in errors:
            errors["year"] = _("Give a year from %(first)d to %(last)d.", first=FIRST_YEAR,
                               last=LAST_YEAR)
        if "quarter" in errors:
            errors["quarter"] = _("The quarter must be 1, 2, 3 or 4.")
        raise ValidationError(_("Some filters are not valid."), errors)
    return (year or today.year, quarter or current_quarter(today), pokja_id, agency_id)


def report_title(year, quarter):
    return _("Monitoring and Evaluation Report of the Bureaucratic Reform Action Plan — "
             "TW %(numeral)s %(year)d", numeral=NUMERALS[quarter], year=year)


def _scope_label(target):
    parts = []
    if target.pokjas:
        parts.append(", ".join(pokja.name for pokja in target.pokjas))
    if target.agency is not None:
        parts.append(target.agency.name)
    return " — ".join(parts) if parts else _("The whole plan")


def quarterly_report(actor, now, year, quarter, pokja_id=None, agency_id=None):
    """The report for ``actor``; PermissionDenied (403) or NotFound (404)
    when the pokja or agency asked for is not theirs or does not exist."""
    target = report_scope(actor, pokja_id, agency_id)
    in_year = (ActionItem.due_date >= date(year, 1, 1), ActionItem.due_date <= date(year, 12, 31))
    items = _items(target.scope, in_year)
    quarters = _quarters(target.scope, in_year)
    rows = [_row(number, item, quarters.get(item.id, {}), quarter)
            for number, item in enumerate(items, start=1)]
    period = Period(date(year, 1, 1), quarter_end(year, quarter))
    totals = ReportTotals(items=len(rows), completed=sum(row.status == DONE for row in rows),
                          cancelled=sum(row.status == "cancelled" for row in rows),
                          rates=count_rates(target.scope, now, period))
    return QuarterlyReport(year=year, quarter=quarter, title=report_title(year, quarter),
                           scope_label=_scope_label(target), printed_at=now,
                           cutoff=period.cutoff(local_today(now)), rows=rows, totals=totals,
                           target=target)


def _items(scope, in_year):
    """The year's items in the order of the plan: by area, pokja, due date."""
    no_area_last = sa.case((Area.id.is_(None), 1), else_=0)
    statement = (
        sa.select(ActionItem)
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .outerjoin(Area, Area.id == Pokja.area_id)
        .options(joinedload(ActionItem.pokja).joinedload(Pokja.area),
                 joinedload(ActionItem.agency), joinedload(ActionItem.owner))
        .where(*scope.clauses(), *in_year)
        .order_by(no_area_last, Area.position, Area.name, Pokja.name, ActionItem.due_date,
                  ActionItem.id)
    )
    return list(db.session.scalars(statement).unique())


def _quarters(scope, in_year):
    """{item id: {quarter: QuarterRealisation}} for the same items, one query."""
    statement = (sa.select(QuarterRealisation)
                 .join(ActionItem, ActionItem.id == QuarterRealisation.item_id)
                 .where(*scope.clauses(), *in_year))
    by_item = {}
    for row in db.session.scalars(statement):
        by_item.setdefault(row.item_id, {})[row.quarter] = row
    return by_item


def _achievement(item, quarters, quarter):
    so_far = [quarters[q] for q in QUARTERS
              if q <= quarter and q in quarters and quarters[q].target is not None]
    total_target = sum((q.target for q in so_far), Decimal(0))
    if total_target <= 0:
        return item.progress
    return achievement(total_target, sum((q.realisation or Decimal(0) for q in so_far),
                                         Decimal(0)))


def _row(number, item, quarters, quarter):
    this_quarter = quarters.get(quarter)
    area = item.pokja.area.name if item.pokja.area is not None else ""
    return ReportRow(
        number=number, item_id=item.id, area=area, title=item.title, output=item.output or "",
        indicator=item.indicator or "", target=item.target or "", unit=item.unit or "",
        quarter_targets=[quarters[q].target if q in quarters else None for q in QUARTERS],
        quarter_realisations=[quarters[q].realisation if q in quarters and q <= quarter
                              else None for q in QUARTERS],
        achievement=_achievement(item, quarters, quarter),
        obstacles=this_quarter.obstacles if this_quarter else "",
        follow_up=this_quarter.follow_up if this_quarter else "",
        owner=item.owner.name if item.owner is not None else "",
        agency=item.agency.name, status=item.status,
        status_label=str(STATUS_LABELS[item.status]),
        evidence_url=absolute_url("items.show_item", item_id=item.id) + "#evidence")
