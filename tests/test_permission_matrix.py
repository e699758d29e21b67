"""Issue 2's role × endpoint matrix: every page route and API endpoint, tried
by every role, against the outcome the role rules give (tests/matrix_cases.py).

One cast is built per test. After every request that could write, all rows
of every table are compared with the rows before it: a refused request must
leave them identical, a successful write must change them — and is then
undone row by row, so each request meets the same cast.
"""
import io
import re
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from tests.conftest import page_csrf
from tests.matrix_cases import CASES, LOGIN, OK, PDF, ROLES, SIGNED_IN

# Rows are compared and put back through connections of their own: real commits.
pytestmark = pytest.mark.real_commits

NOT_SIGNED_IN = "signed out"  # a redirect to /login that no rule asked for


# ---- every route has a case ---------------------------------------------------

def _routes(app):
    """(endpoint, method) → rule, for every rule but the static files (the
    app's and any blueprint's), which are public by design."""
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and not rule.endpoint.endswith(".static"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes[(rule.endpoint, method)] = rule.rule
    return routes


def _suggestion(endpoint, method, rule):
    helper, table = ("api", "API_CASES") if endpoint.startswith("api.") else ("page", "PAGE_CASES")
    url = re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule)
    return (f'{method} {rule} (endpoint {endpoint}) has no case. Add to {table} in '
            f'tests/matrix_cases.py:\n    {helper}("{endpoint}", "{method}", "{url}", '
            f'ok="...", forbidden="...", hidden="...", body=...)\n  naming every role of '
            f'{" ".join(SIGNED_IN)} once, from the rules (placeholders: the Ids fields).')


def test_every_route_and_method_has_a_case(app):
    routes = _routes(app)
    covered = {(case.endpoint, case.method) for case in CASES}
    missing = [_suggestion(endpoint, method, rule)
               for (endpoint, method), rule in sorted(routes.items())
               if (endpoint, method) not in covered]
    stale = [f"{method} {endpoint}: no such route any more; remove its case"
             for endpoint, method in sorted(covered - set(routes))]
    assert not missing and not stale, "\n".join(missing + stale)


def test_each_case_url_reaches_its_endpoint(app):
    adapter = app.url_map.bind("localhost")
    placeholders = {name: 1 for name in Ids.__dataclass_fields__} | {"reset": "abc"}
    wrong = []
    for case in CASES:
        endpoint, _args = adapter.match(case.url.format(**placeholders), method=case.method)
        if endpoint != case.endpoint:
            wrong.append(f"{case.name}: reaches {endpoint}, not {case.endpoint}")
    assert not wrong, "\n".join(wrong)


# ---- the cast --------------------------------------------------------------

@dataclass(frozen=True)
class Ids:
    item: int
    link: int
    file: int
    extension: int
    area: int
    agency: int
    pokja: int
    pokja_p: int
    agency_a: int
    user: int
    user_email: str
    owner: int
    owner_email: str
    coord_q: int
    token: int
    reset: str
    message: int
    override: int
    score: int
    meeting: int
    feed: str
    head_feed: str
    due: date
    later_due: date
    version: int = 1
    assessment: int = 0  # agency A's PMPRB self-assessment (rbtasks.pmprb)
    indicator: int = 0  # its indicator A.1.2, whose area is pokja P's
    instrument: int = 0  # the instrument it answers
    spare_instrument: int = 0  # an instrument no assessment uses (it may be deleted)
    decision: int = 0
    meeting_link: int = 0


@dataclass
class Cast:
    app: object
    ids: Ids
    sessions: dict  # role → a signed-in page client (anon: a client that is not)
    csrf: dict  # role → the CSRF token of that session
    api: dict  # role → ApiClient with the role's bearer token

    def page_client(self, role):
        """A client carrying a copy of the role's session, so that signing out,
        a new password or a language choice never reaches the next request."""
        name = self.app.config.get("SESSION_COOKIE_NAME", "session")
        cookie = self.sessions[role].get_cookie(name)
        twin = self.app.test_client()
        if cookie is not None:
            twin.set_cookie(cookie.key, cookie.value)
        return twin


