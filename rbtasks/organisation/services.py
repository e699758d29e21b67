"""Reference data of the province: areas of change, agencies and pokja.

Anyone signed in may read them (owners and agencies are picked in forms);
only admins (or the operator at the command line) may change them. Areas are
deactivated, never deleted, so old action items keep their area. Names and
codes are unique regardless of case and accents, the same way on every database.
"""
import unicodedata

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from rbtasks.checks import (
    FieldErrors,
    check_known,
    clean_bool,
    clean_email,
    clean_name,
    clean_phone,
    clean_search,
    clean_text,
    get_or_404,
    is_id,
    reference,
    require_reader,
    require_writer,
)
from rbtasks.extensions import db
from rbtasks.paging import paginate
from rbtasks.organisation.models import Agency, Area, Pokja

AREA_FIELDS = ("name", "position", "active")
AGENCY_FIELDS = ("name", "code", "head_name", "head_email", "head_phone", "parent_id")
POKJA_FIELDS = ("name", "area_id", "lead_agency_id", "coordinator_ids", "member_ids")
MAX_POSITION = 100_000


def comparable(name):
    """``name`` as uniqueness sees it: ``Área Dua`` and ``area dua`` are one name.

    Compared in Python, not with SQL ``lower()``, which SQLite applies to ASCII
    only; accents are ignored as MariaDB's default collation ignores them, so
    no database accepts a name another refuses. The unique constraints stay
    as the last guard against two requests racing past this check.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _taken(column, value, except_id):
    """Whether another row already uses ``value`` in ``column``, as :func:`comparable`
    sees it. Reference data has tens of rows, so all of them are compared."""
    model = column.class_
    statement = sa.select(column)
    if except_id is not None:
        statement = statement.where(model.id != except_id)
    wanted = comparable(value)
    return any(comparable(existing) == wanted for existing in db.session.scalars(statement))


# ---- areas -----------------------------------------------------------------

def get_area(actor, area_id):
    require_reader(actor)
    return get_or_404(Area, area_id, _("That area does not exist."))


def list_areas(actor, *, active=None, page=1, per_page=100):
    """Areas in their display order (``position``), optionally only active ones."""
    require_reader(actor)
    statement = sa.select(Area).order_by(Area.position, Area.name, Area.id)
    if active is not None:
        statement = statement.where(Area.active.is_(active))
    return paginate(statement, page, per_page)


def area_options(actor, include=None):
    """Active areas for a picker, plus the one already chosen."""
    require_reader(actor)
    condition = Area.active.is_(True)
    if include is not None:
        condition = sa.or_(condition, Area.id == include.id)
    return db.session.scalars(sa.select(Area).where(condition).order_by(Area.position)).all()


def create_area(actor, **values):
    """Add an area; without a position it goes to the end of the list."""
    require_writer(actor)
    check_known(values, AREA_FIELDS)
    cleaned = _clean_area({"active": True, **values}, area=None)
    if cleaned.get("position") is None:
        highest = db.session.scalar(sa.select(sa.func.max(Area.position)))
        cleaned["position"] = min((highest or 0) + 1, MAX_POSITION)
    area = Area(**cleaned)
    db.session.add(area)
    db.session.flush()
    return area


def update_area(actor, area_id, **changes):
    """Rename, reorder or (de)activate an area."""
    require_writer(actor)
    check_known(changes, AREA_FIELDS)
    area = get_or_404(Area, area_id, _("That area does not exist."))
    for name, value in _clean_area(changes, area).items():
        setattr(area, name, value)
    db.session.flush()
    return area


def _clean_area(values, area):
    creating = area is None
    errors = FieldErrors()
    cleaned = {}
    if creating or "name" in values:
        name = cleaned["name"] = clean_text(errors, "name", values.get("name"), 200)
        if name and _taken(Area.name, name, None if creating else area.id):
            errors.add("name", _("An area with this name already exists."))
    position = values.get("position")
    if position is not None or (not creating and "position" in values):
        if isinstance(position, bool) or not isinstance(position, int) \
                or not 0 <= position <= MAX_POSITION:
            errors.add("position", _("Enter a whole number from 0 to %(max)d.", max=MAX_POSITION))
        cleaned["position"] = position
    if "active" in values:
        cleaned["active"] = clean_bool(errors, "active", values["active"])
    errors.raise_if_any()
    return cleaned


# ---- agencies --------------------------------------------------------------

def get_agency(actor, agency_id):
    require_reader(actor)
    return get_or_404(Agency, agency_id, _("That agency does not exist."))


def list_agencies(actor, *, q=None, page=1, per_page=25):
    """A page of agencies by name; ``q`` matches the name or the code."""
    require_reader(actor)
    text = clean_search(q)
    statement = sa.select(Agency).options(joinedload(Agency.parent))
    if text:
        statement = statement.where(sa.or_(
            sa.func.lower(Agency.name).contains(text, autoescape=True),
            sa.func.lower(Agency.code).contains(text, autoescape=True),
        ))
    return paginate(statement.order_by(Agency.name, Agency.id), page, per_page)


def agency_options(actor):
    """Every agency, by name, for a picker."""
    require_reader(actor)
    return db.session.scalars(sa.select(Agency).order_by(Agency.name)).all()


def find_agency_by_code(actor, code):
    """The agency with this short code (any case), or None."""
    require_reader(actor)
    code = (code or "").strip().lower()
    return db.session.scalar(sa.select(Agency).where(sa.func.lower(Agency.code) == code))


def create_agency(actor, **values):
    """Add an agency (Perangkat Daerah) with its head's contact details."""
    require_writer(actor)
    check_known(values, AGENCY_FIELDS)
    agency = Agency(**_clean_agency(values, agency=None))
    db.session.add(agency)
    db.session.flush()
    return agency


