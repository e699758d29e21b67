"""Imports every model so Alembic and ``db.create_all`` see the whole schema."""
from rbtasks.accounts.models import ApiToken, PasswordResetToken, User  # noqa: F401
from rbtasks.calendarfeeds.models import CalendarFeedToken  # noqa: F401
from rbtasks.dataversion.models import DataVersion  # noqa: F401
from rbtasks.deadlines.models import ExtensionRequest  # noqa: F401
from rbtasks.evidence.models import Evidence  # noqa: F401
from rbtasks.imports.models import ImportKey  # noqa: F401
from rbtasks.meetings.models import AgendaPoint, Decision, DecisionItem, Meeting, MeetingAttendee  # noqa: F401,E501
from rbtasks.items.models import DATABASE_ONLY_COLUMNS, DATABASE_ONLY_INDEXES, ActionItem, ActivityEntry, Comment  # noqa: F401,E501
from rbtasks.notices.models import Notice, NoticePreference  # noqa: F401
from rbtasks.organisation.models import Agency, Area, Pokja  # noqa: F401
from rbtasks.outbox.models import JobLock, OutboxAttachment, OutboxEntry, OutboxMessage  # noqa: F401,E501
from rbtasks.pmprb.models import Assessment, AssessmentAnswer, GapItem, Instrument, InstrumentNode  # noqa: F401,E501
from rbtasks.rbindex.models import IndexScore  # noqa: F401
from rbtasks.realisation.models import QuarterRealisation  # noqa: F401
from rbtasks.settings_store.models import Setting  # noqa: F401
from rbtasks.snapshots.models import WeeklySnapshot  # noqa: F401
from rbtasks.workdays.models import CalendarOverride  # noqa: F401


def compared_with_models(obj, name, type_, reflected, compare_to):
    """Alembic's ``include_object``: everything but the indexes and virtual
    columns only some databases have (``DATABASE_ONLY_INDEXES``,
    ``DATABASE_ONLY_COLUMNS``), which no model declares."""
    if type_ == "index":
        return name not in DATABASE_ONLY_INDEXES
    if type_ == "column":
        return (obj.table.name, name) not in DATABASE_ONLY_COLUMNS
    return True
