"""API shapes of areas, agencies and pokja.

Input models check JSON types and lengths (strict: no "3" for 3, no 1 for
true, no unknown fields); the services check the rest. Output models are what
the API answers with: ``Model.dump(row)`` is the one place a row becomes JSON,
and the OpenAPI document shows the same models.
"""
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from rbtasks.inputs.ids import Id
from rbtasks.organisation.services import MAX_POSITION

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=30)]
Email = Annotated[str, StringConstraints(min_length=1, max_length=254)]
Phone = Annotated[str, StringConstraints(max_length=40)]
Position = Annotated[int, Field(ge=0, le=MAX_POSITION)]
IdList = Annotated[list[Id], Field(max_length=500)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class AreaCreate(_Input):
    name: Name
    position: Position | None = None
    active: bool = True


class AreaUpdate(_Input):
    name: Name = None
    position: Position = None
    active: bool = None


class AreaOut(BaseModel):
    id: int
    name: str
    position: int
    active: bool

    @classmethod
    def dump(cls, area):
        return cls(id=area.id, name=area.name, position=area.position,
                   active=area.active).model_dump()


class AgencyCreate(_Input):
    name: Name
    code: Code
    head_name: Name
    head_email: Email
    head_phone: Phone | None = None
    parent_id: Id | None = None


class AgencyUpdate(_Input):
    name: Name = None
    code: Code = None
    head_name: Name = None
    head_email: Email = None
    head_phone: Phone | None = None
    parent_id: Id | None = None


class AgencyOut(BaseModel):
    id: int
    name: str
    code: str
    head_name: str
    head_email: str | None
    head_phone: str | None
    parent_id: int | None

    @classmethod
    def dump(cls, agency):
        return cls(id=agency.id, name=agency.name, code=agency.code,
                   head_name=agency.head_name, head_email=agency.head_email,
                   head_phone=agency.head_phone, parent_id=agency.parent_id).model_dump()


class PokjaCreate(_Input):
    name: Name
    area_id: Id | None = None
    lead_agency_id: Id | None = None
    coordinator_ids: IdList = []
    member_ids: IdList = []


class PokjaUpdate(_Input):
    name: Name = None
    area_id: Id | None = None
    lead_agency_id: Id | None = None
    coordinator_ids: IdList = None
    member_ids: IdList = None


class PokjaOut(BaseModel):
    id: int
    name: str
    area_id: int | None
    lead_agency_id: int | None
    coordinator_ids: list[int]
    member_ids: list[int]

    @classmethod
    def dump(cls, pokja):
        return cls(id=pokja.id, name=pokja.name, area_id=pokja.area_id,
                   lead_agency_id=pokja.lead_agency_id,
                   coordinator_ids=sorted(user.id for user in pokja.coordinators),
                   member_ids=sorted(user.id for user in pokja.members)).model_dump()
