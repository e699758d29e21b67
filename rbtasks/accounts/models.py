"""User accounts, API tokens and password-reset tokens."""
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from rbtasks.roles import ROLES
from rbtasks.extensions import db
from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator, pokja_member
from rbtasks.timeutil import UTCDateTime

_ROLE_LIST = ", ".join(f"'{role}'" for role in ROLES)


class User(UserMixin, db.Model):
    """A person who signs in. Emails are stored lower-cased, so unique means
    unique regardless of case on every database."""

    __tablename__ = "user"
    __table_args__ = (
        sa.CheckConstraint(f"role IN ({_ROLE_LIST})", name="role_valid"),
        sa.CheckConstraint("locale IN ('id', 'en')", name="locale_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255), default="")
    role: Mapped[str] = mapped_column(sa.String(20))
    agency_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agency.id", ondelete="SET NULL"), index=True
    )
    # A mobile number as 62812… (rbtasks.inputs.phone.normalise_phone).
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    # Reminders (and notices) also go to WhatsApp; only with a phone number.
    whatsapp_opt_in: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    locale: Mapped[str] = mapped_column(sa.String(5), default="id")
    active: Mapped[bool] = mapped_column(default=True)
    # Coordinators may turn off their weekly digest; overdue and escalation
    # mail cannot be turned off.
    wants_digest: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # The Inspektorat's evaluators review self-assessments (rbtasks.pmprb): a
    # permission of its own, beside the role, not a kind of coordinating.
    is_evaluator: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    agency: Mapped[Agency | None] = relationship()
    coordinated_pokjas: Mapped[list[Pokja]] = relationship(
        secondary=pokja_coordinator, back_populates="coordinators"
    )
    member_pokjas: Mapped[list[Pokja]] = relationship(
        secondary=pokja_member, back_populates="members"
    )

    # Flask-Login: an inactive account cannot sign in or keep a session.
    @property
    def is_active(self):
        return self.active

    def set_password(self, password):
        # Werkzeug's default is scrypt, a memory-hard KDF.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def __repr__(self):
        return f"<User {self.email} {self.role}>"


class ApiToken(db.Model):
    """A bearer token for the JSON API. Only its SHA-256 digest is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class PasswordResetToken(db.Model):
    """A single-use, time-limited password reset. Only the digest is stored."""

    __tablename__ = "password_reset_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
