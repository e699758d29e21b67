"""A pokja with realistic people, and helpers to read the notices they got."""
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from rbtasks.notices.models import Notice


@dataclass
class Cast:
    owner: object
    coordinator: object
    second_coordinator: object
    member: object
    head: object
    admin: object
    agency: object
    pokja: object
    item: object


@pytest.fixture
def cast(make_user, make_agency, make_pokja, make_item):
    agency = make_agency(name="Biro Organisasi Setda Provinsi NTT", code="BIRO-ORG",
                         head_name="Drs. Benediktus Ndun, M.Si.",
                         head_email="benediktus.ndun@nttprov.go.id")
    owner = make_user(name="Oktavianus Pello, S.H., M.H.", email="oktavianus.pello@nttprov.go.id",
                      agency=agency, locale="id")
    member = make_user(name="Maria Goreti Bere, S.E.", email="maria.bere@nttprov.go.id",
                       agency=agency, locale="id")
    head = make_user(role="agency_head", name="Drs. Benediktus Ndun, M.Si.",
                     email="benediktus.ndun@nttprov.go.id", agency=agency, locale="id")
    coordinator = make_user(role="coordinator", name="Yohanes Bosco Lado, S.STP., M.Si.",
                            email="yohanes.lado@nttprov.go.id", locale="id")
    second = make_user(role="coordinator", name="Dr. Fransiska Wula, M.Pd.",
                       email="fransiska.wula@nttprov.go.id", locale="en")
    admin = make_user(role="admin", name="Admin Biro Organisasi", email="admin.rb@nttprov.go.id")
    pokja = make_pokja(name="Pokja Penataan Tatalaksana", coordinators=[coordinator, second],
                       members=[owner, member])
    item = make_item(title="Penyusunan SOP pelayanan perizinan", pokja=pokja, owner=owner,
                     agency=agency, status="in_progress")
    return Cast(owner=owner, coordinator=coordinator, second_coordinator=second, member=member,
                head=head, admin=admin, agency=agency, pokja=pokja, item=item)


def notices_of(db, kind=None):
    """{recipient email: [(kind, note)]} of every notice (or those of ``kind``)."""
    statement = sa.select(Notice).order_by(Notice.id)
    if kind:
        statement = statement.where(Notice.kind == kind)
    found = {}
    for notice in db.session.scalars(statement):
        found.setdefault(notice.recipient.email, []).append((notice.kind, notice.note))
    return found
