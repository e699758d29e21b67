"""A gap of a self-assessment becomes an action item in one step.

The item is made by the items' own service (:func:`rbtasks.items.services.
create_items`), so its permissions (the pokja's coordinators or admins),
validation, history and notices are the items' one mechanism; then a
:class:`~rbtasks.pmprb.models.GapItem` links it to the assessment and the
indicator, so the worksheet shows the gap's follow-up and the item page
shows where it came from.

Defaults: the pokja whose area is named as the indicator's ``area_name``;
the assessment's agency, else (a province assessment) the lead agency of
the pokja (the one given, or the area's); the title "Tindak lanjut PMPRB <code>: <question>".
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.items.services import create_items
from rbtasks.organisation.models import Area, Pokja
from rbtasks.pmprb.assessment_access import may_read
from rbtasks.pmprb.assessments import indicators_by_code
from rbtasks.pmprb.models import Assessment, GapItem, InstrumentNode

TITLE_LIMIT = 300
ITEM_FIELDS = ("title", "description", "pokja_id", "agency_id", "owner_id", "start_date",
               "due_date", "priority")


def _area_key(area_name):
    return " ".join((area_name or "").split()).lower()


def pokjas_by_area(area_names):
    """{area name (case and spaces aside): its pokja} for the names given, in
    one query; an area with several pokja gives the first made."""
    keys = {_area_key(name) for name in area_names} - {""}
    if not keys:
        return {}
    found = {}
    for area, pokja in db.session.execute(
            sa.select(sa.func.lower(Area.name), Pokja).join(Area, Pokja.area_id == Area.id)
            .where(sa.func.lower(Area.name).in_(keys)).order_by(Pokja.id)):
        found.setdefault(area, pokja)
    return found


def pokja_for_area(area_name):
    """The pokja of the area named ``area_name`` (case and spaces aside), or None."""
    return pokjas_by_area([area_name]).get(_area_key(area_name))


def default_title(indicator):
    # Item titles are the plan's data, read in every language: written as the sheet does.
    text = " ".join(f"Tindak lanjut PMPRB {indicator.code}: "
                    f"{indicator.question or indicator.name}".split())
    return text if len(text) <= TITLE_LIMIT else text[:TITLE_LIMIT - 1].rstrip() + "…"


def gap_defaults(assessment, indicator, by_area=None):
    """What the one-step form starts with: pokja, agency and title
    (``by_area``: :func:`pokjas_by_area` read once for a page of gaps)."""
    pokja = (pokja_for_area(indicator.area_name) if by_area is None
             else by_area.get(_area_key(indicator.area_name)))
    agency_id = assessment.agency_id
    if agency_id is None and pokja is not None:
        agency_id = pokja.lead_agency_id
    return {"pokja_id": pokja.id if pokja else None, "agency_id": agency_id,
            "title": default_title(indicator)}


def create_gap_item(actor, assessment, indicator_code, fields, now):
    """Make an action item to close the gap of ``indicator_code`` and link it.

    ``fields`` are the item's (owner and due date given; pokja, agency and
    title defaulted as the module says). Returns the item.
    """
    if not isinstance(assessment, Assessment) or not may_read(actor, assessment):
        raise ValidationError(_("Some fields are not valid."),
                              {"assessment": _("No such self-assessment.")})
    indicator = indicators_by_code(assessment).get(indicator_code) \
        if isinstance(indicator_code, str) else None
    if not isinstance(indicator, InstrumentNode):
        raise ValidationError(_("Some fields are not valid."),
                              {"indicator_code": _("No such indicator in this instrument.")})
    values = {name: value for name, value in fields.items()
              if name in ITEM_FIELDS and value not in (None, "")}
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(_("Some fields are not valid."),
                              {name: _("Unknown field.") for name in sorted(unknown)})
    defaults = gap_defaults(assessment, indicator)
    for name, value in defaults.items():
        values.setdefault(name, value)
    if values.get("pokja_id") is None:
        raise ValidationError(_("Some fields are not valid."), {"pokja_id": _(
            "No pokja works on the area “%(area)s”; choose the pokja.",
            area=indicator.area_name or "—")})
    if values.get("agency_id") is None and is_id(values["pokja_id"]):
        chosen = db.session.get(Pokja, values["pokja_id"])  # the pokja given, not the area's
        values["agency_id"] = chosen.lead_agency_id if chosen is not None else None
    values.setdefault("description", f"Kesenjangan penilaian mandiri "
                                     f"{assessment.instrument.name} {assessment.year}, "
                                     f"indikator {indicator.code}.")
    item = create_items(actor, [values], now)[0]
    db.session.add(GapItem(assessment_id=assessment.id, indicator_id=indicator.id,
                           item_id=item.id))
    db.session.flush()
    return item


def gap_of_item(item_id):
    """(assessment, indicator) an item was made from, or None."""
    row = db.session.execute(
        sa.select(Assessment, InstrumentNode)
        .join(GapItem, GapItem.assessment_id == Assessment.id)
        .join(InstrumentNode, InstrumentNode.id == GapItem.indicator_id)
        .where(GapItem.item_id == item_id)).first()
    return tuple(row) if row else None