@pytest.fixture
def cast(app, db, make_user, make_agency, make_area, make_pokja, make_item, login, api):
    from rbtasks.accounts.models import PasswordResetToken
    from rbtasks.accounts.services import token_digest
    from rbtasks.accounts.tokens import create_api_token
    from rbtasks.calendarfeeds.tokens import feed_token
    from rbtasks.deadlines.services import request_extension
    from rbtasks.evidence.services import add_file_evidence, add_link_evidence
    from rbtasks.outbox.models import OutboxEntry, OutboxMessage
    from rbtasks.rbindex.models import IndexScore
    from rbtasks.timeutil import local_today, utc_now
    from rbtasks.workdays.models import CalendarOverride

    # Reset links and extension dates are checked against the real clock.
    now = utc_now()
    today = local_today(now)
    agency_a = make_agency()
    people = {
        "admin": make_user(role="admin"), "leader": make_user(role="leader"),
        "coord_p": make_user(role="coordinator"),
        "head_a": make_user(role="agency_head", agency=agency_a),
        "owner": make_user(role="member", agency=agency_a), "member": make_user(role="member"),
        "coord_q": make_user(role="coordinator"),
        "evaluator": make_user(role="member", is_evaluator=True,
                               name="Dr. Maria Bessie, S.Kom., M.T."),
    }
    owner = people["owner"]
    colleague = make_user(role="member", agency=agency_a)
    pokja_p = make_pokja(coordinators=[people["coord_p"]],
                         members=[owner, people["member"], people["evaluator"]])
    pokja_q = make_pokja(coordinators=[people["coord_q"]])
    item = make_item(pokja=pokja_p, agency=agency_a, owner=owner, status="in_progress",
                     due_date=today + timedelta(days=60))
    link = add_link_evidence(owner, item, "tautan", "Notulen", "https://ntt.go.id/rb/1", now)
    file = add_file_evidence(owner, item, "laporan", "Laporan", io.BytesIO(PDF), "laporan.pdf",
                             now)
    extension = request_extension(owner, item, today + timedelta(days=90), "Menunggu SK", now)
    token, _plain = create_api_token(owner, "laptop", now)
    reset = "matrix-reset-link-token"
    db.session.add(PasswordResetToken(user=owner, token_hash=token_digest(reset),
                                      created_at=now, expires_at=now + timedelta(hours=1)))
    override = CalendarOverride(day=date(2027, 3, 3), working=False, name="Libur daerah",
                                created_at=now)
    message = OutboxMessage(  # a reminder about I that could not be delivered
        kind="reminder", recipient_email=owner.email, recipient_user_id=owner.id,
        subject="[RB] Pengingat", body_text="-", body_html="<p>-</p>", status="failed",
        message_id="<matrix@rbtasks.test>", attempts=6, planned_at=now, next_attempt_at=now,
        last_error="550 mailbox unavailable")
    message.entries.append(OutboxEntry(item_id=item.id, stage="overdue", due_date=item.due_date,
                                       period=1, recipient_email=owner.email))
    score = IndexScore(year=2019, score=Decimal("60.37"), source_note="LHE KemenPANRB",
                       updated_at=now)
    db.session.add_all([override, message, score])
    # Everyone has a calendar feed already, so reading its address writes nothing.
    feeds = {role: feed_token(user, now) for role, user in people.items()}
    meeting, decision, meeting_link = _monev_meeting(people, pokja_p, agency_a, owner, now)
    db.session.commit()
    assessment, indicator, instrument, spare = _pmprb_cast(db, now, people["admin"], agency_a,
                                                           pokja_p)

    ids = Ids(item=item.id, link=link.id, file=file.id, extension=extension.id,
              area=make_area().id, agency=make_agency().id, pokja=pokja_q.id,
              pokja_p=pokja_p.id, agency_a=agency_a.id, user=colleague.id,
              user_email=colleague.email, owner=owner.id, owner_email=owner.email,
              coord_q=people["coord_q"].id, token=token.id, reset=reset,
              message=message.id, override=override.id, score=score.id, meeting=meeting.id,
              feed=feeds["owner"], head_feed=feeds["head_a"],
              due=item.due_date, later_due=today + timedelta(days=120), version=item.version,
              assessment=assessment, indicator=indicator, instrument=instrument,
              spare_instrument=spare,
              decision=decision.id, meeting_link=meeting_link.id)
    sessions = {role: login(user) for role, user in people.items()}
    sessions["anon"] = app.test_client()
    csrf = {role: page_csrf(client, "/login" if role == "anon" else "/profile")
            for role, client in sessions.items()}
    api_clients = {role: api(user) for role, user in people.items()}
    db.session.commit()
    db.session.close()
    return Cast(app, ids, sessions, csrf, api_clients)