def update_agency(actor, agency_id, **changes):
    """Change an agency; a new parent may not be the agency or one below it."""
    require_writer(actor)
    check_known(changes, AGENCY_FIELDS)
    agency = get_or_404(Agency, agency_id, _("That agency does not exist."))
    for name, value in _clean_agency(changes, agency).items():
        setattr(agency, name, value)
    db.session.flush()
    return agency


def _clean_agency(values, agency):
    creating = agency is None
    errors = FieldErrors()
    cleaned = {}
    if creating or "name" in values:
        cleaned["name"] = clean_text(errors, "name", values.get("name"), 200)
    if creating or "code" in values:
        code = cleaned["code"] = clean_text(errors, "code", values.get("code"), 30)
        if code and _taken(Agency.code, code, None if creating else agency.id):
            errors.add("code", _("Another agency already has this code."))
    if creating or "head_name" in values:
        cleaned["head_name"] = clean_name(errors, "head_name", values.get("head_name"))
    if creating or "head_email" in values:
        cleaned["head_email"] = clean_email(errors, "head_email", values.get("head_email"))
    if "head_phone" in values:
        cleaned["head_phone"] = clean_phone(errors, "head_phone", values["head_phone"])
    if "parent_id" in values:
        parent = reference(errors, "parent_id", Agency, values["parent_id"],
                           _("That agency does not exist."))
        if parent is not None and not creating and _is_within(parent, agency):
            errors.add("parent_id", _("An agency cannot be placed under itself or an agency "
                                      "below it."))
        cleaned["parent_id"] = parent.id if parent else None
    errors.raise_if_any()
    return cleaned


def _is_within(candidate, agency):
    """Whether ``candidate`` is ``agency`` or one of the agencies below it."""
    seen = set()
    node = candidate
    while node is not None and node.id not in seen:
        if node.id == agency.id:
            return True
        seen.add(node.id)
        node = node.parent
    return False


# ---- pokja -----------------------------------------------------------------

def get_pokja(actor, pokja_id):
    require_reader(actor)
    return get_or_404(Pokja, pokja_id, _("That pokja does not exist."))


def list_pokjas(actor, *, area_id=None, page=1, per_page=25):
    """A page of pokja by name, with their area, lead agency and people loaded."""
    require_reader(actor)
    statement = sa.select(Pokja).options(
        joinedload(Pokja.area), joinedload(Pokja.lead_agency),
        selectinload(Pokja.coordinators), selectinload(Pokja.members),
    )
    if area_id is not None:
        statement = statement.where(Pokja.area_id == area_id)
    return paginate(statement.order_by(Pokja.name, Pokja.id), page, per_page)


def create_pokja(actor, **values):
    """Add a working group with its coordinators and members."""
    require_writer(actor)
    check_known(values, POKJA_FIELDS)
    cleaned = _clean_pokja(values, pokja=None)
    pokja = Pokja(**cleaned)
    db.session.add(pokja)
    db.session.flush()
    return pokja


def update_pokja(actor, pokja_id, **changes):
    """Change a pokja; coordinator and member lists replace the old ones."""
    require_writer(actor)
    check_known(changes, POKJA_FIELDS)
    pokja = get_or_404(Pokja, pokja_id, _("That pokja does not exist."))
    for name, value in _clean_pokja(changes, pokja).items():
        setattr(pokja, name, value)
    db.session.flush()
    return pokja


def _clean_pokja(values, pokja):
    creating = pokja is None
    errors = FieldErrors()
    cleaned = {}
    if creating or "name" in values:
        name = cleaned["name"] = clean_text(errors, "name", values.get("name"), 200)
        if name and _taken(Pokja.name, name, None if creating else pokja.id):
            errors.add("name", _("A pokja with this name already exists."))
    if "area_id" in values:
        cleaned["area"] = reference(errors, "area_id", Area, values["area_id"],
                                    _("That area does not exist."))
    if "lead_agency_id" in values:
        cleaned["lead_agency"] = reference(errors, "lead_agency_id", Agency,
                                           values["lead_agency_id"],
                                           _("That agency does not exist."))
    for field, attribute in (("coordinator_ids", "coordinators"), ("member_ids", "members")):
        if creating or field in values:
            cleaned[attribute] = _users(errors, field, values.get(field))
    errors.raise_if_any()
    return cleaned


def _users(errors, field, ids):
    """The users with these ids (duplicates ignored); an error names unknown ids."""
    if ids is None:
        return []
    if not isinstance(ids, (list, tuple)) or not all(is_id(user_id) for user_id in ids):
        errors.add(field, _("Must be a list of user ids."))
        return []
    # Imported here: rbtasks.accounts.models imports this package.
    from rbtasks.accounts.models import User

    wanted = set(ids)
    users = db.session.scalars(sa.select(User).where(User.id.in_(wanted))).all() if wanted else []
    missing = wanted - {user.id for user in users}
    if missing:
        errors.add(field, _("These users do not exist: %(ids)s.",
                            ids=", ".join(str(user_id) for user_id in sorted(missing))))
    return sorted(users, key=lambda user: user.name)
