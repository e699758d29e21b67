"""API shapes of user accounts.

Input models check JSON types and lengths strictly; the services check the
rest. ``UserOut.dump(user)`` is the one place a user becomes JSON; the
password (or its hash) is never part of it.
"""
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from rbtasks.i18n import LANGUAGE_CODES
from rbtasks.roles import ROLES
from rbtasks.accounts.users import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from rbtasks.inputs.ids import Id

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Email = Annotated[str, StringConstraints(min_length=1, max_length=254)]
Phone = Annotated[str, StringConstraints(max_length=40)]
Password = Annotated[str, StringConstraints(min_length=PASSWORD_MIN_LENGTH,
                                            max_length=PASSWORD_MAX_LENGTH)]
Role = Literal[ROLES]
Locale = Literal[LANGUAGE_CODES]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class UserCreate(_Input):
    name: Name
    email: Email
    role: Role
    password: Password
    agency_id: Id | None = None
    phone: Phone | None = None
    whatsapp_opt_in: bool = False
    locale: Locale = "id"
    active: bool = True
    is_evaluator: bool = False


class UserUpdate(_Input):
    name: Name = None
    email: Email = None
    role: Role = None
    agency_id: Id | None = None
    phone: Phone | None = None
    whatsapp_opt_in: bool = None
    locale: Locale = None
    active: bool = None
    is_evaluator: bool = None


class UserOut(BaseModel):
    id: int
    name: str
    email: str
    role: Role
    agency_id: int | None
    phone: str | None = Field(description="Mobile number as 62812…; input may be written "
                                           "0812-…, +62 812 … or 62812…")
    whatsapp_opt_in: bool = Field(description="Reminders also go to WhatsApp (needs phone)")
    locale: Locale
    active: bool
    is_evaluator: bool = Field(description="Evaluator PMPRB: reviews self-assessments "
                                           "(the Inspektorat's evaluators); admins set it")

    @classmethod
    def dump(cls, user):
        return cls(id=user.id, name=user.name, email=user.email, role=user.role,
                   agency_id=user.agency_id, phone=user.phone,
                   whatsapp_opt_in=bool(user.whatsapp_opt_in), locale=user.locale,
                   active=user.active,
                   is_evaluator=bool(user.is_evaluator)).model_dump()