def _pmprb_cast(db, now, admin, agency_a, pokja_p):
    """Agency A's self-assessment of the issue's example instrument, whose
    sub-component A.1 serves pokja P's area; A.1.1 answered "ya" and
    submitted (for the evaluator to review or return), A.1.2 answered 50 as a
    draft (for the unit to change and submit); and a spare instrument no
    assessment uses."""
    from rbtasks.pmprb.assessments import (
        create_assessment, indicators_by_code, save_answers, submit_answers,
    )
    from tests.pmprb.conftest import EXAMPLE, build_instrument

    spec = {**EXAMPLE, "components": [{**EXAMPLE["components"][0], "area": pokja_p.area.name}]}
    instrument = build_instrument(db, spec, now)
    assessment = create_assessment(admin, {"instrument_id": instrument.id, "year": 2026,
                                           "agency_id": agency_a.id}, now)
    save_answers(admin, assessment, [{"indicator_code": "A.1.1", "self_answer": "ya"}], now)
    submit_answers(admin, assessment, now)
    save_answers(admin, assessment, [{"indicator_code": "A.1.2", "self_answer": "50"}], now)
    spare = build_instrument(db, {**EXAMPLE, "name": "Instrumen cadangan"}, now)
    db.session.commit()
    return assessment.id, indicators_by_code(assessment)["A.1.2"].id, instrument.id, spare.id


def _monev_meeting(people, pokja_p, agency_a, owner, now):
    """A monev meeting with a decision followed up by an item of P, and a link on it."""
    from datetime import datetime, timezone

    from rbtasks.evidence.services import attach_link
    from rbtasks.meetings.decisions import add_decision
    from rbtasks.meetings.services import record_meeting

    meeting = record_meeting(people["coord_p"], {
        "title": "Rapat monev TW IV", "held_at": datetime(2026, 9, 7, 1, tzinfo=timezone.utc),
        "place": "Kupang", "chair": "Drs. Yohanes Tukan, M.Si.", "note_taker": "Notulis",
        "attendees": [{"user_id": owner.id}]}, now)
    decision = add_decision(people["coord_p"], meeting, "Peta proses bisnis disahkan.", [{
        "title": "Peta proses bisnis", "pokja_id": pokja_p.id, "agency_id": agency_a.id,
        "owner_id": owner.id, "due_date": date(2027, 3, 31)}], now)
    link = attach_link(people["coord_p"], "meeting", meeting, "foto", "Foto rapat",
                       "https://ntt.go.id/rb/foto-rapat", now)
    return meeting, decision, link


# ---- all the rows ----------------------------------------------------------

class Rows:
    """Every row of every table, to compare and to put back."""

    # Bookkeeping of the bearer-token check (when a token was last used), not a
    # change anybody asked for.
    IGNORED = {"api_token": {"last_used_at"}}

    def __init__(self, engine):
        self.engine = engine
        metadata = sa.MetaData()
        metadata.reflect(bind=engine)
        self.order = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
        self.tables = {table.name: table for table in self.order}
        # Columns the database computes (MariaDB's virtual columns, migration
        # 0015): compared like any other, never written back.
        self.computed = {table.name: {column.name for column in table.columns
                                      if column.computed is not None} for table in self.order}

    def take(self):
        with self.engine.connect() as connection:
            return {table.name: self._rows(connection, table) for table in self.order}

    def _rows(self, connection, table):
        ignored = self.IGNORED.get(table.name, set())
        rows = {}
        for row in connection.execute(sa.select(table)).mappings():
            values = {name: None if name in ignored else value for name, value in row.items()}
            key = [column.name for column in table.primary_key] or list(values)
            rows[tuple(values[name] for name in key)] = values
        return rows

    @staticmethod
    def changed_tables(before, after):
        return [name for name in before if before[name] != after[name]]

    def restore(self, current, target):
        """Turn the rows ``current`` into ``target``: delete, insert, update."""
        with self.engine.begin() as connection:
            for table in reversed(self.order):
                for key in current[table.name].keys() - target[table.name].keys():
                    connection.execute(table.delete().where(*self._match(table, key)))
            for table in self.order:
                now, wanted = current[table.name], target[table.name]
                ignored = self.IGNORED.get(table.name, set()) | self.computed[table.name]
                for key, values in wanted.items():
                    if key not in now:
                        connection.execute(table.insert().values(
                            {name: value for name, value in values.items()
                             if name not in self.computed[table.name]}))
                    elif now[key] != values:
                        changes = {name: value for name, value in values.items()
                                   if name not in ignored and now[key][name] != value}
                        connection.execute(table.update().where(*self._match(table, key))
                                           .values(changes))

    @staticmethod
    def _match(table, key):
        columns = list(table.primary_key) or list(table.columns)
        return [column.is_(None) if value is None else column == value
                for column, value in zip(columns, key)]

    def prepare(self, step, ids):
        with self.engine.begin() as connection:
            step(connection, self.tables, ids)

    def item_version(self, item_id):
        table = self.tables["action_item"]
        with self.engine.connect() as connection:
            return connection.scalar(sa.select(table.c.version).where(table.c.id == item_id))


# ---- running the cases -----------------------------------------------------

def send(case, role, cast, ids):
    url = case.url.format(**asdict(ids))
    body = case.body(ids) if case.body else None
    if case.is_api:
        if role == "anon":
            client, headers = cast.app.test_client(), {}
        else:
            client, headers = cast.api[role].client, cast.api[role].headers
        payload = {} if case.method == "GET" else (
            {"data": body} if case.multipart else {"json": body})
        return client.open(url, method=case.method, headers=headers, **payload)
    client = cast.page_client(role)
    if case.method == "GET":
        return client.get(url)
    return client.open(url, method=case.method,
                       data={**(body or {}), "csrf_token": cast.csrf[role]})


def outcome_of(response, case):
    """ok, login (a redirect to /login?next=…), or the refusing status code."""
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("Location", ""))
        if target.path == "/login":
            if "next=" in target.query:
                return LOGIN
            return OK if case.lands_on_login else NOT_SIGNED_IN
        return OK
    return OK if 200 <= status < 300 else status


def _detail(response):
    status = response.status_code
    if 300 <= status < 400:
        return f"{status} → {response.headers.get('Location', '')}"
    body = response.get_json(silent=True) if response.is_json else None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return f"{status} {body['error'].get('message', '')}"[:120]
    return str(status)


def run_case(case, cast, rows, baseline):
    """Try the case as every role, refusals first; return the disagreements."""
    from rbtasks.extensions import limiter

    start = baseline
    if case.prepare:
        rows.prepare(case.prepare, cast.ids)
        start = rows.take()
    ids = replace(cast.ids, version=rows.item_version(cast.ids.item))
    problems = []
    for role in sorted(ROLES, key=lambda name: case.expected[name] == OK):
        limiter.reset()
        expected = case.expected[role]
        try:
            response = send(case, role, cast, ids)
        except Exception as error:  # TESTING propagates a 500's exception; keep going
            outcome, detail = 500, f"{type(error).__name__}: {error}"[:120]
        else:
            outcome, detail = outcome_of(response, case), _detail(response)
        if outcome != expected:
            problems.append((case.name, role, expected, outcome, detail))
        if case.method == "GET":
            continue
        after = rows.take()
        changed = rows.changed_tables(start, after)
        refused = outcome != OK or expected != OK  # by the app, the rules, or both
        if changed and refused:
            problems.append((case.name, role, "no change", "changed", ", ".join(changed)))
        elif not changed and not refused and case.writes:
            problems.append((case.name, role, "a change", "none", detail))
        if changed:
            rows.restore(after, start)
    if start is not baseline:
        rows.restore(start, baseline)
    return problems


def test_every_role_gets_the_outcome_its_rules_give(app, db, cast):
    rows = Rows(db.engine)
    baseline = rows.take()
    problems = []
    for case in CASES:
        problems.extend(run_case(case, cast, rows, baseline))
    assert rows.take() == baseline, "the cast was not put back"
    lines = [f"{name:52} {role:8} expected {expected!s:9} got {outcome!s:9} {detail}"
             for name, role, expected, outcome, detail in problems]
    assert not problems, f"{len(problems)} disagreements with the role rules:\n" + "\n".join(lines)
